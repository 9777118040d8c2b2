package peerplaypay

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// A loudness map is how loud a recording is, LoudnessRate values a second.
// It travels with a log so that a peer's player can jump over the silences
// without decoding the sound first (a recording is not even downloaded when
// its log arrives). It is compact on purpose: one character per tenth of a
// second, 1.8 kB for a 3-minute stand-up, small beside the event's table.
//
// Each value is the RMS level of its tenth of a second in whole dBFS, from
// LoudnessFloorDB (value 0, and anything quieter) to 0 dBFS (value 63),
// written as one character of the base64url alphabet ("A" is 0, "_" is 63).
const (
	LoudnessRate    = 10
	LoudnessStepMs  = 1000 / LoudnessRate
	LoudnessFloorDB = -63
	// MaxLoudnessValues bounds a map to four hours: far past the longest
	// recording the app makes, and still small enough to read at once.
	MaxLoudnessValues = 4 * 3600 * LoudnessRate
)

// Skipping silence: a stretch quieter than the threshold for at least
// MinSilenceMs is skipped, except SilenceKeepMs at each of its ends, so
// that the words around it are not clipped and a pause still sounds like
// one. The threshold follows the recording's own background: a quiet room
// and a noisy one both have silences, at different levels.
const (
	MinSilenceMs  = 700
	SilenceKeepMs = 100
	// The threshold is the recording's floor (its quietest tenth
	// percentile) plus silenceMarginDB, held between the two bounds: never
	// so low that a quiet room's hiss counts as speech, never so high that
	// soft speech counts as silence.
	silenceMarginDB  = 12
	silenceMinThrDB  = -50
	silenceMaxThrDB  = -35
	loudnessAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
)

// Loudness is an encoded loudness map; "" when a log has none (a text log,
// a recording without sound, one recovered after a crash, or one made by an
// app that kept no map): such a log plays in full.
type Loudness string

// LoudnessValue maps a level in dBFS to a map's value.
func LoudnessValue(db float64) byte {
	if math.IsNaN(db) || db <= LoudnessFloorDB {
		return 0
	}
	return byte(min(63, math.Round(db-LoudnessFloorDB)))
}

// EncodeLoudness writes values (each 0..63; larger ones are held to 63).
func EncodeLoudness(values []byte) Loudness {
	var b strings.Builder
	b.Grow(len(values))
	for _, v := range values {
		b.WriteByte(loudnessAlphabet[min(v, 63)])
	}
	return Loudness(b.String())
}

// Values decodes the map, refusing any character outside the alphabet and
// a map longer than MaxLoudnessValues.
func (l Loudness) Values() ([]byte, error) {
	if len(l) > MaxLoudnessValues {
		return nil, fmt.Errorf("the loudness map holds %d values, more than the %d of four hours", len(l), MaxLoudnessValues)
	}
	out := make([]byte, len(l))
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case c >= 'A' && c <= 'Z':
			out[i] = c - 'A'
		case c >= 'a' && c <= 'z':
			out[i] = c - 'a' + 26
		case c >= '0' && c <= '9':
			out[i] = c - '0' + 52
		case c == '-':
			out[i] = 62
		case c == '_':
			out[i] = 63
		default:
			return nil, fmt.Errorf("the loudness map holds %q at value %d, which is not a base64url character", c, i)
		}
	}
	return out, nil
}

// Check tells whether the map fits a recording of durationMs: well formed,
// and as long as the recording give or take two seconds and 2 % (the sound
// may start a little after the picture, and a pause is left out of both).
// A reader applies it to what a peer sent, since a modified client writes
// anything; a map that fails is dropped and the log plays in full.
func (l Loudness) Check(durationMs int64) error {
	if l == "" {
		return nil
	}
	if _, err := l.Values(); err != nil {
		return err
	}
	if durationMs <= 0 {
		return fmt.Errorf("a loudness map on a log without a recording's length")
	}
	mapMs := int64(len(l)) * LoudnessStepMs
	if d := mapMs - durationMs; d > 2000+durationMs/50 || d < -(2000+durationMs/50) {
		return fmt.Errorf("the loudness map covers %d ms of a %d ms recording", mapMs, durationMs)
	}
	return nil
}

// Skip is a stretch of silence the player jumps over: on reaching FromMs it
// goes on at ToMs.
type Skip struct {
	FromMs int64 `json:"fromMs"`
	ToMs   int64 `json:"toMs"`
}

// SilenceThreshold is the value under which the map's values count as
// silence.
func SilenceThreshold(values []byte) byte {
	if len(values) == 0 {
		return 0
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	floor := int(sorted[len(sorted)/10]) + LoudnessFloorDB
	thr := min(max(floor+silenceMarginDB, silenceMinThrDB), silenceMaxThrDB)
	return byte(thr - LoudnessFloorDB)
}

// Skips returns the silences of a recording of durationMs that a player
// skips, in order. A silence that runs to the end skips to the end.
func Skips(values []byte, durationMs int64) []Skip {
	thr := SilenceThreshold(values)
	var out []Skip
	add := func(start, end int) {
		if (end-start)*LoudnessStepMs < MinSilenceMs {
			return
		}
		from := int64(start*LoudnessStepMs) + SilenceKeepMs
		to := int64(end*LoudnessStepMs) - SilenceKeepMs
		if end == len(values) || (durationMs > 0 && to >= durationMs) {
			to = max(durationMs, int64(end*LoudnessStepMs))
		}
		if start == 0 {
			from = 0 // nothing to keep before a silence that opens the recording
		}
		if to > from {
			out = append(out, Skip{FromMs: from, ToMs: to})
		}
	}
	start := -1
	for i, v := range values {
		switch {
		case v < thr && start < 0:
			start = i
		case v >= thr && start >= 0:
			add(start, i)
			start = -1
		}
	}
	if start >= 0 {
		add(start, len(values))
	}
	return out
}

// SkipsOf decodes a map and returns its skips; none when it has no map or
// one that does not fit the recording.
func SkipsOf(l Loudness, durationMs int64) []Skip {
	if l == "" || l.Check(durationMs) != nil {
		return nil
	}
	values, _ := l.Values()
	return Skips(values, durationMs)
}

// PlayMs is how long a recording of durationMs takes to play at rate
// (1, 1.5, 2...) when the skips are jumped over.
func PlayMs(durationMs int64, skips []Skip, rate float64) float64 {
	left := durationMs
	for _, s := range skips {
		left -= min(s.ToMs, durationMs) - min(s.FromMs, durationMs)
	}
	if rate <= 0 {
		rate = 1
	}
	return float64(max(left, 0)) / rate
}

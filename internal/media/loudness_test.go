//go:build !nocodecs

package media

import (
	"encoding/binary"
	"math"
	"os/exec"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// decodedLoudness decodes a recording's sound with ffmpeg (a decoder of its
// own) and measures it the way the map does, one value per tenth of a
// second.
func decodedLoudness(t *testing.T, path string) []byte {
	t.Helper()
	pcm, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-vn", "-f", "s16le", "-ac", "1", "-ar", "48000", "-").Output()
	if err != nil {
		t.Fatalf("ffmpeg decode %s: %v", path, err)
	}
	const per = 48000 / peerplaypay.LoudnessRate
	var out []byte
	for i := 0; i+2*per <= len(pcm); i += 2 * per {
		var sum float64
		for j := 0; j < per; j++ {
			v := float64(int16(binary.LittleEndian.Uint16(pcm[i+2*j:]))) / 32768
			sum += v * v
		}
		db := math.Inf(-1)
		if sum > 0 {
			db = 10 * math.Log10(sum/per)
		}
		out = append(out, peerplaypay.LoudnessValue(db))
	}
	return out
}

// TestLoudnessMapOfPauses records the synthetic microphone that stops for 2
// s after every 3 s, and checks the map against the silences it made and
// against the sound in the file as ffmpeg decodes it.
func TestLoudnessMapOfPauses(t *testing.T) {
	needFFmpeg(t)
	res, path := record(t, RecordParams{AudioDeviceID: SyntheticPausesID}, func(r *Recorder) {
		time.Sleep(8 * time.Second)
	})
	values, err := res.Loudness.Values()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(values); n < 78 || n > 82 {
		t.Fatalf("the map holds %d values for %v; want about 80", n, res.Duration)
	}
	if err := res.Loudness.Check(res.Duration.Milliseconds()); err != nil {
		t.Errorf("the map does not fit its own recording: %v", err)
	}
	// The tone (-15 dBFS RMS at its loudest) for 3 s, then digital silence
	// for 2 s; a tenth of a second either side of each change is left alone.
	for i, v := range values {
		at := i % 50
		switch {
		case at >= 1 && at <= 28 && (v < 25 || v > 50):
			t.Errorf("value %d (%.1f s) is %d; want the tone's level", i, float64(i)/10, v)
		case at >= 31 && at <= 48 && v != 0:
			t.Errorf("value %d (%.1f s) is %d; want silence", i, float64(i)/10, v)
		}
	}
	skips := peerplaypay.Skips(values, res.Duration.Milliseconds())
	if len(skips) < 1 || len(skips) > 2 {
		t.Fatalf("skips = %v; want the pause at 3 s (and one at the end, if the recording ran into it)", skips)
	}
	if s := skips[0]; math.Abs(float64(s.FromMs-3100)) > 150 || math.Abs(float64(s.ToMs-4900)) > 150 {
		t.Errorf("first skip %v; want about 3100..4900 ms", s)
	}
	t.Logf("map %q, skips %v", res.Loudness, skips)

	// The map matches the sound in the file, value for value, but for the
	// tenths around each change (Opus smears an edge over a few ms).
	decoded := decodedLoudness(t, path)
	if d := len(decoded) - len(values); d < -3 || d > 3 {
		t.Fatalf("decoded %d tenths; the map has %d", len(decoded), len(values))
	}
	off := 0
	for i := 0; i < min(len(values), len(decoded)); i++ {
		a, b := int(values[i]), int(decoded[i])
		if a-b > 4 || b-a > 4 {
			off++
		}
	}
	if off > 6 {
		t.Errorf("%d of %d values differ from the decoded sound by more than 4 dB\nmap     %v\ndecoded %v", off, len(values), values, decoded)
	}
}

// TestLoudnessMapOfSpeech: the plain synthetic tone (loud, then quieter,
// never silent) has no silence to skip.
func TestLoudnessMapOfSpeech(t *testing.T) {
	res, _ := record(t, RecordParams{AudioDeviceID: SyntheticID}, func(r *Recorder) {
		time.Sleep(3 * time.Second)
	})
	values, err := res.Loudness.Values()
	if err != nil || len(values) < 28 {
		t.Fatalf("map %q: %v", res.Loudness, err)
	}
	if s := peerplaypay.Skips(values, res.Duration.Milliseconds()); len(s) != 0 {
		t.Errorf("skips %v in a recording without silence", s)
	}
}

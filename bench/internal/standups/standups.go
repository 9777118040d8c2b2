// Package standups makes up stand-ups' loudness maps for benchmarks: speech
// in runs of one to a few seconds, pauses short and long, in a room with a
// little background noise.
package standups

import (
	"math/rand/v2"

	"peerplaypay/internal/peerplaypay"
)

// Map returns the loudness map of a recording of durationMs of which about
// silence (0..1) is pauses: half of them short (0.3 to 0.6 s, kept by the
// player), half long (1 to 4 s).
func Map(rng *rand.Rand, durationMs int64, silence float64) peerplaypay.Loudness {
	n := int(durationMs / peerplaypay.LoudnessStepMs)
	values := make([]byte, 0, n)
	// A pause lasts 1.475 s on average; speech runs are sized so that
	// pauses make up the share asked for.
	meanPause := 1.475
	meanSpeech := meanPause * (1 - silence) / silence
	for len(values) < n {
		speech := int((meanSpeech * (0.5 + rng.Float64())) * 10)
		for range max(speech, 1) {
			values = append(values, byte(40+rng.IntN(13))) // -23..-11 dBFS
		}
		var pause float64
		if rng.IntN(2) == 0 {
			pause = 0.3 + 0.3*rng.Float64()
		} else {
			pause = 1 + 3*rng.Float64()
		}
		for range int(pause * 10) {
			values = append(values, byte(5+rng.IntN(11))) // -58..-48 dBFS: a quiet room
		}
	}
	return peerplaypay.EncodeLoudness(values[:n])
}

// Silence is the share of a map's values below its silence threshold.
func Silence(l peerplaypay.Loudness) float64 {
	values, _ := l.Values()
	thr := peerplaypay.SilenceThreshold(values)
	quiet := 0
	for _, v := range values {
		if v < thr {
			quiet++
		}
	}
	return float64(quiet) / float64(max(len(values), 1))
}

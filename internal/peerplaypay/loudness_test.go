package peerplaypay_test

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
)

// The vectors are shared with the window's player (frontend/src/domain/
// silence.test.ts): both must skip the very same stretches.
type loudnessVector struct {
	Name       string             `json:"name"`
	Loudness   string             `json:"loudness"`
	DurationMs int64              `json:"durationMs"`
	Skips      []peerplaypay.Skip `json:"skips"`
}

func TestSkipsVectors(t *testing.T) {
	b, err := os.ReadFile("testdata/loudness_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []loudnessVector
	if err := json.Unmarshal(b, &vs); err != nil {
		t.Fatal(err)
	}
	if len(vs) < 5 {
		t.Fatalf("only %d vectors", len(vs))
	}
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			got := peerplaypay.SkipsOf(peerplaypay.Loudness(v.Loudness), v.DurationMs)
			if len(got) == 0 && len(v.Skips) == 0 {
				return
			}
			if !slices.Equal(got, v.Skips) {
				t.Errorf("skips = %v; want %v", got, v.Skips)
			}
		})
	}
}

func TestLoudnessEncoding(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		values := make([]byte, 64)
		for i := range values {
			values[i] = byte(i)
		}
		l := peerplaypay.EncodeLoudness(values)
		if l[0] != 'A' || l[63] != '_' || len(l) != 64 {
			t.Fatalf("encoded %q", l)
		}
		got, err := l.Values()
		if err != nil || !slices.Equal(got, values) {
			t.Fatalf("decoded %v, %v", got, err)
		}
	})
	t.Run("Levels", func(t *testing.T) {
		for _, c := range []struct {
			db   float64
			want byte
		}{{math.Inf(-1), 0}, {-90, 0}, {-63, 0}, {-62.6, 0}, {-62.4, 1}, {-15, 48}, {0, 63}, {3, 63}, {math.NaN(), 0}} {
			if got := peerplaypay.LoudnessValue(c.db); got != c.want {
				t.Errorf("LoudnessValue(%v) = %d; want %d", c.db, got, c.want)
			}
		}
	})
	t.Run("ErrShape", func(t *testing.T) {
		for name, c := range map[string]struct {
			l  string
			ms int64
		}{
			"a character outside base64url":  {"AAA+AAA", 700},
			"a byte of markup":               {"AA<script>", 1000},
			"more than four hours":           {strings.Repeat("A", peerplaypay.MaxLoudnessValues+1), int64(peerplaypay.MaxLoudnessValues+1) * 100},
			"far longer than the recording":  {strings.Repeat("w", 600), 30_000},
			"far shorter than the recording": {strings.Repeat("w", 100), 60_000},
			"no recording length":            {"www", 0},
		} {
			if err := peerplaypay.Loudness(c.l).Check(c.ms); err == nil {
				t.Errorf("%s: accepted", name)
			}
			if s := peerplaypay.SkipsOf(peerplaypay.Loudness(c.l), c.ms); len(s) != 0 {
				t.Errorf("%s: skips %v", name, s)
			}
		}
	})
	t.Run("OKNearTheLength", func(t *testing.T) {
		// The sound starts a little after the picture.
		if err := peerplaypay.Loudness(strings.Repeat("w", 1795)).Check(180_000); err != nil {
			t.Error(err)
		}
	})
}

func TestPlayMs(t *testing.T) {
	// 3 minutes with 40 % silence in 2-second pauses.
	var values []byte
	for range 18 {
		values = append(values, slices.Repeat([]byte{48}, 60)...)
		values = append(values, slices.Repeat([]byte{0}, 40)...)
	}
	l := peerplaypay.EncodeLoudness(values)
	skips := peerplaypay.SkipsOf(l, 180_000)
	if len(skips) != 18 {
		t.Fatalf("%d skips; want 18", len(skips))
	}
	full := peerplaypay.PlayMs(180_000, nil, 1)
	fast := peerplaypay.PlayMs(180_000, skips, 1.5)
	if full != 180_000 {
		t.Errorf("full = %v", full)
	}
	// 108 s of speech, 0.2 s kept of each of 17 inner pauses and 0.1 s of
	// the last one, at 1.5x.
	if want := (108_000.0 + 17*200 + 100) / 1.5; math.Abs(fast-want) > 1 {
		t.Errorf("at 1.5x skipping silence: %.0f ms; want %.0f", fast, want)
	}
}

package media

import (
	"math"
	"sync"

	"github.com/pion/mediadevices/pkg/wave"

	"peerplaypay/internal/peerplaypay"
)

// loudnessMeter builds a recording's loudness map from the sound the
// recorder keeps: one value for every tenth of a second of samples, so the
// map follows the audio track's own clock (paused stretches are left out of
// both). It runs in the audio gate, on samples already mixed to mono.
type loudnessMeter struct {
	mu     sync.Mutex
	sumSq  float64
	n      int
	per    int // samples in one value; set by the first chunk
	values []byte
}

func (m *loudnessMeter) add(a wave.Audio) {
	info := a.ChunkInfo()
	if info.Len == 0 || info.Channels == 0 || info.SamplingRate <= 0 {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.per == 0 {
		m.per = info.SamplingRate / peerplaypay.LoudnessRate
	}
	for i := 0; i < info.Len; i++ {
		var frame float64
		for ch := 0; ch < info.Channels; ch++ {
			v := sampleAt(a, i, ch, info.Channels)
			frame += v * v
		}
		m.sumSq += frame / float64(info.Channels)
		m.n++
		if m.n == m.per {
			m.flush()
		}
	}
}

// sampleAt reads one sample as -1..1, fast for the formats drivers give.
func sampleAt(a wave.Audio, i, ch, channels int) float64 {
	switch b := a.(type) {
	case *wave.Int16Interleaved:
		return float64(b.Data[i*channels+ch]) / 32768
	case *wave.Float32Interleaved:
		return float64(b.Data[i*channels+ch])
	}
	return float64(wave.Int16SampleFormat.Convert(a.At(i, ch)).(wave.Int16Sample)) / 32768
}

func (m *loudnessMeter) flush() {
	db := math.Inf(-1)
	if m.n > 0 && m.sumSq > 0 {
		db = 10 * math.Log10(m.sumSq/float64(m.n))
	}
	if len(m.values) < peerplaypay.MaxLoudnessValues {
		m.values = append(m.values, peerplaypay.LoudnessValue(db))
	}
	m.sumSq, m.n = 0, 0
}

// loudness returns the map of what was measured; a last partial tenth of
// a second counts when it is at least half of one.
func (m *loudnessMeter) loudness() peerplaypay.Loudness {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.per > 0 && m.n >= m.per/2 {
		m.flush()
	}
	return peerplaypay.EncodeLoudness(m.values)
}

package media

import (
	"image"
	"io"
	"math"
	"sync"
	"time"

	"github.com/pion/mediadevices/pkg/driver"
	"github.com/pion/mediadevices/pkg/frame"
	"github.com/pion/mediadevices/pkg/io/audio"
	"github.com/pion/mediadevices/pkg/io/video"
	"github.com/pion/mediadevices/pkg/prop"
	"github.com/pion/mediadevices/pkg/wave"
)

// SyntheticID is the ID and label of the synthetic camera and microphone.
const SyntheticID = "synthetic"

// SyntheticPausesID is a second synthetic microphone whose tone stops for
// SyntheticSilence after every SyntheticSpeech, from its first sample on:
// recordings with silences at known places, for the tests of skipping them.
const SyntheticPausesID = "synthetic-pauses"

// The synthetic pauses microphone's rhythm: 40 % silence, as in a stand-up
// with long pauses.
const (
	SyntheticSpeech  = 3 * time.Second
	SyntheticSilence = 2 * time.Second
)

// IsSynthetic tells the synthetic devices' IDs from real ones.
func IsSynthetic(id string) bool { return id == SyntheticID || id == SyntheticPausesID }

var registerSyntheticOnce sync.Once

// RegisterSynthetic registers a synthetic 1280x720@30 test-pattern camera and
// a 440 Hz tone microphone with mediadevices' driver manager, so they are
// picked through ordinary constraints like real devices. It is idempotent.
// The app calls it when PEERPLAYPAY_SYNTHETIC_DEVICES=1 or when the CLI asks
// for the "synthetic" device; tests and benchmarks call it too.
//
// The driver manager is a mediadevices singleton we cannot avoid, hence the
// sync.Once rather than a constructor.
func RegisterSynthetic() {
	registerSyntheticOnce.Do(func() {
		m := driver.GetManager()
		_ = m.Register(&syntheticCamera{}, driver.Info{
			Label:      SyntheticID,
			DeviceType: driver.Camera,
			Priority:   driver.PriorityLow,
			Name:       "Synthetic test pattern",
		})
		_ = m.Register(&syntheticMic{}, driver.Info{
			Label:      SyntheticID,
			DeviceType: driver.Microphone,
			Priority:   driver.PriorityLow,
			Name:       "Synthetic 440 Hz tone",
		})
		_ = m.Register(&syntheticMic{pauses: true}, driver.Info{
			Label:      SyntheticPausesID,
			DeviceType: driver.Microphone,
			Priority:   driver.PriorityLow,
			Name:       "Synthetic tone with pauses (3 s, then 2 s of silence)",
		})
	})
}

// syntheticCamera is a mediadevices video adapter producing a moving test
// pattern. Open/Close may be called several times (mediadevices opens drivers
// to read their properties, closes them, then opens again to record), so all
// per-session state is created in Open.
type syntheticCamera struct {
	mu     sync.Mutex
	closed chan struct{}
}

func (c *syntheticCamera) Open() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = make(chan struct{})
	return nil
}

func (c *syntheticCamera) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed != nil {
		close(c.closed)
		c.closed = nil
	}
	return nil
}

func (c *syntheticCamera) Properties() []prop.Media {
	var ps []prop.Media
	for _, s := range [][2]int{{1280, 720}, {640, 360}, {640, 480}, {1920, 1080}} {
		ps = append(ps, prop.Media{Video: prop.Video{
			Width: s[0], Height: s[1], FrameRate: 30, FrameFormat: frame.FormatI420,
		}})
	}
	return ps
}

func (c *syntheticCamera) VideoRecord(p prop.Media) (video.Reader, error) {
	c.mu.Lock()
	closed := c.closed
	c.mu.Unlock()
	if closed == nil {
		closed = make(chan struct{})
	}
	w, h, fps := p.Width, p.Height, float64(p.FrameRate)
	if w <= 0 || h <= 0 {
		w, h = 1280, 720
	}
	if fps <= 0 {
		fps = 30
	}
	g := NewPatternGenerator(w, h)
	tick := time.NewTicker(time.Duration(float64(time.Second) / fps))
	start := time.Now()
	var n int
	return video.ReaderFunc(func() (image.Image, func(), error) {
		select {
		case <-closed:
			tick.Stop()
			return nil, func() {}, io.EOF
		case <-tick.C:
		}
		img := g.Frame(n, time.Since(start))
		n++
		return img, func() {}, nil
	}), nil
}

// PatternGenerator draws the synthetic test pattern. The textured background
// is computed once, larger than the frame; each frame is a scrolled window of
// it (row memmoves), a bouncing box and a clock, so a frame costs a few
// memcpys and no allocations while still giving the encoder motion, texture
// and changing detail to work on.
type PatternGenerator struct {
	w, h     int
	bw, bh   int // background size (frame + scroll range)
	by, bu   []byte
	bv       []byte
	ring     [4]*image.YCbCr
	next     int
	scrollX  int
	scrollY  int
	boxSize  int
	boxSpeed float64
}

// NewPatternGenerator precomputes the background for a w x h I420 pattern.
// w and h are rounded down to even numbers.
func NewPatternGenerator(w, h int) *PatternGenerator {
	w, h = w&^1, h&^1
	g := &PatternGenerator{w: w, h: h, scrollX: 192, scrollY: 96}
	g.bw, g.bh = w+g.scrollX, h+g.scrollY
	g.by = make([]byte, g.bw*g.bh)
	g.bu = make([]byte, g.bw/2*g.bh/2)
	g.bv = make([]byte, g.bw/2*g.bh/2)
	var seed uint32 = 0x9e3779b9
	for y := 0; y < g.bh; y++ {
		fy := float64(y)
		for x := 0; x < g.bw; x++ {
			fx := float64(x)
			// Gratings of a few frequencies and orientations, rings, and a
			// fixed grain so flat areas still carry some detail like a
			// camera's sensor noise.
			v := 110 +
				45*math.Sin(fx*0.045+fy*0.013) +
				30*math.Sin(fx*0.011-fy*0.052) +
				25*math.Sin(math.Hypot(fx-float64(g.bw)/2, fy-float64(g.bh)/2)*0.09)
			seed = seed*1664525 + 1013904223
			v += float64(seed>>28) - 7.5
			g.by[y*g.bw+x] = clamp8(v)
		}
	}
	for y := 0; y < g.bh/2; y++ {
		for x := 0; x < g.bw/2; x++ {
			g.bu[y*g.bw/2+x] = clamp8(128 + 60*math.Sin(float64(x)*0.02+float64(y)*0.01))
			g.bv[y*g.bw/2+x] = clamp8(128 + 60*math.Cos(float64(y)*0.025-float64(x)*0.008))
		}
	}
	for i := range g.ring {
		g.ring[i] = image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	}
	g.boxSize = h / 5 &^ 1
	g.boxSpeed = float64(w) / 4 // pixels per second
	return g
}

func clamp8(v float64) byte {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return byte(v)
}

// pingPong maps t onto 0..n..0 so the scroll window bounces inside the
// background.
func pingPong(t, n int) int {
	if n <= 0 {
		return 0
	}
	t %= 2 * n
	if t > n {
		return 2*n - t
	}
	return t
}

// Frame renders frame number n at time t into one of a small ring of
// buffers. The ring lets a reader still hold the previous frame (for example
// the encoder or the preview) while the next one is drawn.
func (g *PatternGenerator) Frame(n int, t time.Duration) *image.YCbCr {
	img := g.ring[g.next]
	g.next = (g.next + 1) % len(g.ring)
	ox := pingPong(n*4, g.scrollX) &^ 1
	oy := pingPong(n*2, g.scrollY) &^ 1
	for y := 0; y < g.h; y++ {
		copy(img.Y[y*img.YStride:y*img.YStride+g.w], g.by[(y+oy)*g.bw+ox:])
	}
	cw, cbw := g.w/2, g.bw/2
	for y := 0; y < g.h/2; y++ {
		src := (y+oy/2)*cbw + ox/2
		copy(img.Cb[y*img.CStride:y*img.CStride+cw], g.bu[src:])
		copy(img.Cr[y*img.CStride:y*img.CStride+cw], g.bv[src:])
	}
	// Bouncing box with a checkerboard inside.
	secs := t.Seconds()
	bx := pingPong(int(secs*g.boxSpeed), g.w-g.boxSize) &^ 1
	byy := pingPong(int(secs*g.boxSpeed*0.6), g.h-g.boxSize) &^ 1
	for y := 0; y < g.boxSize; y++ {
		row := img.Y[(byy+y)*img.YStride+bx:]
		for x := 0; x < g.boxSize; x++ {
			if (x/16+y/16)&1 == 0 {
				row[x] = 235
			} else {
				row[x] = 40
			}
		}
	}
	// Clock "MM:SS.ff" and frame counter on a dark band.
	g.drawClock(img, n, t)
	return img
}

// segments of a 7-segment digit: a b c d e f g.
var digitSegments = [10]byte{0x3f, 0x06, 0x5b, 0x4f, 0x66, 0x6d, 0x7d, 0x07, 0x7f, 0x6f}

func (g *PatternGenerator) drawClock(img *image.YCbCr, n int, t time.Duration) {
	scale := max(1, g.h/360)
	dw, dh, th := 12*scale, 22*scale, 3*scale // digit width, height, stroke
	ms := t.Milliseconds()
	mins, secs, hund := ms/60000, ms/1000%60, ms/10%100
	digits := []int{int(mins / 10 % 10), int(mins % 10), -1, int(secs / 10), int(secs % 10), -1,
		int(hund / 10), int(hund % 10), -1, n / 10000 % 10, n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10}
	x0, y0 := 16*scale, 12*scale
	bandW := len(digits)*(dw+5*scale) + 8*scale
	fillY(img, x0-4*scale, y0-4*scale, bandW, dh+8*scale, 16)
	x := x0
	for _, d := range digits {
		if d < 0 {
			fillY(img, x+dw/2-th/2, y0+dh-th, th, th, 235)
			x += dw/2 + 5*scale
			continue
		}
		s := digitSegments[d]
		half := dh / 2
		seg := [7][4]int{
			{x, y0, dw, th}, {x + dw - th, y0, th, half}, {x + dw - th, y0 + half, th, half},
			{x, y0 + dh - th, dw, th}, {x, y0 + half, th, half}, {x, y0, th, half}, {x, y0 + half - th/2, dw, th},
		}
		for i, r := range seg {
			if s&(1<<i) != 0 {
				fillY(img, r[0], r[1], r[2], r[3], 235)
			}
		}
		x += dw + 5*scale
	}
}

func fillY(img *image.YCbCr, x, y, w, h int, v byte) {
	b := img.Rect
	x1, y1 := min(x+w, b.Dx()), min(y+h, b.Dy())
	x, y = max(x, 0), max(y, 0)
	for yy := y; yy < y1; yy++ {
		row := img.Y[yy*img.YStride:]
		for xx := x; xx < x1; xx++ {
			row[xx] = v
		}
	}
}

// syntheticMic is a mediadevices audio adapter producing a 440 Hz tone that
// is louder for 0.8 s of every second, so a level meter visibly moves.
type syntheticMic struct {
	mu     sync.Mutex
	closed chan struct{}
	pauses bool // silent for SyntheticSilence after every SyntheticSpeech
}

func (m *syntheticMic) Open() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = make(chan struct{})
	return nil
}

func (m *syntheticMic) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed != nil {
		close(m.closed)
		m.closed = nil
	}
	return nil
}

func (m *syntheticMic) Properties() []prop.Media {
	return []prop.Media{{Audio: prop.Audio{
		SampleRate: 48000, ChannelCount: 1, Latency: 20 * time.Millisecond,
		SampleSize: 2, IsInterleaved: true,
	}}}
}

func (m *syntheticMic) AudioRecord(p prop.Media) (audio.Reader, error) {
	m.mu.Lock()
	closed := m.closed
	m.mu.Unlock()
	if closed == nil {
		closed = make(chan struct{})
	}
	rate, channels, latency := p.SampleRate, p.ChannelCount, p.Latency
	if rate <= 0 {
		rate = 48000
	}
	if channels <= 0 {
		channels = 1
	}
	if latency <= 0 {
		latency = 20 * time.Millisecond
	}
	table := ToneTable(rate, 440)
	chunk := int(int64(rate) * int64(latency) / int64(time.Second))
	next := time.Now()
	pos := 0
	cycle := int(int64(rate) * int64(SyntheticSpeech+SyntheticSilence) / int64(time.Second))
	speech := int(int64(rate) * int64(SyntheticSpeech) / int64(time.Second))
	n := 0 // samples made so far
	return audio.ReaderFunc(func() (wave.Audio, func(), error) {
		select {
		case <-closed:
			return nil, func() {}, io.EOF
		case <-time.After(time.Until(next)):
		}
		next = next.Add(latency)
		a := wave.NewInt16Interleaved(wave.ChunkInfo{Len: chunk, Channels: channels, SamplingRate: rate})
		for i := 0; i < chunk; i++ {
			s := table[pos]
			pos++
			if pos == len(table) {
				pos = 0
			}
			if m.pauses && n%cycle >= speech {
				s = 0
			}
			n++
			for ch := 0; ch < channels; ch++ {
				a.Data[i*channels+ch] = s
			}
		}
		return a, func() {}, nil
	}), nil
}

// ToneTable returns one second of a hz sine at rate samples per second,
// loud (-12 dBFS) for the first 0.8 s and quiet (-32 dBFS) after. One second
// holds a whole number of cycles for integer hz, so the table loops cleanly.
func ToneTable(rate, hz int) []int16 {
	t := make([]int16, rate)
	for i := range t {
		amp := 0.25
		if i >= rate*8/10 {
			amp = 0.025
		}
		t[i] = int16(amp * 32767 * math.Sin(2*math.Pi*float64(hz)*float64(i)/float64(rate)))
	}
	return t
}

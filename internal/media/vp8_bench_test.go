//go:build unix && !nocodecs

package media

import (
	"image"
	"syscall"
	"testing"
	"time"

	"github.com/pion/mediadevices/pkg/io/video"
	"github.com/pion/mediadevices/pkg/prop"
)

// frameSource feeds precomputed-pattern frames to an encoder as fast as it
// reads them, so a benchmark measures the encoder, not a camera clock.
func frameSource(w, h int) video.Reader {
	g := NewPatternGenerator(w, h)
	n := 0
	return video.ReaderFunc(func() (image.Image, func(), error) {
		img := g.Frame(n, time.Duration(n)*time.Second/30)
		n++
		return img, func() {}, nil
	})
}

func BenchmarkPattern720p(b *testing.B) {
	g := NewPatternGenerator(1280, 720)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g.Frame(i, time.Duration(i)*time.Second/30)
	}
}

func benchVP8(b *testing.B, p VPXParams) {
	enc, err := p.BuildVideoEncoder(frameSource(1280, 720), prop.Media{Video: prop.Video{Width: 1280, Height: 720, FrameRate: 30}})
	if err != nil {
		b.Fatal(err)
	}
	defer enc.Close()
	var bytes int
	cpu0 := processCPU()
	for b.Loop() {
		data, release, err := enc.Read()
		if err != nil {
			b.Fatal(err)
		}
		bytes += len(data)
		release()
	}
	cpu := processCPU() - cpu0
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "fps")
	// CPU time is what matters on a shared 2-core machine: wall time
	// swings with other load, CPU-seconds per recorded second do not.
	b.ReportMetric(cpu.Seconds()/(float64(b.N)/30), "CPU-s/s@30fps")
	b.ReportMetric(float64(bytes)/float64(b.N)*30*8/1e6, "Mbps@30fps")
}

// BenchmarkVP8Encode720p is our libvpx encoder at its defaults (realtime,
// cpu-used 12, one thread) on the synthetic 720p pattern. Frames are fed as
// fast as the encoder takes them; their timestamps stay at 30 fps, so
// libvpx's per-frame time budget is the real one. Compare CPU-s/s: wall
// fps swings with whatever else runs on the machine.
func BenchmarkVP8Encode720p(b *testing.B) { benchVP8(b, VPXParams{}) }

// CPUUsed 8 is ffmpeg's usual realtime setting: a larger time budget.
func BenchmarkVP8Encode720pCPU8(b *testing.B) { benchVP8(b, VPXParams{CPUUsed: 8}) }

// CPUUsed 16 leaves libvpx no budget: always its fastest speed level.
func BenchmarkVP8Encode720pCPU16(b *testing.B) { benchVP8(b, VPXParams{CPUUsed: 16}) }

// Two threads: VP8's row-synchronised threads spin-wait, which costs CPU
// whenever the other core is busy.
func BenchmarkVP8Encode720pThreads2(b *testing.B) { benchVP8(b, VPXParams{Threads: 2}) }

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

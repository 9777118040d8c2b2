//go:build !nocodecs

package media

import (
	"errors"
	"image"
	"runtime"
	"syscall"
	"time"

	"github.com/pion/mediadevices/pkg/io/video"
	"github.com/pion/mediadevices/pkg/prop"

	"peerplaypay/internal/peerplaypay"
)

// vp9CheckFrames are encoded by CheckVP9: the keyframe and 15 more,
// enough for libvpx's speed features to settle, little enough to run at
// first use.
const vp9CheckFrames = 16

// CheckVP9 encodes half a second of 720p talking head with the Compact
// preset's VP9 settings and measures the CPU time per frame (the keyframe
// excluded: one in 60 frames). CPU time, not wall time: what another
// program takes from the machine at that moment says nothing of the next
// recording.
func CheckVP9() VP9Check {
	c := VP9Check{Libvpx: vpxVersion(), CPUs: runtime.NumCPU(), At: time.Now().UTC()}
	preset, err := peerplaypay.PresetOf(peerplaypay.QualityCompact)
	if err != nil {
		c.Reason = err.Error()
		return c
	}
	w, h := preset.Width, preset.Height
	g := NewHeadGenerator(w, h)
	frames := make([]*image.YCbCr, 4) // generating costs more than encoding: four frames, looped
	for i := range frames {
		frames[i] = image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
		g.Frame(i, frames[i])
	}
	n := 0
	src := video.ReaderFunc(func() (image.Image, func(), error) {
		img := frames[n%len(frames)]
		n++
		return img, func() {}, nil
	})
	p := RecordParams{Width: w, Height: h, FPS: 30, Codec: preset.Codec, VideoBitRate: preset.VideoBitRate}.VideoEncoderParams()
	err = guard("vp9 check", func() error {
		// One OS thread for the whole check: libvpx encodes on the calling
		// thread (one encoder thread), so the thread's CPU time is the
		// encoder's and nothing else the process does.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		enc, err := p.BuildVideoEncoder(src, prop.Media{Video: prop.Video{Width: w, Height: h, FrameRate: 30}})
		if err != nil {
			return err
		}
		defer enc.Close()
		var t0 time.Duration
		for i := 0; i < vp9CheckFrames; i++ {
			if i == 1 {
				t0 = threadCPU()
			}
			b, release, err := enc.Read()
			if err != nil {
				return err
			}
			if i == 0 && !IsVP9Keyframe(b) {
				release()
				return errors.New("the first VP9 frame is not a keyframe")
			}
			release()
		}
		c.MsPerFrame = float64((threadCPU() - t0).Microseconds()) / 1000 / (vp9CheckFrames - 1)
		return nil
	})
	if err != nil {
		c.Reason = "VP9 could not be encoded here (" + shortErr(err) + "); recordings use Standard (VP8)."
		return c
	}
	return vp9Verdict(c)
}

// threadCPU is the calling OS thread's CPU time (Linux RUSAGE_THREAD).
func threadCPU() time.Duration {
	const rusageThread = 1
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

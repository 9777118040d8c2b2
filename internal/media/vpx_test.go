//go:build !nocodecs

package media

import (
	"image"
	"strings"
	"testing"

	"github.com/pion/mediadevices/pkg/io/video"
	"github.com/pion/mediadevices/pkg/prop"

	"peerplaypay/internal/peerplaypay"
)

// TestVP9Keyframes encodes 62 small frames of talking head with our VP9
// settings: IsVP9Keyframe must find frames 0 and 60 (the 2 s interval)
// and no other, and IsVP8Keyframe's rule must not be what finds them.
func TestVP9Keyframes(t *testing.T) {
	t.Parallel()
	const w, h = 320, 180
	g := NewHeadGenerator(w, h)
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	n := 0
	src := video.ReaderFunc(func() (image.Image, func(), error) {
		g.Frame(n, img)
		n++
		return img, func() {}, nil
	})
	p := RecordParams{Width: w, Height: h, FPS: 30, Codec: peerplaypay.CodecVP9}.VideoEncoderParams()
	if p.Codec != peerplaypay.CodecVP9 || p.CPUUsed != 8 || p.KeyFrameInterval != 60 {
		t.Fatalf("VP9 defaults = %+v", p)
	}
	enc, err := p.BuildVideoEncoder(src, prop.Media{Video: prop.Video{Width: w, Height: h, FrameRate: 30}})
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	var keys []int
	for i := 0; i < 62; i++ {
		b, release, err := enc.Read()
		if err != nil {
			t.Fatal(err)
		}
		if len(b) == 0 || b[0]>>6 != 2 {
			t.Fatalf("frame %d does not start with VP9's frame marker: % x", i, b[:min(4, len(b))])
		}
		if IsVP9Keyframe(b) {
			keys = append(keys, i)
		}
		release()
	}
	if len(keys) != 2 || keys[0] != 0 || keys[1] != 60 {
		t.Errorf("VP9 keyframes at %v, want [0 60]", keys)
	}
}

func TestIsVP9KeyframeHeaders(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		b    byte
		want bool
	}{
		{0b1000_0000, true},  // profile 0, shown, key frame
		{0b1000_0100, false}, // profile 0, inter frame
		{0b1000_1000, false}, // profile 0, show_existing_frame
		{0b1011_0000, true},  // profile 3 (reserved bit 0), key frame
		{0b1011_0010, false}, // profile 3, inter frame
		{0b0000_0000, false}, // no frame marker
	} {
		if got := IsVP9Keyframe([]byte{c.b}); got != c.want {
			t.Errorf("IsVP9Keyframe(%08b) = %v, want %v", c.b, got, c.want)
		}
	}
	if IsVP9Keyframe(nil) {
		t.Error("empty frame is a keyframe")
	}
}

// TestCheckVP9 runs the speed check once: it must encode and give a time
// per frame, and its verdict must follow the budget.
func TestCheckVP9(t *testing.T) {
	c := CheckVP9()
	if c.MsPerFrame <= 0 || c.Libvpx == "" || c.CPUs <= 0 {
		t.Fatalf("CheckVP9 = %+v", c)
	}
	t.Logf("VP9 720p: %.1f ms CPU a frame (ok=%v)", c.MsPerFrame, c.OK)
	if c.OK != (c.MsPerFrame <= VP9Budget*1000/30) || c.OK != (c.Reason == "") {
		t.Errorf("verdict %+v does not follow the budget", c)
	}
	slow := vp9Verdict(VP9Check{MsPerFrame: 40})
	if slow.OK || !strings.Contains(slow.Reason, "40 ms") || !strings.Contains(slow.Reason, "Standard (VP8)") {
		t.Errorf("slow verdict = %+v", slow)
	}
}

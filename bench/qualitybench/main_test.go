//go:build unix && !nocodecs

package main

import (
	"bytes"
	"fmt"
	"image"
	"math"
	"testing"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
)

func TestParseScores(t *testing.T) {
	t.Parallel()
	out := `Input #0, ivf ...
[Parsed_psnr_4 @ 0x55d5] PSNR y:39.812 u:44.120 v:45.001 average:40.940117 min:36.2 max:44.1
[Parsed_ssim_5 @ 0x55d6] SSIM Y:0.948843 (12.9) U:0.968 (14.9) V:0.972 (15.5) All:0.954912 (13.46)
`
	p, s, err := ParseScores(out)
	if err != nil || p != 40.940117 || s != 0.954912 {
		t.Errorf("ParseScores = %v, %v, %v", p, s, err)
	}
	if p, _, err := ParseScores("PSNR y:inf u:inf v:inf average:inf min:inf max:inf\nSSIM Y:1 (inf) All:1.000000 (inf)"); err != nil || p != 100 {
		t.Errorf("identical frames: PSNR %v, %v", p, err)
	}
	if _, _, err := ParseScores("Conversion failed!"); err == nil {
		t.Error("no summary lines, no error")
	}
}

// TestHeadFrames: the sequence is a function of the frame index (two
// generators agree), it moves (consecutive frames differ), and it has
// detail (the luma is far from flat); WriteY4M writes exactly its frames.
func TestHeadFrames(t *testing.T) {
	t.Parallel()
	const w, h = 160, 90
	a, b := media.NewHeadGenerator(w, h), media.NewHeadGenerator(w, h)
	fa := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	fb := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	b.Frame(6, fb) // out of order: no state carried between frames
	a.Frame(7, fa)
	a.Frame(6, fa)
	if !bytes.Equal(fa.Y, fb.Y) || !bytes.Equal(fa.Cb, fb.Cb) || !bytes.Equal(fa.Cr, fb.Cr) {
		t.Error("frame 6 differs between two generators")
	}
	b.Frame(7, fb)
	changed := 0
	for i := range fa.Y {
		if d := int(fa.Y[i]) - int(fb.Y[i]); d > 8 || d < -8 {
			changed++
		}
	}
	if changed < len(fa.Y)/50 {
		t.Errorf("only %d of %d pixels moved between frames 6 and 7", changed, len(fa.Y))
	}
	var sum, sq float64
	for _, v := range fa.Y {
		sum += float64(v)
		sq += float64(v) * float64(v)
	}
	n := float64(len(fa.Y))
	if sd := math.Sqrt(sq/n - (sum/n)*(sum/n)); sd < 20 {
		t.Errorf("luma standard deviation %.1f: a flat picture", sd)
	}

	var buf bytes.Buffer
	if err := WriteY4M(&buf, a, w, h, 3); err != nil {
		t.Fatal(err)
	}
	hdr := fmt.Sprintf("YUV4MPEG2 W%d H%d F30:1 Ip A1:1 C420jpeg\n", w, h)
	if want := len(hdr) + 3*(len("FRAME\n")+w*h*3/2); buf.Len() != want || !bytes.HasPrefix(buf.Bytes(), []byte(hdr)) {
		t.Errorf("y4m of %d bytes, want %d with header %q", buf.Len(), want, hdr)
	}
}

// TestFFmpegArgs: ffmpeg gets the settings our encoder uses.
func TestFFmpegArgs(t *testing.T) {
	t.Parallel()
	vp := media.RecordParams{Width: 1280, Height: 720, FPS: 30, Codec: peerplaypay.CodecVP9, VideoBitRate: 600_000}.VideoEncoderParams()
	got := fmt.Sprint(FFmpegArgs("in.y4m", "out.ivf", vp))
	for _, want := range []string{"-c:v libvpx-vp9", "-deadline realtime", "-cpu-used 8", "-b:v 600000", "-g 60", "-lag-in-frames 0", "-threads 1"} {
		if !bytes.Contains([]byte(got), []byte(want)) {
			t.Errorf("ffmpeg args %s lack %q", got, want)
		}
	}
}

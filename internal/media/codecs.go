//go:build !nocodecs

package media

// The codecs, linked from libvpx and libopus. Without them (build tag
// nocodecs, for machines whose codec libraries are missing) the app still
// runs, keeps text logs and plays recordings, and doctor says what to
// install; see codecs_none.go.

import (
	"context"
	"errors"
	"fmt"
	"image"
	"time"

	"github.com/pion/mediadevices"
	"github.com/pion/mediadevices/pkg/codec"
	"github.com/pion/mediadevices/pkg/codec/opus"
	"github.com/pion/mediadevices/pkg/io/audio"
	"github.com/pion/mediadevices/pkg/io/video"
	"github.com/pion/mediadevices/pkg/prop"
	"github.com/pion/mediadevices/pkg/wave"

	"peerplaypay/internal/peerplaypay"
)

// newCodecSelector offers our VP8 or VP9 encoder and Opus to mediadevices.
func newCodecSelector(params RecordParams) (*mediadevices.CodecSelector, error) {
	vp8 := params.VideoEncoderParams()
	opusParams, err := opus.NewParams()
	if err != nil {
		return nil, fmt.Errorf("opus params: %w", err)
	}
	opusParams.BitRate = params.AudioBitRate
	var videoEncoder codec.VideoEncoderBuilder = &vp8
	if params.VideoEncoder != nil {
		videoEncoder = params.VideoEncoder
	}
	return mediadevices.NewCodecSelector(
		mediadevices.WithVideoEncoders(videoEncoder),
		mediadevices.WithAudioEncoders(&opusParams),
	), nil
}

// ProbeCodecs really encodes a few synthetic frames with our VP8 encoder
// and a few tone packets with Opus, so `doctor` proves the codecs work
// rather than that a library file exists.
func ProbeCodecs(ctx context.Context) []peerplaypay.Check {
	return []peerplaypay.Check{probeVP8(ctx), probeOpus(ctx)}
}

func probeVP8(ctx context.Context) peerplaypay.Check {
	c := peerplaypay.Check{Name: "VP8 video encoder (libvpx)", Status: peerplaypay.CheckFail}
	const w, h, frames = 640, 360, 6
	start := time.Now()
	err := guard("vp8 probe", func() error {
		g := NewPatternGenerator(w, h)
		n := 0
		src := video.ReaderFunc(func() (image.Image, func(), error) {
			img := g.Frame(n, time.Duration(n)*time.Second/30)
			n++
			return img, func() {}, nil
		})
		p := VPXParams{}
		enc, err := p.BuildVideoEncoder(src, prop.Media{Video: prop.Video{Width: w, Height: h, FrameRate: 30}})
		if err != nil {
			return err
		}
		return encodeN(ctx, enc, frames, func(i int, b []byte) error {
			if i == 0 && !IsVP8Keyframe(b) {
				return errors.New("first frame is not a keyframe")
			}
			return nil
		})
	})
	if err != nil {
		c.Detail = "encoding test frames failed: " + shortErr(err)
		c.Fix = codecFix
		return c
	}
	c.Status = peerplaypay.CheckOK
	c.Detail = fmt.Sprintf("encoded %d frames of %dx%d in %v (%s)", frames, w, h, time.Since(start).Round(time.Millisecond), vpxVersion())
	return c
}

func probeOpus(ctx context.Context) peerplaypay.Check {
	c := peerplaypay.Check{Name: "Opus audio encoder (libopus)", Status: peerplaypay.CheckFail}
	const packets = 5
	err := guard("opus probe", func() error {
		table := ToneTable(48000, 440)
		pos := 0
		src := audio.ReaderFunc(func() (wave.Audio, func(), error) {
			a := wave.NewInt16Interleaved(wave.ChunkInfo{Len: 960, Channels: 1, SamplingRate: 48000})
			for i := range a.Data {
				a.Data[i] = table[pos%len(table)]
				pos++
			}
			return a, func() {}, nil
		})
		p, err := opus.NewParams()
		if err != nil {
			return err
		}
		p.BitRate = 64000
		enc, err := p.BuildAudioEncoder(src, prop.Media{Audio: prop.Audio{SampleRate: 48000, ChannelCount: 1}})
		if err != nil {
			return err
		}
		return encodeN(ctx, enc, packets, func(_ int, b []byte) error {
			if len(b) == 0 {
				return errors.New("empty Opus packet")
			}
			return nil
		})
	})
	if err != nil {
		c.Detail = "encoding a test tone failed: " + shortErr(err)
		c.Fix = codecFix
		return c
	}
	c.Status = peerplaypay.CheckOK
	c.Detail = fmt.Sprintf("encoded %d packets of a 48 kHz tone", packets)
	return c
}

// encodeN reads n packets from enc, checks each before its buffer is
// released back to the encoder, and closes enc.
func encodeN(ctx context.Context, enc codec.ReadCloser, n int, check func(i int, b []byte) error) error {
	defer enc.Close()
	for i := 0; i < n; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, release, err := enc.Read()
		if err != nil {
			return err
		}
		err = check(i, b)
		release()
		if err != nil {
			return err
		}
	}
	return nil
}

// LibvpxVersion is the linked libvpx's version string.
func LibvpxVersion() string { return vpxVersion() }

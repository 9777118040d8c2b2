package media

import (
	"runtime"

	"peerplaypay/internal/peerplaypay"
)

// VPXParams configures our libvpx encoder, VP8 or VP9. The zero value is
// usable: VP8, and every zero field gets a default suited to live 720p
// recording.
type VPXParams struct {
	// Codec is VP8 (the default) or VP9.
	Codec peerplaypay.VideoCodec
	// BitRate is the target in bits per second; default 2 Mbps at 720p30,
	// scaled by pixel rate for other sizes.
	BitRate int
	// FrameRate is the nominal capture rate the timestamps follow; default
	// the source's detected rate, else 30. (mediadevices' detection reports
	// 0 for the first frame, so the recorder sets it.)
	FrameRate float64
	// KeyFrameInterval in frames; default 60 (2 s at 30 fps) so a recording
	// can be cut and seeked every 2 s.
	KeyFrameInterval int
	// CPUUsed is libvpx's realtime speed setting.
	//
	// VP8: a positive value gives each frame (16-CPUUsed)/16 of the frame
	// interval and libvpx raises its speed level when it overruns; negative
	// values fix the speed level at -CPUUsed. Default 12: a quarter of the
	// interval. On our noisy synthetic 720p30 at 2 Mbps, 12 and 16 gave the
	// same PSNR as 8 (26.7 dB) at half the CPU.
	//
	// VP9: the speed itself, 5 (slowest realtime) to 9; default 8, the
	// speed WebRTC uses for 720p on small machines: VP9 at speed 8 costs
	// about what VP8 costs at 12 (bench/quality.sh).
	CPUUsed int
	// Threads for libvpx. Default 1 up to 720p or on machines with fewer
	// than 4 CPUs: VP8's encoder threads spin-wait on each other's macroblock
	// rows, and on a busy 2-core machine two threads used 2-3x the CPU of
	// one and still dropped to 10-20 fps, while one thread at cpu-used 12
	// encodes 720p at ~0.25 CPU-s per second with 3x headroom.
	Threads int
	// TokenPartitions (VP8 only) is log2 of the number of token partitions
	// (0..3); default 2 (4 partitions), which lets decoders and the
	// encoder's bitstream packing use several threads.
	TokenPartitions int
}

func (p VPXParams) withDefaults(w, h int, fps float64) VPXParams {
	if p.Codec == "" {
		p.Codec = peerplaypay.CodecVP8
	}
	if fps <= 0 {
		fps = 30
	}
	if p.BitRate <= 0 {
		if w <= 0 || h <= 0 {
			w, h = 1280, 720
		}
		p.BitRate = int(2_000_000 * float64(w*h) / (1280 * 720) * fps / 30)
		p.BitRate = max(p.BitRate, 200_000)
	}
	if p.KeyFrameInterval <= 0 {
		p.KeyFrameInterval = int(2*fps + 0.5)
	}
	if p.Codec == peerplaypay.CodecVP9 {
		if p.CPUUsed == 0 {
			p.CPUUsed = 8
		}
		p.CPUUsed = min(max(p.CPUUsed, 5), 9)
	} else {
		if p.CPUUsed == 0 {
			p.CPUUsed = 12
		}
		p.CPUUsed = min(max(p.CPUUsed, -16), 16)
	}
	if p.Threads <= 0 {
		p.Threads = 1
		if w*h > 1280*720 && runtime.NumCPU() >= 4 {
			p.Threads = min(runtime.NumCPU()/2, 4)
		}
	}
	if p.TokenPartitions <= 0 {
		p.TokenPartitions = 2
	}
	p.TokenPartitions = min(p.TokenPartitions, 3)
	return p
}

// IsVP8Keyframe reports whether a compressed VP8 frame is a keyframe (RFC
// 6386 section 9.1: bit 0 of the frame tag is 0 for key frames).
func IsVP8Keyframe(b []byte) bool { return len(b) > 0 && b[0]&1 == 0 }

// IsVP9Keyframe reports whether a compressed VP9 frame is a keyframe. The
// uncompressed header (VP9 bitstream spec 6.2) starts, most significant bit
// first, with frame_marker (2 bits, 0b10), profile_low_bit,
// profile_high_bit, a reserved zero bit for profile 3 only,
// show_existing_frame and frame_type (0: key frame).
func IsVP9Keyframe(b []byte) bool {
	if len(b) == 0 || b[0]>>6 != 2 {
		return false
	}
	bit := 5
	profile := (b[0]>>5)&1 | (b[0]>>4)&1<<1
	bit -= 2
	if profile == 3 {
		bit--
	}
	if (b[0]>>bit)&1 == 1 { // show_existing_frame
		return false
	}
	return (b[0]>>(bit-1))&1 == 0
}

// IsKeyframe reports whether a compressed frame of codec c is a keyframe.
func IsKeyframe(c peerplaypay.VideoCodec, b []byte) bool {
	if c == peerplaypay.CodecVP9 {
		return IsVP9Keyframe(b)
	}
	return IsVP8Keyframe(b)
}

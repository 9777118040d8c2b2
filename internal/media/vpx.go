//go:build !nocodecs

package media

// Our own VP8 and VP9 encoder builder. mediadevices' pkg/codec/vpx offers no
// cpu-used, thread or token-partition setting, and at its defaults VP8 at
// 720p30 needs about one full core and still falls to ~20 fps on two cores;
// its VP9 likewise has no speed, row-mt or adaptive-quantisation control.
// libvpx's realtime speed presets are what ffmpeg and browsers use for live
// 720p, so we talk to libvpx directly and plug into mediadevices through
// codec.VideoEncoderBuilder.

/*
#cgo pkg-config: vpx
#include <stdlib.h>
#include <string.h>
#include <vpx/vpx_encoder.h>
#include <vpx/vp8cx.h>

typedef struct {
	vpx_codec_ctx_t ctx;
	vpx_codec_enc_cfg_t cfg;
	vpx_image_t img;
	unsigned char *out;
	size_t out_cap;
	size_t out_len;
	int key;
	int inited;
} ppp_vp8;

static int ppp_vp8_open(ppp_vp8 *e, int vp9, int w, int h, int kbps, int kf_dist,
		int threads, int cpu_used, int partitions) {
	vpx_codec_iface_t *iface = vp9 ? vpx_codec_vp9_cx() : vpx_codec_vp8_cx();
	vpx_codec_err_t err = vpx_codec_enc_config_default(iface, &e->cfg, 0);
	if (err) return err;
	e->cfg.g_w = w;
	e->cfg.g_h = h;
	e->cfg.g_timebase.num = 1;
	e->cfg.g_timebase.den = 1000;
	e->cfg.g_threads = threads;
	e->cfg.g_lag_in_frames = 0;
	e->cfg.g_pass = VPX_RC_ONE_PASS;
	e->cfg.g_error_resilient = 0;
	e->cfg.rc_end_usage = VPX_VBR;
	e->cfg.rc_target_bitrate = kbps;
	e->cfg.rc_min_quantizer = 4;
	e->cfg.rc_max_quantizer = 56;
	e->cfg.rc_dropframe_thresh = 0;
	e->cfg.rc_resize_allowed = 0;
	e->cfg.kf_mode = VPX_KF_AUTO;
	e->cfg.kf_min_dist = 0;
	e->cfg.kf_max_dist = kf_dist;
	err = vpx_codec_enc_init(&e->ctx, iface, &e->cfg, 0);
	if (err) return err;
	e->inited = 1;
	if ((err = vpx_codec_control(&e->ctx, VP8E_SET_CPUUSED, cpu_used))) return err;
	if ((err = vpx_codec_control(&e->ctx, VP8E_SET_STATIC_THRESHOLD, 1))) return err;
	// No cap on keyframe size (VP8E_SET_MAX_INTRA_BITRATE_PCT): a cap of
	// 3x the mean frame, as WebRTC uses against network bursts, cost 1.5 dB
	// PSNR at 360p with VP8 and 1.8 dB at 720p with VP9 on the same bytes
	// (bench/quality.sh): each starved keyframe is the poor reference of
	// the next two seconds. A file has no network to burst.
	if (vp9) {
		// What WebRTC sets for realtime VP9: row-based threading (only
		// used with threads > 1), tile columns for decoders, cyclic
		// refresh adaptive quantisation (aq-mode 3) which spends the bits
		// saved on static background on the moving parts, no temporal
		// denoiser (it costs CPU and blurs detail).
		int tiles = threads >= 4 ? 2 : threads >= 2 ? 1 : 0;
		if ((err = vpx_codec_control(&e->ctx, VP9E_SET_ROW_MT, threads > 1))) return err;
		if ((err = vpx_codec_control(&e->ctx, VP9E_SET_TILE_COLUMNS, tiles))) return err;
		if ((err = vpx_codec_control(&e->ctx, VP9E_SET_AQ_MODE, 3))) return err;
		if ((err = vpx_codec_control(&e->ctx, VP9E_SET_NOISE_SENSITIVITY, 0))) return err;
		if ((err = vpx_codec_control(&e->ctx, VP9E_SET_FRAME_PARALLEL_DECODING, 0))) return err;
	} else {
		if ((err = vpx_codec_control(&e->ctx, VP8E_SET_TOKEN_PARTITIONS, partitions))) return err;
		if ((err = vpx_codec_control(&e->ctx, VP8E_SET_NOISE_SENSITIVITY, 0))) return err;
	}
	vpx_img_wrap(&e->img, VPX_IMG_FMT_I420, w, h, 1, (unsigned char *)1);
	return 0;
}

static void ppp_vp8_close(ppp_vp8 *e) {
	if (e->inited) vpx_codec_destroy(&e->ctx);
	e->inited = 0;
	free(e->out);
	e->out = NULL;
	e->out_cap = 0;
}

static int ppp_vp8_set_kbps(ppp_vp8 *e, int kbps) {
	e->cfg.rc_target_bitrate = kbps;
	return vpx_codec_enc_config_set(&e->ctx, &e->cfg);
}

// Encodes one frame whose planes live in Go memory; libvpx copies the source
// into its own lookahead (lag 0), so no pointer is kept after return. The
// compressed frame is gathered into e->out.
static int ppp_vp8_encode(ppp_vp8 *e, unsigned char *y, int ys,
		unsigned char *u, unsigned char *v, int cs,
		long long pts, unsigned long dur, long flags) {
	e->img.planes[0] = y;
	e->img.planes[1] = u;
	e->img.planes[2] = v;
	e->img.stride[0] = ys;
	e->img.stride[1] = cs;
	e->img.stride[2] = cs;
	vpx_codec_err_t err = vpx_codec_encode(&e->ctx, &e->img, pts, dur, flags, VPX_DL_REALTIME);
	e->img.planes[0] = e->img.planes[1] = e->img.planes[2] = NULL;
	if (err) return err;
	e->out_len = 0;
	e->key = 0;
	vpx_codec_iter_t iter = NULL;
	const vpx_codec_cx_pkt_t *pkt;
	while ((pkt = vpx_codec_get_cx_data(&e->ctx, &iter)) != NULL) {
		if (pkt->kind != VPX_CODEC_CX_FRAME_PKT) continue;
		size_t need = e->out_len + pkt->data.frame.sz;
		if (need > e->out_cap) {
			size_t nc = need * 2;
			unsigned char *nb = realloc(e->out, nc);
			if (!nb) return VPX_CODEC_MEM_ERROR;
			e->out = nb;
			e->out_cap = nc;
		}
		memcpy(e->out + e->out_len, pkt->data.frame.buf, pkt->data.frame.sz);
		e->out_len += pkt->data.frame.sz;
		if (pkt->data.frame.flags & VPX_FRAME_IS_KEY) e->key = 1;
	}
	return 0;
}

static const char *ppp_vp8_error(ppp_vp8 *e) {
	const char *d = e->inited ? vpx_codec_error_detail(&e->ctx) : NULL;
	return d ? d : "";
}
*/
import "C"

import (
	"errors"
	"fmt"
	"image"
	"io"
	"sync"
	"unsafe"

	"github.com/pion/mediadevices/pkg/codec"
	"github.com/pion/mediadevices/pkg/io/video"
	"github.com/pion/mediadevices/pkg/prop"

	"peerplaypay/internal/peerplaypay"
)

var _ codec.VideoEncoderBuilder = (*VPXParams)(nil)

// RTPCodec reports VP8 or VP9, so mediadevices' codec selector matches
// "vp8" or "vp9".
func (p *VPXParams) RTPCodec() *codec.RTPCodec {
	if p.Codec == peerplaypay.CodecVP9 {
		return codec.NewRTPVP9Codec(90000)
	}
	return codec.NewRTPVP8Codec(90000)
}

// BuildVideoEncoder implements codec.VideoEncoderBuilder.
func (p *VPXParams) BuildVideoEncoder(r video.Reader, m prop.Media) (codec.ReadCloser, error) {
	fps := p.FrameRate
	if fps <= 0 {
		fps = float64(m.FrameRate)
	}
	if fps <= 0 {
		fps = 30
	}
	q := p.withDefaults(m.Width, m.Height, fps)
	e := &vp8Encoder{r: video.ToI420(r), params: q, frameMS: max(1, int(1000/fps+0.5))}
	if m.Width > 0 && m.Height > 0 {
		if err := e.open(m.Width, m.Height); err != nil {
			return nil, err
		}
	}
	return e, nil
}

type vp8Encoder struct {
	mu       sync.Mutex
	r        video.Reader
	params   VPXParams
	c        *C.ppp_vp8
	w, h     int
	started  bool
	lastPTS  int64
	forceKey bool
	bitrate  int // pending change, 0 if none
	frameMS  int
	closed   bool
}

func (e *vp8Encoder) open(w, h int) error {
	if e.c != nil {
		C.ppp_vp8_close(e.c)
	} else {
		e.c = (*C.ppp_vp8)(C.calloc(1, C.size_t(unsafe.Sizeof(C.ppp_vp8{}))))
		if e.c == nil {
			return errors.New("vp8: out of memory")
		}
	}
	if w%2 != 0 || h%2 != 0 {
		return fmt.Errorf("vp8: odd frame size %dx%d", w, h)
	}
	vp9 := 0
	if e.params.Codec == peerplaypay.CodecVP9 {
		vp9 = 1
	}
	if rc := C.ppp_vp8_open(e.c, C.int(vp9), C.int(w), C.int(h), C.int(e.params.BitRate/1000),
		C.int(e.params.KeyFrameInterval), C.int(e.params.Threads), C.int(e.params.CPUUsed),
		C.int(e.params.TokenPartitions)); rc != 0 {
		detail := C.GoString(C.ppp_vp8_error(e.c))
		C.ppp_vp8_close(e.c)
		C.free(unsafe.Pointer(e.c))
		e.c = nil
		return fmt.Errorf("%s: init libvpx encoder %dx%d failed (code %d) %s", e.params.Codec, w, h, int(rc), detail)
	}
	e.w, e.h = w, h
	e.forceKey = true
	return nil
}

// Read pulls one frame from the source and returns its compressed frame
// (IsKeyframe tells keyframes).
func (e *vp8Encoder) Read() ([]byte, func(), error) {
	img, release, err := e.r.Read()
	if err != nil {
		return nil, func() {}, err
	}
	defer release()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, func() {}, io.EOF
	}
	yuv, ok := img.(*image.YCbCr)
	if !ok || yuv.SubsampleRatio != image.YCbCrSubsampleRatio420 {
		return nil, func() {}, fmt.Errorf("vp8: unexpected frame type %T", img)
	}
	b := yuv.Rect
	if e.c == nil || b.Dx() != e.w || b.Dy() != e.h {
		if err := e.open(b.Dx(), b.Dy()); err != nil {
			return nil, func() {}, err
		}
	}
	if e.bitrate > 0 {
		if rc := C.ppp_vp8_set_kbps(e.c, C.int(e.bitrate/1000)); rc != 0 {
			return nil, func() {}, fmt.Errorf("vp8: set bitrate failed (code %d)", int(rc))
		}
		e.bitrate = 0
	}
	// Timestamps count frames at the nominal rate. libvpx's VP8 derives
	// the frame rate from them and, in realtime mode with cpu-used > 0,
	// gives each frame a time budget of (16-cpu_used)/16 of the frame
	// interval, raising its speed level when encoding takes longer. With
	// wall-clock stamps a late frame looks like a low frame rate, so the
	// budget and bits per frame grow, encoding slows down and frames come
	// later still: at 720p on a busy 2-core machine that spiral ended near
	// 10 fps. On the nominal clock the budget stays fixed and libvpx speeds
	// up under load instead.
	var pts int64
	if e.started {
		pts = e.lastPTS + int64(e.frameMS)
	}
	e.started = true
	dur := int64(e.frameMS)
	var flags C.long
	if e.forceKey {
		flags = C.VPX_EFLAG_FORCE_KF
	}
	// Plane pointers offset by the image's origin, as image.YCbCr subimages
	// may start inside their slices.
	yOff := yuv.YOffset(b.Min.X, b.Min.Y)
	cOff := yuv.COffset(b.Min.X, b.Min.Y)
	if rc := C.ppp_vp8_encode(e.c,
		(*C.uchar)(unsafe.Pointer(&yuv.Y[yOff])), C.int(yuv.YStride),
		(*C.uchar)(unsafe.Pointer(&yuv.Cb[cOff])), (*C.uchar)(unsafe.Pointer(&yuv.Cr[cOff])), C.int(yuv.CStride),
		C.longlong(pts), C.ulong(dur), flags); rc != 0 {
		return nil, func() {}, fmt.Errorf("vp8: encode failed (code %d) %s", int(rc), C.GoString(C.ppp_vp8_error(e.c)))
	}
	e.forceKey = false
	e.lastPTS = pts
	out := C.GoBytes(unsafe.Pointer(e.c.out), C.int(e.c.out_len))
	return out, func() {}, nil
}

func (e *vp8Encoder) ForceKeyFrame() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.forceKey = true
	return nil
}

func (e *vp8Encoder) SetBitRate(bps int) error {
	if bps <= 0 {
		return fmt.Errorf("vp8: invalid bitrate %d", bps)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.bitrate = bps
	return nil
}

func (e *vp8Encoder) Controller() codec.EncoderController { return e }

var (
	_ codec.KeyFrameController = (*vp8Encoder)(nil)
	_ codec.BitRateController  = (*vp8Encoder)(nil)
)

func (e *vp8Encoder) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	if e.c != nil {
		C.ppp_vp8_close(e.c)
		C.free(unsafe.Pointer(e.c))
		e.c = nil
	}
	return nil
}

func vpxVersion() string { return C.GoString(C.vpx_codec_version_str()) }

//go:build unix && !nocodecs

// Command qualitybench compares PeerPlayPay's video encoding with ffmpeg's
// libvpx on identical input. It writes a deterministic talking-head
// sequence once as a .y4m file, encodes it with our encoder exactly as the
// recorder configures it for each quality preset
// (media.RecordParams.VideoEncoderParams) and with ffmpeg's libvpx at the
// same bit rate, speed, keyframe interval and thread count, and scores
// both against the source with ffmpeg's psnr and ssim filters.
//
//	qualitybench -seconds 6 -reps 2
package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pion/mediadevices/pkg/io/video"
	"github.com/pion/mediadevices/pkg/prop"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
)

func main() {
	seconds := flag.Float64("seconds", 6, "length of the test sequence")
	reps := flag.Int("reps", 1, "runs of each encoder, interleaved; CPU is the median")
	presets := flag.String("presets", "standard,compact,small", "quality presets to measure")
	vp9Rates := flag.String("vp9-rates", "450,550,650,800", "VP9 720p bit rates (kbit/s) for the equal-quality sweep against Standard; empty skips it")
	dir := flag.String("dir", "", "work directory (default: a temporary one, removed)")
	keep := flag.Bool("keep", false, "keep the work directory")
	flag.Parse()
	if err := run(*seconds, *reps, *presets, *vp9Rates, *dir, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "qualitybench:", err)
		os.Exit(1)
	}
}

// Result is one encode of one source.
type Result struct {
	Label  string
	Bytes  int64
	Frames int
	CPU    []float64 // CPU-seconds per second of video, one per rep
	PSNR   float64
	SSIM   float64
	Secs   float64
}

func (r Result) MBPerMin() float64 { return float64(r.Bytes) / 1e6 / r.Secs * 60 }

func (r Result) CPUMedian() float64 {
	c := append([]float64(nil), r.CPU...)
	sort.Float64s(c)
	if len(c) == 0 {
		return 0
	}
	return c[len(c)/2]
}

func run(seconds float64, reps int, presetList, vp9Rates, dir string, keep bool) error {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		return errors.New("ffmpeg is needed: install it (apt-get install ffmpeg) and run again")
	}
	if dir == "" {
		d, err := os.MkdirTemp("", "qualitybench-")
		if err != nil {
			return err
		}
		dir = d
		if !keep {
			defer os.RemoveAll(dir)
		}
	}
	frames := int(seconds * 30)
	fmt.Printf("qualitybench: %d frames (%.1f s at 30 fps), %d rep(s), load %s\n", frames, seconds, reps, loadavg())
	sources := map[string]string{}
	source := func(w, h int) (string, error) {
		key := fmt.Sprintf("%dx%d", w, h)
		if p, ok := sources[key]; ok {
			return p, nil
		}
		p := filepath.Join(dir, "src-"+key+".y4m")
		if err := writeY4M(p, w, h, frames); err != nil {
			return "", err
		}
		sources[key] = p
		return p, nil
	}
	var rows [][2]*Result
	var standard *Result
	for _, name := range strings.Split(presetList, ",") {
		preset, err := peerplaypay.PresetOf(peerplaypay.Quality(strings.TrimSpace(name)))
		if err != nil {
			return err
		}
		if preset.AudioOnly() {
			continue
		}
		src, err := source(preset.Width, preset.Height)
		if err != nil {
			return err
		}
		rp := media.RecordParams{Width: preset.Width, Height: preset.Height, FPS: 30, Codec: preset.Codec, VideoBitRate: preset.VideoBitRate}
		ours, ff, err := compare(dir, string(preset.Quality), src, rp, frames, reps)
		if err != nil {
			return err
		}
		rows = append(rows, [2]*Result{ours, ff})
		if preset.Quality == peerplaypay.QualityStandard {
			standard = ours
		}
	}
	fmt.Println()
	fmt.Println("| preset | encoder | codec | kbit/s target | MB/min | PSNR dB | SSIM | CPU-s/s | PSNR ours-ffmpeg | size ours/ffmpeg | CPU ours/ffmpeg |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|")
	for _, r := range rows {
		o, f := r[0], r[1]
		for _, x := range []*Result{o, f} {
			fmt.Printf("| %s |\n", strings.Join(x.cells(), " | "))
		}
		fmt.Printf("| | ours vs ffmpeg | | | | | | | %+.2f dB | %.2f | %.2f |\n", o.PSNR-f.PSNR, float64(o.Bytes)/float64(f.Bytes), o.CPUMedian()/f.CPUMedian())
	}
	if standard != nil && strings.TrimSpace(vp9Rates) != "" {
		if err := sweepVP9(dir, sources["1280x720"], standard, vp9Rates, frames, reps); err != nil {
			return err
		}
	}
	return nil
}

func (r *Result) cells() []string {
	parts := strings.SplitN(r.Label, "/", 4) // preset/encoder/codec/kbps
	return append(parts, fmt.Sprintf("%.2f", r.MBPerMin()), fmt.Sprintf("%.2f", r.PSNR), fmt.Sprintf("%.4f", r.SSIM), fmt.Sprintf("%.3f", r.CPUMedian()), "", "", "")
}

// compare encodes src with ours and ffmpeg, interleaved rep by rep.
func compare(dir, preset, src string, rp media.RecordParams, frames, reps int) (*Result, *Result, error) {
	vp := rp.VideoEncoderParams()
	kbps := vp.BitRate / 1000
	ours := &Result{Label: fmt.Sprintf("%s/ours/%s/%d", preset, vp.Codec, kbps), Secs: float64(frames) / 30}
	ff := &Result{Label: fmt.Sprintf("%s/ffmpeg libvpx/%s/%d", preset, vp.Codec, kbps), Secs: float64(frames) / 30}
	oursOut := filepath.Join(dir, preset+"-ours.ivf")
	ffOut := filepath.Join(dir, preset+"-ffmpeg.ivf")
	for i := 0; i < reps; i++ {
		cpu, n, err := encodeOurs(src, oursOut, vp)
		if err != nil {
			return nil, nil, err
		}
		ours.CPU = append(ours.CPU, cpu/ours.Secs)
		ours.Frames = n
		cpu, err = encodeFFmpeg(src, ffOut, vp)
		if err != nil {
			return nil, nil, err
		}
		ff.CPU = append(ff.CPU, cpu/ff.Secs)
	}
	for _, x := range []struct {
		r    *Result
		path string
	}{{ours, oursOut}, {ff, ffOut}} {
		st, err := os.Stat(x.path)
		if err != nil {
			return nil, nil, err
		}
		x.r.Bytes = st.Size()
		if x.r.PSNR, x.r.SSIM, err = score(x.path, src); err != nil {
			return nil, nil, err
		}
	}
	fmt.Printf("  %-40s %6.2f MB/min  PSNR %.2f  SSIM %.4f  CPU-s/s %.3f\n", ours.Label, ours.MBPerMin(), ours.PSNR, ours.SSIM, ours.CPUMedian())
	fmt.Printf("  %-40s %6.2f MB/min  PSNR %.2f  SSIM %.4f  CPU-s/s %.3f\n", ff.Label, ff.MBPerMin(), ff.PSNR, ff.SSIM, ff.CPUMedian())
	return ours, ff, nil
}

// sweepVP9 encodes 720p VP9 at several rates and finds, by linear
// interpolation of PSNR over log rate, the rate that matches VP8 Standard.
func sweepVP9(dir, src string, vp8 *Result, rates string, frames, reps int) error {
	fmt.Println()
	fmt.Printf("VP9 (ours) against VP8 Standard (ours, %.2f MB/min, PSNR %.2f, CPU-s/s %.3f):\n", vp8.MBPerMin(), vp8.PSNR, vp8.CPUMedian())
	fmt.Println("| VP9 kbit/s | MB/min | PSNR dB | SSIM | CPU-s/s | size vs VP8 | PSNR vs VP8 | CPU vs VP8 |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	type pt struct{ mb, psnr float64 }
	var pts []pt
	for _, s := range strings.Split(rates, ",") {
		kbps, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("bad -vp9-rates entry %q: want kbit/s", s)
		}
		rp := media.RecordParams{Width: 1280, Height: 720, FPS: 30, Codec: peerplaypay.CodecVP9, VideoBitRate: kbps * 1000}
		r := &Result{Secs: float64(frames) / 30}
		out := filepath.Join(dir, fmt.Sprintf("vp9-%d.ivf", kbps))
		for i := 0; i < reps; i++ {
			cpu, _, err := encodeOurs(src, out, rp.VideoEncoderParams())
			if err != nil {
				return err
			}
			r.CPU = append(r.CPU, cpu/r.Secs)
		}
		st, err := os.Stat(out)
		if err != nil {
			return err
		}
		r.Bytes = st.Size()
		if r.PSNR, r.SSIM, err = score(out, src); err != nil {
			return err
		}
		fmt.Printf("| %d | %.2f | %.2f | %.4f | %.3f | %.2f | %+.2f dB | %.2f |\n", kbps, r.MBPerMin(), r.PSNR, r.SSIM, r.CPUMedian(),
			float64(r.Bytes)/float64(vp8.Bytes), r.PSNR-vp8.PSNR, r.CPUMedian()/vp8.CPUMedian())
		pts = append(pts, pt{r.MBPerMin(), r.PSNR})
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].mb < pts[j].mb })
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if (a.psnr <= vp8.PSNR && vp8.PSNR <= b.psnr) && b.psnr > a.psnr {
			f := (vp8.PSNR - a.psnr) / (b.psnr - a.psnr)
			mb := a.mb + f*(b.mb-a.mb)
			fmt.Printf("VP9 matches VP8 Standard's PSNR at about %.2f MB/min: %.0f %% smaller.\n", mb, 100*(1-mb/vp8.MBPerMin()))
			return nil
		}
	}
	fmt.Println("VP9's PSNR did not cross VP8 Standard's within the rates tried; widen -vp9-rates.")
	return nil
}

// encodeOurs runs our encoder over the y4m file and writes IVF; it returns
// the process CPU-seconds spent (reading the y4m included, as ffmpeg's
// figure includes its demuxing) and the frame count.
func encodeOurs(src, out string, vp media.VPXParams) (float64, int, error) {
	y, err := openY4M(src)
	if err != nil {
		return 0, 0, err
	}
	defer y.Close()
	f, err := os.Create(out)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	iw := newIVFWriter(f, vp.Codec, y.w, y.h)
	img := image.NewYCbCr(image.Rect(0, 0, y.w, y.h), image.YCbCrSubsampleRatio420)
	r := video.ReaderFunc(func() (image.Image, func(), error) {
		if err := y.next(img); err != nil {
			return nil, func() {}, err
		}
		return img, func() {}, nil
	})
	cpu0 := cpuTime()
	enc, err := vp.BuildVideoEncoder(r, prop.Media{Video: prop.Video{Width: y.w, Height: y.h, FrameRate: 30}})
	if err != nil {
		return 0, 0, err
	}
	n := 0
	for {
		b, release, err := enc.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			enc.Close()
			return 0, 0, err
		}
		if err := iw.frame(b, n); err != nil {
			return 0, 0, err
		}
		release()
		n++
	}
	enc.Close()
	cpu := (cpuTime() - cpu0).Seconds()
	if err := iw.finish(n); err != nil {
		return 0, 0, err
	}
	return cpu, n, nil
}

// FFmpegArgs are ffmpeg's libvpx settings matching vp: realtime deadline,
// the same speed, bit rate, keyframe interval and threads, and no
// look-ahead (a live recorder encodes each frame as it comes).
func FFmpegArgs(src, out string, vp media.VPXParams) []string {
	args := []string{"-nostdin", "-v", "error", "-i", src}
	if vp.Codec == peerplaypay.CodecVP9 {
		args = append(args, "-c:v", "libvpx-vp9", "-row-mt", map[bool]string{true: "1", false: "0"}[vp.Threads > 1])
	} else {
		args = append(args, "-c:v", "libvpx")
	}
	args = append(args, "-deadline", "realtime", "-cpu-used", strconv.Itoa(vp.CPUUsed),
		"-b:v", strconv.Itoa(vp.BitRate), "-g", strconv.Itoa(vp.KeyFrameInterval),
		"-lag-in-frames", "0", "-threads", strconv.Itoa(vp.Threads), "-f", "ivf", "-y", out)
	return args
}

func encodeFFmpeg(src, out string, vp media.VPXParams) (float64, error) {
	cmd := exec.Command("ffmpeg", FFmpegArgs(src, out, vp)...)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("ffmpeg encode: %w", err)
	}
	st := cmd.ProcessState
	return (st.UserTime() + st.SystemTime()).Seconds(), nil
}

// score returns ffmpeg's average PSNR (all planes) and SSIM (All) of enc
// against src.
func score(enc, src string) (float64, float64, error) {
	cmd := exec.Command("ffmpeg", "-nostdin", "-hide_banner", "-i", enc, "-i", src, "-lavfi",
		"[0:v]split[a][b];[1:v]split[c][d];[a][c]psnr;[b][d]ssim", "-f", "null", "-")
	outb, err := cmd.CombinedOutput()
	if err != nil {
		return 0, 0, fmt.Errorf("ffmpeg psnr/ssim: %w: %s", err, tail(string(outb)))
	}
	return ParseScores(string(outb))
}

// ParseScores reads the averages from the summary lines of ffmpeg's psnr
// and ssim filters:
//
//	[Parsed_psnr_4 @ 0x..] PSNR y:34.1 u:40.2 v:41.0 average:35.5 min:33.1 max:37.0
//	[Parsed_ssim_5 @ 0x..] SSIM Y:0.95 (13.1) U:0.97 (15.2) V:0.97 (15.4) All:0.958 (13.8)
func ParseScores(out string) (psnr, ssim float64, err error) {
	var okP, okS bool
	for _, line := range strings.Split(out, "\n") {
		if i := strings.Index(line, "PSNR "); i >= 0 {
			if v, ok := field(line[i:], "average:"); ok {
				psnr, okP = v, true
			}
		}
		if i := strings.Index(line, "SSIM "); i >= 0 {
			if v, ok := field(line[i:], "All:"); ok {
				ssim, okS = v, true
			}
		}
	}
	if !okP || !okS {
		return 0, 0, fmt.Errorf("no PSNR/SSIM summary in ffmpeg's output: %s", tail(out))
	}
	return psnr, ssim, nil
}

func field(s, key string) (float64, bool) {
	i := strings.Index(s, key)
	if i < 0 {
		return 0, false
	}
	v := s[i+len(key):]
	if j := strings.IndexAny(v, " \t("); j >= 0 {
		v = v[:j]
	}
	if v == "inf" {
		return 100, true // identical frames
	}
	f, err := strconv.ParseFloat(v, 64)
	return f, err == nil
}

func tail(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 400 {
		s = s[len(s)-400:]
	}
	return s
}

// writeY4M writes frames of the talking-head sequence as YUV4MPEG2 4:2:0.
func writeY4M(path string, w, h, frames int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := WriteY4M(bw, media.NewHeadGenerator(w, h), w, h, frames); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// WriteY4M writes frames 0..frames-1 of g to w.
func WriteY4M(w io.Writer, g *media.HeadGenerator, width, height, frames int) error {
	if _, err := fmt.Fprintf(w, "YUV4MPEG2 W%d H%d F30:1 Ip A1:1 C420jpeg\n", width, height); err != nil {
		return err
	}
	img := image.NewYCbCr(image.Rect(0, 0, width, height), image.YCbCrSubsampleRatio420)
	for n := 0; n < frames; n++ {
		g.Frame(n, img)
		if _, err := io.WriteString(w, "FRAME\n"); err != nil {
			return err
		}
		for _, p := range [][]byte{img.Y, img.Cb, img.Cr} {
			if _, err := w.Write(p); err != nil {
				return err
			}
		}
	}
	return nil
}

type y4mReader struct {
	f    *os.File
	r    *bufio.Reader
	w, h int
}

func openY4M(path string) (*y4mReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r := bufio.NewReaderSize(f, 1<<20)
	hdr, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(hdr, "YUV4MPEG2 ") {
		f.Close()
		return nil, fmt.Errorf("%s is not a y4m file", path)
	}
	y := &y4mReader{f: f, r: r}
	for _, tok := range strings.Fields(hdr) {
		switch tok[0] {
		case 'W':
			y.w, _ = strconv.Atoi(tok[1:])
		case 'H':
			y.h, _ = strconv.Atoi(tok[1:])
		}
	}
	if y.w <= 0 || y.h <= 0 {
		f.Close()
		return nil, fmt.Errorf("%s: no frame size in its header", path)
	}
	return y, nil
}

func (y *y4mReader) next(img *image.YCbCr) error {
	line, err := y.r.ReadString('\n')
	if err != nil {
		return io.EOF
	}
	if !strings.HasPrefix(line, "FRAME") {
		return fmt.Errorf("y4m: bad frame header %q", line)
	}
	for _, p := range [][]byte{img.Y, img.Cb, img.Cr} {
		if _, err := io.ReadFull(y.r, p); err != nil {
			return fmt.Errorf("y4m: short frame: %w", err)
		}
	}
	return nil
}

func (y *y4mReader) Close() error { return y.f.Close() }

// ivfWriter writes the IVF container ffmpeg reads for VP8 and VP9; the
// frame count in its header is patched at the end.
type ivfWriter struct {
	w   io.WriteSeeker
	err error
}

func newIVFWriter(w io.WriteSeeker, c peerplaypay.VideoCodec, width, height int) *ivfWriter {
	fourcc := "VP80"
	if c == peerplaypay.CodecVP9 {
		fourcc = "VP90"
	}
	h := make([]byte, 32)
	copy(h, "DKIF")
	binary.LittleEndian.PutUint16(h[4:], 0)
	binary.LittleEndian.PutUint16(h[6:], 32)
	copy(h[8:], fourcc)
	binary.LittleEndian.PutUint16(h[12:], uint16(width))
	binary.LittleEndian.PutUint16(h[14:], uint16(height))
	binary.LittleEndian.PutUint32(h[16:], 30) // time base 1/30
	binary.LittleEndian.PutUint32(h[20:], 1)
	iw := &ivfWriter{w: w}
	_, iw.err = w.Write(h)
	return iw
}

func (iw *ivfWriter) frame(b []byte, pts int) error {
	if iw.err != nil {
		return iw.err
	}
	h := make([]byte, 12)
	binary.LittleEndian.PutUint32(h, uint32(len(b)))
	binary.LittleEndian.PutUint64(h[4:], uint64(pts))
	if _, iw.err = iw.w.Write(h); iw.err == nil {
		_, iw.err = iw.w.Write(b)
	}
	return iw.err
}

func (iw *ivfWriter) finish(frames int) error {
	if iw.err != nil {
		return iw.err
	}
	if _, err := iw.w.Seek(24, io.SeekStart); err != nil {
		return err
	}
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(frames))
	_, err := iw.w.Write(b[:])
	return err
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

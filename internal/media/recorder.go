package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/mediadevices"
	"github.com/pion/mediadevices/pkg/codec"
	"github.com/pion/mediadevices/pkg/driver"
	"github.com/pion/mediadevices/pkg/io/audio"
	"github.com/pion/mediadevices/pkg/io/video"
	"github.com/pion/mediadevices/pkg/prop"
	"github.com/pion/mediadevices/pkg/wave"
	"github.com/pion/mediadevices/pkg/wave/mixer"

	"peerplaypay/internal/peerplaypay"
)

// DefaultMaxDuration is the longest recording unless RecordParams says
// otherwise: a stand-up is short, and a forgotten recorder must not fill the
// disk.
const DefaultMaxDuration = 5 * time.Minute

const (
	opusFrame    = 20 * time.Millisecond
	opusPreSkip  = 312 // libopus lookahead at 48 kHz (2.5 ms + 4 ms delay compensation)
	previewWidth = 320
	previewEvery = 200 * time.Millisecond // 5 fps preview
	syncEvery    = time.Second            // crash safety: at most ~1 s lost on power loss
)

// RecordParams describes one recording.
type RecordParams struct {
	Path          string  // output .webm; must not exist yet
	VideoDeviceID string  // "" records audio only
	AudioDeviceID string  // "" records video only
	Width, Height int     // default 1280x720
	FPS           float64 // default 30
	VideoBitRate  int     // bits/s; default 2 Mbps at 720p30, scaled by pixel rate
	AudioBitRate  int     // bits/s; default 64 kbps
	MaxDuration   time.Duration
	// OnProgress, if set, is called about four times a second from a
	// recorder goroutine; it must return quickly.
	OnProgress func(Progress)
	// Codec is the video codec: VP8 (default) or VP9.
	Codec peerplaypay.VideoCodec
	// VPX tunes the video encoder (zero value: defaults); its Codec is
	// ignored in favour of Codec above. Bench uses it.
	VPX VPXParams
	// VideoEncoder, if set, replaces our encoder (it must produce Codec);
	// bench uses it to compare with mediadevices' own vpx encoder.
	VideoEncoder codec.VideoEncoderBuilder
}

func (p *RecordParams) setDefaults() {
	if p.Width == 0 && p.Height == 0 {
		p.Width, p.Height = 1280, 720
	}
	if p.FPS == 0 {
		p.FPS = 30
	}
	if p.Codec == "" {
		p.Codec = peerplaypay.CodecVP8
	}
	if p.AudioBitRate == 0 {
		p.AudioBitRate = 64_000
	}
	if p.MaxDuration == 0 {
		p.MaxDuration = DefaultMaxDuration
	}
}

// VideoEncoderParams is what the recorder gives the video encoder for p:
// Codec, VideoBitRate and FPS over p.VPX, then the encoder's defaults.
// bench/qualitybench encodes with it, so it measures the recorder's
// settings.
func (p RecordParams) VideoEncoderParams() VPXParams {
	v := p.VPX
	v.Codec = p.Codec
	if v.Codec == "" {
		v.Codec = peerplaypay.CodecVP8
	}
	if p.VideoBitRate > 0 {
		v.BitRate = p.VideoBitRate
	}
	v.FrameRate = p.FPS
	return v.withDefaults(p.Width, p.Height, p.FPS)
}

// Validate checks the parameters after defaults are applied.
func (p *RecordParams) Validate() error {
	switch {
	case p.Path == "":
		return peerplaypay.FieldErrorf("path", "Choose where to save the recording.")
	case p.VideoDeviceID == "" && p.AudioDeviceID == "":
		return peerplaypay.FieldErrorf("device", "Choose a camera or a microphone to record from.")
	case p.Width < 16 || p.Height < 16 || p.Width > 3840 || p.Height > 2160 || p.Width%2 != 0 || p.Height%2 != 0:
		return peerplaypay.FieldErrorf("size", "The video size %dx%d is not supported; use even numbers up to 3840x2160.", p.Width, p.Height)
	case p.FPS < 1 || p.FPS > 60:
		return peerplaypay.FieldErrorf("fps", "The frame rate must be between 1 and 60.")
	case p.VideoBitRate < 0 || p.AudioBitRate < 6000 || p.AudioBitRate > 510_000:
		return peerplaypay.FieldErrorf("bitrate", "The bit rate is out of range.")
	case !peerplaypay.KnownVideoCodec(p.Codec):
		return peerplaypay.FieldErrorf("codec", "Unknown video codec %q; choose vp8 or vp9.", p.Codec)
	case p.MaxDuration < time.Second:
		return peerplaypay.FieldErrorf("max_duration", "The maximum length must be at least one second.")
	}
	return nil
}

// Progress is a snapshot of a running recording.
type Progress struct {
	Elapsed     time.Duration // recorded time, pauses excluded
	Bytes       int64         // file size so far
	AudioLevel  float64       // 0..1, for a level meter (-60..0 dBFS)
	Paused      bool
	VideoFrames int64
	AudioFrames int64
}

// StopReason says why a recording ended.
type StopReason string

const (
	StopRequested   StopReason = "stopped"      // Stop() was called
	StopCanceled    StopReason = "canceled"     // the context was cancelled
	StopMaxDuration StopReason = "max_duration" // MaxDuration was reached
	StopFailed      StopReason = "failed"       // a device or encoder failed
)

// Result describes a finished recording.
type Result struct {
	Path        string
	Duration    time.Duration
	Bytes       int64
	VideoFrames int64
	AudioFrames int64
	Reason      StopReason
	// Loudness is the sound's loudness map, "" for a recording without
	// sound.
	Loudness peerplaypay.Loudness
}

// Recorder captures from a camera and/or microphone into a WebM file
// (VP8 + Opus). Create it with StartRecording.
type Recorder struct {
	params RecordParams

	videoTrack *mediadevices.VideoTrack
	audioTrack *mediadevices.AudioTrack
	videoEnc   mediadevices.EncodedReadCloser
	audioEnc   mediadevices.EncodedReadCloser
	file       *os.File
	mux        *webmWriter

	// clock: recorded time excludes pauses.
	clockMu     sync.Mutex
	t0          time.Time
	paused      bool
	pauseStart  time.Time
	pausedTotal time.Duration

	stopping     atomic.Bool
	videoCapture atomic.Int64 // ms timestamp of the frame last passed to the encoder
	gateSlot     int64        // frame slot of that frame; used by the gate only
	audioCapture atomic.Int64 // ms timestamp at the end of the chunk last passed
	level        atomic.Uint64
	loudness     loudnessMeter
	videoFrames  atomic.Int64
	audioFrames  atomic.Int64

	previewMu   sync.Mutex
	previewImg  *image.YCbCr
	srcW, srcH  int
	previewSeq  int64
	previewAt   time.Time
	previewJPEG []byte
	previewJSeq int64

	loops     sync.WaitGroup
	packets   chan muxPacket
	loopsDone chan struct{}
	muxDone   chan struct{}
	stopCh    chan StopReason
	done      chan struct{}
	failMu    sync.Mutex
	failErr   error
	result    Result
	resultErr error
}

// StartRecording opens the devices and starts writing params.Path. The
// recording runs until ctx is cancelled, Stop is called, MaxDuration is
// reached or a device fails; then the file is finished (Duration, Cues) and
// Wait returns.
func StartRecording(ctx context.Context, params RecordParams) (*Recorder, error) {
	params.setDefaults()
	if err := params.Validate(); err != nil {
		return nil, err
	}
	if _, err := os.Stat(params.Path); err == nil {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "A file named %s already exists; recordings are never overwritten.", filepath.Base(params.Path))
	}
	r := &Recorder{
		params: params, stopCh: make(chan StopReason, 1), done: make(chan struct{}),
		packets: make(chan muxPacket, 512), loopsDone: make(chan struct{}), muxDone: make(chan struct{}),
		gateSlot: -1,
	}
	ok := false
	defer func() {
		if !ok {
			r.closeDevices()
		}
	}()

	selector, err := newCodecSelector(params)
	if err != nil {
		return nil, err
	}

	if params.VideoDeviceID != "" {
		d, err := findDriver(KindVideo, params.VideoDeviceID)
		if err != nil {
			return nil, err
		}
		if err := r.openVideo(d, selector); err != nil {
			return nil, err
		}
	}
	if params.AudioDeviceID != "" {
		d, err := findDriver(KindAudio, params.AudioDeviceID)
		if err != nil {
			return nil, err
		}
		if err := r.openAudio(d, selector); err != nil {
			return nil, err
		}
	}

	cfg := webmConfig{}
	if r.videoEnc != nil {
		w, h := params.Width, params.Height
		r.previewMu.Lock()
		if r.previewImg != nil { // the frame read to detect the size passed the gate
			w, h = r.srcW, r.srcH
		}
		r.previewMu.Unlock()
		cfg.Video = &webmVideo{Width: w, Height: h, VP9: params.Codec == peerplaypay.CodecVP9}
	}
	if r.audioEnc != nil {
		cfg.Audio = &webmAudio{SampleRate: 48000, Channels: 1, PreSkip: opusPreSkip}
	}
	f, err := os.OpenFile(params.Path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "A file named %s already exists; recordings are never overwritten.", filepath.Base(params.Path))
		}
		return nil, peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot create the recording file in %s: %v. Check free space and permissions.", filepath.Dir(params.Path), errors.Unwrap(err))
	}
	r.file = f
	r.mux, err = newWebMWriter(f, cfg)
	if err != nil {
		f.Close()
		os.Remove(params.Path)
		return nil, peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write the recording file: %v.", errors.Unwrap(err))
	}
	ok = true

	r.clockMu.Lock()
	r.t0 = time.Now()
	r.clockMu.Unlock()
	if r.videoEnc != nil {
		r.loops.Add(1)
		go r.videoLoop()
	}
	if r.audioEnc != nil {
		r.loops.Add(1)
		go r.audioLoop()
	}
	go r.muxLoop()
	go r.supervise(ctx)
	return r, nil
}

// openVideo starts the camera track and its encoder. Drivers may panic on
// broken devices; guard turns that into an error.
func (r *Recorder) openVideo(d driver.Driver, selector *mediadevices.CodecSelector) error {
	p := r.params
	err := guard("open camera", func() error {
		s, err := mediadevices.GetUserMedia(mediadevices.MediaStreamConstraints{
			Video: func(c *mediadevices.MediaTrackConstraints) {
				c.DeviceID = prop.StringExact(d.ID())
				c.Width = prop.Int(p.Width)
				c.Height = prop.Int(p.Height)
				c.FrameRate = prop.Float(p.FPS)
			},
			Codec: selector,
		})
		if err != nil {
			return err
		}
		t, ok := s.GetVideoTracks()[0].(*mediadevices.VideoTrack)
		if !ok {
			s.GetVideoTracks()[0].Close()
			return errors.New("unexpected video track type")
		}
		r.videoTrack = t
		t.Transform(r.videoGate)
		r.videoEnc, err = t.NewEncodedReader(string(p.Codec))
		return err
	})
	if err != nil && cameraBusy(err) {
		return ErrCameraInUse(p.VideoDeviceID)
	}
	if err != nil {
		return peerplaypay.Errorf(peerplaypay.EUNAVAILABLE,
			"The camera could not be started (%v). Close other apps that use it and try again; run `peerplaypay doctor` if it keeps failing.", shortErr(err))
	}
	return nil
}

// openAudio starts the microphone track and its Opus encoder.
func (r *Recorder) openAudio(d driver.Driver, selector *mediadevices.CodecSelector) error {
	err := guard("open microphone", func() error {
		s, err := mediadevices.GetUserMedia(mediadevices.MediaStreamConstraints{
			Audio: func(c *mediadevices.MediaTrackConstraints) {
				c.DeviceID = prop.StringExact(d.ID())
				c.SampleRate = prop.Int(48000)
			},
			Codec: selector,
		})
		if err != nil {
			return err
		}
		t, ok := s.GetAudioTracks()[0].(*mediadevices.AudioTrack)
		if !ok {
			s.GetAudioTracks()[0].Close()
			return errors.New("unexpected audio track type")
		}
		r.audioTrack = t
		// Mono: voice recording, and the Opus header must state the
		// channel count before the first packet is seen.
		t.Transform(audio.NewChannelMixer(1, &mixer.MonoMixer{}), r.audioGate)
		r.audioEnc, err = t.NewEncodedReader("opus")
		return err
	})
	if err != nil {
		return peerplaypay.Errorf(peerplaypay.EUNAVAILABLE,
			"The microphone could not be started (%v). Close other apps that use it and try again; run `peerplaypay doctor` if it keeps failing.", shortErr(err))
	}
	return nil
}

func shortErr(err error) string {
	s := err.Error()
	if i := bytes.IndexByte([]byte(s), '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// elapsed is the recorded time at now: wall time since start minus pauses,
// frozen while paused.
func (r *Recorder) elapsed(now time.Time) time.Duration {
	r.clockMu.Lock()
	defer r.clockMu.Unlock()
	if r.t0.IsZero() {
		return 0
	}
	if r.paused {
		now = r.pauseStart
	}
	return max(now.Sub(r.t0)-r.pausedTotal, 0)
}

func (r *Recorder) isPaused() bool {
	r.clockMu.Lock()
	defer r.clockMu.Unlock()
	return r.paused
}

// Pause stops recording frames; the time paused is left out of the file
// and timestamps continue where they stopped.
func (r *Recorder) Pause() error {
	r.clockMu.Lock()
	defer r.clockMu.Unlock()
	if r.stopping.Load() {
		return peerplaypay.Errorf(peerplaypay.ECONFLICT, "The recording has already stopped.")
	}
	if !r.paused {
		r.paused = true
		r.pauseStart = time.Now()
	}
	return nil
}

// Resume continues a paused recording.
func (r *Recorder) Resume() error {
	r.clockMu.Lock()
	defer r.clockMu.Unlock()
	if r.stopping.Load() {
		return peerplaypay.Errorf(peerplaypay.ECONFLICT, "The recording has already stopped.")
	}
	if r.paused {
		r.paused = false
		r.pausedTotal += time.Since(r.pauseStart)
	}
	return nil
}

// videoGate sits between the camera and the encoder: it keeps the preview
// fresh, drops frames while paused (so the encoder does no work), and notes
// the capture time of each frame it lets through.
func (r *Recorder) videoGate(src video.Reader) video.Reader {
	return video.ReaderFunc(func() (image.Image, func(), error) {
		for {
			img, release, err := src.Read()
			if err != nil {
				return nil, func() {}, err
			}
			now := time.Now()
			r.updatePreview(img, now)
			if !r.isPaused() || r.stopping.Load() {
				// A camera may run faster than asked (it offers only some
				// rates): keep one frame per slot of the requested rate and
				// drop the rest before they cost encoder time.
				ms := r.elapsed(now).Milliseconds()
				slot := int64(math.Round(float64(ms) * r.params.FPS / 1000))
				if slot > r.gateSlot || r.gateSlot < 0 {
					r.gateSlot = slot
					r.videoCapture.Store(ms)
					return img, release, nil
				}
			}
			release()
		}
	})
}

// audioGate measures the level for the meter, drops chunks while paused and
// notes the recorded time at the end of each chunk let through.
func (r *Recorder) audioGate(src audio.Reader) audio.Reader {
	return audio.ReaderFunc(func() (wave.Audio, func(), error) {
		for {
			chunk, release, err := src.Read()
			if err != nil {
				return nil, func() {}, err
			}
			r.level.Store(math.Float64bits(audioLevel(chunk)))
			if !r.isPaused() || r.stopping.Load() {
				r.audioCapture.Store(r.elapsed(time.Now()).Milliseconds())
				r.loudness.add(chunk)
				return chunk, release, nil
			}
			release()
		}
	})
}

// audioLevel maps a chunk's RMS to 0..1 over -60..0 dBFS.
func audioLevel(a wave.Audio) float64 {
	info := a.ChunkInfo()
	n := info.Len * info.Channels
	if n == 0 {
		return 0
	}
	var sum float64
	switch b := a.(type) {
	case *wave.Int16Interleaved:
		for _, s := range b.Data {
			v := float64(s) / 32768
			sum += v * v
		}
	case *wave.Float32Interleaved:
		for _, s := range b.Data {
			sum += float64(s) * float64(s)
		}
	default:
		for i := 0; i < info.Len; i++ {
			for ch := 0; ch < info.Channels; ch++ {
				v := float64(wave.Int16SampleFormat.Convert(a.At(i, ch)).(wave.Int16Sample)) / 32768
				sum += v * v
			}
		}
	}
	rms := math.Sqrt(sum / float64(n))
	if rms <= 1e-3 {
		return 0
	}
	return min(1, (20*math.Log10(rms)+60)/60)
}

func (r *Recorder) fail(err error) {
	r.failMu.Lock()
	if r.failErr == nil {
		r.failErr = err
	}
	r.failMu.Unlock()
	r.requestStop(StopFailed)
}

func (r *Recorder) requestStop(reason StopReason) {
	select {
	case r.stopCh <- reason:
	default:
	}
}

func (r *Recorder) videoLoop() {
	defer r.loops.Done()
	frameDur := 1000 / r.params.FPS // ms
	frameMS := int64(math.Round(frameDur))
	maxMS := r.params.MaxDuration.Milliseconds()
	var last, lastSlot int64 = -1, -1
	err := guard("video encoder", func() error {
		for {
			buf, release, err := r.videoEnc.Read()
			if err != nil {
				return err
			}
			if len(buf.Data) == 0 {
				release()
				continue
			}
			// Capture times jitter by the encoder's latency (a frame read
			// late is stamped late), so snap them to the nominal frame grid;
			// a frame that lands in a taken slot moves to the next one unless
			// that runs more than 1.5 frames ahead of its capture time (a
			// source faster than its nominal rate).
			capture := r.videoCapture.Load()
			slot := max(int64(math.Round(float64(capture)/frameDur)), lastSlot+1)
			ts := int64(math.Round(float64(slot) * frameDur))
			if float64(ts-capture) > 1.5*frameDur {
				ts = max(capture, last+1)
				slot = int64(math.Floor(float64(ts) / frameDur))
			}
			if ts >= maxMS {
				release()
				r.requestStop(StopMaxDuration)
				continue
			}
			r.send(muxPacket{r.mux.VideoTrack, ts, IsKeyframe(r.params.Codec, buf.Data), buf.Data, frameMS})
			release()
			last, lastSlot = ts, slot
			r.videoFrames.Add(1)
		}
	})
	if err != nil && !r.stopping.Load() {
		r.fail(fmt.Errorf("video: %w", err))
	}
}

func (r *Recorder) audioLoop() {
	defer r.loops.Done()
	frameMS := opusFrame.Milliseconds()
	maxMS := r.params.MaxDuration.Milliseconds()
	var ts int64 = -1
	err := guard("audio encoder", func() error {
		for {
			buf, release, err := r.audioEnc.Read()
			if err != nil {
				return err
			}
			if len(buf.Data) == 0 {
				release()
				continue
			}
			// Audio timestamps follow the sample clock (exactly 20 ms per
			// packet) and only jump forward when the wall clock is well
			// ahead, e.g. after the device dropped data.
			wall := r.audioCapture.Load() - frameMS
			if ts < 0 {
				ts = max(wall, 0)
			} else {
				ts += frameMS
				if wall > ts+100 {
					ts = wall
				}
			}
			if ts >= maxMS {
				release()
				r.requestStop(StopMaxDuration)
				continue
			}
			r.send(muxPacket{r.mux.AudioTrack, ts, true, buf.Data, frameMS})
			release()
			r.audioFrames.Add(1)
		}
	})
	if err != nil && !r.stopping.Load() {
		r.fail(fmt.Errorf("audio: %w", err))
	}
}

// diskError marks a failure to write the file, as opposed to a device or
// encoder failure, so the user is told to look at the disk.
type diskError struct{ error }

func (e diskError) Unwrap() error { return e.error }

// muxPacket is one encoded frame on its way to the file. Encoders return
// fresh slices, so data is owned by the packet.
type muxPacket struct {
	track uint64
	ts    int64
	key   bool
	data  []byte
	dur   int64
}

// send queues a packet for muxLoop. The queue (~5 s of packets) decouples
// the encoders from the disk: a write stalled behind the once-a-second
// fsync, or a slow disk, must not make the camera drop frames.
func (r *Recorder) send(p muxPacket) {
	select {
	case r.packets <- p:
	case <-r.loopsDone: // finish gave up waiting for us
	}
}

// muxLoop is the only writer of blocks, so packets reach the file in the
// order the encoders produced them.
func (r *Recorder) muxLoop() {
	defer close(r.muxDone)
	write := func(p muxPacket) {
		if err := r.mux.WriteBlock(p.track, p.ts, p.key, p.data, p.dur); err != nil {
			r.fail(diskError{err})
		}
	}
	for {
		select {
		case p := <-r.packets:
			write(p)
		case <-r.loopsDone:
			for {
				select {
				case p := <-r.packets:
					write(p)
				default:
					return
				}
			}
		}
	}
}

func (r *Recorder) supervise(ctx context.Context) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	lastProgress, lastSync := time.Now(), time.Now()
	var reason StopReason
loop:
	for {
		select {
		case <-ctx.Done():
			reason = StopCanceled
			break loop
		case reason = <-r.stopCh:
			break loop
		case now := <-tick.C:
			if r.elapsed(now) >= r.params.MaxDuration {
				reason = StopMaxDuration
				break loop
			}
			if now.Sub(lastSync) >= syncEvery {
				if err := r.mux.Sync(); err != nil {
					r.fail(diskError{fmt.Errorf("sync recording: %w", err)})
				}
				lastSync = now
			}
			if r.params.OnProgress != nil && now.Sub(lastProgress) >= 250*time.Millisecond {
				lastProgress = now
				p := r.Progress()
				// A panicking callback must not take the recording down.
				_ = guard("progress callback", func() error { r.params.OnProgress(p); return nil })
			}
		}
	}
	r.finish(reason)
}

// finish stops the devices, waits for the encoders to drain and completes
// the file.
func (r *Recorder) finish(reason StopReason) {
	r.clockMu.Lock()
	r.stopping.Store(true)
	r.clockMu.Unlock()

	// Closing the tracks ends the sources; the encoder loops then see an
	// error and return.
	if r.videoTrack != nil {
		r.videoTrack.Close()
	}
	if r.audioTrack != nil {
		r.audioTrack.Close()
	}
	drained := make(chan struct{})
	go func() { r.loops.Wait(); close(drained) }()
	select {
	case <-drained:
		// Only now is it safe to free the encoders.
		if r.videoEnc != nil {
			r.videoEnc.Close()
		}
		if r.audioEnc != nil {
			r.audioEnc.Close()
		}
	case <-time.After(5 * time.Second):
		// A driver did not return; leak its encoder rather than free it under
		// a running Read. The file is still finished below.
	}
	close(r.loopsDone)
	<-r.muxDone

	r.failMu.Lock()
	failErr := r.failErr
	r.failMu.Unlock()
	if failErr != nil {
		reason = StopFailed
	}
	closeErr := r.mux.Close()
	if err := r.file.Close(); err != nil && closeErr == nil {
		closeErr = fmt.Errorf("close recording: %w", err)
	}
	r.result = Result{
		Path:        r.params.Path,
		Duration:    time.Duration(r.mux.Duration()) * time.Millisecond,
		Bytes:       r.mux.Size(),
		VideoFrames: r.videoFrames.Load(),
		AudioFrames: r.audioFrames.Load(),
		Reason:      reason,
	}
	if r.audioEnc != nil {
		r.result.Loudness = r.loudness.loudness()
	}
	var diskErr diskError
	switch {
	case errors.As(failErr, &diskErr):
		r.resultErr = peerplaypay.Errorf(peerplaypay.EUNWRITABLE,
			"Recording stopped because the file could not be written (%s). Check free disk space; what was written until then is kept.", shortErr(failErr))
	case failErr != nil:
		r.resultErr = peerplaypay.Errorf(peerplaypay.EUNAVAILABLE,
			"Recording stopped because a device or encoder failed (%s). What was recorded until then is saved.", shortErr(failErr))
	case closeErr != nil:
		r.resultErr = peerplaypay.Errorf(peerplaypay.EUNWRITABLE,
			"The recording could not be saved completely (%s). Check free disk space.", shortErr(closeErr))
	}
	close(r.done)
}

// closeDevices releases whatever StartRecording opened before it failed.
func (r *Recorder) closeDevices() {
	if r.videoEnc != nil {
		r.videoEnc.Close()
	}
	if r.audioEnc != nil {
		r.audioEnc.Close()
	}
	if r.videoTrack != nil {
		r.videoTrack.Close()
	}
	if r.audioTrack != nil {
		r.audioTrack.Close()
	}
}

// Stop ends the recording and waits until the file is complete.
func (r *Recorder) Stop() (Result, error) {
	r.requestStop(StopRequested)
	return r.Wait()
}

// Wait blocks until the recording has ended and the file is complete.
func (r *Recorder) Wait() (Result, error) {
	<-r.done
	return r.result, r.resultErr
}

// Done is closed when the recording has ended and the file is complete.
func (r *Recorder) Done() <-chan struct{} { return r.done }

// Progress returns the current state.
func (r *Recorder) Progress() Progress {
	return Progress{
		Elapsed:     r.elapsed(time.Now()),
		Bytes:       r.mux.Size(),
		AudioLevel:  math.Float64frombits(r.level.Load()),
		Paused:      r.isPaused(),
		VideoFrames: r.videoFrames.Load(),
		AudioFrames: r.audioFrames.Load(),
	}
}

// updatePreview keeps a small copy of the newest frame, at most 5 times a
// second, by nearest-neighbour sampling (cheap; it is only a preview).
func (r *Recorder) updatePreview(img image.Image, now time.Time) {
	r.previewMu.Lock()
	defer r.previewMu.Unlock()
	b := img.Bounds()
	r.srcW, r.srcH = b.Dx(), b.Dy()
	if r.previewImg != nil && now.Sub(r.previewAt) < previewEvery {
		return
	}
	src, ok := img.(*image.YCbCr)
	if !ok || b.Dx() < 2 || b.Dy() < 2 {
		return
	}
	w := min(previewWidth, b.Dx()) &^ 1
	h := max(2, (b.Dy()*w/b.Dx())&^1)
	if r.previewImg == nil || r.previewImg.Rect.Dx() != w || r.previewImg.Rect.Dy() != h {
		r.previewImg = image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	}
	dst := r.previewImg
	for y := 0; y < h; y++ {
		sy := b.Min.Y + y*b.Dy()/h
		for x := 0; x < w; x++ {
			sx := b.Min.X + x*b.Dx()/w
			dst.Y[y*dst.YStride+x] = src.Y[src.YOffset(sx, sy)]
		}
	}
	for y := 0; y < h/2; y++ {
		sy := b.Min.Y + 2*y*b.Dy()/h
		for x := 0; x < w/2; x++ {
			sx := b.Min.X + 2*x*b.Dx()/w
			ci := src.COffset(sx, sy)
			dst.Cb[y*dst.CStride+x] = src.Cb[ci]
			dst.Cr[y*dst.CStride+x] = src.Cr[ci]
		}
	}
	r.previewAt = now
	r.previewSeq++
}

// PreviewJPEG returns a small JPEG (320 px wide) of a recent video frame,
// refreshed at most 5 times a second, for the recording screen. It is
// encoded on demand and cached, so polling it is cheap.
func (r *Recorder) PreviewJPEG() ([]byte, error) {
	r.previewMu.Lock()
	defer r.previewMu.Unlock()
	if r.previewImg == nil {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "No video preview is available for this recording.")
	}
	if r.previewJPEG != nil && r.previewJSeq == r.previewSeq {
		return r.previewJPEG, nil
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, r.previewImg, &jpeg.Options{Quality: 70}); err != nil {
		return nil, fmt.Errorf("encode preview: %w", err)
	}
	r.previewJPEG, r.previewJSeq = buf.Bytes(), r.previewSeq
	return r.previewJPEG, nil
}

// Package standup records stand-up logs: it joins a recording on disk to
// its row in the database, from before the first frame until the file is
// hashed, and recovers recordings that an earlier run left unfinished.
package standup

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"peerplaypay/internal/datadir"
	"peerplaypay/internal/lockfile"
	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
)

// Studio starts recordings and manages their files. One recording runs at
// a time in a Studio: there is one member at this laptop.
//
// Every recording holds a lock file beside its media file for its whole
// life, so recovery, in this process or another (a command run while the
// window records, a second window), touches only recordings whose writer is
// really gone. Cameras are locked too: one camera feeds one recording.
type Studio struct {
	dataDir string
	logs    peerplaypay.LogService
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// DeviceLockDir holds the camera locks. They are per machine, not per
	// data folder: two members' folders still share one camera.
	DeviceLockDir string

	mu     sync.Mutex
	active *Session
}

// New returns a Studio keeping media under dataDir/media.
func New(dataDir string, logs peerplaypay.LogService) *Studio {
	return &Studio{dataDir: dataDir, logs: logs, Now: time.Now, DeviceLockDir: datadir.RuntimeDir()}
}

// Options describe a recording.
type Options struct {
	VideoDeviceID string // "" for an audio-only log
	AudioDeviceID string // "" for video without sound
	// Preset sets size and bit rates; the zero value is the default
	// quality. An audio-only preset records no video whatever the device.
	Preset      peerplaypay.QualityPreset
	FPS         float64
	MaxDuration time.Duration // 0: media.DefaultMaxDuration
	Table       peerplaypay.LogTable
	// OnProgress is called a few times a second while recording.
	OnProgress func(media.Progress)
}

// lockSuffix names the lock file held beside a recording.
const lockSuffix = ".lock"

// Start checks the disk, stores the log row and starts recording. The
// recording goes on after ctx ends only if ctx is long-lived: pass the
// application's context, not a request's.
func (s *Studio) Start(ctx context.Context, o Options) (*Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.active != nil {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "A recording is already running; stop it before starting another.")
	}
	if o.MaxDuration == 0 {
		o.MaxDuration = media.DefaultMaxDuration
	}
	if o.Preset.Quality == "" {
		o.Preset, _ = peerplaypay.PresetOf(peerplaypay.DefaultQuality)
	}
	if o.Preset.AudioOnly() {
		o.VideoDeviceID = ""
	}
	if o.Preset.Codec == peerplaypay.CodecVP9 && !media.KnownVP9().OK {
		// Callers resolve the preset first (ResolvePreset) to tell the
		// member; this keeps a caller that did not from dropping frames.
		o.Preset, _ = peerplaypay.PresetOf(peerplaypay.QualityStandard)
	}
	o.Table.Normalize()
	if err := o.Table.Validate(); err != nil {
		return nil, err
	}

	now := s.Now()
	rel := filepath.Join("media", now.Format("2006"), now.Format("01"), now.Format("20060102-150405")+"-"+randomHex(3)+".webm")
	abs := filepath.Join(s.dataDir, rel)
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot create the folder for recordings (%v). Check that %s is writable.", err, s.dataDir)
	}
	if err := s.checkSpace(o); err != nil {
		return nil, err
	}
	camera, err := s.lockCamera(o.VideoDeviceID)
	if err != nil {
		return nil, err
	}
	// The lock exists before the row: a row in "recording" whose lock can
	// be taken is one whose writer is gone.
	lock, err := lockfile.TryLock(abs + lockSuffix)
	if err != nil {
		camera.Unlock()
		return nil, peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot create the recording's lock file in %s (%v). Check that the folder is writable.", filepath.Dir(abs), err)
	}
	release := func() {
		lock.Remove()
		camera.Unlock()
	}

	kind := peerplaypay.LogVideo
	if o.VideoDeviceID == "" {
		kind = peerplaypay.LogAudio
	}
	e := &peerplaypay.LogEntry{Day: now.Format(time.DateOnly), Kind: kind, Status: peerplaypay.LogRecording,
		MediaPath: filepath.ToSlash(rel), LogTable: o.Table}
	if err := s.logs.CreateLog(ctx, e); err != nil {
		release()
		return nil, err
	}

	rec, err := media.StartRecording(ctx, media.RecordParams{
		Path: abs, VideoDeviceID: o.VideoDeviceID, AudioDeviceID: o.AudioDeviceID,
		Width: o.Preset.Width, Height: o.Preset.Height, FPS: o.FPS,
		VideoBitRate: o.Preset.VideoBitRate, AudioBitRate: o.Preset.AudioBitRate, Codec: o.Preset.Codec,
		MaxDuration: o.MaxDuration, OnProgress: o.OnProgress,
	})
	if err != nil {
		// Nothing was recorded: take the row and any empty file back.
		os.Remove(abs)
		s.logs.DeleteLog(context.WithoutCancel(ctx), e.ID)
		release()
		return nil, err
	}
	sess := &Session{studio: s, rec: rec, id: e.ID, entry: e, abs: abs, max: o.MaxDuration, release: release, done: make(chan struct{})}
	s.active = sess
	go sess.finish(context.WithoutCancel(ctx))
	return sess, nil
}

// lockCamera takes the machine-wide lock of a camera. Most cameras serve
// one reader; a second recording would fail deep in the driver, or, for a
// camera that allows it, split the frames. Audio is not locked: sound
// servers share microphones.
func (s *Studio) lockCamera(id string) (*lockfile.Lock, error) {
	if id == "" || s.DeviceLockDir == "" {
		return nil, nil
	}
	if err := os.MkdirAll(s.DeviceLockDir, 0o700); err != nil {
		return nil, nil // no lock dir: the driver will tell if the camera is busy
	}
	sum := sha256.Sum256([]byte(id))
	l, err := lockfile.TryLock(filepath.Join(s.DeviceLockDir, "camera-"+hex.EncodeToString(sum[:8])+".lock"))
	if errors.Is(err, lockfile.ErrLocked) {
		return nil, media.ErrCameraInUse(id)
	}
	if err != nil {
		return nil, nil
	}
	return l, nil
}

// minSpareBytes is kept free beyond the recording itself, so that a full
// disk never breaks the database or the system.
const minSpareBytes = 200 << 20

// EstimateBytes is the most a recording of d at preset p should take: its
// target bit rate plus 25 %, since the encoder overshoots on busy scenes
// and the file adds a little for its structure.
func EstimateBytes(p peerplaypay.QualityPreset, d time.Duration) uint64 {
	return uint64(float64(p.BitsPerSecond()) / 8 * d.Seconds() * 1.25)
}

func (s *Studio) checkSpace(o Options) error {
	free, err := datadir.FreeBytes(s.dataDir)
	if err != nil {
		return nil // unknown: the recorder's writes will tell
	}
	rec := EstimateBytes(o.Preset, o.MaxDuration)
	if free < rec+minSpareBytes {
		return peerplaypay.Errorf(peerplaypay.EUNWRITABLE,
			"Not enough disk space to record: %s free. A %s recording at %s quality takes up to %s (its bit rate plus 25 %%), and PeerPlayPay keeps %d MB free so the disk never fills up. Free some space, choose a smaller quality, or shorten the maximum length in Settings.",
			formatMB(free), o.MaxDuration, o.Preset.Quality, formatMB(rec), minSpareBytes>>20)
	}
	return nil
}

func formatMB(n uint64) string {
	if n < 10<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d MB", n>>20)
}

// Active returns the running recording, or nil.
func (s *Studio) Active() *Session {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.active
}

// Session is one running recording.
type Session struct {
	studio *Studio
	rec    *media.Recorder
	abs    string
	max    time.Duration
	// release drops the recording's and the camera's locks.
	release func()

	// id is read while the recording runs; entry is replaced when it ends.
	id    int64
	done  chan struct{}
	entry *peerplaypay.LogEntry // the row; final once done is closed
	err   error
}

// ID is the log's ID.
func (s *Session) ID() int64 { return s.id }

// MaxDuration is the length at which recording stops by itself.
func (s *Session) MaxDuration() time.Duration { return s.max }

// Pause pauses the recording; paused time is not recorded.
func (s *Session) Pause() error { return s.rec.Pause() }

// Resume resumes a paused recording.
func (s *Session) Resume() error { return s.rec.Resume() }

// Progress returns the recording's current state.
func (s *Session) Progress() media.Progress { return s.rec.Progress() }

// PreviewJPEG returns a small JPEG of the latest video frame.
func (s *Session) PreviewJPEG() ([]byte, error) { return s.rec.PreviewJPEG() }

// Stop ends the recording and returns the finished log.
func (s *Session) Stop() (*peerplaypay.LogEntry, error) {
	s.rec.Stop()
	return s.Wait()
}

// Done is closed when the log is finished.
func (s *Session) Done() <-chan struct{} { return s.done }

// Wait waits for the recording to end (Stop, maximum length, cancelled
// context, device failure) and returns the finished log.
func (s *Session) Wait() (*peerplaypay.LogEntry, error) {
	<-s.done
	return s.entry, s.err
}

// finish waits for the recorder, then hashes the file and marks the row
// ready. A recording that failed after writing something is kept: what was
// said is not thrown away because a device went missing.
func (s *Session) finish(ctx context.Context) {
	defer close(s.done)
	defer func() {
		s.studio.mu.Lock()
		s.studio.active = nil
		s.studio.mu.Unlock()
	}()
	// The locks go last, once the row says how the recording ended; if
	// this process dies before, recovery finds the row and a free lock.
	defer s.release()
	res, recErr := s.rec.Wait()
	if res.Duration <= 0 {
		os.Remove(s.abs)
		s.studio.logs.DeleteLog(ctx, s.entry.ID)
		s.err = recErr
		if s.err == nil {
			s.err = peerplaypay.Errorf(peerplaypay.EUNAVAILABLE, "Nothing was recorded; check the camera and microphone in Settings.")
		}
		return
	}
	m, err := describe(s.abs, res.Duration)
	if err != nil {
		s.err = err
		return
	}
	m.Loudness = res.Loudness
	e, err := s.studio.logs.FinishLog(ctx, s.entry.ID, m, peerplaypay.LogReady)
	if err != nil {
		s.err = err
		return
	}
	s.entry, s.err = e, nil
}

// describe measures a finished recording.
func describe(path string, d time.Duration) (peerplaypay.LogMedia, error) {
	f, err := os.Open(path)
	if err != nil {
		return peerplaypay.LogMedia{}, fmt.Errorf("open recording: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return peerplaypay.LogMedia{}, fmt.Errorf("hash recording: %w", err)
	}
	return peerplaypay.LogMedia{DurationMs: d.Milliseconds(), SizeBytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// Recovery is what Recover found.
type Recovery struct {
	// Recovered logs wait for the member to keep or discard them.
	Recovered []*peerplaypay.LogEntry
	// Problems are recordings that could not be repaired. Their files are
	// left where they are, untouched, and their rows stay "recording".
	Problems []error
}

// Recover repairs the recordings an earlier run left unfinished (it was
// killed, crashed or lost power) and returns every log waiting for the
// member's decision. It is safe while other processes record in the same
// data folder: a recording whose lock is held is alive and left alone.
func (s *Studio) Recover(ctx context.Context) (Recovery, error) {
	var out Recovery
	stuck, _, err := s.logs.FindLogs(ctx, peerplaypay.LogFilter{Status: []peerplaypay.LogStatus{peerplaypay.LogRecording}, Limit: 500})
	if err != nil {
		return out, err
	}
	for _, e := range stuck {
		problem, err := s.recoverOne(ctx, e)
		if err != nil {
			return out, err
		}
		if problem != nil {
			out.Problems = append(out.Problems, problem)
		}
	}
	out.Recovered, _, err = s.logs.FindLogs(ctx, peerplaypay.LogFilter{Status: []peerplaypay.LogStatus{peerplaypay.LogRecovered}, Limit: 500})
	return out, err
}

// recoverOne repairs one interrupted recording if its writer is gone. It
// returns a problem for a file that cannot be repaired, and an error when
// the database fails.
func (s *Studio) recoverOne(ctx context.Context, e *peerplaypay.LogEntry) (problem, err error) {
	abs := s.abs(e)
	lock, err := lockfile.TryLock(abs + lockSuffix)
	if errors.Is(err, lockfile.ErrLocked) {
		return nil, nil // a live recording, here or in another process
	} else if err != nil {
		return fmt.Errorf("the interrupted recording of %s (%s) could not be checked: %v", e.Day, e.MediaPath, err), nil
	}
	defer lock.Remove()
	// Another process may have recovered it between our query and our lock.
	if e, err = s.logs.Log(ctx, e.ID); peerplaypay.ErrorCode(err) == peerplaypay.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if e.Status != peerplaypay.LogRecording {
		return nil, nil
	}
	fi, err := os.Stat(abs)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Size() == 0) {
		// The app stopped before the first byte: there is nothing to keep.
		os.Remove(abs)
		_, err := s.logs.DeleteLog(ctx, e.ID)
		return nil, err
	}
	d, err := media.Repair(abs)
	if err != nil {
		return fmt.Errorf("the interrupted recording of %s (%s) could not be repaired and was left as it is: %s",
			e.Day, e.MediaPath, peerplaypay.ErrorMessage(err)), nil
	}
	m, err := describe(abs, d)
	if err != nil {
		return nil, err
	}
	_, err = s.logs.FinishLog(ctx, e.ID, m, peerplaypay.LogRecovered)
	return nil, err
}

// Keep accepts a recovered recording as a normal log.
func (s *Studio) Keep(ctx context.Context, id int64) (*peerplaypay.LogEntry, error) {
	e, err := s.logs.Log(ctx, id)
	if err != nil {
		return nil, err
	}
	if e.Status != peerplaypay.LogRecovered {
		return e, nil
	}
	return s.logs.FinishLog(ctx, id, e.LogMedia, peerplaypay.LogReady)
}

// Delete deletes a log and its recording.
func (s *Studio) Delete(ctx context.Context, id int64) error {
	if a := s.Active(); a != nil && a.ID() == id {
		return peerplaypay.Errorf(peerplaypay.ECONFLICT, "This log is being recorded; stop the recording first.")
	}
	e, err := s.logs.DeleteLog(ctx, id)
	if err != nil {
		return err
	}
	if e.MediaPath != "" {
		// The row is gone first: a file without a row wastes space, a row
		// without a file would be a broken log.
		if err := os.Remove(s.abs(e)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "The log was deleted, but its recording %s could not be removed (%v); you can delete it by hand.", e.MediaPath, err)
		}
	}
	return nil
}

// MediaFile returns the absolute path of a log's recording, for playback.
func (s *Studio) MediaFile(ctx context.Context, id int64) (string, *peerplaypay.LogEntry, error) {
	e, err := s.logs.Log(ctx, id)
	if err != nil {
		return "", nil, err
	}
	if e.MediaPath == "" {
		return "", e, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "This log has no recording.")
	}
	if !filepath.IsLocal(filepath.FromSlash(e.MediaPath)) {
		// Only files inside the data folder are ever served.
		return "", e, peerplaypay.Errorf(peerplaypay.ECORRUPT, "The recording path of log %d points outside the data folder; it is not opened.", id)
	}
	return s.abs(e), e, nil
}

func (s *Studio) abs(e *peerplaypay.LogEntry) string {
	return filepath.Join(s.dataDir, filepath.FromSlash(e.MediaPath))
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

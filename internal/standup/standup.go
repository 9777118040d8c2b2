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
	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
)

// Studio starts recordings and manages their files. One recording runs at
// a time: there is one camera and one member.
type Studio struct {
	dataDir string
	logs    peerplaypay.LogService
	// Now returns the current time; tests replace it.
	Now func() time.Time

	mu     sync.Mutex
	active *Session
}

// New returns a Studio keeping media under dataDir/media.
func New(dataDir string, logs peerplaypay.LogService) *Studio {
	return &Studio{dataDir: dataDir, logs: logs, Now: time.Now}
}

// Options describe a recording.
type Options struct {
	VideoDeviceID string // "" for an audio-only log
	AudioDeviceID string // "" for video without sound
	Width, Height int    // 0: the recorder's default (1280x720)
	FPS           float64
	MaxDuration   time.Duration // 0: media.DefaultMaxDuration
	Table         peerplaypay.LogTable
	// OnProgress is called a few times a second while recording.
	OnProgress func(media.Progress)
}

// bitsPerSecond estimates the recording's rate for the disk-space check:
// the recorder's defaults, with room for busy scenes.
func (o Options) bitsPerSecond() int64 {
	var bps int64 = 64_000
	if o.VideoDeviceID != "" {
		bps += 2_500_000
	}
	return bps
}

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

	kind := peerplaypay.LogVideo
	if o.VideoDeviceID == "" {
		kind = peerplaypay.LogAudio
	}
	e := &peerplaypay.LogEntry{Day: now.Format(time.DateOnly), Kind: kind, Status: peerplaypay.LogRecording,
		MediaPath: filepath.ToSlash(rel), LogTable: o.Table}
	if err := s.logs.CreateLog(ctx, e); err != nil {
		return nil, err
	}

	rec, err := media.StartRecording(ctx, media.RecordParams{
		Path: abs, VideoDeviceID: o.VideoDeviceID, AudioDeviceID: o.AudioDeviceID,
		Width: o.Width, Height: o.Height, FPS: o.FPS, MaxDuration: o.MaxDuration, OnProgress: o.OnProgress,
	})
	if err != nil {
		// Nothing was recorded: take the row and any empty file back.
		os.Remove(abs)
		s.logs.DeleteLog(context.WithoutCancel(ctx), e.ID)
		return nil, err
	}
	sess := &Session{studio: s, rec: rec, entry: e, abs: abs, max: o.MaxDuration, done: make(chan struct{})}
	s.active = sess
	go sess.finish(context.WithoutCancel(ctx))
	return sess, nil
}

// minSpareBytes is kept free beyond the recording itself, so that a full
// disk never breaks the database or the system.
const minSpareBytes = 200 << 20

func (s *Studio) checkSpace(o Options) error {
	free, err := datadir.FreeBytes(s.dataDir)
	if err != nil {
		return nil // unknown: the recorder's writes will tell
	}
	need := uint64(o.bitsPerSecond()/8)*uint64(o.MaxDuration/time.Second) + minSpareBytes
	if free < need {
		return peerplaypay.Errorf(peerplaypay.EUNWRITABLE,
			"Not enough disk space to record: %d MB free, and a %s recording needs about %d MB. Free some space, or shorten the maximum length in Settings.",
			free>>20, o.MaxDuration, need>>20)
	}
	return nil
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

	done  chan struct{}
	entry *peerplaypay.LogEntry // the row; final once done is closed
	err   error
}

// ID is the log's ID.
func (s *Session) ID() int64 { return s.entry.ID }

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
// member's decision. Call it at start-up, before any recording starts.
func (s *Studio) Recover(ctx context.Context) (Recovery, error) {
	var out Recovery
	stuck, _, err := s.logs.FindLogs(ctx, peerplaypay.LogFilter{Status: []peerplaypay.LogStatus{peerplaypay.LogRecording}, Limit: 500})
	if err != nil {
		return out, err
	}
	active := s.Active()
	for _, e := range stuck {
		if active != nil && active.ID() == e.ID {
			continue
		}
		abs := s.abs(e)
		fi, err := os.Stat(abs)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Size() == 0) {
			// The app stopped before the first byte: there is nothing to keep.
			os.Remove(abs)
			if _, err := s.logs.DeleteLog(ctx, e.ID); err != nil {
				return out, err
			}
			continue
		}
		d, err := media.Repair(abs)
		if err != nil {
			out.Problems = append(out.Problems, fmt.Errorf("the interrupted recording of %s (%s) could not be repaired and was left as it is: %s",
				e.Day, e.MediaPath, peerplaypay.ErrorMessage(err)))
			continue
		}
		m, err := describe(abs, d)
		if err != nil {
			return out, err
		}
		if _, err := s.logs.FinishLog(ctx, e.ID, m, peerplaypay.LogRecovered); err != nil {
			return out, err
		}
	}
	out.Recovered, _, err = s.logs.FindLogs(ctx, peerplaypay.LogFilter{Status: []peerplaypay.LogStatus{peerplaypay.LogRecovered}, Limit: 500})
	return out, err
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

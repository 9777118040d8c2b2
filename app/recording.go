package app

import (
	"sync"
	"time"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/standup"
)

// Events the recording sends to the frontend.
const (
	EventRecordingProgress = "recording:progress" // RecordingState, a few times a second
	EventRecordingStopped  = "recording:stopped"  // RecordingStopped, once at the end
)

// Recording is bound to the frontend: start, pause, resume and stop the
// stand-up recording.
type Recording struct {
	app *App

	mu sync.Mutex
	// last is the log the last recording made, while the member may still
	// discard it; 0 once it is discarded or another recording starts.
	last int64
}

// NewRecording returns the Recording facade of a.
func NewRecording(a *App) *Recording { return &Recording{app: a} }

// StartRequest starts a recording.
type StartRequest struct {
	AudioOnly bool                 `json:"audioOnly"`
	Table     peerplaypay.LogTable `json:"table"`
}

// RecordingState is a snapshot of the recording.
type RecordingState struct {
	Recording bool    `json:"recording"`
	LogID     int64   `json:"logId"`
	Kind      string  `json:"kind" ts_type:"'video' | 'audio'"`
	ElapsedMs int64   `json:"elapsedMs"`
	MaxMs     int64   `json:"maxMs"`
	Bytes     int64   `json:"bytes"`
	Level     float64 `json:"level"` // 0..1
	Paused    bool    `json:"paused"`
}

// RecordingStopped tells how a recording ended.
type RecordingStopped struct {
	Log   *peerplaypay.LogEntry `json:"log"`
	Error string                `json:"error"`
}

func stateOf(sess *standup.Session, kind peerplaypay.LogKind, p media.Progress) RecordingState {
	return RecordingState{Recording: true, LogID: sess.ID(), Kind: string(kind), ElapsedMs: p.Elapsed.Milliseconds(),
		MaxMs: sess.MaxDuration().Milliseconds(), Bytes: p.Bytes, Level: p.AudioLevel, Paused: p.Paused}
}

// Start starts recording from the chosen devices.
func (r *Recording) Start(req StartRequest) (RecordingState, error) {
	svc, err := r.app.services()
	if err != nil {
		return RecordingState{}, toUser(r.app.log, "record", err)
	}
	rs, err := loadRecordingSettings(svc)
	if err != nil {
		return RecordingState{}, toUser(r.app.log, "record", err)
	}
	preset, err := peerplaypay.PresetOf(rs.Quality)
	if err == nil && req.AudioOnly {
		preset, err = peerplaypay.PresetOf(peerplaypay.QualityAudio)
	}
	if err != nil {
		return RecordingState{}, toUser(r.app.log, "record", err)
	}
	// Compact where VP9 cannot hold 30 fps records Standard; Settings
	// says why next to the choice.
	preset, _ = standup.ResolvePreset(svc.ctx, svc.settings, preset)
	video, audio, err := standup.ChooseDevices(svc.ctx, rs.VideoDeviceID, rs.AudioDeviceID, preset.AudioOnly())
	if err != nil {
		return RecordingState{}, toUser(r.app.log, "record", err)
	}
	kind := peerplaypay.LogVideo
	if video == "" {
		kind = peerplaypay.LogAudio
	}

	// The session is set before the first progress callback can run.
	var sess *standup.Session
	ready := make(chan struct{})
	sess, err = svc.studio.Start(svc.ctx, standup.Options{
		VideoDeviceID: video, AudioDeviceID: audio, Preset: preset,
		MaxDuration: time.Duration(rs.MaxSeconds) * time.Second,
		Table:       req.Table,
		OnProgress: func(p media.Progress) {
			<-ready
			r.app.cfg.Emit(EventRecordingProgress, stateOf(sess, kind, p))
		},
	})
	if err != nil {
		close(ready)
		return RecordingState{}, toUser(r.app.log, "record", err)
	}
	close(ready)
	r.setLast(0)
	go func() {
		e, err := sess.Wait()
		if e != nil {
			r.setLast(e.ID)
		}
		ev := RecordingStopped{Log: e}
		if err != nil {
			ev.Error = toUser(r.app.log, "record", err).(*userError).Message
		}
		r.app.cfg.Emit(EventRecordingStopped, ev)
		if err == nil {
			r.app.kickSync()
		}
	}()
	return stateOf(sess, kind, sess.Progress()), nil
}

func (r *Recording) session() (services, *standup.Session, error) {
	svc, err := r.app.services()
	if err != nil {
		return svc, nil, err
	}
	if sess := svc.studio.Active(); sess != nil {
		return svc, sess, nil
	}
	return svc, nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "No recording is running.")
}

// Pause pauses the recording.
func (r *Recording) Pause() error {
	_, sess, err := r.session()
	if err == nil {
		err = sess.Pause()
	}
	return toUser(r.app.log, "pause", err)
}

// Resume resumes a paused recording.
func (r *Recording) Resume() error {
	_, sess, err := r.session()
	if err == nil {
		err = sess.Resume()
	}
	return toUser(r.app.log, "resume", err)
}

// Stop ends the recording and returns the new log.
func (r *Recording) Stop() (*peerplaypay.LogEntry, error) {
	_, sess, err := r.session()
	if err != nil {
		return nil, toUser(r.app.log, "stop", err)
	}
	e, err := sess.Stop()
	if e != nil {
		r.setLast(e.ID)
	}
	return e, toUser(r.app.log, "stop", err)
}

func (r *Recording) setLast(id int64) {
	r.mu.Lock()
	r.last = id
	r.mu.Unlock()
}

// Discard deletes the recording just made, its file and its log, when the
// member does not want to keep it (a false start, a take to do again).
// Only the last recording can be discarded this way, so a late click
// cannot remove an older log: those are deleted from Logs, with a question.
// The table typed with it stays in the form on the page. Should the log
// have reached the team already, its deletion travels like any other.
func (r *Recording) Discard(id int64) error {
	svc, err := r.app.services()
	if err != nil {
		return toUser(r.app.log, "discard recording", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if id <= 0 || id != r.last {
		return toUser(r.app.log, "discard recording", peerplaypay.Errorf(peerplaypay.ECONFLICT,
			"Only the recording just made can be discarded here; to delete log %d, open it in Logs and delete it.", id))
	}
	if err := svc.studio.Delete(svc.ctx, id); err != nil {
		return toUser(r.app.log, "discard recording", err)
	}
	r.last = 0
	r.app.kickSync()
	return toUser(r.app.log, "discard recording", svc.drafts.DeleteDraft(svc.ctx, LogDraftKey(id)))
}

// State returns the current recording's state; Recording is false when
// none runs.
func (r *Recording) State() RecordingState {
	svc, sess, err := r.session()
	if err != nil {
		return RecordingState{}
	}
	e, _ := svc.logs.Log(svc.ctx, sess.ID())
	kind := peerplaypay.LogVideo
	if e != nil {
		kind = e.Kind
	}
	return stateOf(sess, kind, sess.Progress())
}

package app

import (
	"strconv"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// Logs is bound to the frontend: the member's own stand-up logs.
type Logs struct {
	app *App
}

// NewLogs returns the Logs facade of a.
func NewLogs(a *App) *Logs { return &Logs{app: a} }

// LogPage is one page of logs and how many match in all.
type LogPage struct {
	Logs  []*peerplaypay.LogEntry `json:"logs"`
	Total int                     `json:"total"`
	// TotalAtLeast: counting stopped at Total; there may be more.
	TotalAtLeast bool `json:"totalAtLeast"`
}

// Find returns the logs matching the filter, newest first.
func (l *Logs) Find(f peerplaypay.LogFilter) (LogPage, error) {
	svc, err := l.app.services()
	if err != nil {
		return LogPage{}, toUser(l.app.log, "logs", err)
	}
	logs, total, err := svc.logs.FindLogs(svc.ctx, f)
	return LogPage{Logs: logs, Total: total, TotalAtLeast: total >= f.Offset+sqlite.CountCap}, toUser(l.app.log, "logs", err)
}

// Get returns one log.
func (l *Logs) Get(id int64) (*peerplaypay.LogEntry, error) {
	svc, err := l.app.services()
	if err != nil {
		return nil, toUser(l.app.log, "log", err)
	}
	e, err := svc.logs.Log(svc.ctx, id)
	return e, toUser(l.app.log, "log", err)
}

// CreateText stores a log without a recording.
func (l *Logs) CreateText(t peerplaypay.LogTable) (*peerplaypay.LogEntry, error) {
	svc, err := l.app.services()
	if err != nil {
		return nil, toUser(l.app.log, "text log", err)
	}
	e := &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: t}
	if err := svc.logs.CreateLog(svc.ctx, e); err != nil {
		return nil, toUser(l.app.log, "text log", err)
	}
	l.app.kickSync()
	return e, nil
}

// UpdateTable replaces a log's table (also while it is being recorded).
func (l *Logs) UpdateTable(id int64, t peerplaypay.LogTable) (*peerplaypay.LogEntry, error) {
	svc, err := l.app.services()
	if err != nil {
		return nil, toUser(l.app.log, "edit log", err)
	}
	e, err := svc.logs.UpdateLogTable(svc.ctx, id, t)
	if err == nil && e.Published {
		l.app.kickSync()
	}
	return e, toUser(l.app.log, "edit log", err)
}

// LogDraftKey is the draft key of the table editor of log id; the
// frontend uses the same form.
func LogDraftKey(id int64) string { return "log:" + strconv.FormatInt(id, 10) }

// Delete deletes a log and its recording.
func (l *Logs) Delete(id int64) error {
	svc, err := l.app.services()
	if err != nil {
		return toUser(l.app.log, "delete log", err)
	}
	if err := svc.studio.Delete(svc.ctx, id); err != nil {
		return toUser(l.app.log, "delete log", err)
	}
	l.app.kickSync()
	// An unsaved edit of a deleted log has nothing left to belong to.
	return toUser(l.app.log, "delete log", svc.drafts.DeleteDraft(svc.ctx, LogDraftKey(id)))
}

// RecoveryView lists interrupted recordings: the repaired ones waiting for
// the member's decision, and those that could not be repaired.
type RecoveryView struct {
	Logs     []*peerplaypay.LogEntry `json:"logs"`
	Problems []string                `json:"problems"`
}

// Recovery returns what the start-up found of interrupted recordings.
func (l *Logs) Recovery() (RecoveryView, error) {
	svc, err := l.app.services()
	if err != nil {
		return RecoveryView{}, toUser(l.app.log, "recovery", err)
	}
	v := RecoveryView{Logs: []*peerplaypay.LogEntry{}, Problems: []string{}}
	// Ask the database, not the start-up result: a decision made since
	// start-up must not be offered again.
	v.Logs, _, err = svc.logs.FindLogs(svc.ctx, peerplaypay.LogFilter{Status: []peerplaypay.LogStatus{peerplaypay.LogRecovered}})
	l.app.mu.Lock()
	for _, p := range l.app.recoveryProblems {
		v.Problems = append(v.Problems, p.Error())
	}
	l.app.mu.Unlock()
	return v, toUser(l.app.log, "recovery", err)
}

// Keep keeps a recovered recording as a normal log.
func (l *Logs) Keep(id int64) (*peerplaypay.LogEntry, error) {
	svc, err := l.app.services()
	if err != nil {
		return nil, toUser(l.app.log, "keep", err)
	}
	e, err := svc.studio.Keep(svc.ctx, id)
	return e, toUser(l.app.log, "keep", err)
}

// SetShared shares a log with the team or takes it back (peers delete
// their copy).
func (l *Logs) SetShared(id int64, shared bool) (*peerplaypay.LogEntry, error) {
	svc, err := l.app.services()
	if err != nil {
		return nil, toUser(l.app.log, "share log", err)
	}
	e, err := svc.logs.SetLogShared(svc.ctx, id, shared)
	if err == nil {
		l.app.kickSync()
	}
	return e, toUser(l.app.log, "share log", err)
}

// SetPinned pins a log, so that its recording stays in the team share
// whatever the team's retention, or unpins it.
func (l *Logs) SetPinned(id int64, pinned bool) (*peerplaypay.LogEntry, error) {
	svc, err := l.app.services()
	if err != nil {
		return nil, toUser(l.app.log, "pin log", err)
	}
	e, err := svc.logs.SetLogPinned(svc.ctx, id, pinned)
	if err == nil {
		l.app.kickSync()
	}
	return e, toUser(l.app.log, "pin log", err)
}

package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sessionexport"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// EventSessionChanged tells the page that the weekly session changed, here
// or by a sync.
const EventSessionChanged = "session:changed"

// Session is bound to the frontend: the weekly team session, its present
// mode and the team's experiments.
type Session struct {
	app *App
	// now is the clock the next session is found by; tests set it
	// through PEERPLAYPAY_FAKE_NOW.
	now func() time.Time
}

// NewSession returns the Session facade of a.
func NewSession(a *App) *Session {
	return &Session{app: a, now: clockOrFake()}
}

// clockOrFake is time.Now, or the fixed time PEERPLAYPAY_FAKE_NOW names
// (RFC 3339): tests cannot wait for the next session or quarter.
func clockOrFake() func() time.Time {
	if v := os.Getenv("PEERPLAYPAY_FAKE_NOW"); v != "" {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return func() time.Time { return t }
		}
	}
	return time.Now
}

func sessionPeople(team *teamsync.Service) func(context.Context) sqlite.SessionPeople {
	return func(ctx context.Context) sqlite.SessionPeople {
		me, name, names := team.People(ctx)
		return sqlite.SessionPeople{People: sqlite.People{Me: me, MyName: name, Names: names}, Active: team.ActiveMembers(ctx)}
	}
}

func (s *Session) service() (*sqlite.SessionService, context.Context, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, nil, err
	}
	return sqlite.NewSessionService(svc.db, sessionPeople(svc.team)), svc.ctx, nil
}

func (s *Session) changed() {
	s.app.cfg.Emit(EventSessionChanged, nil)
	s.app.kickSync()
}

// SessionRules are the fixed rules the page states where they apply.
type SessionRules struct {
	DotsPerPart   int `json:"dotsPerPart"`
	ItemMax       int `json:"itemMax"`
	NoteMax       int `json:"noteMax"`
	ExperimentMax int `json:"experimentMax"`
	// ClockRate is how fast the present mode's timer runs: 1, but in
	// tests (PEERPLAYPAY_CLOCK_RATE), which cannot wait 30 minutes for a
	// part to end.
	ClockRate float64 `json:"clockRate"`
}

// Rules returns the session's fixed rules.
func (s *Session) Rules() SessionRules {
	return SessionRules{DotsPerPart: peerplaypay.DotsPerPart, ItemMax: peerplaypay.MaxSessionItemLen,
		NoteMax: peerplaypay.MaxSessionNoteLen, ExperimentMax: peerplaypay.MaxExperimentLen, ClockRate: clockRate()}
}

func clockRate() float64 {
	if r, err := strconv.ParseFloat(os.Getenv("PEERPLAYPAY_CLOCK_RATE"), 64); err == nil && r >= 1 && r <= 10000 {
		return r
	}
	return 1
}

// NextDay returns the day of the next session.
func (s *Session) NextDay() (string, error) {
	svc, ctx, err := s.service()
	if err != nil {
		return "", toUser(s.app.log, "next session", err)
	}
	return svc.NextDay(ctx, s.now()), nil
}

// Get returns the session of day.
func (s *Session) Get(day string) (*peerplaypay.TeamSession, error) {
	svc, ctx, err := s.service()
	if err != nil {
		return nil, toUser(s.app.log, "session", err)
	}
	out, err := svc.Session(ctx, day)
	return out, toUser(s.app.log, "session", err)
}

// Past lists the sessions before day that hold anything.
func (s *Session) Past(day string) ([]peerplaypay.SessionSummary, error) {
	svc, ctx, err := s.service()
	if err != nil {
		return nil, toUser(s.app.log, "past sessions", err)
	}
	out, err := svc.PastSessions(ctx, day)
	return out, toUser(s.app.log, "past sessions", err)
}

// AddItem adds the member's item to part (from 0) of the session of day.
func (s *Session) AddItem(day string, part int, text string) (*peerplaypay.SessionItem, error) {
	svc, ctx, err := s.service()
	if err != nil {
		return nil, toUser(s.app.log, "add item", err)
	}
	out, err := svc.AddItem(ctx, day, part, text)
	if err != nil {
		return nil, toUser(s.app.log, "add item", err)
	}
	s.changed()
	return out, nil
}

func (s *Session) do(what string, fn func(*sqlite.SessionService, context.Context) error) error {
	svc, ctx, err := s.service()
	if err != nil {
		return toUser(s.app.log, what, err)
	}
	if err := fn(svc, ctx); err != nil {
		return toUser(s.app.log, what, err)
	}
	s.changed()
	return nil
}

// EditItem changes the text of one of the member's items.
func (s *Session) EditItem(id int64, text string) error {
	return s.do("edit item", func(svc *sqlite.SessionService, ctx context.Context) error { return svc.EditItem(ctx, id, text) })
}

// DeleteItem deletes one of the member's items.
func (s *Session) DeleteItem(id int64) error {
	return s.do("delete item", func(svc *sqlite.SessionService, ctx context.Context) error { return svc.DeleteItem(ctx, id) })
}

// Comment comments on an item.
func (s *Session) Comment(id int64, text string) error {
	return s.do("comment", func(svc *sqlite.SessionService, ctx context.Context) error { return svc.CommentItem(ctx, id, text) })
}

// EditComment changes the text of one of this member's comments on items.
func (s *Session) EditComment(id int64, text string) error {
	return s.do("edit comment", func(svc *sqlite.SessionService, ctx context.Context) error { return svc.EditComment(ctx, id, text) })
}

// DeleteComment deletes one of this member's comments on items.
func (s *Session) DeleteComment(id int64) error {
	return s.do("delete comment", func(svc *sqlite.SessionService, ctx context.Context) error { return svc.DeleteComment(ctx, id) })
}

// Vote puts a dot on an item, or takes one back.
func (s *Session) Vote(id int64, undo bool) error {
	return s.do("vote", func(svc *sqlite.SessionService, ctx context.Context) error { return svc.Vote(ctx, id, undo) })
}

// Note writes a note or decision (uid "" for a new one; prev the revision
// it replaces).
func (s *Session) Note(day string, part int, kind, text, uid, prev string) (*peerplaypay.SessionNote, error) {
	var out *peerplaypay.SessionNote
	err := s.do("note", func(svc *sqlite.SessionService, ctx context.Context) error {
		var err error
		out, err = svc.Note(ctx, day, part, kind, text, uid, prev)
		return err
	})
	return out, err
}

// ExperimentInput is a new experiment as the page fills it in.
type ExperimentInput struct {
	Day        string `json:"day"`
	Item       int64  `json:"item"`
	Hypothesis string `json:"hypothesis"`
	Owner      string `json:"owner"`
	Measure    string `json:"measure"`
	EndDay     string `json:"endDay"`
}

// CreateExperiment makes an experiment from an item of the experiments'
// part.
func (s *Session) CreateExperiment(in ExperimentInput) (*peerplaypay.Experiment, error) {
	var out *peerplaypay.Experiment
	err := s.do("create experiment", func(svc *sqlite.SessionService, ctx context.Context) error {
		var err error
		out, err = svc.CreateExperiment(ctx, in.Day, in.Item, in.Hypothesis, in.Owner, in.Measure, in.EndDay)
		return err
	})
	return out, err
}

// Outcome records what came of an experiment (of "experiment", id an
// experiment's) or a success moment (of "moment", id an item's), asked at
// the session of day.
func (s *Session) Outcome(day, of string, id int64, result, note string) error {
	return s.do("outcome", func(svc *sqlite.SessionService, ctx context.Context) error {
		if of == peerplaypay.OutcomeOfMoment {
			return svc.MomentOutcome(ctx, day, id, result, note)
		}
		return svc.ExperimentOutcome(ctx, day, id, result, note)
	})
}

// Experiments returns the experiments matching query, running first.
func (s *Session) Experiments(query string) ([]*peerplaypay.Experiment, error) {
	svc, ctx, err := s.service()
	if err != nil {
		return nil, toUser(s.app.log, "experiments", err)
	}
	out, err := svc.Experiments(ctx, query)
	return out, toUser(s.app.log, "experiments", err)
}

// Export writes the summary of the session of day to path, as Markdown
// (format "md") or PDF ("pdf"), whole or not at all.
func (s *Session) Export(day, format, path string) error {
	svc, ctx, err := s.service()
	if err != nil {
		return toUser(s.app.log, "export session", err)
	}
	if format != "md" && format != "pdf" {
		return toUser(s.app.log, "export session", peerplaypay.Errorf(peerplaypay.EINVALID, "Export as md or pdf."))
	}
	ts, err := svc.Session(ctx, day)
	if err != nil {
		return toUser(s.app.log, "export session", err)
	}
	var buf bytes.Buffer
	if format == "pdf" {
		err = sessionexport.PDF(&buf, ts, time.Now())
	} else {
		err = sessionexport.Markdown(&buf, ts)
	}
	if err != nil {
		return toUser(s.app.log, "export session", err)
	}
	return toUser(s.app.log, "export session", writeWhole(path, buf.Bytes()))
}

// writeWhole writes an export to path whole or not at all: beside it
// first, then renamed over it.
func writeWhole(path string, data []byte) error {
	tmp := path + ".part"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write in %s (%v): choose a folder you can write to.", filepath.Dir(path), err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write %s (%v): choose another file.", path, err)
	}
	return nil
}

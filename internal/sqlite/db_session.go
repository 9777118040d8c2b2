package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// SessionService keeps the weekly team session: items, comments, dots,
// notes and decisions, experiments and their outcomes. A change is written
// here at once and its event queued in the same transaction, so it works
// offline and goes out with the next sync.
type SessionService struct {
	db     *DB
	people func(ctx context.Context) SessionPeople
}

// SessionPeople is People with the members not removed: the facilitator
// rotates through them.
type SessionPeople struct {
	People
	Active []string
}

func (p SessionPeople) nameOf(id string) string {
	if id == p.Me {
		return p.MyName
	}
	return p.Names[id]
}

// NewSessionService returns a SessionService on db; people names the
// members and says who this member is.
func NewSessionService(db *DB, people func(ctx context.Context) SessionPeople) *SessionService {
	if people == nil {
		people = func(context.Context) SessionPeople { return SessionPeople{} }
	}
	return &SessionService{db: db, people: people}
}

var errSessionNoTeam = peerplaypay.Errorf(peerplaypay.ECONFLICT, "The weekly session is your team's: create or join a team first (Team, or `peerplaypay team join`).")

// NextDay is the day of the session that is next at now: the team's
// weekday at its time (team settings), or today's while it may still run.
func (s *SessionService) NextDay(ctx context.Context, now time.Time) string {
	set, err := teamSettings(ctx, s.db.db)
	if err != nil {
		set = peerplaypay.BuildTeamSettings(nil, 0)
	}
	h, m := hourMinute(set.SessionTime)
	return peerplaypay.NextSessionDay(now, set.SessionWeekdayTime(), h, m, set.SessionMinutes())
}

func hourMinute(hhmm string) (int, int) {
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		return 10, 0
	}
	return t.Hour(), t.Minute()
}

// sessionParts returns the parts of the session of day: the team's
// session.parts as they stood at the end of that day (UTC), by the rule
// that picks a setting's value (§11.11) among the changes dated before
// then, or the defaults. Every reader holding the same changes gets the
// same parts; a change made after a session's day leaves it as it was.
func sessionParts(ctx context.Context, tx *Tx, day string) ([]peerplaypay.SessionPart, error) {
	end, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return nil, invalid("%q is not a day: write it as YYYY-MM-DD, such as 2026-12-07.", day)
	}
	end = end.AddDate(0, 0, 1)
	rows, err := tx.QueryContext(ctx, `SELECT value, at, event_id FROM team_setting_changes WHERE key = ?`, peerplaypay.KeySessionParts)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var win struct {
		value string
		at    time.Time
		id    string
		ok    bool
	}
	for rows.Next() {
		var value, at, id string
		if err := rows.Scan(&value, &at, &id); err != nil {
			return nil, err
		}
		t, err := parseTime(at)
		if err != nil || !t.Before(end) {
			continue
		}
		if !win.ok || peerplaypay.SettingWins(t, id, win.at, win.id) {
			win.value, win.at, win.id, win.ok = value, t, id, true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	set := peerplaypay.BuildTeamSettings(map[string]json.RawMessage{}, 0)
	if win.ok {
		set = peerplaypay.BuildTeamSettings(map[string]json.RawMessage{peerplaypay.KeySessionParts: json.RawMessage(win.value)}, 0)
	}
	return set.SessionParts, nil
}

// CheckTeam refuses when this laptop is in no team: the session is a team's.
func (s *SessionService) CheckTeam(ctx context.Context) error {
	if !s.people(ctx).inTeam() {
		return errSessionNoTeam
	}
	return nil
}

// inTeam: this laptop has an identity and a team that counts it among its
// members (not removed). An identity alone exists before any team.
func (p SessionPeople) inTeam() bool { return p.Me != "" && contains(p.Active, p.Me) }

// writer opens a write transaction for a change of this member's.
func (s *SessionService) writer(ctx context.Context, what string, fn func(tx *Tx, p SessionPeople) error) error {
	p := s.people(ctx)
	if !p.inTeam() {
		return errSessionNoTeam
	}
	return s.db.write(ctx, what, func(tx *Tx) error {
		if err := rememberMe(ctx, tx, p.Me); err != nil {
			return err
		}
		return fn(tx, p)
	})
}

func invalid(format string, args ...any) error {
	return peerplaypay.Errorf(peerplaypay.EINVALID, format, args...)
}

func checkDay(day string) error {
	if !peerplaypay.IsSessionDay(day) {
		return invalid("%q is not a day: write it as YYYY-MM-DD, such as 2026-12-07.", day)
	}
	return nil
}

func checkPart(parts []peerplaypay.SessionPart, part int) error {
	if part < 0 || part >= len(parts) {
		return invalid("The session has parts 1 to %d; there is no part %d. `peerplaypay session show` lists them.", len(parts), part+1)
	}
	return nil
}

// partOf returns the parts of the session of day and the id of its part
// number part (from 0), refusing a part it does not have.
func partOf(ctx context.Context, tx *Tx, day string, part int) (string, error) {
	parts, err := sessionParts(ctx, tx, day)
	if err != nil {
		return "", err
	}
	if err := checkPart(parts, part); err != nil {
		return "", err
	}
	return parts[part].ID, nil
}

func checkInput(what, text string, max int) error {
	if why := peerplaypay.CheckText(what, text, max, true); why != "" {
		return invalid("%s%s: write 1 to %d characters.", strings.ToUpper(why[:1]), why[1:], max)
	}
	return nil
}

// AddItem adds this member's item to part (from 0) of the session of day.
func (s *SessionService) AddItem(ctx context.Context, day string, part int, text string) (*peerplaypay.SessionItem, error) {
	if err := checkDay(day); err != nil {
		return nil, err
	}
	if err := checkInput("item", text, peerplaypay.MaxSessionItemLen); err != nil {
		return nil, err
	}
	var id int64
	err := s.writer(ctx, "add session item", func(tx *Tx, p SessionPeople) error {
		pid, err := partOf(ctx, tx, day, part)
		if err != nil {
			return err
		}
		d := peerplaypay.SessionItemData{UID: peerplaypay.NewUID(), Session: day, Part: part, PartID: pid, Text: strings.TrimSpace(text)}
		res, err := tx.ExecContext(ctx, `INSERT INTO session_items (author, uid, session, part, part_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			p.Me, d.UID, day, part, pid, d.Text, formatTime(tx.now))
		if err != nil {
			return err
		}
		id, _ = res.LastInsertId()
		return enqueue(ctx, tx, peerplaypay.EventSessionItem, d)
	})
	if err != nil {
		return nil, err
	}
	return s.Item(ctx, id)
}

// itemRow is an item as stored.
type itemRow struct {
	id                  int64
	author, uid, day    string
	part                int
	partID              string
	text                string
	deleted             bool
	createdAt, editedAt string
}

func loadItem(ctx context.Context, tx *Tx, id int64) (*itemRow, error) {
	var r itemRow
	err := tx.QueryRowContext(ctx, `SELECT id, author, uid, session, part, part_id, text, deleted, created_at, edited_at FROM session_items WHERE id = ?`, id).
		Scan(&r.id, &r.author, &r.uid, &r.day, &r.part, &r.partID, &r.text, &r.deleted, &r.createdAt, &r.editedAt)
	if errors.Is(err, sql.ErrNoRows) || err == nil && r.deleted {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no item %d: `peerplaypay session show` lists the items with their numbers.", id)
	}
	return &r, err
}

// ownItem loads item id and refuses it unless it is this member's.
func ownItem(ctx context.Context, tx *Tx, p SessionPeople, id int64, doing string) (*itemRow, error) {
	r, err := loadItem(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if r.author != p.Me {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "Item %d is %s's: only its author %s it. Add your own item, or comment on this one.", id, orPeer(p.nameOf(r.author)), doing)
	}
	return r, nil
}

func orPeer(name string) string {
	if name == "" {
		return "a peer"
	}
	return name
}

// EditItem changes the text of one of this member's items.
func (s *SessionService) EditItem(ctx context.Context, id int64, text string) error {
	if err := checkInput("item", text, peerplaypay.MaxSessionItemLen); err != nil {
		return err
	}
	return s.writer(ctx, "edit session item", func(tx *Tx, p SessionPeople) error {
		r, err := ownItem(ctx, tx, p, id, "edits")
		if err != nil {
			return err
		}
		d := peerplaypay.SessionItemData{UID: r.uid, Session: r.day, Part: r.part, PartID: r.partID, Text: strings.TrimSpace(text)}
		if _, err := tx.ExecContext(ctx, `UPDATE session_items SET text = ?, edited_at = ? WHERE id = ?`, d.Text, formatTime(tx.now), id); err != nil {
			return err
		}
		return enqueue(ctx, tx, peerplaypay.EventSessionItem, d)
	})
}

// DeleteItem deletes one of this member's items.
func (s *SessionService) DeleteItem(ctx context.Context, id int64) error {
	return s.writer(ctx, "delete session item", func(tx *Tx, p SessionPeople) error {
		r, err := ownItem(ctx, tx, p, id, "deletes")
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE session_items SET text = '', deleted = 1, edited_at = ? WHERE id = ?`, formatTime(tx.now), id); err != nil {
			return err
		}
		return enqueue(ctx, tx, peerplaypay.EventSessionItemDeleted, peerplaypay.SessionItemDeletedData{UID: r.uid})
	})
}

// CommentItem comments on an item.
func (s *SessionService) CommentItem(ctx context.Context, id int64, text string) error {
	if err := checkInput("comment", text, peerplaypay.MaxCommentLen); err != nil {
		return err
	}
	return s.writer(ctx, "comment on session item", func(tx *Tx, p SessionPeople) error {
		r, err := loadItem(ctx, tx, id)
		if err != nil {
			return err
		}
		d := peerplaypay.SessionCommentData{UID: peerplaypay.NewUID(), Item: peerplaypay.ItemRef{Author: r.author, UID: r.uid}, Text: strings.TrimSpace(text)}
		if _, err := tx.ExecContext(ctx, `INSERT INTO session_comments (author, uid, item_author, item_uid, text, at) VALUES (?, ?, ?, ?, ?, ?)`,
			p.Me, d.UID, r.author, r.uid, d.Text, formatTime(tx.now)); err != nil {
			return err
		}
		return enqueue(ctx, tx, peerplaypay.EventSessionComment, d)
	})
}

// ownSessionComment loads comment id (its local number) and refuses it unless it
// is this member's and still there.
func ownSessionComment(ctx context.Context, tx *Tx, p SessionPeople, id int64, doing string) (string, error) {
	var author, uid string
	var deleted bool
	err := tx.QueryRowContext(ctx, `SELECT author, uid, deleted FROM session_comments WHERE rowid = ?`, id).Scan(&author, &uid, &deleted)
	if errors.Is(err, sql.ErrNoRows) || err == nil && deleted {
		return "", peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no comment %d: `peerplaypay session show` lists the comments with their numbers.", id)
	} else if err != nil {
		return "", err
	}
	if author != p.Me {
		return "", peerplaypay.Errorf(peerplaypay.ECONFLICT, "Comment %d is %s's: only its author %s it. Add your own comment instead.", id, orPeer(p.nameOf(author)), doing)
	}
	return uid, nil
}

// EditComment changes the text of one of this member's comments on items.
func (s *SessionService) EditComment(ctx context.Context, id int64, text string) error {
	if err := checkInput("comment", text, peerplaypay.MaxCommentLen); err != nil {
		return err
	}
	return s.writer(ctx, "edit session comment", func(tx *Tx, p SessionPeople) error {
		uid, err := ownSessionComment(ctx, tx, p, id, "edits")
		if err != nil {
			return err
		}
		d := peerplaypay.SessionCommentEditData{UID: uid, Text: strings.TrimSpace(text)}
		if _, err := tx.ExecContext(ctx, `UPDATE session_comments SET text = ?, edited_at = ? WHERE rowid = ?`, d.Text, formatTime(tx.now), id); err != nil {
			return err
		}
		return enqueue(ctx, tx, peerplaypay.EventSessionCommentEdit, d)
	})
}

// DeleteComment deletes one of this member's comments on items.
func (s *SessionService) DeleteComment(ctx context.Context, id int64) error {
	return s.writer(ctx, "delete session comment", func(tx *Tx, p SessionPeople) error {
		uid, err := ownSessionComment(ctx, tx, p, id, "deletes")
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE session_comments SET text = '', deleted = 1, edited_at = ? WHERE rowid = ?`, formatTime(tx.now), id); err != nil {
			return err
		}
		return enqueue(ctx, tx, peerplaypay.EventSessionCommentDel, peerplaypay.SessionCommentDeletedData{UID: uid})
	})
}

func loadDots(ctx context.Context, tx *Tx, author, day string, partID string) ([]peerplaypay.ItemRef, error) {
	var raw string
	err := tx.QueryRowContext(ctx, `SELECT dots FROM session_votes WHERE session = ? AND part_id = ? AND author = ?`, day, partID, author).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var dots []peerplaypay.ItemRef
	json.Unmarshal([]byte(raw), &dots)
	return dots, nil
}

func storeVote(ctx context.Context, tx *Tx, author, day string, partID string, dots []peerplaypay.ItemRef, at string) error {
	if dots == nil {
		dots = []peerplaypay.ItemRef{}
	}
	raw, err := json.Marshal(dots)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO session_votes (author, session, part_id, dots, at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (session, part_id, author) DO UPDATE SET dots = excluded.dots, at = excluded.at`, author, day, partID, string(raw), at)
	return err
}

// Vote puts one of this member's dots on item id, or takes one back
// (undo). A member has DotsPerPart dots in each part; the whole set goes
// to the team, so however often it is sent it counts once.
func (s *SessionService) Vote(ctx context.Context, id int64, undo bool) error {
	return s.writer(ctx, "vote", func(tx *Tx, p SessionPeople) error {
		r, err := loadItem(ctx, tx, id)
		if err != nil {
			return err
		}
		dots, err := loadDots(ctx, tx, p.Me, r.day, r.partID)
		if err != nil {
			return err
		}
		ref := peerplaypay.ItemRef{Author: r.author, UID: r.uid}
		if undo {
			i := -1
			for j, d := range dots {
				if d == ref {
					i = j
				}
			}
			if i < 0 {
				return peerplaypay.Errorf(peerplaypay.ECONFLICT, "You have no dot on item %d to take back.", id)
			}
			dots = append(dots[:i], dots[i+1:]...)
		} else {
			if len(dots) >= peerplaypay.DotsPerPart {
				return peerplaypay.Errorf(peerplaypay.ECONFLICT, "You have used your %d dots in this part: take one back first (`peerplaypay session vote ITEM --undo`).", peerplaypay.DotsPerPart)
			}
			dots = append(dots, ref)
		}
		if err := storeVote(ctx, tx, p.Me, r.day, r.partID, dots, formatTime(tx.now)); err != nil {
			return err
		}
		if dots == nil {
			dots = []peerplaypay.ItemRef{}
		}
		return enqueue(ctx, tx, peerplaypay.EventSessionVote, peerplaypay.SessionVoteData{Session: r.day, Part: r.part, PartID: r.partID, Dots: dots})
	})
}

// Note writes a note or decision in part of the session of day: a new one
// (uid ""), or a new revision of note uid replacing revision prev. Text ""
// takes the note out.
func (s *SessionService) Note(ctx context.Context, day string, part int, kind, text, uid, prev string) (*peerplaypay.SessionNote, error) {
	if err := checkDay(day); err != nil {
		return nil, err
	}
	if kind != peerplaypay.NoteNote && kind != peerplaypay.NoteDecision {
		return nil, invalid("A note is a note or a decision, not %q.", kind)
	}
	if why := peerplaypay.CheckText("note", text, peerplaypay.MaxSessionNoteLen, uid == ""); why != "" {
		return nil, invalid("The %s: write 1 to %d characters.", why[4:], peerplaypay.MaxSessionNoteLen)
	}
	if (uid != "" && !peerplaypay.IsUID(uid)) || (prev != "" && !peerplaypay.IsUID(prev)) {
		return nil, invalid("That note is not one of this session's; reload the session and write again.")
	}
	var out *peerplaypay.SessionNote
	err := s.writer(ctx, "write note", func(tx *Tx, p SessionPeople) error {
		pid, err := partOf(ctx, tx, day, part)
		if err != nil {
			return err
		}
		if uid == "" {
			uid = peerplaypay.NewUID()
		}
		d := peerplaypay.SessionNoteData{UID: uid, Rev: peerplaypay.NewUID(), Prev: prev, Session: day, Part: part, PartID: pid, Kind: kind, Text: strings.TrimSpace(text)}
		if _, err := tx.ExecContext(ctx, `INSERT INTO session_notes (author, rev, uid, prev, session, part, part_id, kind, text, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.Me, d.Rev, d.UID, d.Prev, day, part, pid, kind, d.Text, formatTime(tx.now)); err != nil {
			return err
		}
		out = &peerplaypay.SessionNote{UID: d.UID, Rev: d.Rev, Part: part, Kind: kind, Text: d.Text, Author: p.Me, AuthorName: p.MyName, At: tx.now}
		return enqueue(ctx, tx, peerplaypay.EventSessionNote, d)
	})
	return out, err
}

// CreateExperiment makes an experiment from item id (an item of the
// experiments' part), or from nothing (id 0) for the session of day.
func (s *SessionService) CreateExperiment(ctx context.Context, day string, id int64, hypothesis, owner, measure, endDay string) (*peerplaypay.Experiment, error) {
	if err := checkInput("hypothesis", hypothesis, peerplaypay.MaxExperimentLen); err != nil {
		return nil, err
	}
	if err := checkInput("way to know", measure, peerplaypay.MaxExperimentLen); err != nil {
		return nil, err
	}
	if !peerplaypay.IsSessionDay(endDay) {
		return nil, invalid("The end date %q is not a day: write it as YYYY-MM-DD.", endDay)
	}
	var eid int64
	err := s.writer(ctx, "create experiment", func(tx *Tx, p SessionPeople) error {
		if owner == "" {
			owner = p.Me
		}
		if owner != p.Me && !contains(p.Active, owner) {
			return invalid("The owner must be a member of the team: give a name from `peerplaypay team members`.")
		}
		d := peerplaypay.ExperimentData{UID: peerplaypay.NewUID(), Session: day, Hypothesis: strings.TrimSpace(hypothesis),
			Owner: owner, Measure: strings.TrimSpace(measure), EndDay: endDay}
		if id != 0 {
			r, err := loadItem(ctx, tx, id)
			if err != nil {
				return err
			}
			if r.partID != peerplaypay.PartIDExperiments {
				return invalid("Item %d is not in the experiments' part: make experiments from the items of “%s”.", id, peerplaypay.DefaultSessionParts[1].Name)
			}
			d.Session, d.Item = r.day, &peerplaypay.ItemRef{Author: r.author, UID: r.uid}
		}
		if err := checkDay(d.Session); err != nil {
			return err
		}
		ia, iu := "", ""
		if d.Item != nil {
			ia, iu = d.Item.Author, d.Item.UID
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO experiments (author, uid, session, item_author, item_uid, hypothesis, owner, measure, end_day, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.Me, d.UID, d.Session, ia, iu, d.Hypothesis, d.Owner, d.Measure, d.EndDay, formatTime(tx.now))
		if err != nil {
			return err
		}
		eid, _ = res.LastInsertId()
		return enqueue(ctx, tx, peerplaypay.EventExperimentSet, d)
	})
	if err != nil {
		return nil, err
	}
	list, err := s.experiments(ctx, `e.id = ?`, eid)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ExperimentOutcome records what came of experiment id.
func (s *SessionService) ExperimentOutcome(ctx context.Context, day string, id int64, result, note string) error {
	return s.outcome(ctx, day, peerplaypay.OutcomeOfExperiment, id, result, note)
}

// MomentOutcome records what came of success moment id (an item of the
// moments' part).
func (s *SessionService) MomentOutcome(ctx context.Context, day string, id int64, result, note string) error {
	return s.outcome(ctx, day, peerplaypay.OutcomeOfMoment, id, result, note)
}

func (s *SessionService) outcome(ctx context.Context, day, of string, id int64, result, note string) error {
	if !peerplaypay.IsOutcome(result) {
		return invalid("An outcome is worked, failed or learned, not %q.", result)
	}
	if why := peerplaypay.CheckText("note", note, peerplaypay.MaxSessionNoteLen, false); why != "" {
		return invalid("The %s: write at most %d characters.", why[4:], peerplaypay.MaxSessionNoteLen)
	}
	if err := checkDay(day); err != nil {
		return err
	}
	return s.writer(ctx, "record outcome", func(tx *Tx, p SessionPeople) error {
		var target peerplaypay.ItemRef
		if of == peerplaypay.OutcomeOfExperiment {
			err := tx.QueryRowContext(ctx, `SELECT author, uid FROM experiments WHERE id = ?`, id).Scan(&target.Author, &target.UID)
			if errors.Is(err, sql.ErrNoRows) {
				return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no experiment %d: `peerplaypay experiments list` lists them with their numbers.", id)
			} else if err != nil {
				return err
			}
		} else {
			r, err := loadItem(ctx, tx, id)
			if err != nil {
				return err
			}
			if r.partID != peerplaypay.PartIDMoments {
				return invalid("Item %d is not a success moment: outcomes are asked of the items of “%s”.", id, peerplaypay.DefaultSessionParts[0].Name)
			}
			target = peerplaypay.ItemRef{Author: r.author, UID: r.uid}
		}
		d := peerplaypay.SessionOutcomeData{Of: of, Target: target, Session: day, Result: result, Note: strings.TrimSpace(note)}
		if err := storeOutcome(ctx, tx, p.Me, d, formatTime(tx.now)); err != nil {
			return err
		}
		return enqueue(ctx, tx, peerplaypay.EventSessionOutcome, d)
	})
}

func storeOutcome(ctx context.Context, tx *Tx, author string, d peerplaypay.SessionOutcomeData, at string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO session_outcomes (author, of, target_author, target_uid, session, result, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (of, target_author, target_uid, author) DO UPDATE SET session = excluded.session, result = excluded.result, note = excluded.note, at = excluded.at`,
		author, d.Of, d.Target.Author, d.Target.UID, d.Session, d.Result, d.Note, at)
	return err
}

// Item returns one item with its votes and comments.
func (s *SessionService) Item(ctx context.Context, id int64) (*peerplaypay.SessionItem, error) {
	var day string
	err := s.db.read(ctx, "session item", func(tx *Tx) error {
		r, err := loadItem(ctx, tx, id)
		if err == nil {
			day = r.day
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	ts, err := s.Session(ctx, day)
	if err != nil {
		return nil, err
	}
	for _, p := range ts.Parts {
		for _, it := range p.Items {
			if it.ID == id {
				return it, nil
			}
		}
	}
	return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no item %d.", id)
}

// Session returns the session of day as this member sees it: its parts
// with their items, dots, comments and notes, the facilitator, and what it
// opens with (running experiments, the last session's success moments).
func (s *SessionService) Session(ctx context.Context, day string) (*peerplaypay.TeamSession, error) {
	if err := checkDay(day); err != nil {
		return nil, err
	}
	p := s.people(ctx)
	ts := &peerplaypay.TeamSession{Day: day, Running: []*peerplaypay.Experiment{}, LastMoments: []*peerplaypay.SessionItem{}, Members: []peerplaypay.SessionMember{}}
	active := append([]string(nil), p.Active...)
	if p.Me != "" && !contains(active, p.Me) {
		active = append(active, p.Me)
	}
	for _, id := range active {
		ts.Members = append(ts.Members, peerplaypay.SessionMember{ID: id, Name: p.nameOf(id)})
	}
	ts.Facilitator = peerplaypay.Facilitator(active, day)
	ts.FacilitatorName = p.nameOf(ts.Facilitator)
	set, err := teamSettings(ctx, s.db.db)
	if err != nil {
		return nil, err
	}
	ts.Time = set.SessionTime
	err = s.db.read(ctx, "session", func(tx *Tx) error {
		parts, err := sessionParts(ctx, tx, day)
		if err != nil {
			return err
		}
		byID := map[string]*peerplaypay.SessionPartView{}
		for i, pt := range parts {
			v := &peerplaypay.SessionPartView{Index: i, ID: pt.ID, Name: pt.Name, Minutes: pt.Minutes, Items: []*peerplaypay.SessionItem{}, Notes: []*peerplaypay.SessionNote{}}
			ts.Parts = append(ts.Parts, v)
			byID[pt.ID] = v
			ts.Minutes += pt.Minutes
		}
		items, err := queryItems(ctx, tx, p, `session = ?`, day)
		if err != nil {
			return err
		}
		voters, err := countVotes(ctx, tx, p, day, items)
		if err != nil {
			return err
		}
		ts.Voters = voters
		// An item on a part the session does not have (dropped, or added
		// by a change not here yet) is kept and not shown.
		for _, it := range items {
			if v := byID[it.PartID]; v != nil {
				it.Part = v.Index
				v.Items = append(v.Items, it)
				v.MyDots += it.MyVotes
			}
		}
		notes, err := queryNotes(ctx, tx, p, day)
		if err != nil {
			return err
		}
		for _, n := range notes {
			if v := byID[n.PartID]; v != nil {
				n.Part = v.Index
				v.Notes = append(v.Notes, n)
			}
		}
		running, err := queryExperiments(ctx, tx, p, `e.session <= ?`, day)
		if err != nil {
			return err
		}
		for _, e := range running {
			if e.Outcome == nil || e.Outcome.Session == day {
				ts.Running = append(ts.Running, e)
			}
		}
		var last sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT max(session) FROM session_items WHERE session < ? AND part_id = ? AND deleted = 0`, day, peerplaypay.PartIDMoments).Scan(&last); err != nil {
			return err
		}
		if last.Valid {
			ts.LastDay = last.String
			moments, err := queryItems(ctx, tx, p, `session = ? AND part_id = ?`, last.String, peerplaypay.PartIDMoments)
			if err != nil {
				return err
			}
			ts.LastMoments = moments
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ts, nil
}

// queryItems returns the items that match where, with their comments,
// experiments and outcomes (not their votes).
func queryItems(ctx context.Context, tx *Tx, p SessionPeople, where string, args ...any) ([]*peerplaypay.SessionItem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT i.id, i.author, i.uid, i.part, i.part_id, i.text, i.created_at, i.edited_at,
			coalesce((SELECT min(e.id) FROM experiments e WHERE e.item_author = i.author AND e.item_uid = i.uid), 0)
		FROM session_items i WHERE deleted = 0 AND `+where+` ORDER BY i.part, i.created_at, i.id`, args...)
	if err != nil {
		return nil, err
	}
	var out []*peerplaypay.SessionItem
	byKey := map[peerplaypay.ItemRef]*peerplaypay.SessionItem{}
	for rows.Next() {
		it := &peerplaypay.SessionItem{Comments: []*peerplaypay.SessionComment{}}
		var created string
		if err := rows.Scan(&it.ID, &it.Author, &it.UID, &it.Part, &it.PartID, &it.Text, &created, &it.EditedAt, &it.Experiment); err != nil {
			rows.Close()
			return nil, err
		}
		it.CreatedAt, _ = parseTime(created)
		it.AuthorName = p.nameOf(it.Author)
		it.Mine = it.Author == p.Me
		out = append(out, it)
		byKey[peerplaypay.ItemRef{Author: it.Author, UID: it.UID}] = it
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	crows, err := tx.QueryContext(ctx, `SELECT c.rowid, c.author, c.uid, c.item_author, c.item_uid, c.text, c.at, c.edited_at FROM session_comments c
		JOIN session_items i ON i.author = c.item_author AND i.uid = c.item_uid WHERE i.deleted = 0 AND c.deleted = 0 AND `+prefixed(where)+` ORDER BY c.at`, args...)
	if err != nil {
		return nil, err
	}
	for crows.Next() {
		var c peerplaypay.SessionComment
		var ref peerplaypay.ItemRef
		var at string
		if err := crows.Scan(&c.ID, &c.Author, &c.UID, &ref.Author, &ref.UID, &c.Text, &at, &c.EditedAt); err != nil {
			crows.Close()
			return nil, err
		}
		c.At, _ = parseTime(at)
		c.AuthorName = p.nameOf(c.Author)
		c.Mine = c.Author == p.Me
		if it := byKey[ref]; it != nil {
			it.Comments = append(it.Comments, &c)
		}
	}
	crows.Close()
	if err := crows.Err(); err != nil {
		return nil, err
	}
	outcomes, err := latestOutcomes(ctx, tx, p, `SELECT o.target_author, o.target_uid, o.author, o.session, o.result, o.note, o.at FROM session_outcomes o
		JOIN session_items i ON i.author = o.target_author AND i.uid = o.target_uid WHERE o.of = 'moment' AND `+prefixed(where)+` ORDER BY o.at, o.author`, args...)
	if err != nil {
		return nil, err
	}
	for ref, o := range outcomes {
		if it := byKey[ref]; it != nil {
			it.Outcome = o
		}
	}
	return out, nil
}

// prefixed qualifies the plain column names of an items' where clause.
func prefixed(where string) string {
	where = strings.ReplaceAll(where, "session =", "i.session =")
	where = strings.ReplaceAll(where, "session <", "i.session <")
	return strings.ReplaceAll(where, "part_id =", "i.part_id =")
}

// latestOutcomes runs query, which selects outcomes (target author and
// uid, author, session, result, note, at) oldest first, and returns the
// latest outcome of each item it names.
func latestOutcomes(ctx context.Context, tx *Tx, p SessionPeople, query string, args ...any) (map[peerplaypay.ItemRef]*peerplaypay.Outcome, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[peerplaypay.ItemRef]*peerplaypay.Outcome{}
	for rows.Next() {
		var ref peerplaypay.ItemRef
		o := &peerplaypay.Outcome{}
		var at string
		if err := rows.Scan(&ref.Author, &ref.UID, &o.Author, &o.Session, &o.Result, &o.Note, &at); err != nil {
			return nil, err
		}
		o.At, _ = parseTime(at)
		o.AuthorName = p.nameOf(o.Author)
		out[ref] = o // the latest stands
	}
	return out, rows.Err()
}

// countVotes adds up the dots on items, each member's last vote per part,
// counting only dots on items of that part; it returns how many members
// put dots.
func countVotes(ctx context.Context, tx *Tx, p SessionPeople, day string, items []*peerplaypay.SessionItem) (int, error) {
	byKey := map[peerplaypay.ItemRef]*peerplaypay.SessionItem{}
	for _, it := range items {
		byKey[peerplaypay.ItemRef{Author: it.Author, UID: it.UID}] = it
	}
	rows, err := tx.QueryContext(ctx, `SELECT author, part_id, dots FROM session_votes WHERE session = ?`, day)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	voters := map[string]bool{}
	for rows.Next() {
		var author, part, raw string
		if err := rows.Scan(&author, &part, &raw); err != nil {
			return 0, err
		}
		var dots []peerplaypay.ItemRef
		if json.Unmarshal([]byte(raw), &dots) != nil || len(dots) > peerplaypay.DotsPerPart {
			continue
		}
		for _, d := range dots {
			it := byKey[d]
			if it == nil || it.PartID != part {
				continue
			}
			it.Votes++
			if author == p.Me {
				it.MyVotes++
			}
			voters[author] = true
		}
	}
	return len(voters), rows.Err()
}

// queryNotes returns the notes of a session as they stand: per note, each
// revision no other revision of it replaces; several when two members
// changed the same revision at once, each marked.
func queryNotes(ctx context.Context, tx *Tx, p SessionPeople, day string) ([]*peerplaypay.SessionNote, error) {
	rows, err := tx.QueryContext(ctx, `SELECT author, rev, uid, prev, part_id, kind, text, at FROM session_notes WHERE session = ? ORDER BY at, author, rev`, day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type rev struct {
		n    *peerplaypay.SessionNote
		prev string
	}
	var all []rev
	replaced := map[string]bool{} // uid+" "+rev
	first := map[string]time.Time{}
	for rows.Next() {
		n := &peerplaypay.SessionNote{}
		var prev, at string
		if err := rows.Scan(&n.Author, &n.Rev, &n.UID, &prev, &n.PartID, &n.Kind, &n.Text, &at); err != nil {
			return nil, err
		}
		n.At, _ = parseTime(at)
		n.AuthorName = p.nameOf(n.Author)
		all = append(all, rev{n, prev})
		if prev != "" {
			replaced[n.UID+" "+prev] = true
		}
		if _, ok := first[n.UID]; !ok {
			first[n.UID] = n.At
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	heads := map[string][]*peerplaypay.SessionNote{}
	for _, r := range all {
		if !replaced[r.n.UID+" "+r.n.Rev] {
			heads[r.n.UID] = append(heads[r.n.UID], r.n)
		}
	}
	var out []*peerplaypay.SessionNote
	for _, hs := range heads {
		var shown []*peerplaypay.SessionNote
		for _, h := range hs {
			if h.Text != "" {
				shown = append(shown, h)
			}
		}
		for _, h := range shown {
			h.Conflict = len(shown) > 1
			out = append(out, h)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !first[a.UID].Equal(first[b.UID]) {
			return first[a.UID].Before(first[b.UID])
		}
		if a.UID != b.UID {
			return a.UID < b.UID
		}
		return a.Rev < b.Rev
	})
	return out, nil
}

// Experiments returns the experiments whose words match query (all when
// it is empty), running first, then ended, newest first in each.
func (s *SessionService) Experiments(ctx context.Context, query string) ([]*peerplaypay.Experiment, error) {
	q := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.TrimSpace(query)) + "%"
	list, err := s.experiments(ctx, `(e.hypothesis LIKE ? ESCAPE '\' OR e.measure LIKE ? ESCAPE '\' OR coalesce((SELECT group_concat(note, ' ') FROM session_outcomes o WHERE o.of = 'experiment' AND o.target_author = e.author AND o.target_uid = e.uid), '') LIKE ? ESCAPE '\')`, q, q, q)
	if err != nil {
		return nil, err
	}
	if query != "" {
		p := s.people(ctx)
		want := strings.ToLower(strings.TrimSpace(query))
		// Owners are matched by name too: names live in the roster, not here.
		all, err := s.experiments(ctx, `1`)
		if err != nil {
			return nil, err
		}
		seen := map[int64]bool{}
		for _, e := range list {
			seen[e.ID] = true
		}
		for _, e := range all {
			if !seen[e.ID] && strings.Contains(strings.ToLower(p.nameOf(e.Owner)), want) {
				list = append(list, e)
			}
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		if (list[i].Outcome == nil) != (list[j].Outcome == nil) {
			return list[i].Outcome == nil
		}
		return list[i].ID > list[j].ID
	})
	return list, nil
}

func (s *SessionService) experiments(ctx context.Context, where string, args ...any) ([]*peerplaypay.Experiment, error) {
	p := s.people(ctx)
	var out []*peerplaypay.Experiment
	err := s.db.read(ctx, "experiments", func(tx *Tx) error {
		var err error
		out, err = queryExperiments(ctx, tx, p, where, args...)
		return err
	})
	return out, err
}

func queryExperiments(ctx context.Context, tx *Tx, p SessionPeople, where string, args ...any) ([]*peerplaypay.Experiment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.author, e.uid, e.session, e.item_author, e.item_uid, e.hypothesis, e.owner, e.measure, e.end_day
		FROM experiments e WHERE `+where+` ORDER BY e.id`, args...)
	if err != nil {
		return nil, err
	}
	out := []*peerplaypay.Experiment{}
	byKey := map[peerplaypay.ItemRef]*peerplaypay.Experiment{}
	for rows.Next() {
		e := &peerplaypay.Experiment{}
		var ia, iu string
		if err := rows.Scan(&e.ID, &e.Author, &e.UID, &e.Session, &ia, &iu, &e.Hypothesis, &e.Owner, &e.Measure, &e.EndDay); err != nil {
			rows.Close()
			return nil, err
		}
		if iu != "" {
			e.Item = &peerplaypay.ItemRef{Author: ia, UID: iu}
		}
		e.OwnerName = p.nameOf(e.Owner)
		out = append(out, e)
		byKey[peerplaypay.ItemRef{Author: e.Author, UID: e.UID}] = e
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	outcomes, err := latestOutcomes(ctx, tx, p, `SELECT target_author, target_uid, author, session, result, note, at FROM session_outcomes WHERE of = 'experiment' ORDER BY at, author`)
	if err != nil {
		return nil, err
	}
	for ref, o := range outcomes {
		if e := byKey[ref]; e != nil {
			e.Outcome = o
		}
	}
	return out, nil
}

// PastSessions lists the sessions before day that hold anything, newest
// first.
func (s *SessionService) PastSessions(ctx context.Context, day string) ([]peerplaypay.SessionSummary, error) {
	out := []peerplaypay.SessionSummary{}
	err := s.db.read(ctx, "past sessions", func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT d, sum(items), sum(decisions) FROM (
				SELECT session AS d, count(*) AS items, 0 AS decisions FROM session_items WHERE deleted = 0 AND session < ? GROUP BY session
				UNION ALL
				SELECT session, 0, count(DISTINCT uid) FROM session_notes WHERE kind = 'decision' AND session < ? GROUP BY session)
			GROUP BY d ORDER BY d DESC`, day, day)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s peerplaypay.SessionSummary
			if err := rows.Scan(&s.Day, &s.Items, &s.Decisions); err != nil {
				return err
			}
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, err
}

// ItemOf returns the local ID of item (author, uid), 0 when it is not here.
func (s *SessionService) ItemOf(ctx context.Context, ref peerplaypay.ItemRef) (int64, error) {
	var id int64
	err := s.db.read(ctx, "find item", func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT id FROM session_items WHERE author = ? AND uid = ?`, ref.Author, ref.UID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return id, err
}

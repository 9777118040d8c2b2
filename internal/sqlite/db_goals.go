package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// Settings keys of goals.
const (
	// SettingCheckinEveryDays is the member's check-in cadence in days.
	SettingCheckinEveryDays = "goals.checkinEveryDays"
	// SettingMemberID is this laptop's member ID as the share knows it:
	// peers' events name the member's goals and offers by it, and applying
	// them maps it back to the local author ''.
	SettingMemberID = "member.id"
)

// People tells the goal service who this laptop's member is and the names
// of the members it knows.
type People struct {
	Me     string
	MyName string
	Names  map[string]string
}

// GoalService stores goals, check-ins, offers of help, job outcomes,
// "worked on" links and check-in conversations. Own rows have an empty author;
// peers' have their member ID. Every change to a team goal queues its event
// in the same transaction; a private goal never queues one.
type GoalService struct {
	db     *DB
	people func(ctx context.Context) People
}

var _ peerplaypay.GoalService = (*GoalService)(nil)

// NewGoalService returns a GoalService on db; people (nil: IDs only) names
// the members.
func NewGoalService(db *DB, people func(ctx context.Context) People) *GoalService {
	if people == nil {
		people = func(context.Context) People { return People{} }
	}
	return &GoalService{db: db, people: people}
}

// RememberMe stores this laptop's member ID for applying peers' events.
func (s *GoalService) RememberMe(ctx context.Context) error {
	me := s.people(ctx).Me
	if me == "" {
		return nil
	}
	return s.run(ctx, "remember member", func(tx *Tx) error { return rememberMe(ctx, tx, me) })
}

func rememberMe(ctx context.Context, tx *Tx, me string) error {
	if me == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value`, SettingMemberID, me)
	return err
}

// myID reads the member ID stored by RememberMe, "" when unknown.
func myID(ctx context.Context, tx *Tx) string {
	var v string
	tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, SettingMemberID).Scan(&v)
	return v
}

func (s *GoalService) run(ctx context.Context, what string, fn func(*Tx) error) error {
	return s.db.write(ctx, what, fn)
}

func (s *GoalService) read(ctx context.Context, what string, fn func(*Tx) error) error {
	return s.db.read(ctx, what, fn)
}

// goalSelect reads goals with their counts, which triggers keep on the
// goal rows (see 0007_goals.sql): the list reads 500 rows, not 10,000
// check-ins.
const goalSelect = `SELECT g.id, g.author, g.uid, g.owner, g.title, g.kind, g.description, g.measure, g.confidence, g.due,
	g.contributors, g.level, g.parent_uid, g.outcome_id, COALESCE(o.title, g.outcome_title), g.visibility, g.status,
	g.status_reason, g.need_help, g.created_at, g.updated_at, g.checkins, g.last_checkin_at, g.open_offers
	FROM goals g LEFT JOIN job_outcomes o ON g.author = '' AND o.id = g.outcome_id `

// goalRow is a goal as stored, before it is shown.
type goalRow struct {
	peerplaypay.Goal
	author string
}

func scanGoal(row scanner) (*goalRow, error) {
	var g goalRow
	var measure, contributors string
	if err := row.Scan(&g.ID, &g.author, &g.UID, &g.Owner, &g.Title, &g.Kind, &g.Description, &measure, &g.Confidence, &g.Due,
		&contributors, &g.Level, &g.ParentUID, &g.OutcomeID, &g.OutcomeTitle, &g.Visibility, &g.Status,
		&g.StatusReason, &g.NeedHelp, &g.CreatedAt, &g.UpdatedAt, &g.Checkins, &g.LastCheckinAt, &g.OpenHelpOffers); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(measure), &g.Measure); err != nil {
		return nil, fmt.Errorf("goal %d measure: %w", g.ID, err)
	}
	var ids []string
	if contributors != "[]" { // the usual case, not worth a decoder
		if err := json.Unmarshal([]byte(contributors), &ids); err != nil {
			return nil, fmt.Errorf("goal %d contributors: %w", g.ID, err)
		}
	}
	g.Contributors = make([]peerplaypay.Member, 0, len(ids))
	for _, id := range ids {
		g.Contributors = append(g.Contributors, peerplaypay.Member{ID: id})
	}
	g.Measure.Normalize()
	return &g, nil
}

func queryGoals(ctx context.Context, tx *Tx, where string, args ...any) ([]*goalRow, error) {
	rows, err := tx.QueryContext(ctx, goalSelect+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*goalRow
	for rows.Next() {
		g, err := scanGoal(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

func findGoal(ctx context.Context, tx *Tx, id int64) (*goalRow, error) {
	gs, err := queryGoals(ctx, tx, `WHERE g.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(gs) == 0 {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no goal %d; it may have been deleted (`peerplaypay goals list` shows the goals).", id)
	}
	return gs[0], nil
}

// goalByUID finds a goal by uid, ours first (uids are random: two authors
// sharing one means a copy, and ours is the one we can act on).
func goalByUID(ctx context.Context, tx *Tx, uid string) (*goalRow, error) {
	gs, err := queryGoals(ctx, tx, `WHERE g.uid = ? ORDER BY g.author <> '', g.id LIMIT 1`, uid)
	if err != nil || len(gs) == 0 {
		return nil, err
	}
	return gs[0], nil
}

// viewer fills what depends on who looks: owner, names, mine, progress and
// whether a check-in is due.
type viewer struct {
	p       People
	cadence int
	now     time.Time
}

func (s *GoalService) viewer(ctx context.Context, tx *Tx) (viewer, error) {
	c, err := checkinCadence(ctx, tx)
	return viewer{p: s.people(ctx), cadence: c, now: tx.now}, err
}

func (v viewer) name(id string) string {
	if id == "" || id == v.p.Me {
		return v.p.MyName
	}
	return v.p.Names[id]
}

func (v viewer) show(r *goalRow) *peerplaypay.Goal {
	g := r.Goal
	g.Mine = r.author == ""
	if g.Mine {
		g.Owner, g.ProposedBy = v.p.Me, v.p.Me
	} else {
		g.ProposedBy = r.author
		if g.Owner == "" {
			g.Owner = r.author
		}
	}
	g.OwnerName, g.ProposedByName = v.name(g.Owner), v.name(g.ProposedBy)
	for i := range g.Contributors {
		g.Contributors[i].Name = v.name(g.Contributors[i].ID)
	}
	g.Progress = g.Measure.Progress()
	if t, err := parseTime(g.CreatedAt); err == nil {
		g.SuggestedStatus, g.SuggestedReason = peerplaypay.SuggestStatus(peerplaypay.BasisOf(&g, localDay(t), localDay(v.now)))
	}
	if g.Mine && g.Status.Open() && v.cadence > 0 {
		since := g.CreatedAt
		if g.LastCheckinAt > since {
			since = g.LastCheckinAt
		}
		if t, err := parseTime(since); err == nil {
			g.CheckinDue = v.now.Sub(t) >= time.Duration(v.cadence)*24*time.Hour
		}
	}
	return &g
}

func checkinCadence(ctx context.Context, tx *Tx) (int, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, SettingCheckinEveryDays).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return peerplaypay.DefaultCheckinEveryDays, nil
	} else if err != nil {
		return 0, err
	}
	n, _ := strconv.Atoi(v)
	return n, nil
}

// Goals returns every goal this laptop knows, own and peers', oldest first.
func (s *GoalService) Goals(ctx context.Context) ([]*peerplaypay.Goal, error) {
	out := []*peerplaypay.Goal{}
	err := s.read(ctx, "list goals", func(tx *Tx) error {
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		rows, err := queryGoals(ctx, tx, `ORDER BY g.id`)
		for _, r := range rows {
			out = append(out, v.show(r))
		}
		return err
	})
	return out, err
}

// Goal returns one goal with its check-ins, offers, linked logs, parent
// and children.
func (s *GoalService) Goal(ctx context.Context, id int64) (*peerplaypay.GoalDetail, error) {
	var d peerplaypay.GoalDetail
	err := s.read(ctx, "read goal", func(tx *Tx) error {
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		r, err := findGoal(ctx, tx, id)
		if err != nil {
			return err
		}
		d.Goal = v.show(r)
		if d.Checkins, err = checkins(ctx, tx, v, r.author, r.UID); err != nil {
			return err
		}
		if d.Offers, err = offers(ctx, tx, v, `WHERE o.goal_author = ? AND o.goal_uid = ? ORDER BY o.at, o.id`, r.author, r.UID); err != nil {
			return err
		}
		if d.Logs, err = linkedLogs(ctx, tx, v, r.author, r.UID); err != nil {
			return err
		}
		children, err := queryGoals(ctx, tx, `WHERE g.parent_uid = ? ORDER BY g.id`, r.UID)
		if err != nil {
			return err
		}
		d.Children = []*peerplaypay.Goal{}
		for _, c := range children {
			d.Children = append(d.Children, v.show(c))
		}
		if r.ParentUID != "" {
			p, err := goalByUID(ctx, tx, r.ParentUID)
			if err != nil {
				return err
			}
			if p != nil {
				d.Parent = v.show(p)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

func checkins(ctx context.Context, tx *Tx, v viewer, goalAuthor, goalUID string) ([]*peerplaypay.Checkin, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, author, uid, goal_uid, at, value, milestones_done, confidence, note
		FROM goal_checkins WHERE goal_author = ? AND goal_uid = ? ORDER BY at, id`, goalAuthor, goalUID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*peerplaypay.Checkin{}
	for rows.Next() {
		var c peerplaypay.Checkin
		var done string
		if err := rows.Scan(&c.ID, &c.Author, &c.UID, &c.GoalUID, &c.At, &c.Value, &done, &c.Confidence, &c.Note); err != nil {
			return nil, err
		}
		json.Unmarshal([]byte(done), &c.MilestonesDone)
		if c.MilestonesDone == nil {
			c.MilestonesDone = []string{}
		}
		if c.Author == "" {
			c.Author = v.p.Me
		}
		c.AuthorName = v.name(c.Author)
		out = append(out, &c)
	}
	return out, rows.Err()
}

func offers(ctx context.Context, tx *Tx, v viewer, where string, args ...any) ([]*peerplaypay.HelpOffer, error) {
	rows, err := tx.QueryContext(ctx, `SELECT o.id, o.author, o.uid, o.goal_uid, COALESCE(g.title, ''), o.text, o.at, o.accepted_at
		FROM goal_help_offers o LEFT JOIN goals g ON g.author = o.goal_author AND g.uid = o.goal_uid `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*peerplaypay.HelpOffer{}
	for rows.Next() {
		var o peerplaypay.HelpOffer
		if err := rows.Scan(&o.ID, &o.Author, &o.UID, &o.GoalUID, &o.GoalTitle, &o.Text, &o.At, &o.AcceptedAt); err != nil {
			return nil, err
		}
		o.Mine = o.Author == ""
		if o.Mine {
			o.Author = v.p.Me
		}
		o.AuthorName = v.name(o.Author)
		o.Accepted = o.AcceptedAt != ""
		out = append(out, &o)
	}
	return out, rows.Err()
}

// linkedLogs returns the logs that worked on a goal, own and peers',
// newest first.
func linkedLogs(ctx context.Context, tx *Tx, v viewer, goalAuthor, goalUID string) ([]peerplaypay.LinkedLog, error) {
	rows, err := tx.QueryContext(ctx, `SELECT l.id, 0, '', l.day, l.done, l.created_at FROM goal_logs k JOIN logs l ON l.id = k.log_id
			WHERE k.goal_author = ? AND k.goal_uid = ?
		UNION ALL
		SELECT 0, p.id, p.author, p.day, p.done, p.created_at FROM peer_log_goals k JOIN peer_logs p ON p.author = k.log_author AND p.uid = k.log_uid
			WHERE k.goal_uid = ?
		ORDER BY 6 DESC, 1 DESC, 2 DESC`, goalAuthor, goalUID, goalUID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []peerplaypay.LinkedLog{}
	for rows.Next() {
		var l peerplaypay.LinkedLog
		var created string
		if err := rows.Scan(&l.LogID, &l.PeerLogID, &l.Author, &l.Day, &l.Done, &created); err != nil {
			return nil, err
		}
		if l.Author == "" {
			l.Author = v.p.Me
		}
		l.AuthorName = v.name(l.Author)
		out = append(out, l)
	}
	return out, rows.Err()
}

// today is the member's local date, the one due dates are written in.

// checkTree refuses a parent that does not exist, would make a cycle, or
// is private under a team goal.
func checkTree(ctx context.Context, tx *Tx, uid, oldParent string, in *peerplaypay.GoalInput) error {
	if in.ParentUID == "" {
		return nil
	}
	if in.ParentUID == uid {
		return peerplaypay.FieldErrorf("parentUid", "A goal cannot serve itself; choose another parent goal, or none.")
	}
	p, err := goalByUID(ctx, tx, in.ParentUID)
	if err != nil {
		return err
	}
	if p == nil && in.ParentUID == oldParent {
		return nil // its owner deleted it meanwhile: editing must not force a new parent
	}
	if p == nil {
		return peerplaypay.FieldErrorf("parentUid", "The parent goal is not on this laptop (deleted, or not synced yet); choose another parent, or none.")
	}
	if p.Visibility == peerplaypay.VisibilityPrivate && in.Visibility == peerplaypay.VisibilityTeam {
		return peerplaypay.FieldErrorf("parentUid", "“%s” is private, so a goal the team sees cannot serve it: make this goal private too, or share the parent with the team.", p.Title)
	}
	if uid == "" {
		return nil // a new goal has no children: no cycle possible
	}
	// Walk up from the parent: meeting this goal means a cycle. The depth
	// bound keeps a cycle already stored (peers' goals) from looping.
	var n int
	err = tx.QueryRowContext(ctx, `WITH RECURSIVE up (uid, depth) AS (
			SELECT ?, 0
			UNION SELECT g.parent_uid, up.depth + 1 FROM goals g JOIN up ON g.uid = up.uid
			WHERE g.parent_uid <> '' AND up.depth < 1000)
		SELECT count(*) FROM up WHERE uid = ?`, in.ParentUID, uid).Scan(&n)
	if err != nil {
		return err
	}
	if n > 0 {
		return peerplaypay.FieldErrorf("parentUid", "“%s” already serves this goal (directly or through others), so this goal cannot serve it: that would make a circle. Choose a goal higher up, or none.", p.Title)
	}
	return nil
}

// goalSet is the goal.set data of an own goal.
func goalSet(g *goalRow, me string) peerplaypay.GoalSet {
	cs := make([]string, 0, len(g.Contributors))
	for _, c := range g.Contributors {
		cs = append(cs, c.ID)
	}
	created, _ := parseTime(g.CreatedAt)
	updated, _ := parseTime(g.UpdatedAt)
	return peerplaypay.GoalSet{UID: g.UID, Title: g.Title, Kind: g.Kind, Description: g.Description, Measure: g.Measure,
		Confidence: g.Confidence, Due: g.Due, Owner: me, Contributors: cs, Level: g.Level, ParentUID: g.ParentUID,
		OutcomeID: g.OutcomeID, OutcomeTitle: g.OutcomeTitle, Status: g.Status, StatusReason: g.StatusReason,
		NeedHelp: g.NeedHelp, CreatedAt: created, UpdatedAt: updated}
}

// tell queues the event of a change to own goal g, if the team sees g.
// This is the one place goal events are queued: a private goal never
// produces one.
func tell(ctx context.Context, tx *Tx, g *goalRow, kind string, data any) error {
	if g.Visibility != peerplaypay.VisibilityTeam {
		return nil
	}
	return enqueue(ctx, tx, kind, data)
}

// saveGoal writes own goal g (insert when g.ID is 0) and reads it back.
func saveGoal(ctx context.Context, tx *Tx, g *goalRow) (*goalRow, error) {
	measure, _ := json.Marshal(g.Measure)
	cs := make([]string, 0, len(g.Contributors))
	for _, c := range g.Contributors {
		cs = append(cs, c.ID)
	}
	contributors, _ := json.Marshal(cs)
	if g.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO goals (author, uid, owner, title, kind, description, measure, confidence, due,
			contributors, level, parent_uid, outcome_id, outcome_title, visibility, status, status_reason, need_help, created_at, updated_at)
			VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			g.UID, g.Owner, g.Title, g.Kind, g.Description, string(measure), g.Confidence, g.Due, string(contributors), g.Level,
			g.ParentUID, g.OutcomeID, g.OutcomeTitle, g.Visibility, g.Status, g.StatusReason, g.NeedHelp, g.CreatedAt, g.UpdatedAt)
		if err != nil {
			return nil, err
		}
		if g.ID, err = res.LastInsertId(); err != nil {
			return nil, err
		}
	} else if _, err := tx.ExecContext(ctx, `UPDATE goals SET owner = ?, title = ?, kind = ?, description = ?, measure = ?, confidence = ?,
		due = ?, contributors = ?, level = ?, parent_uid = ?, outcome_id = ?, outcome_title = ?, visibility = ?, status = ?,
		status_reason = ?, need_help = ?, updated_at = ? WHERE id = ? AND author = ''`,
		g.Owner, g.Title, g.Kind, g.Description, string(measure), g.Confidence, g.Due, string(contributors), g.Level, g.ParentUID,
		g.OutcomeID, g.OutcomeTitle, g.Visibility, g.Status, g.StatusReason, g.NeedHelp, g.UpdatedAt, g.ID); err != nil {
		return nil, err
	}
	return findGoal(ctx, tx, g.ID)
}

func outcomeTitle(ctx context.Context, tx *Tx, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	var t string
	err := tx.QueryRowContext(ctx, `SELECT title FROM job_outcomes WHERE id = ?`, id).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return "", peerplaypay.FieldErrorf("outcomeId", "That job outcome is no longer in your profile; choose another, or none.")
	}
	return t, err
}

func applyInput(g *goalRow, in peerplaypay.GoalInput) {
	g.Title, g.Kind, g.Description, g.Measure, g.Confidence, g.Due = in.Title, in.Kind, in.Description, in.Measure, in.Confidence, in.Due
	g.Level, g.ParentUID, g.OutcomeID, g.Visibility, g.NeedHelp = in.Level, in.ParentUID, in.OutcomeID, in.Visibility, in.NeedHelp
	g.Contributors = make([]peerplaypay.Member, 0, len(in.Contributors))
	for _, c := range in.Contributors {
		g.Contributors = append(g.Contributors, peerplaypay.Member{ID: c})
	}
}

// CreateGoal validates and stores a new goal of the member.
func (s *GoalService) CreateGoal(ctx context.Context, in peerplaypay.GoalInput) (*peerplaypay.Goal, error) {
	in.Normalize()
	var out *peerplaypay.Goal
	err := s.run(ctx, "create goal", func(tx *Tx) error {
		if err := in.Validate(localDay(tx.now), true); err != nil {
			return err
		}
		if err := checkTree(ctx, tx, "", "", &in); err != nil {
			return err
		}
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		if err := rememberMe(ctx, tx, v.p.Me); err != nil {
			return err
		}
		if in.Measure.Type == peerplaypay.MeasureNumber && in.Measure.Current == 0 {
			// Not said: a new goal stands at its start (a current of 0
			// against a start of 800 would read as far past the target).
			in.Measure.Current = in.Measure.Start
		}
		g := &goalRow{}
		applyInput(g, in)
		if g.OutcomeTitle, err = outcomeTitle(ctx, tx, in.OutcomeID); err != nil {
			return err
		}
		g.UID, g.Owner, g.Status = peerplaypay.NewUID(), v.p.Me, peerplaypay.StatusOnTrack
		g.CreatedAt, g.UpdatedAt = formatTime(tx.now), formatTime(tx.now)
		if g, err = saveGoal(ctx, tx, g); err != nil {
			return err
		}
		out = v.show(g)
		return tell(ctx, tx, g, peerplaypay.EventGoalSet, goalSet(g, v.p.Me))
	})
	return out, err
}

// own finds goal id and refuses a peer's: only its author changes a goal.
func own(ctx context.Context, tx *Tx, id int64, doing string) (*goalRow, error) {
	g, err := findGoal(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if g.author != "" {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "“%s” is a peer's goal: only its owner can %s it. Offer help, or propose a goal of your own that serves it.", g.Title, doing)
	}
	return g, nil
}

// UpdateGoal validates and replaces the member's goal id.
func (s *GoalService) UpdateGoal(ctx context.Context, id int64, in peerplaypay.GoalInput) (*peerplaypay.Goal, error) {
	in.Normalize()
	var out *peerplaypay.Goal
	err := s.run(ctx, "update goal", func(tx *Tx) error {
		g, err := own(ctx, tx, id, "change")
		if err != nil {
			return err
		}
		// A due date already past may stay; a new one must not be past.
		creating := in.Due != g.Due
		if err := in.Validate(localDay(tx.now), creating); err != nil {
			return err
		}
		if err := checkTree(ctx, tx, g.UID, g.ParentUID, &in); err != nil {
			return err
		}
		if t := in.Measure.Type; t == g.Measure.Type && (t == peerplaypay.MeasureNumber || t == peerplaypay.MeasureScale) {
			// Only check-ins move the value: an editor open during a
			// check-in would otherwise send the old one back.
			in.Measure.Current = g.Measure.Current
		}
		wasTeam := g.Visibility == peerplaypay.VisibilityTeam
		if wasTeam && in.Visibility == peerplaypay.VisibilityPrivate {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM goals WHERE parent_uid = ? AND visibility = 'team'`, g.UID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return peerplaypay.FieldErrorf("visibility", "%d goal(s) the team sees serve “%s”, so it cannot become private: give them another parent first, or keep this goal shared.", n, g.Title)
			}
		}
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		applyInput(g, in)
		if g.OutcomeTitle, err = outcomeTitle(ctx, tx, in.OutcomeID); err != nil {
			return err
		}
		g.Owner, g.UpdatedAt = v.p.Me, formatTime(tx.now)
		if g, err = saveGoal(ctx, tx, g); err != nil {
			return err
		}
		out = v.show(g)
		switch {
		case wasTeam && g.Visibility == peerplaypay.VisibilityPrivate:
			// Taken back: peers drop it, with its check-ins and offers.
			return enqueue(ctx, tx, peerplaypay.EventGoalDeleted, peerplaypay.GoalDeleted{UID: g.UID})
		case !wasTeam && g.Visibility == peerplaypay.VisibilityTeam:
			if err := tell(ctx, tx, g, peerplaypay.EventGoalSet, goalSet(g, v.p.Me)); err != nil {
				return err
			}
			return tellCheckins(ctx, tx, g)
		}
		return tell(ctx, tx, g, peerplaypay.EventGoalSet, goalSet(g, v.p.Me))
	})
	return out, err
}

// tellCheckins queues the history of a goal newly shared with the team.
func tellCheckins(ctx context.Context, tx *Tx, g *goalRow) error {
	cs, err := checkins(ctx, tx, viewer{}, "", g.UID)
	if err != nil {
		return err
	}
	for _, c := range cs {
		at, _ := parseTime(c.At)
		if err := tell(ctx, tx, g, peerplaypay.EventCheckinAdded, peerplaypay.CheckinAdded{UID: c.UID, GoalUID: g.UID, At: at,
			Value: c.Value, MilestonesDone: c.MilestonesDone, Confidence: c.Confidence, Note: c.Note}); err != nil {
			return err
		}
	}
	return nil
}

// SetGoalStatus changes the status of the member's goal id.
func (s *GoalService) SetGoalStatus(ctx context.Context, id int64, status peerplaypay.GoalStatus, reason string) (*peerplaypay.Goal, error) {
	reason = strings.TrimSpace(reason)
	if err := peerplaypay.ValidateStatus(status, reason); err != nil {
		return nil, err
	}
	var out *peerplaypay.Goal
	err := s.run(ctx, "set goal status", func(tx *Tx) error {
		g, err := own(ctx, tx, id, "change the status of")
		if err != nil {
			return err
		}
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		g.Status, g.StatusReason, g.Owner, g.UpdatedAt = status, reason, v.p.Me, formatTime(tx.now)
		if g, err = saveGoal(ctx, tx, g); err != nil {
			return err
		}
		out = v.show(g)
		return tell(ctx, tx, g, peerplaypay.EventGoalSet, goalSet(g, v.p.Me))
	})
	return out, err
}

// DeleteGoal deletes the member's goal id with its check-ins, offers and
// links; children says what becomes of the goals that serve it.
func (s *GoalService) DeleteGoal(ctx context.Context, id int64, children peerplaypay.DeleteChildren) error {
	switch children {
	case peerplaypay.ChildrenRefuse, peerplaypay.ChildrenLift, peerplaypay.ChildrenDetach, peerplaypay.ChildrenDelete:
	case "":
		children = peerplaypay.ChildrenRefuse
	default:
		return peerplaypay.FieldErrorf("children", "Say what to do with the goals that serve it: refuse, lift, detach or delete.")
	}
	return s.run(ctx, "delete goal", func(tx *Tx) error {
		g, err := own(ctx, tx, id, "delete")
		if err != nil {
			return err
		}
		me := s.people(ctx).Me
		kids, err := queryGoals(ctx, tx, `WHERE g.parent_uid = ? ORDER BY g.id`, g.UID)
		if err != nil {
			return err
		}
		if len(kids) > 0 && children == peerplaypay.ChildrenRefuse {
			return peerplaypay.Errorf(peerplaypay.ECONFLICT, "%d goal(s) serve “%s”. Say what to do with them: give them its parent (lift), leave them without a parent (detach), or delete your own ones too (delete).", len(kids), g.Title)
		}
		for _, k := range kids {
			if k.author != "" {
				continue // a peer's goal: its owner decides; it shows at the top meanwhile
			}
			switch children {
			case peerplaypay.ChildrenDelete:
				if err := deleteOwnTree(ctx, tx, k, 0); err != nil {
					return err
				}
				continue
			case peerplaypay.ChildrenLift:
				k.ParentUID = g.ParentUID
			default:
				k.ParentUID = ""
			}
			k.UpdatedAt = formatTime(tx.now)
			if _, err := saveGoal(ctx, tx, k); err != nil {
				return err
			}
			if err := tell(ctx, tx, k, peerplaypay.EventGoalSet, goalSet(k, me)); err != nil {
				return err
			}
		}
		return deleteOwnGoal(ctx, tx, g)
	})
}

// deleteOwnTree deletes own goal g and every own goal under it.
func deleteOwnTree(ctx context.Context, tx *Tx, g *goalRow, depth int) error {
	if depth > 100 {
		return nil
	}
	kids, err := queryGoals(ctx, tx, `WHERE g.parent_uid = ? AND g.author = ''`, g.UID)
	if err != nil {
		return err
	}
	for _, k := range kids {
		if err := deleteOwnTree(ctx, tx, k, depth+1); err != nil {
			return err
		}
	}
	return deleteOwnGoal(ctx, tx, g)
}

func deleteOwnGoal(ctx context.Context, tx *Tx, g *goalRow) error {
	if err := dropGoal(ctx, tx, "", g.UID); err != nil {
		return err
	}
	return tell(ctx, tx, g, peerplaypay.EventGoalDeleted, peerplaypay.GoalDeleted{UID: g.UID})
}

// dropGoal removes a goal of author and everything hanging on it.
func dropGoal(ctx context.Context, tx *Tx, author, uid string) error {
	for _, q := range []string{
		`DELETE FROM goals WHERE author = ? AND uid = ?`,
		`DELETE FROM goal_checkins WHERE goal_author = ? AND goal_uid = ?`,
		`DELETE FROM goal_help_offers WHERE goal_author = ? AND goal_uid = ?`,
		`DELETE FROM goal_logs WHERE goal_author = ? AND goal_uid = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, author, uid); err != nil {
			return err
		}
	}
	return nil
}

// CheckIn records progress on the member's goal id: the goal's measure
// moves with it.
func (s *GoalService) CheckIn(ctx context.Context, id int64, in peerplaypay.CheckinInput) (*peerplaypay.Checkin, error) {
	var out *peerplaypay.Checkin
	err := s.run(ctx, "check in", func(tx *Tx) error {
		g, err := own(ctx, tx, id, "check in on")
		if err != nil {
			return err
		}
		if err := in.Validate(g.Measure); err != nil {
			return err
		}
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		if in.MilestonesDone == nil {
			in.MilestonesDone = []string{}
		}
		var value float64
		switch g.Measure.Type {
		case peerplaypay.MeasureNumber, peerplaypay.MeasureScale:
			value = *in.Value
			g.Measure.Current = value
		case peerplaypay.MeasureMilestones:
			for i, m := range g.Measure.Milestones {
				for _, d := range in.MilestonesDone {
					if m.ID == d {
						g.Measure.Milestones[i].Done = true
					}
				}
			}
			g.Measure.Normalize()
			value = g.Measure.Current
		}
		if in.Confidence > 0 {
			g.Confidence = in.Confidence
		}
		g.Owner, g.UpdatedAt = v.p.Me, formatTime(tx.now)
		if g, err = saveGoal(ctx, tx, g); err != nil {
			return err
		}
		c := peerplaypay.CheckinAdded{UID: peerplaypay.NewUID(), GoalUID: g.UID, At: tx.now, Value: value,
			MilestonesDone: in.MilestonesDone, Confidence: in.Confidence, Note: in.Note}
		if err := insertCheckin(ctx, tx, "", "", c); err != nil {
			return err
		}
		cs, err := checkins(ctx, tx, v, "", g.UID)
		if err != nil {
			return err
		}
		for _, x := range cs {
			if x.UID == c.UID {
				out = x
			}
		}
		if err := tell(ctx, tx, g, peerplaypay.EventGoalSet, goalSet(g, v.p.Me)); err != nil {
			return err
		}
		return tell(ctx, tx, g, peerplaypay.EventCheckinAdded, c)
	})
	return out, err
}

func insertCheckin(ctx context.Context, tx *Tx, author, goalAuthor string, c peerplaypay.CheckinAdded) error {
	done, _ := json.Marshal(c.MilestonesDone)
	if c.MilestonesDone == nil {
		done = []byte("[]")
	}
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO goal_checkins (author, uid, goal_author, goal_uid, at, value, milestones_done, confidence, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, author, c.UID, goalAuthor, c.GoalUID, formatTime(c.At), c.Value, string(done), clamp5(c.Confidence), c.Note)
	return err
}

// OfferHelp records the member's offer of help on a peer's goal; the
// whole team sees it.
func (s *GoalService) OfferHelp(ctx context.Context, goalID int64, text string) (*peerplaypay.HelpOffer, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, peerplaypay.FieldErrorf("text", "Say what you can do to help.")
	}
	if len([]rune(text)) > peerplaypay.MaxHelpTextLen {
		return nil, peerplaypay.FieldErrorf("text", "Keep the offer to %d characters.", peerplaypay.MaxHelpTextLen)
	}
	var out *peerplaypay.HelpOffer
	err := s.run(ctx, "offer help", func(tx *Tx) error {
		g, err := findGoal(ctx, tx, goalID)
		if err != nil {
			return err
		}
		if g.author == "" {
			return peerplaypay.Errorf(peerplaypay.EINVALID, "“%s” is your own goal: say where you need help in it (the goal's “Where I need help”) instead.", g.Title)
		}
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		if err := rememberMe(ctx, tx, v.p.Me); err != nil {
			return err
		}
		d := peerplaypay.HelpOffered{UID: peerplaypay.NewUID(), GoalAuthor: g.author, GoalUID: g.UID, Text: text, At: tx.now}
		res, err := tx.ExecContext(ctx, `INSERT INTO goal_help_offers (author, uid, goal_author, goal_uid, text, at) VALUES ('', ?, ?, ?, ?, ?)`,
			d.UID, g.author, g.UID, text, formatTime(tx.now))
		if err != nil {
			return err
		}
		oid, _ := res.LastInsertId()
		os, err := offers(ctx, tx, v, `WHERE o.id = ?`, oid)
		if err != nil {
			return err
		}
		out = os[0]
		return enqueue(ctx, tx, peerplaypay.EventHelpOffered, d)
	})
	return out, err
}

// AcceptHelp accepts a peer's offer on one of the member's goals.
func (s *GoalService) AcceptHelp(ctx context.Context, offerID int64) (*peerplaypay.HelpOffer, error) {
	var out *peerplaypay.HelpOffer
	err := s.run(ctx, "accept help", func(tx *Tx) error {
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		var goalAuthor, goalUID, author, uid, accepted, logUID string
		err = tx.QueryRowContext(ctx, `SELECT goal_author, goal_uid, author, uid, accepted_at, log_uid FROM goal_help_offers WHERE id = ?`, offerID).
			Scan(&goalAuthor, &goalUID, &author, &uid, &accepted, &logUID)
		if errors.Is(err, sql.ErrNoRows) {
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no offer of help %d; it may have gone with its goal.", offerID)
		} else if err != nil {
			return err
		}
		if logUID != "" {
			// One offer ID names offers on goals and on logs alike.
			if v.p.Me == "" {
				return errNoTeam
			}
			out, err = acceptLogOffer(ctx, tx, v.p, offerID)
			return err
		}
		if goalAuthor != "" {
			return peerplaypay.Errorf(peerplaypay.ECONFLICT, "This offer is on a peer's goal: only the goal's owner accepts it.")
		}
		if accepted == "" {
			if _, err := tx.ExecContext(ctx, `UPDATE goal_help_offers SET accepted_at = ? WHERE id = ?`, formatTime(tx.now), offerID); err != nil {
				return err
			}
			g, err := goalByUID(ctx, tx, goalUID)
			if err != nil {
				return err
			}
			if g != nil && g.author == "" {
				if err := tell(ctx, tx, g, peerplaypay.EventHelpAccepted, peerplaypay.HelpAccepted{OfferAuthor: author, OfferUID: uid, At: tx.now}); err != nil {
					return err
				}
			}
		}
		os, err := offers(ctx, tx, v, `WHERE o.id = ?`, offerID)
		if err == nil {
			out = os[0]
		}
		return err
	})
	return out, err
}

// HelpRequests returns open goals that ask for help (any member's) and
// the member's goals with offers waiting, each with its offers.
func (s *GoalService) HelpRequests(ctx context.Context) ([]*peerplaypay.HelpRequest, error) {
	out := []*peerplaypay.HelpRequest{}
	err := s.read(ctx, "help requests", func(tx *Tx) error {
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		gs, err := queryGoals(ctx, tx, `WHERE g.status NOT IN ('achieved', 'dropped') AND (g.need_help <> '' OR (g.author = '' AND EXISTS
			(SELECT 1 FROM goal_help_offers h WHERE h.goal_author = '' AND h.goal_uid = g.uid AND h.accepted_at = ''))) ORDER BY g.updated_at DESC`)
		if err != nil {
			return err
		}
		for _, g := range gs {
			os, err := offers(ctx, tx, v, `WHERE o.goal_author = ? AND o.goal_uid = ? ORDER BY o.at, o.id`, g.author, g.UID)
			if err != nil {
				return err
			}
			out = append(out, &peerplaypay.HelpRequest{Goal: v.show(g), Offers: os})
		}
		return nil
	})
	return out, err
}

// Outcomes returns the member's job outcomes in their order.
func (s *GoalService) Outcomes(ctx context.Context) ([]peerplaypay.JobOutcome, error) {
	out := []peerplaypay.JobOutcome{}
	err := s.read(ctx, "job outcomes", func(tx *Tx) error {
		var err error
		out, err = outcomes(ctx, tx)
		return err
	})
	return out, err
}

func outcomes(ctx context.Context, tx *Tx) ([]peerplaypay.JobOutcome, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, kind, title, description FROM job_outcomes ORDER BY position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []peerplaypay.JobOutcome{}
	for rows.Next() {
		var o peerplaypay.JobOutcome
		if err := rows.Scan(&o.ID, &o.Kind, &o.Title, &o.Description); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// SaveOutcomes replaces the member's job outcomes. Own goals keep the
// title of an outcome that was removed, so they still say what they served.
func (s *GoalService) SaveOutcomes(ctx context.Context, list []peerplaypay.JobOutcome) ([]peerplaypay.JobOutcome, error) {
	if len(list) > peerplaypay.MaxOutcomes {
		return nil, peerplaypay.Errorf(peerplaypay.EINVALID, "Keep to %d job outcomes: the ones your role really exists for.", peerplaypay.MaxOutcomes)
	}
	for i := range list {
		list[i].Normalize()
		if err := list[i].Validate(); err != nil {
			return nil, err
		}
	}
	var out []peerplaypay.JobOutcome
	err := s.run(ctx, "save job outcomes", func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE goals SET outcome_title = COALESCE((SELECT title FROM job_outcomes o WHERE o.id = goals.outcome_id), outcome_title)
			WHERE author = '' AND outcome_id <> ''`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM job_outcomes`); err != nil {
			return err
		}
		for i, o := range list {
			if _, err := tx.ExecContext(ctx, `INSERT INTO job_outcomes (id, position, kind, title, description) VALUES (?, ?, ?, ?, ?)`,
				o.ID, i, o.Kind, o.Title, o.Description); err != nil {
				if strings.Contains(err.Error(), "UNIQUE") {
					return peerplaypay.FieldErrorf("id", "Two job outcomes have the same id %q; give each its own.", o.ID)
				}
				return err
			}
		}
		var err error
		out, err = outcomes(ctx, tx)
		return err
	})
	return out, err
}

// LogGoals returns the goals (local ids) a log of the member worked on.
func (s *GoalService) LogGoals(ctx context.Context, logID int64) ([]int64, error) {
	out := []int64{}
	err := s.read(ctx, "log goals", func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT g.id FROM goal_logs k JOIN goals g ON g.author = k.goal_author AND g.uid = k.goal_uid
			WHERE k.log_id = ? ORDER BY g.id`, logID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out = append(out, id)
		}
		return rows.Err()
	})
	return out, err
}

// SetLogGoals replaces the goals a log of the member worked on.
func (s *GoalService) SetLogGoals(ctx context.Context, logID int64, goalIDs []int64) ([]int64, error) {
	if len(goalIDs) > maxLogGoals {
		return nil, peerplaypay.FieldErrorf("goalIds", "Link a log to at most %d goals.", maxLogGoals)
	}
	err := s.run(ctx, "link log to goals", func(tx *Tx) error {
		e, err := findLog(ctx, tx, logID)
		if err != nil {
			return err
		}
		before, err := logTeamGoals(ctx, tx, e.UID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM goal_logs WHERE log_id = ?`, logID); err != nil {
			return err
		}
		for _, id := range goalIDs {
			g, err := findGoal(ctx, tx, id)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO goal_logs (log_id, goal_author, goal_uid) VALUES (?, ?, ?)`, logID, g.author, g.UID); err != nil {
				return err
			}
		}
		after, err := logTeamGoals(ctx, tx, e.UID)
		if err != nil || !e.Published || strings.Join(before, " ") == strings.Join(after, " ") {
			// Peers see only team goals' links: a change among private
			// goals tells them nothing, so nothing is sent.
			return err
		}
		return enqueue(ctx, tx, peerplaypay.EventLogEdited, peerplaypay.LogEdited{UID: e.UID, Table: e.LogTable, Goals: &after})
	})
	if err != nil {
		return nil, err
	}
	return s.LogGoals(ctx, logID)
}

// GoalsSettings returns the member's goal settings.
func (s *GoalService) GoalsSettings(ctx context.Context) (peerplaypay.GoalsSettings, error) {
	var out peerplaypay.GoalsSettings
	err := s.read(ctx, "goal settings", func(tx *Tx) error {
		var err error
		out.CheckinEveryDays, err = checkinCadence(ctx, tx)
		return err
	})
	return out, err
}

// SaveGoalsSettings stores the member's goal settings.
func (s *GoalService) SaveGoalsSettings(ctx context.Context, set peerplaypay.GoalsSettings) (peerplaypay.GoalsSettings, error) {
	if set.CheckinEveryDays < 0 || set.CheckinEveryDays > 365 {
		return set, peerplaypay.FieldErrorf("checkinEveryDays", "Check in every 1 to 365 days, or 0 for no reminders.")
	}
	err := s.run(ctx, "save goal settings", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
			SettingCheckinEveryDays, strconv.Itoa(set.CheckinEveryDays))
		return err
	})
	return set, err
}

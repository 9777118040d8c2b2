package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
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

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/report"
)

// ReportService keeps the member's contribution reports and the ones
// teammates shared. The member's own report is written afresh from the
// member's data each time it is read, so it always tells the period as it
// stands; what is kept is the member's own words and whether they shared
// it. Sharing sends the report as the member sees it, word for word
// (report.shared); a peer's copy is only ever what its author sent.
type ReportService struct {
	db     *DB
	people func(ctx context.Context) People
}

// NewReportService returns a ReportService on db; people names the
// members and says who this member is.
func NewReportService(db *DB, people func(ctx context.Context) People) *ReportService {
	if people == nil {
		people = func(context.Context) People { return People{} }
	}
	return &ReportService{db: db, people: people}
}

func checkPeriod(p report.Period) error {
	if why := p.Check(); why != "" {
		return peerplaypay.Errorf(peerplaypay.EINVALID, "%s: give the period as --from YYYY-MM-DD --to YYYY-MM-DD, a year at most.", upperFirst(why))
	}
	return nil
}

// reportRow is one of the member's reports as stored.
type reportRow struct {
	id                     int64
	uid, from, to, words   string
	sharedAt, created, upd string
}

func scanReport(row scanner) (*reportRow, error) {
	var r reportRow
	err := row.Scan(&r.id, &r.uid, &r.from, &r.to, &r.words, &r.sharedAt, &r.created, &r.upd)
	return &r, err
}

const reportSelect = `SELECT id, uid, from_day, to_day, words, shared_at, created_at, updated_at FROM reports `

// ensureReport returns the member's report of p, made now if it is the
// first time the member looks at that period.
func ensureReport(ctx context.Context, tx *Tx, p report.Period) (*reportRow, error) {
	now := formatTime(tx.now)
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO reports (uid, from_day, to_day, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
		peerplaypay.NewUID(), p.From, p.To, now, now); err != nil {
		return nil, err
	}
	return scanReport(tx.QueryRowContext(ctx, reportSelect+`WHERE from_day = ? AND to_day = ?`, p.From, p.To))
}

func reportByID(ctx context.Context, tx *Tx, id int64) (*reportRow, error) {
	r, err := scanReport(tx.QueryRowContext(ctx, reportSelect+`WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no report %d of yours: `peerplaypay report list` lists them.", id)
	}
	return r, err
}

// show writes the member's report r from the data as it stands.
func (s *ReportService) show(ctx context.Context, tx *Tx, p People, r *reportRow) (*peerplaypay.SharedReport, error) {
	per := report.Period{From: r.from, To: r.to}
	in, err := reportInput(ctx, tx, p, per)
	if err != nil {
		return nil, err
	}
	rep := report.Build(in)
	rep.Words = r.words
	return &peerplaypay.SharedReport{ID: r.id, UID: r.uid, Author: p.Me, AuthorName: p.MyName, Mine: true,
		Shared: r.sharedAt != "", SharedAt: r.sharedAt, Report: rep}, nil
}

// Mine returns the member's report of period p, written from the data as
// it stands, with the member's own words.
func (s *ReportService) Mine(ctx context.Context, p report.Period) (out *peerplaypay.SharedReport, err error) {
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	people := s.people(ctx)
	err = s.db.write(ctx, "read report", func(tx *Tx) error {
		r, err := ensureReport(ctx, tx, p)
		if err != nil {
			return err
		}
		out, err = s.show(ctx, tx, people, r)
		return err
	})
	return out, err
}

// ByID returns the member's report id.
func (s *ReportService) ByID(ctx context.Context, id int64) (out *peerplaypay.SharedReport, err error) {
	people := s.people(ctx)
	err = s.db.read(ctx, "read report", func(tx *Tx) error {
		r, err := reportByID(ctx, tx, id)
		if err != nil {
			return err
		}
		out, err = s.show(ctx, tx, people, r)
		return err
	})
	return out, err
}

// SetWords keeps the member's own words on the report of p ("" takes them
// away). A report already shared goes to the team again with them: the
// member chose to share that report, and the team sees it as it is now.
func (s *ReportService) SetWords(ctx context.Context, p report.Period, words string) (out *peerplaypay.SharedReport, err error) {
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	if why := peerplaypay.CheckText("own words", words, peerplaypay.MaxReportWords, false); why != "" {
		return nil, peerplaypay.Errorf(peerplaypay.EINVALID, "%s: shorten them; nothing was changed.", upperFirst(why))
	}
	words = strings.TrimSpace(words)
	people := s.people(ctx)
	err = s.db.write(ctx, "keep own words", func(tx *Tx) error {
		r, err := ensureReport(ctx, tx, p)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET words = ?, updated_at = ? WHERE id = ?`, words, formatTime(tx.now), r.id); err != nil {
			return err
		}
		r.words = words
		if out, err = s.show(ctx, tx, people, r); err != nil {
			return err
		}
		if out.Shared {
			return enqueueReport(ctx, tx, people, out)
		}
		return nil
	})
	return out, err
}

// enqueueReport queues the report as the member sees it, after the checks
// every reader will make.
func enqueueReport(ctx context.Context, tx *Tx, p People, r *peerplaypay.SharedReport) error {
	d := peerplaypay.ReportShared{UID: r.UID, Author: p.Me, From: r.Report.Period.From, To: r.Report.Period.To,
		Sections: r.Report.Sections, Words: r.Report.Words}
	if why := peerplaypay.CheckReportShared(d, tx.now); why != "" {
		return peerplaypay.Errorf(peerplaypay.EINVALID, "This report cannot be shared: %s. Choose a shorter period; nothing was sent.", why)
	}
	return enqueue(ctx, tx, peerplaypay.EventReportShared, d)
}

// Share sends the member's report id to the team, as the member sees it
// now; sharing again sends the page as it stands.
func (s *ReportService) Share(ctx context.Context, id int64) (out *peerplaypay.SharedReport, err error) {
	people := s.people(ctx)
	err = s.db.write(ctx, "share report", func(tx *Tx) error {
		if err := needTeam(ctx, tx); err != nil {
			return err
		}
		if people.Me == "" {
			return errNoTeam
		}
		r, err := reportByID(ctx, tx, id)
		if err != nil {
			return err
		}
		r.sharedAt = formatTime(tx.now)
		if out, err = s.show(ctx, tx, people, r); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET shared_at = ? WHERE id = ?`, r.sharedAt, r.id); err != nil {
			return err
		}
		return enqueueReport(ctx, tx, people, out)
	})
	return out, err
}

// Unshare takes the member's report id back: a tombstone tells peers to
// drop their copy. It needs no team, as a member who left may still mark
// it; the tombstone waits in the outbox like any event.
func (s *ReportService) Unshare(ctx context.Context, id int64) (out *peerplaypay.SharedReport, err error) {
	people := s.people(ctx)
	err = s.db.write(ctx, "take back report", func(tx *Tx) error {
		r, err := reportByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.sharedAt != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE reports SET shared_at = '' WHERE id = ?`, r.id); err != nil {
				return err
			}
			if err := enqueue(ctx, tx, peerplaypay.EventReportUnshared, peerplaypay.ReportUnshared{UID: r.uid}); err != nil {
				return err
			}
			r.sharedAt = ""
		}
		out, err = s.show(ctx, tx, people, r)
		return err
	})
	return out, err
}

// List returns the member's reports, newest period first, without their
// narrative (ByID writes it).
func (s *ReportService) List(ctx context.Context) (out []*peerplaypay.SharedReport, err error) {
	people := s.people(ctx)
	err = s.db.read(ctx, "list reports", func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, reportSelect+`ORDER BY to_day DESC, from_day DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		out = []*peerplaypay.SharedReport{}
		for rows.Next() {
			r, err := scanReport(rows)
			if err != nil {
				return err
			}
			out = append(out, &peerplaypay.SharedReport{ID: r.id, UID: r.uid, Author: people.Me, AuthorName: people.MyName, Mine: true,
				Shared: r.sharedAt != "", SharedAt: r.sharedAt,
				Report: report.Report{Name: people.MyName, Period: report.Period{From: r.from, To: r.to}, Words: r.words}})
		}
		return rows.Err()
	})
	return out, err
}

// TeamReports returns the reports teammates shared, newest first.
func (s *ReportService) TeamReports(ctx context.Context) ([]*peerplaypay.SharedReport, error) {
	return s.peerReports(ctx, "")
}

// TeamReport returns the report id a teammate shared.
func (s *ReportService) TeamReport(ctx context.Context, id int64) (*peerplaypay.SharedReport, error) {
	list, err := s.peerReports(ctx, `WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no report %d from a teammate (it may have been taken back): `peerplaypay report team` lists them.", id)
	}
	return list[0], nil
}

func (s *ReportService) peerReports(ctx context.Context, where string, args ...any) (out []*peerplaypay.SharedReport, err error) {
	people := s.people(ctx)
	err = s.db.read(ctx, "read team reports", func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, author, uid, from_day, to_day, sections, words, shared_at FROM peer_reports `+where+
			` ORDER BY shared_at DESC, id DESC`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		out = []*peerplaypay.SharedReport{}
		for rows.Next() {
			var r peerplaypay.SharedReport
			var sections string
			if err := rows.Scan(&r.ID, &r.Author, &r.UID, &r.Report.Period.From, &r.Report.Period.To, &sections, &r.Report.Words, &r.SharedAt); err != nil {
				return err
			}
			r.Shared = true
			r.AuthorName = people.name(r.Author)
			r.Report.Name = nameOrElse(r.AuthorName, "A teammate")
			if json.Unmarshal([]byte(sections), &r.Report.Sections) != nil {
				r.Report.Sections = nil
			}
			out = append(out, &r)
		}
		return rows.Err()
	})
	return out, err
}

// applyReportEvent applies a peer's report.shared or report.unshared;
// both touch only rows of their author (teamsync checked every field).
func applyReportEvent(ctx context.Context, tx *Tx, author string, e peerplaypay.ShareEvent) (string, error) {
	if author == "" {
		return "", nil
	}
	switch e.Kind {
	case peerplaypay.EventReportShared:
		var d peerplaypay.ReportShared
		if json.Unmarshal(e.Data, &d) != nil || d.Author != author || peerplaypay.CheckReportShared(d, time.Time{}) != "" {
			return "", nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO peer_reports (author, uid, from_day, to_day, sections, words, shared_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (author, uid) DO UPDATE SET from_day = excluded.from_day,
			to_day = excluded.to_day, sections = excluded.sections, words = excluded.words, shared_at = excluded.shared_at`,
			author, d.UID, d.From, d.To, toJSON(d.Sections), strings.TrimSpace(d.Words), formatTime(e.At))
		return "", err
	case peerplaypay.EventReportUnshared:
		var d peerplaypay.ReportUnshared
		if json.Unmarshal(e.Data, &d) != nil || d.UID == "" {
			return "", nil
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM peer_reports WHERE author = ? AND uid = ?`, author, d.UID)
		return "", err
	}
	return "", nil
}

// ReportUIDAuthors returns who holds a report with uid: peers, and this
// member for one of its own.
func (s *ShareStore) ReportUIDAuthors(ctx context.Context, uid string) (out []string, err error) {
	err = s.db.read(ctx, "report facts", func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT author FROM peer_reports WHERE uid = ?`, uid)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a string
			if err := rows.Scan(&a); err != nil {
				return err
			}
			out = append(out, a)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM reports WHERE uid = ?`, uid).Scan(&n); err != nil {
			return err
		}
		if me := myID(ctx, tx); n > 0 && me != "" {
			out = append(out, me)
		}
		return nil
	})
	return out, err
}

var _ peerplaypay.ReportFacts = (*ShareStore)(nil)

// reportInput gathers what the report of per tells, from the member's
// data alone: Thanks to the member, the member's accepted offers, goals,
// experiments, success stories and learning.
func reportInput(ctx context.Context, tx *Tx, p People, per report.Period) (report.Input, error) {
	in := report.Input{Name: p.MyName, Period: per}
	if err := reportThanks(ctx, tx, p, per, &in); err != nil {
		return in, err
	}
	if err := reportHelp(ctx, tx, p, per, &in); err != nil {
		return in, err
	}
	if err := reportGoals(ctx, tx, per, &in); err != nil {
		return in, err
	}
	if err := reportSession(ctx, tx, p, per, &in); err != nil {
		return in, err
	}
	return in, reportLearning(ctx, tx, per, &in)
}

// queryEach runs q and calls scan for each row.
func queryEach(ctx context.Context, tx *Tx, q string, args []any, scan func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func reportThanks(ctx context.Context, tx *Tx, p People, per report.Period, in *report.Input) error {
	type row struct{ author, reason, kind, linkAuthor, linkUID, day string }
	var list []row
	err := queryEach(ctx, tx, `SELECT author, reason, link_kind, link_author, link_uid, day FROM thanks
		WHERE to_member = '' AND author <> '' AND withdrawn_at = '' AND day BETWEEN ? AND ? ORDER BY at, id`, []any{per.From, per.To},
		func(rows *sql.Rows) error {
			var r row
			err := rows.Scan(&r.author, &r.reason, &r.kind, &r.linkAuthor, &r.linkUID, &r.day)
			list = append(list, r)
			return err
		})
	for _, r := range list {
		t := report.Thanks{Giver: r.author, From: p.name(r.author), Reason: r.reason, Day: r.day}
		if r.kind != "" {
			t.About = linkText(ctx, tx, r.kind, r.linkAuthor, r.linkUID)
		}
		in.Thanks = append(in.Thanks, t)
	}
	return err
}

func reportHelp(ctx context.Context, tx *Tx, p People, per report.Period, in *report.Input) error {
	return queryEach(ctx, tx, `SELECT o.goal_author, o.log_author, o.text, o.accepted_at,
			coalesce((SELECT g.title FROM goals g WHERE g.author = o.goal_author AND g.uid = o.goal_uid), ''),
			coalesce((SELECT l.help_needed FROM peer_logs l WHERE l.author = o.log_author AND l.uid = o.log_uid), '')
		FROM goal_help_offers o WHERE o.author = '' AND o.accepted_at <> '' AND substr(o.accepted_at, 1, 10) BETWEEN ? AND ?
		ORDER BY o.accepted_at, o.id`, []any{per.From, per.To},
		func(rows *sql.Rows) error {
			var goalAuthor, logAuthor, text, at, title, asked string
			if err := rows.Scan(&goalAuthor, &logAuthor, &text, &at, &title, &asked); err != nil {
				return err
			}
			h := report.Help{Offer: text, Day: at[:min(10, len(at))]}
			if logAuthor != "" {
				h.OnLog, h.To, h.What = true, p.name(logAuthor), firstWords(asked, 120)
			} else {
				h.To, h.What = p.name(goalAuthor), nameOrElse(title, "a team goal")
			}
			in.Help = append(in.Help, h)
			return nil
		})
}

func reportGoals(ctx context.Context, tx *Tx, per report.Period, in *report.Input) error {
	// The status's own reason when the figures reached the target.
	const auto = "The target is reached."
	return queryEach(ctx, tx, `SELECT g.title, g.status_reason, g.updated_at,
			coalesce((SELECT c.note FROM goal_checkins c WHERE c.goal_author = '' AND c.goal_uid = g.uid AND c.note <> '' ORDER BY c.at DESC LIMIT 1), '')
		FROM goals g WHERE g.author = '' AND g.status = 'achieved' AND substr(g.updated_at, 1, 10) BETWEEN ? AND ?
		ORDER BY g.updated_at, g.id`, []any{per.From, per.To},
		func(rows *sql.Rows) error {
			var title, reason, at, note string
			if err := rows.Scan(&title, &reason, &at, &note); err != nil {
				return err
			}
			how := reason
			if how == "" || how == auto {
				how = note // the member's own words on the last step say more than the status's default
			}
			in.Goals = append(in.Goals, report.Goal{Title: title, How: how, Day: at[:min(10, len(at))]})
			return nil
		})
}

func reportSession(ctx context.Context, tx *Tx, p People, per report.Period, in *report.Input) error {
	if p.Me == "" {
		return nil // experiments and stories are the team's: none without one
	}
	// The latest word said of each, by anyone, as the session shows it.
	exps, err := queryExperiments(ctx, tx, SessionPeople{People: p}, `e.owner = ? AND e.session <= ? AND e.end_day >= ?`, p.Me, per.To, per.From)
	if err != nil {
		return err
	}
	slices.SortStableFunc(exps, func(a, b *peerplaypay.Experiment) int { return strings.Compare(a.Session, b.Session) })
	for _, x := range exps {
		e := report.Experiment{Hypothesis: x.Hypothesis, Measure: x.Measure, Session: x.Session, EndDay: x.EndDay}
		if x.Outcome != nil {
			e.Result, e.Note = string(x.Outcome.Result), x.Outcome.Note
		}
		in.Experiments = append(in.Experiments, e)
	}
	type item struct{ text, session, part string }
	var items []item
	err = queryEach(ctx, tx, `SELECT text, session, part_id FROM session_items WHERE author = ? AND deleted = 0 AND session BETWEEN ? AND ?
		ORDER BY session, created_at, id`, []any{p.Me, per.From, per.To},
		func(rows *sql.Rows) error {
			var it item
			err := rows.Scan(&it.text, &it.session, &it.part)
			items = append(items, it)
			return err
		})
	if err != nil {
		return err
	}
	parts := map[string][]peerplaypay.SessionPart{}
	for _, it := range items {
		ps, ok := parts[it.session]
		if !ok {
			if ps, err = sessionParts(ctx, tx, it.session); err != nil {
				return err
			}
			parts[it.session] = ps
		}
		for _, part := range ps {
			if part.ID == it.part && part.IsStories() {
				in.Stories = append(in.Stories, report.Story{Text: it.text, Session: it.session})
			}
		}
	}
	return nil
}

func reportLearning(ctx context.Context, tx *Tx, per report.Period, in *report.Input) error {
	return queryEach(ctx, tx, `SELECT kind, what, minutes, takeaways, day FROM growth_learning WHERE day BETWEEN ? AND ? ORDER BY day, id`,
		[]any{per.From, per.To}, func(rows *sql.Rows) error {
			var l report.Learning
			err := rows.Scan(&l.Kind, &l.What, &l.Minutes, &l.Takeaways, &l.Day)
			in.Learning = append(in.Learning, l)
			return err
		})
}

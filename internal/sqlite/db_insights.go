package sqlite

import (
	"context"
	"database/sql"
	"time"

	"peerplaypay/internal/insights"
	"peerplaypay/internal/peerplaypay"
)

// InsightsStore gathers what the Insights area is worked out from. The
// member's own insights read this laptop's rows; the team's read only what
// members shared: peers' rows as their events left them, and the member's
// own rows that went to the team (shared logs, team goals). The figures
// themselves are package insights'.
type InsightsStore struct {
	db     *DB
	people func(ctx context.Context) SessionPeople
	goals  *GoalService
}

// NewInsightsStore returns an InsightsStore on db; people names the
// members and lists the team's.
func NewInsightsStore(db *DB, people func(ctx context.Context) SessionPeople) *InsightsStore {
	if people == nil {
		people = func(context.Context) SessionPeople { return SessionPeople{} }
	}
	return &InsightsStore{db: db, people: people,
		goals: NewGoalService(db, func(ctx context.Context) People { return people(ctx).People })}
}

// Me works out the member's own insights over p, at now.
func (s *InsightsStore) Me(ctx context.Context, p insights.Period, now time.Time) (*insights.Me, error) {
	in := insights.MeInput{Period: p, Today: localDay(now), Checkins: map[string][]string{}, ItemNames: map[string]string{}}
	var err error
	if in.Goals, err = s.openGoals(ctx, `g.author = ''`); err != nil {
		return nil, err
	}
	set, err := s.goals.GoalsSettings(ctx)
	if err != nil {
		return nil, err
	}
	in.CheckinEveryDays = set.CheckinEveryDays
	reminders, err := NewReminderService(s.db).Settings(ctx)
	if err != nil {
		return nil, err
	}
	for _, d := range reminders.DaysOff {
		if w, ok := peerplaypay.ParseWeekday(d); ok {
			in.DaysOff = append(in.DaysOff, w)
		}
	}
	growth := NewGrowthService(s.db)
	sessions, err := growth.Sessions(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range sessions {
		a := insights.Assessment{Day: x.Day, Levels: map[string]int{}}
		for _, ans := range x.Answers {
			a.Levels[ans.ItemID] = ans.Level
		}
		in.Assessments = append(in.Assessments, a)
	}
	if f, err := growth.Framework(ctx); err == nil {
		for _, g := range f.Groups {
			for _, it := range g.Items {
				in.ItemNames[it.ID] = it.Name
			}
		}
	}
	ppl := s.people(ctx).People
	err = s.db.read(ctx, "read my insights", func(tx *Tx) error {
		if err := eachRow(ctx, tx, `SELECT l.day, l.mood, l.energy, l.help_needed, l.created_at,
				coalesce((SELECT min(o.at) FROM goal_help_offers o WHERE o.log_author = '' AND o.log_uid = l.uid AND o.log_uid <> ''), '')
			FROM logs l WHERE l.status = 'ready' ORDER BY l.day`, func(r *sql.Rows) error {
			var st insights.Standup
			var created, offer string
			if err := r.Scan(&st.Day, &st.Mood, &st.Energy, &st.HelpNeeded, &created, &offer); err != nil {
				return err
			}
			st.CreatedAt, _ = parseTime(created)
			if offer != "" {
				st.FirstOfferAt, _ = parseTime(offer)
			}
			in.Standups = append(in.Standups, st)
			return nil
		}); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, `SELECT c.goal_uid, c.at FROM goal_checkins c WHERE c.author = '' AND c.goal_author = ''`, func(r *sql.Rows) error {
			var uid, at string
			if err := r.Scan(&uid, &at); err != nil {
				return err
			}
			if t, err := parseTime(at); err == nil {
				in.Checkins[uid] = append(in.Checkins[uid], localDay(t))
			}
			return nil
		}); err != nil {
			return err
		}
		minutes := func(query string, into *[]insights.Minutes) error {
			return eachRow(ctx, tx, query, func(r *sql.Rows) error {
				var m insights.Minutes
				if err := r.Scan(&m.Day, &m.Minutes); err != nil {
					return err
				}
				*into = append(*into, m)
				return nil
			}, p.From, p.To)
		}
		if err := minutes(`SELECT day, minutes FROM growth_learning WHERE day BETWEEN ? AND ?`, &in.Learning); err != nil {
			return err
		}
		if err := minutes(`SELECT day, minutes FROM growth_reflections WHERE day BETWEEN ? AND ?`, &in.Reflections); err != nil {
			return err
		}
		var err error
		if in.ReflectionTarget, err = reflectionTarget(ctx, tx); err != nil {
			return err
		}
		basics := map[int64]int{}
		if err := eachRow(ctx, tx, `SELECT b.id, b.title, coalesce(t.day, '') FROM growth_basics b
				LEFT JOIN growth_ticks t ON t.basic_id = b.id AND t.day BETWEEN ? AND ?
			WHERE b.archived = 0 ORDER BY b.ord, b.id`, func(r *sql.Rows) error {
			var id int64
			var title, day string
			if err := r.Scan(&id, &title, &day); err != nil {
				return err
			}
			i, ok := basics[id]
			if !ok {
				i = len(in.Basics)
				basics[id] = i
				in.Basics = append(in.Basics, insights.Basic{Title: title})
			}
			if day != "" {
				in.Basics[i].Days = append(in.Basics[i].Days, day)
			}
			return nil
		}, p.From, p.To); err != nil {
			return err
		}
		return eachRow(ctx, tx, `SELECT author, to_member, reason, at FROM thanks
			WHERE withdrawn_at = '' AND (author = '' OR to_member = '') ORDER BY at`, func(r *sql.Rows) error {
			n, err := scanThanksNote(r, ppl)
			if err != nil {
				return err
			}
			if n.From == ppl.Me {
				in.ThanksGiven = append(in.ThanksGiven, n)
			} else {
				in.ThanksReceived = append(in.ThanksReceived, n)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return insights.ComputeMe(in), nil
}

// openGoals lists the open goals that match where, as Goals shows them
// (owner names, progress, suggested status, check-in due).
func (s *InsightsStore) openGoals(ctx context.Context, where string) ([]*peerplaypay.Goal, error) {
	var out []*peerplaypay.Goal
	err := s.db.read(ctx, "read goals for insights", func(tx *Tx) error {
		v, err := s.goals.viewer(ctx, tx)
		if err != nil {
			return err
		}
		rows, err := queryGoals(ctx, tx, `WHERE `+where+` AND g.status NOT IN ('achieved', 'dropped') ORDER BY g.id`)
		for _, r := range rows {
			out = append(out, v.show(r))
		}
		return err
	})
	return out, err
}

// scanThanksNote reads author, to_member, reason, at; both members come out
// as member IDs (” stored is this member).
func scanThanksNote(r *sql.Rows, p People) (insights.ThanksNote, error) {
	var n insights.ThanksNote
	var at string
	if err := r.Scan(&n.From, &n.To, &n.Reason, &at); err != nil {
		return n, err
	}
	n.From, n.To = p.author(n.From), p.author(n.To)
	n.FromName, n.ToName = nameOrElse(p.name(n.From), "a former member"), nameOrElse(p.name(n.To), "a former member")
	n.At, _ = parseTime(at)
	n.Day = localDay(n.At)
	return n, nil
}

// Team works out the team's insights over p, at now, from what members
// shared alone.
func (s *InsightsStore) Team(ctx context.Context, p insights.Period, now time.Time) (*insights.Team, error) {
	ppl := s.people(ctx)
	in := insights.TeamInput{Period: p, Today: localDay(now)}
	for _, id := range ppl.Active {
		in.Members = append(in.Members, insights.Member{ID: id, Name: nameOrElse(ppl.nameOf(id), "a member")})
	}
	// A private goal is the member's alone, whatever else it is.
	var err error
	if in.Goals, err = s.openGoals(ctx, `g.visibility = 'team'`); err != nil {
		return nil, err
	}
	err = s.db.read(ctx, "read team insights", func(tx *Tx) error {
		type key struct{ author, uid string }
		offers := map[key][]time.Time{}
		accepted := map[key]bool{}
		if err := eachRow(ctx, tx, `SELECT log_author, log_uid, at, accepted_at <> '' FROM goal_help_offers WHERE log_uid <> ''`, func(r *sql.Rows) error {
			var k key
			var at string
			var acc bool
			if err := r.Scan(&k.author, &k.uid, &at, &acc); err != nil {
				return err
			}
			k.author = ppl.author(k.author)
			if t, err := parseTime(at); err == nil {
				offers[k] = append(offers[k], t)
			}
			accepted[k] = accepted[k] || acc
			return nil
		}); err != nil {
			return err
		}
		// The member's own stand-ups count once shared; peers' are here
		// only because they shared them.
		return eachRow(ctx, tx, `SELECT '', uid, day, help_needed, created_at FROM logs WHERE status = 'ready' AND shared = 1 AND day BETWEEN ? AND ?
			UNION ALL SELECT author, uid, day, help_needed, created_at FROM peer_logs WHERE day BETWEEN ? AND ?`, func(r *sql.Rows) error {
			var k key
			var st insights.SharedStandup
			var created string
			if err := r.Scan(&k.author, &k.uid, &st.Day, &st.HelpNeeded, &created); err != nil {
				return err
			}
			k.author = ppl.author(k.author)
			st.Author = k.author
			st.CreatedAt, _ = parseTime(created)
			st.Offers, st.Accepted = offers[k], accepted[k]
			in.Standups = append(in.Standups, st)
			return nil
		}, p.From, p.To, p.From, p.To)
	})
	if err != nil {
		return nil, err
	}
	err = s.db.read(ctx, "read team insights", func(tx *Tx) error {
		var err error
		in.Experiments, err = queryExperiments(ctx, tx, ppl, `(e.session BETWEEN ? AND ? OR e.end_day BETWEEN ? AND ?)`, p.From, p.To, p.From, p.To)
		if err != nil {
			return err
		}
		var days []string
		if err := eachRow(ctx, tx, `SELECT DISTINCT session FROM session_items WHERE deleted = 0 AND session BETWEEN ? AND ? ORDER BY session`, func(r *sql.Rows) error {
			var d string
			if err := r.Scan(&d); err != nil {
				return err
			}
			days = append(days, d)
			return nil
		}, p.From, p.To); err != nil {
			return err
		}
		for _, day := range days {
			parts, err := sessionParts(ctx, tx, day)
			if err != nil {
				return err
			}
			for _, part := range parts {
				if !part.IsStories() {
					continue
				}
				items, err := queryItems(ctx, tx, ppl, `session = ? AND part_id = ?`, day, part.ID)
				if err != nil {
					return err
				}
				for _, it := range items {
					st := insights.Story{Session: day, AuthorName: nameOrElse(it.AuthorName, "a member"), Text: it.Text}
					if it.Outcome != nil {
						st.Outcome = it.Outcome.Result
					}
					in.Stories = append(in.Stories, st)
				}
			}
		}
		return eachRow(ctx, tx, `SELECT author, to_member, reason, at FROM thanks WHERE withdrawn_at = '' AND at >= ?`, func(r *sql.Rows) error {
			n, err := scanThanksNote(r, ppl.People)
			if err != nil {
				return err
			}
			in.Thanks = append(in.Thanks, n)
			return nil
		}, p.From)
	})
	if err != nil {
		return nil, err
	}
	return insights.ComputeTeam(in), nil
}

// eachRow runs query with args and calls fn for each row.
func eachRow(ctx context.Context, tx *Tx, query string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

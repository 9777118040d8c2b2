package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// --- plans

func scanPlan(row scanner) (*peerplaypay.Plan, error) {
	var p peerplaypay.Plan
	var items, actions, resources, updated string
	if err := row.Scan(&p.ID, &items, &p.Why, &actions, &resources, &p.Target, &p.GoalID, &p.Done, &updated); err != nil {
		return nil, err
	}
	p.ItemIDs, p.Actions, p.Resources = fromJSON[[]string](items), fromJSON[[]string](actions), fromJSON[[]string](resources)
	p.UpdatedAt = updated
	return &p, nil
}

const planColumns = `id, item_ids, why, actions, resources, target, goal_id, done, updated_at`

// Plans returns the development plans, open ones first.
func (s *GrowthService) Plans(ctx context.Context) (out []*peerplaypay.Plan, err error) {
	err = s.run(ctx, "read plans", func(tx *Tx) error {
		out = []*peerplaypay.Plan{}
		rows, err := tx.QueryContext(ctx, `SELECT `+planColumns+` FROM growth_plans ORDER BY done, target = '', target, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPlan(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

func nonEmpty(ss []string) []string {
	out := []string{}
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// SavePlan creates (ID 0) or updates a plan.
func (s *GrowthService) SavePlan(ctx context.Context, p *peerplaypay.Plan) (saved *peerplaypay.Plan, err error) {
	p.ItemIDs, p.Actions, p.Resources, p.Why = nonEmpty(p.ItemIDs), nonEmpty(p.Actions), nonEmpty(p.Resources), strings.TrimSpace(p.Why)
	if err := p.Validate(); err != nil {
		return nil, err
	}
	err = s.run(ctx, "save plan", func(tx *Tx) error {
		args := []any{toJSON(p.ItemIDs), p.Why, toJSON(p.Actions), toJSON(p.Resources), p.Target, p.GoalID, p.Done, formatTime(tx.now)}
		id := p.ID
		if id == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO growth_plans (item_ids, why, actions, resources, target, goal_id, done, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, args...)
			if err != nil {
				return err
			}
			id, _ = res.LastInsertId()
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE growth_plans SET item_ids = ?, why = ?, actions = ?, resources = ?, target = ?,
				goal_id = ?, done = ?, updated_at = ? WHERE id = ?`, append(args, id)...)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no plan %d; it may have been deleted.", id)
			}
		}
		saved, err = scanPlan(tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM growth_plans WHERE id = ?`, id))
		return err
	})
	return saved, err
}

// DeletePlan deletes a plan.
func (s *GrowthService) DeletePlan(ctx context.Context, id int64) error {
	return s.run(ctx, "delete plan", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM growth_plans WHERE id = ?`, id)
		return err
	})
}

// SetPlanGoal records the goal made from a plan.
func (s *GrowthService) SetPlanGoal(ctx context.Context, id, goalID int64) (p *peerplaypay.Plan, err error) {
	err = s.run(ctx, "link plan", func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE growth_plans SET goal_id = ?, updated_at = ? WHERE id = ?`, goalID, formatTime(tx.now), id); err != nil {
			return err
		}
		p, err = scanPlan(tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM growth_plans WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no plan %d; it may have been deleted.", id)
		}
		return err
	})
	return p, err
}

// --- learning

// dayRange fills an empty from or to with the widest range.
func dayRange(from, to string) (string, string, error) {
	if from == "" {
		from = "0000-01-01"
	} else if !peerplaypay.ValidDay(from) {
		return "", "", peerplaypay.FieldErrorf("from", "%q is not a date like 2026-03-31.", from)
	}
	if to == "" {
		to = "9999-12-31"
	} else if !peerplaypay.ValidDay(to) {
		return "", "", peerplaypay.FieldErrorf("to", "%q is not a date like 2026-03-31.", to)
	}
	return from, to, nil
}

// Learning returns the learning log between two days (inclusive), newest first.
func (s *GrowthService) Learning(ctx context.Context, from, to string) (out []*peerplaypay.Learning, err error) {
	if from, to, err = dayRange(from, to); err != nil {
		return nil, err
	}
	err = s.run(ctx, "read learning", func(tx *Tx) error {
		out = []*peerplaypay.Learning{}
		rows, err := tx.QueryContext(ctx, `SELECT id, day, kind, what, minutes, takeaways, item_ids FROM growth_learning
			WHERE day BETWEEN ? AND ? ORDER BY day DESC, id DESC`, from, to)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var l peerplaypay.Learning
			var items string
			if err := rows.Scan(&l.ID, &l.Day, &l.Kind, &l.What, &l.Minutes, &l.Takeaways, &items); err != nil {
				return err
			}
			l.ItemIDs = fromJSON[[]string](items)
			out = append(out, &l)
		}
		return rows.Err()
	})
	return out, err
}

// AddLearning adds an entry to the learning log (Day empty: today).
func (s *GrowthService) AddLearning(ctx context.Context, l *peerplaypay.Learning) (*peerplaypay.Learning, error) {
	if l.Kind == "" {
		l.Kind = peerplaypay.LearnRead
	}
	l.What, l.Takeaways, l.ItemIDs = strings.TrimSpace(l.What), strings.TrimSpace(l.Takeaways), nonEmpty(l.ItemIDs)
	if err := l.Validate(); err != nil {
		return nil, err
	}
	err := s.run(ctx, "add learning", func(tx *Tx) error {
		if l.Day == "" {
			l.Day = localDay(tx.now)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO growth_learning (day, kind, what, minutes, takeaways, item_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			l.Day, l.Kind, l.What, l.Minutes, l.Takeaways, toJSON(l.ItemIDs), formatTime(tx.now))
		if err != nil {
			return err
		}
		l.ID, err = res.LastInsertId()
		return err
	})
	return l, err
}

// DeleteLearning deletes an entry of the learning log.
func (s *GrowthService) DeleteLearning(ctx context.Context, id int64) error {
	return s.run(ctx, "delete learning", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM growth_learning WHERE id = ?`, id)
		return err
	})
}

// --- daily basics

// Basics returns every basic (archived ones too, for past ticks) and the
// ticks between two days.
func (s *GrowthService) Basics(ctx context.Context, from, to string) (r *peerplaypay.BasicsRange, err error) {
	if from, to, err = dayRange(from, to); err != nil {
		return nil, err
	}
	r = &peerplaypay.BasicsRange{From: from, To: to, Basics: []peerplaypay.Basic{}, Ticks: []peerplaypay.Tick{}}
	err = s.run(ctx, "read basics", func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, title, archived, ord FROM growth_basics ORDER BY ord, id`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var b peerplaypay.Basic
			if err := rows.Scan(&b.ID, &b.Title, &b.Archived, &b.Order); err != nil {
				rows.Close()
				return err
			}
			r.Basics = append(r.Basics, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT basic_id, day FROM growth_ticks WHERE day BETWEEN ? AND ? ORDER BY day, basic_id`, from, to)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t peerplaypay.Tick
			if err := rows.Scan(&t.BasicID, &t.Day); err != nil {
				return err
			}
			r.Ticks = append(r.Ticks, t)
		}
		return rows.Err()
	})
	return r, err
}

// SaveBasic creates (ID 0) or updates a daily basic.
func (s *GrowthService) SaveBasic(ctx context.Context, b *peerplaypay.Basic) (*peerplaypay.Basic, error) {
	b.Title = strings.TrimSpace(b.Title)
	if err := b.Validate(); err != nil {
		return nil, err
	}
	err := s.run(ctx, "save basic", func(tx *Tx) error {
		if b.ID == 0 {
			if b.Order == 0 {
				tx.QueryRowContext(ctx, `SELECT coalesce(max(ord), 0) + 1 FROM growth_basics`).Scan(&b.Order)
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO growth_basics (title, archived, ord) VALUES (?, ?, ?)`, b.Title, b.Archived, b.Order)
			if err != nil {
				return err
			}
			b.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE growth_basics SET title = ?, archived = ?, ord = ? WHERE id = ?`, b.Title, b.Archived, b.Order, b.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no daily basic %d.", b.ID)
		}
		return nil
	})
	return b, err
}

// Tick marks a basic done (or not) on a day.
func (s *GrowthService) Tick(ctx context.Context, basicID int64, day string, done bool) error {
	if !peerplaypay.ValidDay(day) {
		return peerplaypay.FieldErrorf("day", "%q is not a date like 2026-03-31.", day)
	}
	return s.run(ctx, "tick basic", func(tx *Tx) error {
		var n int
		tx.QueryRowContext(ctx, `SELECT count(*) FROM growth_basics WHERE id = ?`, basicID).Scan(&n)
		if n == 0 {
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no daily basic %d.", basicID)
		}
		q := `DELETE FROM growth_ticks WHERE basic_id = ? AND day = ?`
		if done {
			q = `INSERT OR IGNORE INTO growth_ticks (basic_id, day) VALUES (?, ?)`
		}
		_, err := tx.ExecContext(ctx, q, basicID, day)
		return err
	})
}

// --- reflection

// Reflections returns the reflections between two days, newest first.
func (s *GrowthService) Reflections(ctx context.Context, from, to string) (out []*peerplaypay.Reflection, err error) {
	if from, to, err = dayRange(from, to); err != nil {
		return nil, err
	}
	err = s.run(ctx, "read reflections", func(tx *Tx) error {
		out = []*peerplaypay.Reflection{}
		rows, err := tx.QueryContext(ctx, `SELECT id, day, started_at, minutes, prompt, note FROM growth_reflections
			WHERE day BETWEEN ? AND ? ORDER BY day DESC, started_at DESC, id DESC`, from, to)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r peerplaypay.Reflection
			if err := rows.Scan(&r.ID, &r.Day, &r.StartedAt, &r.Minutes, &r.Prompt, &r.Note); err != nil {
				return err
			}
			out = append(out, &r)
		}
		return rows.Err()
	})
	return out, err
}

// SaveReflection creates (ID 0) or updates a reflection.
func (s *GrowthService) SaveReflection(ctx context.Context, r *peerplaypay.Reflection) (*peerplaypay.Reflection, error) {
	r.Note = strings.TrimSpace(r.Note)
	if err := r.Validate(); err != nil {
		return nil, err
	}
	err := s.run(ctx, "save reflection", func(tx *Tx) error {
		if r.StartedAt == "" {
			r.StartedAt = formatTime(tx.now.Add(-time.Duration(r.Minutes) * time.Minute))
		}
		t, err := time.Parse(time.RFC3339Nano, r.StartedAt)
		if err != nil {
			return peerplaypay.FieldErrorf("startedAt", "%q is not a time like 2026-03-31T09:00:00Z.", r.StartedAt)
		}
		if r.Day == "" {
			r.Day = localDay(t)
		}
		if r.ID == 0 {
			// The entry is written: the reflection under way is over.
			if err := forgetTimer(ctx)(tx); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO growth_reflections (day, started_at, minutes, prompt, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				r.Day, r.StartedAt, r.Minutes, r.Prompt, r.Note, formatTime(tx.now))
			if err != nil {
				return err
			}
			r.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE growth_reflections SET day = ?, started_at = ?, minutes = ?, prompt = ?, note = ?, updated_at = ? WHERE id = ?`,
			r.Day, r.StartedAt, r.Minutes, r.Prompt, r.Note, formatTime(tx.now), r.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no reflection %d.", r.ID)
		}
		return nil
	})
	return r, err
}

// Prompt returns the journal prompt of now: it changes every day and after
// every saved reflection, so the same question does not come back soon.
func (s *GrowthService) Prompt(ctx context.Context) (p string, err error) {
	err = s.run(ctx, "read prompt", func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM growth_reflections`).Scan(&n); err != nil {
			return err
		}
		day, _ := time.Parse(time.DateOnly, localDay(tx.now))
		days := int(day.Unix() / 86400)
		p = peerplaypay.JournalPrompts[(days+n)%len(peerplaypay.JournalPrompts)]
		return nil
	})
	return p, err
}

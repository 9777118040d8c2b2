package sqlite

import (
	"context"
	"strings"

	"peerplaypay/internal/peerplaypay"
)

// Goals: the member's job outcomes, and the goals each log worked on.

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

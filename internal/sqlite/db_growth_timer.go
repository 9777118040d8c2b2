package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"peerplaypay/internal/peerplaypay"
)

// ReflectionTimer returns the reflection under way, nil when none.
func (s *GrowthService) ReflectionTimer(ctx context.Context) (t *peerplaypay.ReflectionTimer, err error) {
	err = s.run(ctx, "read reflection timer", func(tx *Tx) error {
		var r peerplaypay.ReflectionTimer
		err := tx.QueryRowContext(ctx, `SELECT phase, planned_minutes, started_at, run_started_at, before_ms, ended FROM growth_timer WHERE id = 1`).
			Scan(&r.Phase, &r.PlannedMinutes, &r.StartedAt, &r.RunStartedAt, &r.BeforeMs, &r.Ended)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		t = &r
		return err
	})
	return t, err
}

// SaveReflectionTimer keeps the reflection under way; nil forgets it.
func (s *GrowthService) SaveReflectionTimer(ctx context.Context, t *peerplaypay.ReflectionTimer) error {
	if t == nil {
		return s.run(ctx, "forget reflection timer", forgetTimer(ctx))
	}
	if t.Phase != "running" {
		t.RunStartedAt = ""
	}
	if err := t.Validate(); err != nil {
		return err
	}
	return s.run(ctx, "save reflection timer", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO growth_timer (id, phase, planned_minutes, started_at, run_started_at, before_ms, ended, updated_at)
			VALUES (1, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET phase = excluded.phase, planned_minutes = excluded.planned_minutes,
			started_at = excluded.started_at, run_started_at = excluded.run_started_at, before_ms = excluded.before_ms,
			ended = excluded.ended, updated_at = excluded.updated_at`,
			t.Phase, t.PlannedMinutes, t.StartedAt, t.RunStartedAt, t.BeforeMs, t.Ended, formatTime(tx.now))
		return err
	})
}

func forgetTimer(ctx context.Context) func(*Tx) error {
	return func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM growth_timer`)
		return err
	}
}

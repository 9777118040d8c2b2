package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SettingsService stores the member's settings as small values by key.
type SettingsService struct {
	db *DB
}

// NewSettingsService returns a SettingsService on db.
func NewSettingsService(db *DB) *SettingsService {
	return &SettingsService{db: db}
}

// Setting returns the value of key, or def when it was never set.
func (s *SettingsService) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := s.db.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	} else if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, nil
}

// SetSettings stores several values in one transaction.
func (s *SettingsService) SetSettings(ctx context.Context, values map[string]string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for k, v := range values {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return classify(s.db.Path, fmt.Errorf("write setting %s: %w", k, err))
		}
	}
	return classify(s.db.Path, tx.Commit())
}

// DeleteSettings removes keys so that their values are gone from the
// file, not only from the table: the deleted rows are overwritten with
// zeros (secure_delete) and the log of older page versions is emptied into
// the database and cut (a checkpoint), since a secret that moved out of the
// database must not stay readable in its bytes, nor in a backup of them.
func (s *SettingsService) DeleteSettings(ctx context.Context, keys ...string) error {
	conn, err := s.db.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("delete settings: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
		return fmt.Errorf("delete settings: %w", err)
	}
	// The connection goes back to the pool: later writes need not pay for
	// zeroing what they free.
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA secure_delete = OFF`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return classify(s.db.Path, err)
	}
	defer tx.Rollback()
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, k); err != nil {
			return classify(s.db.Path, fmt.Errorf("delete setting %s: %w", k, err))
		}
	}
	if err := tx.Commit(); err != nil {
		return classify(s.db.Path, err)
	}
	// A reader of an older snapshot (the window, while a command runs)
	// keeps the checkpoint from finishing; the next one completes it.
	if _, err := conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return classify(s.db.Path, fmt.Errorf("checkpoint: %w", err))
	}
	return nil
}

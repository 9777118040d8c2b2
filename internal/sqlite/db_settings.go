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

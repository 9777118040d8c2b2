package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"peerplaypay/internal/peerplaypay"
)

// DraftService keeps unsaved editor contents.
type DraftService struct {
	db *DB
}

var _ peerplaypay.DraftService = (*DraftService)(nil)

// NewDraftService returns a DraftService on db.
func NewDraftService(db *DB) *DraftService {
	return &DraftService{db: db}
}

// Draft returns the draft under key, or nil when there is none.
func (s *DraftService) Draft(ctx context.Context, key string) (*peerplaypay.Draft, error) {
	var d peerplaypay.Draft
	var value, updated string
	err := s.db.db.QueryRowContext(ctx, `SELECT key, value, updated_at FROM drafts WHERE key = ?`, key).Scan(&d.Key, &value, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("read draft %s: %w", key, err))
	}
	d.Value = json.RawMessage(value)
	if d.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	return &d, nil
}

// SaveDraft stores value under key, replacing what was there.
func (s *DraftService) SaveDraft(ctx context.Context, key string, value json.RawMessage) (*peerplaypay.Draft, error) {
	d := &peerplaypay.Draft{Key: key, Value: value, UpdatedAt: s.db.Now().UTC()}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	_, err := s.db.db.ExecContext(ctx, `INSERT INTO drafts (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, string(value), formatTime(d.UpdatedAt))
	if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("save draft %s: %w", key, err))
	}
	return d, nil
}

// DeleteDraft removes the draft under key, if any.
func (s *DraftService) DeleteDraft(ctx context.Context, key string) error {
	if _, err := s.db.db.ExecContext(ctx, `DELETE FROM drafts WHERE key = ?`, key); err != nil {
		return classify(s.db.Path, fmt.Errorf("delete draft %s: %w", key, err))
	}
	return nil
}

package peerplaypay

import (
	"context"
	"encoding/json"
	"time"
	"unicode/utf8"
)

// MaxDraftBytes bounds one draft: a table or a goal, not a document.
const MaxDraftBytes = 64 << 10

// Draft is what an editor holds that the member has not saved: kept so
// that leaving the editor, or the app, loses nothing typed.
type Draft struct {
	Key       string          `json:"key"` // the editor and its subject, such as "log:12"
	Value     json.RawMessage `json:"value"`
	UpdatedAt time.Time       `json:"updatedAt"`
}

// Validate checks the key and that the value is JSON of a sane size.
func (d *Draft) Validate() error {
	if d.Key == "" || len(d.Key) > 200 || !utf8.ValidString(d.Key) {
		return Errorf(EINVALID, "A draft needs a short key naming its editor.")
	}
	if len(d.Value) > MaxDraftBytes || !json.Valid(d.Value) {
		return Errorf(EINVALID, "The draft is too large or not valid; it was not kept.")
	}
	return nil
}

// DraftService keeps unsaved editor contents.
type DraftService interface {
	// Draft returns the draft under key, or nil.
	Draft(ctx context.Context, key string) (*Draft, error)
	// SaveDraft stores value under key.
	SaveDraft(ctx context.Context, key string, value json.RawMessage) (*Draft, error)
	// DeleteDraft removes the draft under key, if any.
	DeleteDraft(ctx context.Context, key string) error
}

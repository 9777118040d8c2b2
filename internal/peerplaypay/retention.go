package peerplaypay

import (
	"context"
	"encoding/json"
	"time"
)

// Events of the retention of recordings (PROTOCOL.md §11.6): an author
// expires the recording of one of its own logs from the share (its chunks
// are deleted there; the table stays), or pins a log so that its
// recording is never expired.
const (
	EventLogMediaExpired = "log.media_expired"
	EventLogPinned       = "log.pinned"
)

// KeyRetentionMonths is the team setting of how many months recordings are
// kept in the share: 0 (the default) keeps them all.
const (
	KeyRetentionMonths = "retention.months"
	MaxRetentionMonths = 120
)

// LogMediaExpired is the data of a log.media_expired event (v1): the
// author's log whose recording left the share, and that recording's
// SHA-256, so the event expires that recording and no later one.
type LogMediaExpired struct {
	UID    string `json:"uid"`
	SHA256 string `json:"sha256"`
}

// LogPinned is the data of a log.pinned event (v1): the author keeps (or
// no longer keeps) the log's recording whatever the retention.
type LogPinned struct {
	UID    string `json:"uid"`
	Pinned bool   `json:"pinned"`
}

// RetentionCutoff is the time before which recordings expire with a
// retention of months (0: never, the zero time).
func RetentionCutoff(now time.Time, months int) time.Time {
	if months <= 0 {
		return time.Time{}
	}
	return now.AddDate(0, -months, 0)
}

// OwnMedia is one of our published recordings as retention sees it.
type OwnMedia struct {
	UID       string          `json:"uid"`
	SHA256    string          `json:"sha256"`
	Manifest  json.RawMessage `json:"-"`
	CreatedAt time.Time       `json:"createdAt"`
}

// PeerLogState is what a reader holds of one log of a member, for the
// checks of the retention events.
type PeerLogState struct {
	Exists bool
	Kind   LogKind
	SHA256 string
	Pinned bool
}

// MediaUse is one recording this laptop knows of, ours ("" author) or a
// peer's, for the share's usage by member and by month.
type MediaUse struct {
	Author    string          `json:"author"`
	UID       string          `json:"uid"`
	CreatedAt time.Time       `json:"createdAt"`
	Manifest  json.RawMessage `json:"-"`
	Pinned    bool            `json:"pinned"`
	Expired   bool            `json:"expired"`
	// Local is the size of this laptop's copy (0: none).
	Local int64 `json:"local"`
	// LocalPath is that copy, relative to the data folder.
	LocalPath string `json:"-"`
}

// RetentionStore keeps what retention needs: our recordings to expire and
// their chunks, the state of peers' logs for the checks, and every
// recording known here for the usage.
type RetentionStore interface {
	// RetentionMonths is the team's retention as this laptop holds it.
	RetentionMonths(ctx context.Context) (int, error)
	// LogsToExpire are our published recordings made before cutoff, not
	// pinned, whose expiry is not queued yet.
	LogsToExpire(ctx context.Context, cutoff time.Time) ([]OwnMedia, error)
	// QueueMediaExpired queues the log.media_expired event of our log uid
	// and marks its expiry queued, in one transaction; a log pinned or
	// taken back meanwhile is left alone.
	QueueMediaExpired(ctx context.Context, uid string) error
	// ExpiredToDelete are our recordings whose expiry event is in the
	// share (no longer in the outbox) and whose chunks may still be there.
	ExpiredToDelete(ctx context.Context) ([]OwnMedia, error)
	// MarkExpiryDone records that the chunks of uid are gone.
	MarkExpiryDone(ctx context.Context, uid string) error
	// KeptChunks are the chunk names of our published recordings that
	// stay in the share.
	KeptChunks(ctx context.Context) (map[string]bool, error)
	// PeerLogState is what this laptop holds of author's log uid.
	PeerLogState(ctx context.Context, author, uid string) (PeerLogState, error)
	// UIDHolders are the authors who hold a log of uid here.
	UIDHolders(ctx context.Context, uid string) ([]string, error)
	// MediaUses lists every recording known here, ours and peers'.
	MediaUses(ctx context.Context) ([]MediaUse, error)
}

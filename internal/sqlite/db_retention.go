package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"peerplaypay/internal/peerplaypay"
)

var _ peerplaypay.RetentionStore = (*ShareStore)(nil)

// LogsToExpire returns our published recordings made before cutoff, not
// pinned and not yet expired, oldest first.
func (s *ShareStore) LogsToExpire(ctx context.Context, cutoff time.Time) ([]peerplaypay.OwnMedia, error) {
	return s.ownMedia(ctx, `published_at IS NOT NULL AND manifest <> '' AND expire_state = '' AND pinned = 0 AND created_at < ?`, formatTime(cutoff))
}

// ExpiredToDelete returns our recordings whose expiry event left the
// outbox (it is in the share) and whose chunks are not known to be gone.
func (s *ShareStore) ExpiredToDelete(ctx context.Context) ([]peerplaypay.OwnMedia, error) {
	return s.ownMedia(ctx, `expire_state = 'queued' AND manifest <> '' AND expire_event NOT IN (SELECT id FROM share_outbox)`)
}

func (s *ShareStore) ownMedia(ctx context.Context, where string, args ...any) ([]peerplaypay.OwnMedia, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT uid, sha256, manifest, created_at FROM logs WHERE `+where+` ORDER BY created_at, id`, args...)
	if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("read recordings to expire: %w", err))
	}
	defer rows.Close()
	var out []peerplaypay.OwnMedia
	for rows.Next() {
		var m peerplaypay.OwnMedia
		var manifest, created string
		if err := rows.Scan(&m.UID, &m.SHA256, &manifest, &created); err != nil {
			return nil, err
		}
		m.Manifest = json.RawMessage(manifest)
		if m.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// QueueMediaExpired queues the log.media_expired of our log uid and marks
// its expiry queued, together: a crash leaves either both or neither.
func (s *ShareStore) QueueMediaExpired(ctx context.Context, uid string) error {
	return s.run(ctx, "expire recording", func(tx *Tx) error {
		var sha string
		err := tx.QueryRowContext(ctx, `SELECT sha256 FROM logs WHERE uid = ? AND published_at IS NOT NULL AND manifest <> ''
			AND expire_state = '' AND pinned = 0`, uid).Scan(&sha)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // pinned, taken back or deleted meanwhile
		} else if err != nil {
			return err
		}
		id := peerplaypay.NewUID()
		body, err := json.Marshal(peerplaypay.LogMediaExpired{UID: uid, SHA256: sha})
		if err != nil {
			return err
		}
		if err := insertOutbox(ctx, tx, peerplaypay.ShareEvent{ID: id, Kind: peerplaypay.EventLogMediaExpired, V: 1, Data: body}); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE logs SET expire_state = 'queued', expire_event = ? WHERE uid = ?`, id, uid)
		return err
	})
}

// MarkExpiryDone records that the chunks of our log uid are gone.
func (s *ShareStore) MarkExpiryDone(ctx context.Context, uid string) error {
	return s.run(ctx, "expire recording", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE logs SET expire_state = 'done' WHERE uid = ? AND expire_state = 'queued'`, uid)
		return err
	})
}

// KeptChunks returns the chunk names of our published recordings that
// stay in the share: a chunk shared by two recordings (the same content
// in one epoch) is never deleted while one of them stays.
func (s *ShareStore) KeptChunks(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT manifest FROM logs WHERE published_at IS NOT NULL AND manifest <> '' AND expire_state = ''`)
	if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("read kept recordings: %w", err))
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		for _, c := range manifestChunks(raw) {
			out[c.Name] = true
		}
	}
	return out, rows.Err()
}

type chunkRef struct {
	Name string `json:"name"`
	Size int64  `json:"size"`
}

// manifestChunks reads the chunk list of a stored manifest (nil when it
// does not parse: it was checked when it was stored).
func manifestChunks(raw string) []chunkRef {
	var m struct {
		Chunks []chunkRef `json:"chunks"`
	}
	if json.Unmarshal([]byte(raw), &m) != nil {
		return nil
	}
	return m.Chunks
}

// PeerLogState returns what this laptop holds of author's log uid.
func (s *ShareStore) PeerLogState(ctx context.Context, author, uid string) (peerplaypay.PeerLogState, error) {
	var st peerplaypay.PeerLogState
	err := s.db.db.QueryRowContext(ctx, `SELECT kind, sha256, pinned FROM peer_logs WHERE author = ? AND uid = ?`, author, uid).
		Scan(&st.Kind, &st.SHA256, &st.Pinned)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, classify(s.db.Path, fmt.Errorf("read a peer's log: %w", err))
	}
	st.Exists = true
	return st, nil
}

// UIDHolders returns the authors of the logs of uid held here: peers', and
// ours as "".
func (s *ShareStore) UIDHolders(ctx context.Context, uid string) ([]string, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT author FROM peer_logs WHERE uid = ? UNION ALL SELECT '' FROM logs WHERE uid = ?`, uid, uid)
	if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("read logs by uid: %w", err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// MediaUses lists every published recording known here: ours (author "")
// and peers', with their manifests and local copies.
func (s *ShareStore) MediaUses(ctx context.Context) ([]peerplaypay.MediaUse, error) {
	rows, err := s.db.db.QueryContext(ctx, `
		SELECT '', uid, created_at, manifest, pinned, expire_state <> '', media_path, size_bytes FROM logs
			WHERE published_at IS NOT NULL AND manifest <> ''
		UNION ALL
		SELECT author, uid, created_at, manifest, pinned, media_expired_at <> '', media_path, size_bytes FROM peer_logs
			WHERE manifest <> ''`)
	if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("read recordings: %w", err))
	}
	defer rows.Close()
	var out []peerplaypay.MediaUse
	for rows.Next() {
		var u peerplaypay.MediaUse
		var created, manifest string
		var size int64
		if err := rows.Scan(&u.Author, &u.UID, &created, &manifest, &u.Pinned, &u.Expired, &u.LocalPath, &size); err != nil {
			return nil, err
		}
		u.Manifest = json.RawMessage(manifest)
		if u.LocalPath != "" {
			u.Local = size
		}
		if u.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// applyRetentionEvent applies a peer's log.media_expired (the recording
// left the share: the copy here goes, the table stays) or log.pinned. The
// reader's checks (teamsync) refused before this any expiry that is not
// the author's, of a log it does not hold, of another recording, or of a
// pinned log.
func applyRetentionEvent(ctx context.Context, tx *Tx, author string, e peerplaypay.ShareEvent) (string, error) {
	switch e.Kind {
	case peerplaypay.EventLogMediaExpired:
		var d peerplaypay.LogMediaExpired
		if err := json.Unmarshal(e.Data, &d); err != nil {
			return "", nil
		}
		var old string
		err := tx.QueryRowContext(ctx, `SELECT media_path FROM peer_logs WHERE author = ? AND uid = ? AND sha256 = ? AND pinned = 0`,
			author, d.UID, d.SHA256).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return "", nil
		} else if err != nil {
			return "", err
		}
		_, err = tx.ExecContext(ctx, `UPDATE peer_logs SET media_expired_at = ?, media_path = '' WHERE author = ? AND uid = ?`,
			formatTime(e.At), author, d.UID)
		return old, err
	case peerplaypay.EventLogPinned:
		var d peerplaypay.LogPinned
		if err := json.Unmarshal(e.Data, &d); err != nil {
			return "", nil
		}
		_, err := tx.ExecContext(ctx, `UPDATE peer_logs SET pinned = ? WHERE author = ? AND uid = ?`, d.Pinned, author, d.UID)
		return "", err
	}
	return "", nil
}

// RetentionMonths is the team's retention of recordings as this laptop
// holds it (0: keep them all).
func (s *ShareStore) RetentionMonths(ctx context.Context) (int, error) {
	ts, err := teamSettings(ctx, s.db.db)
	if err != nil {
		return 0, err
	}
	return ts.RetentionMonths, nil
}

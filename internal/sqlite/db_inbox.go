package sqlite

import (
	"context"
	"fmt"
	"strings"

	"peerplaypay/internal/peerplaypay"
)

var _ peerplaypay.PeerLogService = (*ShareStore)(nil)

// peerLogPick is peerLogFrom for choosing and counting logs: every column
// the inbox filters and sorts on is in peer_logs_inbox, so the choice reads
// that small index and not the rows, which carry a loudness map each (a
// year of a team's logs is megabytes). Left to itself, the planner walks
// the rows by their (author, uid) key for the join.
const peerLogPick = `peer_logs p INDEXED BY peer_logs_inbox LEFT JOIN peer_log_views v ON v.author = p.author AND v.uid = p.uid`

// FindPeerLogs returns the peers' logs matching f: unwatched first, then
// newest first; and how many match, counted up to f.Offset+CountCap.
func (s *ShareStore) FindPeerLogs(ctx context.Context, f peerplaypay.PeerLogFilter) ([]*peerplaypay.PeerLog, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	where, args := []string{"1 = 1"}, []any{}
	if f.Unwatched {
		where = append(where, "coalesce(v.watched_at, '') = ''")
	}
	if f.HelpNeeded {
		where = append(where, "p.help_needed <> ''")
	}
	if f.Author != "" {
		where, args = append(where, "p.author = ?"), append(args, f.Author)
	}
	if f.From != "" {
		where, args = append(where, "p.day >= ?"), append(args, f.From)
	}
	if f.To != "" {
		where, args = append(where, "p.day <= ?"), append(args, f.To)
	}
	q := ftsQuery(f.Query)
	if q != "" {
		where, args = append(where, "p.id IN (SELECT rowid FROM peer_logs_fts WHERE peer_logs_fts MATCH ?)"), append(args, q)
	}
	cond := strings.Join(where, " AND ")
	var logs []*peerplaypay.PeerLog
	var total int
	err := s.db.read(ctx, "find peers' logs", func(tx *Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM "+peerLogPick+" WHERE "+cond+" LIMIT ?)",
			append(args, f.Offset+CountCap)...).Scan(&total); err != nil {
			return fmt.Errorf("count: %w", err)
		}
		// The page's IDs first, sorted from the index alone; then their
		// rows, which are long.
		ids, err := peerLogIDs(ctx, tx, "SELECT p.id FROM "+peerLogPick+" WHERE "+cond+
			" ORDER BY coalesce(v.watched_at, '') <> '', p.day DESC, p.created_at DESC, p.id DESC LIMIT ? OFFSET ?",
			append(args, f.Limit, f.Offset)...)
		if err != nil {
			return err
		}
		if logs, err = peerLogsByID(ctx, tx, ids); err != nil {
			return err
		}
		if q != "" && len(logs) > 0 {
			return markPeerMatches(ctx, tx, q, logs)
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return logs, total, nil
}

func peerLogIDs(ctx context.Context, tx *Tx, query string, args ...any) ([]any, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []any
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// peerLogsByID reads the logs of ids, in that order.
func peerLogsByID(ctx context.Context, tx *Tx, ids []any) ([]*peerplaypay.PeerLog, error) {
	out := make([]*peerplaypay.PeerLog, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT "+peerLogColumns+" FROM "+peerLogFrom+" WHERE p.id IN ("+
		strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+")", ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := map[int64]*peerplaypay.PeerLog{}
	for rows.Next() {
		l, err := scanPeerLog(rows)
		if err != nil {
			return nil, err
		}
		byID[l.ID] = l
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if l := byID[id.(int64)]; l != nil {
			out = append(out, l)
		}
	}
	return out, nil
}

// markPeerMatches sets each log's Match, as markMatches does for ours.
func markPeerMatches(ctx context.Context, tx *Tx, q string, logs []*peerplaypay.PeerLog) error {
	ids := make([]int64, len(logs))
	for i, l := range logs {
		ids[i] = l.ID
	}
	found, err := matchExcerpts(ctx, tx, "peer_logs_fts", q, ids)
	for _, l := range logs {
		l.Match = found[l.ID]
	}
	return err
}

// PeerLogCounts counts the unwatched logs, and those of them asking for
// help.
func (s *ShareStore) PeerLogCounts(ctx context.Context) (peerplaypay.PeerLogCounts, error) {
	var c peerplaypay.PeerLogCounts
	err := s.db.read(ctx, "count peers' logs", func(tx *Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE p.help_needed <> '') FROM `+peerLogPick+`
			WHERE coalesce(v.watched_at, '') = ''`).Scan(&c.Unwatched, &c.HelpNeeded)
	})
	return c, err
}

// SetPeerLogWatched marks log id watched, or not. Watched, it plays from the
// start next time.
func (s *ShareStore) SetPeerLogWatched(ctx context.Context, id int64, watched bool) (*peerplaypay.PeerLog, error) {
	err := s.run(ctx, "mark log watched", func(tx *Tx) error {
		at := ""
		if watched {
			at = formatTime(tx.now)
		}
		return upsertView(ctx, tx, id, `watched_at = excluded.watched_at, position_ms = 0`, 0, at)
	})
	if err != nil {
		return nil, err
	}
	return s.PeerLog(ctx, id)
}

// SavePeerLogPosition keeps where the member stopped in log id's recording.
func (s *ShareStore) SavePeerLogPosition(ctx context.Context, id int64, positionMs int64) error {
	if positionMs < 0 {
		return peerplaypay.FieldErrorf("position", "A position in a recording cannot be negative.")
	}
	return s.run(ctx, "keep position", func(tx *Tx) error {
		return upsertView(ctx, tx, id, `position_ms = excluded.position_ms`, positionMs, "")
	})
}

// upsertView writes the view of peer log id, setting what set says on a
// view that exists.
func upsertView(ctx context.Context, tx *Tx, id int64, set string, positionMs int64, watchedAt string) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO peer_log_views (author, uid, position_ms, watched_at, updated_at)
		SELECT author, uid, ?, ?, ? FROM peer_logs WHERE id = ?
		ON CONFLICT (author, uid) DO UPDATE SET `+set+`, updated_at = excluded.updated_at`,
		positionMs, watchedAt, formatTime(tx.now), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errNoPeerLog
	}
	return nil
}

var errNoPeerLog = peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no such log from a peer; it may have been deleted by its author.")

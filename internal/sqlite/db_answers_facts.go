package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"peerplaypay/internal/peerplaypay"
)

var _ peerplaypay.AnswerFacts = (*ShareStore)(nil)

// AnswerFacts returns the stored comments, offers or Thanks with uid, for
// the reader's checks of a peer's batch.
func (s *ShareStore) AnswerFacts(ctx context.Context, kind, uid string) ([]peerplaypay.AnswerFact, error) {
	var q string
	switch kind {
	case "comment":
		q = `SELECT author, log_author, log_uid, reply_uid, deleted, '', created_at, 0, 0 FROM comments WHERE uid = ?`
	case "offer":
		q = `SELECT author, log_author, log_uid, '', 0, '', at, 0, goal_uid <> '' FROM goal_help_offers WHERE uid = ?`
	case "thanks":
		q = `SELECT author, '', '', '', 0, to_member, at, withdrawn_at <> '', 0 FROM thanks WHERE uid = ?`
	default:
		return nil, fmt.Errorf("answer facts: unknown kind %q", kind)
	}
	var out []peerplaypay.AnswerFact
	err := s.db.readCached(ctx, "answer facts", func(tx *Tx) error {
		me := myID(ctx, tx)
		full := func(a string) string {
			if a == "" {
				return me
			}
			return a
		}
		rows, err := tx.QueryContext(ctx, q, uid)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f peerplaypay.AnswerFact
			var at string
			if err := rows.Scan(&f.Author, &f.LogAuthor, &f.LogUID, &f.ReplyUID, &f.Deleted, &f.To, &at, &f.Withdrawn, &f.OnGoal); err != nil {
				return err
			}
			f.Author = full(f.Author)
			if f.LogUID != "" {
				f.LogAuthor = full(f.LogAuthor)
			}
			if kind == "thanks" {
				f.To = full(f.To)
			}
			f.At, _ = parseTime(at)
			out = append(out, f)
		}
		return rows.Err()
	})
	return out, err
}

// ThanksGiven counts the standing Thanks from one member to another on a
// UTC day.
func (s *ShareStore) ThanksGiven(ctx context.Context, from, to, day string) (int, error) {
	var n int
	err := s.db.readCached(ctx, "count thanks", func(tx *Tx) error {
		me := myID(ctx, tx)
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM thanks WHERE author = ? AND to_member = ? AND day = ? AND withdrawn_at = ''`,
			mapAuthor(me, from), mapAuthor(me, to), day).Scan(&n)
	})
	return n, err
}

// LastEventAt is the time of the newest event applied from author.
func (s *ShareStore) LastEventAt(ctx context.Context, author string) (time.Time, error) {
	var last string
	err := s.db.readCached(ctx, "last event", func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT last_event_at FROM share_members WHERE id = ?`, author).Scan(&last)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil || last == "" {
		return time.Time{}, err
	}
	return parseTime(last)
}

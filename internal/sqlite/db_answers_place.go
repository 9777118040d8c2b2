package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"peerplaypay/internal/peerplaypay"
)

// Place finds where something a Thanks or an activity row names is shown
// on this laptop: the log (this member's or a peer's) a comment or an offer
// is on, with a comment's moment, or the goal. Kind is a ThanksLink kind;
// author is a member ID (” or this member's for ours).
func (s *AnswerService) Place(ctx context.Context, kind, author, uid string) (*peerplaypay.AnswerPlace, error) {
	var out *peerplaypay.AnswerPlace
	err := s.db.read(ctx, "find place", func(tx *Tx) error {
		p := s.people(ctx)
		if author == p.Me {
			author = ""
		}
		var err error
		out, err = place(ctx, tx, kind, author, uid)
		if errors.Is(err, sql.ErrNoRows) {
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "What this names is not on this laptop (it may have been deleted, or it arrives with the next sync).")
		}
		return err
	})
	return out, err
}

func place(ctx context.Context, tx *Tx, kind, author, uid string) (*peerplaypay.AnswerPlace, error) {
	pl := &peerplaypay.AnswerPlace{}
	switch kind {
	case peerplaypay.LinkLog:
		if author == "" {
			pl.Kind = peerplaypay.PlaceMyLog
			return pl, tx.QueryRowContext(ctx, `SELECT id FROM logs WHERE uid = ? AND status = 'ready'`, uid).Scan(&pl.LogID)
		}
		pl.Kind = peerplaypay.PlacePeerLog
		return pl, tx.QueryRowContext(ctx, `SELECT id FROM peer_logs WHERE author = ? AND uid = ?`, author, uid).Scan(&pl.LogID)
	case peerplaypay.LinkGoal:
		pl.Kind = peerplaypay.PlaceGoal
		return pl, tx.QueryRowContext(ctx, `SELECT id FROM goals WHERE author = ? AND uid = ?`, author, uid).Scan(&pl.GoalID)
	case peerplaypay.LinkComment:
		var la, lu string
		var at sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT id, log_author, log_uid, at_ms FROM comments WHERE author = ? AND uid = ? AND deleted = 0`, author, uid).
			Scan(&pl.CommentID, &la, &lu, &at)
		if err != nil {
			return nil, err
		}
		l, err := place(ctx, tx, peerplaypay.LinkLog, la, lu)
		if err != nil {
			return nil, err
		}
		l.CommentID = pl.CommentID
		if at.Valid {
			l.AtMs = &at.Int64
		}
		return l, nil
	case peerplaypay.LinkOffer:
		var ga, gu, la, lu string
		err := tx.QueryRowContext(ctx, `SELECT goal_author, goal_uid, log_author, log_uid FROM goal_help_offers WHERE author = ? AND uid = ?`, author, uid).
			Scan(&ga, &gu, &la, &lu)
		if err != nil {
			return nil, err
		}
		if lu != "" {
			return place(ctx, tx, peerplaypay.LinkLog, la, lu)
		}
		return place(ctx, tx, peerplaypay.LinkGoal, ga, gu)
	}
	return nil, peerplaypay.FieldErrorf("kind", "A link names a log, a goal, a comment or an offer of help, not “%s”.", kind)
}

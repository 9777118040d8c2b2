package sqlite

import (
	"context"
	"encoding/json"
	"strings"

	"peerplaypay/internal/peerplaypay"
)

// Answers and the team share: applying peers' answer events, and what a
// reader knows of earlier answers to check new ones (teamsync checks every
// rule before a batch is applied; these appliers only store).

// applyAnswerEvent applies one answer event of author (a peer). Every
// event changes only rows of its author, and adds an activity row when it
// is about something of this member's.
func applyAnswerEvent(ctx context.Context, tx *Tx, author string, e peerplaypay.ShareEvent) (string, error) {
	if author == "" {
		return "", nil
	}
	me := myID(ctx, tx)
	at := formatTime(e.At)
	switch e.Kind {
	case peerplaypay.EventCommentAdded:
		var d peerplaypay.CommentAddedData
		if json.Unmarshal(e.Data, &d) != nil || !peerplaypay.IsUID(d.UID) || !peerplaypay.IsUID(d.LogUID) {
			return "", nil
		}
		logAuthor := mapAuthor(me, d.LogAuthor)
		replyAuthor := ""
		if d.ReplyUID != "" {
			replyAuthor = mapAuthor(me, d.ReplyAuthor)
		}
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO comments (author, uid, log_author, log_uid, reply_author, reply_uid, at_ms, text, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, author, d.UID, logAuthor, d.LogUID, replyAuthor, d.ReplyUID, nullInt(d.AtMs),
			strings.TrimSpace(d.Text), at)
		if err != nil {
			return "", err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return "", nil
		}
		switch {
		case d.ReplyUID != "" && replyAuthor == "":
			return "", addActivity(ctx, tx, "reply", author, logAuthor, d.LogUID, "", d.UID, d.Text, at)
		case logAuthor == "":
			return "", addActivity(ctx, tx, "comment", author, logAuthor, d.LogUID, "", d.UID, d.Text, at)
		}
		return "", nil
	case peerplaypay.EventCommentEdited:
		var d peerplaypay.CommentEditedData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		text := strings.TrimSpace(d.Text)
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET text = ?, edited_at = ? WHERE author = ? AND uid = ? AND deleted = 0`, text, at, author, d.UID); err != nil {
			return "", err
		}
		_, err := tx.ExecContext(ctx, `UPDATE activity SET text = ? WHERE actor = ? AND ref_uid = ? AND kind IN ('comment', 'reply')`, firstWords(text, 200), author, d.UID)
		return "", err
	case peerplaypay.EventCommentDeleted:
		var d peerplaypay.CommentDeletedData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET text = '', deleted = 1, edited_at = ? WHERE author = ? AND uid = ?`, at, author, d.UID); err != nil {
			return "", err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM activity WHERE actor = ? AND ref_uid = ? AND kind IN ('comment', 'reply')`, author, d.UID)
		return "", err
	case peerplaypay.EventReactionSet:
		var d peerplaypay.ReactionSetData
		if json.Unmarshal(e.Data, &d) != nil || !peerplaypay.IsReaction(d.Reaction) || !peerplaypay.IsUID(d.LogUID) {
			return "", nil
		}
		logAuthor := mapAuthor(me, d.LogAuthor)
		if _, err := tx.ExecContext(ctx, `DELETE FROM activity WHERE kind = 'reaction' AND actor = ? AND log_author = ? AND log_uid = ? AND ref_uid = ?`,
			author, logAuthor, d.LogUID, d.Reaction); err != nil {
			return "", err
		}
		if !d.On {
			_, err := tx.ExecContext(ctx, `DELETE FROM reactions WHERE author = ? AND log_author = ? AND log_uid = ? AND reaction = ?`, author, logAuthor, d.LogUID, d.Reaction)
			return "", err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO reactions (author, log_author, log_uid, reaction, at) VALUES (?, ?, ?, ?, ?)`,
			author, logAuthor, d.LogUID, d.Reaction, at); err != nil {
			return "", err
		}
		if logAuthor == "" {
			return "", addActivity(ctx, tx, "reaction", author, logAuthor, d.LogUID, "", d.Reaction, d.Reaction, at)
		}
		return "", nil
	case peerplaypay.EventThanksGiven:
		var d peerplaypay.ThanksGivenData
		if json.Unmarshal(e.Data, &d) != nil || !peerplaypay.IsUID(d.UID) || d.From != author || d.To == "" {
			return "", nil
		}
		to := mapAuthor(me, d.To)
		kind, la, lu := linkColumns(me, d.Link)
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO thanks (author, uid, to_member, reason, link_kind, link_author, link_uid, at, day)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, author, d.UID, to, strings.TrimSpace(d.Reason), kind, la, lu, at, peerplaypay.ThanksDay(e.At))
		if err != nil {
			return "", err
		}
		if n, _ := res.RowsAffected(); n > 0 && to == "" {
			logAuthor, logUID := "", ""
			if kind == peerplaypay.LinkLog {
				logAuthor, logUID = la, lu
			}
			return "", addActivity(ctx, tx, "thanks", author, logAuthor, logUID, "", d.UID, d.Reason, at)
		}
		return "", nil
	case peerplaypay.EventThanksEdited:
		var d peerplaypay.ThanksEditedData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		kind, la, lu := linkColumns(me, d.Link)
		reason := strings.TrimSpace(d.Reason)
		if _, err := tx.ExecContext(ctx, `UPDATE thanks SET reason = ?, link_kind = ?, link_author = ?, link_uid = ?, edited_at = ?
			WHERE author = ? AND uid = ? AND withdrawn_at = ''`, reason, kind, la, lu, at, author, d.UID); err != nil {
			return "", err
		}
		_, err := tx.ExecContext(ctx, `UPDATE activity SET text = ? WHERE kind = 'thanks' AND actor = ? AND ref_uid = ?`, firstWords(reason, 200), author, d.UID)
		return "", err
	case peerplaypay.EventThanksWithdrawn:
		var d peerplaypay.ThanksWithdrawnData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE thanks SET withdrawn_at = ? WHERE author = ? AND uid = ? AND withdrawn_at = ''`, at, author, d.UID); err != nil {
			return "", err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM activity WHERE kind = 'thanks' AND actor = ? AND ref_uid = ?`, author, d.UID)
		return "", err
	}
	return "", nil
}

// applyHelpEvent applies help.offered and help.accepted: on a goal as
// §11.8 says, on a log as §11.10 does.
func applyHelpEvent(ctx context.Context, tx *Tx, author string, e peerplaypay.ShareEvent) (string, error) {
	if author == "" {
		return "", nil
	}
	me := myID(ctx, tx)
	switch e.Kind {
	case peerplaypay.EventHelpOffered:
		var d struct {
			peerplaypay.LogHelpOffered
			GoalAuthor string `json:"goalAuthor"`
			GoalUID    string `json:"goalUid"`
		}
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		if d.GoalUID != "" || d.LogUID == "" {
			if _, err := applyGoalEvent(ctx, tx, author, e); err != nil {
				return "", err
			}
			if mapAuthor(me, d.GoalAuthor) == "" && d.GoalUID != "" && peerplaypay.IsUID(d.UID) {
				return "", addActivityOnce(ctx, tx, "offer", author, "", "", d.GoalUID, d.UID, d.Text, formatTime(e.At))
			}
			return "", nil
		}
		if !peerplaypay.IsUID(d.UID) || !peerplaypay.IsUID(d.LogUID) || strings.TrimSpace(d.Text) == "" {
			return "", nil
		}
		if d.At.IsZero() {
			d.At = e.At
		}
		logAuthor := mapAuthor(me, d.LogAuthor)
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO goal_help_offers (author, uid, goal_author, goal_uid, log_author, log_uid, text, at)
			VALUES (?, ?, '', '', ?, ?, ?, ?)`, author, d.UID, logAuthor, d.LogUID, strings.TrimSpace(d.Text), formatTime(d.At))
		if err != nil {
			return "", err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return "", nil
		}
		// An acceptance read before the offer (another member's chain)
		// counts now, if its author is the log's.
		if logAuthor != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE goal_help_offers SET accepted_at = (SELECT at FROM help_accepts a WHERE a.by = ? AND a.offer_author = ? AND a.offer_uid = ?)
				WHERE author = ? AND uid = ? AND EXISTS (SELECT 1 FROM help_accepts a WHERE a.by = ? AND a.offer_author = ? AND a.offer_uid = ?)`,
				logAuthor, author, d.UID, author, d.UID, logAuthor, author, d.UID); err != nil {
				return "", err
			}
			return "", nil
		}
		return "", addActivity(ctx, tx, "offer", author, "", d.LogUID, "", d.UID, d.Text, formatTime(d.At))
	case peerplaypay.EventHelpAccepted:
		var d peerplaypay.HelpAccepted
		if json.Unmarshal(e.Data, &d) != nil || d.OfferUID == "" {
			return "", nil
		}
		if d.At.IsZero() {
			d.At = e.At
		}
		offerAuthor := mapAuthor(me, d.OfferAuthor)
		var logUID, logAuthor, goalUID, text string
		err := tx.QueryRowContext(ctx, `SELECT log_author, log_uid, goal_uid, text FROM goal_help_offers WHERE author = ? AND uid = ?`, offerAuthor, d.OfferUID).
			Scan(&logAuthor, &logUID, &goalUID, &text)
		if err != nil || logUID == "" {
			if _, err := applyGoalEvent(ctx, tx, author, e); err != nil {
				return "", err
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO help_accepts (by, offer_author, offer_uid, at) VALUES (?, ?, ?, ?)`,
				author, offerAuthor, d.OfferUID, formatTime(d.At)); err != nil {
				return "", err
			}
			if offerAuthor == "" && goalUID != "" {
				return "", addActivityOnce(ctx, tx, "accepted", author, "", "", goalUID, d.OfferUID, text, formatTime(e.At))
			}
			return "", nil
		}
		if logAuthor != author {
			return "", nil // only the log's author accepts offers on it (the reader refused such a batch already)
		}
		res, err := tx.ExecContext(ctx, `UPDATE goal_help_offers SET accepted_at = ? WHERE author = ? AND uid = ? AND accepted_at = ''`,
			formatTime(d.At), offerAuthor, d.OfferUID)
		if err != nil {
			return "", err
		}
		if n, _ := res.RowsAffected(); n > 0 && offerAuthor == "" {
			return "", addActivity(ctx, tx, "accepted", author, logAuthor, logUID, "", d.OfferUID, text, formatTime(e.At))
		}
		return "", nil
	}
	return "", nil
}

// linkColumns stores a Thanks's link: the author mapped to ” for this
// member's things.
func linkColumns(me string, l *peerplaypay.ThanksLink) (kind, author, uid string) {
	if l == nil || l.Kind == "" {
		return "", "", ""
	}
	return l.Kind, mapAuthor(me, l.Author), l.UID
}

func addActivity(ctx context.Context, tx *Tx, kind, actor, logAuthor, logUID, goalUID, ref, text, at string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO activity (kind, actor, log_author, log_uid, goal_uid, ref_uid, text, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		kind, actor, logAuthor, logUID, goalUID, ref, firstWords(text, 200), at)
	return err
}

// addActivityOnce is addActivity for events whose applier does not say
// whether they were new (goal offers): one row per (kind, actor, ref).
func addActivityOnce(ctx context.Context, tx *Tx, kind, actor, logAuthor, logUID, goalUID, ref, text, at string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM activity WHERE kind = ? AND actor = ? AND ref_uid = ?`, kind, actor, ref).Scan(&n); err != nil || n > 0 {
		return err
	}
	return addActivity(ctx, tx, kind, actor, logAuthor, logUID, goalUID, ref, text, at)
}

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"peerplaypay/internal/peerplaypay"
)

// The weekly session and the team share: applying peers' session events,
// and what a reader knows to check new ones (teamsync checks every rule
// before a batch is applied; these appliers store, changing only rows of
// the event's author).

func applySessionEvent(ctx context.Context, tx *Tx, author string, e peerplaypay.ShareEvent) (string, error) {
	if author == "" {
		return "", nil
	}
	at := formatTime(e.At)
	switch e.Kind {
	case peerplaypay.EventSessionItem:
		var d peerplaypay.SessionItemData
		if json.Unmarshal(e.Data, &d) != nil || !peerplaypay.IsUID(d.UID) || !peerplaypay.IsSessionDay(d.Session) {
			return "", nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO session_items (author, uid, session, part, part_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (author, uid) DO UPDATE SET text = excluded.text, part = excluded.part, part_id = excluded.part_id, edited_at = excluded.created_at
			WHERE deleted = 0 AND session = excluded.session`,
			author, d.UID, d.Session, d.Part, peerplaypay.PartKey(d.Part, d.PartID), strings.TrimSpace(d.Text), at)
		return "", err
	case peerplaypay.EventSessionItemDeleted:
		var d peerplaypay.SessionItemDeletedData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		_, err := tx.ExecContext(ctx, `UPDATE session_items SET text = '', deleted = 1, edited_at = ? WHERE author = ? AND uid = ?`, at, author, d.UID)
		return "", err
	case peerplaypay.EventSessionComment:
		var d peerplaypay.SessionCommentData
		if json.Unmarshal(e.Data, &d) != nil || !peerplaypay.IsUID(d.UID) {
			return "", nil
		}
		_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO session_comments (author, uid, item_author, item_uid, text, at) VALUES (?, ?, ?, ?, ?, ?)`,
			author, d.UID, d.Item.Author, d.Item.UID, strings.TrimSpace(d.Text), at)
		return "", err
	case peerplaypay.EventSessionCommentEdit:
		var d peerplaypay.SessionCommentEditData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		_, err := tx.ExecContext(ctx, `UPDATE session_comments SET text = ?, edited_at = ? WHERE author = ? AND uid = ? AND deleted = 0`,
			strings.TrimSpace(d.Text), at, author, d.UID)
		return "", err
	case peerplaypay.EventSessionCommentDel:
		var d peerplaypay.SessionCommentDeletedData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		_, err := tx.ExecContext(ctx, `UPDATE session_comments SET text = '', deleted = 1, edited_at = ? WHERE author = ? AND uid = ?`, at, author, d.UID)
		return "", err
	case peerplaypay.EventSessionVote:
		var d peerplaypay.SessionVoteData
		if json.Unmarshal(e.Data, &d) != nil || !peerplaypay.IsSessionDay(d.Session) || len(d.Dots) > peerplaypay.DotsPerPart {
			return "", nil
		}
		return "", storeVote(ctx, tx, author, d.Session, peerplaypay.PartKey(d.Part, d.PartID), d.Dots, at)
	case peerplaypay.EventSessionNote:
		var d peerplaypay.SessionNoteData
		if json.Unmarshal(e.Data, &d) != nil || !peerplaypay.IsUID(d.UID) || !peerplaypay.IsUID(d.Rev) || !peerplaypay.IsSessionDay(d.Session) {
			return "", nil
		}
		if d.Kind != peerplaypay.NoteNote && d.Kind != peerplaypay.NoteDecision {
			return "", nil
		}
		_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO session_notes (author, rev, uid, prev, session, part, part_id, kind, text, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			author, d.Rev, d.UID, d.Prev, d.Session, d.Part, peerplaypay.PartKey(d.Part, d.PartID), d.Kind, strings.TrimSpace(d.Text), at)
		return "", err
	case peerplaypay.EventExperimentSet:
		var d peerplaypay.ExperimentData
		if json.Unmarshal(e.Data, &d) != nil || !peerplaypay.IsUID(d.UID) {
			return "", nil
		}
		ia, iu := "", ""
		if d.Item != nil {
			ia, iu = d.Item.Author, d.Item.UID
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO experiments (author, uid, session, item_author, item_uid, hypothesis, owner, measure, end_day, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (author, uid) DO UPDATE SET hypothesis = excluded.hypothesis, owner = excluded.owner, measure = excluded.measure, end_day = excluded.end_day`,
			author, d.UID, d.Session, ia, iu, strings.TrimSpace(d.Hypothesis), d.Owner, strings.TrimSpace(d.Measure), d.EndDay, at)
		return "", err
	case peerplaypay.EventSessionOutcome:
		var d peerplaypay.SessionOutcomeData
		if json.Unmarshal(e.Data, &d) != nil || !peerplaypay.IsOutcome(d.Result) {
			return "", nil
		}
		if d.Of != peerplaypay.OutcomeOfExperiment && d.Of != peerplaypay.OutcomeOfMoment {
			return "", nil
		}
		d.Note = strings.TrimSpace(d.Note)
		return "", storeOutcome(ctx, tx, author, d, at)
	}
	return "", nil
}

var _ peerplaypay.SessionFacts = (*ShareStore)(nil)

// SessionItemFacts returns the stored items with uid, whoever wrote them.
func (s *ShareStore) SessionItemFacts(ctx context.Context, uid string) ([]peerplaypay.SessionItemFact, error) {
	var out []peerplaypay.SessionItemFact
	err := s.db.read(ctx, "session item facts", func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT author, session, part_id, deleted FROM session_items WHERE uid = ?`, uid)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f peerplaypay.SessionItemFact
			if err := rows.Scan(&f.Author, &f.Session, &f.PartID, &f.Deleted); err != nil {
				return err
			}
			out = append(out, f)
		}
		return rows.Err()
	})
	return out, err
}

// SessionUIDAuthors returns the authors of the stored comments or
// experiments (what) with uid.
func (s *ShareStore) SessionUIDAuthors(ctx context.Context, what, uid string) ([]string, error) {
	var q string
	switch what {
	case "comment":
		q = `SELECT author FROM session_comments WHERE uid = ?`
	case "deleted comment":
		q = `SELECT author FROM session_comments WHERE uid = ? AND deleted = 1`
	case "experiment":
		q = `SELECT author FROM experiments WHERE uid = ?`
	case "note":
		q = `SELECT DISTINCT author FROM session_notes WHERE rev = ?`
	default:
		return nil, errors.New("session facts: unknown kind " + what)
	}
	var out []string
	err := s.db.read(ctx, "session facts", func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, q, uid)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a string
			if err := rows.Scan(&a); err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

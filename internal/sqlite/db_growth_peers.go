package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"peerplaypay/internal/peerplaypay"
)

// --- peer views

// AskPeer asks one member for their view of some items of the current
// framework; only that member can read the request.
func (s *GrowthService) AskPeer(ctx context.Context, peer string, itemIDs []string) (v *peerplaypay.PeerView, err error) {
	if peer == "" {
		return nil, peerplaypay.FieldErrorf("peer", "Choose the team member to ask.")
	}
	if len(itemIDs) == 0 {
		return nil, peerplaypay.FieldErrorf("itemIds", "Choose at least one item to ask about.")
	}
	err = s.run(ctx, "ask peer", func(tx *Tx) error {
		if err := needTeam(ctx, tx); err != nil {
			return err
		}
		f, err := currentFramework(ctx, tx)
		if err != nil {
			return err
		}
		req := peerplaypay.AssessRequested{UID: peerplaypay.NewUID()}
		for _, id := range itemIDs {
			it := f.Item(id)
			if it == nil {
				return peerplaypay.FieldErrorf("itemIds", "The item %q is not in the current framework.", id)
			}
			req.Items = append(req.Items, *it)
		}
		v = &peerplaypay.PeerView{RequestUID: req.UID, Peer: peer, ItemIDs: itemIDs, AskedAt: formatTime(tx.now), Answers: []peerplaypay.Answer{}}
		if _, err := tx.ExecContext(ctx, `INSERT INTO growth_peer_asks (uid, peer, item_ids, asked_at) VALUES (?, ?, ?, ?)`,
			v.RequestUID, peer, toJSON(itemIDs), v.AskedAt); err != nil {
			return err
		}
		return enqueueTo(ctx, tx, peerplaypay.EventAssessRequested, []string{peer}, req)
	})
	return v, err
}

// PeerViews returns our requests and their answers, newest first.
func (s *GrowthService) PeerViews(ctx context.Context) (out []*peerplaypay.PeerView, err error) {
	err = s.run(ctx, "read peer views", func(tx *Tx) error {
		out = []*peerplaypay.PeerView{}
		rows, err := tx.QueryContext(ctx, `SELECT uid, peer, item_ids, asked_at, coalesce(answered_at, ''), answers FROM growth_peer_asks ORDER BY asked_at DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v peerplaypay.PeerView
			var items, answers string
			if err := rows.Scan(&v.RequestUID, &v.Peer, &items, &v.AskedAt, &v.AnsweredAt, &answers); err != nil {
				return err
			}
			v.ItemIDs, v.Answers = fromJSON[[]string](items), fromJSON[[]peerplaypay.Answer](answers)
			if v.Answers == nil {
				v.Answers = []peerplaypay.Answer{}
			}
			out = append(out, &v)
		}
		return rows.Err()
	})
	return out, err
}

// PeerRequests returns peers' requests to us, newest first.
func (s *GrowthService) PeerRequests(ctx context.Context) (out []*peerplaypay.PeerRequest, err error) {
	err = s.run(ctx, "read peer requests", func(tx *Tx) error {
		out = []*peerplaypay.PeerRequest{}
		rows, err := tx.QueryContext(ctx, `SELECT uid, author, items, asked_at, answered FROM growth_peer_requests ORDER BY asked_at DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r peerplaypay.PeerRequest
			var items string
			if err := rows.Scan(&r.RequestUID, &r.From, &items, &r.AskedAt, &r.Answered); err != nil {
				return err
			}
			r.Items = fromJSON[[]peerplaypay.FrameworkItem](items)
			out = append(out, &r)
		}
		return rows.Err()
	})
	return out, err
}

// AnswerPeer sends our view to the member who asked, and only to them.
func (s *GrowthService) AnswerPeer(ctx context.Context, requestUID string, answers []peerplaypay.Answer) error {
	if len(answers) == 0 {
		return peerplaypay.FieldErrorf("answers", "Rate at least one of the items asked about.")
	}
	return s.run(ctx, "answer peer", func(tx *Tx) error {
		var author, items string
		var answered bool
		err := tx.QueryRowContext(ctx, `SELECT author, items, answered FROM growth_peer_requests WHERE uid = ?`, requestUID).Scan(&author, &items, &answered)
		if errors.Is(err, sql.ErrNoRows) {
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no such request for your view.")
		} else if err != nil {
			return err
		}
		if answered {
			return peerplaypay.Errorf(peerplaypay.ECONFLICT, "You have already answered this request.")
		}
		asked := map[string]bool{}
		for _, it := range fromJSON[[]peerplaypay.FrameworkItem](items) {
			asked[it.ID] = true
		}
		for i := range answers {
			a := &answers[i]
			a.Evidence, a.At = strings.TrimSpace(a.Evidence), formatTime(tx.now)
			if err := a.Validate(); err != nil {
				return err
			}
			if !asked[a.ItemID] {
				return peerplaypay.FieldErrorf("itemId", "The item %q was not asked about.", a.ItemID)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE growth_peer_requests SET answered = 1 WHERE uid = ? AND author = ?`, requestUID, author); err != nil {
			return err
		}
		return enqueueTo(ctx, tx, peerplaypay.EventAssessAnswered, []string{author}, peerplaypay.AssessAnswered{UID: requestUID, Answers: answers})
	})
}

// --- appliers of peers' growth events

// applyGrowthEvent applies a peer's growth event; malformed ones are
// skipped (see eventApplier).
func applyGrowthEvent(ctx context.Context, tx *Tx, author string, e peerplaypay.ShareEvent) (string, error) {
	switch e.Kind {
	case peerplaypay.EventFrameworkPublished:
		var d peerplaypay.FrameworkPublished
		if json.Unmarshal(e.Data, &d) != nil || d.UID == "" || d.UID == peerplaypay.DefaultFrameworkID || d.Version < 1 {
			return "", nil
		}
		f := &peerplaypay.Framework{ID: d.UID, Version: d.Version, Name: d.Name, Groups: d.Groups,
			Source: peerplaypay.FrameworkTeam, Author: author, UpdatedAt: formatTime(e.At)}
		if f.Validate() != nil {
			return "", nil
		}
		if err := insertFramework(ctx, tx, f); err != nil {
			return "", err
		}
		// The team's newest framework becomes everyone's, unless this
		// laptop already has a later version of the same one.
		cur, err := currentFramework(ctx, tx)
		if err != nil {
			return "", err
		}
		if cur.ID == f.ID && cur.Version >= f.Version {
			return "", nil
		}
		return "", setCurrentFramework(ctx, tx, f)
	case peerplaypay.EventAssessmentShared:
		var d peerplaypay.AssessmentShared
		if json.Unmarshal(e.Data, &d) != nil || d.UID == "" {
			return "", nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO growth_peer_sessions (author, uid, framework_uid, framework_version, day, levels)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (author, uid) DO NOTHING`, author, d.UID, d.FrameworkID, d.FrameworkVersion, d.Day, toJSON(d.Levels))
		return "", err
	case peerplaypay.EventAssessmentUnshared:
		var d peerplaypay.AssessmentUnshared
		if json.Unmarshal(e.Data, &d) != nil || d.UID == "" {
			return "", nil
		}
		// Only the author's own summary, and a summary already gone is no error.
		_, err := tx.ExecContext(ctx, `DELETE FROM growth_peer_sessions WHERE author = ? AND uid = ?`, author, d.UID)
		return "", err
	case peerplaypay.EventAssessRequested:
		var d peerplaypay.AssessRequested
		if json.Unmarshal(e.Data, &d) != nil || d.UID == "" || len(d.Items) == 0 {
			return "", nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO growth_peer_requests (uid, author, items, asked_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (author, uid) DO NOTHING`, d.UID, author, toJSON(d.Items), formatTime(e.At))
		return "", err
	case peerplaypay.EventAssessAnswered:
		var d peerplaypay.AssessAnswered
		if json.Unmarshal(e.Data, &d) != nil || d.UID == "" {
			return "", nil
		}
		// Only the member asked can answer, and only once.
		_, err := tx.ExecContext(ctx, `UPDATE growth_peer_asks SET answers = ?, answered_at = ? WHERE uid = ? AND peer = ? AND answered_at IS NULL`,
			toJSON(d.Answers), formatTime(e.At), d.UID, author)
		return "", err
	}
	return "", nil
}

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"peerplaypay/internal/peerplaypay"
)

// Goals: check-ins, and offers of help on peers' goals.

// CheckIn records progress on the member's goal id: the goal's measure
// moves with it.
func (s *GoalService) CheckIn(ctx context.Context, id int64, in peerplaypay.CheckinInput) (*peerplaypay.Checkin, error) {
	var out *peerplaypay.Checkin
	err := s.run(ctx, "check in", func(tx *Tx) error {
		g, err := own(ctx, tx, id, "check in on")
		if err != nil {
			return err
		}
		if err := in.Validate(g.Measure); err != nil {
			return err
		}
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		if in.MilestonesDone == nil {
			in.MilestonesDone = []string{}
		}
		var value float64
		switch g.Measure.Type {
		case peerplaypay.MeasureNumber, peerplaypay.MeasureScale:
			value = *in.Value
			g.Measure.Current = value
		case peerplaypay.MeasureMilestones:
			for i, m := range g.Measure.Milestones {
				for _, d := range in.MilestonesDone {
					if m.ID == d {
						g.Measure.Milestones[i].Done = true
					}
				}
			}
			g.Measure.Normalize()
			value = g.Measure.Current
		}
		if in.Confidence > 0 {
			g.Confidence = in.Confidence
		}
		g.Owner, g.UpdatedAt = v.p.Me, formatTime(tx.now)
		if g, err = saveGoal(ctx, tx, g); err != nil {
			return err
		}
		c := peerplaypay.CheckinAdded{UID: peerplaypay.NewUID(), GoalUID: g.UID, At: tx.now, Value: value,
			MilestonesDone: in.MilestonesDone, Confidence: in.Confidence, Note: in.Note}
		if err := insertCheckin(ctx, tx, "", "", c); err != nil {
			return err
		}
		cs, err := checkins(ctx, tx, v, "", g.UID)
		if err != nil {
			return err
		}
		for _, x := range cs {
			if x.UID == c.UID {
				out = x
			}
		}
		if err := tell(ctx, tx, g, peerplaypay.EventGoalSet, goalSet(g, v.p.Me)); err != nil {
			return err
		}
		return tell(ctx, tx, g, peerplaypay.EventCheckinAdded, c)
	})
	return out, err
}

func insertCheckin(ctx context.Context, tx *Tx, author, goalAuthor string, c peerplaypay.CheckinAdded) error {
	done, _ := json.Marshal(c.MilestonesDone)
	if c.MilestonesDone == nil {
		done = []byte("[]")
	}
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO goal_checkins (author, uid, goal_author, goal_uid, at, value, milestones_done, confidence, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, author, c.UID, goalAuthor, c.GoalUID, formatTime(c.At), c.Value, string(done), clamp5(c.Confidence), c.Note)
	return err
}

// OfferHelp records the member's offer of help on a peer's goal; the
// whole team sees it.
func (s *GoalService) OfferHelp(ctx context.Context, goalID int64, text string) (*peerplaypay.HelpOffer, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, peerplaypay.FieldErrorf("text", "Say what you can do to help.")
	}
	if len([]rune(text)) > peerplaypay.MaxHelpTextLen {
		return nil, peerplaypay.FieldErrorf("text", "Keep the offer to %d characters.", peerplaypay.MaxHelpTextLen)
	}
	var out *peerplaypay.HelpOffer
	err := s.run(ctx, "offer help", func(tx *Tx) error {
		g, err := findGoal(ctx, tx, goalID)
		if err != nil {
			return err
		}
		if g.author == "" {
			return peerplaypay.Errorf(peerplaypay.EINVALID, "“%s” is your own goal: say where you need help in it (the goal's “Where I need help”) instead.", g.Title)
		}
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		if err := rememberMe(ctx, tx, v.p.Me); err != nil {
			return err
		}
		d := peerplaypay.HelpOffered{UID: peerplaypay.NewUID(), GoalAuthor: g.author, GoalUID: g.UID, Text: text, At: tx.now}
		res, err := tx.ExecContext(ctx, `INSERT INTO goal_help_offers (author, uid, goal_author, goal_uid, text, at) VALUES ('', ?, ?, ?, ?, ?)`,
			d.UID, g.author, g.UID, text, formatTime(tx.now))
		if err != nil {
			return err
		}
		oid, _ := res.LastInsertId()
		os, err := offers(ctx, tx, v, `WHERE o.id = ?`, oid)
		if err != nil {
			return err
		}
		out = os[0]
		return enqueue(ctx, tx, peerplaypay.EventHelpOffered, d)
	})
	return out, err
}

// AcceptHelp accepts a peer's offer on one of the member's goals.
func (s *GoalService) AcceptHelp(ctx context.Context, offerID int64) (*peerplaypay.HelpOffer, error) {
	var out *peerplaypay.HelpOffer
	err := s.run(ctx, "accept help", func(tx *Tx) error {
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		var goalAuthor, goalUID, author, uid, accepted, logUID string
		err = tx.QueryRowContext(ctx, `SELECT goal_author, goal_uid, author, uid, accepted_at, log_uid FROM goal_help_offers WHERE id = ?`, offerID).
			Scan(&goalAuthor, &goalUID, &author, &uid, &accepted, &logUID)
		if errors.Is(err, sql.ErrNoRows) {
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no offer of help %d; it may have gone with its goal.", offerID)
		} else if err != nil {
			return err
		}
		if logUID != "" {
			// One offer ID names offers on goals and on logs alike.
			if v.p.Me == "" {
				return errNoTeam
			}
			out, err = acceptLogOffer(ctx, tx, v.p, offerID)
			return err
		}
		if goalAuthor != "" {
			return peerplaypay.Errorf(peerplaypay.ECONFLICT, "This offer is on a peer's goal: only the goal's owner accepts it.")
		}
		if accepted == "" {
			if _, err := tx.ExecContext(ctx, `UPDATE goal_help_offers SET accepted_at = ? WHERE id = ?`, formatTime(tx.now), offerID); err != nil {
				return err
			}
			g, err := goalByUID(ctx, tx, goalUID)
			if err != nil {
				return err
			}
			if g != nil && g.author == "" {
				if err := tell(ctx, tx, g, peerplaypay.EventHelpAccepted, peerplaypay.HelpAccepted{OfferAuthor: author, OfferUID: uid, At: tx.now}); err != nil {
					return err
				}
			}
		}
		os, err := offers(ctx, tx, v, `WHERE o.id = ?`, offerID)
		if err == nil {
			out = os[0]
		}
		return err
	})
	return out, err
}

// HelpRequests returns open goals that ask for help (any member's) and
// the member's goals with offers waiting, each with its offers.
func (s *GoalService) HelpRequests(ctx context.Context) ([]*peerplaypay.HelpRequest, error) {
	out := []*peerplaypay.HelpRequest{}
	err := s.read(ctx, "help requests", func(tx *Tx) error {
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		gs, err := queryGoals(ctx, tx, `WHERE g.status NOT IN ('achieved', 'dropped') AND (g.need_help <> '' OR (g.author = '' AND EXISTS
			(SELECT 1 FROM goal_help_offers h WHERE h.goal_author = '' AND h.goal_uid = g.uid AND h.accepted_at = ''))) ORDER BY g.updated_at DESC`)
		if err != nil {
			return err
		}
		for _, g := range gs {
			os, err := offers(ctx, tx, v, `WHERE o.goal_author = ? AND o.goal_uid = ? ORDER BY o.at, o.id`, g.author, g.UID)
			if err != nil {
				return err
			}
			out = append(out, &peerplaypay.HelpRequest{Goal: v.show(g), Offers: os})
		}
		return nil
	})
	return out, err
}

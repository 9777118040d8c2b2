package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"peerplaypay/internal/peerplaypay"
)

// Goals: creating, changing and deleting the member's own goals, and
// the events that tell the team.

// today is the member's local date, the one due dates are written in.

// checkTree refuses a parent that does not exist, would make a cycle, or
// is private under a team goal.
func checkTree(ctx context.Context, tx *Tx, uid, oldParent string, in *peerplaypay.GoalInput) error {
	if in.ParentUID == "" {
		return nil
	}
	if in.ParentUID == uid {
		return peerplaypay.FieldErrorf("parentUid", "A goal cannot serve itself; choose another parent goal, or none.")
	}
	p, err := goalByUID(ctx, tx, in.ParentUID)
	if err != nil {
		return err
	}
	if p == nil && in.ParentUID == oldParent {
		return nil // its owner deleted it meanwhile: editing must not force a new parent
	}
	if p == nil {
		return peerplaypay.FieldErrorf("parentUid", "The parent goal is not on this laptop (deleted, or not synced yet); choose another parent, or none.")
	}
	if p.Visibility == peerplaypay.VisibilityPrivate && in.Visibility == peerplaypay.VisibilityTeam {
		return peerplaypay.FieldErrorf("parentUid", "“%s” is private, so a goal the team sees cannot serve it: make this goal private too, or share the parent with the team.", p.Title)
	}
	if uid == "" {
		return nil // a new goal has no children: no cycle possible
	}
	// Walk up from the parent: meeting this goal means a cycle. The depth
	// bound keeps a cycle already stored (peers' goals) from looping.
	var n int
	err = tx.QueryRowContext(ctx, `WITH RECURSIVE up (uid, depth) AS (
			SELECT ?, 0
			UNION SELECT g.parent_uid, up.depth + 1 FROM goals g JOIN up ON g.uid = up.uid
			WHERE g.parent_uid <> '' AND up.depth < 1000)
		SELECT count(*) FROM up WHERE uid = ?`, in.ParentUID, uid).Scan(&n)
	if err != nil {
		return err
	}
	if n > 0 {
		return peerplaypay.FieldErrorf("parentUid", "“%s” already serves this goal (directly or through others), so this goal cannot serve it: that would make a circle. Choose a goal higher up, or none.", p.Title)
	}
	return nil
}

// goalSet is the goal.set data of an own goal.
func goalSet(g *goalRow, me string) peerplaypay.GoalSet {
	cs := make([]string, 0, len(g.Contributors))
	for _, c := range g.Contributors {
		cs = append(cs, c.ID)
	}
	created, _ := parseTime(g.CreatedAt)
	updated, _ := parseTime(g.UpdatedAt)
	return peerplaypay.GoalSet{UID: g.UID, Title: g.Title, Kind: g.Kind, Description: g.Description, Measure: g.Measure,
		Confidence: g.Confidence, Due: g.Due, Owner: me, Contributors: cs, Level: g.Level, ParentUID: g.ParentUID,
		OutcomeID: g.OutcomeID, OutcomeTitle: g.OutcomeTitle, Status: g.Status, StatusReason: g.StatusReason,
		NeedHelp: g.NeedHelp, CreatedAt: created, UpdatedAt: updated}
}

// tell queues the event of a change to own goal g, if the team sees g.
// This is the one place goal events are queued: a private goal never
// produces one.
func tell(ctx context.Context, tx *Tx, g *goalRow, kind string, data any) error {
	if g.Visibility != peerplaypay.VisibilityTeam {
		return nil
	}
	return enqueue(ctx, tx, kind, data)
}

// saveGoal writes own goal g (insert when g.ID is 0) and reads it back.
func saveGoal(ctx context.Context, tx *Tx, g *goalRow) (*goalRow, error) {
	measure, _ := json.Marshal(g.Measure)
	cs := make([]string, 0, len(g.Contributors))
	for _, c := range g.Contributors {
		cs = append(cs, c.ID)
	}
	contributors, _ := json.Marshal(cs)
	if g.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO goals (author, uid, owner, title, kind, description, measure, confidence, due,
			contributors, level, parent_uid, outcome_id, outcome_title, visibility, status, status_reason, need_help, created_at, updated_at)
			VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			g.UID, g.Owner, g.Title, g.Kind, g.Description, string(measure), g.Confidence, g.Due, string(contributors), g.Level,
			g.ParentUID, g.OutcomeID, g.OutcomeTitle, g.Visibility, g.Status, g.StatusReason, g.NeedHelp, g.CreatedAt, g.UpdatedAt)
		if err != nil {
			return nil, err
		}
		if g.ID, err = res.LastInsertId(); err != nil {
			return nil, err
		}
	} else if _, err := tx.ExecContext(ctx, `UPDATE goals SET owner = ?, title = ?, kind = ?, description = ?, measure = ?, confidence = ?,
		due = ?, contributors = ?, level = ?, parent_uid = ?, outcome_id = ?, outcome_title = ?, visibility = ?, status = ?,
		status_reason = ?, need_help = ?, updated_at = ? WHERE id = ? AND author = ''`,
		g.Owner, g.Title, g.Kind, g.Description, string(measure), g.Confidence, g.Due, string(contributors), g.Level, g.ParentUID,
		g.OutcomeID, g.OutcomeTitle, g.Visibility, g.Status, g.StatusReason, g.NeedHelp, g.UpdatedAt, g.ID); err != nil {
		return nil, err
	}
	return findGoal(ctx, tx, g.ID)
}

func outcomeTitle(ctx context.Context, tx *Tx, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	var t string
	err := tx.QueryRowContext(ctx, `SELECT title FROM job_outcomes WHERE id = ?`, id).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return "", peerplaypay.FieldErrorf("outcomeId", "That job outcome is no longer in your profile; choose another, or none.")
	}
	return t, err
}

func applyInput(g *goalRow, in peerplaypay.GoalInput) {
	g.Title, g.Kind, g.Description, g.Measure, g.Confidence, g.Due = in.Title, in.Kind, in.Description, in.Measure, in.Confidence, in.Due
	g.Level, g.ParentUID, g.OutcomeID, g.Visibility, g.NeedHelp = in.Level, in.ParentUID, in.OutcomeID, in.Visibility, in.NeedHelp
	g.Contributors = make([]peerplaypay.Member, 0, len(in.Contributors))
	for _, c := range in.Contributors {
		g.Contributors = append(g.Contributors, peerplaypay.Member{ID: c})
	}
}

// CreateGoal validates and stores a new goal of the member.
func (s *GoalService) CreateGoal(ctx context.Context, in peerplaypay.GoalInput) (*peerplaypay.Goal, error) {
	in.Normalize()
	var out *peerplaypay.Goal
	err := s.run(ctx, "create goal", func(tx *Tx) error {
		if err := in.Validate(localDay(tx.now), true); err != nil {
			return err
		}
		if err := checkTree(ctx, tx, "", "", &in); err != nil {
			return err
		}
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		if err := rememberMe(ctx, tx, v.p.Me); err != nil {
			return err
		}
		if in.Measure.Type == peerplaypay.MeasureNumber && in.Measure.Current == 0 {
			// Not said: a new goal stands at its start (a current of 0
			// against a start of 800 would read as far past the target).
			in.Measure.Current = in.Measure.Start
		}
		g := &goalRow{}
		applyInput(g, in)
		if g.OutcomeTitle, err = outcomeTitle(ctx, tx, in.OutcomeID); err != nil {
			return err
		}
		g.UID, g.Owner, g.Status = peerplaypay.NewUID(), v.p.Me, peerplaypay.StatusOnTrack
		g.CreatedAt, g.UpdatedAt = formatTime(tx.now), formatTime(tx.now)
		if g, err = saveGoal(ctx, tx, g); err != nil {
			return err
		}
		out = v.show(g)
		return tell(ctx, tx, g, peerplaypay.EventGoalSet, goalSet(g, v.p.Me))
	})
	return out, err
}

// own finds goal id and refuses a peer's: only its author changes a goal.
func own(ctx context.Context, tx *Tx, id int64, doing string) (*goalRow, error) {
	g, err := findGoal(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if g.author != "" {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "“%s” is a peer's goal: only its owner can %s it. Offer help, or propose a goal of your own that serves it.", g.Title, doing)
	}
	return g, nil
}

// UpdateGoal validates and replaces the member's goal id.
func (s *GoalService) UpdateGoal(ctx context.Context, id int64, in peerplaypay.GoalInput) (*peerplaypay.Goal, error) {
	in.Normalize()
	var out *peerplaypay.Goal
	err := s.run(ctx, "update goal", func(tx *Tx) error {
		g, err := own(ctx, tx, id, "change")
		if err != nil {
			return err
		}
		// A due date already past may stay; a new one must not be past.
		creating := in.Due != g.Due
		if err := in.Validate(localDay(tx.now), creating); err != nil {
			return err
		}
		if err := checkTree(ctx, tx, g.UID, g.ParentUID, &in); err != nil {
			return err
		}
		if t := in.Measure.Type; t == g.Measure.Type && (t == peerplaypay.MeasureNumber || t == peerplaypay.MeasureScale) {
			// Only check-ins move the value: an editor open during a
			// check-in would otherwise send the old one back.
			in.Measure.Current = g.Measure.Current
		}
		wasTeam := g.Visibility == peerplaypay.VisibilityTeam
		if wasTeam && in.Visibility == peerplaypay.VisibilityPrivate {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM goals WHERE parent_uid = ? AND visibility = 'team'`, g.UID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return peerplaypay.FieldErrorf("visibility", "%d goal(s) the team sees serve “%s”, so it cannot become private: give them another parent first, or keep this goal shared.", n, g.Title)
			}
		}
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		applyInput(g, in)
		if g.OutcomeTitle, err = outcomeTitle(ctx, tx, in.OutcomeID); err != nil {
			return err
		}
		g.Owner, g.UpdatedAt = v.p.Me, formatTime(tx.now)
		if g, err = saveGoal(ctx, tx, g); err != nil {
			return err
		}
		out = v.show(g)
		switch {
		case wasTeam && g.Visibility == peerplaypay.VisibilityPrivate:
			// Taken back: peers drop it, with its check-ins and offers.
			return enqueue(ctx, tx, peerplaypay.EventGoalDeleted, peerplaypay.GoalDeleted{UID: g.UID})
		case !wasTeam && g.Visibility == peerplaypay.VisibilityTeam:
			if err := tell(ctx, tx, g, peerplaypay.EventGoalSet, goalSet(g, v.p.Me)); err != nil {
				return err
			}
			return tellCheckins(ctx, tx, g)
		}
		return tell(ctx, tx, g, peerplaypay.EventGoalSet, goalSet(g, v.p.Me))
	})
	return out, err
}

// tellCheckins queues the history of a goal newly shared with the team.
func tellCheckins(ctx context.Context, tx *Tx, g *goalRow) error {
	cs, err := checkins(ctx, tx, viewer{}, "", g.UID)
	if err != nil {
		return err
	}
	for _, c := range cs {
		at, _ := parseTime(c.At)
		if err := tell(ctx, tx, g, peerplaypay.EventCheckinAdded, peerplaypay.CheckinAdded{UID: c.UID, GoalUID: g.UID, At: at,
			Value: c.Value, MilestonesDone: c.MilestonesDone, Confidence: c.Confidence, Note: c.Note}); err != nil {
			return err
		}
	}
	return nil
}

// SetGoalStatus changes the status of the member's goal id.
func (s *GoalService) SetGoalStatus(ctx context.Context, id int64, status peerplaypay.GoalStatus, reason string) (*peerplaypay.Goal, error) {
	reason = strings.TrimSpace(reason)
	if err := peerplaypay.ValidateStatus(status, reason); err != nil {
		return nil, err
	}
	var out *peerplaypay.Goal
	err := s.run(ctx, "set goal status", func(tx *Tx) error {
		g, err := own(ctx, tx, id, "change the status of")
		if err != nil {
			return err
		}
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		g.Status, g.StatusReason, g.Owner, g.UpdatedAt = status, reason, v.p.Me, formatTime(tx.now)
		if g, err = saveGoal(ctx, tx, g); err != nil {
			return err
		}
		out = v.show(g)
		return tell(ctx, tx, g, peerplaypay.EventGoalSet, goalSet(g, v.p.Me))
	})
	return out, err
}

// DeleteGoal deletes the member's goal id with its check-ins, offers and
// links; children says what becomes of the goals that serve it.
func (s *GoalService) DeleteGoal(ctx context.Context, id int64, children peerplaypay.DeleteChildren) error {
	switch children {
	case peerplaypay.ChildrenRefuse, peerplaypay.ChildrenLift, peerplaypay.ChildrenDetach, peerplaypay.ChildrenDelete:
	case "":
		children = peerplaypay.ChildrenRefuse
	default:
		return peerplaypay.FieldErrorf("children", "Say what to do with the goals that serve it: refuse, lift, detach or delete.")
	}
	return s.run(ctx, "delete goal", func(tx *Tx) error {
		g, err := own(ctx, tx, id, "delete")
		if err != nil {
			return err
		}
		me := s.people(ctx).Me
		kids, err := queryGoals(ctx, tx, `WHERE g.parent_uid = ? ORDER BY g.id`, g.UID)
		if err != nil {
			return err
		}
		if len(kids) > 0 && children == peerplaypay.ChildrenRefuse {
			return peerplaypay.Errorf(peerplaypay.ECONFLICT, "%d goal(s) serve “%s”. Say what to do with them: give them its parent (lift), leave them without a parent (detach), or delete your own ones too (delete).", len(kids), g.Title)
		}
		for _, k := range kids {
			if k.author != "" {
				continue // a peer's goal: its owner decides; it shows at the top meanwhile
			}
			switch children {
			case peerplaypay.ChildrenDelete:
				if err := deleteOwnTree(ctx, tx, k, 0); err != nil {
					return err
				}
				continue
			case peerplaypay.ChildrenLift:
				k.ParentUID = g.ParentUID
			default:
				k.ParentUID = ""
			}
			k.UpdatedAt = formatTime(tx.now)
			if _, err := saveGoal(ctx, tx, k); err != nil {
				return err
			}
			if err := tell(ctx, tx, k, peerplaypay.EventGoalSet, goalSet(k, me)); err != nil {
				return err
			}
		}
		return deleteOwnGoal(ctx, tx, g)
	})
}

// deleteOwnTree deletes own goal g and every own goal under it.
func deleteOwnTree(ctx context.Context, tx *Tx, g *goalRow, depth int) error {
	if depth > 100 {
		return nil
	}
	kids, err := queryGoals(ctx, tx, `WHERE g.parent_uid = ? AND g.author = ''`, g.UID)
	if err != nil {
		return err
	}
	for _, k := range kids {
		if err := deleteOwnTree(ctx, tx, k, depth+1); err != nil {
			return err
		}
	}
	return deleteOwnGoal(ctx, tx, g)
}

func deleteOwnGoal(ctx context.Context, tx *Tx, g *goalRow) error {
	if err := dropGoal(ctx, tx, "", g.UID); err != nil {
		return err
	}
	return tell(ctx, tx, g, peerplaypay.EventGoalDeleted, peerplaypay.GoalDeleted{UID: g.UID})
}

// dropGoal removes a goal of author and everything hanging on it.
func dropGoal(ctx context.Context, tx *Tx, author, uid string) error {
	for _, q := range []string{
		`DELETE FROM goals WHERE author = ? AND uid = ?`,
		`DELETE FROM goal_checkins WHERE goal_author = ? AND goal_uid = ?`,
		`DELETE FROM goal_help_offers WHERE goal_author = ? AND goal_uid = ?`,
		`DELETE FROM goal_logs WHERE goal_author = ? AND goal_uid = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, author, uid); err != nil {
			return err
		}
	}
	return nil
}

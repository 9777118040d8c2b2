package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"peerplaypay/internal/peerplaypay"
)

// Goals and the team share: applying peers' goal events, the goals a log
// carries, and what is queued again for a new team.

// mapAuthor turns a member ID named in a peer's event into the local
// author column: empty when it is this laptop's member.
func mapAuthor(me, id string) string {
	if id != "" && id == me {
		return ""
	}
	return id
}

// applyGoalEvent applies one goal event of author. A peer only ever
// writes rows of its own author: a goal.set never overwrites our goal,
// whatever uid it names.
func applyGoalEvent(ctx context.Context, tx *Tx, author string, e peerplaypay.ShareEvent) (string, error) {
	if author == "" {
		return "", nil
	}
	switch e.Kind {
	case peerplaypay.EventGoalSet:
		var d peerplaypay.GoalSet
		if err := json.Unmarshal(e.Data, &d); err != nil || !peerplaypay.IsUID(d.UID) || d.Title == "" {
			return "", nil
		}
		in := peerplaypay.GoalInput{Title: d.Title, Kind: d.Kind, Description: d.Description, Measure: d.Measure, Confidence: d.Confidence,
			Due: d.Due, Contributors: d.Contributors, Level: d.Level, ParentUID: d.ParentUID, OutcomeID: d.OutcomeID,
			Visibility: peerplaypay.VisibilityTeam, NeedHelp: d.NeedHelp}
		in.Normalize()
		if in.Validate("", false) != nil || peerplaypay.ValidateStatus(d.Status, d.StatusReason) != nil {
			return "", nil
		}
		measure, _ := json.Marshal(in.Measure)
		contributors, _ := json.Marshal(in.Contributors)
		updated := e.At
		if !d.UpdatedAt.IsZero() {
			updated = d.UpdatedAt
		}
		created := d.CreatedAt
		if created.IsZero() {
			created = e.At
		}
		// A member's events apply in the order of their chain, each once:
		// the last goal.set of a uid is the goal as its author has it.
		_, err := tx.ExecContext(ctx, `INSERT INTO goals (author, uid, owner, title, kind, description, measure, confidence, due,
			contributors, level, parent_uid, outcome_id, outcome_title, visibility, status, status_reason, need_help, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'team', ?, ?, ?, ?, ?)
			ON CONFLICT (author, uid) DO UPDATE SET owner = excluded.owner, title = excluded.title, kind = excluded.kind,
			description = excluded.description, measure = excluded.measure, confidence = excluded.confidence, due = excluded.due,
			contributors = excluded.contributors, level = excluded.level, parent_uid = excluded.parent_uid, outcome_id = excluded.outcome_id,
			outcome_title = excluded.outcome_title, status = excluded.status, status_reason = excluded.status_reason,
			need_help = excluded.need_help, updated_at = excluded.updated_at`,
			author, d.UID, author, in.Title, in.Kind, in.Description, string(measure), in.Confidence, in.Due, string(contributors), in.Level,
			in.ParentUID, in.OutcomeID, d.OutcomeTitle, d.Status, d.StatusReason, in.NeedHelp, formatTime(created), formatTime(updated))
		return "", err
	case peerplaypay.EventGoalDeleted:
		var d peerplaypay.GoalDeleted
		if err := json.Unmarshal(e.Data, &d); err != nil || d.UID == "" {
			return "", nil
		}
		return "", dropGoal(ctx, tx, author, d.UID)
	case peerplaypay.EventCheckinAdded:
		var d peerplaypay.CheckinAdded
		if err := json.Unmarshal(e.Data, &d); err != nil || !peerplaypay.IsUID(d.UID) || d.GoalUID == "" {
			return "", nil
		}
		if d.At.IsZero() {
			d.At = e.At
		}
		return "", insertCheckin(ctx, tx, author, author, d)
	case peerplaypay.EventHelpOffered:
		var d peerplaypay.HelpOffered
		if err := json.Unmarshal(e.Data, &d); err != nil || !peerplaypay.IsUID(d.UID) || d.GoalUID == "" || strings.TrimSpace(d.Text) == "" {
			return "", nil
		}
		if d.At.IsZero() {
			d.At = e.At
		}
		_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO goal_help_offers (author, uid, goal_author, goal_uid, text, at) VALUES (?, ?, ?, ?, ?, ?)`,
			author, d.UID, mapAuthor(myID(ctx, tx), d.GoalAuthor), d.GoalUID, d.Text, formatTime(d.At))
		return "", err
	case peerplaypay.EventHelpAccepted:
		var d peerplaypay.HelpAccepted
		if err := json.Unmarshal(e.Data, &d); err != nil || d.OfferUID == "" {
			return "", nil
		}
		if d.At.IsZero() {
			d.At = e.At
		}
		// Only the owner of the offer's goal accepts it.
		_, err := tx.ExecContext(ctx, `UPDATE goal_help_offers SET accepted_at = ?
			WHERE author = ? AND uid = ? AND goal_author = ? AND accepted_at = ''`,
			formatTime(d.At), mapAuthor(myID(ctx, tx), d.OfferAuthor), d.OfferUID, author)
		return "", err
	}
	return "", nil
}

// maxLogGoals bounds the links one log carries: more is not a stand-up.
const maxLogGoals = 50

// logTeamGoals returns the uids of the team goals own log uid worked on:
// a private goal's uid never leaves the laptop, not even as a link.
func logTeamGoals(ctx context.Context, tx *Tx, logUID string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT g.uid FROM goal_logs k JOIN logs l ON l.id = k.log_id
		JOIN goals g ON g.author = k.goal_author AND g.uid = k.goal_uid
		WHERE l.uid = ? AND g.visibility = 'team' ORDER BY g.uid`, logUID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var uid string
		if err := rows.Scan(&uid); err != nil {
			return nil, err
		}
		out = append(out, uid)
	}
	return out, rows.Err()
}

// withLogGoals adds the "worked on" team goals of own log uid to the data
// of its log.published event; data without any goals stays as it was.
func withLogGoals(ctx context.Context, tx *Tx, uid string, data json.RawMessage) (json.RawMessage, error) {
	goals, err := logTeamGoals(ctx, tx, uid)
	if err != nil || len(goals) == 0 {
		return data, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("log event data: %w", err)
	}
	m["goals"], _ = json.Marshal(goals)
	return json.Marshal(m)
}

// setPeerLogGoals replaces the goals a peer's log worked on.
func setPeerLogGoals(ctx context.Context, tx *Tx, author, logUID string, goals []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM peer_log_goals WHERE log_author = ? AND log_uid = ?`, author, logUID); err != nil {
		return err
	}
	for i, g := range goals {
		if i == maxLogGoals {
			break
		}
		if !peerplaypay.IsUID(g) {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO peer_log_goals (log_author, log_uid, goal_uid) VALUES (?, ?, ?)`, author, logUID, g); err != nil {
			return err
		}
	}
	return nil
}

// requeueGoals queues the member's team goals, with their check-ins, for
// a team that has not seen them.
func requeueGoals(ctx context.Context, tx *Tx) error {
	gs, err := queryGoals(ctx, tx, `WHERE g.author = '' AND g.visibility = 'team' ORDER BY g.id`)
	if err != nil {
		return err
	}
	me := myID(ctx, tx)
	for _, g := range gs {
		if err := tell(ctx, tx, g, peerplaypay.EventGoalSet, goalSet(g, me)); err != nil {
			return err
		}
		if err := tellCheckins(ctx, tx, g); err != nil {
			return err
		}
	}
	return nil
}

package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"peerplaypay/internal/peerplaypay"
)

// --- sessions

const sessionColumns = `id, uid, framework_uid, framework_version, started_at, coalesce(finished_at, ''), day, shared`

func scanSession(row scanner) (*peerplaypay.Session, error) {
	var x peerplaypay.Session
	err := row.Scan(&x.ID, &x.UID, &x.FrameworkID, &x.FrameworkVersion, &x.StartedAt, &x.FinishedAt, &x.Day, &x.Shared)
	x.Answers = []peerplaypay.Answer{}
	return &x, err
}

func loadSession(ctx context.Context, tx *Tx, id int64) (*peerplaypay.Session, error) {
	x, err := scanSession(tx.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM growth_sessions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no assessment session %d; it may have been discarded.", id)
	} else if err != nil {
		return nil, err
	}
	return x, loadAnswers(ctx, tx, []*peerplaypay.Session{x})
}

// loadAnswers fills the sessions' answers, in the order they were given.
func loadAnswers(ctx context.Context, tx *Tx, sessions []*peerplaypay.Session) error {
	for _, x := range sessions {
		rows, err := tx.QueryContext(ctx, `SELECT item_id, level, evidence, at FROM growth_answers WHERE session_id = ? ORDER BY at, item_id`, x.ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var a peerplaypay.Answer
			var at string
			if err := rows.Scan(&a.ItemID, &a.Level, &a.Evidence, &at); err != nil {
				rows.Close()
				return err
			}
			a.At = at
			x.Answers = append(x.Answers, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// CurrentSession returns the session in progress, or starts one against
// the current framework.
func (s *GrowthService) CurrentSession(ctx context.Context) (x *peerplaypay.Session, err error) {
	err = s.run(ctx, "start session", func(tx *Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM growth_sessions WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1`).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			f, err := currentFramework(ctx, tx)
			if err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO growth_sessions (uid, framework_uid, framework_version, started_at, day) VALUES (?, ?, ?, ?, ?)`,
				peerplaypay.NewUID(), f.ID, f.Version, formatTime(tx.now), localDay(tx.now))
			if err != nil {
				return err
			}
			id, _ = res.LastInsertId()
		} else if err != nil {
			return err
		}
		x, err = loadSession(ctx, tx, id)
		return err
	})
	return x, err
}

func openSession(ctx context.Context, tx *Tx, id int64) (*peerplaypay.Session, error) {
	x, err := loadSession(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if x.FinishedAt != "" {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "This assessment was finished on %s; start a new one to rate again.", x.Day)
	}
	return x, nil
}

// Answer saves one rating of an unfinished session at once, replacing an
// earlier rating of the same item: a session cut short keeps it.
func (s *GrowthService) Answer(ctx context.Context, sessionID int64, a peerplaypay.Answer) (x *peerplaypay.Session, err error) {
	a.Evidence = strings.TrimSpace(a.Evidence)
	if err := a.Validate(); err != nil {
		return nil, err
	}
	err = s.run(ctx, "save answer", func(tx *Tx) error {
		if x, err = openSession(ctx, tx, sessionID); err != nil {
			return err
		}
		f, err := loadFramework(ctx, tx, x.FrameworkID, x.FrameworkVersion)
		if err != nil {
			return err
		}
		if f.Item(a.ItemID) == nil {
			return peerplaypay.FieldErrorf("itemId", "The item %q is not in the framework this session uses (%s, version %d).", a.ItemID, f.Name, f.Version)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO growth_answers (session_id, item_id, level, evidence, at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (session_id, item_id) DO UPDATE SET level = excluded.level, evidence = excluded.evidence, at = excluded.at`,
			sessionID, a.ItemID, a.Level, a.Evidence, formatTime(tx.now)); err != nil {
			return err
		}
		x, err = loadSession(ctx, tx, sessionID)
		return err
	})
	return x, err
}

// FinishSession makes the session a dated snapshot. With share, its
// summary (levels, never evidence) goes to the team: the one way a session
// leaves this laptop.
func (s *GrowthService) FinishSession(ctx context.Context, sessionID int64, share bool) (x *peerplaypay.Session, err error) {
	err = s.run(ctx, "finish session", func(tx *Tx) error {
		if x, err = openSession(ctx, tx, sessionID); err != nil {
			return err
		}
		if len(x.Answers) == 0 {
			return peerplaypay.Errorf(peerplaypay.EINVALID, "Rate at least one item before finishing, or discard the session.")
		}
		if share {
			if err := needTeam(ctx, tx); err != nil {
				return err
			}
		}
		x.FinishedAt, x.Day, x.Shared = formatTime(tx.now), localDay(tx.now), share
		if _, err := tx.ExecContext(ctx, `UPDATE growth_sessions SET finished_at = ?, day = ?, shared = ? WHERE id = ?`,
			x.FinishedAt, x.Day, share, x.ID); err != nil {
			return err
		}
		if !share {
			return nil
		}
		return enqueueSummary(ctx, tx, x)
	})
	return x, err
}

// enqueueSummary queues a session's summary: its levels, never its evidence.
func enqueueSummary(ctx context.Context, tx *Tx, x *peerplaypay.Session) error {
	sum := peerplaypay.AssessmentShared{UID: x.UID, FrameworkID: x.FrameworkID, FrameworkVersion: x.FrameworkVersion, Day: x.Day,
		Levels: []peerplaypay.ItemLevel{}}
	for _, a := range x.Answers {
		sum.Levels = append(sum.Levels, peerplaypay.ItemLevel{ItemID: a.ItemID, Level: a.Level})
	}
	return enqueue(ctx, tx, peerplaypay.EventAssessmentShared, sum)
}

func finishedSession(ctx context.Context, tx *Tx, id int64) (*peerplaypay.Session, error) {
	x, err := loadSession(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if x.FinishedAt == "" {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "This assessment is still in progress; finish it first, then choose whether to share it.")
	}
	return x, nil
}

// ShareSession sends a finished session's summary to the team, as finishing
// with share does; a session already shared is left as it is.
func (s *GrowthService) ShareSession(ctx context.Context, sessionID int64) (x *peerplaypay.Session, err error) {
	err = s.run(ctx, "share session", func(tx *Tx) error {
		if x, err = finishedSession(ctx, tx, sessionID); err != nil || x.Shared {
			return err
		}
		if err := needTeam(ctx, tx); err != nil {
			return err
		}
		x.Shared = true
		if _, err := tx.ExecContext(ctx, `UPDATE growth_sessions SET shared = 1 WHERE id = ?`, x.ID); err != nil {
			return err
		}
		return enqueueSummary(ctx, tx, x)
	})
	return x, err
}

// UnshareSession takes a shared summary back: a tombstone tells peers to
// drop their copy. It needs no team: a member who left may still mark it,
// and the tombstone waits in the outbox like any event.
func (s *GrowthService) UnshareSession(ctx context.Context, sessionID int64) (x *peerplaypay.Session, err error) {
	err = s.run(ctx, "take back session", func(tx *Tx) error {
		if x, err = finishedSession(ctx, tx, sessionID); err != nil || !x.Shared {
			return err
		}
		x.Shared = false
		if _, err := tx.ExecContext(ctx, `UPDATE growth_sessions SET shared = 0 WHERE id = ?`, x.ID); err != nil {
			return err
		}
		return enqueue(ctx, tx, peerplaypay.EventAssessmentUnshared, peerplaypay.AssessmentUnshared{UID: x.UID})
	})
	return x, err
}

// TeamSummaries returns the summaries teammates shared, newest first, with
// item names from the framework version each used when it is here.
func (s *GrowthService) TeamSummaries(ctx context.Context) (out []*peerplaypay.TeamSummary, err error) {
	err = s.run(ctx, "read team summaries", func(tx *Tx) error {
		out = []*peerplaypay.TeamSummary{}
		rows, err := tx.QueryContext(ctx, `SELECT author, uid, day, framework_uid, framework_version, levels FROM growth_peer_sessions
			ORDER BY day DESC, rowid DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var x peerplaypay.TeamSummary
			var levels string
			if err := rows.Scan(&x.Member, &x.UID, &x.Day, &x.FrameworkID, &x.FrameworkVersion, &levels); err != nil {
				return err
			}
			x.Levels = []peerplaypay.TeamLevel{}
			for _, l := range fromJSON[[]peerplaypay.ItemLevel](levels) {
				x.Levels = append(x.Levels, peerplaypay.TeamLevel{ItemID: l.ItemID, Level: l.Level})
			}
			out = append(out, &x)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		frameworks := map[string]*peerplaypay.Framework{}
		for _, x := range out {
			key := fmt.Sprintf("%s@%d", x.FrameworkID, x.FrameworkVersion)
			f, ok := frameworks[key]
			if !ok {
				if f, err = loadFramework(ctx, tx, x.FrameworkID, x.FrameworkVersion); peerplaypay.ErrorCode(err) == peerplaypay.ENOTFOUND {
					f, err = nil, nil
				} else if err != nil {
					return err
				}
				frameworks[key] = f
			}
			if f != nil {
				x.FrameworkName = f.Name
				nameLevels(f, x.Levels)
			}
		}
		return nil
	})
	return out, err
}

// nameLevels fills the item and group names of levels from f, in f's order.
func nameLevels(f *peerplaypay.Framework, levels []peerplaypay.TeamLevel) {
	pos := map[string]int{}
	for _, g := range f.Groups {
		for _, it := range g.Items {
			pos[it.ID] = len(pos)
			for i := range levels {
				if levels[i].ItemID == it.ID {
					levels[i].ItemName, levels[i].GroupID, levels[i].GroupName = it.Name, g.ID, g.Name
				}
			}
		}
	}
	// The framework's order keeps a group's items together; items it does
	// not know go last, as sent.
	sort.SliceStable(levels, func(i, j int) bool {
		pi, iok := pos[levels[i].ItemID]
		pj, jok := pos[levels[j].ItemID]
		if iok != jok {
			return iok
		}
		return iok && pi < pj
	})
}

// DiscardSession deletes a session in progress and its answers.
func (s *GrowthService) DiscardSession(ctx context.Context, sessionID int64) error {
	return s.run(ctx, "discard session", func(tx *Tx) error {
		if _, err := openSession(ctx, tx, sessionID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM growth_sessions WHERE id = ?`, sessionID)
		return err
	})
}

// Sessions returns the finished sessions, oldest first, with answers.
func (s *GrowthService) Sessions(ctx context.Context) (out []*peerplaypay.Session, err error) {
	err = s.run(ctx, "read sessions", func(tx *Tx) error {
		out = []*peerplaypay.Session{}
		rows, err := tx.QueryContext(ctx, `SELECT `+sessionColumns+` FROM growth_sessions WHERE finished_at IS NOT NULL ORDER BY finished_at, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			x, err := scanSession(rows)
			if err != nil {
				return err
			}
			out = append(out, x)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		return loadAnswers(ctx, tx, out)
	})
	return out, err
}

// LastRatings returns each item's rating in the latest finished session
// that rated it.
func (s *GrowthService) LastRatings(ctx context.Context) (out []peerplaypay.LastRating, err error) {
	err = s.run(ctx, "read last ratings", func(tx *Tx) error {
		out = []peerplaypay.LastRating{}
		rows, err := tx.QueryContext(ctx, `SELECT a.item_id, a.level, s.day, a.evidence FROM growth_answers a
			JOIN growth_sessions s ON s.id = a.session_id WHERE s.finished_at IS NOT NULL
			ORDER BY s.finished_at DESC, s.id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		seen := map[string]bool{}
		for rows.Next() {
			var r peerplaypay.LastRating
			if err := rows.Scan(&r.ItemID, &r.Level, &r.Day, &r.Evidence); err != nil {
				return err
			}
			if !seen[r.ItemID] {
				seen[r.ItemID] = true
				out = append(out, r)
			}
		}
		return rows.Err()
	})
	return out, err
}

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// Settings keys of growth.
const (
	settingFramework         = "growth.framework" // "uid@version" of the current framework
	settingReflectionMinutes = "growth.reflectionMinutes"
)

// GrowthService stores the growth area. It is private by default: only
// FinishSession with share, ShareSession, UnshareSession, PublishFramework,
// AskPeer and AnswerPeer queue share events.
type GrowthService struct {
	db *DB
}

var _ peerplaypay.GrowthService = (*GrowthService)(nil)

// NewGrowthService returns a GrowthService on db.
func NewGrowthService(db *DB) *GrowthService { return &GrowthService{db: db} }

func (s *GrowthService) run(ctx context.Context, what string, fn func(*Tx) error) error {
	return s.db.write(ctx, what, fn)
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func fromJSON[T any](s string) T {
	var v T
	json.Unmarshal([]byte(s), &v)
	return v
}

// --- frameworks

func insertFramework(ctx context.Context, tx *Tx, f *peerplaypay.Framework) error {
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO growth_frameworks (uid, version, name, source, author, groups, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, f.ID, f.Version, f.Name, f.Source, f.Author, toJSON(f.Groups), f.UpdatedAt)
	return err
}

func loadFramework(ctx context.Context, tx *Tx, uid string, version int) (*peerplaypay.Framework, error) {
	f := &peerplaypay.Framework{ID: uid, Version: version}
	var groups, created string
	err := tx.QueryRowContext(ctx, `SELECT name, source, author, groups, created_at FROM growth_frameworks WHERE uid = ? AND version = ?`,
		uid, version).Scan(&f.Name, &f.Source, &f.Author, &groups, &created)
	if errors.Is(err, sql.ErrNoRows) {
		if uid == peerplaypay.DefaultFrameworkID && version == 1 {
			return ensureDefault(ctx, tx)
		}
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "Version %d of the framework %s is not on this laptop.", version, uid)
	} else if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(groups), &f.Groups); err != nil {
		return nil, fmt.Errorf("read framework %s@%d: %w", uid, version, err)
	}
	f.UpdatedAt = created
	return f, nil
}

// ensureDefault stores the built-in framework on first use, so sessions
// made against it keep its text even if a later version of the app
// changes the built-in one.
func ensureDefault(ctx context.Context, tx *Tx) (*peerplaypay.Framework, error) {
	f := peerplaypay.DefaultFramework()
	f.UpdatedAt = formatTime(tx.now)
	if err := insertFramework(ctx, tx, f); err != nil {
		return nil, err
	}
	return loadFramework(ctx, tx, f.ID, f.Version)
}

func currentFramework(ctx context.Context, tx *Tx) (*peerplaypay.Framework, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, settingFramework).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return ensureDefault(ctx, tx)
	} else if err != nil {
		return nil, err
	}
	uid, ver, _ := strings.Cut(v, "@")
	n, _ := strconv.Atoi(ver)
	return loadFramework(ctx, tx, uid, n)
}

func setCurrentFramework(ctx context.Context, tx *Tx, f *peerplaypay.Framework) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingFramework, fmt.Sprintf("%s@%d", f.ID, f.Version))
	return err
}

// Framework returns the current framework.
func (s *GrowthService) Framework(ctx context.Context) (f *peerplaypay.Framework, err error) {
	err = s.run(ctx, "read framework", func(tx *Tx) error {
		f, err = currentFramework(ctx, tx)
		return err
	})
	return f, err
}

// FrameworkVersion returns one stored version of a framework.
func (s *GrowthService) FrameworkVersion(ctx context.Context, id string, version int) (f *peerplaypay.Framework, err error) {
	err = s.run(ctx, "read framework", func(tx *Tx) error {
		f, err = loadFramework(ctx, tx, id, version)
		return err
	})
	return f, err
}

// SaveFramework stores f as a new version and makes it current. Editing
// our own framework (published by us or not) adds a version to it; editing
// the built-in or another member's one starts our own from there, so
// versions never clash with a publisher's.
func (s *GrowthService) SaveFramework(ctx context.Context, f *peerplaypay.Framework) (saved *peerplaypay.Framework, err error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	err = s.run(ctx, "save framework", func(tx *Tx) error {
		cur, err := currentFramework(ctx, tx)
		if err != nil {
			return err
		}
		n := &peerplaypay.Framework{ID: cur.ID, Name: strings.TrimSpace(f.Name), Groups: f.Groups,
			Source: peerplaypay.FrameworkLocal, UpdatedAt: formatTime(tx.now)}
		if ours := cur.Source == peerplaypay.FrameworkLocal || (cur.Source == peerplaypay.FrameworkTeam && cur.Author == ""); !ours {
			n.ID = peerplaypay.NewUID()
		}
		if err := tx.QueryRowContext(ctx, `SELECT max(coalesce((SELECT max(version) FROM growth_frameworks WHERE uid = ?), 0), ?) + 1`,
			n.ID, cur.Version).Scan(&n.Version); err != nil {
			return err
		}
		if err := insertFramework(ctx, tx, n); err != nil {
			return err
		}
		saved = n
		return setCurrentFramework(ctx, tx, n)
	})
	return saved, err
}

// ResetFramework makes the built-in framework current again.
func (s *GrowthService) ResetFramework(ctx context.Context) (f *peerplaypay.Framework, err error) {
	err = s.run(ctx, "reset framework", func(tx *Tx) error {
		if f, err = ensureDefault(ctx, tx); err != nil {
			return err
		}
		return setCurrentFramework(ctx, tx, f)
	})
	return f, err
}

// PublishFramework sends the current framework to the team
// (framework.published). The built-in one is published under a new ID.
func (s *GrowthService) PublishFramework(ctx context.Context) (f *peerplaypay.Framework, err error) {
	err = s.run(ctx, "publish framework", func(tx *Tx) error {
		if err := needTeam(ctx, tx); err != nil {
			return err
		}
		if f, err = currentFramework(ctx, tx); err != nil {
			return err
		}
		if f.ID == peerplaypay.DefaultFrameworkID {
			f.ID, f.Source, f.UpdatedAt = peerplaypay.NewUID(), peerplaypay.FrameworkTeam, formatTime(tx.now)
			if err := insertFramework(ctx, tx, f); err != nil {
				return err
			}
			if err := setCurrentFramework(ctx, tx, f); err != nil {
				return err
			}
		} else if f.Source == peerplaypay.FrameworkLocal {
			f.Source = peerplaypay.FrameworkTeam
			if _, err := tx.ExecContext(ctx, `UPDATE growth_frameworks SET source = 'team' WHERE uid = ? AND version = ?`, f.ID, f.Version); err != nil {
				return err
			}
		}
		return enqueue(ctx, tx, peerplaypay.EventFrameworkPublished,
			peerplaypay.FrameworkPublished{UID: f.ID, Version: f.Version, Name: f.Name, Groups: f.Groups})
	})
	return f, err
}

func needTeam(ctx context.Context, tx *Tx) error {
	var state string
	err := tx.QueryRowContext(ctx, `SELECT state FROM share_team WHERE id = 1`).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && state != string(peerplaypay.TeamMember)) {
		return peerplaypay.Errorf(peerplaypay.EINVALID, "This needs a team share: create or join a team first (Team area, or `peerplaypay team`).")
	}
	return err
}

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

// --- plans

func scanPlan(row scanner) (*peerplaypay.Plan, error) {
	var p peerplaypay.Plan
	var items, actions, resources, updated string
	if err := row.Scan(&p.ID, &items, &p.Why, &actions, &resources, &p.Target, &p.GoalID, &p.Done, &updated); err != nil {
		return nil, err
	}
	p.ItemIDs, p.Actions, p.Resources = fromJSON[[]string](items), fromJSON[[]string](actions), fromJSON[[]string](resources)
	p.UpdatedAt = updated
	return &p, nil
}

const planColumns = `id, item_ids, why, actions, resources, target, goal_id, done, updated_at`

// Plans returns the development plans, open ones first.
func (s *GrowthService) Plans(ctx context.Context) (out []*peerplaypay.Plan, err error) {
	err = s.run(ctx, "read plans", func(tx *Tx) error {
		out = []*peerplaypay.Plan{}
		rows, err := tx.QueryContext(ctx, `SELECT `+planColumns+` FROM growth_plans ORDER BY done, target = '', target, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPlan(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

func nonEmpty(ss []string) []string {
	out := []string{}
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// SavePlan creates (ID 0) or updates a plan.
func (s *GrowthService) SavePlan(ctx context.Context, p *peerplaypay.Plan) (saved *peerplaypay.Plan, err error) {
	p.ItemIDs, p.Actions, p.Resources, p.Why = nonEmpty(p.ItemIDs), nonEmpty(p.Actions), nonEmpty(p.Resources), strings.TrimSpace(p.Why)
	if err := p.Validate(); err != nil {
		return nil, err
	}
	err = s.run(ctx, "save plan", func(tx *Tx) error {
		args := []any{toJSON(p.ItemIDs), p.Why, toJSON(p.Actions), toJSON(p.Resources), p.Target, p.GoalID, p.Done, formatTime(tx.now)}
		id := p.ID
		if id == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO growth_plans (item_ids, why, actions, resources, target, goal_id, done, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, args...)
			if err != nil {
				return err
			}
			id, _ = res.LastInsertId()
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE growth_plans SET item_ids = ?, why = ?, actions = ?, resources = ?, target = ?,
				goal_id = ?, done = ?, updated_at = ? WHERE id = ?`, append(args, id)...)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no plan %d; it may have been deleted.", id)
			}
		}
		saved, err = scanPlan(tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM growth_plans WHERE id = ?`, id))
		return err
	})
	return saved, err
}

// DeletePlan deletes a plan.
func (s *GrowthService) DeletePlan(ctx context.Context, id int64) error {
	return s.run(ctx, "delete plan", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM growth_plans WHERE id = ?`, id)
		return err
	})
}

// SetPlanGoal records the goal made from a plan.
func (s *GrowthService) SetPlanGoal(ctx context.Context, id, goalID int64) (p *peerplaypay.Plan, err error) {
	err = s.run(ctx, "link plan", func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE growth_plans SET goal_id = ?, updated_at = ? WHERE id = ?`, goalID, formatTime(tx.now), id); err != nil {
			return err
		}
		p, err = scanPlan(tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM growth_plans WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no plan %d; it may have been deleted.", id)
		}
		return err
	})
	return p, err
}

// --- learning

// dayRange fills an empty from or to with the widest range.
func dayRange(from, to string) (string, string, error) {
	if from == "" {
		from = "0000-01-01"
	} else if !peerplaypay.ValidDay(from) {
		return "", "", peerplaypay.FieldErrorf("from", "%q is not a date like 2026-03-31.", from)
	}
	if to == "" {
		to = "9999-12-31"
	} else if !peerplaypay.ValidDay(to) {
		return "", "", peerplaypay.FieldErrorf("to", "%q is not a date like 2026-03-31.", to)
	}
	return from, to, nil
}

// Learning returns the learning log between two days (inclusive), newest first.
func (s *GrowthService) Learning(ctx context.Context, from, to string) (out []*peerplaypay.Learning, err error) {
	if from, to, err = dayRange(from, to); err != nil {
		return nil, err
	}
	err = s.run(ctx, "read learning", func(tx *Tx) error {
		out = []*peerplaypay.Learning{}
		rows, err := tx.QueryContext(ctx, `SELECT id, day, kind, what, minutes, takeaways, item_ids FROM growth_learning
			WHERE day BETWEEN ? AND ? ORDER BY day DESC, id DESC`, from, to)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var l peerplaypay.Learning
			var items string
			if err := rows.Scan(&l.ID, &l.Day, &l.Kind, &l.What, &l.Minutes, &l.Takeaways, &items); err != nil {
				return err
			}
			l.ItemIDs = fromJSON[[]string](items)
			out = append(out, &l)
		}
		return rows.Err()
	})
	return out, err
}

// AddLearning adds an entry to the learning log (Day empty: today).
func (s *GrowthService) AddLearning(ctx context.Context, l *peerplaypay.Learning) (*peerplaypay.Learning, error) {
	if l.Kind == "" {
		l.Kind = peerplaypay.LearnRead
	}
	l.What, l.Takeaways, l.ItemIDs = strings.TrimSpace(l.What), strings.TrimSpace(l.Takeaways), nonEmpty(l.ItemIDs)
	if err := l.Validate(); err != nil {
		return nil, err
	}
	err := s.run(ctx, "add learning", func(tx *Tx) error {
		if l.Day == "" {
			l.Day = localDay(tx.now)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO growth_learning (day, kind, what, minutes, takeaways, item_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			l.Day, l.Kind, l.What, l.Minutes, l.Takeaways, toJSON(l.ItemIDs), formatTime(tx.now))
		if err != nil {
			return err
		}
		l.ID, err = res.LastInsertId()
		return err
	})
	return l, err
}

// DeleteLearning deletes an entry of the learning log.
func (s *GrowthService) DeleteLearning(ctx context.Context, id int64) error {
	return s.run(ctx, "delete learning", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM growth_learning WHERE id = ?`, id)
		return err
	})
}

// --- daily basics

// Basics returns every basic (archived ones too, for past ticks) and the
// ticks between two days.
func (s *GrowthService) Basics(ctx context.Context, from, to string) (r *peerplaypay.BasicsRange, err error) {
	if from, to, err = dayRange(from, to); err != nil {
		return nil, err
	}
	r = &peerplaypay.BasicsRange{From: from, To: to, Basics: []peerplaypay.Basic{}, Ticks: []peerplaypay.Tick{}}
	err = s.run(ctx, "read basics", func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, title, archived, ord FROM growth_basics ORDER BY ord, id`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var b peerplaypay.Basic
			if err := rows.Scan(&b.ID, &b.Title, &b.Archived, &b.Order); err != nil {
				rows.Close()
				return err
			}
			r.Basics = append(r.Basics, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT basic_id, day FROM growth_ticks WHERE day BETWEEN ? AND ? ORDER BY day, basic_id`, from, to)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t peerplaypay.Tick
			if err := rows.Scan(&t.BasicID, &t.Day); err != nil {
				return err
			}
			r.Ticks = append(r.Ticks, t)
		}
		return rows.Err()
	})
	return r, err
}

// SaveBasic creates (ID 0) or updates a daily basic.
func (s *GrowthService) SaveBasic(ctx context.Context, b *peerplaypay.Basic) (*peerplaypay.Basic, error) {
	b.Title = strings.TrimSpace(b.Title)
	if err := b.Validate(); err != nil {
		return nil, err
	}
	err := s.run(ctx, "save basic", func(tx *Tx) error {
		if b.ID == 0 {
			if b.Order == 0 {
				tx.QueryRowContext(ctx, `SELECT coalesce(max(ord), 0) + 1 FROM growth_basics`).Scan(&b.Order)
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO growth_basics (title, archived, ord) VALUES (?, ?, ?)`, b.Title, b.Archived, b.Order)
			if err != nil {
				return err
			}
			b.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE growth_basics SET title = ?, archived = ?, ord = ? WHERE id = ?`, b.Title, b.Archived, b.Order, b.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no daily basic %d.", b.ID)
		}
		return nil
	})
	return b, err
}

// Tick marks a basic done (or not) on a day.
func (s *GrowthService) Tick(ctx context.Context, basicID int64, day string, done bool) error {
	if !peerplaypay.ValidDay(day) {
		return peerplaypay.FieldErrorf("day", "%q is not a date like 2026-03-31.", day)
	}
	return s.run(ctx, "tick basic", func(tx *Tx) error {
		var n int
		tx.QueryRowContext(ctx, `SELECT count(*) FROM growth_basics WHERE id = ?`, basicID).Scan(&n)
		if n == 0 {
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no daily basic %d.", basicID)
		}
		q := `DELETE FROM growth_ticks WHERE basic_id = ? AND day = ?`
		if done {
			q = `INSERT OR IGNORE INTO growth_ticks (basic_id, day) VALUES (?, ?)`
		}
		_, err := tx.ExecContext(ctx, q, basicID, day)
		return err
	})
}

// --- reflection

// Reflections returns the reflections between two days, newest first.
func (s *GrowthService) Reflections(ctx context.Context, from, to string) (out []*peerplaypay.Reflection, err error) {
	if from, to, err = dayRange(from, to); err != nil {
		return nil, err
	}
	err = s.run(ctx, "read reflections", func(tx *Tx) error {
		out = []*peerplaypay.Reflection{}
		rows, err := tx.QueryContext(ctx, `SELECT id, day, started_at, minutes, prompt, note FROM growth_reflections
			WHERE day BETWEEN ? AND ? ORDER BY day DESC, started_at DESC, id DESC`, from, to)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r peerplaypay.Reflection
			if err := rows.Scan(&r.ID, &r.Day, &r.StartedAt, &r.Minutes, &r.Prompt, &r.Note); err != nil {
				return err
			}
			out = append(out, &r)
		}
		return rows.Err()
	})
	return out, err
}

// SaveReflection creates (ID 0) or updates a reflection.
func (s *GrowthService) SaveReflection(ctx context.Context, r *peerplaypay.Reflection) (*peerplaypay.Reflection, error) {
	r.Note = strings.TrimSpace(r.Note)
	if err := r.Validate(); err != nil {
		return nil, err
	}
	err := s.run(ctx, "save reflection", func(tx *Tx) error {
		if r.StartedAt == "" {
			r.StartedAt = formatTime(tx.now.Add(-time.Duration(r.Minutes) * time.Minute))
		}
		t, err := time.Parse(time.RFC3339Nano, r.StartedAt)
		if err != nil {
			return peerplaypay.FieldErrorf("startedAt", "%q is not a time like 2026-03-31T09:00:00Z.", r.StartedAt)
		}
		if r.Day == "" {
			r.Day = localDay(t)
		}
		if r.ID == 0 {
			// The entry is written: the reflection under way is over.
			if err := forgetTimer(ctx)(tx); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO growth_reflections (day, started_at, minutes, prompt, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				r.Day, r.StartedAt, r.Minutes, r.Prompt, r.Note, formatTime(tx.now))
			if err != nil {
				return err
			}
			r.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE growth_reflections SET day = ?, started_at = ?, minutes = ?, prompt = ?, note = ?, updated_at = ? WHERE id = ?`,
			r.Day, r.StartedAt, r.Minutes, r.Prompt, r.Note, formatTime(tx.now), r.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no reflection %d.", r.ID)
		}
		return nil
	})
	return r, err
}

// Prompt returns the journal prompt of now: it changes every day and after
// every saved reflection, so the same question does not come back soon.
func (s *GrowthService) Prompt(ctx context.Context) (p string, err error) {
	err = s.run(ctx, "read prompt", func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM growth_reflections`).Scan(&n); err != nil {
			return err
		}
		day, _ := time.Parse(time.DateOnly, localDay(tx.now))
		days := int(day.Unix() / 86400)
		p = peerplaypay.JournalPrompts[(days+n)%len(peerplaypay.JournalPrompts)]
		return nil
	})
	return p, err
}

// --- today's practice and settings

func reflectionTarget(ctx context.Context, tx *Tx) (int, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, settingReflectionMinutes).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return peerplaypay.DefaultReflectionMinutes, nil
	} else if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return peerplaypay.DefaultReflectionMinutes, nil
	}
	return n, nil
}

// Practice returns a day's daily practice (day empty: today). The week of
// learning runs from that day's Monday to the day.
func (s *GrowthService) Practice(ctx context.Context, day string) (p *peerplaypay.Practice, err error) {
	if day != "" && !peerplaypay.ValidDay(day) {
		return nil, peerplaypay.FieldErrorf("day", "%q is not a date like 2026-03-31.", day)
	}
	err = s.run(ctx, "read practice", func(tx *Tx) error {
		if day == "" {
			day = localDay(tx.now)
		}
		d, _ := time.Parse(time.DateOnly, day)
		monday := d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)).Format(time.DateOnly)
		p = &peerplaypay.Practice{Day: day}
		if p.ReflectionTarget, err = reflectionTarget(ctx, tx); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT
			EXISTS (SELECT 1 FROM logs WHERE day = ?1 AND status <> 'recording'),
			(SELECT count(*) FROM growth_ticks t JOIN growth_basics b ON b.id = t.basic_id WHERE t.day = ?1 AND b.archived = 0),
			(SELECT count(*) FROM growth_basics WHERE archived = 0),
			(SELECT coalesce(sum(minutes), 0) FROM growth_reflections WHERE day = ?1),
			(SELECT coalesce(sum(minutes), 0) FROM growth_learning WHERE day = ?1),
			(SELECT coalesce(sum(minutes), 0) FROM growth_learning WHERE day BETWEEN ?2 AND ?1)`, day, monday).
			Scan(&p.Standup, &p.BasicsDone, &p.BasicsTotal, &p.ReflectionMinutes, &p.LearningMinutes, &p.WeekLearningMinutes)
	})
	return p, err
}

// Settings returns the growth settings.
func (s *GrowthService) Settings(ctx context.Context) (g *peerplaypay.GrowthSettings, err error) {
	err = s.run(ctx, "read growth settings", func(tx *Tx) error {
		n, err := reflectionTarget(ctx, tx)
		g = &peerplaypay.GrowthSettings{ReflectionMinutes: n}
		return err
	})
	return g, err
}

// SaveSettings stores the growth settings.
func (s *GrowthService) SaveSettings(ctx context.Context, g *peerplaypay.GrowthSettings) (*peerplaypay.GrowthSettings, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	return g, s.run(ctx, "save growth settings", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingReflectionMinutes, strconv.Itoa(g.ReflectionMinutes))
		return err
	})
}

// Frameworks returns every stored version of every framework, oldest
// first: the export keeps what each assessment was made against.
func (s *GrowthService) Frameworks(ctx context.Context) (out []*peerplaypay.Framework, err error) {
	err = s.run(ctx, "read frameworks", func(tx *Tx) error {
		if _, err := currentFramework(ctx, tx); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT uid, version FROM growth_frameworks ORDER BY id`)
		if err != nil {
			return err
		}
		type key struct {
			uid string
			v   int
		}
		var keys []key
		for rows.Next() {
			var k key
			if err := rows.Scan(&k.uid, &k.v); err != nil {
				rows.Close()
				return err
			}
			keys = append(keys, k)
		}
		rows.Close()
		for _, k := range keys {
			f, err := loadFramework(ctx, tx, k.uid, k.v)
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return nil
	})
	return out, err
}

package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"time"

	"peerplaypay/internal/peerplaypay"
)

// SettingShareNewLogs is the settings key of whether new logs are shared
// with the team ("1", the default) or kept private ("0").
const SettingShareNewLogs = "share.newLogs"

// ShareStore keeps the team share's state.
type ShareStore struct {
	db *DB
}

var _ peerplaypay.ShareStore = (*ShareStore)(nil)

// NewShareStore returns a ShareStore on db.
func NewShareStore(db *DB) *ShareStore { return &ShareStore{db: db} }

// shareNewLogs reads whether a new log starts shared.
func shareNewLogs(ctx context.Context, tx *Tx) (bool, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, SettingShareNewLogs).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	return v != "0", err
}

// enqueue adds one of our events to the outbox inside tx, so that the
// change and the event that tells peers about it commit together.
func enqueue(ctx context.Context, tx *Tx, kind string, data any) error {
	body, err := json.Marshal(data)
	if err != nil {
		return err
	}
	return insertOutbox(ctx, tx, peerplaypay.ShareEvent{ID: peerplaypay.NewUID(), Kind: kind, V: 1, At: tx.now, Data: body})
}

// enqueueTo is enqueue for an event only the members in to (hex member IDs)
// may read, besides ourselves: it reaches them through eventAppliers like
// any other event, and the rest of the team sees an envelope it cannot open.
func enqueueTo(ctx context.Context, tx *Tx, kind string, to []string, data any) error {
	if len(to) == 0 {
		return fmt.Errorf("queue %s event: no recipients", kind)
	}
	body, err := json.Marshal(data)
	if err != nil {
		return err
	}
	return insertOutbox(ctx, tx, peerplaypay.ShareEvent{ID: peerplaypay.NewUID(), Kind: kind, V: 1, At: tx.now, Data: body, To: to})
}

func insertOutbox(ctx context.Context, tx *Tx, e peerplaypay.ShareEvent) error {
	if e.ID == "" {
		e.ID = peerplaypay.NewUID()
	}
	if e.At.IsZero() {
		e.At = tx.now
	}
	if e.V == 0 {
		e.V = 1
	}
	for _, id := range e.To {
		if id == "" || strings.ContainsAny(id, " \t") {
			return fmt.Errorf("queue %s event: recipient %q is not a member ID", e.Kind, id)
		}
	}
	// Never dated before the event queued last (share_clock): readers
	// refuse a Thanks dated before an earlier event of its author.
	if last := lastEventTime(ctx, tx); e.At.Before(last) {
		e.At = last
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO share_clock (id, last_at) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET last_at = excluded.last_at`, formatTime(e.At)); err != nil {
		return fmt.Errorf("queue %s event: %w", e.Kind, err)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO share_outbox (id, kind, v, at, data, recipients) VALUES (?, ?, ?, ?, ?, ?)`,
		e.ID, e.Kind, e.V, formatTime(e.At), string(e.Data), strings.Join(e.To, " "))
	if err != nil {
		return fmt.Errorf("queue %s event: %w", e.Kind, err)
	}
	return nil
}

func (s *ShareStore) run(ctx context.Context, what string, fn func(*Tx) error) error {
	return s.db.write(ctx, what, fn)
}

// TeamConfig returns this laptop's team, or nil.
func (s *ShareStore) TeamConfig(ctx context.Context) (*peerplaypay.TeamConfig, error) {
	var c peerplaypay.TeamConfig
	var joined string
	err := s.db.db.QueryRowContext(ctx, `SELECT location, team_id, genesis, state, joined_at FROM share_team WHERE id = 1`).
		Scan(&c.Location, &c.TeamID, &c.Genesis, &c.State, &joined)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("read team: %w", err))
	}
	if c.JoinedAt, err = parseTime(joined); err != nil {
		return nil, err
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT raw FROM share_roster ORDER BY version`)
	if err != nil {
		return nil, fmt.Errorf("read roster: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		c.Roster = append(c.Roster, raw)
	}
	return &c, rows.Err()
}

// SaveTeamConfig stores the team and its verified roster versions.
func (s *ShareStore) SaveTeamConfig(ctx context.Context, c *peerplaypay.TeamConfig) error {
	return s.run(ctx, "save team", func(tx *Tx) error {
		if c.JoinedAt.IsZero() {
			c.JoinedAt = tx.now
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO share_team (id, location, team_id, genesis, state, joined_at) VALUES (1, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET location = excluded.location, team_id = excluded.team_id,
			genesis = excluded.genesis, state = excluded.state, joined_at = excluded.joined_at`,
			c.Location, c.TeamID, c.Genesis, c.State, formatTime(c.JoinedAt)); err != nil {
			return err
		}
		for i, raw := range c.Roster {
			if err := pinRosterVersion(ctx, tx, uint64(i+1), raw); err != nil {
				return err
			}
		}
		return nil
	})
}

// UnpinRosterFrom drops the pins of roster versions from version on: a
// sync took them from the share, then found that a member's batch names
// another version at that number (a fork this laptop had not verified
// before); it keeps to the versions both branches share.
func (s *ShareStore) UnpinRosterFrom(ctx context.Context, version uint64) error {
	return s.run(ctx, "unpin roster", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM share_roster WHERE version >= ?`, version)
		return err
	})
}

// pinRosterVersion stores a verified roster version with its hash, once.
// Other bytes under a version already pinned are a fork of the team list:
// refused, so that the laptop keeps what it verified first.
func pinRosterVersion(ctx context.Context, tx *Tx, version uint64, raw []byte) error {
	sum := sha256.Sum256(raw)
	hash := hex.EncodeToString(sum[:])
	var pinned string
	err := tx.QueryRowContext(ctx, `SELECT hash FROM share_roster WHERE version = ?`, version).Scan(&pinned)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.ExecContext(ctx, `INSERT INTO share_roster (version, raw, hash) VALUES (?, ?, ?)`, version, raw, hash)
		return err
	case err != nil:
		return err
	case pinned == hash:
		return nil
	case pinned == "":
		// Stored before pins were kept: pinned now if it is the same file.
		_, err = tx.ExecContext(ctx, `UPDATE share_roster SET hash = ? WHERE version = ? AND raw = ?`, hash, version, raw)
		return err
	}
	return peerplaypay.Errorf(peerplaypay.ECONFLICT,
		"The team list has a fork at roster version %d: it differs from the version this laptop verified before, which it keeps. Check with your team who changed the team list; nothing was sent to the team.", version)
}

// ForgetTeam removes the team and all that came from it; our own logs and
// goals stay, and count as not shared yet.
func (s *ShareStore) ForgetTeam(ctx context.Context) error {
	return s.run(ctx, "forget team", func(tx *Tx) error {
		for _, q := range []string{
			`DELETE FROM share_team`, `DELETE FROM share_roster`, `DELETE FROM share_outbox`, `DELETE FROM share_sealed`, `DELETE FROM share_sent`,
			`DELETE FROM share_members`, `DELETE FROM share_events`, `DELETE FROM peer_logs`, `DELETE FROM peer_log_views`,
			`DELETE FROM goals WHERE author <> ''`, `DELETE FROM goal_checkins WHERE author <> ''`,
			`DELETE FROM goal_help_offers WHERE author <> '' OR goal_author <> '' OR log_author <> ''`,
			// Answers to logs were the team's, as is the activity they made.
			`DELETE FROM comments WHERE author <> '' OR log_author <> ''`, `DELETE FROM reactions WHERE author <> '' OR log_author <> ''`,
			`DELETE FROM thanks`, `DELETE FROM help_accepts`, `DELETE FROM activity`, `DELETE FROM goal_logs WHERE goal_author <> ''`, `DELETE FROM peer_log_goals`,
			`UPDATE logs SET published_at = NULL`,
			// Peers' growth requests and summaries came from the team; team
			// frameworks stay, since our assessments were made against them.
			`DELETE FROM growth_peer_requests`, `DELETE FROM growth_peer_sessions`,
			// Teammates' shared conversations came from the team; ours stay,
			// told to no team yet.
			`DELETE FROM shared_conversations`, `UPDATE goal_conversations SET team_shared = 0`,
			// The team's practice was that team's; a next team starts from
			// the defaults. Logs keep the questions they were made with.
			`DELETE FROM team_setting_changes`,
			// Teammates' reports were shared with that team; ours count as
			// shared with no one.
			`DELETE FROM peer_reports`, `UPDATE reports SET shared_at = ''`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		// As the logs count as not published, the member's team goals
		// wait to reach the next team.
		return requeueGoals(ctx, tx)
	})
}

// Enqueue adds events to the outbox.
func (s *ShareStore) Enqueue(ctx context.Context, events ...peerplaypay.ShareEvent) error {
	return s.run(ctx, "queue events", func(tx *Tx) error {
		for _, e := range events {
			if err := insertOutbox(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
}

// Outbox returns up to limit queued events, oldest first.
func (s *ShareStore) Outbox(ctx context.Context, limit int) ([]peerplaypay.ShareEvent, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT id, kind, v, at, data, recipients FROM share_outbox ORDER BY seq LIMIT ?`, limit)
	if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("read outbox: %w", err))
	}
	defer rows.Close()
	var out []peerplaypay.ShareEvent
	for rows.Next() {
		var e peerplaypay.ShareEvent
		var at, data, to string
		if err := rows.Scan(&e.ID, &e.Kind, &e.V, &at, &data, &to); err != nil {
			return nil, err
		}
		if to != "" {
			e.To = strings.Fields(to)
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, err
		}
		e.Data = json.RawMessage(data)
		out = append(out, e)
	}
	return out, rows.Err()
}

// SaveSealed keeps our next batch until the share has it.
func (s *ShareStore) SaveSealed(ctx context.Context, b peerplaypay.SealedBatch) error {
	ids, _ := json.Marshal(b.EventIDs)
	return s.run(ctx, "keep sealed batch", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO share_sealed (id, seq, hash, raw, event_ids) VALUES (1, ?, ?, ?, ?)`,
			b.Seq, b.Hash, b.Raw, string(ids))
		return err
	})
}

// Sealed returns the batch waiting to be confirmed, or nil.
func (s *ShareStore) Sealed(ctx context.Context) (*peerplaypay.SealedBatch, error) {
	var b peerplaypay.SealedBatch
	var ids string
	err := s.db.db.QueryRowContext(ctx, `SELECT seq, hash, raw, event_ids FROM share_sealed WHERE id = 1`).Scan(&b.Seq, &b.Hash, &b.Raw, &ids)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("read sealed batch: %w", err))
	}
	if err := json.Unmarshal([]byte(ids), &b.EventIDs); err != nil {
		return nil, fmt.Errorf("read sealed batch: %w", err)
	}
	return &b, nil
}

// ConfirmSealed records the sealed batch as written.
func (s *ShareStore) ConfirmSealed(ctx context.Context, me string, b peerplaypay.SealedBatch) error {
	return s.run(ctx, "confirm batch", func(tx *Tx) error {
		for _, id := range b.EventIDs {
			if _, err := tx.ExecContext(ctx, `DELETE FROM share_outbox WHERE id = ?`, id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM share_sealed`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO share_sent (seq, hash, raw) VALUES (?, ?, ?)`, b.Seq, b.Hash, b.Raw); err != nil {
			return err
		}
		return setPosition(ctx, tx, me, peerplaypay.SharePosition{Seq: b.Seq, Hash: b.Hash}, time.Time{})
	})
}

// SentBatches returns our batches the share confirmed, oldest first, as
// they were sealed: what a repair puts back.
func (s *ShareStore) SentBatches(ctx context.Context) ([]peerplaypay.SealedBatch, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT seq, hash, raw FROM share_sent ORDER BY seq`)
	if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("read sent batches: %w", err))
	}
	defer rows.Close()
	var out []peerplaypay.SealedBatch
	for rows.Next() {
		var b peerplaypay.SealedBatch
		if err := rows.Scan(&b.Seq, &b.Hash, &b.Raw); err != nil {
			return nil, classify(s.db.Path, fmt.Errorf("read sent batches: %w", err))
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// DropSealed forgets the sealed batch; its events stay queued.
func (s *ShareStore) DropSealed(ctx context.Context) error {
	return s.run(ctx, "drop sealed batch", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM share_sealed`)
		return err
	})
}

// LogsToPublish returns our shared, finished logs the share does not have,
// newest first (what peers most want to see goes first).
func (s *ShareStore) LogsToPublish(ctx context.Context) ([]*peerplaypay.LogEntry, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT `+logColumns+` FROM logs
		WHERE published_at IS NULL AND shared = 1 AND status = 'ready' ORDER BY created_at DESC, id DESC`)
	if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("logs to publish: %w", err))
	}
	defer rows.Close()
	var out []*peerplaypay.LogEntry
	for rows.Next() {
		e, err := scanLog(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// MarkPublished queues ev (the log.published of uid) and marks the log. A
// log deleted or taken back meanwhile is left alone and ev is not queued.
func (s *ShareStore) MarkPublished(ctx context.Context, uid string, ev peerplaypay.ShareEvent) error {
	return s.run(ctx, "publish log", func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE logs SET published_at = ? WHERE uid = ? AND shared = 1 AND published_at IS NULL`, formatTime(tx.now), uid)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		if ev.Data, err = withLogTable(ctx, tx, uid, ev.Data); err != nil {
			return err
		}
		if ev.Data, err = withLogGoals(ctx, tx, uid, ev.Data); err != nil {
			return err
		}
		return insertOutbox(ctx, tx, ev)
	})
}

// withLogTable puts the log's table as it is now into its log.published
// data. The event was built before the recording was uploaded, which can
// take minutes; an edit made meanwhile queued no log.edited (the log was not
// published yet), so the table read here is the only way it reaches peers.
func withLogTable(ctx context.Context, tx *Tx, uid string, data json.RawMessage) (json.RawMessage, error) {
	var t peerplaypay.LogTable
	var extra string
	err := tx.QueryRowContext(ctx, `SELECT done, how, why, next, help_needed, mood, energy, extra FROM logs WHERE uid = ?`, uid).
		Scan(&t.Done, &t.How, &t.Why, &t.Next, &t.HelpNeeded, &t.Mood, &t.Energy, &extra)
	t.Extra = extraOf(extra)
	if err != nil {
		return nil, fmt.Errorf("log %s table: %w", uid, err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("log event data: %w", err)
	}
	m["table"], _ = json.Marshal(t)
	return json.Marshal(m)
}

// Waiting counts queued events plus logs still to publish.
func (s *ShareStore) Waiting(ctx context.Context) (int, error) {
	var n int
	err := s.db.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM share_outbox)
		+ (SELECT count(*) FROM logs WHERE published_at IS NULL AND shared = 1 AND status = 'ready')`).Scan(&n)
	if err != nil {
		return 0, classify(s.db.Path, fmt.Errorf("count waiting: %w", err))
	}
	return n, nil
}

// Members returns what is known of each member's chain.
func (s *ShareStore) Members(ctx context.Context) ([]peerplaypay.ShareMember, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT id, seq, hash, last_event_at, problem FROM share_members ORDER BY id`)
	if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("read members: %w", err))
	}
	defer rows.Close()
	var out []peerplaypay.ShareMember
	for rows.Next() {
		var m peerplaypay.ShareMember
		var last string
		if err := rows.Scan(&m.ID, &m.Position.Seq, &m.Position.Hash, &last, &m.Problem); err != nil {
			return nil, err
		}
		if last != "" {
			if m.LastEventAt, err = parseTime(last); err != nil {
				return nil, err
			}
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// SetPosition stores a member's position (ours, after a restore).
func (s *ShareStore) SetPosition(ctx context.Context, member string, p peerplaypay.SharePosition) error {
	return s.run(ctx, "store position", func(tx *Tx) error { return setPosition(ctx, tx, member, p, time.Time{}) })
}

func setPosition(ctx context.Context, tx *Tx, member string, p peerplaypay.SharePosition, lastEvent time.Time) error {
	last := ""
	if !lastEvent.IsZero() {
		last = formatTime(lastEvent)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO share_members (id, seq, hash, last_event_at, problem) VALUES (?, ?, ?, ?, '')
		ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, problem = '',
		last_event_at = max(last_event_at, excluded.last_event_at)`, member, p.Seq, p.Hash, last)
	return err
}

// SetMemberProblem records why a member's chain stopped being read.
func (s *ShareStore) SetMemberProblem(ctx context.Context, member, problem string) error {
	return s.run(ctx, "store problem", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO share_members (id, problem) VALUES (?, ?)
			ON CONFLICT (id) DO UPDATE SET problem = excluded.problem`, member, problem)
		return err
	})
}

// ApplyBatch stores and applies a peer's events with their position.
func (s *ShareStore) ApplyBatch(ctx context.Context, author string, p peerplaypay.SharePosition, events []peerplaypay.ShareEvent) (removed []string, err error) {
	err = s.run(ctx, "apply batch", func(tx *Tx) error {
		removed = nil
		var newest time.Time
		for _, e := range events {
			if e.At.After(newest) {
				newest = e.At
			}
			apply, known := eventAppliers[e.Kind]
			known = known && e.V == 1
			// Keyed by (author, id): IDs are chosen by their authors, so
			// another member's copy of an ID must not pass for this event.
			res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO share_events (author, id, kind, v, at, data, applied) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				author, e.ID, e.Kind, e.V, formatTime(e.At), string(e.Data), known)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 || !known {
				continue // applied before, or a kind for a newer app: kept, not applied
			}
			gone, err := apply(ctx, tx, author, e)
			if err != nil {
				return err
			}
			if gone != "" {
				removed = append(removed, gone)
			}
		}
		return setPosition(ctx, tx, author, p, newest)
	})
	return removed, err
}

// An eventApplier applies one peer event of a known kind inside the batch's
// transaction; it returns a local media file the event made unneeded. A
// malformed event of a signed batch is kept in share_events and skipped,
// not an error: one bad event must not stop a member's whole chain.
type eventApplier func(ctx context.Context, tx *Tx, author string, e peerplaypay.ShareEvent) (string, error)

// eventAppliers are the kinds (at v1) this app applies; every other kind is
// kept for a newer app. A feature adds its kinds here.
var eventAppliers = map[string]eventApplier{
	peerplaypay.EventLogPublished: applyLogEvent,
	peerplaypay.EventLogEdited:    applyLogEvent,
	peerplaypay.EventLogDeleted:   applyLogEvent,

	peerplaypay.EventGoalSet:              applyGoalEvent,
	peerplaypay.EventGoalDeleted:          applyGoalEvent,
	peerplaypay.EventCheckinAdded:         applyGoalEvent,
	peerplaypay.EventHelpOffered:          applyHelpEvent,
	peerplaypay.EventHelpAccepted:         applyHelpEvent,
	peerplaypay.EventConversationNote:     applyConversationNote,
	peerplaypay.EventConversationShared:   applyConversationShare,
	peerplaypay.EventConversationUnshared: applyConversationShare,

	peerplaypay.EventCommentAdded:    applyAnswerEvent,
	peerplaypay.EventCommentEdited:   applyAnswerEvent,
	peerplaypay.EventCommentDeleted:  applyAnswerEvent,
	peerplaypay.EventReactionSet:     applyAnswerEvent,
	peerplaypay.EventThanksGiven:     applyAnswerEvent,
	peerplaypay.EventThanksEdited:    applyAnswerEvent,
	peerplaypay.EventThanksWithdrawn: applyAnswerEvent,

	peerplaypay.EventTeamSettings: applyTeamSettingsEvent,

	peerplaypay.EventFrameworkPublished: applyGrowthEvent,
	peerplaypay.EventAssessmentShared:   applyGrowthEvent,
	peerplaypay.EventAssessmentUnshared: applyGrowthEvent,
	peerplaypay.EventAssessRequested:    applyGrowthEvent,
	peerplaypay.EventAssessAnswered:     applyGrowthEvent,

	peerplaypay.EventSessionItem:        applySessionEvent,
	peerplaypay.EventSessionItemDeleted: applySessionEvent,
	peerplaypay.EventSessionComment:     applySessionEvent,
	peerplaypay.EventSessionCommentEdit: applySessionEvent,
	peerplaypay.EventSessionCommentDel:  applySessionEvent,
	peerplaypay.EventSessionVote:        applySessionEvent,
	peerplaypay.EventSessionNote:        applySessionEvent,
	peerplaypay.EventExperimentSet:      applySessionEvent,
	peerplaypay.EventSessionOutcome:     applySessionEvent,

	peerplaypay.EventReportShared:   applyReportEvent,
	peerplaypay.EventReportUnshared: applyReportEvent,
}

// applyLogEvent applies one log event of author; it returns a local media
// file the event made unneeded.
func applyLogEvent(ctx context.Context, tx *Tx, author string, e peerplaypay.ShareEvent) (string, error) {
	var old string
	switch e.Kind {
	case peerplaypay.EventLogPublished:
		var d peerplaypay.LogPublished
		if err := json.Unmarshal(e.Data, &d); err != nil || d.UID == "" {
			return "", nil // a malformed event of a signed batch: kept in share_events, not applied
		}
		d.Table.Normalize()
		filterExtra(&d.Table)
		if d.Kind != peerplaypay.LogVideo && d.Kind != peerplaypay.LogAudio && d.Kind != peerplaypay.LogText {
			return "", nil
		}
		// A new recording replaces the copy of the old one.
		var oldSHA string
		tx.QueryRowContext(ctx, `SELECT media_path, sha256 FROM peer_logs WHERE author = ? AND uid = ?`, author, d.UID).Scan(&old, &oldSHA)
		if oldSHA == d.SHA256 {
			old = ""
		}
		t := d.Table
		if d.Loudness.Check(d.DurationMs) != nil || d.Kind == peerplaypay.LogText {
			// Optional, and only a help for the player: a map that does
			// not fit the recording is dropped, and the log plays in full.
			d.Loudness = ""
		}
		if peerplaypay.CheckSetting(peerplaypay.KeyStandupQuestions, mustJSON(d.Questions)) != "" {
			d.Questions = nil // optional, and only labels: dropped like a loudness map that does not fit
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO peer_logs (author, uid, day, kind, done, how, why, next, help_needed, mood, energy,
			duration_ms, size_bytes, sha256, manifest, media_path, created_at, updated_at, loudness, questions, extra)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)
			ON CONFLICT (author, uid) DO UPDATE SET day = excluded.day, kind = excluded.kind, done = excluded.done,
			how = excluded.how, why = excluded.why, next = excluded.next, help_needed = excluded.help_needed,
			mood = excluded.mood, energy = excluded.energy, duration_ms = excluded.duration_ms,
			size_bytes = excluded.size_bytes, manifest = excluded.manifest, updated_at = excluded.updated_at,
			media_path = CASE WHEN peer_logs.sha256 = excluded.sha256 THEN peer_logs.media_path ELSE '' END,
			sha256 = excluded.sha256, loudness = excluded.loudness, questions = excluded.questions, extra = excluded.extra`,
			author, d.UID, d.Day, d.Kind, t.Done, t.How, t.Why, t.Next, t.HelpNeeded, clamp5(t.Mood), clamp5(t.Energy),
			d.DurationMs, d.SizeBytes, d.SHA256, string(d.Media), formatTime(d.CreatedAt), formatTime(e.At), string(d.Loudness),
			jsonOrEmpty(d.Questions), jsonOrEmpty(t.Extra))
		if err == nil {
			err = setPeerLogGoals(ctx, tx, author, d.UID, d.Goals)
		}
		return old, err
	case peerplaypay.EventLogEdited:
		var d peerplaypay.LogEdited
		if err := json.Unmarshal(e.Data, &d); err != nil {
			return "", nil
		}
		d.Table.Normalize()
		filterExtra(&d.Table)
		t := d.Table
		_, err := tx.ExecContext(ctx, `UPDATE peer_logs SET done = ?, how = ?, why = ?, next = ?, help_needed = ?, mood = ?, energy = ?, extra = ?, updated_at = ?
			WHERE author = ? AND uid = ?`, t.Done, t.How, t.Why, t.Next, t.HelpNeeded, clamp5(t.Mood), clamp5(t.Energy), jsonOrEmpty(t.Extra), formatTime(e.At), author, d.UID)
		if err == nil && d.Goals != nil {
			err = setPeerLogGoals(ctx, tx, author, d.UID, *d.Goals)
		}
		return "", err
	case peerplaypay.EventLogDeleted:
		var d peerplaypay.LogDeleted
		if err := json.Unmarshal(e.Data, &d); err != nil {
			return "", nil
		}
		tx.QueryRowContext(ctx, `SELECT media_path FROM peer_logs WHERE author = ? AND uid = ?`, author, d.UID).Scan(&old)
		_, err := tx.ExecContext(ctx, `DELETE FROM peer_logs WHERE author = ? AND uid = ?`, author, d.UID)
		if err == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM peer_log_views WHERE author = ? AND uid = ?`, author, d.UID)
		}
		if err == nil {
			err = setPeerLogGoals(ctx, tx, author, d.UID, nil)
		}
		return old, err
	}
	return "", nil
}

func clamp5(n int) int { return min(max(n, 0), 5) }

// peerLogColumns and peerLogFrom read a peer's log with what this member
// watched of it.
const (
	peerLogColumns = `p.id, p.author, p.uid, p.day, p.kind, p.done, p.how, p.why, p.next, p.help_needed, p.mood, p.energy,
	p.duration_ms, p.size_bytes, p.sha256, p.manifest, p.media_path, p.created_at, p.updated_at, p.loudness, p.questions, p.extra,
	coalesce(v.watched_at, '') <> '', coalesce(v.position_ms, 0)`
	peerLogFrom = `peer_logs p LEFT JOIN peer_log_views v ON v.author = p.author AND v.uid = p.uid`
)

func scanPeerLog(row scanner) (*peerplaypay.PeerLog, error) {
	var l peerplaypay.PeerLog
	var manifest, created, updated, questions, extra string
	t := &l.Table
	if err := row.Scan(&l.ID, &l.Author, &l.UID, &l.Day, &l.Kind, &t.Done, &t.How, &t.Why, &t.Next, &t.HelpNeeded, &t.Mood, &t.Energy,
		&l.DurationMs, &l.SizeBytes, &l.SHA256, &manifest, &l.MediaPath, &created, &updated, &l.Loudness, &questions, &extra,
		&l.Watched, &l.PositionMs); err != nil {
		return nil, err
	}
	l.Questions = questionsOf(questions)
	t.Extra = extraOf(extra)
	if manifest != "" {
		l.Manifest = json.RawMessage(manifest)
	}
	var err error
	if l.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if l.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	return &l, nil
}

func (s *ShareStore) peerLogs(ctx context.Context, where string, args ...any) ([]*peerplaypay.PeerLog, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT `+peerLogColumns+` FROM `+peerLogFrom+` `+where, args...)
	if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("read peers' logs: %w", err))
	}
	defer rows.Close()
	out := []*peerplaypay.PeerLog{}
	for rows.Next() {
		l, err := scanPeerLog(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// PeerLogs returns peers' logs, newest first.
func (s *ShareStore) PeerLogs(ctx context.Context, limit int) ([]*peerplaypay.PeerLog, error) {
	return s.peerLogs(ctx, `ORDER BY p.created_at DESC, p.id DESC LIMIT ?`, limit)
}

// PeerLog returns one peer's log by its local ID.
func (s *ShareStore) PeerLog(ctx context.Context, id int64) (*peerplaypay.PeerLog, error) {
	logs, err := s.peerLogs(ctx, `WHERE p.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(logs) == 0 {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no such log from a peer; it may have been deleted by its author.")
	}
	return logs[0], nil
}

// PeerMedia lists peers' recordings, newest first.
func (s *ShareStore) PeerMedia(ctx context.Context) ([]*peerplaypay.PeerLog, error) {
	return s.peerLogs(ctx, `WHERE p.manifest <> '' ORDER BY p.created_at DESC, p.id DESC`)
}

// SetPeerMedia records where a peer's recording is kept here ("" when it
// was evicted).
func (s *ShareStore) SetPeerMedia(ctx context.Context, id int64, path string) error {
	return s.run(ctx, "store peer media", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE peer_logs SET media_path = ? WHERE id = ?`, path, id)
		return err
	})
}

// ReceivedEvents returns every event received from peers, applied or not,
// in the order they were written.
func (s *ShareStore) ReceivedEvents(ctx context.Context) ([]peerplaypay.ShareEvent, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT id, author, kind, v, at, data FROM share_events ORDER BY at, author, id`)
	if err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("read received events: %w", err))
	}
	defer rows.Close()
	var out []peerplaypay.ShareEvent
	for rows.Next() {
		var e peerplaypay.ShareEvent
		var at, data string
		if err := rows.Scan(&e.ID, &e.Author, &e.Kind, &e.V, &at, &data); err != nil {
			return nil, err
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, err
		}
		e.Data = json.RawMessage(data)
		out = append(out, e)
	}
	return out, rows.Err()
}

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// TeamSettingsStore keeps the team's own practice: every member's changes
// of the team settings, and the winning value of each key (PROTOCOL.md
// §11.11).
type TeamSettingsStore struct {
	db *DB
}

var _ peerplaypay.TeamSettingsService = (*TeamSettingsStore)(nil)

// NewTeamSettingsStore returns a TeamSettingsStore on db.
func NewTeamSettingsStore(db *DB) *TeamSettingsStore { return &TeamSettingsStore{db: db} }

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// teamSettings reads the winning value of every key: the change with the
// latest time, then the greatest event ID (peerplaypay.SettingWins).
func teamSettings(ctx context.Context, q querier) (*peerplaypay.TeamSettings, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, value, at, event_id FROM team_setting_changes ORDER BY rowid`)
	if err != nil {
		return nil, fmt.Errorf("read team settings: %w", err)
	}
	defer rows.Close()
	type win struct {
		value string
		at    time.Time
		id    string
	}
	wins := map[string]win{}
	// When each agreement's key was first set: its time, its event, and
	// its place in that event (rows are stored in the event's order).
	type since struct {
		at    time.Time
		id    string
		place int
	}
	first := map[string]since{}
	n := 0
	for rows.Next() {
		var key, value, at, id string
		if err := rows.Scan(&key, &value, &at, &id); err != nil {
			return nil, fmt.Errorf("read team settings: %w", err)
		}
		t, err := parseTime(at)
		if err != nil {
			return nil, err
		}
		n++
		if w, ok := wins[key]; !ok || peerplaypay.SettingWins(t, id, w.at, w.id) {
			wins[key] = win{value, t, id}
		}
		if f, ok := first[key]; peerplaypay.IsAgreementKey(key) && (!ok || t.Before(f.at) || t.Equal(f.at) && id < f.id) {
			first[key] = since{t, id, n}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read team settings: %w", err)
	}
	current := make(map[string]json.RawMessage, len(wins))
	for k, w := range wins {
		current[k] = json.RawMessage(w.value)
	}
	s := peerplaypay.BuildTeamSettings(current, n)
	// Agreements: the older whole list, then one key each, oldest first,
	// the first MaxAgreements of them (concurrent adds may pass the cap).
	var keys []string
	for k := range first {
		if w := wins[k]; w.value != "null" && peerplaypay.CheckSetting(k, json.RawMessage(w.value)) == "" {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		fa, fb := first[a], first[b]
		if c := fa.at.Compare(fb.at); c != 0 {
			return c
		}
		if c := strings.Compare(fa.id, fb.id); c != 0 {
			return c
		}
		return fa.place - fb.place
	})
	seen := map[string]bool{}
	for _, a := range s.Agreements {
		seen[peerplaypay.AgreementKey(a)] = true
	}
	for _, k := range keys {
		var a string
		if json.Unmarshal([]byte(wins[k].value), &a) == nil && !seen[k] {
			s.Agreements = append(s.Agreements, a)
			seen[k] = true
		}
	}
	if len(s.Agreements) > peerplaypay.MaxAgreements {
		s.Agreements = s.Agreements[:peerplaypay.MaxAgreements]
	}
	return s, nil
}

// TeamSettings returns the team's settings as this laptop holds them.
func (s *TeamSettingsStore) TeamSettings(ctx context.Context) (*peerplaypay.TeamSettings, error) {
	return teamSettings(ctx, s.db.db)
}

// SetTeamSettings stores the member's change and queues the team.settings
// event carrying it, in one transaction. Its time is never before the
// current winner of a key it changes: the member saw that value, so their
// change must win over it on every laptop, whatever the clocks say.
func (s *TeamSettingsStore) SetTeamSettings(ctx context.Context, changes []peerplaypay.SettingChange) (*peerplaypay.TeamSettings, error) {
	d := peerplaypay.TeamSettingsData{Changes: changes}
	if why := peerplaypay.CheckTeamSettingsData(d); why != "" {
		return nil, peerplaypay.Errorf(peerplaypay.EINVALID, "%s; nothing was changed.", upperFirst(why))
	}
	var out *peerplaypay.TeamSettings
	err := s.db.write(ctx, "change team settings", func(tx *Tx) error {
		if err := keepPartIDs(ctx, tx, changes); err != nil {
			return err
		}
		changes, err := agreementChanges(ctx, tx, changes)
		if err != nil {
			return err
		}
		if len(changes) == 0 {
			out, err = teamSettings(ctx, tx)
			return err
		}
		d := peerplaypay.TeamSettingsData{Changes: changes}
		if why := peerplaypay.CheckTeamSettingsData(d); why != "" {
			return peerplaypay.Errorf(peerplaypay.EINVALID, "%s; nothing was changed.", upperFirst(why))
		}
		at := tx.now
		for _, c := range changes {
			var last string
			err := tx.QueryRowContext(ctx, `SELECT max(at) FROM team_setting_changes WHERE key = ?`, c.Key).Scan(&sqlNullString{&last})
			if err != nil {
				return err
			}
			if last != "" {
				if t, err := parseTime(last); err == nil && !t.Before(at) {
					at = t.Add(time.Millisecond)
				}
			}
		}
		if last := lastEventTime(ctx, tx); at.Before(last) {
			at = last
		}
		body, err := json.Marshal(d)
		if err != nil {
			return err
		}
		e := peerplaypay.ShareEvent{ID: peerplaypay.NewUID(), Kind: peerplaypay.EventTeamSettings, V: 1, At: at, Data: body}
		if err := insertOutbox(ctx, tx, e); err != nil {
			return err
		}
		if err := storeSettingChanges(ctx, tx, "", e.ID, at, changes); err != nil {
			return err
		}
		out, err = teamSettings(ctx, tx)
		return err
	})
	return out, err
}

// agreementChanges replaces a new list of agreements among changes by the
// changes of one agreement each (peerplaypay.AgreementChanges), so that
// another member's agreement added at the same time is not lost.
func agreementChanges(ctx context.Context, tx *Tx, changes []peerplaypay.SettingChange) ([]peerplaypay.SettingChange, error) {
	out := make([]peerplaypay.SettingChange, 0, len(changes))
	for _, c := range changes {
		if c.Key != peerplaypay.KeyTeamAgreements {
			out = append(out, c)
			continue
		}
		var list []string
		if err := json.Unmarshal(c.Value, &list); err != nil {
			return nil, err
		}
		if len(list) > peerplaypay.MaxAgreements {
			return nil, peerplaypay.Errorf(peerplaypay.EINVALID, "The team has %d agreements; keep it to %d. Nothing was changed.", len(list), peerplaypay.MaxAgreements)
		}
		cur, err := teamSettings(ctx, tx)
		if err != nil {
			return nil, err
		}
		legacy, err := legacyAgreements(ctx, tx)
		if err != nil {
			return nil, err
		}
		out = append(out, peerplaypay.AgreementChanges(list, cur.Agreements, legacy)...)
	}
	return out, nil
}

// legacyAgreements is the winning value of team.agreements, the whole list
// as the first apps wrote it.
func legacyAgreements(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT value, at, event_id FROM team_setting_changes WHERE key = ?`, peerplaypay.KeyTeamAgreements)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var best struct {
		value string
		at    time.Time
		id    string
	}
	for rows.Next() {
		var v, at, id string
		if err := rows.Scan(&v, &at, &id); err != nil {
			return nil, err
		}
		t, err := parseTime(at)
		if err != nil {
			return nil, err
		}
		if best.value == "" || peerplaypay.SettingWins(t, id, best.at, best.id) {
			best.value, best.at, best.id = v, t, id
		}
	}
	var list []string
	if best.value != "" {
		_ = json.Unmarshal([]byte(best.value), &list)
	}
	return list, rows.Err()
}

// keepPartIDs gives session parts written without ids (typed as lines, or
// by an older form) the ids of the team's current parts, so that items
// stay on their part through a rename or a reorder (§11.12).
func keepPartIDs(ctx context.Context, tx *Tx, changes []peerplaypay.SettingChange) error {
	for i, c := range changes {
		if c.Key != peerplaypay.KeySessionParts {
			continue
		}
		var parts []peerplaypay.SessionPart
		if err := json.Unmarshal(c.Value, &parts); err != nil {
			return err
		}
		cur, err := teamSettings(ctx, tx)
		if err != nil {
			return err
		}
		b, err := json.Marshal(peerplaypay.KeepPartIDs(parts, cur.SessionParts))
		if err != nil {
			return err
		}
		changes[i].Value = b
	}
	return nil
}

type sqlNullString struct{ s *string }

func (n *sqlNullString) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*n.s = ""
	case string:
		*n.s = v
	case []byte:
		*n.s = string(v)
	default:
		return fmt.Errorf("unexpected %T", v)
	}
	return nil
}

func storeSettingChanges(ctx context.Context, tx *Tx, author, id string, at time.Time, changes []peerplaypay.SettingChange) error {
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO team_setting_changes (author, event_id, key, value, at) VALUES (?, ?, ?, ?, ?)`,
			author, id, c.Key, string(c.Value), formatTime(at)); err != nil {
			return fmt.Errorf("store team setting %s: %w", c.Key, err)
		}
	}
	return nil
}

// applyTeamSettingsEvent stores a peer's change. Readers checked it before
// (teamsync refuses a batch whose change breaks a rule); one that still
// does not parse is kept in share_events and not applied.
func applyTeamSettingsEvent(ctx context.Context, tx *Tx, author string, e peerplaypay.ShareEvent) (string, error) {
	var d peerplaypay.TeamSettingsData
	if err := json.Unmarshal(e.Data, &d); err != nil || peerplaypay.CheckTeamSettingsData(d) != "" {
		return "", nil
	}
	return "", storeSettingChanges(ctx, tx, author, e.ID, e.At, d.Changes)
}

// TeamSettingsHistory lists the changes applied here, newest first, each
// marked whether it is its key's value now.
func (s *TeamSettingsStore) TeamSettingsHistory(ctx context.Context, limit int) ([]peerplaypay.SettingHistoryEntry, error) {
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT author, event_id, key, value, at FROM team_setting_changes`)
	if err != nil {
		return nil, fmt.Errorf("read team settings history: %w", err)
	}
	defer rows.Close()
	var out []peerplaypay.SettingHistoryEntry
	best := map[string]int{}
	for rows.Next() {
		var h peerplaypay.SettingHistoryEntry
		var value, at string
		if err := rows.Scan(&h.Author, &h.EventID, &h.Key, &value, &at); err != nil {
			return nil, fmt.Errorf("read team settings history: %w", err)
		}
		if h.At, err = parseTime(at); err != nil {
			return nil, err
		}
		h.Value = json.RawMessage(value)
		out = append(out, h)
		if i, ok := best[h.Key]; !ok || peerplaypay.SettingWins(h.At, h.EventID, out[i].At, out[i].EventID) {
			best[h.Key] = len(out) - 1
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, i := range best {
		out[i].Current = true
	}
	slices.SortStableFunc(out, func(a, b peerplaypay.SettingHistoryEntry) int {
		if peerplaypay.SettingWins(a.At, a.EventID, b.At, b.EventID) {
			return -1
		}
		if peerplaypay.SettingWins(b.At, b.EventID, a.At, a.EventID) {
			return 1
		}
		if a.Key < b.Key {
			return -1
		}
		return 1
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// answersFit checks that a table answers only questions of its own set:
// an answer to a question the log was not asked would be lost from view.
func answersFit(t *peerplaypay.LogTable, questions []peerplaypay.Question) error {
	if len(questions) == 0 {
		questions = peerplaypay.DefaultQuestions
	}
	for k := range t.Extra {
		if !slices.ContainsFunc(questions, func(q peerplaypay.Question) bool { return q.ID == k }) {
			return peerplaypay.FieldErrorf(k, "This log's table has no question %s; answer the questions it shows.", k)
		}
	}
	return nil
}

// filterExtra keeps a peer's answers to added questions only when they are
// such answers, within the table's limits; the rest is dropped.
func filterExtra(t *peerplaypay.LogTable) {
	for k, v := range t.Extra {
		probe := peerplaypay.LogTable{Extra: map[string]string{k: v}}
		if probe.Validate() != nil {
			delete(t.Extra, k)
		}
	}
	if len(t.Extra) == 0 {
		t.Extra = nil
	}
}

// jsonOrEmpty is v as JSON, "" when it holds nothing.
func jsonOrEmpty[T any](v T) string {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" || string(b) == "[]" || string(b) == "{}" {
		return ""
	}
	return string(b)
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

func questionsOf(s string) []peerplaypay.Question {
	if s == "" {
		return nil
	}
	var qs []peerplaypay.Question
	if json.Unmarshal([]byte(s), &qs) != nil {
		return nil
	}
	return qs
}

func extraOf(s string) map[string]string {
	if s == "" {
		return nil
	}
	var m map[string]string
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	return m
}

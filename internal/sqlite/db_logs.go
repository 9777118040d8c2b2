package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"peerplaypay/internal/peerplaypay"
)

// LogService stores stand-up logs.
type LogService struct {
	db *DB
}

var _ peerplaypay.LogService = (*LogService)(nil)

// NewLogService returns a LogService on db.
func NewLogService(db *DB) *LogService {
	return &LogService{db: db}
}

const logColumns = `id, uid, day, kind, status, media_path, duration_ms, size_bytes, sha256,
	done, how, why, next, help_needed, mood, energy, shared, published_at IS NOT NULL, created_at, updated_at, loudness, questions, extra,
	pinned, expire_state <> ''`

// CreateLog validates and stores e, setting its ID, times and, if empty, Day.
func (s *LogService) CreateLog(ctx context.Context, e *peerplaypay.LogEntry) error {
	e.LogTable.Normalize()
	if err := e.LogTable.Validate(); err != nil {
		return err
	}
	switch e.Kind {
	case peerplaypay.LogVideo, peerplaypay.LogAudio:
		if e.MediaPath == "" {
			return peerplaypay.Errorf(peerplaypay.EINVALID, "A %s log needs its recording file.", e.Kind)
		}
	case peerplaypay.LogText:
		if e.LogTable.Empty() {
			return peerplaypay.FieldErrorf("done", "A log without a recording needs at least one answer in the table.")
		}
	default:
		return peerplaypay.Errorf(peerplaypay.EINVALID, "Unknown kind of log %q.", e.Kind)
	}
	if e.Status == "" {
		e.Status = peerplaypay.LogReady
	}

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	e.CreatedAt, e.UpdatedAt = tx.now, tx.now
	if e.Day == "" {
		e.Day = localDay(tx.now)
	}
	if e.UID == "" {
		e.UID = peerplaypay.NewUID()
	}
	shared, err := shareNewLogs(ctx, tx)
	if err != nil {
		return err
	}
	e.Shared = shared
	// A log keeps the questions it was made with: the team may change
	// them later, and the answers must still read against their own.
	settings, err := teamSettings(ctx, tx)
	if err != nil {
		return err
	}
	e.Questions = settings.Questions
	if why := answersFit(&e.LogTable, e.Questions); why != nil {
		return why
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO logs (uid, day, kind, status, media_path, duration_ms, size_bytes, sha256,
		done, how, why, next, help_needed, mood, energy, shared, created_at, updated_at, loudness, questions, extra)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.UID, e.Day, e.Kind, e.Status, e.MediaPath, e.DurationMs, e.SizeBytes, e.SHA256,
		e.Done, e.How, e.Why, e.Next, e.HelpNeeded, e.Mood, e.Energy, e.Shared,
		formatTime(e.CreatedAt), formatTime(e.UpdatedAt), string(e.Loudness), jsonOrEmpty(e.Questions), jsonOrEmpty(e.Extra))
	if err != nil {
		return classify(s.db.Path, fmt.Errorf("insert log: %w", err))
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("insert log id: %w", err)
	}
	return classify(s.db.Path, tx.Commit())
}

// FinishLog stores the facts of a complete recording.
func (s *LogService) FinishLog(ctx context.Context, id int64, m peerplaypay.LogMedia, status peerplaypay.LogStatus) (*peerplaypay.LogEntry, error) {
	return s.update(ctx, id, func(tx *Tx, e *peerplaypay.LogEntry) error {
		e.LogMedia, e.Status = m, status
		_, err := tx.ExecContext(ctx, `UPDATE logs SET duration_ms = ?, size_bytes = ?, sha256 = ?, loudness = ?, status = ?, updated_at = ? WHERE id = ?`,
			m.DurationMs, m.SizeBytes, m.SHA256, string(m.Loudness), status, formatTime(tx.now), id)
		return err
	})
}

// UpdateLogTable validates and replaces the table of log id.
func (s *LogService) UpdateLogTable(ctx context.Context, id int64, t peerplaypay.LogTable) (*peerplaypay.LogEntry, error) {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return s.update(ctx, id, func(tx *Tx, e *peerplaypay.LogEntry) error {
		if e.Kind == peerplaypay.LogText && t.Empty() {
			return peerplaypay.FieldErrorf("done", "A log without a recording needs at least one answer in the table; delete the log instead.")
		}
		if why := answersFit(&t, e.Questions); why != nil {
			return why
		}
		e.LogTable = t
		_, err := tx.ExecContext(ctx, `UPDATE logs SET done = ?, how = ?, why = ?, next = ?, help_needed = ?, mood = ?, energy = ?, extra = ?, updated_at = ? WHERE id = ?`,
			t.Done, t.How, t.Why, t.Next, t.HelpNeeded, t.Mood, t.Energy, jsonOrEmpty(t.Extra), formatTime(tx.now), id)
		if err == nil && e.Published {
			// Peers have this log: the edit travels to them too.
			err = enqueue(ctx, tx, peerplaypay.EventLogEdited, peerplaypay.LogEdited{UID: e.UID, Table: t})
		}
		return err
	})
}

// SetLogShared shares log id with the team, or takes it back: a published
// log taken back is deleted from the peers (a tombstone), and shared again
// it is published anew.
func (s *LogService) SetLogShared(ctx context.Context, id int64, shared bool) (*peerplaypay.LogEntry, error) {
	return s.update(ctx, id, func(tx *Tx, e *peerplaypay.LogEntry) error {
		if e.Shared == shared {
			return nil
		}
		if !shared && e.Published {
			if err := enqueue(ctx, tx, peerplaypay.EventLogDeleted, peerplaypay.LogDeleted{UID: e.UID}); err != nil {
				return err
			}
			e.Published = false
		}
		e.Shared = shared
		_, err := tx.ExecContext(ctx, `UPDATE logs SET shared = ?, published_at = CASE WHEN ? THEN published_at END, updated_at = ? WHERE id = ?`,
			shared, shared, formatTime(tx.now), id)
		return err
	})
}

// SetLogPinned pins log id, so that its recording stays in the team share
// whatever the team's retention, or unpins it. The pin travels to the team
// (log.pinned) once the log is published: readers refuse an expiry of a
// pinned log. A recording already expired cannot be pinned back.
func (s *LogService) SetLogPinned(ctx context.Context, id int64, pinned bool) (*peerplaypay.LogEntry, error) {
	return s.update(ctx, id, func(tx *Tx, e *peerplaypay.LogEntry) error {
		if e.Pinned == pinned {
			return nil
		}
		if pinned && e.Kind == peerplaypay.LogText {
			return peerplaypay.Errorf(peerplaypay.EINVALID, "A text log has no recording to keep: only recordings expire; its table stays in the share for good.")
		}
		if pinned && e.MediaExpired {
			return peerplaypay.Errorf(peerplaypay.ECONFLICT, "This log's recording has already expired from the team share; pinning cannot bring it back. Take the log back from the team and share it again to send the recording anew.")
		}
		if e.Published {
			if err := enqueue(ctx, tx, peerplaypay.EventLogPinned, peerplaypay.LogPinned{UID: e.UID, Pinned: pinned}); err != nil {
				return err
			}
		}
		e.Pinned = pinned
		_, err := tx.ExecContext(ctx, `UPDATE logs SET pinned = ?, updated_at = ? WHERE id = ?`, pinned, formatTime(tx.now), id)
		return err
	})
}

// update runs fn on log id inside one transaction and returns the result.
func (s *LogService) update(ctx context.Context, id int64, fn func(*Tx, *peerplaypay.LogEntry) error) (*peerplaypay.LogEntry, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	e, err := findLog(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := fn(tx, e); err != nil {
		if peerplaypay.ErrorCode(err) != peerplaypay.EINTERNAL {
			return nil, err
		}
		return nil, classify(s.db.Path, fmt.Errorf("update log %d: %w", id, err))
	}
	e.UpdatedAt = tx.now
	return e, classify(s.db.Path, tx.Commit())
}

// Log returns log id.
func (s *LogService) Log(ctx context.Context, id int64) (*peerplaypay.LogEntry, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findLog(ctx, tx, id)
}

// DeleteLog removes log id and returns it.
func (s *LogService) DeleteLog(ctx context.Context, id int64) (*peerplaypay.LogEntry, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	e, err := findLog(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM logs WHERE id = ?`, id); err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("delete log %d: %w", id, err))
	}
	if e.Published {
		// A tombstone: peers delete their copy and its recording.
		if err := enqueue(ctx, tx, peerplaypay.EventLogDeleted, peerplaypay.LogDeleted{UID: e.UID}); err != nil {
			return nil, classify(s.db.Path, err)
		}
	}
	return e, classify(s.db.Path, tx.Commit())
}

// CountCap bounds the count FindLogs returns beyond the page's offset: a
// total of Offset+CountCap means "at least that many".
const CountCap = 10_000

// FindLogs returns the logs matching f, newest first, and how many match,
// counted up to f.Offset+CountCap.
func (s *LogService) FindLogs(ctx context.Context, f peerplaypay.LogFilter) ([]*peerplaypay.LogEntry, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	where, args := []string{"1 = 1"}, []any{}
	if f.From != "" {
		where, args = append(where, "day >= ?"), append(args, f.From)
	}
	if f.To != "" {
		where, args = append(where, "day <= ?"), append(args, f.To)
	}
	if q := ftsQuery(f.Query); q != "" {
		where, args = append(where, "id IN (SELECT rowid FROM logs_fts WHERE logs_fts MATCH ?)"), append(args, q)
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(f.Status)), ", ")
	col := "status"
	if slices.Contains(f.Status, peerplaypay.LogReady) {
		// Nearly every log is ready: walking logs_created newest first and
		// stopping at the page is cheaper than collecting every ready log
		// through logs_status and sorting them. The + keeps SQLite from
		// choosing the status index.
		col = "+status"
	}
	where = append(where, col+" IN ("+marks+")")
	for _, st := range f.Status {
		args = append(args, st)
	}
	cond := strings.Join(where, " AND ")

	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()

	// The count stops at CountCap so that listing costs the same with a
	// thousand logs or a million.
	var total int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM logs WHERE "+cond+" LIMIT ?)",
		append(args, f.Offset+CountCap)...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count logs: %w", err)
	}
	rows, err := tx.QueryContext(ctx, "SELECT "+logColumns+" FROM logs WHERE "+cond+
		" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("select logs: %w", err)
	}
	defer rows.Close()
	logs := []*peerplaypay.LogEntry{}
	for rows.Next() {
		e, err := scanLog(rows)
		if err != nil {
			return nil, 0, err
		}
		logs = append(logs, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if q := ftsQuery(f.Query); q != "" && len(logs) > 0 {
		if err := markMatches(ctx, tx, q, logs); err != nil {
			return nil, 0, err
		}
	}
	return logs, total, nil
}

// ftsFields are the full-text index's columns, in order, as the domain
// names them.
var ftsFields = []string{"done", "how", "why", "next", "helpNeeded"}

// markMatches sets each log's Match: the first answer of the table in which
// the search found its words, as an excerpt with the words marked.
func markMatches(ctx context.Context, tx *Tx, q string, logs []*peerplaypay.LogEntry) error {
	ids := make([]int64, len(logs))
	for i, e := range logs {
		ids[i] = e.ID
	}
	found, err := matchExcerpts(ctx, tx, "logs_fts", q, ids)
	for _, e := range logs {
		e.Match = found[e.ID]
	}
	return err
}

// matchExcerpts finds, for each of the rows ids of the search index table,
// the first answer in which the search q found its words, as an excerpt
// with the words marked. Ours and our peers' logs have an index each, with
// the same columns (ftsFields).
func matchExcerpts(ctx context.Context, tx *Tx, table, q string, ids []int64) (map[int64]*peerplaypay.LogMatch, error) {
	found := map[int64]*peerplaypay.LogMatch{}
	if len(ids) == 0 {
		return found, nil
	}
	args := make([]any, 0, len(ids)+1)
	args = append(args, q)
	for _, id := range ids {
		args = append(args, id)
	}
	cols := make([]string, len(ftsFields))
	for i := range ftsFields {
		cols[i] = fmt.Sprintf("snippet(%s, %d, '%s', '%s', '…', 16)", table, i, peerplaypay.MatchStart, peerplaypay.MatchEnd)
	}
	rows, err := tx.QueryContext(ctx, "SELECT rowid, "+strings.Join(cols, ", ")+
		" FROM "+table+" WHERE "+table+" MATCH ? AND rowid IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+")", args...)
	if err != nil {
		return found, fmt.Errorf("search excerpts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		texts := make([]string, len(ftsFields))
		dest := []any{&id}
		for i := range texts {
			dest = append(dest, &texts[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return found, err
		}
		for i, t := range texts {
			if strings.Contains(t, peerplaypay.MatchStart) {
				found[id] = &peerplaypay.LogMatch{Field: ftsFields[i], Text: t}
				break
			}
		}
	}
	return found, rows.Err()
}

// ftsQuery turns what a member types into an FTS5 query that cannot be a
// syntax error: each word quoted, the last one as a prefix so results
// appear while typing, all words required.
func ftsQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	if len(words) > 0 {
		words[len(words)-1] += "*"
	}
	return strings.Join(words, " ")
}

func findLog(ctx context.Context, tx *Tx, id int64) (*peerplaypay.LogEntry, error) {
	e, err := scanLog(tx.QueryRowContext(ctx, "SELECT "+logColumns+" FROM logs WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no log number %d; it may have been deleted.", id)
	}
	return e, err
}

type scanner interface{ Scan(...any) error }

func scanLog(row scanner) (*peerplaypay.LogEntry, error) {
	var e peerplaypay.LogEntry
	var created, updated, questions, extra string
	err := row.Scan(&e.ID, &e.UID, &e.Day, &e.Kind, &e.Status, &e.MediaPath, &e.DurationMs, &e.SizeBytes, &e.SHA256,
		&e.Done, &e.How, &e.Why, &e.Next, &e.HelpNeeded, &e.Mood, &e.Energy, &e.Shared, &e.Published, &created, &updated, &e.Loudness,
		&questions, &extra, &e.Pinned, &e.MediaExpired)
	if err != nil {
		return nil, err
	}
	e.Questions = questionsOf(questions)
	e.Extra = extraOf(extra)
	if e.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if e.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	return &e, nil
}

// Package sqlite stores PeerPlayPay's records in one SQLite file through the
// pure-Go modernc.org/sqlite driver, so the app needs no C library for storage.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"peerplaypay/internal/lockfile"
	"peerplaypay/internal/peerplaypay"

	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"
)

//go:embed migration/*.sql
var migrationFS embed.FS

// FileName is the database's name inside the data directory.
const FileName = "peerplaypay.db"

// timeFormat keeps stored times sortable as text and exact to the nanosecond.
const timeFormat = time.RFC3339Nano

// DB is an open database. Every exported service method is one transaction.
type DB struct {
	db   *sql.DB
	Path string
	// Unclean is true when an earlier process had the database open and
	// ended without closing it (killed, crashed, power lost).
	Unclean bool

	// Now returns the current time; tests replace it for stable timestamps.
	Now func() time.Time

	open *lockfile.Lock // this process's mark in the open-marks folder

	stmts stmtCache // for writeCached
}

// Open checks and opens the database at path, creating it if it does not
// exist, and brings its schema up to date.
//
// Start-up must not grow with the data, so an existing file gets only
// checks whose cost does not depend on its size: its header and schema are
// read on a read-only connection, so a file that is not a database is
// reported (ECORRUPT) before anything, even a journal-mode switch, can
// write to it. The page-by-page PRAGMA quick_check runs only after an
// unclean shutdown, which each process's open mark reveals (see marks.go);
// the full integrity check belongs to doctor and a daily background run.
func Open(ctx context.Context, path string) (*DB, error) {
	path, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("resolve database path: %w", err)
	}
	unclean := false
	if _, err := os.Stat(path); err == nil {
		if err := check(ctx, path, "SELECT count(*) FROM sqlite_schema"); err != nil {
			return nil, err
		}
		stale, err := staleMarks(path)
		if err != nil {
			return nil, err
		}
		if unclean = len(stale) > 0; unclean {
			if err := check(ctx, path, "PRAGMA quick_check"); err != nil {
				return nil, err // the marks stay: the next start checks again
			}
			for _, m := range stale {
				m.Remove()
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, peerplaypay.Errorf(peerplaypay.EUNWRITABLE,
			"The database file %s cannot be read (%v). Check its permissions, or choose another data folder with --data-dir.", path, err)
	}

	mark, err := newMark(path)
	if err != nil {
		return nil, err
	}
	sqldb, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		mark.Remove()
		return nil, fmt.Errorf("open database: %w", err)
	}
	db := &DB{db: sqldb, Path: path, Unclean: unclean, Now: time.Now, open: mark, stmts: stmtCache{db: sqldb}}
	if err := retryBusy(ctx, func() error { return db.migrate(ctx) }); err != nil {
		sqldb.Close()
		mark.Remove()
		return nil, classify(path, err)
	}
	return db, nil
}

// retryBusy runs f again while it fails with SQLITE_BUSY, for up to 30
// seconds. The busy timeout covers ordinary lock waits, but a new file's
// switch to WAL and its first schema read answer BUSY at once to a second
// process opening the same new file (the window and a command started
// together on a new data folder). The wait covers another process
// applying every migration on a slow, busy machine: that took over 5 s
// with four processes opening one new file under the race detector.
func retryBusy(ctx context.Context, f func() error) error {
	deadline := time.Now().Add(30 * time.Second)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := f()
		var e *sqlite3.Error
		if err == nil || !errors.As(err, &e) || e.Code()&0xff != sqlite3lib.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

// Close closes the database and removes this process's open mark: from
// now on, this process's use of the file counts as a clean shutdown.
func (db *DB) Close() error {
	db.stmts.close()
	err := db.db.Close()
	if err == nil {
		db.open.Remove()
	}
	return err
}

// dsn builds a URI with the per-connection settings: foreign keys are off by
// default in SQLite, WAL lets the UI read while a sync writes, and the busy
// timeout turns brief lock contention into waiting instead of an error.
// Write transactions begin IMMEDIATE so two writers never deadlock upgrading
// read locks.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: q.Encode()}
	if !strings.HasPrefix(u.Path, "/") { // Windows drive paths
		u.Path = "/" + u.Path
	}
	return u.String()
}

// check runs a checking query on a read-only connection; every row it
// returns other than "ok" (the pragmas' answer) is a problem. A plain query
// (a count) only has to run without error.
func check(ctx context.Context, path, query string) error {
	ro, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return fmt.Errorf("open database read-only: %w", err)
	}
	defer ro.Close()

	rows, err := ro.QueryContext(ctx, query)
	if err != nil {
		return classify(path, err)
	}
	defer rows.Close()
	pragma := strings.HasPrefix(query, "PRAGMA")
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return classify(path, err)
		}
		if pragma && s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return classify(path, err)
	}
	if len(problems) > 0 {
		if len(problems) > 3 {
			problems = append(problems[:3], fmt.Sprintf("and %d more", len(problems)-3))
		}
		return corrupt(path, strings.Join(problems, "; "))
	}
	return nil
}

func corrupt(path, detail string) error {
	return peerplaypay.Errorf(peerplaypay.ECORRUPT,
		"The database %s is damaged (%s). PeerPlayPay has not changed it. Move the file somewhere safe (or restore a backup) and start again, and a new database will be created; or start with another data folder using --data-dir.",
		path, detail)
}

// classify turns driver errors that mean "this file is not a sound database"
// or "this file cannot be written" into user errors; others pass through.
func classify(path string, err error) error {
	var e *sqlite3.Error
	if errors.As(err, &e) {
		switch e.Code() & 0xff {
		case sqlite3lib.SQLITE_NOTADB, sqlite3lib.SQLITE_CORRUPT:
			return corrupt(path, sqlite3.ErrorCodeString[e.Code()])
		case sqlite3lib.SQLITE_READONLY, sqlite3lib.SQLITE_CANTOPEN, sqlite3lib.SQLITE_PERM, sqlite3lib.SQLITE_IOERR:
			return peerplaypay.Errorf(peerplaypay.EUNWRITABLE,
				"The database %s cannot be written (%s). Check that its folder is writable and the disk is not full, or choose another data folder with --data-dir.",
				path, sqlite3.ErrorCodeString[e.Code()])
		}
	}
	return err
}

// migrate applies the embedded migrations the file has not seen, each in its
// own transaction together with the bump of user_version, so a crash leaves
// the schema at a whole number.
func (db *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)

	var version int
	if err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(names) {
		return peerplaypay.Errorf(peerplaypay.ECONFLICT,
			"The database %s was written by a newer version of PeerPlayPay (schema %d; this version knows %d). Update PeerPlayPay to open it; the file has not been changed.",
			db.Path, version, len(names))
	}
	for i, name := range names {
		n, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		if err != nil || n != i+1 {
			return fmt.Errorf("migration %s: want number %04d", name, i+1)
		}
		if n <= version {
			continue
		}
		if err := db.apply(ctx, name, n); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) apply(ctx context.Context, name string, n int) error {
	body, err := migrationFS.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read migration %s: %w", name, err)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin migration %s: %w", name, err)
	}
	defer tx.Rollback()
	// Several processes may open a new data folder at once (the window
	// and a command). Transactions begin IMMEDIATE, so this one holds the
	// write lock: read the version again under it, and skip a migration
	// another process applied meanwhile.
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("migration %s: read version: %w", name, err)
	}
	if version >= n {
		return nil
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	// PRAGMA takes no bound parameters; n is an int we parsed.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", n)); err != nil {
		return fmt.Errorf("migration %s: set version: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migration %s: %w", name, err)
	}
	return nil
}

// Tx wraps a transaction with the time it began, so every row written by one
// service call carries the same timestamp.
type Tx struct {
	*sql.Tx
	now   time.Time
	cache *stmtCache // nil: every statement is prepared anew
}

// ExecContext is sql.Tx's, with the statement prepared once per
// connection in a transaction of writeCached.
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := tx.cached(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return tx.Tx.ExecContext(ctx, query, args...)
}

// QueryContext is sql.Tx's, cached as ExecContext.
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := tx.cached(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return tx.Tx.QueryContext(ctx, query, args...)
}

// QueryRowContext is sql.Tx's, cached as ExecContext.
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := tx.cached(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return tx.Tx.QueryRowContext(ctx, query, args...)
}

func (tx *Tx) cached(ctx context.Context, query string) *sql.Stmt {
	if tx.cache == nil {
		return nil
	}
	st := tx.cache.get(ctx, query)
	if st == nil {
		return nil
	}
	return tx.StmtContext(ctx, st)
}

// stmtCache keeps prepared statements by their text. Why: applying a
// peer's batch runs a dozen statements, and a newcomer's first sync applies
// tens of thousands of batches; preparing each statement each time was a
// third of that sync's CPU.
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// maxCachedStmts bounds the cache: statements built with a varying number
// of parameters would otherwise each stay.
const maxCachedStmts = 256

func (c *stmtCache) get(ctx context.Context, query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st
	}
	if len(c.m) >= maxCachedStmts {
		return nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil // the uncached path reports it
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}

// BeginTx starts a transaction.
func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	tx, err := db.db.BeginTx(ctx, opts)
	if err != nil {
		return nil, classify(db.Path, fmt.Errorf("begin: %w", err))
	}
	return &Tx{Tx: tx, now: db.Now().UTC()}, nil
}

// write runs fn in one write transaction and commits it. An error that is
// already the member's (a refused input) passes as it is; others are named
// by what was being done and classified (damaged file, full disk).
func (db *DB) write(ctx context.Context, what string, fn func(*Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return db.wrap(what, err)
	}
	return classify(db.Path, tx.Commit())
}

// writeCached is write with the transaction's statements prepared once
// and kept, for a write run very many times.
func (db *DB) writeCached(ctx context.Context, what string, fn func(*Tx) error) error {
	return db.write(ctx, what, func(tx *Tx) error {
		tx.cache = &db.stmts
		return fn(tx)
	})
}

// readCached is read with the statements kept as writeCached keeps them,
// for the reads that check each batch a sync applies.
func (db *DB) readCached(ctx context.Context, what string, fn func(*Tx) error) error {
	return db.read(ctx, what, func(tx *Tx) error {
		tx.cache = &db.stmts
		return fn(tx)
	})
}

// read runs fn in one read transaction: one consistent view for several
// queries.
func (db *DB) read(ctx context.Context, what string, fn func(*Tx) error) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return db.wrap(what, fn(tx))
}

func (db *DB) wrap(what string, err error) error {
	if err == nil || peerplaypay.ErrorCode(err) != peerplaypay.EINTERNAL {
		return err
	}
	return classify(db.Path, fmt.Errorf("%s: %w", what, err))
}

// IntegrityCheck runs the full PRAGMA integrity_check on a read-only
// connection, for `peerplaypay doctor` and the daily background check. It
// reads the whole file: its time grows with the data.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	return check(ctx, db.Path, "PRAGMA integrity_check")
}

// localDay is the member's calendar day at t, as days are stored.
func localDay(t time.Time) string { return t.Local().Format(time.DateOnly) }

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeFormat, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse stored time %q: %w", s, err)
	}
	return t, nil
}

// SnapshotTo writes a consistent copy of the database to path (which must
// not exist) with VACUUM INTO: it reads inside one transaction, so writers
// in this and other processes go on meanwhile and the copy is of one moment.
func (db *DB) SnapshotTo(ctx context.Context, path string) error {
	if _, err := db.db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return classify(db.Path, fmt.Errorf("copy database: %w", err))
	}
	return nil
}

// CheckFile runs the full integrity check on the database file at path,
// read-only: for a copy that is not open, such as one in a backup.
func CheckFile(ctx context.Context, path string) error {
	return check(ctx, path, "PRAGMA integrity_check")
}

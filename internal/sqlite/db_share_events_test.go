package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"io/fs"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
)

const (
	ada     = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	mallory = "dddddddddddddddddddddddddddddddd"
)

func logEvent(t *testing.T, id, kind string, data any) peerplaypay.ShareEvent {
	t.Helper()
	b, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	return peerplaypay.ShareEvent{ID: id, Kind: kind, V: 1, At: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), Data: b}
}

// A member who copies a peer's event IDs into her own batches, read first,
// must not make the peer's publish or tombstone pass for "applied before".
func TestApplyBatchKeysEventsByAuthor(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := NewShareStore(db)
	const pubKept, pubGone, delGone = "11111111111111111111111111111111", "22222222222222222222222222222222", "33333333333333333333333333333333"
	const kept, gone = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"

	copies := []peerplaypay.ShareEvent{
		logEvent(t, pubKept, peerplaypay.EventLogDeleted, peerplaypay.LogDeleted{UID: kept}),
		logEvent(t, pubGone, "thanks.given", map[string]string{"text": "copied id"}),
		logEvent(t, delGone, "thanks.given", map[string]string{"text": "copied id"}),
	}
	if _, err := s.ApplyBatch(ctx, mallory, peerplaypay.SharePosition{Seq: 1, Hash: "m1"}, copies); err != nil {
		t.Fatal(err)
	}
	real := []peerplaypay.ShareEvent{
		logEvent(t, pubKept, peerplaypay.EventLogPublished, peerplaypay.LogPublished{UID: kept, Day: "2026-11-23", Kind: peerplaypay.LogText, Table: peerplaypay.LogTable{Done: "kept"}}),
		logEvent(t, pubGone, peerplaypay.EventLogPublished, peerplaypay.LogPublished{UID: gone, Day: "2026-11-23", Kind: peerplaypay.LogText, Table: peerplaypay.LogTable{Done: "taken back"}}),
		logEvent(t, delGone, peerplaypay.EventLogDeleted, peerplaypay.LogDeleted{UID: gone}),
	}
	if _, err := s.ApplyBatch(ctx, ada, peerplaypay.SharePosition{Seq: 1, Hash: "a1"}, real); err != nil {
		t.Fatal(err)
	}
	logs, err := s.PeerLogs(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) != 1 || logs[0].Author != ada || logs[0].UID != kept {
		t.Fatalf("peer logs = %+v; want only Ada's log %s", logs, kept)
	}
	evs, err := s.ReceivedEvents(ctx)
	if err != nil || len(evs) != 6 {
		t.Fatalf("received %d events, %v; want both authors' 3", len(evs), err)
	}
	// A replay of the same author's event is still applied once.
	if _, err := s.ApplyBatch(ctx, ada, peerplaypay.SharePosition{Seq: 2, Hash: "a2"}, real[:2]); err != nil {
		t.Fatal(err)
	}
	if logs, _ := s.PeerLogs(ctx, 10); len(logs) != 1 {
		t.Fatalf("a replayed publish brought a deleted log back: %d logs", len(logs))
	}
}

// Migration 10 re-keys share_events and keeps every event received before.
func TestMigrationKeysEventsByAuthor(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	raw, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(migrationFS, "migration/*.sql")
	sort.Strings(names)
	for _, name := range names[:9] {
		body, _ := migrationFS.ReadFile(name)
		if _, err := raw.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	const id = "44444444444444444444444444444444"
	if _, err := raw.Exec(`PRAGMA user_version = 9`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO share_events (id, author, kind, v, at, data, applied) VALUES (?, ?, 'future.kind', 3, '2026-11-23T09:00:00Z', '{"x":1}', 0)`, id, ada); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := NewShareStore(db)
	evs, err := s.ReceivedEvents(ctx)
	if err != nil || len(evs) != 1 || evs[0].ID != id || evs[0].Author != ada || evs[0].Kind != "future.kind" || evs[0].V != 3 || string(evs[0].Data) != `{"x":1}` {
		t.Fatalf("after migrating: %+v, %v", evs, err)
	}
	var applied int
	if err := db.db.QueryRowContext(ctx, `SELECT applied FROM share_events`).Scan(&applied); err != nil || applied != 0 {
		t.Fatalf("applied = %d, %v; want the kept 0", applied, err)
	}
	if _, err := s.ApplyBatch(ctx, mallory, peerplaypay.SharePosition{Seq: 1, Hash: "m1"}, []peerplaypay.ShareEvent{
		logEvent(t, id, "thanks.given", map[string]string{"text": "same id, other author"}),
	}); err != nil {
		t.Fatal(err)
	}
	if evs, _ := s.ReceivedEvents(ctx); len(evs) != 2 {
		t.Fatalf("%d events; want the same ID kept once per author", len(evs))
	}
}

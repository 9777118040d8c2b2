package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// TestSessionsFromBeforePartIDs: a database whose sessions were kept by
// part index (items, dots, notes in the default parts) opens with each of
// them on its default part's id, its dots counted, its notes shown.
func TestSessionsFromBeforePartIDs(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var version int
	db.Close()
	raw := rawOpen(t, path)
	if err := raw.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	me, item := strings.Repeat("a", 32), strings.Repeat("1", 32)
	// The tables as the migration before part ids left them, with a
	// session's rows in them.
	for _, q := range []string{
		`DROP TABLE session_votes`,
		`CREATE TABLE session_votes (author TEXT NOT NULL, session TEXT NOT NULL, part INTEGER NOT NULL, dots TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (session, part, author)) STRICT`,
		`DROP INDEX session_items_part`,
		`ALTER TABLE session_items DROP COLUMN part_id`,
		`ALTER TABLE session_notes DROP COLUMN part_id`,
		`ALTER TABLE session_comments DROP COLUMN edited_at`,
		`ALTER TABLE session_comments DROP COLUMN deleted`,
		// What the migrations after it added, so that they run again.
		`DROP INDEX logs_retention`,
		`ALTER TABLE logs DROP COLUMN manifest`, `ALTER TABLE logs DROP COLUMN pinned`,
		`ALTER TABLE logs DROP COLUMN expire_state`, `ALTER TABLE logs DROP COLUMN expire_event`,
		`ALTER TABLE peer_logs DROP COLUMN pinned`, `ALTER TABLE peer_logs DROP COLUMN media_expired_at`,
		`INSERT INTO session_items (author, uid, session, part, text, created_at) VALUES ('` + me + `', '` + item + `', '2026-11-30', 1, 'pair on reviews', '2026-11-28T10:00:00Z')`,
		`INSERT INTO session_items (author, uid, session, part, text, created_at) VALUES ('` + me + `', '` + strings.Repeat("2", 32) + `', '2026-11-30', 4, 'the demo went well', '2026-11-28T10:00:00Z')`,
		`INSERT INTO session_votes (author, session, part, dots, at) VALUES ('` + me + `', '2026-11-30', 1, '[{"author":"` + me + `","uid":"` + item + `"}]', '2026-11-30T10:00:00Z')`,
		`INSERT INTO session_notes (author, rev, uid, prev, session, part, kind, text, at) VALUES ('` + me + `', '` + strings.Repeat("3", 32) + `', '` + strings.Repeat("4", 32) + `', '', '2026-11-30', 1, 'decision', 'we pair', '2026-11-30T10:30:00Z')`,
		`INSERT INTO session_comments (author, uid, item_author, item_uid, text, at) VALUES ('` + me + `', '` + strings.Repeat("5", 32) + `', '` + me + `', '` + item + `', 'good idea', '2026-11-29T10:00:00Z')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// Back to the schema before part ids (migration 0021), and before
	// every later one.
	if version < 22 {
		t.Fatalf("the database is at version %d; the migrations to undo are up to 0022", version)
	}
	if _, err := raw.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, 20)); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := sqlite.NewSessionService(db, func(context.Context) sqlite.SessionPeople {
		return sqlite.SessionPeople{People: sqlite.People{Me: me, MyName: "Ada"}, Active: []string{me}}
	})
	ts, err := s.Session(ctx, "2026-11-30")
	if err != nil {
		t.Fatal(err)
	}
	exp, stories := ts.Parts[1], ts.Parts[4]
	if exp.ID != peerplaypay.PartIDExperiments || len(exp.Items) != 1 || exp.Items[0].Votes != 1 || len(exp.Items[0].Comments) != 1 {
		t.Fatalf("the experiments' part after the migration: %+v", exp)
	}
	if len(exp.Notes) != 1 || exp.Notes[0].Text != "we pair" {
		t.Errorf("the decision after the migration: %+v", exp.Notes)
	}
	if len(stories.Items) != 1 || stories.Items[0].Text != "the demo went well" {
		t.Errorf("the success stories after the migration: %+v", stories.Items)
	}
	// And they go on: a dot more, and a comment edited by its author.
	if err := s.Vote(ctx, exp.Items[0].ID, false); err != nil {
		t.Fatal(err)
	}
	if err := s.EditComment(ctx, exp.Items[0].Comments[0].ID, "a good idea"); err != nil {
		t.Fatal(err)
	}
	if ts, _ := s.Session(ctx, "2026-11-30"); ts.Parts[1].Items[0].Votes != 2 || ts.Parts[1].Items[0].Comments[0].Text != "a good idea" {
		t.Errorf("after the migration, a dot and an edit: %+v", ts.Parts[1].Items[0])
	}
}

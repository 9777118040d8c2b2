package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// MustCreateLog stores e or fails the test.
func MustCreateLog(tb testing.TB, s *sqlite.LogService, e peerplaypay.LogEntry) *peerplaypay.LogEntry {
	tb.Helper()
	if err := s.CreateLog(context.Background(), &e); err != nil {
		tb.Fatal(err)
	}
	return &e
}

func ids(logs []*peerplaypay.LogEntry) []int64 {
	out := []int64{}
	for _, l := range logs {
		out = append(out, l.ID)
	}
	return out
}

func TestLogService(t *testing.T) {
	ctx := context.Background()

	t.Run("CreateFinishRead", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewLogService(db)
		e := MustCreateLog(t, s, peerplaypay.LogEntry{Kind: peerplaypay.LogVideo, Status: peerplaypay.LogRecording,
			MediaPath: "media/2026/11/a.webm", LogTable: peerplaypay.LogTable{Done: " shipped the importer ", Mood: 4}})
		if e.ID == 0 || e.Day == "" || e.Done != "shipped the importer" {
			t.Fatalf("created %+v", e)
		}
		got, err := s.FinishLog(ctx, e.ID, peerplaypay.LogMedia{DurationMs: 3000, SizeBytes: 12345, SHA256: "ab"}, peerplaypay.LogReady)
		if err != nil || got.DurationMs != 3000 || got.Status != peerplaypay.LogReady {
			t.Fatalf("finish = %+v, %v", got, err)
		}
		read, err := s.Log(ctx, e.ID)
		if err != nil || read.SizeBytes != 12345 || read.Mood != 4 || read.MediaPath != "media/2026/11/a.webm" {
			t.Fatalf("read = %+v, %v", read, err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		s := sqlite.NewLogService(MustOpenDB(t))
		for name, e := range map[string]peerplaypay.LogEntry{
			"EmptyText":    {Kind: peerplaypay.LogText},
			"VideoNoFile":  {Kind: peerplaypay.LogVideo},
			"BadKind":      {Kind: "hologram", MediaPath: "x"},
			"MoodTooHigh":  {Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "x", Mood: 6}},
			"TooMuchToSay": {Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Why: strings.Repeat("w", peerplaypay.MaxTableText+1)}},
		} {
			if err := s.CreateLog(ctx, &e); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
				t.Errorf("%s: err = %v; want invalid", name, err)
			}
		}
		if logs, n, _ := s.FindLogs(ctx, peerplaypay.LogFilter{}); n != 0 || len(logs) != 0 {
			t.Errorf("invalid logs were stored: %d", n)
		}
	})

	t.Run("FindNewestFirstByDayAndStatus", func(t *testing.T) {
		db := MustOpenDB(t)
		clock := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
		s := sqlite.NewLogService(db)
		a := MustCreateLog(t, s, peerplaypay.LogEntry{Day: "2026-11-20", Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "a"}})
		b := MustCreateLog(t, s, peerplaypay.LogEntry{Day: "2026-11-21", Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "b"}})
		c := MustCreateLog(t, s, peerplaypay.LogEntry{Day: "2026-11-22", Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "c"}})
		MustCreateLog(t, s, peerplaypay.LogEntry{Day: "2026-11-22", Kind: peerplaypay.LogAudio, Status: peerplaypay.LogRecording, MediaPath: "m.webm"})

		for _, tc := range []struct {
			name string
			f    peerplaypay.LogFilter
			want []int64
		}{
			{"All", peerplaypay.LogFilter{}, []int64{c.ID, b.ID, a.ID}},
			{"From", peerplaypay.LogFilter{From: "2026-11-21"}, []int64{c.ID, b.ID}},
			{"Day", peerplaypay.LogFilter{From: "2026-11-21", To: "2026-11-21"}, []int64{b.ID}},
			{"Page", peerplaypay.LogFilter{Limit: 1, Offset: 1}, []int64{b.ID}},
		} {
			logs, total, err := s.FindLogs(ctx, tc.f)
			if err != nil || !equal(ids(logs), tc.want) {
				t.Errorf("%s: got %v (%v); want %v", tc.name, ids(logs), err, tc.want)
			}
			if tc.name == "Page" && total != 3 {
				t.Errorf("Page: total %d; want 3", total)
			}
		}
		if _, _, err := s.FindLogs(ctx, peerplaypay.LogFilter{From: "2026-11-22", To: "2026-11-01"}); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
			t.Errorf("reversed dates: %v", err)
		}
		if _, _, err := s.FindLogs(ctx, peerplaypay.LogFilter{From: "yesterday"}); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
			t.Errorf("bad date: %v", err)
		}
	})

	t.Run("FullTextSearch", func(t *testing.T) {
		s := sqlite.NewLogService(MustOpenDB(t))
		cv := MustCreateLog(t, s, peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "Rewrote my résumé", HelpNeeded: "a review of the Kubernetes setup"}})
		db := MustCreateLog(t, s, peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Why: "the database migration unblocks the team", Next: "ship it"}})

		for q, want := range map[string][]int64{
			"resume":               {cv.ID},        // diacritics folded
			"kube":                 {cv.ID},        // prefix of the last word
			"database team":        {db.ID},        // all words, any column
			"database résumé":      {},             // no log has both
			`"unbalanced (quotes*`: {},             // never a syntax error
			"   ":                  {db.ID, cv.ID}, // no words: no filter
		} {
			logs, _, err := s.FindLogs(ctx, peerplaypay.LogFilter{Query: q})
			if err != nil || !equal(ids(logs), want) {
				t.Errorf("query %q: got %v (%v); want %v", q, ids(logs), err, want)
			}
		}

		// Editing the table re-indexes it; deleting removes it from the index.
		if _, err := s.UpdateLogTable(ctx, cv.ID, peerplaypay.LogTable{Done: "Planted tomatoes"}); err != nil {
			t.Fatal(err)
		}
		if logs, _, _ := s.FindLogs(ctx, peerplaypay.LogFilter{Query: "resume"}); len(logs) != 0 {
			t.Errorf("old text still found after edit: %v", ids(logs))
		}
		if logs, _, _ := s.FindLogs(ctx, peerplaypay.LogFilter{Query: "tomato"}); !equal(ids(logs), []int64{cv.ID}) {
			t.Errorf("new text not found after edit: %v", ids(logs))
		}
		if _, err := s.DeleteLog(ctx, db.ID); err != nil {
			t.Fatal(err)
		}
		if logs, _, _ := s.FindLogs(ctx, peerplaypay.LogFilter{Query: "database"}); len(logs) != 0 {
			t.Errorf("deleted log still found: %v", ids(logs))
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		s := sqlite.NewLogService(MustOpenDB(t))
		if _, err := s.Log(ctx, 42); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Errorf("Log: %v", err)
		}
		if _, err := s.DeleteLog(ctx, 42); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Errorf("DeleteLog: %v", err)
		}
		if _, err := s.UpdateLogTable(ctx, 42, peerplaypay.LogTable{Done: "x"}); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Errorf("UpdateLogTable: %v", err)
		}
	})

	t.Run("ErrTextLogEmptied", func(t *testing.T) {
		s := sqlite.NewLogService(MustOpenDB(t))
		e := MustCreateLog(t, s, peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "x"}})
		if _, err := s.UpdateLogTable(ctx, e.ID, peerplaypay.LogTable{}); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
			t.Errorf("emptying a text log: %v", err)
		}
	})
}

func TestSettingsService(t *testing.T) {
	ctx := context.Background()
	s := sqlite.NewSettingsService(MustOpenDB(t))
	if v, err := s.Setting(ctx, "camera", "default-cam"); v != "default-cam" || err != nil {
		t.Fatalf("unset = %q, %v", v, err)
	}
	if err := s.SetSettings(ctx, map[string]string{"camera": "cam1", "mic": "mic1"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSettings(ctx, map[string]string{"camera": "cam2"}); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Setting(ctx, "camera", ""); v != "cam2" {
		t.Errorf("camera = %q", v)
	}
	if v, _ := s.Setting(ctx, "mic", ""); v != "mic1" {
		t.Errorf("mic = %q", v)
	}
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFindLogsMatch(t *testing.T) {
	ctx := context.Background()
	logs := sqlite.NewLogService(MustOpenDB(t))
	for _, tb := range []peerplaypay.LogTable{
		{Done: "Fixed the importer", Why: "Customers wait for the résumé export"},
		{Done: "Reviewed designs", HelpNeeded: "someone who knows the resume parser"},
	} {
		if err := logs.CreateLog(ctx, &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: tb}); err != nil {
			t.Fatal(err)
		}
	}
	found, _, err := logs.FindLogs(ctx, peerplaypay.LogFilter{Query: "resume"})
	if err != nil || len(found) != 2 {
		t.Fatalf("find = %v, %v", found, err)
	}
	want := map[string]string{
		"helpNeeded": "someone who knows the \ue000resume\ue001 parser",
		"why":        "Customers wait for the \ue000résumé\ue001 export",
	}
	for _, e := range found {
		if e.Match == nil || want[e.Match.Field] != e.Match.Text {
			t.Errorf("log %d match = %+v", e.ID, e.Match)
		}
	}
	if all, _, _ := logs.FindLogs(ctx, peerplaypay.LogFilter{}); all[0].Match != nil {
		t.Error("a list without a search has matches")
	}
}

// TestFindLogsStems: search finds other forms of a word, in a new database
// and in one made before the index knew stems, once it is opened again.
func TestFindLogsStems(t *testing.T) {
	ctx := context.Background()
	tables := []peerplaypay.LogTable{
		{Done: "Planned the rollout of the importer", Why: "Customers wait for the résumé export"},
		{Done: "Fixing flaky tests", Next: "Review two designs"},
		{Done: "Wrote the release notes"},
	}
	search := func(t *testing.T, logs *sqlite.LogService, query string, want ...int) {
		t.Helper()
		found, _, err := logs.FindLogs(ctx, peerplaypay.LogFilter{Query: query})
		if err != nil {
			t.Fatalf("find %q: %v", query, err)
		}
		var got []int
		for _, e := range found {
			for i, tb := range tables {
				if e.Done == tb.Done {
					got = append(got, i)
				}
			}
		}
		if len(got) != len(want) || (len(want) > 0 && !sameInts(got, want)) {
			t.Errorf("find %q = logs %v; want %v", query, got, want)
		}
	}
	check := func(t *testing.T, logs *sqlite.LogService) {
		search(t, logs, "rollouts", 0)
		search(t, logs, "fixed test", 1)
		search(t, logs, "design reviews", 1)
		search(t, logs, "resumes", 0)
		search(t, logs, "release note", 2)
		// A word being typed still finds by prefix.
		search(t, logs, "impor", 0)
		search(t, logs, "payroll")
	}

	t.Run("New", func(t *testing.T) {
		logs := sqlite.NewLogService(MustOpenDB(t))
		for _, tb := range tables {
			MustCreateLog(t, logs, peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: tb})
		}
		check(t, logs)
	})

	t.Run("Migrated", func(t *testing.T) {
		db := MustOpenDB(t)
		logs := sqlite.NewLogService(db)
		for _, tb := range tables {
			MustCreateLog(t, logs, peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: tb})
		}
		path := db.Path
		db.Close()
		// The index as migration 0002 made it, then the stems migration's
		// own SQL run on it, as an upgrade does. Its SQL is run directly,
		// not by resetting user_version: later migrations would run twice.
		raw := rawOpen(t, path)
		stems, err := os.ReadFile(filepath.Join("migration", stemsMigration))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			"DROP TABLE logs_fts",
			`CREATE VIRTUAL TABLE logs_fts USING fts5 (done, how, why, next, help_needed,
				content = 'logs', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')`,
			"INSERT INTO logs_fts (logs_fts) VALUES ('rebuild')",
			string(stems),
		} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		raw.Close()

		old, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer old.Close()
		logs = sqlite.NewLogService(old)
		check(t, logs)
		if err := old.IntegrityCheck(ctx); err != nil {
			t.Fatalf("integrity after the rebuild: %v", err)
		}
		// The triggers keep the rebuilt index in step.
		e := MustCreateLog(t, logs, peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "Paid the invoices"}})
		if found, _, err := logs.FindLogs(ctx, peerplaypay.LogFilter{Query: "invoice paying"}); err != nil || len(found) != 1 || found[0].ID != e.ID {
			t.Fatalf("find a new log after the rebuild = %v, %v", found, err)
		}
	})
}

// stemsMigration is the migration that rebuilt the index with stems.
const stemsMigration = "0010_search_stems.sql"

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[int]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

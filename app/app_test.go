package app_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/app"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// MustStart starts an App on a fresh data folder.
func MustStart(tb testing.TB, dir string) *app.App {
	tb.Helper()
	a := app.New(app.Config{DataDir: dir, Version: "test"}, quiet)
	a.Start(context.Background())
	tb.Cleanup(func() { a.Close() })
	return a
}

// decode reads the JSON a bound method's error carries to the frontend.
func decode(t *testing.T, err error) (code, message, field string) {
	t.Helper()
	var e struct{ Code, Message, Field string }
	if err == nil {
		t.Fatal("want an error")
	}
	if jerr := json.Unmarshal([]byte(err.Error()), &e); jerr != nil {
		t.Fatalf("error %q is not JSON: %v", err, jerr)
	}
	return e.Code, e.Message, e.Field
}

func TestProfiles(t *testing.T) {
	t.Run("OnboardThenEdit", func(t *testing.T) {
		dir := t.TempDir()
		a := MustStart(t, dir)
		if st := app.NewShell(a).Status(); !st.OK || st.DataDir != dir {
			t.Fatalf("status = %+v", st)
		}
		profiles := app.NewProfiles(a)
		if p, err := profiles.Get(); p != nil || err != nil {
			t.Fatalf("before onboarding Get = %+v, %v; want nil, nil", p, err)
		}
		if _, err := profiles.Save(peerplaypay.ProfileInput{Name: "Ada", Role: "Engineer", TeamName: "Engines"}); err != nil {
			t.Fatal(err)
		}
		p, err := profiles.Save(peerplaypay.ProfileInput{Name: "Ada L.", Role: "Engineer", TeamName: "Engines"})
		if err != nil || p.Name != "Ada L." {
			t.Fatalf("edit = %+v, %v", p, err)
		}
		if _, err := os.Stat(filepath.Join(dir, sqlite.FileName)); err != nil {
			t.Errorf("database not in the data folder: %v", err)
		}
	})

	t.Run("ErrInvalidCarriesField", func(t *testing.T) {
		_, err := app.NewProfiles(MustStart(t, t.TempDir())).Save(peerplaypay.ProfileInput{Name: " "})
		code, msg, field := decode(t, err)
		if code != peerplaypay.EINVALID || field != "name" || msg == "" {
			t.Fatalf("got %q %q %q", code, msg, field)
		}
	})
}

func TestStartFailure(t *testing.T) {
	t.Run("CorruptDatabaseThenRetry", func(t *testing.T) {
		dir := t.TempDir()
		dbPath := filepath.Join(dir, sqlite.FileName)
		os.WriteFile(dbPath, []byte("garbage that is no database at all, long enough to have a header......................................................"), 0o600)
		a := MustStart(t, dir)
		shell := app.NewShell(a)
		st := shell.Status()
		if st.OK || st.Code != peerplaypay.ECORRUPT || st.Message == "" {
			t.Fatalf("status = %+v; want corrupt", st)
		}
		code, _, _ := decode(t, second(app.NewProfiles(a).Get()))
		if code != peerplaypay.ECORRUPT {
			t.Errorf("Get on a corrupt database: code %q", code)
		}

		// The member moves the damaged file aside and presses Retry.
		if err := os.Rename(dbPath, dbPath+".damaged"); err != nil {
			t.Fatal(err)
		}
		if st := shell.Status(); !st.OK {
			t.Fatalf("after moving the file aside, status = %+v", st)
		}
		if p, err := app.NewProfiles(a).Get(); p != nil || err != nil {
			t.Fatalf("Get after retry = %+v, %v", p, err)
		}
	})

	t.Run("UnwritableDataDir", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		os.WriteFile(file, []byte("x"), 0o600)
		st := app.NewShell(MustStart(t, filepath.Join(file, "data"))).Status()
		if st.OK || st.Code != peerplaypay.EUNWRITABLE {
			t.Fatalf("status = %+v; want unwritable", st)
		}
	})
}

func second[T any](_ T, err error) error { return err }

func TestDailyIntegrityCheck(t *testing.T) {
	start := func(t *testing.T, dir string) (*app.App, chan string) {
		damaged := make(chan string, 1)
		a := app.New(app.Config{DataDir: dir, Version: "test", CheckAfter: time.Millisecond, Emit: func(topic string, data any) {
			if topic == app.EventDamaged {
				damaged <- data.(string)
			}
		}}, quiet)
		if err := a.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		return a, damaged
	}

	t.Run("OK", func(t *testing.T) {
		dir := t.TempDir()
		a, damaged := start(t, dir)
		app.NewShell(a).Ready(app.PageTimes{})
		deadline := time.Now().Add(10 * time.Second)
		for {
			db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, sqlite.FileName)+"?mode=ro")
			if err != nil {
				t.Fatal(err)
			}
			var last string
			db.QueryRow(`SELECT value FROM settings WHERE key = 'db.lastIntegrityCheck'`).Scan(&last)
			db.Close()
			if last != "" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the daily check did not record a pass")
			}
			time.Sleep(50 * time.Millisecond)
		}
		select {
		case msg := <-damaged:
			t.Fatalf("a sound database reported damaged: %s", msg)
		default:
		}
	})

	t.Run("ErrDamaged", func(t *testing.T) {
		// A page damaged while the app was closed cleanly: the start does
		// not read it, the background check finds it, and from then on
		// nothing is read from or written to the file.
		dir := t.TempDir()
		path := filepath.Join(dir, sqlite.FileName)
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		damagePage(t, path)
		before, _ := os.ReadFile(path)

		a, damaged := start(t, dir)
		shell := app.NewShell(a)
		if st := shell.Status(); !st.OK {
			t.Fatalf("start on a file with one damaged page: %+v; want it to open (the check runs later)", st)
		}
		shell.Ready(app.PageTimes{})
		select {
		case msg := <-damaged:
			if !strings.Contains(msg, "damaged") {
				t.Errorf("damage message %q", msg)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the background check did not report the damage")
		}
		if st := shell.Status(); st.OK || st.Code != peerplaypay.ECORRUPT {
			t.Errorf("status after the check = %+v", st)
		}
		if _, err := app.NewLogs(a).Find(peerplaypay.LogFilter{}); err == nil {
			t.Error("logs still readable from a damaged database")
		}
		a.Close()
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Error("the damaged file was changed")
		}
	})
}

// damagePage fills a table over many pages and overwrites the middle of
// one of them, as a failing disk would.
func damagePage(t *testing.T, path string) {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)",
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 400) INSERT INTO filler SELECT i, printf('%0500d', i) FROM n",
		"CREATE INDEX filler_body ON filler(body)",
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	var pageSize, pages int
	raw.QueryRow("PRAGMA page_size").Scan(&pageSize)
	raw.QueryRow("PRAGMA page_count").Scan(&pages)
	raw.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// A page of the filler's index, written last: a page in the middle may
	// hold the schema, which a migration that rebuilds a table moves, and
	// then opening fails at once rather than the daily check.
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, pageSize/2), int64(pages-3)*int64(pageSize)); err != nil {
		t.Fatal(err)
	}
}

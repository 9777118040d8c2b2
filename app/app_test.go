package app_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

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

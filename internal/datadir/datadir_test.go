package datadir_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peerplaypay/internal/datadir"
	"peerplaypay/internal/peerplaypay"
)

func TestResolve(t *testing.T) {
	t.Run("FlagWins", func(t *testing.T) {
		t.Setenv(datadir.EnvVar, "/from/env")
		dir, src, err := datadir.Resolve("relative/dir")
		if err != nil || src != datadir.FromFlag || !filepath.IsAbs(dir) || !strings.HasSuffix(dir, "relative/dir") {
			t.Fatalf("Resolve = %q, %q, %v", dir, src, err)
		}
	})
	t.Run("Env", func(t *testing.T) {
		t.Setenv(datadir.EnvVar, "/from/env")
		dir, src, err := datadir.Resolve("")
		if err != nil || src != datadir.FromEnv || dir != "/from/env" {
			t.Fatalf("Resolve = %q, %q, %v", dir, src, err)
		}
	})
	t.Run("Default", func(t *testing.T) {
		t.Setenv(datadir.EnvVar, "")
		t.Setenv("XDG_DATA_HOME", "/xdg")
		dir, src, err := datadir.Resolve("")
		if err != nil || src != datadir.FromDefault || dir != "/xdg/peerplaypay" {
			t.Fatalf("Resolve = %q, %q, %v", dir, src, err)
		}
	})
}

func TestPrepare(t *testing.T) {
	t.Run("OKRemovesLeftProbes", func(t *testing.T) {
		// A start killed between writing its probe and removing it.
		dir := t.TempDir()
		left := filepath.Join(dir, ".write-probe-1234567")
		if err := os.WriteFile(left, []byte("ok"), 0o600); err != nil {
			t.Fatal(err)
		}
		keep := filepath.Join(dir, "peerplaypay.db")
		if err := os.WriteFile(keep, []byte("data"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := datadir.Prepare(dir); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(left); !os.IsNotExist(err) {
			t.Errorf("the probe a killed start left is still there: %v", err)
		}
		if _, err := os.Stat(keep); err != nil {
			t.Errorf("Prepare removed data: %v", err)
		}
	})
	t.Run("OKCreatesNested", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "a", "b")
		if err := datadir.Prepare(dir); err != nil {
			t.Fatal(err)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 0 {
			t.Errorf("probe file left behind: %v", entries)
		}
	})
	t.Run("ErrUnderFile", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		os.WriteFile(file, []byte("keep me"), 0o600)
		err := datadir.Prepare(filepath.Join(file, "data"))
		if peerplaypay.ErrorCode(err) != peerplaypay.EUNWRITABLE || !strings.Contains(peerplaypay.ErrorMessage(err), "--data-dir") {
			t.Fatalf("err = %v; want unwritable with a way out", err)
		}
		if b, _ := os.ReadFile(file); string(b) != "keep me" {
			t.Error("the file in the way was changed")
		}
	})
}

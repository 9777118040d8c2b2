package keychain_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"peerplaypay/internal/keychain"
)

// withoutBus hides any session bus, as on a headless machine or in CI.
func withoutBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
}

func TestFile(t *testing.T) {
	ctx := context.Background()
	withoutBus(t)
	dir := t.TempDir()
	s := keychain.New(dir)
	if ok, why := s.Keychain(ctx); ok || why == "" {
		t.Fatalf("Keychain() = %v, %q without a bus; want false and a reason", ok, why)
	}

	t.Run("OK", func(t *testing.T) {
		if err := s.SetSecret(ctx, "s3", "wJalrXUtnFEMI/K7MDENG"); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(s.File("s3"))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
		}
		// Another process (a new Store) reads it back.
		got, err := keychain.New(dir).Secret(ctx, "s3")
		if err != nil || got != "wJalrXUtnFEMI/K7MDENG" {
			t.Fatalf("Secret() = %q, %v", got, err)
		}
		if place, words := s.Place(ctx, "s3"); place != keychain.PlaceFile || !strings.Contains(words, s.File("s3")) {
			t.Fatalf("Place() = %q, %q", place, words)
		}
	})
	t.Run("OpenedUpIsMadePrivate", func(t *testing.T) {
		if err := os.Chmod(s.File("s3"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Secret(ctx, "s3"); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(s.File("s3")); fi.Mode().Perm() != 0o600 {
			t.Fatalf("mode %v after a read, want 0600", fi.Mode().Perm())
		}
	})
	t.Run("Delete", func(t *testing.T) {
		if err := s.SetSecret(ctx, "s3", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(s.File("s3")); !os.IsNotExist(err) {
			t.Fatalf("the file is still there: %v", err)
		}
		if got, err := s.Secret(ctx, "s3"); err != nil || got != "" {
			t.Fatalf("Secret() after delete = %q, %v", got, err)
		}
	})
	t.Run("NothingLeftBeside", func(t *testing.T) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			t.Errorf("left in the data folder: %s", e.Name())
		}
	})
}

// TestSecretService runs against a real Secret Service: gnome-keyring on a
// D-Bus session bus of the test's own, which ends with the test.
func TestSecretService(t *testing.T) {
	if os.Getenv("KEYCHAIN_TEST_BUS") == "" {
		for _, tool := range []string{"dbus-run-session", "gnome-keyring-daemon"} {
			if _, err := exec.LookPath(tool); err != nil {
				t.Skipf("%s is not installed (Debian: dbus-daemon, gnome-keyring)", tool)
			}
		}
		home := t.TempDir()
		// gnome-keyring makes the login keyring, unlocked, with the password
		// it reads, and keeps it under XDG_DATA_HOME: nothing of the user's.
		script := `printf 'test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" -test.run='^TestSecretService$' -test.v`
		cmd := exec.Command("dbus-run-session", "--", "sh", "-c", script, os.Args[0])
		cmd.Env = append(os.Environ(), "KEYCHAIN_TEST_BUS=1", "XDG_DATA_HOME="+home, "HOME="+home, "XDG_RUNTIME_DIR="+home)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestSecretService") {
			t.Fatalf("under a session bus with gnome-keyring: %v\n%s", err, out)
		}
		return
	}

	ctx := context.Background()
	dir := t.TempDir()
	s := keychain.New(dir)
	if ok, why := s.Keychain(ctx); !ok {
		t.Fatalf("no keychain on the test's bus: %s", why)
	}
	if err := os.Mkdir(filepath.Join(dir, "other"), 0o700); err != nil {
		t.Fatal(err)
	}
	other := keychain.New(filepath.Join(dir, "other"))

	t.Run("OK", func(t *testing.T) {
		if err := s.SetSecret(ctx, "s3", "keychain-secret"); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(s.File("s3")); !os.IsNotExist(err) {
			t.Fatalf("a file was written beside the keychain: %v", err)
		}
		if got, err := keychain.New(dir).Secret(ctx, "s3"); err != nil || got != "keychain-secret" {
			t.Fatalf("Secret() = %q, %v", got, err)
		}
		if place, _ := s.Place(ctx, "s3"); place != keychain.PlaceKeychain {
			t.Fatalf("Place() = %q", place)
		}
	})
	t.Run("OnePerDataFolder", func(t *testing.T) {
		if got, err := other.Secret(ctx, "s3"); err != nil || got != "" {
			t.Fatalf("another data folder's Secret() = %q, %v", got, err)
		}
	})
	t.Run("FileMovesIn", func(t *testing.T) {
		if err := os.WriteFile(other.File("s3"), []byte("restored\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if got, err := other.Secret(ctx, "s3"); err != nil || got != "restored" {
			t.Fatalf("Secret() = %q, %v", got, err)
		}
		if _, err := os.Stat(other.File("s3")); !os.IsNotExist(err) {
			t.Fatalf("the file stayed once the keychain had the secret: %v", err)
		}
		if got, err := keychain.New(filepath.Join(dir, "other")).Secret(ctx, "s3"); err != nil || got != "restored" {
			t.Fatalf("from the keychain: %q, %v", got, err)
		}
	})
	t.Run("Delete", func(t *testing.T) {
		if err := s.SetSecret(ctx, "s3", ""); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Secret(ctx, "s3"); err != nil || got != "" {
			t.Fatalf("Secret() after delete = %q, %v", got, err)
		}
	})
}

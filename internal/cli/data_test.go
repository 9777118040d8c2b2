package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupPassphrase(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, nil, "logs", "add", "--data-dir", dir, "--done", "kept safe"); code != 0 {
		t.Fatalf("logs add: %s", errOut)
	}
	// The identity a team member has in the data folder.
	os.WriteFile(filepath.Join(dir, "share-identity.key"), []byte("identity seed"), 0o600)
	pass := filepath.Join(t.TempDir(), "pass")
	os.WriteFile(pass, []byte("a long enough passphrase\n"), 0o600)

	t.Run("PlainSaysSo", func(t *testing.T) {
		code, _, errOut := run(t, nil, "backup", filepath.Join(t.TempDir(), "b.tar"), "--data-dir", dir)
		if code != 0 || !strings.Contains(errOut, "not encrypted") || !strings.Contains(errOut, "share-identity.key") {
			t.Fatalf("exit %d, stderr %q; want a warning naming the identity", code, errOut)
		}
	})

	file := filepath.Join(t.TempDir(), "b.tar.age")
	code, out, errOut := run(t, nil, "backup", file, "--data-dir", dir, "--passphrase-file", pass)
	if code != 0 || !strings.Contains(out, "encrypted") || strings.Contains(errOut, "not encrypted") {
		t.Fatalf("encrypted backup: exit %d, %q %q", code, out, errOut)
	}

	t.Run("ErrEncryptWithoutTerminal", func(t *testing.T) {
		code, _, errOut := run(t, nil, "backup", filepath.Join(t.TempDir(), "c.tar"), "--data-dir", dir, "--encrypt")
		if code != 2 || !strings.Contains(errOut, "--passphrase-file") {
			t.Fatalf("exit %d, %q", code, errOut)
		}
	})
	t.Run("ErrRestoreWithoutPassphrase", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "new")
		code, _, errOut := run(t, nil, "restore", file, "--data-dir", dest)
		if code != 2 || !strings.Contains(errOut, "encrypted") || !strings.Contains(errOut, "--passphrase-file") {
			t.Fatalf("exit %d, %q", code, errOut)
		}
		if _, err := os.Stat(dest); !os.IsNotExist(err) {
			t.Errorf("a refused restore made %s", dest)
		}
	})
	t.Run("ErrWrongPassphrase", func(t *testing.T) {
		wrong := filepath.Join(t.TempDir(), "wrong")
		os.WriteFile(wrong, []byte("not the passphrase"), 0o600)
		dest := filepath.Join(t.TempDir(), "new")
		code, _, errOut := run(t, nil, "restore", file, "--data-dir", dest, "--passphrase-file", wrong)
		if code != 1 || !strings.Contains(errOut, "passphrase does not open") {
			t.Fatalf("exit %d, %q", code, errOut)
		}
		if _, err := os.Stat(dest); !os.IsNotExist(err) {
			t.Errorf("a failed restore made %s", dest)
		}
	})
	t.Run("OK", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "new")
		if code, _, errOut := run(t, nil, "restore", file, "--data-dir", dest, "--passphrase-file", pass); code != 0 {
			t.Fatalf("restore: exit %d, %s", code, errOut)
		}
		code, out, _ := run(t, nil, "logs", "list", "--data-dir", dest)
		if code != 0 || !strings.Contains(out, "kept safe") {
			t.Fatalf("restored logs: %q", out)
		}
	})
}

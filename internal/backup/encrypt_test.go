package backup_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peerplaypay/internal/backup"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// testWorkFactor is the scrypt cost of the tests' encrypted backups: the
// default, under the race detector, takes most of a minute per backup.
const testWorkFactor = 10

func TestEncrypted(t *testing.T) {
	ctx := context.Background()
	const pass = "correct horse battery"
	f := mustFolder(t)
	rec := f.addRecording(t, "monday", noise(1<<20, 7), peerplaypay.LogReady)
	identity := []byte("AGE-SECRET-KEY-1QQQQQQ the identity seed\n")
	os.WriteFile(filepath.Join(f.dir, "share-identity.key"), identity, 0o600)
	file := filepath.Join(t.TempDir(), "b.tar.age")
	sum, err := backup.Create(ctx, f.dir, f.db, file, backup.Options{Passphrase: pass, WorkFactor: testWorkFactor})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Encrypted || len(sum.Unprotected) != 0 {
		t.Fatalf("summary %+v; want encrypted, nothing unprotected", sum)
	}

	t.Run("NothingInClear", func(t *testing.T) {
		raw, _ := os.ReadFile(file)
		for what, b := range map[string][]byte{"identity": identity, "recording": noise(1<<20, 7)[:64], "database header": []byte("SQLite format 3"), "tar manifest": []byte("manifest.json")} {
			if bytes.Contains(raw, b) {
				t.Errorf("the %s is readable in the encrypted backup", what)
			}
		}
		if enc, err := backup.Encrypted(file); err != nil || !enc {
			t.Errorf("Encrypted() = %v, %v", enc, err)
		}
	})

	t.Run("ErrWrongPassphrase", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "restored")
		_, err := backup.Restore(ctx, file, dest, backup.RestoreOptions{Passphrase: "Correct horse battery"})
		if peerplaypay.ErrorCode(err) != peerplaypay.EINVALID || !strings.Contains(peerplaypay.ErrorMessage(err), "passphrase does not open") {
			t.Fatalf("err = %v; want a wrong-passphrase message", err)
		}
		assertNothingRestored(t, dest)
	})

	t.Run("ErrNoPassphrase", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "restored")
		_, err := backup.Restore(ctx, file, dest, backup.RestoreOptions{})
		if !strings.Contains(peerplaypay.ErrorMessage(err), "--passphrase-file") {
			t.Fatalf("err = %v; want one that says how to give the passphrase", err)
		}
		assertNothingRestored(t, dest)
	})

	t.Run("ErrChangedByte", func(t *testing.T) {
		raw, _ := os.ReadFile(file)
		raw[len(raw)/2] ^= 1
		bad := filepath.Join(t.TempDir(), "bad.tar.age")
		os.WriteFile(bad, raw, 0o600)
		dest := filepath.Join(t.TempDir(), "restored")
		_, err := backup.Restore(ctx, bad, dest, backup.RestoreOptions{Passphrase: pass})
		if peerplaypay.ErrorCode(err) != peerplaypay.ECORRUPT {
			t.Fatalf("err = %v; want a damaged backup", err)
		}
		assertNothingRestored(t, dest)
	})

	t.Run("OK", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "restored")
		got, err := backup.Restore(ctx, file, dest, backup.RestoreOptions{Passphrase: pass})
		if err != nil {
			t.Fatal(err)
		}
		if !got.Encrypted || got.Files != 3 {
			t.Errorf("restore summary %+v", got)
		}
		if b, _ := os.ReadFile(filepath.Join(dest, "share-identity.key")); !bytes.Equal(b, identity) {
			t.Error("the identity did not come back")
		}
		if b, _ := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rec.MediaPath))); !bytes.Equal(b, noise(1<<20, 7)) {
			t.Error("the recording did not come back")
		}
	})

	t.Run("ErrShortPassphrase", func(t *testing.T) {
		_, err := backup.Create(ctx, f.dir, f.db, filepath.Join(t.TempDir(), "b"), backup.Options{Passphrase: "short"})
		if peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
			t.Fatalf("err = %v", err)
		}
	})
}

func assertNothingRestored(t *testing.T, dest string) {
	t.Helper()
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("the data folder exists after a failed restore: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	for _, e := range entries {
		t.Errorf("left beside it: %s", e.Name())
	}
}

// TestUnencrypted checks that a plain backup names the secret it holds in
// clear, and never holds an S3 secret an earlier version kept in the
// database.
func TestUnencrypted(t *testing.T) {
	ctx := context.Background()
	f := mustFolder(t)
	const secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"
	if err := sqlite.NewSettingsService(f.db).SetSettings(ctx, map[string]string{teamsync.SettingOldSecretKey: secret}); err != nil {
		t.Fatal(err)
	}

	t.Run("NoIdentity", func(t *testing.T) {
		sum, err := backup.Create(ctx, f.dir, f.db, filepath.Join(t.TempDir(), "b.tar"), backup.Options{})
		if err != nil || sum.Encrypted || len(sum.Unprotected) != 0 {
			t.Fatalf("summary %+v, %v; want nothing unprotected without an identity", sum, err)
		}
	})

	os.WriteFile(filepath.Join(f.dir, "share-identity.key"), []byte("the identity seed"), 0o600)
	file := filepath.Join(t.TempDir(), "b.tar")
	sum, err := backup.Create(ctx, f.dir, f.db, file, backup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Unprotected) != 1 || !strings.Contains(sum.Unprotected[0], "share-identity.key") {
		t.Errorf("unprotected = %q; want the identity named", sum.Unprotected)
	}
	raw, _ := os.ReadFile(file)
	if bytes.Contains(raw, []byte(secret)) {
		t.Error("the S3 secret kept in the database by an earlier version is in the backup")
	}
	if !bytes.Contains(raw, []byte("the identity seed")) {
		t.Error("the check reads the wrong bytes: the identity should be in the plain backup")
	}
}

package backup_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/backup"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// TestReplace puts a backup in the place of a data folder that has data:
// the data is moved aside whole, the backup's takes its place, and a
// backup that fails to open or check changes nothing.
func TestReplace(t *testing.T) {
	ctx := context.Background()
	src := mustFolder(t)
	src.addRecording(t, "from-the-backup", noise(1<<20, 9), peerplaypay.LogReady)
	file := filepath.Join(t.TempDir(), "b.tar")
	if _, err := backup.Create(ctx, src.dir, src.db, file, backup.Options{AppVersion: "test", Passphrase: "correct horse battery", WorkFactor: testWorkFactor}); err != nil {
		t.Fatal(err)
	}

	// The data to be replaced: a closed database and a file of its own.
	parent := t.TempDir()
	dataDir := filepath.Join(parent, "peerplaypay")
	os.MkdirAll(dataDir, 0o700)
	db, err := sqlite.Open(ctx, filepath.Join(dataDir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.NewProfileService(db).SaveProfile(ctx, peerplaypay.ProfileInput{Name: "Bob"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	mine := []byte("only in the data being replaced")
	os.WriteFile(filepath.Join(dataDir, "notes.txt"), mine, 0o600)
	before, _ := os.ReadFile(filepath.Join(dataDir, sqlite.FileName))

	leftovers := func(t *testing.T) {
		t.Helper()
		entries, _ := os.ReadDir(parent)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".peerplaypay-restore-") {
				t.Errorf("%s was left beside the data folder", e.Name())
			}
		}
	}

	t.Run("ErrWrongPassphrase", func(t *testing.T) {
		_, err := backup.Unpack(ctx, file, parent, backup.RestoreOptions{Passphrase: "wrong horse battery"})
		if peerplaypay.ErrorField(err) != "passphrase" {
			t.Fatalf("err = %v; want one about the passphrase field", err)
		}
		leftovers(t)
	})

	t.Run("ErrDamaged", func(t *testing.T) {
		good, _ := os.ReadFile(file)
		bad := bytes.Clone(good)
		bad[len(bad)/2] ^= 0x40
		path := filepath.Join(t.TempDir(), "bad.tar")
		os.WriteFile(path, bad, 0o600)
		_, err := backup.Unpack(ctx, path, parent, backup.RestoreOptions{Passphrase: "correct horse battery"})
		if peerplaypay.ErrorCode(err) != peerplaypay.ECORRUPT {
			t.Fatalf("err = %v; want a damaged backup", err)
		}
		leftovers(t)
	})

	t.Run("OK", func(t *testing.T) {
		var last backup.Progress
		u, err := backup.Unpack(ctx, file, parent, backup.RestoreOptions{Passphrase: "correct horse battery", OnProgress: func(p backup.Progress) { last = p }})
		if err != nil {
			t.Fatal(err)
		}
		if !u.Encrypted || u.Manifest.AppVersion != "test" || len(u.Manifest.Files) != 2 || last.Phase != "restoring" || last.Bytes == 0 {
			t.Fatalf("unpacked %+v, last progress %+v", u, last)
		}
		// Nothing replaced until asked.
		if got, _ := os.ReadFile(filepath.Join(dataDir, "notes.txt")); !bytes.Equal(got, mine) {
			t.Fatal("unpacking touched the data folder")
		}
		now := time.Date(2026, 11, 23, 9, 30, 0, 0, time.Local)
		os.MkdirAll(dataDir+"-before-restore-2026-11-23-0930", 0o700) // an earlier restore's, that same minute
		aside, err := u.Replace(dataDir, now)
		if err != nil {
			t.Fatal(err)
		}
		if aside != dataDir+"-before-restore-2026-11-23-0930-2" {
			t.Errorf("aside = %s; want a free name beside the data folder", aside)
		}
		if got, _ := os.ReadFile(filepath.Join(aside, "notes.txt")); !bytes.Equal(got, mine) {
			t.Error("the replaced data's own file is not in the folder aside")
		}
		if got, _ := os.ReadFile(filepath.Join(aside, sqlite.FileName)); !bytes.Equal(got, before) {
			t.Error("the replaced database is not whole in the folder aside")
		}
		if _, err := os.Stat(filepath.Join(dataDir, "notes.txt")); !os.IsNotExist(err) {
			t.Error("the restored folder mixes in the replaced data")
		}
		rdb, err := sqlite.Open(ctx, filepath.Join(dataDir, sqlite.FileName))
		if err != nil {
			t.Fatal(err)
		}
		defer rdb.Close()
		if p, err := sqlite.NewProfileService(rdb).Profile(ctx); err != nil || p.Name != "Ada" {
			t.Errorf("restored profile = %+v, %v; want the backup's", p, err)
		}
		leftovers(t)
		if _, err := u.Replace(dataDir, now); peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
			t.Errorf("a second Replace of the same backup: %v; want a conflict", err)
		}
	})
}

func TestInspect(t *testing.T) {
	ctx := context.Background()
	f := mustFolder(t)
	dir := t.TempDir()
	plain, enc := filepath.Join(dir, "plain.tar"), filepath.Join(dir, "enc.tar")
	if _, err := backup.Create(ctx, f.dir, f.db, plain, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := backup.Create(ctx, f.dir, f.db, enc, backup.Options{Passphrase: "correct horse battery", WorkFactor: testWorkFactor}); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "notes.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.7\n"+strings.Repeat("not a tar archive ", 100)), 0o600)
	empty := filepath.Join(dir, "empty.tar")
	os.WriteFile(empty, nil, 0o600)

	for _, c := range []struct {
		path      string
		encrypted bool
		code      string
		says      string
	}{
		{plain, false, "", ""},
		{enc, true, "", ""},
		{pdf, false, peerplaypay.EINVALID, "is not a PeerPlayPay backup"},
		{empty, false, peerplaypay.EINVALID, "is not a PeerPlayPay backup"},
		{dir, false, peerplaypay.EINVALID, "is a folder"},
		{filepath.Join(dir, "gone.tar"), false, peerplaypay.ENOTFOUND, "There is no file"},
	} {
		got, err := backup.Inspect(c.path)
		if got != c.encrypted || peerplaypay.ErrorCode(err) != c.code || !strings.Contains(peerplaypay.ErrorMessage(err), c.says) {
			t.Errorf("Inspect(%s) = %v, %v; want %v, %q saying %q", filepath.Base(c.path), got, err, c.encrypted, c.code, c.says)
		}
	}
}

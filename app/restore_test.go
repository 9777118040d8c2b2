package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/app"
	"peerplaypay/internal/backup"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// testWorkFactor is the scrypt cost of the tests' encrypted backups: the
// default, under the race detector, takes most of a minute per backup.
const testWorkFactor = 10

// backupOf makes a real backup of a data folder holding the profile name
// and a text log per done, encrypted when pass is set.
func backupOf(t *testing.T, name, pass string, done ...string) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := sqlite.NewProfileService(db).SaveProfile(ctx, peerplaypay.ProfileInput{Name: name}); err != nil {
		t.Fatal(err)
	}
	for _, d := range done {
		if err := sqlite.NewLogService(db).CreateLog(ctx, &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: d}}); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(t.TempDir(), name+".tar")
	if _, err := backup.Create(ctx, dir, db, file, backup.Options{AppVersion: "test", Passphrase: pass, WorkFactor: testWorkFactor}); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestRestoreFromWindow restores into the data folder the app has open:
// the passphrase is asked only of an encrypted backup, a wrong one and a
// recording in progress change nothing, and once confirmed the app runs on
// the backup's data with the data from before kept whole beside it.
func TestRestoreFromWindow(t *testing.T) {
	const pass = "correct horse battery"
	file := backupOf(t, "Ada", pass, "restored: wrote the parser", "restored: reviewed the release")

	parent := t.TempDir()
	dir := filepath.Join(parent, "data")
	a, _ := MustStartSyntheticIn(t, dir)
	data, profiles, logs := app.NewData(a), app.NewProfiles(a), app.NewLogs(a)
	if _, err := profiles.Save(peerplaypay.ProfileInput{Name: "Bob"}); err != nil {
		t.Fatal(err)
	}
	if _, err := logs.CreateText(peerplaypay.LogTable{Done: "only before the restore"}); err != nil {
		t.Fatal(err)
	}

	if f, err := data.InspectBackup(file); err != nil || !f.Encrypted {
		t.Fatalf("InspectBackup = %+v, %v; want encrypted", f, err)
	}
	if _, err := data.CheckRestore(file, ""); err == nil {
		t.Fatal("an encrypted backup was checked without its passphrase")
	} else if _, msg, field := decode(t, err); field != "passphrase" || !strings.Contains(msg, "type its passphrase") {
		t.Fatalf("no passphrase: %q (field %q)", msg, field)
	}
	if _, err := data.CheckRestore(file, "wrong horse battery"); err == nil {
		t.Fatal("a wrong passphrase opened the backup")
	} else if _, msg, field := decode(t, err); field != "passphrase" || !strings.Contains(msg, "does not open") {
		t.Fatalf("wrong passphrase: %q (field %q)", msg, field)
	}
	if _, err := data.Restore(); err == nil {
		t.Fatal("Restore went on with no checked backup")
	}

	// A recording in progress: refused before the long read, and at the
	// confirmation too.
	rec := app.NewRecording(a)
	if _, err := rec.Start(app.StartRequest{Table: peerplaypay.LogTable{Done: "recording"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := data.CheckRestore(file, pass); err == nil {
		t.Fatal("a restore was checked while recording")
	} else if code, msg, _ := decode(t, err); code != "conflict" || !strings.Contains(msg, "Stop it first") {
		t.Fatalf("while recording: %s %q", code, msg)
	}
	if _, err := rec.Stop(); err != nil {
		t.Fatal(err)
	}

	plan, err := data.CheckRestore(file, pass)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Files != 1 || !plan.Encrypted || plan.DataDir != dir || !strings.HasPrefix(plan.Aside, dir+"-before-restore-") || plan.CreatedAt.IsZero() {
		t.Fatalf("plan = %+v", plan)
	}
	// Checked, not yet replaced: the app still has the member's data.
	if p, err := profiles.Get(); err != nil || p.Name != "Bob" {
		t.Fatalf("before confirming, the profile is %+v, %v", p, err)
	}
	if _, err := rec.Start(app.StartRequest{Table: peerplaypay.LogTable{Done: "recording"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := data.Restore(); err == nil {
		t.Fatal("the data was replaced under a recording")
	}
	if _, err := rec.Stop(); err != nil {
		t.Fatal(err)
	}

	n, err := data.Restore() // the checked backup waited
	if err != nil {
		t.Fatal(err)
	}
	if n.Aside == "" || n.Files != 1 || n.From != file {
		t.Fatalf("notice = %+v", n)
	}
	if p, err := profiles.Get(); err != nil || p.Name != "Ada" {
		t.Fatalf("after the restore, the profile is %+v, %v; want the backup's", p, err)
	}
	page, err := logs.Find(peerplaypay.LogFilter{Limit: 10})
	if err != nil || len(page.Logs) != 2 || !strings.HasPrefix(page.Logs[0].Done, "restored: ") {
		t.Fatalf("after the restore, logs = %+v, %v", page, err)
	}
	// The data from before, whole: its database has Bob, his log and the
	// recording made before the restore.
	old, err := sqlite.Open(context.Background(), filepath.Join(n.Aside, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if p, err := sqlite.NewProfileService(old).Profile(context.Background()); err != nil || p.Name != "Bob" {
		t.Errorf("the data aside has profile %+v, %v", p, err)
	}
	if got, _, err := sqlite.NewLogService(old).FindLogs(context.Background(), peerplaypay.LogFilter{Limit: 10}); err != nil || len(got) != 3 {
		t.Errorf("the data aside has %d logs (%v); want Bob's text log and his two recordings", len(got), err)
	}
	// The page, reloaded, is told once.
	sh := app.NewShell(a)
	if st := sh.Status(); !st.OK || st.Restored == nil || st.Restored.Aside != n.Aside || st.Profile == nil || st.Profile.Name != "Ada" {
		t.Fatalf("status after the restore = %+v", st)
	}
	if st := sh.Status(); st.Restored != nil {
		t.Error("the restore was told twice")
	}
	// Nothing of the work is left beside the data.
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".peerplaypay-restore-") {
			t.Errorf("%s was left beside the data folder", e.Name())
		}
	}
	// The app goes on writing into the restored data.
	if _, err := logs.CreateText(peerplaypay.LogTable{Done: "after the restore " + time.Now().Format(time.TimeOnly)}); err != nil {
		t.Fatal(err)
	}
}

// TestRestoreDropped: a backup checked but not confirmed is removed, and
// one that is no backup is told at once.
func TestRestoreDropped(t *testing.T) {
	parent := t.TempDir()
	a, _ := MustStartSyntheticIn(t, filepath.Join(parent, "data"))
	data := app.NewData(a)
	if _, err := data.CheckRestore(backupOf(t, "Ada", "", "x"), ""); err != nil {
		t.Fatal(err)
	}
	data.DropRestore()
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("beside the data folder after dropping: %v", entries)
	}
	notes := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notes, []byte("shopping list, not a backup at all, but long enough to be read"), 0o600)
	if _, err := data.InspectBackup(notes); err == nil {
		t.Fatal("a text file passed for a backup")
	} else if _, msg, _ := decode(t, err); !strings.Contains(msg, "is not a PeerPlayPay backup") {
		t.Errorf("not a backup: %q", msg)
	}
}

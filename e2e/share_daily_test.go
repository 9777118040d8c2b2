//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// The team share in daily use, through the binary: what a member does
// while a sync runs, what a killed sync or a hand on the files leaves
// behind, and a join that went wrong.

// TestShareEditWhileUploading edits a log while its recording is being
// sent (the sync stopped with SIGSTOP mid-upload, as a slow uplink would
// hold it): the peers get the edited table, and nothing waits afterwards.
func TestShareEditWhileUploading(t *testing.T) {
	t.Parallel()
	sh := newFolderShare(t)
	team := newTeam(t, sh, "Ada", "Bob")
	ada, bob := team[0], team[1]
	long, _ := addLongRecording(t, ada, "Ada's first words")

	// Stopped once the first chunk of the recording is in the share: the
	// upload has begun and cannot have ended (it is six chunks long).
	cmd := exec.Command(binary(t), "--data-dir", ada.dir, "sync", "--json")
	cmd.Env = hermeticEnv(ada.env)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	blobs := "members/" + ada.id + "/blobs/"
	for stopped := false; !stopped; {
		select {
		case err := <-done:
			t.Fatalf("Ada's sync ended before its upload could be stopped (%v):\n%s", err, out.String())
		case <-time.After(3 * time.Millisecond):
			if c, _ := sh.list(blobs); len(c) > 0 {
				cmd.Process.Signal(syscall.SIGSTOP)
				stopped = true
			}
		}
	}
	var shown struct{ Published bool }
	ada.decode(&shown, "logs", "show", strconv.FormatInt(long.ID, 10), "--json")
	if shown.Published {
		t.Fatal("the log was published before the sync was stopped: the edit would not fall during the upload")
	}
	ada.ok("logs", "edit", strconv.FormatInt(long.ID, 10), "--done", "Ada's corrected words")
	if err := cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("Ada's sync, stopped and continued: %v\n%s", err, out.String())
	}

	// The edit is in the share now: nothing of Ada's waits, and Bob has
	// the new text.
	if st := ada.status(); st.Waiting != 0 {
		t.Errorf("Ada still has %d waiting", st.Waiting)
	}
	bob.sync()
	p, ok := bob.peerLog(long.UID)
	if !ok {
		t.Fatal("Bob does not have Ada's log")
	}
	if p.Table.Done != "Ada's corrected words" {
		t.Errorf("Bob's copy of Ada's log says %q; Ada edited it to %q during the upload", p.Table.Done, "Ada's corrected words")
	}
}

// TestShareStaleTemporaries leaves, as killed syncs do, hidden chunk
// temporaries in a folder share: each member's next sync removes its own
// once a day old, and never another member's or a fresh one.
func TestShareStaleTemporaries(t *testing.T) {
	t.Parallel()
	sh := newFolderShare(t)
	team := newTeam(t, sh, "Ada", "Bob")
	ada, bob := team[0], team[1]
	ada.addLog("Ada's text")
	ada.sync()
	old := time.Now().Add(-25 * time.Hour)
	plant := func(m *member, name string, at time.Time) string {
		t.Helper()
		p := filepath.Join(sh.dir, "members", m.id, "blobs", "0a", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, make([]byte, 64<<10), 0o666); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
		return p
	}
	staleAda := plant(ada, ".0a1b2c.00112233aabbccdd.tmp", old)
	freshAda := plant(ada, ".0a1b2d.00112233aabbccdd.tmp", time.Now())
	staleBob := plant(bob, ".0a1b2e.00112233aabbccdd.tmp", old)

	ada.sync()
	if _, err := os.Stat(staleAda); !os.IsNotExist(err) {
		t.Errorf("Ada's stale temporary is still in the share after her sync: %v", err)
	}
	for _, p := range []string{freshAda, staleBob} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("Ada's sync removed %s: %v", p, err)
		}
	}
	bob.sync()
	if _, err := os.Stat(staleBob); !os.IsNotExist(err) {
		t.Errorf("Bob's stale temporary is still in the share after his sync: %v", err)
	}
}

// TestSharePeerRecordingDeleted deletes a downloaded peer's recording by
// hand: doctor says so, the list no longer shows it as here, and the next
// sync downloads it again.
func TestSharePeerRecordingDeleted(t *testing.T) {
	t.Parallel()
	team := newTeam(t, newFolderShare(t), "Ada", "Bob")
	ada, bob := team[0], team[1]
	rec := ada.record("Ada's video")
	ada.sync()
	bob.sync()
	p := checkReceived(t, bob, ada, rec)
	if err := os.Remove(filepath.Join(bob.dir, p.MediaPath)); err != nil {
		t.Fatal(err)
	}

	out, _, code := bob.run("doctor")
	if code != 0 || !strings.Contains(out, "1 downloaded recording(s) of your peers are missing") || !strings.Contains(out, "peerplaypay sync") {
		t.Errorf("doctor after a peer's recording was deleted: exit %d\n%s", code, out)
	}
	if l, _ := bob.peerLog(rec.UID); l.MediaPath != "" {
		t.Errorf("the deleted recording is still listed as here: %+v", l)
	}
	if s := bob.sync(); s.Downloaded != 1 {
		t.Errorf("Bob's sync after the deletion: %+v; want the recording downloaded again", s)
	}
	checkReceived(t, bob, ada, rec)
	if out := bob.ok("doctor"); strings.Contains(out, "missing") {
		t.Errorf("doctor still reports a missing recording:\n%s", out)
	}
}

// TestShareJoinGoneWrong: a request the host dropped can be made again; a
// refused newcomer's sync says so and fails; a join with a wrong S3 secret
// keeps nothing.
func TestShareJoinGoneWrong(t *testing.T) {
	t.Parallel()
	t.Run("dropped", func(t *testing.T) {
		sh := newFolderShare(t)
		ada := newTeam(t, sh, "Ada")[0]
		bob := newMember(t, "Bob", nil)
		bob.ok("team", "join", sh.loc, "--invite", ada.invitation().Invite)
		id := bob.status().MemberID
		if err := os.RemoveAll(filepath.Join(sh.dir, "join", id)); err != nil {
			t.Fatal(err)
		}
		out, errOut, code := bob.run("sync")
		if code == 0 || !strings.Contains(errOut, "join again") {
			t.Fatalf("Bob's sync with his request dropped: exit %d\n%s%s", code, out, errOut)
		}
		bob.ok("team", "join", sh.loc, "--invite", ada.invitation().Invite)
		st := bob.status()
		if st.State != "pending" || len(st.SafetyCode) != 9 {
			t.Fatalf("Bob after joining again: %+v", st)
		}
		ada.ok("team", "approve", id, "--code", st.SafetyCode)
		if s := bob.sync(); s.State != "member" {
			t.Errorf("Bob after approval: %+v", s)
		}
	})

	t.Run("refused", func(t *testing.T) {
		sh := newFolderShare(t)
		ada := newTeam(t, sh, "Ada")[0]
		cyd := newMember(t, "Cyd", nil)
		cyd.ok("team", "join", sh.loc, "--invite", ada.invitation().Invite)
		ada.ok("team", "refuse", cyd.status().MemberID)
		out, errOut, code := cyd.run("sync")
		if code != 1 || strings.Contains(out, "Synced") || !strings.Contains(errOut, "refused") {
			t.Errorf("a refused newcomer's sync: exit %d\n%s%s", code, out, errOut)
		}
	})

	t.Run("wrong secret", func(t *testing.T) {
		sh := newS3Share(t)
		ada := newTeam(t, sh, "Ada")[0]
		invite := ada.invitation().Invite
		dan := newMember(t, "Dan", nil)
		out, errOut, code := dan.run("team", "join", sh.loc, "--invite", invite, "--access-key", sh.creds.AccessKeyID, "--secret-key-file", secretFile(t, "not-the-secret"))
		if code == 0 {
			t.Fatalf("a join with a wrong secret succeeded:\n%s%s", out, errOut)
		}
		if access, secret := storedKeys(t, dan); access != "" || secret != "" {
			t.Errorf("a failed join kept the keys it was given: %q, %q", access, secret)
		}
		if st := dan.status(); st.State != "none" {
			t.Errorf("after a failed join Dan is %q", st.State)
		}
		dan.ok("team", "join", sh.loc, "--invite", invite, "--access-key", sh.creds.AccessKeyID, "--secret-key-file", secretFile(t, sh.creds.SecretAccessKey))
		if access, secret := storedKeys(t, dan); access != sh.creds.AccessKeyID || secret != sh.creds.SecretAccessKey {
			t.Errorf("a join that worked did not keep its keys: %q, %q", access, secret)
		}
	})
}

// storedKeys reads the S3 keys m kept: the access key in its settings, the
// secret in the file beside them (the tests have no keychain).
func storedKeys(t *testing.T, m *member) (access, secret string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(m.dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := sqlite.NewSettingsService(db)
	access, _ = s.Setting(ctx, teamsync.SettingAccessKey, "")
	b, err := os.ReadFile(filepath.Join(m.dir, "secret-s3"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return access, strings.TrimSpace(string(b))
}

// TestShareRepairOwnBatch damages a batch of Ada's in the share: Bob's
// sync stops at it and says so; Ada's `sync --repair` puts her sealed
// bytes back, and Bob's next sync goes on and applies it.
func TestShareRepairOwnBatch(t *testing.T) {
	t.Parallel()
	sh := newFolderShare(t)
	team := newTeam(t, sh, "Ada", "Bob")
	ada, bob := team[0], team[1]
	text := ada.addLog("Ada's text")
	ada.sync()
	// Her last batch holds the log (an earlier one tells of Bob's approval).
	batches := sh.objects(t, "members/"+ada.id+"/events/")
	var key string
	for k := range batches {
		key = max(key, k)
	}
	if key == "" {
		t.Fatalf("Ada's batches in the share: %v", batches)
	}
	path := filepath.Join(sh.dir, filepath.FromSlash(key))
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	damaged := append([]byte(nil), raw...)
	damaged[len(damaged)/2] ^= 0x40
	if err := os.WriteFile(path, damaged, 0o666); err != nil {
		t.Fatal(err)
	}

	s, _ := bob.syncProblems()
	if _, ok := bob.peerLog(text.UID); ok || !strings.Contains(strings.Join(s.Problems, " "), "Ada") {
		t.Fatalf("Bob's sync over Ada's damaged batch: %+v", s)
	}
	_, errOut, code := ada.run("sync", "--repair")
	if code != 0 || !strings.Contains(errOut, "Repaired: 1 of your batches") {
		t.Fatalf("Ada's sync --repair: exit %d\n%s", code, errOut)
	}
	if got, _ := os.ReadFile(path); string(got) != string(raw) {
		t.Error("the repaired batch differs from the one Ada first wrote")
	}
	if s := bob.sync(); s.Received == 0 {
		t.Errorf("Bob's sync after the repair: %+v", s)
	}
	checkReceived(t, bob, ada, text)
	if st := bob.status(); len(st.Problems) != 0 {
		t.Errorf("Bob still reports problems: %v", st.Problems)
	}
	if _, errOut, _ := ada.run("sync", "--repair"); !strings.Contains(errOut, "Repaired: 0 of your batches") {
		t.Errorf("a second repair: %s", errOut)
	}
}

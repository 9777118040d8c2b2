package teamsync_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"peerplaypay/internal/keychain"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/sharetest"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

var s3srv sharetest.S3

func TestMain(m *testing.M) {
	os.Setenv(keychain.EnvVar, "off")
	code := m.Run()
	s3srv.Stop()
	os.Exit(code)
}

// member is one laptop: a data folder with its database and the service.
type member struct {
	dir  string
	db   *sqlite.DB
	svc  *teamsync.Service
	logs *sqlite.LogService
	set  *sqlite.SettingsService
}

func newMember(t *testing.T, name string) *member {
	t.Helper()
	m := openMember(t, t.TempDir())
	if _, err := sqlite.NewProfileService(m.db).SaveProfile(context.Background(), peerplaypay.ProfileInput{Name: name}); err != nil {
		t.Fatal(err)
	}
	return m
}

// openMember opens the laptop whose data folder is dir.
func openMember(t *testing.T, dir string) *member {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	set := sqlite.NewSettingsService(db)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return &member{dir: dir, db: db, logs: sqlite.NewLogService(db), set: set,
		svc: teamsync.New(dir, sqlite.NewShareStore(db), sqlite.NewProfileService(db), set, keychain.New(dir), log)}
}

// cloneTeam copies a folder share and its members' data folders, as they
// stand, to fresh folders, and opens the copies there: subtests that each
// need the same team start from one set-up instead of paying for its keys,
// joins and syncs again (a join costs a safety code, scrypt at 64 MiB,
// which the race detector makes seconds).
func cloneTeam(t *testing.T, share string, ms ...*member) (string, []*member) {
	t.Helper()
	root := t.TempDir()
	loc := filepath.Join(root, "share")
	if err := os.CopyFS(loc, os.DirFS(share)); err != nil {
		t.Fatal(err)
	}
	out := make([]*member, len(ms))
	for i, m := range ms {
		out[i] = cloneMember(t, m, filepath.Join(root, strconv.Itoa(i)), loc)
	}
	return loc, out
}

// cloneMember copies m's data folder, as it stands, to dir and opens the
// copy there, its team on loc.
func cloneMember(t *testing.T, m *member, dir, loc string) *member {
	t.Helper()
	if err := os.CopyFS(dir, os.DirFS(m.dir)); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(filepath.Join(dir, sqlite.FileName+suffix))
	}
	if err := m.db.SnapshotTo(context.Background(), filepath.Join(dir, sqlite.FileName)); err != nil {
		t.Fatal(err)
	}
	c := openMember(t, dir)
	if n := rows(t, c, `UPDATE share_team SET location = ? RETURNING 1`, loc); n != 1 {
		t.Fatalf("the copy of %s has %d teams", m.dir, n)
	}
	return c
}

// invitation is the code a member passes on to a newcomer.
func invitation(t *testing.T, m *member) string {
	t.Helper()
	inv, err := m.svc.Invite(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return inv.Invite
}

// join makes m a member of the team on location that admin belongs to.
func join(t *testing.T, admin, m *member, location string) {
	t.Helper()
	ctx := context.Background()
	st, err := m.svc.Join(ctx, location, invitation(t, admin))
	if err != nil {
		t.Fatal(err)
	}
	reqs, err := admin.svc.Requests(ctx)
	if err != nil || len(reqs) != 1 {
		t.Fatalf("requests = %+v, %v", reqs, err)
	}
	if err := admin.svc.Approve(ctx, reqs[0].ID, st.SafetyCode); err != nil {
		t.Fatal(err)
	}
	if _, err := m.svc.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ada := newMember(t, "Ada")
	share := filepath.Join(t.TempDir(), "share")
	if _, err := ada.svc.Create(ctx, share, "Engines"); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name, location, want string
		creds                [2]string
	}{
		{"ShareOfAnotherTeam", share, "already holds a team", [2]string{}},
		{"UnreachableS3", "s3://team?endpoint=http://127.0.0.1:1&region=us-east-1", "cannot be reached", [2]string{"k", "s"}},
		{"NoSuchBucket", s3srv.Server(t).Location("no-such-bucket", ""), "does not exist", [2]string{s3srv.Server(t).Credentials().AccessKeyID, s3srv.Server(t).Credentials().SecretAccessKey}},
		{"WrongCredentials", "", "", [2]string{"nobody", "wrong"}},
		{"NotAnAddress", "ftp://host/share", "neither a folder nor an s3://", [2]string{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			bob := newMember(t, "Bob")
			loc := c.location
			if c.name == "WrongCredentials" {
				loc, _ = s3srv.NewBucket(t)
			}
			if c.creds[0] != "" {
				bob.svc.SetCredentials(ctx, c.creds[0], c.creds[1])
			}
			_, err := bob.svc.Create(ctx, loc, "Other")
			msg := peerplaypay.ErrorMessage(err)
			if err == nil || peerplaypay.ErrorCode(err) == peerplaypay.EINTERNAL {
				t.Fatalf("err = %v; want a message for the member", err)
			}
			if c.want != "" && !strings.Contains(msg, c.want) {
				t.Errorf("message %q does not say %q", msg, c.want)
			}
			if c.name == "WrongCredentials" && !strings.Contains(strings.ToLower(msg), "key") {
				t.Errorf("message %q does not point at the keys", msg)
			}
			if cfg, _ := sqlite.NewShareStore(bob.db).TeamConfig(ctx); cfg != nil {
				t.Errorf("a failed create left a team: %+v", cfg)
			}
		})
	}

	t.Run("WrongCode", func(t *testing.T) {
		bob := newMember(t, "Bob")
		if _, err := bob.svc.Join(ctx, share, invitation(t, ada)); err != nil {
			t.Fatal(err)
		}
		reqs, _ := ada.svc.Requests(ctx)
		err := ada.svc.Approve(ctx, reqs[0].ID, "1234 5678")
		if peerplaypay.ErrorCode(err) != peerplaypay.EINVALID || !strings.Contains(peerplaypay.ErrorMessage(err), "does not match") {
			t.Fatalf("approve with a wrong code: %v", err)
		}
		if st, _ := ada.svc.Status(ctx); len(st.Members) != 1 {
			t.Errorf("a wrong code added a member: %+v", st.Members)
		}
		ada.svc.Refuse(ctx, reqs[0].ID)
	})

	t.Run("RecoveryKeyOfAnotherMember", func(t *testing.T) {
		other := newMember(t, "Cleo")
		k, err := other.svc.RecoveryKey(ctx)
		if err != nil {
			t.Fatal(err)
		}
		_, err = ada.svc.ImportKey(ctx, k.File)
		if !strings.Contains(peerplaypay.ErrorMessage(err), "another") {
			t.Fatalf("importing another member's key into a team member's laptop: %v", err)
		}
		// Ada's own key is accepted and changes nothing.
		mine, _ := ada.svc.RecoveryKey(ctx)
		if id, err := ada.svc.ImportKey(ctx, mine.Printable); err != nil || id != mine.MemberID {
			t.Fatalf("own printed key: %v, %v", id, err)
		}
	})

	t.Run("UnwritableFolder", func(t *testing.T) {
		// A folder under a regular file cannot be created, even by root.
		file := filepath.Join(t.TempDir(), "file")
		os.WriteFile(file, []byte("x"), 0o600)
		bob := newMember(t, "Bob")
		_, err := bob.svc.Create(ctx, filepath.Join(file, "share"), "")
		if err == nil || peerplaypay.ErrorCode(err) == peerplaypay.EINTERNAL {
			t.Fatalf("create under a file: %v", err)
		}
	})
}

// TestRestoreOnNewLaptop restores a member's identity from the printed
// recovery key into an empty data folder: joining the same share again
// reconnects without a request, and new events follow the old ones.
func TestRestoreOnNewLaptop(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	loc, creds := s3srv.NewBucket(t)
	ada, bob := newMember(t, "Ada"), newMember(t, "Bob")
	for _, m := range []*member{ada, bob} {
		m.svc.SetCredentials(ctx, creds.AccessKeyID, creds.SecretAccessKey)
	}
	if _, err := ada.svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bob, loc)
	bob.logs.CreateLog(ctx, &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "before the laptop was lost"}})
	if _, err := bob.svc.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	key, _ := bob.svc.RecoveryKey(ctx)

	newLaptop := newMember(t, "Bob")
	newLaptop.svc.SetCredentials(ctx, creds.AccessKeyID, creds.SecretAccessKey)
	if _, err := newLaptop.svc.ImportKey(ctx, key.Printable); err != nil {
		t.Fatal(err)
	}
	st, err := newLaptop.svc.Join(ctx, loc, invitation(t, ada))
	if err != nil || st.State != "member" {
		t.Fatalf("rejoin with the restored key: %+v, %v", st, err)
	}
	newLaptop.logs.CreateLog(ctx, &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "from the new laptop"}})
	if _, err := newLaptop.svc.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	sum, err := ada.svc.Sync(ctx, nil)
	if err != nil || len(sum.Problems) > 0 {
		t.Fatalf("Ada's sync: %+v, %v", sum, err)
	}
	logs, _ := ada.svc.PeerLogs(ctx, 10)
	var dones []string
	for _, l := range logs {
		dones = append(dones, l.Table.Done)
	}
	if len(logs) != 2 || logs[0].AuthorName != "Bob" {
		t.Fatalf("Ada sees %q", dones)
	}
}

// An event for one member reaches that member as its own kind, and the rest
// of the team only as an envelope it cannot open.
func TestDirectEvents(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	location := filepath.Join(t.TempDir(), "share")
	ada, bo, cy := newMember(t, "Ada"), newMember(t, "Bo"), newMember(t, "Cy")
	if _, err := ada.svc.Create(ctx, location, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bo, location)
	join(t, ada, cy, location)
	boID, err := bo.svc.Identity()
	if err != nil {
		t.Fatal(err)
	}
	note := peerplaypay.ShareEvent{Kind: "conversation.note", V: 1, Data: []byte(`{"text":"for Bo alone"}`), To: []string{boID.MemberID().String()}}
	open := peerplaypay.ShareEvent{Kind: "future.note", V: 1, Data: []byte(`{"text":"for all"}`)}
	if err := sqlite.NewShareStore(ada.db).Enqueue(ctx, note, open); err != nil {
		t.Fatal(err)
	}
	for _, m := range []*member{ada, bo, cy} {
		if _, err := m.svc.Sync(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	received := func(m *member) map[string]string {
		evs, err := sqlite.NewShareStore(m.db).ReceivedEvents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]string{}
		for _, e := range evs {
			kinds[e.Kind] = string(e.Data)
		}
		return kinds
	}
	if got := received(bo); got["conversation.note"] != `{"text":"for Bo alone"}` || got["future.note"] == "" || got["direct"] != "" {
		t.Fatalf("Bo received %v", got)
	}
	got := received(cy)
	if _, ok := got["conversation.note"]; ok || got["direct"] == "" || strings.Contains(got["direct"], "Bo alone") || got["future.note"] == "" {
		t.Fatalf("Cy received %v", got)
	}
	// Nothing readable about the note is in the share's files.
	err = filepath.Walk(location, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(b), "Bo alone") {
			t.Errorf("%s holds the note in clear", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSafetyCodesKept: status shows every member's safety code, a slow
// derivation each; the codes are kept in the data folder, so that a new
// process shows them without deriving them again, and a damaged copy is
// derived again rather than shown.
func TestSafetyCodesKept(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	loc := filepath.Join(t.TempDir(), "share")
	ada, bob := newMember(t, "Ada"), newMember(t, "Bob")
	if _, err := ada.svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bob, loc)
	codes := func(m *member) map[string]string {
		t.Helper()
		st, err := m.svc.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, mv := range st.Members {
			out[mv.ID] = mv.SafetyCode
		}
		return out
	}
	want := codes(ada)
	if len(want) != 2 || want[""] != "" {
		t.Fatalf("codes %v; want Ada's and Bob's", want)
	}
	for id, c := range want {
		if len(c) != 9 {
			t.Errorf("member %s: code %q", id, c)
		}
	}
	if got := codes(bob); !maps.Equal(got, want) {
		t.Errorf("Bob sees %v; Ada %v", got, want)
	}
	kept, _ := ada.set.Setting(ctx, teamsync.SettingSafetyCodes, "")
	var m map[string]string
	if json.Unmarshal([]byte(kept), &m) != nil || len(m) != 2 {
		t.Fatalf("kept codes %q; want two", kept)
	}
	// Another process on Ada's folder reads them.
	if got := codes(openMember(t, ada.dir)); !maps.Equal(got, want) {
		t.Errorf("a new process sees %v; want %v", got, want)
	}
	// A kept code that is not JSON is derived again.
	if err := ada.set.SetSettings(ctx, map[string]string{teamsync.SettingSafetyCodes: "{damaged"}); err != nil {
		t.Fatal(err)
	}
	if got := codes(openMember(t, ada.dir)); !maps.Equal(got, want) {
		t.Errorf("after damage, a new process sees %v; want %v", got, want)
	}
}

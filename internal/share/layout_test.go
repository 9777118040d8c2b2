package share

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
	"peerplaypay/internal/share/backend/backendtest"
)

// TestForeignNamesSkipped: what a sync tool, a file manager or an editor
// leaves in the share's folders is skipped and reported once, never a
// reason to stop: a Syncthing conflict copy of a roster version used to
// stop every member's sync with "Roster version 3 is missing".
func TestForeignNamesSkipped(t *testing.T) {
	tr := sharedTrio(t)
	aID := tr.a.Me().MemberID()
	last := writeBatches(t, tr.a, Position{}, 2)
	newcomer := mustIdentity(t)
	if _, err := RequestJoin(bg(), tr.b, newcomer, tr.a.Roster(), "Dee"); err != nil {
		t.Fatal(err)
	}
	conflict := "roster/000000000002.sync-conflict-20261205-090000-ABCDEFG"
	backendtest.MustPut(t, tr.b, conflict, backendtest.MustGet(t, tr.b, rosterKey(2)))
	foreign := []string{conflict, "roster/.DS_Store", "roster/desktop.ini", "roster/Thumbs.db", "roster/000000000003~",
		"join/" + newcomer.MemberID().String() + "/request~", "join/desktop.ini",
		eventsPrefix(aID) + "000000000002.sync-conflict-20261205-090000-ABCDEFG", eventsPrefix(aID) + ".DS_Store"}
	for _, k := range foreign[1:] {
		p := filepath.Join(tr.b.Location(), filepath.FromSlash(k))
		if err := os.WriteFile(p, []byte("not ours"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// A member opening the team from the share alone, as after a restore.
	reopened, err := OpenTeam(bg(), tr.b, tr.c.Me(), tr.a.Roster().Team, tr.a.Roster().Genesis, nil)
	if err != nil || reopened.Roster().Version != 3 {
		t.Fatalf("open = %v, %v", reopened, err)
	}
	if _, err := tr.bb.Refresh(bg()); err != nil {
		t.Fatalf("refresh: %v", err)
	}
	seqs, pos, err := readAll(tr.bb, aID)
	if err != nil || len(seqs) != 2 || pos != last {
		t.Fatalf("read %v to %v: %v", seqs, pos, err)
	}
	pending, rejected, err := tr.bb.JoinRequests(bg())
	if err != nil || len(pending) != 1 || len(rejected) != 0 {
		t.Fatalf("requests = %v, rejected %v, %v", pending, rejected, err)
	}
	if r, err := FetchRoster(bg(), tr.b, tr.a.Roster().Team); err != nil || r.Version != 3 {
		t.Fatalf("a newcomer's roster = %v, %v", r, err)
	}
	want := slices.Sorted(slices.Values(foreign))
	if got := tr.bb.Ignored(); !slices.Equal(got, want) {
		t.Fatalf("ignored = %q\nwant      %q", got, want)
	}
	if got := reopened.Ignored(); len(got) != 5 || !strings.HasPrefix(got[0], "roster/") {
		t.Fatalf("the reopened team ignored %q; want the 5 names in roster/", got)
	}
	// A later refresh, with nothing new, still sees them.
	again, _ := OpenTeam(bg(), tr.b, tr.c.Me(), tr.a.Roster().Team, tr.a.Roster().Genesis, tr.a.Roster().Versions())
	if _, err := again.Refresh(bg()); err != nil || len(again.Ignored()) != 5 {
		t.Fatalf("refresh at the last version ignored %q, %v", again.Ignored(), err)
	}
	// Our own uploads skip them too.
	if _, err := mustUploader(t, tr.a, 1).Upload(bg(), strings.NewReader("x"), nil); err != nil {
		t.Fatal(err)
	}
}

// TestRosterVerifiedAsRead: each roster version is verified as soon as it
// is read, so nothing after a bad one is fetched, and one larger than its
// limit is refused without being read whole.
func TestRosterVerifiedAsRead(t *testing.T) {
	tr := sharedTrio(t)
	backendtest.MustPut(t, tr.b, rosterKey(4), []byte("PPRS not a roster version"))
	backendtest.MustPut(t, tr.b, rosterKey(5), make([]byte, maxRosterVersion+1))
	before := tr.b.Stats()
	_, err := tr.bb.Refresh(bg())
	assertReason(t, err, ReasonMalformed, peerplaypay.ECORRUPT)
	// One list, the read of our pinned head (fork detection), and the
	// bad version: nothing after it.
	if d := tr.b.Stats().Sub(before); d != (backend.Stats{Lists: 1, Gets: 2}) {
		t.Fatalf("a refresh past a bad version cost %+v; want one list, the head's read and one read", d)
	}
	if tr.bb.Roster().Version != 3 {
		t.Fatalf("the roster moved to %d", tr.bb.Roster().Version)
	}

	os.Remove(filepath.Join(tr.b.Location(), filepath.FromSlash(rosterKey(4))))
	backendtest.MustPut(t, tr.b, rosterKey(4), make([]byte, maxRosterVersion+1))
	before = tr.b.Stats()
	_, err = tr.bb.Refresh(bg())
	assertReason(t, err, ReasonMalformed, peerplaypay.ECORRUPT)
	if !strings.Contains(err.Error(), "too large") {
		t.Fatalf("an oversized version: %v", err)
	}
	if d := tr.b.Stats().Sub(before); d.Gets != 1 {
		t.Fatalf("a version listed larger than its limit was read (only the head should be): %+v", d)
	}
	// One that grows after the listing is cut off while being read.
	big, err := readObject(bg(), tr.b, rosterKey(4), 1<<20)
	if ReasonOf(err) != ReasonMalformed || big != nil {
		t.Fatalf("read past the limit = %d bytes, %v", len(big), err)
	}
}

package teamsync_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/teamsync"
)

// TestForeignNamesInShare: a Syncthing conflict copy of a roster version,
// a .DS_Store, a desktop.ini and an editor's backup in the share's folders
// stop nothing (sync, publish, requests, join), and the team status lists
// each of them once.
func TestForeignNamesInShare(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	location, ada, bob := newPair(t)
	raw, err := os.ReadFile(filepath.Join(location, "roster", "000000000002"))
	if err != nil {
		t.Fatal(err)
	}
	foreign := map[string][]byte{
		"roster/000000000002.sync-conflict-20261205-090000-ABCDEFG": raw,
		"roster/.DS_Store":   []byte("finder"),
		"roster/desktop.ini": []byte("[.ShellClassInfo]"),
		"join/Thumbs.db":     []byte("thumbs"),
	}
	bobID, _ := bob.svc.Identity()
	foreign["members/"+bobID.MemberID().String()+"/events/000000000001~"] = []byte("backup")
	for k, v := range foreign {
		p := filepath.Join(location, filepath.FromSlash(k))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, v, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bob.logs.CreateLog(ctx, &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "despite the clutter"}})
	sync(t, bob, ada, ada)
	if l := peerLog(t, ada, "despite the clutter"); l == nil {
		t.Fatal("Bob's log did not arrive")
	}
	if _, err := ada.svc.Requests(ctx); err != nil {
		t.Fatalf("requests: %v", err)
	}
	cy := newMember(t, "Cy")
	join(t, ada, cy, location)

	st, err := ada.svc.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Sorted(maps.Keys(foreign))
	if !slices.Equal(st.Ignored, want) || len(st.Problems) != 0 {
		t.Fatalf("status ignored %q, problems %q\nwant ignored %q", st.Ignored, st.Problems, want)
	}
}

// TestForeignNamesInMemberFolders: names that are not ours at the top of a
// member's folder, among its chunks, and among batches a reader has read
// already are met by no listing of new batches; the first sync of a day
// lists the members' folders whole and finds them, every sync after it
// shows them as found, and a name tidied away goes at the next whole
// listing. Only that sync pays for the whole listing.
func TestForeignNamesInMemberFolders(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	location, ada, bob := newPair(t)
	for _, done := range []string{"first", "second"} { // batches 1 and 2
		bob.logs.CreateLog(ctx, &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: done}})
		sync(t, bob)
	}
	sync(t, ada)
	bobID, _ := bob.svc.Identity()
	folder := "members/" + bobID.MemberID().String() + "/"
	foreign := []string{
		folder + "blobs/desktop.ini",
		folder + "desktop.ini",
		folder + "events/000000000001.sync-conflict-20261205-090000-ABCDEFG",
	}
	for _, k := range foreign {
		p := filepath.Join(location, filepath.FromSlash(k))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("[.ShellClassInfo]"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	syncOnce := func(dayLater bool) teamsync.Summary {
		t.Helper()
		if dayLater {
			ada.set.SetSettings(ctx, map[string]string{teamsync.SettingMembersListed: time.Now().Add(-25 * time.Hour).UTC().Format(time.RFC3339)})
		}
		sum, err := ada.svc.Sync(ctx, nil)
		if err != nil || len(sum.Problems) > 0 {
			t.Fatalf("sync: %+v, %v", sum, err)
		}
		return sum
	}
	listed := func(sum teamsync.Summary, want []string) {
		t.Helper()
		st, err := ada.svc.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(sum.Ignored, want) || !slices.Equal(st.Ignored, want) {
			t.Fatalf("sync ignored %q, status ignored %q; want %q", sum.Ignored, st.Ignored, want)
		}
	}

	same := syncOnce(false)
	listed(same, []string{})
	whole := syncOnce(true)
	listed(whole, foreign)
	next := syncOnce(false)
	listed(next, foreign)
	// On a folder a listing is one request however many objects: the
	// whole listing stands in for the listing of Bob's new batches.
	if whole.Requests != same.Requests || next.Requests != same.Requests {
		t.Fatalf("requests: %d before, %d with the whole listing, %d after; want the same", same.Requests, whole.Requests, next.Requests)
	}

	for _, k := range foreign {
		os.Remove(filepath.Join(location, filepath.FromSlash(k)))
	}
	listed(syncOnce(false), foreign)
	listed(syncOnce(true), []string{})
}

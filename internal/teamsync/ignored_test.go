package teamsync_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"peerplaypay/internal/peerplaypay"
)

// TestForeignNamesInShare: a Syncthing conflict copy of a roster version,
// a .DS_Store, a desktop.ini and an editor's backup in the share's folders
// stop nothing (sync, publish, requests, join), and the team status lists
// each of them once.
func TestForeignNamesInShare(t *testing.T) {
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

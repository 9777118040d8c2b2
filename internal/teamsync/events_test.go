package teamsync_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// A member who copies the IDs of a peer's events into her own batch changes
// nothing for a newcomer who reads her chain first: the peer's publish, edit
// and tombstone are the peer's events, whatever IDs others reuse.
func TestCopiedEventIDs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	location := filepath.Join(t.TempDir(), "share")
	mallory, ada, cy := newMember(t, "Mallory"), newMember(t, "Ada"), newMember(t, "Cy")
	// Mallory made the team, so she comes first in the roster and a
	// newcomer reads her chain before Ada's.
	if _, err := mallory.svc.Create(ctx, location, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, mallory, ada, location)
	sync := func(m *member) {
		t.Helper()
		if sum, err := m.svc.Sync(ctx, nil); err != nil || len(sum.Problems) > 0 {
			t.Fatalf("sync: %+v, %v", sum, err)
		}
	}

	kept := &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "first words"}}
	gone := &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "taken back"}}
	for _, e := range []*peerplaypay.LogEntry{kept, gone} {
		if err := ada.logs.CreateLog(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	sync(ada)
	if _, err := ada.logs.UpdateLogTable(ctx, kept.ID, peerplaypay.LogTable{Done: "edited words"}); err != nil {
		t.Fatal(err)
	}
	if _, err := ada.logs.DeleteLog(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	sync(ada)

	// Mallory copies the IDs of Ada's publish of the kept log, its edit,
	// and the tombstone of the other, into events of her own.
	sync(mallory)
	received, err := sqlite.NewShareStore(mallory.db).ReceivedEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var copies []peerplaypay.ShareEvent
	for _, e := range received {
		var d peerplaypay.LogDeleted // every log event names its uid
		if json.Unmarshal(e.Data, &d) != nil {
			continue
		}
		switch {
		case e.Kind == peerplaypay.EventLogPublished && d.UID == kept.UID,
			e.Kind == peerplaypay.EventLogEdited,
			e.Kind == peerplaypay.EventLogDeleted:
			copies = append(copies, peerplaypay.ShareEvent{ID: e.ID, Kind: "future.note", V: 1, Data: []byte(`{"text":"same id"}`)})
		}
	}
	if len(copies) != 3 {
		t.Fatalf("found %d of Ada's events to copy; want 3 in %+v", len(copies), received)
	}
	if err := sqlite.NewShareStore(mallory.db).Enqueue(ctx, copies...); err != nil {
		t.Fatal(err)
	}
	sync(mallory)

	join(t, mallory, cy, location)
	sync(cy)
	logs, err := cy.svc.PeerLogs(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range logs {
		got = append(got, l.AuthorName+": "+l.Table.Done)
	}
	if len(logs) != 1 || got[0] != "Ada: edited words" || logs[0].UID != kept.UID {
		t.Fatalf("Cy sees %q; want only Ada's edited log", got)
	}
}

// A member who copies a peer's private message into her own batch does not
// pass its words off as hers: the reader it was meant for refuses her batch
// and says so, and still gets the peer's message as the peer's.
func TestForwardedDirectEvent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	location := filepath.Join(t.TempDir(), "share")
	ada, bo, mallory := newMember(t, "Ada"), newMember(t, "Bo"), newMember(t, "Mallory")
	if _, err := ada.svc.Create(ctx, location, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bo, location)
	join(t, ada, mallory, location)
	boID, err := bo.svc.Identity()
	if err != nil {
		t.Fatal(err)
	}
	note := peerplaypay.ShareEvent{Kind: "conversation.note", V: 1, Data: []byte(`{"text":"Ada to Bo"}`), To: []string{boID.MemberID().String()}}
	if err := sqlite.NewShareStore(ada.db).Enqueue(ctx, note); err != nil {
		t.Fatal(err)
	}
	for _, m := range []*member{ada, mallory} {
		if _, err := m.svc.Sync(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	// Mallory cannot read the note, but she can copy its sealed box.
	received, err := sqlite.NewShareStore(mallory.db).ReceivedEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var forwarded []peerplaypay.ShareEvent
	for _, e := range received {
		if e.Kind == "direct" {
			forwarded = append(forwarded, peerplaypay.ShareEvent{Kind: "direct", V: 1, Data: e.Data})
		}
	}
	if len(forwarded) != 1 {
		t.Fatalf("Mallory holds %d sealed boxes; want Ada's one", len(forwarded))
	}
	if err := sqlite.NewShareStore(mallory.db).Enqueue(ctx, forwarded...); err != nil {
		t.Fatal(err)
	}
	if _, err := mallory.svc.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}

	sum, err := bo.svc.Sync(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Problems) != 1 || !strings.HasPrefix(sum.Problems[0], "Mallory: ") || !strings.Contains(sum.Problems[0], "private message") {
		t.Fatalf("Bo's problems = %q; want one naming Mallory", sum.Problems)
	}
	st, err := bo.svc.Status(ctx)
	if err != nil || !slices.ContainsFunc(st.Problems, func(p string) bool { return strings.HasPrefix(p, "Mallory: ") }) {
		t.Fatalf("team status problems = %q, %v; want Mallory's", st.Problems, err)
	}
	evs, err := sqlite.NewShareStore(bo.db).ReceivedEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]int{}
	for _, e := range evs {
		if e.Kind == "conversation.note" {
			notes[e.Author]++
		}
	}
	adaID, _ := ada.svc.Identity()
	if len(notes) != 1 || notes[adaID.MemberID().String()] != 1 {
		t.Fatalf("Bo's notes by author: %v; want Ada's only", notes)
	}
}

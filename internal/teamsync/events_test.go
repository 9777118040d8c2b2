package teamsync_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// A member who copies the IDs of a peer's events into her own batch changes
// nothing for a newcomer who reads her chain first: the peer's publish, edit
// and tombstone are the peer's events, whatever IDs others reuse.
func TestCopiedEventIDs(t *testing.T) {
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
			copies = append(copies, peerplaypay.ShareEvent{ID: e.ID, Kind: "thanks.given", V: 1, Data: []byte(`{"text":"same id"}`)})
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

package sqlite_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// TestPublishedCarriesEditDuringUpload edits a log between the moment the
// sync read it and the moment its upload ended: the log.published queued
// then carries the edited table, since no log.edited was queued (the log
// was not published yet when it was edited).
func TestPublishedCarriesEditDuringUpload(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	joinTeam(t, db)
	logs, store := sqlite.NewLogService(db), sqlite.NewShareStore(db)
	l := MustCreateLog(t, logs, peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "first words", Mood: 2}})
	toPublish := must[[]*peerplaypay.LogEntry](t)(store.LogsToPublish(ctx))
	if len(toPublish) != 1 {
		t.Fatalf("%d logs to publish", len(toPublish))
	}
	read := toPublish[0] // what the sync built its event from

	// The upload takes minutes; the member edits meanwhile.
	before := len(outbox(t, db))
	must[*peerplaypay.LogEntry](t)(logs.UpdateLogTable(ctx, l.ID, peerplaypay.LogTable{Done: "corrected words", Mood: 4}))
	if n := len(outbox(t, db)); n != before {
		t.Fatalf("an edit of a log not yet published queued %d event(s)", n-before)
	}
	pub := event(peerplaypay.EventLogPublished, peerplaypay.LogPublished{UID: read.UID, Day: read.Day, Kind: read.Kind, Table: read.LogTable})
	if err := store.MarkPublished(ctx, l.UID, pub); err != nil {
		t.Fatal(err)
	}
	evs := outbox(t, db)[before:]
	var d peerplaypay.LogPublished
	if len(evs) != 1 || json.Unmarshal(evs[0].Data, &d) != nil {
		t.Fatalf("queued: %s", kinds(evs))
	}
	if d.Table.Done != "corrected words" || d.Table.Mood != 4 || d.UID != l.UID {
		t.Errorf("log.published carries %+v; want the edited table", d)
	}
}

// TestRosterPins: a roster version once stored is pinned; other bytes under
// its number (a fork of the team list) are refused and the pin stays.
func TestRosterPins(t *testing.T) {
	ctx := context.Background()
	s := sqlite.NewShareStore(MustOpenDB(t))
	c := &peerplaypay.TeamConfig{Location: "/share", TeamID: "a0", Genesis: "40", State: peerplaypay.TeamMember,
		Roster: [][]byte{[]byte("version 1"), []byte("version 2 by Ada")}}
	if err := s.SaveTeamConfig(ctx, c); err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		c.Roster = append(c.Roster, []byte("version 3"))
		if err := s.SaveTeamConfig(ctx, c); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrFork", func(t *testing.T) {
		c.Roster = [][]byte{[]byte("version 1"), []byte("version 2 by Mallory")}
		err := s.SaveTeamConfig(ctx, c)
		if peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT || !bytes.Contains([]byte(peerplaypay.ErrorMessage(err)), []byte("fork at roster version 2")) {
			t.Fatalf("save = %v", err)
		}
		got, err := s.TeamConfig(ctx)
		if err != nil || len(got.Roster) != 3 || string(got.Roster[1]) != "version 2 by Ada" {
			t.Fatalf("stored roster %q, %v", got.Roster, err)
		}
	})
}

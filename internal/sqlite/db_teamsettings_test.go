package sqlite_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

func settingsEvent(t *testing.T, id string, at time.Time, kv ...string) peerplaypay.ShareEvent {
	t.Helper()
	var d peerplaypay.TeamSettingsData
	for i := 0; i < len(kv); i += 2 {
		d.Changes = append(d.Changes, peerplaypay.SettingChange{Key: kv[i], Value: json.RawMessage(kv[i+1])})
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return peerplaypay.ShareEvent{ID: id, Kind: peerplaypay.EventTeamSettings, V: 1, At: at, Data: b}
}

// Two members change the settings at once: different keys both survive;
// the same key goes to the same winner whatever order the batches arrive
// in, and the loser stays in the history.
func TestTeamSettingsMerge(t *testing.T) {
	ctx := context.Background()
	const ada, bea = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	adaEv := settingsEvent(t, "a1000000000000000000000000000000", t0, "session.time", `"09:00"`, "team.cause", `"Ada's cause"`)
	beaEv := settingsEvent(t, "b1000000000000000000000000000000", t0, "session.weekday", `"friday"`, "team.cause", `"Bea's cause"`)
	var results []*peerplaypay.TeamSettings
	for _, order := range [][]string{{ada, bea}, {bea, ada}} {
		db := MustOpenDB(t)
		share, store := sqlite.NewShareStore(db), sqlite.NewTeamSettingsStore(db)
		for _, who := range order {
			ev := adaEv
			if who == bea {
				ev = beaEv
			}
			if _, err := share.ApplyBatch(ctx, who, peerplaypay.SharePosition{Seq: 1, Hash: "x"}, []peerplaypay.ShareEvent{ev}); err != nil {
				t.Fatal(err)
			}
		}
		s, err := store.TeamSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, s)
		h, err := store.TeamSettingsHistory(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 4 {
			t.Fatalf("history has %d changes, want all 4: %+v", len(h), h)
		}
		var lost int
		for _, e := range h {
			if e.Key == "team.cause" && !e.Current {
				lost++
				if string(e.Value) != `"Ada's cause"` {
					t.Errorf("the loser kept in history is %s, want Ada's (lower event ID, same time)", e.Value)
				}
			}
		}
		if lost != 1 {
			t.Errorf("%d losing cause changes in history, want 1", lost)
		}
	}
	for i, s := range results {
		if s.SessionTime != "09:00" || s.SessionWeekday != "friday" {
			t.Errorf("order %d: different keys must both survive: %s %s", i, s.SessionWeekday, s.SessionTime)
		}
		if s.Cause != "Bea's cause" {
			t.Errorf("order %d: cause = %q, want the greater event ID's", i, s.Cause)
		}
		if s.Version != 4 {
			t.Errorf("order %d: version %d, want 4", i, s.Version)
		}
	}
}

// A key of a newer app is kept, listed and carried beside the known ones;
// a member's own change after a peer's wins over it whatever the clocks.
func TestTeamSettingsUnknownKeysAndOwnChanges(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	share, store := sqlite.NewShareStore(db), sqlite.NewTeamSettingsStore(db)
	ahead := time.Now().UTC().Add(5 * time.Minute) // a peer's clock a little ahead
	ev := settingsEvent(t, "c1000000000000000000000000000000", ahead, "session.time", `"08:00"`, "future.colour", `{"hue":200}`)
	if _, err := share.ApplyBatch(ctx, "cccccccccccccccccccccccccccccccc", peerplaypay.SharePosition{Seq: 1, Hash: "x"}, []peerplaypay.ShareEvent{ev}); err != nil {
		t.Fatal(err)
	}
	s, err := store.SetTeamSettings(ctx, []peerplaypay.SettingChange{{Key: "session.time", Value: json.RawMessage(`"11:00"`)}})
	if err != nil {
		t.Fatal(err)
	}
	if s.SessionTime != "11:00" {
		t.Errorf("our change after the peer's lost: %s", s.SessionTime)
	}
	if string(s.Unknown["future.colour"]) != `{"hue":200}` {
		t.Errorf("the unknown key was not kept: %v", s.Unknown)
	}
	out, err := share.Outbox(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].Kind != peerplaypay.EventTeamSettings || !out[0].At.After(ahead) {
		t.Fatalf("outbox = %+v; want one team.settings dated after the peer's change", out)
	}

	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := store.SetTeamSettings(ctx, []peerplaypay.SettingChange{{Key: "session.parts", Value: json.RawMessage(`[{"name":"x","minutes":0}]`)}})
		if peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
			t.Fatalf("err = %v, want EINVALID", err)
		}
		if out2, _ := share.Outbox(ctx, 10); len(out2) != 1 {
			t.Fatalf("a refused change queued an event: %d in the outbox", len(out2))
		}
	})
}

// A log keeps the questions it was made with; a change of the questions
// changes new logs only.
func TestLogsKeepTheirQuestions(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	logs, store := sqlite.NewLogService(db), sqlite.NewTeamSettingsStore(db)
	old := &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "shipped"}}
	if err := logs.CreateLog(ctx, old); err != nil {
		t.Fatal(err)
	}
	qs := `[{"id":"done","text":"What did I ship?"},{"id":"extra1","text":"Who did I thank?"}]`
	if _, err := store.SetTeamSettings(ctx, []peerplaypay.SettingChange{{Key: "standup.questions", Value: json.RawMessage(qs)}}); err != nil {
		t.Fatal(err)
	}
	fresh := &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "the parser", Extra: map[string]string{"extra1": "Bea"}}}
	if err := logs.CreateLog(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	gotOld, err := logs.Log(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	gotNew, err := logs.Log(ctx, fresh.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotOld.Questions) != 5 || gotOld.Questions[0].Text != "What I did" {
		t.Errorf("old log's questions = %+v, want the five defaults", gotOld.Questions)
	}
	if len(gotNew.Questions) != 2 || gotNew.Questions[1].Text != "Who did I thank?" || gotNew.Answer("extra1") != "Bea" {
		t.Errorf("new log = %+v %+v", gotNew.Questions, gotNew.Extra)
	}
	// The old log has no added question: an answer to one is refused.
	_, err = logs.UpdateLogTable(ctx, old.ID, peerplaypay.LogTable{Done: "x", Extra: map[string]string{"extra1": "y"}})
	if peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
		t.Errorf("answering a question the old log was not asked: err = %v", err)
	}
}

// Agreements of the first apps travelled as one list: a member's next
// change carries them over to one key each, and empties the list, so the
// team keeps every agreement once.
func TestLegacyAgreementsCarriedOver(t *testing.T) {
	ctx := context.Background()
	const bea = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	db := MustOpenDB(t)
	share, store := sqlite.NewShareStore(db), sqlite.NewTeamSettingsStore(db)
	old := settingsEvent(t, "b1000000000000000000000000000000", time.Now().Add(-time.Hour), "team.agreements", `["Stand-up by 10:00","Cameras on"]`)
	if _, err := share.ApplyBatch(ctx, bea, peerplaypay.SharePosition{Seq: 1, Hash: "x"}, []peerplaypay.ShareEvent{old}); err != nil {
		t.Fatal(err)
	}
	if s, _ := store.TeamSettings(ctx); strings.Join(s.Agreements, "|") != "Stand-up by 10:00|Cameras on" {
		t.Fatalf("the list of the first apps reads %q", s.Agreements)
	}
	s, err := store.SetTeamSettings(ctx, []peerplaypay.SettingChange{{Key: "team.agreements", Value: json.RawMessage(`["Cameras on","Pair on Fridays"]`)}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Agreements, "|"); got != "Cameras on|Pair on Fridays" {
		t.Errorf("agreements %q; want Cameras on|Pair on Fridays", got)
	}
	raw := rawOpen(t, db.Path)
	defer raw.Close()
	var data string
	if err := raw.QueryRow(`SELECT data FROM share_outbox ORDER BY rowid DESC LIMIT 1`).Scan(&data); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"key":"team.agreements","value":[]`, peerplaypay.AgreementKey("Cameras on"), peerplaypay.AgreementKey("Pair on Fridays"), peerplaypay.AgreementKey("Stand-up by 10:00") + `","value":null`} {
		if !strings.Contains(data, want) {
			t.Errorf("the change sent lacks %s: %s", want, data)
		}
	}
}

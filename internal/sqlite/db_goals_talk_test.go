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

const cyID = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

// teamEvents are the queued events every member can read, by kind.
func teamEvents(tb testing.TB, db *sqlite.DB, kind string) []peerplaypay.ShareEvent {
	tb.Helper()
	var out []peerplaypay.ShareEvent
	for _, e := range outbox(tb, db) {
		if e.Kind == kind {
			if len(e.To) > 0 {
				tb.Fatalf("%s is addressed to %v; it is for the team", kind, e.To)
			}
			out = append(out, e)
		}
	}
	return out
}

// TestConversationReachesTheTeamOnlyWithBothConsents: our copy of a
// conversation goes to the team once both of us share it, again when it
// changes, and is taken back when either of us stops sharing.
func TestConversationReachesTheTeamOnlyWithBothConsents(t *testing.T) {
	ctx := context.Background()
	db, s := newGoals(t)
	store := sqlite.NewShareStore(db)
	n, err := s.SaveConversation(ctx, peerplaypay.ConversationNote{With: peerID, MyRole: "coach", Agenda: []string{"latency"}, Notes: "cache first", ShareMine: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := kinds(outbox(t, db)); got != "conversation.note" {
		t.Fatalf("with only my consent, queued %q", got)
	}
	if e := outbox(t, db)[0]; len(e.To) != 1 || e.To[0] != peerID {
		t.Fatalf("the note is addressed to %v", e.To)
	}
	seq := uint64(0)
	bobSays := func(share bool, notes string) {
		t.Helper()
		seq++
		d := peerplaypay.ConversationNoteData{UID: n.UID, With: meID, AuthorRole: "coachee", Day: n.Day, Agenda: []string{"latency"},
			Notes: notes, Share: share, UpdatedAt: time.Now().Add(time.Duration(seq) * time.Minute).UTC()}
		if _, err := store.ApplyBatch(ctx, peerID, peerplaypay.SharePosition{Seq: seq, Hash: "x"},
			[]peerplaypay.ShareEvent{event(peerplaypay.EventConversationNote, d)}); err != nil {
			t.Fatal(err)
		}
	}
	bobSays(false, "cache first")
	if got := teamEvents(t, db, peerplaypay.EventConversationShared); len(got) != 0 {
		t.Fatalf("Bob did not share, yet queued %d", len(got))
	}
	bobSays(true, "cache first, then measure")
	shared := teamEvents(t, db, peerplaypay.EventConversationShared)
	if len(shared) != 1 {
		t.Fatalf("both share: %d conversation.shared queued", len(shared))
	}
	var d peerplaypay.ConversationSharedData
	json.Unmarshal(shared[0].Data, &d)
	if d.UID != n.UID || d.With != peerID || d.AuthorRole != "coach" || d.Notes != "cache first, then measure" || len(d.Agenda) != 1 {
		t.Fatalf("published %+v", d)
	}
	// Bob's edits while shared: he publishes his own copy; ours is not sent again.
	bobSays(true, "cache first, then measure twice")
	if got := len(teamEvents(t, db, peerplaypay.EventConversationShared)); got != 1 {
		t.Fatalf("Bob's edit made us publish again: %d", got)
	}
	// Our edit goes to the team too.
	ns, _ := s.Conversations(ctx)
	n = ns[0]
	n.Notes = "cache first; Ada pairs on it"
	if _, err := s.SaveConversation(ctx, *n); err != nil {
		t.Fatal(err)
	}
	shared = teamEvents(t, db, peerplaypay.EventConversationShared)
	if len(shared) != 2 || !strings.Contains(string(shared[1].Data), "Ada pairs on it") {
		t.Fatalf("after our edit: %d shared", len(shared))
	}
	// Bob takes his consent back: we take our copy back.
	bobSays(false, "cache first; Ada pairs on it")
	if got := teamEvents(t, db, peerplaypay.EventConversationUnshared); len(got) != 1 || !strings.Contains(string(got[0].Data), n.UID) {
		t.Fatalf("after Bob stopped sharing: %d unshared", len(got))
	}
	// He shares again, then we stop.
	bobSays(true, "cache first; Ada pairs on it")
	if got := len(teamEvents(t, db, peerplaypay.EventConversationShared)); got != 3 {
		t.Fatalf("shared again: %d", got)
	}
	n.ShareMine = false
	if _, err := s.SaveConversation(ctx, *n); err != nil {
		t.Fatal(err)
	}
	if got := len(teamEvents(t, db, peerplaypay.EventConversationUnshared)); got != 2 {
		t.Fatalf("after we stopped sharing: %d unshared", got)
	}
	if got := len(teamEvents(t, db, peerplaypay.EventConversationShared)); got != 3 {
		t.Fatalf("saving an unshared note published it: %d", got)
	}
	// Saving again while unshared sends no second tombstone.
	if _, err := s.SaveConversation(ctx, *n); err != nil {
		t.Fatal(err)
	}
	if got := len(teamEvents(t, db, peerplaypay.EventConversationUnshared)); got != 2 {
		t.Fatalf("a second tombstone: %d", got)
	}
}

// TestApplySharedConversations: a conversation between Bob and Cy shows
// only while both of their copies stand.
func TestApplySharedConversations(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s := sqlite.NewGoalService(db, func(context.Context) sqlite.People {
		return sqlite.People{Me: meID, MyName: "Ada", Names: map[string]string{peerID: "Bob", cyID: "Cy"}}
	})
	if err := s.RememberMe(ctx); err != nil {
		t.Fatal(err)
	}
	store := sqlite.NewShareStore(db)
	seqs := map[string]uint64{}
	apply := func(author string, evs ...peerplaypay.ShareEvent) {
		t.Helper()
		seqs[author]++
		if _, err := store.ApplyBatch(ctx, author, peerplaypay.SharePosition{Seq: seqs[author], Hash: "x"}, evs); err != nil {
			t.Fatal(err)
		}
	}
	visible := func() []*peerplaypay.SharedConversation {
		t.Helper()
		cs, err := s.SharedConversations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	uid := peerplaypay.NewUID()
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	bobs := peerplaypay.ConversationSharedData{UID: uid, With: cyID, AuthorRole: "coachee", Day: "2026-11-23",
		Agenda: []string{"on-call load"}, Notes: "Bob's words", UpdatedAt: at}
	cys := bobs
	cys.With, cys.AuthorRole, cys.Notes, cys.UpdatedAt = peerID, "coach", "Cy's later words", at.Add(time.Minute)

	apply(peerID, event(peerplaypay.EventConversationShared, bobs))
	if got := visible(); len(got) != 0 {
		t.Fatalf("with Bob's copy alone: %+v", got[0])
	}
	replay := event(peerplaypay.EventConversationShared, cys)
	apply(cyID, replay)
	got := visible()
	if len(got) != 1 {
		t.Fatalf("both copies: %d shown", len(got))
	}
	c := got[0]
	if c.UID != uid || c.Notes != "Cy's later words" || c.Coach != cyID || c.CoachName != "Cy" || c.Coachee != peerID ||
		c.CoacheeName != "Bob" || c.Day != "2026-11-23" || len(c.Agenda) != 1 {
		t.Fatalf("shown as %+v", c)
	}
	// Applying is idempotent: the same event again, or the same copy anew.
	apply(cyID, replay)
	apply(cyID, event(peerplaypay.EventConversationShared, cys))
	if got := visible(); len(got) != 1 {
		t.Fatalf("replayed: %d shown", len(got))
	}
	// Malformed events and copies about us are skipped.
	bad := cys
	bad.AuthorRole = "boss"
	ours := cys
	ours.UID, ours.With = peerplaypay.NewUID(), meID
	apply(cyID, event(peerplaypay.EventConversationShared, bad), event(peerplaypay.EventConversationShared, ours),
		peerplaypay.ShareEvent{ID: peerplaypay.NewUID(), Kind: peerplaypay.EventConversationShared, V: 1, At: at, Data: []byte(`{"uid":`)},
		event(peerplaypay.EventConversationUnshared, map[string]string{"uid": "nope"}))
	if got := visible(); len(got) != 1 || got[0].Notes != "Cy's later words" {
		t.Fatalf("after malformed events: %+v", got)
	}
	// A third member cannot pair with a copy that does not name them.
	eve := bobs
	eve.With = meID
	apply("dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", event(peerplaypay.EventConversationShared, eve))
	if got := visible(); len(got) != 1 {
		t.Fatalf("a stranger's copy: %d shown", len(got))
	}
	// Cy takes it back: gone, and Bob's copy, still standing, shows nothing.
	apply(cyID, event(peerplaypay.EventConversationUnshared, peerplaypay.ConversationUnsharedData{UID: uid}))
	if got := visible(); len(got) != 0 {
		t.Fatalf("after Cy took it back: %+v", got[0])
	}
	apply(peerID, event(peerplaypay.EventConversationShared, bobs))
	if got := visible(); len(got) != 0 {
		t.Fatalf("Bob's copy alone after Cy's withdrawal: %+v", got[0])
	}
	apply(cyID, event(peerplaypay.EventConversationUnshared, peerplaypay.ConversationUnsharedData{UID: uid}))
	if got := visible(); len(got) != 0 {
		t.Fatal("a repeated tombstone brought it back")
	}
	// Leaving the team drops what teammates shared.
	apply(cyID, event(peerplaypay.EventConversationShared, cys))
	if got := visible(); len(got) != 1 {
		t.Fatalf("shared again by both: %d shown", len(got))
	}
	if err := store.ForgetTeam(ctx); err != nil {
		t.Fatal(err)
	}
	if got := visible(); len(got) != 0 {
		t.Fatalf("after leaving the team: %+v", got[0])
	}
}

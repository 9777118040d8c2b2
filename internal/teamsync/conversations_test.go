package teamsync_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
)

// TestSharedConversation: a check-in conversation between Ada and Bo
// reaches Cy only once both of them share it, and leaves Cy when either
// takes it back. Until then nothing of it is readable on Cy's laptop.
func TestSharedConversation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	loc := filepath.Join(t.TempDir(), "share")
	ada, bo, cy := newMember(t, "Ada"), newMember(t, "Bo"), newMember(t, "Cy")
	if _, err := ada.svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bo, loc)
	join(t, ada, cy, loc)
	sync(t, ada, bo, cy)
	adaGoals, boGoals, cyGoals := goalsOf(ada), goalsOf(bo), goalsOf(cy)
	adaID, _, _ := ada.svc.People(ctx)
	boID, _, _ := bo.svc.People(ctx)
	const words = "Bo leads the cache work; Ada reviews"

	// Cy has nothing of the conversation: no row, no readable event.
	nothingAtCy := func(when string) {
		t.Helper()
		if n := rows(t, cy, `SELECT count(*) FROM goal_conversations`) + rows(t, cy, `SELECT count(*) FROM shared_conversations`); n != 0 {
			t.Fatalf("%s: Cy stores %d rows of the conversation", when, n)
		}
		if n := rows(t, cy, `SELECT count(*) FROM share_events WHERE kind LIKE 'conversation.%' OR data LIKE ?`, "%"+words[:12]+"%"); n != 0 {
			t.Fatalf("%s: Cy holds %d readable events of it", when, n)
		}
		if cs, err := cyGoals.SharedConversations(ctx); err != nil || len(cs) != 0 {
			t.Fatalf("%s: Cy sees %d shared conversations, %v", when, len(cs), err)
		}
		if _, found := shareFiles(t, loc, words); found {
			t.Fatalf("%s: the share holds the note in clear", when)
		}
	}

	n, err := adaGoals.SaveConversation(ctx, peerplaypay.ConversationNote{With: boID, MyRole: "coach", Agenda: []string{"cache"}, Notes: words})
	if err != nil {
		t.Fatal(err)
	}
	sync(t, ada, bo, cy)
	bos, err := boGoals.Conversations(ctx)
	if err != nil || len(bos) != 1 || bos[0].Notes != words || bos[0].MyRole != "coachee" {
		t.Fatalf("Bo's conversations: %+v, %v", bos, err)
	}
	if n := rows(t, cy, `SELECT count(*) FROM share_events WHERE kind = 'direct'`); n == 0 {
		t.Fatal("Cy did not receive the envelope of the note")
	}
	nothingAtCy("a private conversation")

	// Ada shares; Bo has not: still nothing for Cy.
	n.ShareMine = true
	if n, err = adaGoals.SaveConversation(ctx, *n); err != nil {
		t.Fatal(err)
	}
	sync(t, ada, bo, cy, ada, bo, cy)
	if bos, _ = boGoals.Conversations(ctx); !bos[0].ShareTheirs || bos[0].ShareMine {
		t.Fatalf("Bo sees the choices as %+v", bos[0])
	}
	nothingAtCy("Ada alone shares")

	// Bo shares too: Cy sees it once Ada's sync has learned it (and, in the
	// same sync, sent her copy).
	b := *bos[0]
	b.ShareMine = true
	if _, err := boGoals.SaveConversation(ctx, b); err != nil {
		t.Fatal(err)
	}
	sync(t, bo, ada, cy)
	cs, err := cyGoals.SharedConversations(ctx)
	if err != nil || len(cs) != 1 {
		t.Fatalf("Cy sees %d shared conversations, %v", len(cs), err)
	}
	if c := cs[0]; c.UID != n.UID || c.Notes != words || c.Coach != adaID || c.CoachName != "Ada" || c.Coachee != boID || c.CoacheeName != "Bo" {
		t.Fatalf("Cy sees %+v", c)
	}
	if n := rows(t, cy, `SELECT count(*) FROM goal_conversations`); n != 0 {
		t.Fatalf("the shared conversation became one of Cy's own: %d", n)
	}

	// Ada takes hers back: Cy no longer has it, nor her words.
	as, _ := adaGoals.Conversations(ctx)
	a := *as[0]
	a.ShareMine = false
	if _, err := adaGoals.SaveConversation(ctx, a); err != nil {
		t.Fatal(err)
	}
	sync(t, ada, cy)
	if cs, _ := cyGoals.SharedConversations(ctx); len(cs) != 0 {
		t.Fatalf("after Ada took it back Cy sees %+v", cs[0])
	}
	if n := rows(t, cy, `SELECT count(*) FROM shared_conversations WHERE author = ?`, adaID); n != 0 {
		t.Fatalf("Cy keeps %d copies of Ada's", n)
	}
	// Bo learns of it and takes his copy back in the same sync: Cy keeps no
	// words of it.
	sync(t, bo, cy)
	if n := rows(t, cy, `SELECT count(*) FROM shared_conversations`); n != 0 {
		t.Fatalf("Cy keeps %d copies after both took it back", n)
	}
	bos, _ = boGoals.Conversations(ctx)
	if bos[0].ShareTheirs || !bos[0].ShareMine || !strings.Contains(bos[0].Notes, "cache") {
		t.Fatalf("Bo's conversation after Ada took it back: %+v", bos[0])
	}
}

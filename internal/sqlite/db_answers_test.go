package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// TestThanksWindowAndCap: the writer's rules, by the event's time: three
// Thanks a UTC day to one person (a withdrawn one frees its place), and a
// Thanks fixed 10 minutes after it was given.
func TestThanksWindowAndCap(t *testing.T) {
	ctx := context.Background()
	db, _ := newGoals(t)
	clock := time.Date(2026, 12, 5, 23, 40, 0, 0, time.UTC)
	db.Now = func() time.Time { return clock }
	s := sqlite.NewAnswerService(db, func(context.Context) sqlite.People {
		return sqlite.People{Me: meID, MyName: "Ada", Names: map[string]string{meID: "Ada", peerID: "Bob"}}
	})
	give := func(reason string) (*peerplaypay.Thanks, error) {
		return s.GiveThanks(ctx, peerplaypay.ThanksInput{To: peerID, Reason: reason})
	}
	first, err := give("for the review")
	if err != nil {
		t.Fatal(err)
	}
	if first.Day != "2026-12-05" || !first.Editable || first.EditUntil != "2026-12-05T23:50:00Z" {
		t.Errorf("first Thanks: %+v", first)
	}
	for _, r := range []string{"for the pairing", "for the docs"} {
		if _, err := give(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := give("a fourth"); err == nil || !strings.Contains(err.Error(), "at most 3") {
		t.Fatalf("a fourth Thanks the same UTC day: %v", err)
	}
	if err := s.WithdrawThanks(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := give("instead of the first"); err != nil {
		t.Errorf("a withdrawn Thanks still counts: %v", err)
	}
	// Past midnight UTC: a new day, a new cap.
	clock = clock.Add(25 * time.Minute)
	next, err := give("for the morning fix")
	if err != nil || next.Day != "2026-12-06" {
		t.Fatalf("after midnight UTC: %+v, %v", next, err)
	}
	clock = clock.Add(9 * time.Minute)
	if _, err := s.EditThanks(ctx, next.ID, peerplaypay.ThanksInput{Reason: "for the morning fix and the test"}); err != nil {
		t.Errorf("an edit 9 minutes after giving: %v", err)
	}
	clock = clock.Add(2 * time.Minute)
	before := len(outbox(t, db))
	if _, err := s.EditThanks(ctx, next.ID, peerplaypay.ThanksInput{Reason: "too late"}); err == nil || !strings.Contains(err.Error(), "fixed now") {
		t.Errorf("an edit 11 minutes after giving: %v", err)
	}
	if err := s.WithdrawThanks(ctx, next.ID); err == nil || !strings.Contains(err.Error(), "fixed now") {
		t.Errorf("a withdrawal 11 minutes after giving: %v", err)
	}
	if got := len(outbox(t, db)); got != before {
		t.Errorf("refused changes queued %d events", got-before)
	}
	given, err := s.MyThanks(ctx, false, 0)
	if err != nil || len(given) != 4 || given[0].Reason != "for the morning fix and the test" || given[0].Editable {
		t.Fatalf("given: %+v, %v", given, err)
	}
}

// TestEventTimesNeverGoBack: the laptop's clock steps back; the events
// queued after it are dated no earlier than the last one, as readers
// require of a Thanks.
func TestEventTimesNeverGoBack(t *testing.T) {
	ctx := context.Background()
	db, _ := newGoals(t)
	clock := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return clock }
	s := sqlite.NewAnswerService(db, func(context.Context) sqlite.People {
		return sqlite.People{Me: meID, MyName: "Ada", Names: map[string]string{meID: "Ada", peerID: "Bob"}}
	})
	if _, err := s.GiveThanks(ctx, peerplaypay.ThanksInput{To: peerID, Reason: "at noon"}); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(-2 * time.Hour)
	if _, err := s.GiveThanks(ctx, peerplaypay.ThanksInput{To: peerID, Reason: "with the clock set back"}); err != nil {
		t.Fatal(err)
	}
	if err := sqlite.NewShareStore(db).Enqueue(ctx, peerplaypay.ShareEvent{Kind: "session.item", V: 1, At: clock, Data: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	evs := outbox(t, db)
	for i := 1; i < len(evs); i++ {
		if evs[i].At.Before(evs[i-1].At) {
			t.Errorf("event %d (%s) is dated %s, before event %d (%s)", i, evs[i].Kind, evs[i].At, i-1, evs[i-1].At)
		}
	}
	if last := evs[len(evs)-1].At; !last.Equal(time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("the last event is dated %s; want noon, the latest time queued", last)
	}
}

// TestAnswersWithoutTeam: answers name their author by member ID; without
// a team there is none, and nothing is written.
func TestAnswersWithoutTeam(t *testing.T) {
	db := MustOpenDB(t)
	s := sqlite.NewAnswerService(db, nil)
	_, err := s.AddComment(context.Background(), peerplaypay.CommentInput{Log: peerplaypay.LogRef{UID: strings.Repeat("a", 32)}, Text: "hi"})
	if err == nil || !strings.Contains(err.Error(), "join a team") {
		t.Fatalf("a comment without a team: %v", err)
	}
	if n := len(outbox(t, db)); n != 0 {
		t.Errorf("%d events queued", n)
	}
}

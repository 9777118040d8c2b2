package sqlite_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// goalsAtScale fills a database with 500 goals (half the member's, half a
// peer's) and 10,000 check-ins, 1,000 of them on one goal; it returns that
// goal's id.
func goalsAtScale(b *testing.B) (*sqlite.GoalService, int64) {
	ctx := context.Background()
	db, s := newGoals(b)
	for i := range 250 {
		mustGoal(b, s, numberGoal(fmt.Sprintf("My goal %d", i)))
	}
	var events []peerplaypay.ShareEvent
	var uids []string
	at := time.Now().UTC().Add(-365 * 24 * time.Hour)
	for i := range 250 {
		uid := peerplaypay.NewUID()
		uids = append(uids, uid)
		events = append(events, event(peerplaypay.EventGoalSet, peerplaypay.GoalSet{UID: uid, Title: fmt.Sprintf("Peer goal %d", i),
			Kind: peerplaypay.GoalResult, Level: peerplaypay.LevelTeam, Status: peerplaypay.StatusOnTrack,
			Measure: peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Unit: "tests", Start: 0, Target: 100, Current: 10}, UpdatedAt: at}))
	}
	for i := range 10000 {
		goal := uids[i%250]
		if i < 1000 {
			goal = uids[0]
		}
		events = append(events, event(peerplaypay.EventCheckinAdded, peerplaypay.CheckinAdded{UID: peerplaypay.NewUID(), GoalUID: goal,
			At: at.Add(time.Duration(i) * time.Minute), Value: float64(i % 100), Confidence: 3, Note: "steady progress"}))
	}
	if _, err := sqlite.NewShareStore(db).ApplyBatch(ctx, peerID, peerplaypay.SharePosition{Seq: 1, Hash: "x"}, events); err != nil {
		b.Fatal(err)
	}
	gs, err := s.Goals(ctx)
	if err != nil || len(gs) != 500 {
		b.Fatalf("goals = %d, %v", len(gs), err)
	}
	for _, g := range gs {
		if g.UID == uids[0] {
			if g.Checkins < 1000 {
				b.Fatalf("busy goal has %d check-ins", g.Checkins)
			}
			return s, g.ID
		}
	}
	b.Fatal("busy goal not found")
	return nil, 0
}

func BenchmarkGoals(b *testing.B) {
	ctx := context.Background()
	s, busy := goalsAtScale(b)
	b.Run("List500Goals10kCheckins", func(b *testing.B) {
		for b.Loop() {
			if gs, err := s.Goals(ctx); err != nil || len(gs) != 500 {
				b.Fatal(len(gs), err)
			}
		}
	})
	// What the window receives: the list as JSON.
	b.Run("List500GoalsAsJSON", func(b *testing.B) {
		for b.Loop() {
			gs, err := s.Goals(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := json.Marshal(gs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("GetGoalWith1kCheckins", func(b *testing.B) {
		for b.Loop() {
			if d, err := s.Goal(ctx, busy); err != nil || len(d.Checkins) < 1000 {
				b.Fatal(err)
			}
		}
	})
}

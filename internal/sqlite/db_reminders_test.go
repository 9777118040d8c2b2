package sqlite_test

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// TestRemindersSent: a reminder is claimed once a day, by one of several
// callers at once, and again the next day; the claim outlives a reopen.
func TestRemindersSent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s := sqlite.NewReminderService(db)
	var won atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if ok, err := s.ClaimSent(ctx, peerplaypay.RemindStandup, "2026-11-23"); err != nil {
				t.Error(err)
			} else if ok {
				won.Add(1)
			}
		})
	}
	wg.Wait()
	if won.Load() != 1 {
		t.Fatalf("%d callers sent the same reminder the same day", won.Load())
	}
	db.Close()

	db = MustReopen(t, path)
	s = sqlite.NewReminderService(db)
	if ok, _ := s.ClaimSent(ctx, peerplaypay.RemindStandup, "2026-11-23"); ok {
		t.Error("sent again after a reopen")
	}
	if ok, _ := s.ClaimSent(ctx, peerplaypay.RemindStandup, "2026-11-24"); !ok {
		t.Error("not sent the next day")
	}
	if ok, _ := s.ClaimSent(ctx, peerplaypay.RemindReflection, "2026-11-24"); !ok {
		t.Error("one reminder's record holds back another")
	}
	sent, err := s.Sent(ctx)
	if err != nil || sent[peerplaypay.RemindStandup] != "2026-11-24" || sent[peerplaypay.RemindReflection] != "2026-11-24" {
		t.Errorf("sent = %v, %v", sent, err)
	}
}

// TestReminderSettings keeps choices, and refuses a bad one whole.
func TestReminderSettings(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := sqlite.NewReminderService(db)
	set, err := s.Settings(ctx)
	if err != nil || len(set.Reminders) != 5 || set.QuietFrom != "19:00" || len(set.DaysOff) != 2 {
		t.Fatalf("defaults: %+v, %v", set, err)
	}
	r, _ := set.Reminder(peerplaypay.RemindCheckin)
	r.At, r.On = "11:15", false
	set.DaysOff = []string{"Friday"}
	if set, err = s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	if r, _ := set.Reminder(peerplaypay.RemindCheckin); r.At != "11:15" || r.On || len(set.DaysOff) != 1 || set.DaysOff[0] != "fri" {
		t.Errorf("saved: %+v", set)
	}
	bad := *set
	bad.Reminders = append([]peerplaypay.Reminder(nil), set.Reminders...)
	bad.Reminders[0].At = "7"
	bad.DaysOff = nil
	if _, err := s.SaveSettings(ctx, &bad); peerplaypay.ErrorField(err) != "at-standup" {
		t.Errorf("bad time: %v", err)
	}
	if again, _ := s.Settings(ctx); len(again.DaysOff) != 1 || again.Reminders[0].At != "09:30" {
		t.Errorf("a refused save changed something: %+v", again)
	}

	// What is done on a day: a stand-up log, a reflection kept.
	if standup, reflection, err := s.DoneOn(ctx, "2026-11-23"); err != nil || standup || reflection {
		t.Errorf("done on an empty day: %v %v %v", standup, reflection, err)
	}
	if _, err := sqlite.NewGrowthService(db).SaveReflection(ctx, &peerplaypay.Reflection{Day: "2026-11-23", Minutes: 5, Note: "ok", StartedAt: "2026-11-23T15:00:00Z"}); err != nil {
		t.Fatal(err)
	}
	if _, reflection, _ := s.DoneOn(ctx, "2026-11-23"); !reflection {
		t.Error("a reflection kept that day is not done")
	}
}

package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// TestReflectionTimer keeps a reflection under way across a kill (the
// database closed without anything else), until its entry is saved.
func TestReflectionTimer(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), sqlite.FileName)
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		s := sqlite.NewGrowthService(db)
		if got := must[*peerplaypay.ReflectionTimer](t)(s.ReflectionTimer(ctx)); got != nil {
			t.Fatalf("a new data folder has a timer: %+v", got)
		}
		running := peerplaypay.ReflectionTimer{Phase: "running", PlannedMinutes: 10, StartedAt: "2026-11-23T09:00:00Z",
			RunStartedAt: "2026-11-23T09:04:00.250Z", BeforeMs: 120_000}
		if err := s.SaveReflectionTimer(ctx, &running); err != nil {
			t.Fatal(err)
		}
		db.Close() // as if the app were killed

		db = MustReopen(t, path)
		s = sqlite.NewGrowthService(db)
		if got := must[*peerplaypay.ReflectionTimer](t)(s.ReflectionTimer(ctx)); got == nil || *got != running {
			t.Fatalf("after a restart the timer is %+v; want %+v", got, running)
		}
		// Paused, the run's start is not kept: nothing runs.
		paused := running
		paused.Phase, paused.BeforeMs = "paused", 300_000
		if err := s.SaveReflectionTimer(ctx, &paused); err != nil {
			t.Fatal(err)
		}
		want := paused
		want.RunStartedAt = ""
		if got := must[*peerplaypay.ReflectionTimer](t)(s.ReflectionTimer(ctx)); got == nil || *got != want {
			t.Fatalf("paused timer = %+v; want %+v", got, want)
		}
		// Its journal entry written, the reflection is over.
		must[*peerplaypay.Reflection](t)(s.SaveReflection(ctx, &peerplaypay.Reflection{StartedAt: paused.StartedAt, Minutes: 5, Note: "calm"}))
		if got := must[*peerplaypay.ReflectionTimer](t)(s.ReflectionTimer(ctx)); got != nil {
			t.Fatalf("the timer outlived its saved reflection: %+v", got)
		}
		if err := s.SaveReflectionTimer(ctx, &running); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveReflectionTimer(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if got := must[*peerplaypay.ReflectionTimer](t)(s.ReflectionTimer(ctx)); got != nil {
			t.Fatalf("a reset timer is still kept: %+v", got)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		s := sqlite.NewGrowthService(MustOpenDB(t))
		for field, bad := range map[string]peerplaypay.ReflectionTimer{
			"phase":          {Phase: "idle", PlannedMinutes: 10, StartedAt: "2026-11-23T09:00:00Z"},
			"plannedMinutes": {Phase: "paused", PlannedMinutes: 0, StartedAt: "2026-11-23T09:00:00Z"},
			"startedAt":      {Phase: "paused", PlannedMinutes: 10, StartedAt: "this morning"},
			"runStartedAt":   {Phase: "running", PlannedMinutes: 10, StartedAt: "2026-11-23T09:00:00Z"},
			"beforeMs":       {Phase: "paused", PlannedMinutes: 1, StartedAt: "2026-11-23T09:00:00Z", BeforeMs: 61_000},
		} {
			if err := s.SaveReflectionTimer(ctx, &bad); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID || peerplaypay.ErrorField(err) != field {
				t.Errorf("%+v: %v; want EINVALID on %s", bad, err, field)
			}
		}
	})
}

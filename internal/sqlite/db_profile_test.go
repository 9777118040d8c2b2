package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

func TestProfileService(t *testing.T) {
	ctx := context.Background()

	t.Run("ErrNotFound", func(t *testing.T) {
		s := sqlite.NewProfileService(MustOpenDB(t))
		if _, err := s.Profile(ctx); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Fatalf("err = %v; want not_found before onboarding", err)
		}
	})

	t.Run("CreateThenUpdate", func(t *testing.T) {
		db := MustOpenDB(t)
		clock := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return clock }
		s := sqlite.NewProfileService(db)

		created, err := s.SaveProfile(ctx, peerplaypay.ProfileInput{Name: "  Ada Lovelace ", Role: "Engineer", TeamName: "Engines"})
		if err != nil {
			t.Fatal(err)
		}
		if created.Name != "Ada Lovelace" || len(created.MemberID) != 32 || !created.CreatedAt.Equal(clock) {
			t.Fatalf("created = %+v", created)
		}

		clock = clock.Add(time.Hour)
		updated, err := s.SaveProfile(ctx, peerplaypay.ProfileInput{Name: "Ada", Role: "Lead", TeamName: "Analytical"})
		if err != nil {
			t.Fatal(err)
		}
		if updated.MemberID != created.MemberID {
			t.Errorf("member id changed from %s to %s", created.MemberID, updated.MemberID)
		}
		if !updated.CreatedAt.Equal(created.CreatedAt) || !updated.UpdatedAt.Equal(clock) {
			t.Errorf("times = %v, %v; want created kept and updated = %v", updated.CreatedAt, updated.UpdatedAt, clock)
		}

		got, err := s.Profile(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if *got != *updated {
			t.Errorf("read back %+v; want %+v", got, updated)
		}
	})

	t.Run("PersistsAcrossReopen", func(t *testing.T) {
		db := MustOpenDB(t)
		if _, err := sqlite.NewProfileService(db).SaveProfile(ctx, peerplaypay.ProfileInput{Name: "Grace", TeamName: "Compilers"}); err != nil {
			t.Fatal(err)
		}
		db.Close()
		db2, err := sqlite.Open(ctx, db.Path)
		if err != nil {
			t.Fatal(err)
		}
		defer db2.Close()
		p, err := sqlite.NewProfileService(db2).Profile(ctx)
		if err != nil || p.Name != "Grace" || p.TeamName != "Compilers" {
			t.Fatalf("after reopen: %+v, %v", p, err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		s := sqlite.NewProfileService(MustOpenDB(t))
		for _, in := range []peerplaypay.ProfileInput{
			{Name: "   "},
			{Name: strings.Repeat("x", peerplaypay.MaxNameLen+1)},
			{Name: "Ada", Role: "line\nbreak"},
		} {
			if _, err := s.SaveProfile(ctx, in); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
				t.Errorf("SaveProfile(%q) err = %v; want invalid", in, err)
			}
		}
		if _, err := s.Profile(ctx); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Errorf("invalid input was stored: %v", err)
		}
	})
}

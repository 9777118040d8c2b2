package sqlite_test

import (
	"bytes"
	"context"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

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

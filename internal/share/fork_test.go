package share

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend/backendtest"
)

// assertFork checks that err reports a fork at version v, in words that
// name the signers of both versions.
func assertFork(t *testing.T, err error, v uint64, names ...string) *Fork {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Reason != ReasonRosterFork || e.Fork == nil || e.Fork.Version != v {
		t.Fatalf("err = %v; want a fork at roster version %d", err, v)
	}
	msg := peerplaypay.ErrorMessage(err)
	for _, want := range append([]string{"fork", "roster version " + strconv.FormatUint(v, 10)}, names...) {
		if !strings.Contains(msg, want) {
			t.Fatalf("message %q does not contain %q", msg, want)
		}
	}
	return e.Fork
}

// removeBo has Ada remove Bo (roster version 4) and write a batch naming
// that version, as the app does after every change of the team.
func removeBo(t *testing.T, tr *trio) Position {
	t.Helper()
	if err := tr.a.Remove(bg(), tr.bb.Me().MemberID(), Position{}); err != nil {
		t.Fatal(err)
	}
	return writeBatches(t, tr.a, Position{}, 1)
}

func TestRosterFork(t *testing.T) {
	base := sharedTrio(t)
	aID := base.a.Me().MemberID()

	t.Run("ReplacedVersion", func(t *testing.T) {
		// Bo, removed in version 4, has not synced since: he deletes it and
		// writes a validly signed version 4 of his own that removes Ada.
		tr := base.clone(t)
		removeBo(t, tr)
		real := backendtest.MustGet(t, tr.b, rosterKey(4))
		if err := tr.b.Delete(bg(), rosterKey(4)); err != nil {
			t.Fatal(err)
		}
		if err := tr.bb.Remove(bg(), aID, Position{}); err != nil {
			t.Fatal(err)
		}

		// Ada had verified the real version 4: her refresh sees it replaced.
		_, err := tr.a.Refresh(bg())
		f := assertFork(t, err, 4, "Ada", "Bo")
		if f.Held.Signer != aID || f.Other.Signer != tr.bb.Me().MemberID() {
			t.Fatalf("fork %+v", f)
		}
		if _, err := tr.a.SealBatch(Position{Seq: 1}, []Event{testEvent(KindThanksGiven)}); ReasonOf(err) != ReasonRosterFork {
			t.Fatalf("sealing during a fork = %v", err)
		}
		if !tr.a.Roster().IsActive(aID) || tr.a.Roster().IsActive(tr.bb.Me().MemberID()) {
			t.Fatal("Ada's roster followed Bo's branch")
		}

		// Cy had not synced: Bo's version verifies on its own, but Ada's
		// batch names the real one.
		if _, err := tr.c.Refresh(bg()); err != nil {
			t.Fatalf("Cy's refresh: %v", err)
		}
		seqs, _, err := readAll(tr.c, aID)
		assertFork(t, err, 4, "Ada", "Bo")
		if len(seqs) != 0 {
			t.Fatalf("Cy applied %v from Ada's branch", seqs)
		}
		if _, err := tr.c.SealBatch(Position{}, []Event{testEvent(KindThanksGiven)}); ReasonOf(err) != ReasonRosterFork {
			t.Fatalf("Cy sealed to Bo's branch: %v", err)
		}
		if bytes.Equal(backendtest.MustGet(t, tr.b, rosterKey(4)), real) {
			t.Fatal("the test did not replace version 4")
		}
	})

	t.Run("DeletedVersion", func(t *testing.T) {
		// Version 4 is deleted after Cy verified it: Cy reports it and puts
		// her copy back, so members who had not seen it do.
		tr := base.clone(t)
		removeBo(t, tr)
		if _, err := tr.c.Refresh(bg()); err != nil {
			t.Fatal(err)
		}
		real := backendtest.MustGet(t, tr.b, rosterKey(4))
		if err := tr.b.Delete(bg(), rosterKey(4)); err != nil {
			t.Fatal(err)
		}
		_, err := tr.c.Refresh(bg())
		if f := assertFork(t, err, 4, "Ada", "gone"); !f.Restored {
			t.Fatal("not restored")
		}
		if got := backendtest.MustGet(t, tr.b, rosterKey(4)); !bytes.Equal(got, real) {
			t.Fatal("the version put back differs")
		}
	})

	t.Run("BatchBeyondHead", func(t *testing.T) {
		// Version 4 is deleted before Cy saw it. Ada's batch names it: Cy
		// must not go on writing to the old epoch, which Bo still reads.
		tr := base.clone(t)
		removeBo(t, tr)
		if err := tr.b.Delete(bg(), rosterKey(4)); err != nil {
			t.Fatal(err)
		}
		seqs, _, err := readAll(tr.c, aID)
		f := assertFork(t, err, 4, "Ada", "ends at version 3")
		if len(seqs) != 0 || f.HeldUpTo != 3 || tr.c.Roster().Version != 3 {
			t.Fatalf("applied %v; fork %+v", seqs, f)
		}
		if _, err := tr.c.SealBatch(Position{}, []Event{testEvent(KindThanksGiven)}); ReasonOf(err) != ReasonRosterFork {
			t.Fatalf("Cy sealed to the old epoch: %v", err)
		}
	})

	t.Run("RestoreRefusesOldRoster", func(t *testing.T) {
		// Ada restores on a new laptop while the roster folder was put back
		// to a copy from before her removal of Bo: her own last batch names
		// version 4, which that roster lacks.
		tr := base.clone(t)
		removeBo(t, tr)
		r := tr.a.Roster()
		old, err := OpenTeam(bg(), tr.b, tr.a.Me(), r.Team, r.Genesis, r.Versions()[:3])
		if err != nil {
			t.Fatal(err)
		}
		_, err = old.RecoverPosition(bg())
		assertFork(t, err, 4, "Ada")
		if _, err := tr.a.RecoverPosition(bg()); err != nil {
			t.Fatalf("recover on the real roster: %v", err)
		}
	})

	t.Run("NothingNewCosts", func(t *testing.T) {
		tr := base.clone(t)
		before := tr.b.Stats()
		if changed, err := tr.c.Refresh(bg()); changed || err != nil {
			t.Fatalf("refresh = %v, %v", changed, err)
		}
		if s := tr.b.Stats().Sub(before); s.Lists != 1 || s.Gets != 1 || s.Total() != 2 {
			t.Fatalf("a refresh with nothing new cost %+v; want one list and one read of the head", s)
		}
	})
}

package share

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
)

// claimEvent is a roster.changed event saying c.
func claimEvent(t *testing.T, c any) Event {
	t.Helper()
	raw, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	e := testEvent(KindRosterChanged)
	e.Data = raw
	return e
}

// readClaims reads member's batches as the app does: each roster.changed
// is checked before anything of its batch is applied.
func readClaims(tm *Team, member MemberID) ([]uint64, error) {
	var seqs []uint64
	_, err := tm.ReadBatches(bg(), member, Position{}, func(b *Batch) error {
		for _, e := range b.Events {
			if e.Kind == KindRosterChanged {
				if err := tm.CheckRosterChanged(b, e); err != nil {
					return err
				}
			}
		}
		seqs = append(seqs, b.Seq)
		return nil
	})
	return seqs, err
}

// sealRaw writes tm's batch seq after prev with a header of the caller's
// choosing (the roster head it names): what a modified client can write.
func sealRaw(t *testing.T, tm *Team, seq uint64, prev Hash, epoch uint32, head Head, events ...Event) Position {
	t.Helper()
	k, ok := tm.epochKey(1)
	if !ok {
		t.Fatal("no key for epoch 1")
	}
	h := batchHeader{Team: tm.Roster().Team, Author: tm.me.id, Seq: seq, Epoch: epoch, Prev: prev, Roster: head}
	raw, err := sealBatch(h, events, k.Recipient(), tm.me)
	if err != nil {
		t.Fatal(err)
	}
	if err := tm.b.Put(bg(), batchKey(tm.me.id, seq), bytes.NewReader(raw), backend.PutOptions{CreateOnly: true}); err != nil {
		t.Fatal(err)
	}
	return Position{Seq: seq, Hash: sha256.Sum256(raw)}
}

// assertClaim checks that err refuses a batch of member for a false claim
// about the roster, in words holding each of words.
func assertClaim(t *testing.T, err error, reason Reason, member MemberID, words ...string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Reason != reason || e.Member != member {
		t.Fatalf("err = %v; want %s of member %s", err, reason, member)
	}
	msg := peerplaypay.ErrorMessage(err)
	for _, w := range words {
		if !strings.Contains(msg, w) {
			t.Fatalf("message %q does not contain %q", msg, w)
		}
	}
}

func TestRosterClaims(t *testing.T) {
	base := sharedTrio(t)
	aID, bID, cID := base.a.Me().MemberID(), base.bb.Me().MemberID(), base.c.Me().MemberID()

	// removed has Ada remove Bo (version 4, signed by Ada) and announce it
	// as the app does; Cy refreshes.
	removed := func(t *testing.T) *trio {
		t.Helper()
		tr := base.clone(t)
		if err := tr.a.Remove(bg(), bID, Position{}); err != nil {
			t.Fatal(err)
		}
		if _, err := tr.c.Refresh(bg()); err != nil {
			t.Fatal(err)
		}
		return tr
	}

	t.Run("Honest", func(t *testing.T) {
		tr := removed(t)
		sb, err := tr.a.SealBatch(Position{}, []Event{claimEvent(t, RosterChangedOf(tr.a.Roster()))})
		if err != nil {
			t.Fatal(err)
		}
		if err := tr.a.PutBatch(bg(), sb); err != nil {
			t.Fatal(err)
		}
		if seqs, err := readClaims(tr.c, aID); err != nil || len(seqs) != 1 {
			t.Fatalf("Cy read Ada's announcement: %v, %v", seqs, err)
		}
	})

	wrong := Hash(sha256.Sum256([]byte("not a roster version")))
	for _, c := range []struct {
		name  string
		by    func(*trio) *Team
		claim any
		words []string
	}{
		{"NoVersion", func(tr *trio) *Team { return tr.c }, map[string]any{"op": "remove"}, []string{"does not say which roster version"}},
		{"NotANumber", func(tr *trio) *Team { return tr.c }, map[string]any{"version": "4"}, []string{"does not say which roster version"}},
		{"FarAhead", func(tr *trio) *Team { return tr.c }, RosterChanged{Version: 99}, []string{"roster version 99", "names version 4"}},
		{"WrongHash", func(tr *trio) *Team { return tr.a }, RosterChanged{Version: 4, Hash: &wrong}, []string{"roster version 4", "another hash"}},
		{"NotTheSigner", func(tr *trio) *Team { return tr.c }, RosterChanged{Version: 4}, []string{"roster version 4", "signed by Ada"}},
		{"TheGenesis", func(tr *trio) *Team { return tr.a }, RosterChanged{Version: 1}, []string{"started the team"}},
		{"RemovalThatNeverHappened", func(tr *trio) *Team { return tr.a }, RosterChanged{Version: 3, Op: ChangeRemove, Member: &cID},
			[]string{"roster version 3 removed Cy", "added Cy"}},
		{"OtherMember", func(tr *trio) *Team { return tr.a }, RosterChanged{Version: 4, Op: ChangeRemove, Member: &cID},
			[]string{"removed Cy", "removed Bo"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr := removed(t)
			author := c.by(tr)
			reader := tr.c
			if author == tr.c {
				reader = tr.a
			}
			sb, err := author.SealBatch(Position{}, []Event{testEvent(KindThanksGiven), claimEvent(t, c.claim)})
			if err != nil {
				t.Fatal(err)
			}
			if err := author.PutBatch(bg(), sb); err != nil {
				t.Fatal(err)
			}
			seqs, err := readClaims(reader, author.Me().MemberID())
			assertClaim(t, err, ReasonRosterClaim, author.Me().MemberID(), c.words...)
			if len(seqs) != 0 || reader.Roster().Version != 4 || reader.Fork() != nil {
				t.Fatalf("applied %v; roster at %d; fork %v", seqs, reader.Roster().Version, reader.Fork())
			}
		})
	}

	t.Run("HeadSignerForged", func(t *testing.T) {
		// Cy names the real head, with its hash, as signed by herself.
		tr := removed(t)
		head := tr.c.Roster().Head()
		head.Signer = cID
		sealRaw(t, tr.c, 1, Hash{}, 2, head, testEvent(KindThanksGiven))
		seqs, _, err := readAll(tr.a, cID)
		assertClaim(t, err, ReasonRosterClaim, cID, "roster version 4 was signed by Cy", "signed by Ada")
		if len(seqs) != 0 || tr.a.Fork() != nil {
			t.Fatalf("applied %v; fork %v", seqs, tr.a.Fork())
		}
	})

	t.Run("RemovedWriterAfterRemoval", func(t *testing.T) {
		// Bo, removed at version 4, had written nothing: a batch naming
		// version 3 is one his app wrote before it learnt of the removal
		// (ignored without a word); one naming version 4 was written
		// knowing it.
		tr := removed(t)
		three, _ := tr.c.Roster().HeadAt(3)
		pos := sealRaw(t, tr.bb, 1, Hash{}, 1, three, claimEvent(t, RosterChanged{Version: 3}))
		if seqs, _, err := readAll(tr.c, bID); err != nil || len(seqs) != 0 {
			t.Fatalf("Bo's batch written before he knew: %v, %v", seqs, err)
		}
		sealRaw(t, tr.bb, 2, pos.Hash, 2, tr.c.Roster().Head(), claimEvent(t, RosterChanged{Version: 4}))
		seqs, _, err := readAll(tr.c, bID)
		assertClaim(t, err, ReasonNotMember, bID, "after their removal", "Ada removed them at version 4")
		if len(seqs) != 0 || tr.c.Fork() != nil || tr.c.Roster().IsActive(bID) {
			t.Fatalf("applied %v; fork %v", seqs, tr.c.Fork())
		}
	})
}

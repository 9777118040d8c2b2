package share

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
	"peerplaypay/internal/share/backend/backendtest"
)

// writeBatches has tm write n batches of two events each after pos.
func writeBatches(t testing.TB, tm *Team, pos Position, n int) Position {
	t.Helper()
	for range n {
		sb, err := tm.SealBatch(pos, []Event{testEvent(KindThanksGiven), testEvent("future.kind")})
		if err != nil {
			t.Fatal(err)
		}
		if err := tm.PutBatch(bg(), sb); err != nil {
			t.Fatal(err)
		}
		pos = sb.Position()
	}
	return pos
}

// readAll reads member's batches from the start and returns the seqs
// applied, the final position and the error.
func readAll(tm *Team, member MemberID) ([]uint64, Position, error) {
	var seqs []uint64
	pos, err := tm.ReadBatches(bg(), member, Position{}, func(b *Batch) error {
		seqs = append(seqs, b.Seq)
		return nil
	})
	return seqs, pos, err
}

func TestBatches(t *testing.T) {
	tr := sharedTrio(t)
	aID := tr.a.Me().MemberID()

	sb, err := tr.a.SealBatch(Position{}, []Event{testEvent(KindGoalSet)})
	if err != nil {
		t.Fatal(err)
	}
	if err := tr.a.PutBatch(bg(), sb); err != nil {
		t.Fatal(err)
	}
	t.Run("Idempotent", func(t *testing.T) {
		if err := tr.a.PutBatch(bg(), sb); err != nil {
			t.Fatalf("putting the same batch again = %v", err)
		}
	})
	t.Run("ErrSeqTaken", func(t *testing.T) {
		other, _ := tr.a.SealBatch(Position{}, []Event{testEvent(KindGoalSet)})
		err := tr.a.PutBatch(bg(), other)
		assertReason(t, err, ReasonSeqTaken, peerplaypay.ECONFLICT)
		if got := backendtest.MustGet(t, tr.b, sb.Key()); !bytes.Equal(got, sb.Raw) {
			t.Fatal("the first batch was replaced")
		}
	})
	last := writeBatches(t, tr.a, sb.Position(), 3)

	t.Run("ReadInOrder", func(t *testing.T) {
		var got []*Batch
		pos, err := tr.bb.ReadBatches(bg(), aID, Position{}, func(b *Batch) error {
			got = append(got, b)
			return nil
		})
		if err != nil || pos != last || len(got) != 4 {
			t.Fatalf("read %d batches to %v, %v", len(got), pos, err)
		}
		e := got[1].Events
		if len(e) != 2 || e[0].Author != aID || e[0].Kind != KindThanksGiven || string(e[0].Data) != `{"text":"hello"}` || e[1].Known() {
			t.Fatalf("events = %+v", e)
		}
	})

	t.Run("NothingNewIsOneList", func(t *testing.T) {
		before := tr.b.Stats()
		pos, err := tr.bb.ReadBatches(bg(), aID, last, func(*Batch) error { t.Fatal("applied"); return nil })
		d := tr.b.Stats().Sub(before)
		if err != nil || pos != last || d != (backend.Stats{Lists: 1}) {
			t.Fatalf("sync with nothing new: %v, %+v requests", err, d)
		}
	})

	t.Run("ApplyErrorStops", func(t *testing.T) {
		boom := errors.New("disk full")
		pos, err := tr.bb.ReadBatches(bg(), aID, Position{}, func(b *Batch) error {
			if b.Seq == 3 {
				return boom
			}
			return nil
		})
		if !errors.Is(err, boom) || pos.Seq != 2 {
			t.Fatalf("pos %d, %v", pos.Seq, err)
		}
	})

	t.Run("RecoverPosition", func(t *testing.T) {
		pos, err := tr.a.RecoverPosition(bg())
		if err != nil || pos != last {
			t.Fatalf("recovered %v, %v; want %v", pos, err, last)
		}
		pos, err = tr.c.RecoverPosition(bg())
		if err != nil || pos != (Position{}) {
			t.Fatalf("recovered %v, %v for a member with no batches", pos, err)
		}
	})

	t.Run("EncryptedAtRest", func(t *testing.T) {
		if bytes.Contains(sb.Raw, []byte(KindGoalSet)) || bytes.Contains(sb.Raw, []byte("hello")) {
			t.Fatal("event content is readable in the share")
		}
	})
}

// TestBatchAttacks: each tampering is detected with its own reason, the
// reader stops at the bad batch, and nothing after it is applied.
func TestBatchAttacks(t *testing.T) {
	base := sharedTrio(t)
	for _, tm := range []*Team{base.a, base.bb} {
		writeBatches(t, tm, Position{}, 4)
	}
	aID, bID := base.a.Me().MemberID(), base.bb.Me().MemberID()
	key := func(m MemberID, seq uint64) string { return batchKey(m, seq) }

	// expect reads member's batches as Cy and checks where it stopped.
	expect := func(t *testing.T, tr *trio, member MemberID, applied uint64, reason Reason) {
		t.Helper()
		seqs, pos, err := readAll(tr.c, member)
		if uint64(len(seqs)) != applied || pos.Seq != applied {
			t.Fatalf("applied %v (position %d); want batches 1..%d only", seqs, pos.Seq, applied)
		}
		var e *Error
		if !errors.As(err, &e) || e.Reason != reason || e.Member != member || e.Seq != applied+1 {
			t.Fatalf("err = %v; want %s at batch %d", err, reason, applied+1)
		}
		if m := peerplaypay.ErrorMessage(err); m == "" || peerplaypay.ErrorCode(err) == peerplaypay.EINTERNAL {
			t.Fatalf("no user message: %v", err)
		}
		t.Logf("%s: %s", reason, peerplaypay.ErrorMessage(err))
	}
	flip := func(t *testing.T, tr *trio, k string, at func(raw []byte) int) {
		t.Helper()
		raw := backendtest.MustGet(t, tr.b, k)
		raw[at(raw)] ^= 0x01
		backendtest.MustPut(t, tr.b, k, raw)
	}
	headerAt := func(off int) func([]byte) int { return func([]byte) int { return 12 + off } }

	t.Run("FlipHeaderTeam", func(t *testing.T) {
		tr := base.clone(t)
		flip(t, tr, key(aID, 2), headerAt(3))
		expect(t, tr, aID, 1, ReasonBadSignature)
	})
	t.Run("FlipHeaderSeq", func(t *testing.T) {
		tr := base.clone(t)
		flip(t, tr, key(aID, 2), headerAt(39))
		expect(t, tr, aID, 1, ReasonBadSignature)
	})
	t.Run("FlipHeaderPrev", func(t *testing.T) {
		tr := base.clone(t)
		flip(t, tr, key(aID, 3), headerAt(60))
		expect(t, tr, aID, 2, ReasonBadSignature)
	})
	t.Run("FlipBody", func(t *testing.T) {
		tr := base.clone(t)
		flip(t, tr, key(aID, 2), func(raw []byte) int { return len(raw) - 64 - 40 })
		expect(t, tr, aID, 1, ReasonBadSignature)
	})
	t.Run("FlipSignature", func(t *testing.T) {
		tr := base.clone(t)
		flip(t, tr, key(aID, 2), func(raw []byte) int { return len(raw) - 10 })
		expect(t, tr, aID, 1, ReasonBadSignature)
	})
	t.Run("FlipEveryByte", func(t *testing.T) {
		raw := backendtest.MustGet(t, base.b, key(aID, 2))
		prev := batchHashOf(t, base.b, key(aID, 1))
		r := base.c.Roster()
		for i := range raw {
			bad := bytes.Clone(raw)
			bad[i] ^= 0x80
			_, _, err := verifyBatch(bad, r, aID, 2, prev)
			switch ReasonOf(err) {
			case ReasonBadSignature, ReasonMalformed, ReasonNewerFormat:
			default:
				t.Fatalf("byte %d flipped: %v", i, err)
			}
		}
	})
	t.Run("CopiedToAnotherFolder", func(t *testing.T) {
		tr := base.clone(t)
		backendtest.MustPut(t, tr.b, key(bID, 2), backendtest.MustGet(t, tr.b, key(aID, 2)))
		expect(t, tr, bID, 1, ReasonWrongAuthor)
	})
	t.Run("ReplayedAsNewSeq", func(t *testing.T) {
		tr := base.clone(t)
		backendtest.MustPut(t, tr.b, key(aID, 5), backendtest.MustGet(t, tr.b, key(aID, 2)))
		expect(t, tr, aID, 4, ReasonReplayed)
	})
	t.Run("DroppedInTheMiddle", func(t *testing.T) {
		tr := base.clone(t)
		if err := tr.b.Delete(bg(), key(aID, 2)); err != nil {
			t.Fatal(err)
		}
		expect(t, tr, aID, 1, ReasonBrokenChain)
	})
	t.Run("Reordered", func(t *testing.T) {
		tr := base.clone(t)
		b2, b3 := backendtest.MustGet(t, tr.b, key(aID, 2)), backendtest.MustGet(t, tr.b, key(aID, 3))
		backendtest.MustPut(t, tr.b, key(aID, 2), b3)
		backendtest.MustPut(t, tr.b, key(aID, 3), b2)
		expect(t, tr, aID, 1, ReasonBrokenChain)
	})
	t.Run("Forked", func(t *testing.T) {
		// A second copy of Ada's identity writes its own batch 3 after 2
		// and then 4: signed, numbered right, but not chained to the 3
		// the readers applied.
		tr := base.clone(t)
		two := Position{Seq: 2, Hash: batchHashOf(t, tr.b, key(aID, 2))}
		fork, _ := tr.a.SealBatch(two, []Event{testEvent(KindGoalSet)})
		backendtest.MustPut(t, tr.b, key(aID, 3), fork.Raw)
		_, _, err := verifyBatch(backendtest.MustGet(t, tr.b, key(aID, 4)), tr.c.Roster(), aID, 4, fork.Hash)
		if ReasonOf(err) != ReasonBrokenChain {
			t.Fatalf("batch 4 after a forked 3: %v", err)
		}
	})
	t.Run("NonMemberFolder", func(t *testing.T) {
		tr := base.clone(t)
		outsider := mustIdentity(t)
		r := tr.a.Roster()
		k, _ := tr.a.epochKey(1)
		raw, _ := sealBatch(batchHeader{Team: r.Team, Author: outsider.id, Seq: 1, Epoch: 1}, []Event{testEvent(KindThanksGiven)}, k.Recipient(), outsider)
		backendtest.MustPut(t, tr.b, key(outsider.id, 1), raw)
		expect(t, tr, outsider.id, 0, ReasonNotMember)
	})
	t.Run("ForgedInMemberFolder", func(t *testing.T) {
		// A non-member signs a batch claiming to be Ada's next one.
		tr := base.clone(t)
		outsider := mustIdentity(t)
		r := tr.a.Roster()
		k, _ := tr.a.epochKey(1)
		raw, _ := sealBatch(batchHeader{Team: r.Team, Author: aID, Seq: 5, Epoch: 1, Prev: batchHashOf(t, tr.b, key(aID, 4))}, []Event{testEvent(KindThanksGiven)}, k.Recipient(), outsider)
		backendtest.MustPut(t, tr.b, key(aID, 5), raw)
		expect(t, tr, aID, 4, ReasonBadSignature)
	})
	t.Run("WrittenAfterRemoval", func(t *testing.T) {
		tr := base.clone(t)
		two := Position{Seq: 2, Hash: batchHashOf(t, tr.b, key(bID, 2))}
		// Bo's batches 3 and 4 exist, but the remover had seen only 2.
		if err := tr.a.Remove(bg(), bID, two); err != nil {
			t.Fatal(err)
		}
		tr.c.Refresh(bg())
		expect(t, tr, bID, 2, ReasonNotMember)
		// And a batch in the new epoch, encrypted to its public key.
		r := tr.c.Roster()
		ep := r.CurrentEpoch()
		to, _ := parseRecipient(ep.Recipient)
		raw, _ := sealBatch(batchHeader{Team: r.Team, Author: bID, Seq: 3, Epoch: ep.Number, Prev: two.Hash, Roster: r.Head()}, []Event{testEvent(KindThanksGiven)}, to, tr.bb.Me())
		_, _, err := verifyBatch(raw, r, bID, 3, two.Hash)
		if ReasonOf(err) != ReasonNotMember {
			t.Fatalf("batch in the epoch after removal: %v", err)
		}
		// Reading on from the last accepted batch applies nothing; it costs
		// one list and one read of the newest batch, looked at for a fork.
		before := tr.b.Stats()
		pos, err := tr.c.ReadBatches(bg(), bID, two, func(*Batch) error { return errors.New("applied") })
		if s := tr.b.Stats().Sub(before); err != nil || pos != two || s.Lists != 1 || s.Gets != 1 || s.Total() != 2 {
			t.Fatalf("read after removal: %v, %v, %+v", pos, err, s)
		}
	})
	t.Run("WrongTeam", func(t *testing.T) {
		// Ada is in a second team with the same identity; a batch of that
		// team is copied into this one.
		tr := base.clone(t)
		other := mustCreate(t, newFolderShare(t), tr.a.Me(), "Other", "Ada")
		sb, err := other.SealBatch(Position{Seq: 4, Hash: batchHashOf(t, tr.b, key(aID, 4))}, []Event{testEvent(KindThanksGiven)})
		if err != nil {
			t.Fatal(err)
		}
		backendtest.MustPut(t, tr.b, key(aID, 5), sb.Raw)
		expect(t, tr, aID, 4, ReasonWrongTeam)
	})
	t.Run("NewerFormat", func(t *testing.T) {
		tr := base.clone(t)
		raw := backendtest.MustGet(t, tr.b, key(aID, 3))
		raw[4] = 2
		backendtest.MustPut(t, tr.b, key(aID, 3), raw)
		expect(t, tr, aID, 2, ReasonNewerFormat)
		_, _, err := readAll(tr.c, aID)
		if peerplaypay.ErrorCode(err) != peerplaypay.EUNAVAILABLE {
			t.Fatalf("code = %s; a newer format is not the author's fault", peerplaypay.ErrorCode(err))
		}
	})
	t.Run("RosterBehindRefreshes", func(t *testing.T) {
		// A batch naming a roster version that reached the share after the
		// reader's refresh is no fork: the reader refreshes and reads it.
		tr := base.clone(t)
		stale := tr.c // has not seen the removal below
		if err := tr.a.Remove(bg(), bID, Position{}); err != nil {
			t.Fatal(err)
		}
		four := Position{Seq: 4, Hash: batchHashOf(t, tr.b, key(aID, 4))}
		writeBatches(t, tr.a, four, 1)
		if seqs, _, err := readAll(stale, aID); err != nil || len(seqs) != 5 || stale.Roster().Version != tr.a.Roster().Version {
			t.Fatalf("read %v to roster version %d, %v", seqs, stale.Roster().Version, err)
		}
	})
	t.Run("Undecryptable", func(t *testing.T) {
		tr := base.clone(t)
		r := tr.a.Roster()
		h := batchHeader{Team: r.Team, Author: aID, Seq: 5, Epoch: 1, Prev: batchHashOf(t, tr.b, key(aID, 4)), Roster: r.Head()}
		raw := sealFrame(magicBatch, h.marshal(), []byte("not an age file"), tr.a.Me())
		backendtest.MustPut(t, tr.b, key(aID, 5), raw)
		expect(t, tr, aID, 4, ReasonUndecryptable)
	})
	t.Run("BadPayload", func(t *testing.T) {
		tr := base.clone(t)
		r := tr.a.Roster()
		k, _ := tr.a.epochKey(1)
		h := batchHeader{Team: r.Team, Author: aID, Seq: 5, Epoch: 1, Prev: batchHashOf(t, tr.b, key(aID, 4)), Roster: r.Head()}
		for i, payload := range []string{`not json`, `{"events":[{"kind":"x","v":1}]}`} {
			ct, _ := encryptBytes([]byte(payload), k.Recipient())
			backendtest.MustPut(t, tr.b, key(aID, 5), sealFrame(magicBatch, h.marshal(), ct, tr.a.Me()))
			t.Run(fmt.Sprint(i), func(t *testing.T) { expect(t, tr, aID, 4, ReasonBadPayload) })
		}
	})
	t.Run("Truncated", func(t *testing.T) {
		tr := base.clone(t)
		raw := backendtest.MustGet(t, tr.b, key(aID, 2))
		backendtest.MustPut(t, tr.b, key(aID, 2), raw[:len(raw)-100])
		expect(t, tr, aID, 1, ReasonMalformed)
	})
}

func batchHashOf(t testing.TB, b backend.Backend, key string) Hash {
	return sha256.Sum256(backendtest.MustGet(t, b, key))
}

func TestBatchHeaderLayout(t *testing.T) {
	h := batchHeader{Team: TeamID{1}, Author: MemberID{2}, Seq: 0x0102030405060708, Epoch: 9, Prev: Hash{3},
		Roster: Head{Version: 0x1112131415161718, Hash: Hash{4}, Signer: MemberID{5}}}
	b := h.marshal()
	if len(b) != batchHeaderLen || b[0] != 1 || b[16] != 2 || binary.BigEndian.Uint64(b[32:]) != h.Seq || binary.BigEndian.Uint32(b[40:]) != 9 || b[44] != 3 ||
		binary.BigEndian.Uint64(b[76:]) != h.Roster.Version || b[84] != 4 || b[116] != 5 {
		t.Fatalf("header bytes %x", b)
	}
	if got, ok := parseBatchHeader(b); !ok || got != h {
		t.Fatal("header round trip")
	}
	var p batchPayload
	if err := json.Unmarshal([]byte(`{"events":[],"future":1}`), &p); err != nil {
		t.Fatal("a payload field added by a newer app is refused")
	}
}

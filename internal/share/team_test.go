package share

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
	"peerplaypay/internal/share/backend/backendtest"
)

func bg() context.Context { return context.Background() }

func newFolderShare(t testing.TB) backend.Backend {
	t.Helper()
	b, err := backend.Open(bg(), t.TempDir(), backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func mustCreate(t testing.TB, b backend.Backend, id *Identity, teamName, name string) *Team {
	t.Helper()
	tm, err := CreateTeam(bg(), b, id, teamName, name)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// mustJoin runs the whole join flow: request, code read out, approval,
// and the newcomer opening the team.
func mustJoin(t testing.TB, approver *Team, id *Identity, name string) *Team {
	t.Helper()
	b := approver.Backend()
	r, err := FetchRoster(bg(), b, approver.Roster().Team)
	if err != nil {
		t.Fatal(err)
	}
	req, err := RequestJoin(bg(), b, id, r, name)
	if err != nil {
		t.Fatal(err)
	}
	pending, rejected, err := approver.JoinRequests(bg())
	if err != nil || len(rejected) != 0 {
		t.Fatalf("join requests: %v %v", err, rejected)
	}
	var seen *JoinRequest
	for _, p := range pending {
		if p.Keys.ID == id.MemberID() {
			seen = p
		}
	}
	if seen == nil {
		t.Fatal("approver does not see the request")
	}
	if err := approver.Approve(bg(), seen, req.SafetyCode()); err != nil {
		t.Fatal(err)
	}
	state, r, err := JoinStatus(bg(), b, id, r)
	if err != nil || state != JoinApproved {
		t.Fatalf("join status = %v, %v", state, err)
	}
	tm, err := OpenTeam(bg(), b, id, r.Team, r.Genesis, r.Versions())
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// trio is a team of three on one share.
type trio struct {
	b        backend.Backend
	a, bb, c *Team
}

func newTrioIn(t testing.TB, dir string) *trio {
	b, err := backend.Open(bg(), dir, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := mustCreate(t, b, mustIdentity(t), "Pilots", "Ada")
	bb := mustJoin(t, a, mustIdentity(t), "Bo")
	c := mustJoin(t, a, mustIdentity(t), "Cy")
	for _, tm := range []*Team{a, bb, c} {
		if _, err := tm.Refresh(bg()); err != nil {
			t.Fatal(err)
		}
	}
	return &trio{b: b, a: a, bb: bb, c: c}
}

func TestTeamCreateAndOpen(t *testing.T) {
	b := newFolderShare(t)
	me := mustIdentity(t)
	tm := mustCreate(t, b, me, "Pilots", "Ada")
	r := tm.Roster()
	if r.Version != 1 || len(r.Active()) != 1 || r.CurrentEpoch().Number != 1 || tm.TeamName() != "Pilots" || tm.MemberName(me.MemberID()) != "Ada" {
		t.Fatalf("new team: version %d, %d members, epoch %d, %q, %q", r.Version, len(r.Active()), r.CurrentEpoch().Number, tm.TeamName(), tm.MemberName(me.MemberID()))
	}

	t.Run("FromShare", func(t *testing.T) {
		t2, err := OpenTeam(bg(), b, me, r.Team, r.Genesis, nil)
		if err != nil || t2.Roster().Hash != r.Hash || t2.TeamName() != "Pilots" {
			t.Fatalf("open = %v", err)
		}
	})

	t.Run("OfflineFromCache", func(t *testing.T) {
		before := b.Stats()
		t2, err := OpenTeam(bg(), b, me, r.Team, r.Genesis, r.Versions())
		if err != nil || t2.Roster().Hash != r.Hash {
			t.Fatalf("open = %v", err)
		}
		if n := b.Stats().Sub(before).Total(); n != 0 {
			t.Fatalf("opening from the cache made %d requests", n)
		}
	})

	t.Run("ErrShareHoldsATeam", func(t *testing.T) {
		_, err := CreateTeam(bg(), b, mustIdentity(t), "Other", "Eve")
		if peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
			t.Fatalf("second team in one share = %v", err)
		}
	})

	t.Run("ErrNotMember", func(t *testing.T) {
		_, err := OpenTeam(bg(), b, mustIdentity(t), r.Team, r.Genesis, nil)
		if peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Fatalf("open by a stranger = %v", err)
		}
	})

	t.Run("ErrWrongTeam", func(t *testing.T) {
		_, err := OpenTeam(bg(), b, me, newTeamID(), Hash{}, nil)
		if ReasonOf(err) != ReasonWrongTeam {
			t.Fatalf("open with another team ID = %v", err)
		}
	})
}

func TestJoin(t *testing.T) {
	// Long enough not to turn up by chance in the request's key material.
	const newcomer = "Boniface Plaintext-Marker"
	b := newFolderShare(t)
	a := mustCreate(t, b, mustIdentity(t), "Pilots", "Ada")
	nb := mustIdentity(t)
	r, err := FetchRoster(bg(), b, a.Roster().Team)
	if err != nil {
		t.Fatal(err)
	}
	req, err := RequestJoin(bg(), b, nb, r, newcomer)
	if err != nil {
		t.Fatal(err)
	}
	if state, _, err := JoinStatus(bg(), b, nb, r); err != nil || state != JoinPending {
		t.Fatalf("status = %v, %v", state, err)
	}
	if _, err := RequestJoin(bg(), b, nb, r, newcomer); peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
		t.Fatalf("second request = %v", err)
	}
	raw := backendtest.MustGet(t, b, joinRequestKey(nb.MemberID()))
	if bytes.Contains(raw, []byte(newcomer)) {
		t.Fatal("the newcomer's name is readable in the share")
	}
	pending, _, err := a.JoinRequests(bg())
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending = %d, %v", len(pending), err)
	}
	seen := pending[0]
	if a.RequestName(seen) != newcomer {
		t.Fatalf("approver reads name %q", a.RequestName(seen))
	}
	code := req.SafetyCode()
	if seen.SafetyCode() != code || len(normalizeCode(code)) != 8 {
		t.Fatalf("codes differ or are malformed: %q vs %q", seen.SafetyCode(), code)
	}

	t.Run("ErrWrongCode", func(t *testing.T) {
		wrong := []byte(normalizeCode(code))
		wrong[7] = '0' + (wrong[7]-'0'+1)%10
		err := a.Approve(bg(), seen, string(wrong))
		assertReason(t, err, ReasonWrongCode, peerplaypay.EINVALID)
		if a.Roster().Version != 1 {
			t.Fatal("a wrong code changed the roster")
		}
	})

	t.Run("OK", func(t *testing.T) {
		if err := a.Approve(bg(), seen, " "+code[:4]+"-"+code[5:]+" "); err != nil {
			t.Fatal(err)
		}
		state, r2, err := JoinStatus(bg(), b, nb, r)
		if err != nil || state != JoinApproved {
			t.Fatalf("status = %v, %v", state, err)
		}
		tb, err := OpenTeam(bg(), b, nb, r2.Team, r.Genesis, r2.Versions())
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := tb.epochKey(1); !ok || tb.MemberName(nb.MemberID()) != newcomer || tb.TeamName() != "Pilots" {
			t.Fatal("the newcomer did not get the team key or the names")
		}
		if _, err := b.Stat(bg(), joinRequestKey(nb.MemberID())); !errors.Is(err, backend.ErrNotFound) {
			t.Fatalf("the approved request is still there: %v", err)
		}
		// Approving again (a retry) is a no-op.
		if err := a.Approve(bg(), seen, code); err != nil || a.Roster().Version != 2 {
			t.Fatalf("second approval = %v, version %d", err, a.Roster().Version)
		}
	})

	t.Run("Refuse", func(t *testing.T) {
		nc := mustIdentity(t)
		r, _ := FetchRoster(bg(), b, a.Roster().Team)
		if _, err := RequestJoin(bg(), b, nc, r, "Cy"); err != nil {
			t.Fatal(err)
		}
		pending, _, _ := a.JoinRequests(bg())
		if len(pending) != 1 {
			t.Fatalf("pending = %d", len(pending))
		}
		if err := a.Refuse(bg(), pending[0]); err != nil {
			t.Fatal(err)
		}
		if state, _, err := JoinStatus(bg(), b, nc, r); err != nil || state != JoinRefused {
			t.Fatalf("status = %v, %v", state, err)
		}
		if pending, _, _ := a.JoinRequests(bg()); len(pending) != 0 {
			t.Fatal("a refused request is still pending")
		}
		// Asking again makes a new request the old refusal does not cover.
		if _, err := RequestJoin(bg(), b, nc, r, "Cy"); err != nil {
			t.Fatal(err)
		}
		if state, _, _ := JoinStatus(bg(), b, nc, r); state != JoinPending {
			t.Fatalf("status after asking again = %v", state)
		}
	})
}

func TestJoinAttacks(t *testing.T) {
	b := newFolderShare(t)
	a := mustCreate(t, b, mustIdentity(t), "Pilots", "Ada")
	r, _ := FetchRoster(bg(), b, a.Roster().Team)

	t.Run("ErrTamperedRequest", func(t *testing.T) {
		nb := mustIdentity(t)
		if _, err := RequestJoin(bg(), b, nb, r, "Bo"); err != nil {
			t.Fatal(err)
		}
		raw := backendtest.MustGet(t, b, joinRequestKey(nb.MemberID()))
		// Swap in the host's own age key: the request no longer verifies.
		evil := mustIdentity(t)
		raw = bytes.Replace(raw, []byte(nb.Public().Recipient.String()), []byte(evil.Public().Recipient.String()), 1)
		backendtest.MustPut(t, b, joinRequestKey(nb.MemberID()), raw)
		pending, rejected, err := a.JoinRequests(bg())
		if err != nil || len(pending) != 0 || len(rejected) != 1 || ReasonOf(rejected[0]) != ReasonBadSignature {
			t.Fatalf("pending %d, rejected %v, %v", len(pending), rejected, err)
		}
		b.Delete(bg(), joinRequestKey(nb.MemberID()))
	})

	t.Run("ErrSubstitutedKeys", func(t *testing.T) {
		// The host replaces the whole request with its own, self-signed:
		// the signature holds, but the codes on the two screens differ.
		nb, evil := mustIdentity(t), mustIdentity(t)
		honest, err := RequestJoin(bg(), b, nb, r, "Bo")
		if err != nil {
			t.Fatal(err)
		}
		b.Delete(bg(), joinRequestKey(nb.MemberID()))
		if _, err := RequestJoin(bg(), b, evil, r, "Bo"); err != nil {
			t.Fatal(err)
		}
		pending, _, _ := a.JoinRequests(bg())
		if len(pending) != 1 {
			t.Fatalf("pending = %d", len(pending))
		}
		err = a.Approve(bg(), pending[0], honest.SafetyCode())
		assertReason(t, err, ReasonWrongCode, peerplaypay.EINVALID)
		if a.Roster().IsActive(evil.MemberID()) {
			t.Fatal("the substituted request was approved")
		}
		b.Delete(bg(), joinRequestKey(evil.MemberID()))
	})

	t.Run("ErrFakeTeamHistory", func(t *testing.T) {
		// The newcomer was shown another team with the same ID.
		fake := newFolderShare(t)
		evil := mustIdentity(t)
		ft := mustCreateWithTeam(t, fake, evil, r.Team)
		fr, err := FetchRoster(bg(), fake, r.Team)
		if err != nil || fr.Genesis == r.Genesis || ft == nil {
			t.Fatalf("fake roster: %v", err)
		}
		nb := mustIdentity(t)
		req, err := RequestJoin(bg(), fake, nb, fr, "Bo")
		if err != nil {
			t.Fatal(err)
		}
		raw := backendtest.MustGet(t, fake, joinRequestKey(nb.MemberID()))
		backendtest.MustPut(t, b, joinRequestKey(nb.MemberID()), raw)
		pending, rejected, _ := a.JoinRequests(bg())
		if len(pending) != 0 || len(rejected) != 1 || ReasonOf(rejected[0]) != ReasonGenesisMismatch {
			t.Fatalf("pending %d, rejected %v", len(pending), rejected)
		}
		err = a.Approve(bg(), req, req.SafetyCode())
		if ReasonOf(err) != ReasonGenesisMismatch {
			t.Fatalf("approve = %v", err)
		}
		b.Delete(bg(), joinRequestKey(nb.MemberID()))
	})
}

// Anyone who can write to the share can put a file under a refusal's
// name; only a refusal a member signed hides a request from the members.
func TestJoinRefusalsVerified(t *testing.T) {
	b := newFolderShare(t)
	a := mustCreate(t, b, mustIdentity(t), "Pilots", "Ada")
	r, _ := FetchRoster(bg(), b, a.Roster().Team)
	nb := mustIdentity(t)
	req, err := RequestJoin(bg(), b, nb, r, "Bo")
	if err != nil {
		t.Fatal(err)
	}
	key := refusalKey(nb.MemberID(), req.Hash)
	refusal := func(by MemberID, signer *Identity, request Hash) []byte {
		header, err := json.Marshal(refusalDoc{Team: r.Team, Member: nb.MemberID(), Request: request, By: by, At: time.Now().UTC()})
		if err != nil {
			t.Fatal(err)
		}
		return sealFrame(magicRefusal, header, nil, signer)
	}
	stranger := mustIdentity(t)
	otherRequest := req.Hash
	otherRequest[31] ^= 1 // same first 16 hex digits, so the same file name
	for _, c := range []struct {
		name string
		raw  []byte
		want Reason
	}{
		{"ErrByStranger", refusal(stranger.MemberID(), stranger, req.Hash), ReasonNotMember},
		{"ErrForgedSignature", refusal(a.Me().MemberID(), stranger, req.Hash), ReasonBadSignature},
		{"ErrGarbage", []byte("PPJX not a refusal"), ReasonMalformed},
		{"ErrOtherRequest", refusal(a.Me().MemberID(), a.Me(), otherRequest), ReasonWrongTeam},
	} {
		t.Run(c.name, func(t *testing.T) {
			backendtest.MustPut(t, b, key, c.raw)
			defer b.Delete(bg(), key)
			pending, rejected, err := a.JoinRequests(bg())
			if err != nil || len(pending) != 1 || pending[0].Hash != req.Hash {
				t.Fatalf("pending %d, %v: a refusal that does not verify hid the request", len(pending), err)
			}
			if len(rejected) != 1 || ReasonOf(rejected[0]) != c.want {
				t.Fatalf("rejected = %v; want one %s", rejected, c.want)
			}
		})
	}

	t.Run("OK", func(t *testing.T) {
		// A member's refusal whose request could not be deleted (a
		// read-only request file, a sync tool bringing it back).
		backendtest.MustPut(t, b, key, refusal(a.Me().MemberID(), a.Me(), req.Hash))
		pending, rejected, err := a.JoinRequests(bg())
		if err != nil || len(pending) != 0 || len(rejected) != 0 {
			t.Fatalf("pending %d, rejected %v, %v: want the refused request hidden", len(pending), rejected, err)
		}
	})
}

// mustCreateWithTeam creates a team with a chosen ID, as an attacker
// imitating a real team would.
func mustCreateWithTeam(t *testing.T, b backend.Backend, id *Identity, team TeamID) *Team {
	t.Helper()
	doc, err := genesisDoc(team, id, "Pilots", "Ada")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := sealRosterDoc(doc, id)
	backendtest.MustPut(t, b, rosterKey(1), raw)
	tm, err := OpenTeam(bg(), b, id, team, Hash{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestConcurrentApprovals(t *testing.T) {
	b := newFolderShare(t)
	a := mustCreate(t, b, mustIdentity(t), "Pilots", "Ada")
	bb := mustJoin(t, a, mustIdentity(t), "Bo")
	a.Refresh(bg())
	r, _ := FetchRoster(bg(), b, a.Roster().Team)
	x, y := mustIdentity(t), mustIdentity(t)
	rx, _ := RequestJoin(bg(), b, x, r, "Xi")
	ry, _ := RequestJoin(bg(), b, y, r, "Yu")
	codes := map[MemberID]string{x.MemberID(): rx.SafetyCode(), y.MemberID(): ry.SafetyCode()}
	pending, _, _ := a.JoinRequests(bg())
	if len(pending) != 2 {
		t.Fatalf("pending = %d", len(pending))
	}
	// Both members approve a different newcomer from the same roster
	// version at the same moment: one wins, the other gets a conflict.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, tm := range []*Team{a, bb} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = tm.commitApproval(pending[i])
		}()
	}
	wg.Wait()
	var lost int
	for i, err := range errs {
		switch {
		case err == nil:
		case ReasonOf(err) == ReasonRosterConflict && peerplaypay.ErrorCode(err) == peerplaypay.ECONFLICT:
			lost = i
		default:
			t.Fatalf("approval %d: %v", i, err)
		}
	}
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("want exactly one winner: %v", errs)
	}
	// The loser retries on top of the new version.
	loser := []*Team{a, bb}[lost]
	if err := loser.Approve(bg(), pending[lost], codes[pending[lost].Keys.ID]); err != nil {
		t.Fatal(err)
	}
	a.Refresh(bg())
	if r := a.Roster(); r.Version != 4 || !r.IsActive(x.MemberID()) || !r.IsActive(y.MemberID()) {
		t.Fatalf("final roster version %d", r.Version)
	}
}

// commitApproval approves without refreshing first, as two members whose
// refreshes happened before either wrote.
func (t *Team) commitApproval(req *JoinRequest) error {
	r := t.Roster()
	doc, err := t.additionDoc(r, req)
	if err != nil {
		return err
	}
	return t.commit(bg(), r, doc)
}

func TestRemove(t *testing.T) {
	tr := sharedTrio(t)
	cID := tr.c.Me().MemberID()
	if err := tr.a.Remove(bg(), cID, Position{}); err != nil {
		t.Fatal(err)
	}
	for _, tm := range []*Team{tr.bb, tr.c} {
		tm.Refresh(bg())
	}
	r := tr.bb.Roster()
	if r.CurrentEpoch().Number != 2 || r.IsActive(cID) {
		t.Fatalf("after removal: epoch %d, c active %v", r.CurrentEpoch().Number, r.IsActive(cID))
	}
	if _, ok := tr.bb.epochKey(2); !ok {
		t.Fatal("a remaining member did not get the new key")
	}
	if _, ok := tr.c.epochKey(2); ok {
		t.Fatal("the removed member got the new key")
	}
	if _, ok := tr.c.epochKey(1); !ok {
		t.Fatal("the removed member lost the old key it had")
	}
	if _, err := tr.c.SealBatch(Position{}, []Event{testEvent("x")}); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
		t.Fatalf("a removed member sealed a batch: %v", err)
	}
	if tr.bb.MemberName(tr.a.Me().MemberID()) != "Ada" {
		t.Fatal("names were lost in the new epoch")
	}
	if err := tr.a.Remove(bg(), cID, Position{}); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
		t.Fatalf("removing twice = %v", err)
	}
}

func TestRosterAttacks(t *testing.T) {
	base := sharedTrio(t)
	setup := func(t *testing.T) (*trio, *Roster) {
		tr := base.clone(t)
		return tr, tr.a.Roster()
	}

	t.Run("ErrModified", func(t *testing.T) {
		tr, r := setup(t)
		raw := backendtest.MustGet(t, tr.b, rosterKey(3))
		// Give member Cy the host's age key, keeping the old signature.
		evil := mustIdentity(t)
		cRec := []byte(tr.c.Me().Public().Recipient.String())
		bad := bytes.Replace(raw, cRec, []byte(evil.Public().Recipient.String()), 1)
		if bytes.Equal(bad, raw) {
			t.Fatal("test did not change the file")
		}
		_, err := VerifyRoster(r.Team, r.Genesis, [][]byte{r.versions[0], r.versions[1], bad})
		assertReason(t, err, ReasonBadSignature, peerplaypay.ECORRUPT)
		// A member refreshing keeps the last good version.
		backendtest.MustPut(t, tr.b, rosterKey(3), bad)
		fresh, err := OpenTeam(bg(), tr.b, tr.a.Me(), r.Team, r.Genesis, nil)
		if ReasonOf(err) != ReasonBadSignature || fresh.Roster().Version != 2 {
			t.Fatalf("open = version %v, %v", fresh, err)
		}
	})

	t.Run("ErrSignedByNonMember", func(t *testing.T) {
		tr, r := setup(t)
		outsider := mustIdentity(t)
		doc := tr.a.nextDoc(r, ChangeAdd, outsider.MemberID())
		doc.Signer = outsider.MemberID()
		pub := outsider.Public()
		doc.Members = append(doc.Members, rosterMember{ID: outsider.id, Signing: pub.Signing, Recipient: pub.Recipient.String(), AddedBy: outsider.id, AddedEpoch: 1, AddedVersion: 4})
		doc.Grants = []rosterGrant{{Member: outsider.id, Epoch: 1, Key: []byte("x")}}
		doc.Sealed = []byte("x")
		raw, _ := sealRosterDoc(doc, outsider)
		backendtest.MustPut(t, tr.b, rosterKey(4), raw)
		_, err := tr.bb.Refresh(bg())
		assertReason(t, err, ReasonNotMember, peerplaypay.ECORRUPT)
		if tr.bb.Roster().Version != 3 || tr.bb.Roster().IsActive(outsider.id) {
			t.Fatal("a version signed by a non-member was applied")
		}
	})

	t.Run("ErrReplacedGenesis", func(t *testing.T) {
		tr, r := setup(t)
		evil := mustIdentity(t)
		fake := newFolderShare(t)
		mustCreateWithTeam(t, fake, evil, r.Team)
		backendtest.MustPut(t, tr.b, rosterKey(1), backendtest.MustGet(t, fake, rosterKey(1)))
		_, err := OpenTeam(bg(), tr.b, tr.a.Me(), r.Team, r.Genesis, nil)
		assertReason(t, err, ReasonGenesisMismatch, peerplaypay.ECORRUPT)
	})

	t.Run("ErrInvalidChange", func(t *testing.T) {
		tr, r := setup(t)
		// A member re-keys another member: signed, chained, but forbidden.
		evil := mustIdentity(t)
		doc := tr.bb.nextDoc(r, ChangeAdd, evil.MemberID())
		doc.Members[0].Recipient = evil.Public().Recipient.String()
		pub := evil.Public()
		doc.Members = append(doc.Members, rosterMember{ID: evil.id, Signing: pub.Signing, Recipient: pub.Recipient.String(), AddedBy: tr.bb.me.id, AddedEpoch: 1, AddedVersion: 4})
		k, _ := tr.bb.epochKey(1)
		g, _ := k.grant(r.Team, pub.Recipient)
		doc.Grants = []rosterGrant{{Member: evil.id, Epoch: 1, Key: g}}
		doc.Sealed, _ = tr.bb.sealedFor(func(map[MemberID]string) {}, k)
		raw, _ := sealRosterDoc(doc, tr.bb.me)
		_, err := r.Extend(raw)
		assertReason(t, err, ReasonInvalidChange, peerplaypay.ECORRUPT)
	})

	t.Run("ErrMissingVersion", func(t *testing.T) {
		tr, r := setup(t)
		if err := tr.b.Delete(bg(), rosterKey(2)); err != nil {
			t.Fatal(err)
		}
		fresh, err := OpenTeam(bg(), tr.b, tr.a.Me(), r.Team, r.Genesis, nil)
		if ReasonOf(err) != ReasonBrokenChain || fresh.Roster().Version != 1 {
			t.Fatalf("open with version 2 missing = %v", err)
		}
		// A member who sees the gap does not write on top of it.
		err = fresh.Remove(bg(), tr.c.Me().MemberID(), Position{})
		if ReasonOf(err) != ReasonBrokenChain {
			t.Fatalf("remove with version 2 missing = %v", err)
		}
		if es, _ := tr.b.List(bg(), rosterPrefix, ""); len(es) != 2 {
			t.Fatalf("roster versions in the share: %v", es)
		}
	})

	t.Run("ErrEveryByte", func(t *testing.T) {
		// Any single changed byte of a roster version is refused.
		_, r := setup(t)
		raw := r.versions[2]
		for i := range raw {
			bad := bytes.Clone(raw)
			bad[i] ^= 0x20
			if _, err := VerifyRoster(r.Team, r.Genesis, [][]byte{r.versions[0], r.versions[1], bad}); err == nil {
				t.Fatalf("byte %d changed and the version still verifies", i)
			}
		}
	})
}

func testEvent(kind string) Event {
	return Event{ID: NewEventID(), Kind: kind, V: 1, At: time.Now().UTC().Truncate(time.Millisecond), Data: json.RawMessage(`{"text":"hello"}`)}
}

func TestEventKinds(t *testing.T) {
	for kind, v := range KnownKinds {
		e := testEvent(kind)
		e.V = v
		if !e.Known() || e.validate() != nil {
			t.Fatalf("%s v%d not known or not valid", kind, v)
		}
		e.V = v + 1
		if e.Known() {
			t.Fatalf("%s v%d (newer) is known", kind, v+1)
		}
	}
	if (Event{Kind: "future.kind", V: 1}).Known() {
		t.Fatal("an unknown kind is known")
	}
	for _, k := range []string{"", "Log.Published", "a b", strings.Repeat("a", 65)} {
		if validKind(k) {
			t.Fatalf("kind %q accepted", k)
		}
	}
}

// clone copies the trio's share to a fresh folder and opens the three
// teams on it, so that each attack test starts from the same team without
// paying for three more joins (the safety code is slow on purpose).
func (tr *trio) clone(t testing.TB) *trio {
	t.Helper()
	b := newFolderShare(t)
	es, err := tr.b.List(bg(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		backendtest.MustPut(t, b, e.Key, backendtest.MustGet(t, tr.b, e.Key))
	}
	open := func(tm *Team) *Team {
		r := tm.Roster()
		o, err := OpenTeam(bg(), b, tm.Me(), r.Team, r.Genesis, r.Versions())
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	return &trio{b: b, a: open(tr.a), bb: open(tr.bb), c: open(tr.c)}
}

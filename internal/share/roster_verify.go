package share

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"slices"

	"filippo.io/age"

	"peerplaypay/internal/peerplaypay"
)

// VerifyRoster verifies roster versions from the first. genesis, when not
// zero, is the hash of version 1 the caller trusts (learnt when it created
// or joined the team); a different first version is refused. On a bad
// version it returns the roster as of the last good one with the error.
func VerifyRoster(team TeamID, genesis Hash, versions [][]byte) (*Roster, error) {
	if len(versions) == 0 {
		return nil, fmt.Errorf("verify roster: no versions")
	}
	r, err := verifyGenesis(team, versions[0])
	if err != nil {
		return nil, err
	}
	if !genesis.IsZero() && r.Hash != genesis {
		return nil, rosterRefusal(ReasonGenesisMismatch, 1, "first version differs from the trusted one",
			"The team's first roster version in the share is not the one this laptop knows: the share's roster was replaced. Nothing from it was used; ask your team which share is the right one.")
	}
	return r.Extend(versions[1:]...)
}

// Extend verifies the versions that follow r, in order. On a bad version it
// returns the roster as of the last good one with the error.
func (r *Roster) Extend(versions ...[]byte) (*Roster, error) {
	cur := r
	for _, raw := range versions {
		next, err := cur.next(raw)
		if err != nil {
			return cur, err
		}
		cur = next
	}
	return cur, nil
}

func rosterRefusal(reason Reason, version uint64, detail, msg string) *Error {
	code := peerplaypay.ECORRUPT
	switch reason {
	case ReasonNewerFormat:
		code = peerplaypay.EUNAVAILABLE
	case ReasonRosterConflict:
		code = peerplaypay.ECONFLICT
	}
	e := refuse(reason, code, rosterKey(version), detail, msg)
	e.Seq = version
	return e
}

func rosterInvalid(version uint64, detail string) *Error {
	return rosterRefusal(ReasonInvalidChange, version, detail, fmt.Sprintf(
		"Roster version %d in the team share breaks the roster's rules (%s). It and everything after it were ignored.", version, detail))
}

func parseRosterVersion(raw []byte, version uint64) (*frame, *rosterDoc, error) {
	key := rosterKey(version)
	f, err := parseFrame(raw, magicRoster, "roster version", key)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Seq = version
		}
		return nil, nil, err
	}
	var doc rosterDoc
	if err := decodeStrict(f.header, &doc); err != nil || len(f.body) != 0 {
		return nil, nil, rosterRefusal(ReasonMalformed, version, fmt.Sprintf("document: %v", err), fmt.Sprintf(
			"Roster version %d in the team share is damaged. It and everything after it were ignored.", version))
	}
	return f, &doc, nil
}

func verifyGenesis(team TeamID, raw []byte) (*Roster, error) {
	f, doc, err := parseRosterVersion(raw, 1)
	if err != nil {
		return nil, err
	}
	if len(doc.Members) != 1 || !f.verify(doc.Members[0].Signing) {
		return nil, rosterRefusal(ReasonBadSignature, 1, "not signed by its creator", "The team's first roster version was changed after it was signed. Nothing from it was used.")
	}
	if doc.Team != team {
		return nil, rosterRefusal(ReasonWrongTeam, 1, "team "+doc.Team.String(), "The roster in the team share belongs to another team. Check the share's location.")
	}
	m := doc.Members[0]
	switch {
	case doc.Version != 1 || !doc.Prev.IsZero():
		return nil, rosterInvalid(1, "first version is not version 1")
	case doc.Change != rosterChange{Op: ChangeCreate, Member: doc.Signer}:
		return nil, rosterInvalid(1, "first version does not create the team")
	case m.ID != doc.Signer || m.AddedBy != doc.Signer || m.AddedEpoch != 1 || m.AddedVersion != 1 || isRemovedDoc(m):
		return nil, rosterInvalid(1, "creator entry")
	case len(doc.Epochs) != 1 || doc.Epochs[0].Epoch != 1 || doc.Epochs[0].Version != 1:
		return nil, rosterInvalid(1, "first epoch")
	case len(doc.Grants) != 1 || doc.Grants[0].Member != doc.Signer || doc.Grants[0].Epoch != 1:
		return nil, rosterInvalid(1, "creator's key grant")
	}
	if err := checkKeys(m, 1); err != nil {
		return nil, err
	}
	if _, err := age.ParseX25519Recipient(doc.Epochs[0].Recipient); err != nil {
		return nil, rosterInvalid(1, "epoch recipient")
	}
	if len(doc.Sealed) == 0 {
		return nil, rosterInvalid(1, "no sealed names")
	}
	r := &Roster{Team: team, Genesis: f.hash}
	r.apply(doc, f.hash, raw)
	return r, nil
}

func isRemovedDoc(m rosterMember) bool {
	return m.RemovedEpoch != 0 || !m.RemovedBy.IsZero() || m.RemovedVersion != 0 || m.LastSeq != 0 || !m.LastHash.IsZero()
}

func checkKeys(m rosterMember, version uint64) error {
	if len(m.Signing) != ed25519.PublicKeySize {
		return rosterInvalid(version, "signing key of "+m.ID.String())
	}
	if _, err := age.ParseX25519Recipient(m.Recipient); err != nil {
		return rosterInvalid(version, "recipient of "+m.ID.String())
	}
	return nil
}

// next verifies the version after r.
func (r *Roster) next(raw []byte) (*Roster, error) {
	v := r.Version + 1
	f, doc, err := parseRosterVersion(raw, v)
	if err != nil {
		return nil, err
	}
	signer, ok := r.Member(doc.Signer)
	if !ok || signer.Removed() {
		return nil, rosterRefusal(ReasonNotMember, v, "signer "+doc.Signer.String(), fmt.Sprintf(
			"Roster version %d in the team share was signed by someone who is not a member. It and everything after it were ignored.", v))
	}
	if !f.verify(signer.Signing) {
		return nil, rosterRefusal(ReasonBadSignature, v, "signature", fmt.Sprintf(
			"Roster version %d in the team share was changed after it was signed. It and everything after it were ignored.", v))
	}
	if doc.Team != r.Team {
		return nil, rosterRefusal(ReasonWrongTeam, v, "team "+doc.Team.String(), fmt.Sprintf(
			"Roster version %d in the team share belongs to another team. It and everything after it were ignored.", v))
	}
	if doc.Version != v || doc.Prev != r.Hash {
		return nil, rosterRefusal(ReasonBrokenChain, v, fmt.Sprintf("version %d, prev %s", doc.Version, doc.Prev), fmt.Sprintf(
			"Roster version %d in the team share does not follow version %d. It and everything after it were ignored.", v, r.Version))
	}
	if err := r.checkChange(doc); err != nil {
		return nil, err
	}
	next := r.clone()
	next.apply(doc, f.hash, raw)
	return next, nil
}

func (r *Roster) clone() *Roster {
	c := *r
	c.members = slices.Clone(r.members)
	c.epochs = slices.Clone(r.epochs)
	c.grants = slices.Clone(r.grants)
	c.versions = slices.Clone(r.versions)
	c.heads = slices.Clone(r.heads)
	c.changes = slices.Clone(r.changes)
	return &c
}

func (r *Roster) apply(doc *rosterDoc, hash Hash, raw []byte) {
	r.Version, r.Hash, r.At, r.Signer = doc.Version, hash, doc.At, doc.Signer
	r.Change = Change{Op: doc.Change.Op, Member: doc.Change.Member}
	r.members = r.members[:0:0]
	for _, m := range doc.Members {
		r.members = append(r.members, m.toMember())
	}
	r.epochs = r.epochs[:0:0]
	for _, e := range doc.Epochs {
		r.epochs = append(r.epochs, Epoch{Number: e.Epoch, Recipient: e.Recipient, Version: e.Version})
	}
	for _, g := range doc.Grants {
		r.grants = append(r.grants, grant{Version: doc.Version, Member: g.Member, Epoch: g.Epoch, Key: g.Key})
	}
	r.sealed = doc.Sealed
	r.versions = append(r.versions, raw)
	r.heads = append(r.heads, Head{Version: doc.Version, Hash: hash, Signer: doc.Signer})
	r.changes = append(r.changes, r.Change)
}

func sameMember(a, b rosterMember) bool {
	return a.ID == b.ID && bytes.Equal(a.Signing, b.Signing) && a.Recipient == b.Recipient &&
		a.AddedBy == b.AddedBy && a.AddedEpoch == b.AddedEpoch && a.AddedVersion == b.AddedVersion &&
		a.RemovedBy == b.RemovedBy && a.RemovedEpoch == b.RemovedEpoch && a.RemovedVersion == b.RemovedVersion &&
		a.LastSeq == b.LastSeq && a.LastHash == b.LastHash
}

// checkChange enforces what one version may change: add one member, or
// remove one and start a new epoch granted to everyone who remains.
// Nothing else about existing members or epochs may change.
func (r *Roster) checkChange(doc *rosterDoc) error {
	v := doc.Version
	if len(doc.Sealed) == 0 {
		return rosterInvalid(v, "no sealed names")
	}
	if len(doc.Members) < len(r.members) || len(doc.Epochs) < len(r.epochs) {
		return rosterInvalid(v, "members or epochs dropped")
	}
	for i, e := range r.epochs {
		if doc.Epochs[i] != (rosterEpoch{Epoch: e.Number, Recipient: e.Recipient, Version: e.Version}) {
			return rosterInvalid(v, fmt.Sprintf("epoch %d changed", e.Number))
		}
	}
	cur := r.CurrentEpoch().Number
	target := doc.Change.Member
	for i, m := range r.members {
		if m.ID == target && doc.Change.Op == ChangeRemove {
			continue
		}
		if !sameMember(fromMember(m), doc.Members[i]) {
			return rosterInvalid(v, "member "+m.ID.String()+" changed")
		}
	}
	switch doc.Change.Op {
	case ChangeAdd:
		if len(doc.Members) != len(r.members)+1 || len(doc.Epochs) != len(r.epochs) {
			return rosterInvalid(v, "an addition adds exactly one member and no epoch")
		}
		m := doc.Members[len(r.members)]
		if _, exists := r.Member(m.ID); exists || m.ID != target || m.ID.IsZero() {
			return rosterInvalid(v, "added member "+m.ID.String())
		}
		if m.AddedBy != doc.Signer || m.AddedEpoch != cur || m.AddedVersion != v || isRemovedDoc(m) {
			return rosterInvalid(v, "added member's record")
		}
		if err := checkKeys(m, v); err != nil {
			return err
		}
		seen := map[uint32]bool{}
		for _, g := range doc.Grants {
			if g.Member != target || g.Epoch == 0 || g.Epoch > cur || seen[g.Epoch] || len(g.Key) == 0 {
				return rosterInvalid(v, "grants of an addition")
			}
			seen[g.Epoch] = true
		}
		if !seen[cur] {
			return rosterInvalid(v, "the added member gets no key for the current epoch")
		}
	case ChangeRemove:
		if len(doc.Members) != len(r.members) || len(doc.Epochs) != len(r.epochs)+1 {
			return rosterInvalid(v, "a removal keeps the members and adds one epoch")
		}
		old, ok := r.Member(target)
		if !ok || old.Removed() {
			return rosterInvalid(v, "removed member "+target.String()+" is not a member")
		}
		want := fromMember(old)
		want.RemovedBy, want.RemovedEpoch, want.RemovedVersion = doc.Signer, cur+1, v
		got := doc.Members[slices.IndexFunc(r.members, func(m Member) bool { return m.ID == target })]
		want.LastSeq, want.LastHash = got.LastSeq, got.LastHash
		if !sameMember(want, got) {
			return rosterInvalid(v, "removed member's record")
		}
		e := doc.Epochs[len(r.epochs)]
		if e.Epoch != cur+1 || e.Version != v {
			return rosterInvalid(v, "new epoch")
		}
		if _, err := age.ParseX25519Recipient(e.Recipient); err != nil {
			return rosterInvalid(v, "new epoch recipient")
		}
		remaining := map[MemberID]bool{}
		for _, m := range r.members {
			if !m.Removed() && m.ID != target {
				remaining[m.ID] = true
			}
		}
		if len(remaining) == 0 {
			return rosterInvalid(v, "the last member cannot be removed")
		}
		for _, g := range doc.Grants {
			if !remaining[g.Member] || g.Epoch != cur+1 || len(g.Key) == 0 {
				return rosterInvalid(v, "grants of a removal")
			}
			delete(remaining, g.Member)
		}
		if len(remaining) != 0 {
			return rosterInvalid(v, "a remaining member gets no key for the new epoch")
		}
	default:
		return rosterInvalid(v, "unknown change "+doc.Change.Op)
	}
	return nil
}

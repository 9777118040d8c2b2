package share

import (
	"encoding/json"
	"fmt"

	"peerplaypay/internal/peerplaypay"
)

// KindRosterChanged is the event a member sends right after it changed the
// team (approved or removed someone), in a batch that names the new
// version as its head (PROTOCOL.md, section 10). What it says is a claim:
// a reader checks it against the roster it verified itself and never acts
// on it otherwise.
const KindRosterChanged = "roster.changed"

// RosterChanged is the data of a roster.changed event (v1). Version is
// required; an honest writer also gives the version's hash and change,
// and a reader checks every field given.
type RosterChanged struct {
	Version uint64    `json:"version"`
	Hash    *Hash     `json:"hash,omitempty"`
	Op      string    `json:"op,omitempty"`
	Member  *MemberID `json:"member,omitempty"`
}

// RosterChangedOf is what our own roster.changed says of r's head.
func RosterChangedOf(r *Roster) RosterChanged {
	h, m := r.Hash, r.Change.Member
	return RosterChanged{Version: r.Version, Hash: &h, Op: r.Change.Op, Member: &m}
}

// who names a member in a sentence: its name, else the start of its ID.
func (t *Team) who(id MemberID) string {
	if id.IsZero() {
		return "nobody known"
	}
	if n := t.MemberName(id); n != "" {
		return n
	}
	return "member " + id.String()[:8]
}

// claimRefusal refuses batch seq of member for a claim about the roster
// that the roster this laptop verified does not show. Like any bad batch
// it stops the author's chain there: an honest app never writes it, so
// the author's app is modified, and what else it wrote is not trusted
// more (PROTOCOL.md, section 11.3).
func claimRefusal(member MemberID, seq uint64, detail, claim, truth string) *Error {
	e := refuse(ReasonRosterClaim, peerplaypay.ECORRUPT, batchKey(member, seq), detail, fmt.Sprintf(
		"Batch %d of their events %s, but %s. Nothing from that batch or their later ones was applied; the team list stays as this laptop verified it.", seq, claim, truth))
	e.Member, e.Seq = member, seq
	return e
}

// checkHeadSigner checks the signer a batch names with its roster head,
// once the head's version and hash are known to be ours: the hash covers
// the signer, and an honest writer copies both from the version it
// verified, so another signer is a lie about who changed the team (one
// that a fork message would otherwise repeat).
func (t *Team) checkHeadSigner(member MemberID, seq uint64, r *Roster, named Head) error {
	held, ok := r.HeadAt(named.Version)
	if !ok || held.Signer == named.Signer {
		return nil
	}
	return claimRefusal(member, seq, fmt.Sprintf("names roster version %d as signed by %s; signed by %s", named.Version, named.Signer, held.Signer),
		fmt.Sprintf("say that roster version %d was signed by %s", named.Version, t.who(named.Signer)),
		fmt.Sprintf("this laptop verified that version, signed by %s", t.who(held.Signer)))
}

// CheckRosterChanged checks a roster.changed event of batch b against the
// roster this laptop verified: the version it names must be at or before
// the head b names (which ReadBatches verified), have the hash given, be
// signed by b's author, and make the change given. It returns nil when
// the claim holds, and otherwise the refusal of the whole batch, naming
// what the claim says and what the roster shows. The event is never a
// reason to follow anything: the roster is what this laptop verified.
func (t *Team) CheckRosterChanged(b *Batch, e Event) error {
	r := t.Roster()
	var c RosterChanged
	if err := json.Unmarshal(e.Data, &c); err != nil || c.Version == 0 {
		detail := "no version"
		if err != nil {
			detail = err.Error()
		}
		return claimRefusal(b.Author, b.Seq, "roster.changed: "+detail,
			"announce a change of the team list", "the announcement does not say which roster version it made")
	}
	v := c.Version
	claim := fmt.Sprintf("say that they changed the team list at roster version %d", v)
	if v > b.Roster.Version {
		return claimRefusal(b.Author, b.Seq, fmt.Sprintf("roster.changed %d after the batch's head %d", v, b.Roster.Version), claim,
			fmt.Sprintf("the same batch names version %d as the newest its author had verified", b.Roster.Version))
	}
	held, ok := r.HeadAt(v)
	change, _ := r.ChangeAt(v)
	if !ok {
		return claimRefusal(b.Author, b.Seq, fmt.Sprintf("roster.changed %d beyond our %d", v, r.Version), claim,
			fmt.Sprintf("this laptop's team list ends at version %d", r.Version))
	}
	switch {
	case c.Hash != nil && *c.Hash != held.Hash:
		return claimRefusal(b.Author, b.Seq, fmt.Sprintf("roster.changed %d hash %s; ours %s", v, c.Hash, held.Hash), claim+" with another hash",
			fmt.Sprintf("the version %d this laptop verified has another hash (signed by %s)", v, t.who(held.Signer)))
	case held.Signer != b.Author:
		return claimRefusal(b.Author, b.Seq, fmt.Sprintf("roster.changed %d signed by %s", v, held.Signer), claim,
			fmt.Sprintf("that version was signed by %s", t.who(held.Signer)))
	case change.Op != ChangeAdd && change.Op != ChangeRemove:
		return claimRefusal(b.Author, b.Seq, fmt.Sprintf("roster.changed %d of op %s", v, change.Op), claim,
			fmt.Sprintf("version %d started the team; no change announces it", v))
	case c.Op != "" && c.Op != change.Op || c.Member != nil && *c.Member != change.Member:
		said := fmt.Sprintf("%s %s", pastTense(c.Op), "someone")
		if c.Member != nil {
			said = fmt.Sprintf("%s %s", pastTense(c.Op), t.who(*c.Member))
		}
		return claimRefusal(b.Author, b.Seq, fmt.Sprintf("roster.changed %d says %s %v; it is %s %s", v, c.Op, c.Member, change.Op, change.Member),
			fmt.Sprintf("say that roster version %d %s", v, said),
			fmt.Sprintf("that version %s %s", pastTense(change.Op), t.who(change.Member)))
	}
	return nil
}

func pastTense(op string) string {
	switch op {
	case ChangeAdd:
		return "added"
	case ChangeRemove:
		return "removed"
	case ChangeCreate:
		return "created"
	case "":
		return "changed"
	}
	return fmt.Sprintf("did %q to", op)
}

// removedWriterRefusal reports a batch a removed member wrote after its
// removal while naming, as verified, a roster version that already
// removes it: an honest app writes nothing once it knows it is removed
// (one that has not synced yet may, and names an older version, which is
// ignored without a word). It is ignored all the same.
func (t *Team) removedWriterRefusal(m Member, seq uint64, named Head) *Error {
	e := refuse(ReasonNotMember, peerplaypay.ECORRUPT, batchKey(m.ID, seq),
		fmt.Sprintf("written after removal at version %d, naming version %d", m.RemovedVersion, named.Version), fmt.Sprintf(
			"Batch %d in their folder was written after their removal by an app that had verified it (it names roster version %d; %s removed them at version %d): an honest app writes nothing once removed. It was ignored, and nothing they write now is used.",
			seq, named.Version, t.who(m.RemovedBy), m.RemovedVersion))
	e.Member, e.Seq = m.ID, seq
	return e
}

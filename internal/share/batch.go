package share

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	"filippo.io/age"

	"peerplaypay/internal/peerplaypay"
)

// Position is where a member's chain of batches stands: the last batch
// verified (or written). The zero Position is before the first batch.
type Position struct {
	Seq  uint64
	Hash Hash
}

// Batch is a verified, decrypted batch of one member's events.
type Batch struct {
	Author MemberID
	Seq    uint64
	Epoch  uint32
	Prev   Hash
	Hash   Hash
	// Roster is the roster version the batch names as its author's head,
	// as this reader verified it: in its roster, with that hash and signer.
	Roster Head
	Events []Event
	Size   int64 // of the object in the share, for progress
}

// Position is the chain position after this batch.
func (b *Batch) Position() Position { return Position{Seq: b.Seq, Hash: b.Hash} }

// A batch is a signed frame (magic "PPBT") whose header is 132 bytes:
//
//	0   16  team ID
//	16  16  author member ID
//	32  8   seq, big-endian, from 1
//	40  4   epoch, big-endian
//	44  32  SHA-256 of the author's previous batch file (zero for seq 1)
//	76  8   roster version the author had verified (its head), from 1
//	84  32  SHA-256 of that roster version's file
//	116 16  member ID of that version's signer
//
// The roster head inside the signature is what lets every reader tell that
// the author and it hold the same team list (a fork otherwise).
// and whose body is the age encryption, to the epoch's recipient, of the
// JSON payload {"events": [...]}.
const (
	batchHeaderLen = 132
	maxBatchPlain  = 4 << 20
	maxBatchObject = maxBatchPlain + 1<<20
)

type batchHeader struct {
	Team   TeamID
	Author MemberID
	Seq    uint64
	Epoch  uint32
	Prev   Hash
	Roster Head
}

func (h batchHeader) marshal() []byte {
	b := make([]byte, 0, batchHeaderLen)
	b = append(b, h.Team[:]...)
	b = append(b, h.Author[:]...)
	b = binary.BigEndian.AppendUint64(b, h.Seq)
	b = binary.BigEndian.AppendUint32(b, h.Epoch)
	b = append(b, h.Prev[:]...)
	b = binary.BigEndian.AppendUint64(b, h.Roster.Version)
	b = append(b, h.Roster.Hash[:]...)
	return append(b, h.Roster.Signer[:]...)
}

func parseBatchHeader(b []byte) (batchHeader, bool) {
	if len(b) != batchHeaderLen {
		return batchHeader{}, false
	}
	return batchHeader{
		Team:   TeamID(b[0:16]),
		Author: MemberID(b[16:32]),
		Seq:    binary.BigEndian.Uint64(b[32:40]),
		Epoch:  binary.BigEndian.Uint32(b[40:44]),
		Prev:   Hash(b[44:76]),
		Roster: Head{
			Version: binary.BigEndian.Uint64(b[76:84]),
			Hash:    Hash(b[84:116]),
			Signer:  MemberID(b[116:132]),
		},
	}, true
}

type batchPayload struct {
	Events []Event `json:"events"`
}

// batchRefusal builds the error for one batch; each reason has its own
// sentence, because the person reading it should know whether to suspect
// the share, a peer's app, or their own.
func batchRefusal(reason Reason, member MemberID, seq uint64, detail string) *Error {
	key := batchKey(member, seq)
	code := peerplaypay.ECORRUPT
	var msg string
	who := "member " + member.String()[:8]
	switch reason {
	case ReasonNewerFormat:
		code = peerplaypay.EUNAVAILABLE
		msg = fmt.Sprintf("Batch %d of %s's events was written by a newer version of PeerPlayPay. It is kept; update PeerPlayPay to read it and what follows.", seq, who)
	case ReasonRosterBehind:
		code = peerplaypay.EUNAVAILABLE
		msg = fmt.Sprintf("Batch %d of %s's events uses a team key this laptop has not seen yet. Refresh the team and sync again.", seq, who)
	case ReasonNoKey:
		code = peerplaypay.EUNAVAILABLE
		msg = fmt.Sprintf("Batch %d of %s's events is encrypted with a team key you were never given. It and what follows cannot be read.", seq, who)
	case ReasonNotMember:
		msg = fmt.Sprintf("Batch %d in %s's folder was not written by a member of the team at that time. It and what follows were ignored.", seq, who)
	case ReasonBadSignature:
		msg = fmt.Sprintf("Batch %d of %s's events was changed after it was signed. It and what follows were ignored.", seq, who)
	case ReasonWrongAuthor:
		msg = fmt.Sprintf("Batch %d in %s's folder was written by another member and copied there. It and what follows were ignored.", seq, who)
	case ReasonWrongTeam:
		msg = fmt.Sprintf("Batch %d in %s's folder belongs to another team. It and what follows were ignored.", seq, who)
	case ReasonReplayed:
		msg = fmt.Sprintf("Batch %d in %s's folder is an older batch of theirs stored again under a new number. It and what follows were ignored.", seq, who)
	case ReasonBrokenChain:
		msg = fmt.Sprintf("%s's events are not in one unbroken chain at batch %d (%s). Nothing from there on was used; if the share is a synced folder, the missing part may still be arriving.", who, seq, detail)
	case ReasonUndecryptable:
		msg = fmt.Sprintf("Batch %d of %s's events is signed by them but cannot be decrypted with the team key. It and what follows were ignored.", seq, who)
	case ReasonBadPayload:
		msg = fmt.Sprintf("Batch %d of %s's events decrypts, but the events inside are damaged. It and what follows were ignored.", seq, who)
	default:
		msg = fmt.Sprintf("Batch %d of %s's events is damaged (%s). It and what follows were ignored.", seq, who, detail)
	}
	e := refuse(reason, code, key, detail, msg)
	e.Member, e.Seq = member, seq
	return e
}

// RefuseEvent is the refusal of a batch because one of its events breaks a
// rule of the app's (a uid that is no uid, a size that does not add up):
// a reader checks what a writer checks, since a modified client writes
// what it likes. Like any bad batch it stops the author's chain there, so
// nothing of it or after it is applied (PROTOCOL.md §11.3). why is the
// sentence for the person and names what is wrong.
func RefuseEvent(b *Batch, e Event, why string) *Error {
	detail := fmt.Sprintf("event %s (%s): %s", e.ID, e.Kind, why)
	err := refuse(ReasonBadPayload, peerplaypay.ECORRUPT, batchKey(b.Author, b.Seq), detail, fmt.Sprintf(
		"Batch %d of their events holds a %s event that breaks the rules: %s. Nothing from that batch or their later ones was applied; ask them to update PeerPlayPay.", b.Seq, e.Kind, why))
	err.Member, err.Seq = b.Author, b.Seq
	return err
}

// HoldEvent stops the reading of an author's chain at a batch that may not
// be applied yet: it holds an event dated ahead of this reader's clock, whose
// rules (a daily cap, an edit window) count by that date. Nothing of the
// batch or after it is applied; the next sync tries it again, and once the
// date has come it is applied like any other.
func HoldEvent(b *Batch, e Event, why string) *Error {
	detail := fmt.Sprintf("event %s (%s): %s", e.ID, e.Kind, why)
	err := refuse(ReasonDatedAhead, peerplaypay.ECONFLICT, batchKey(b.Author, b.Seq), detail, fmt.Sprintf(
		"Batch %d of their events holds a %s event %s; it waits, with their later batches, until that time comes here. If it stays, a clock is wrong: check the date and time on both laptops.", b.Seq, e.Kind, why))
	err.Member, err.Seq = b.Author, b.Seq
	return err
}

// verifyBatch checks one batch file found at member's folder under number
// seq, following prev, against roster; it returns the header and the
// frame. Checks run in an order that makes each failure's reason exact:
// the signature is checked with the folder owner's key first, so that any
// changed byte reads as a changed byte; only a batch that some other
// member really signed is called a copy.
func verifyBatch(raw []byte, r *Roster, member MemberID, seq uint64, prev Hash) (batchHeader, *frame, error) {
	fail := func(reason Reason, detail string) (batchHeader, *frame, error) {
		return batchHeader{}, nil, batchRefusal(reason, member, seq, detail)
	}
	f, err := parseFrame(raw, magicBatch, "batch", batchKey(member, seq))
	if err != nil {
		return fail(ReasonOf(err), err.(*Error).Detail)
	}
	h, ok := parseBatchHeader(f.header)
	if !ok {
		return fail(ReasonMalformed, "header length")
	}
	owner, ok := r.Member(member)
	if !ok {
		return fail(ReasonNotMember, "folder of a non-member")
	}
	if !f.verify(owner.Signing) {
		if other, ok := r.Member(h.Author); ok && h.Author != member && f.verify(other.Signing) {
			return fail(ReasonWrongAuthor, "signed by "+h.Author.String())
		}
		return fail(ReasonBadSignature, "signature")
	}
	switch {
	case h.Author != member:
		return fail(ReasonWrongAuthor, "header names "+h.Author.String())
	case h.Team != r.Team:
		return fail(ReasonWrongTeam, "team "+h.Team.String())
	case h.Seq < seq:
		return fail(ReasonReplayed, fmt.Sprintf("batch %d stored as %d", h.Seq, seq))
	case h.Seq > seq:
		return fail(ReasonBrokenChain, fmt.Sprintf("batch %d stored as %d", h.Seq, seq))
	case h.Prev != prev:
		return fail(ReasonBrokenChain, "does not follow the previous batch")
	}
	// Checked before the epoch and the removal rules: a batch written on
	// another branch of the roster is judged by that branch's rules, which
	// this reader does not hold; the fork is what there is to report.
	if held, ok := r.HeadAt(h.Roster.Version); !ok || held.Hash != h.Roster.Hash {
		e := batchRefusal(ReasonRosterFork, member, seq, fmt.Sprintf("names roster version %d %s", h.Roster.Version, h.Roster.Hash))
		e.Fork = &Fork{Version: h.Roster.Version, Held: held, HeldUpTo: r.Version, Other: h.Roster, By: member, Seq: seq}
		return batchHeader{}, nil, e
	}
	if h.Epoch != r.epochAt(h.Roster.Version) {
		return fail(ReasonMalformed, fmt.Sprintf("epoch %d is not the current one of roster version %d", h.Epoch, h.Roster.Version))
	}
	if _, known := r.epoch(h.Epoch); !known {
		return fail(ReasonRosterBehind, fmt.Sprintf("epoch %d", h.Epoch))
	}
	switch {
	case h.Epoch < owner.AddedEpoch:
		return fail(ReasonNotMember, fmt.Sprintf("epoch %d is before the member joined", h.Epoch))
	case owner.Removed() && h.Epoch >= owner.RemovedEpoch:
		return fail(ReasonNotMember, fmt.Sprintf("epoch %d is after the member's removal", h.Epoch))
	case owner.Removed() && h.Seq > owner.LastSeq:
		return fail(ReasonNotMember, fmt.Sprintf("written after the member's removal (last accepted batch %d)", owner.LastSeq))
	case owner.Removed() && h.Seq == owner.LastSeq && !owner.LastHash.IsZero() && f.hash != owner.LastHash:
		return fail(ReasonBrokenChain, "differs from the batch recorded at the member's removal")
	}
	return h, f, nil
}

// openBatch decrypts and parses a verified batch.
func openBatch(h batchHeader, f *frame, k *EpochKey) (*Batch, error) {
	pt, err := decryptBytes(f.body, k.id, maxBatchPlain)
	if err != nil {
		return nil, batchRefusal(ReasonUndecryptable, h.Author, h.Seq, err.Error())
	}
	var p batchPayload
	if err := json.Unmarshal(pt, &p); err != nil {
		return nil, batchRefusal(ReasonBadPayload, h.Author, h.Seq, err.Error())
	}
	seen := map[EventID]bool{}
	for i := range p.Events {
		if err := p.Events[i].validate(); err != nil {
			return nil, batchRefusal(ReasonBadPayload, h.Author, h.Seq, err.Error())
		}
		if seen[p.Events[i].ID] {
			return nil, batchRefusal(ReasonBadPayload, h.Author, h.Seq, "event "+p.Events[i].ID.String()+" twice")
		}
		seen[p.Events[i].ID] = true
		p.Events[i].Author = h.Author
	}
	return &Batch{Author: h.Author, Seq: h.Seq, Epoch: h.Epoch, Prev: h.Prev, Hash: f.hash, Roster: h.Roster, Events: p.Events}, nil
}

// sealBatch builds a batch file.
func sealBatch(h batchHeader, events []Event, to *age.X25519Recipient, me *Identity) ([]byte, error) {
	pt, err := json.Marshal(batchPayload{Events: events})
	if err != nil {
		return nil, err
	}
	if len(pt) > maxBatchPlain {
		return nil, peerplaypay.Errorf(peerplaypay.EINVALID, "Too many events for one batch (%d bytes, at most %d); write them in several batches.", len(pt), maxBatchPlain)
	}
	ct, err := encryptBytes(pt, to)
	if err != nil {
		return nil, err
	}
	return sealFrame(magicBatch, h.marshal(), ct, me), nil
}

package share

import (
	"encoding/json"
	"errors"
	"fmt"

	"filippo.io/age"

	"peerplaypay/internal/peerplaypay"
)

// KindDirect is an event only some members can read: a note between two
// members, an answer meant for the asker alone. Its data is the inner
// event (kind, version, data) encrypted to those members' own age keys, on
// top of the batch's encryption to the whole team. The envelope does not
// name its readers: each member tries its own key, so the team learns that
// a member wrote something to someone, not to whom.
const KindDirect = "direct"

// maxDirect bounds an opened inner event, as batches are bounded.
const maxDirect = 1 << 20

type directData struct {
	Box []byte `json:"box"` // age ciphertext of directInner
}

// directInner is what the box holds. Author is the member who sealed it:
// the box is encrypted to its readers, not signed, so without it a member
// could copy a box meant for her into her own batch and pass its words off
// as her own. A box from before it existed has none, and is not applied.
type directInner struct {
	Author *MemberID       `json:"author"`
	Kind   string          `json:"kind"`
	V      int             `json:"v"`
	Data   json.RawMessage `json:"data,omitempty"`
}

// SealDirect turns an event for the members to into a KindDirect event that
// they and this member (so a restored laptop can read its own) can open.
// Every member of to must be active in the roster.
func (t *Team) SealDirect(e Event, to []MemberID) (Event, error) {
	if !validKind(e.Kind) || e.Kind == KindDirect || e.V < 1 {
		return Event{}, fmt.Errorf("direct event: kind %q v%d cannot be sealed", e.Kind, e.V)
	}
	if len(to) == 0 {
		return Event{}, errors.New("direct event: no recipients")
	}
	r := t.Roster()
	rcpts := []age.Recipient{t.me.ageID.Recipient()}
	for _, id := range to {
		m, ok := r.Member(id)
		if !ok || !r.IsActive(id) {
			return Event{}, fmt.Errorf("direct event: %s is not a member of the team", id)
		}
		rc, err := parseRecipient(m.Recipient)
		if err != nil {
			return Event{}, err
		}
		rcpts = append(rcpts, rc)
	}
	me := t.me.MemberID()
	inner, err := json.Marshal(directInner{Author: &me, Kind: e.Kind, V: e.V, Data: e.Data})
	if err != nil {
		return Event{}, err
	}
	box, err := encryptBytes(inner, rcpts...)
	if err != nil {
		return Event{}, err
	}
	data, err := json.Marshal(directData{Box: box})
	if err != nil {
		return Event{}, err
	}
	return Event{ID: e.ID, Kind: KindDirect, V: 1, At: e.At, Data: data, Author: e.Author}, nil
}

// OpenDirect returns the inner event of a KindDirect event of e.Author's
// batch if it was meant for this member; ok is false when it was meant for
// others. A box that is for us but malformed is an error: its author signed
// something broken. A box sealed by another member than e.Author was
// forwarded: that is a refusal (ReasonWrongAuthor) of the batch it came in.
func (t *Team) OpenDirect(e Event) (inner Event, ok bool, err error) {
	if e.Kind != KindDirect {
		return e, true, nil
	}
	if e.Author.IsZero() {
		return Event{}, false, fmt.Errorf("direct event %s: the batch's author is not known", e.ID)
	}
	var d directData
	if err := json.Unmarshal(e.Data, &d); err != nil || len(d.Box) == 0 {
		return Event{}, false, fmt.Errorf("direct event %s: no box", e.ID)
	}
	pt, err := decryptBytes(d.Box, t.me.ageID, maxDirect)
	var nomatch *age.NoIdentityMatchError
	if errors.As(err, &nomatch) {
		return Event{}, false, nil
	}
	if err != nil {
		return Event{}, false, fmt.Errorf("direct event %s: %w", e.ID, err)
	}
	var in directInner
	if err := json.Unmarshal(pt, &in); err != nil {
		return Event{}, false, fmt.Errorf("direct event %s: %w", e.ID, err)
	}
	if in.Author == nil {
		return Event{}, false, fmt.Errorf("direct event %s: the box does not name its author", e.ID)
	}
	if *in.Author != e.Author {
		return Event{}, false, forwardedBox(e, *in.Author)
	}
	out := Event{ID: e.ID, Kind: in.Kind, V: in.V, At: e.At, Data: in.Data, Author: e.Author}
	if err := out.validate(); err != nil || out.Kind == KindDirect {
		return Event{}, false, fmt.Errorf("direct event %s: inner event invalid: %v", e.ID, err)
	}
	return out, true, nil
}

// forwardedBox refuses a batch of e.Author's that holds a box another
// member sealed: a member passing a peer's private words off as her own.
func forwardedBox(e Event, sealer MemberID) *Error {
	err := refuse(ReasonWrongAuthor, peerplaypay.ECORRUPT, "",
		fmt.Sprintf("direct event %s: box sealed by %s, in a batch of %s", e.ID, sealer, e.Author),
		"One of their batches holds a private message that another member wrote for you, copied in as if they had written it. Nothing from that batch or their later ones was applied.")
	err.Member = e.Author
	return err
}

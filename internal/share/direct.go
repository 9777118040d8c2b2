package share

import (
	"encoding/json"
	"errors"
	"fmt"

	"filippo.io/age"
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

type directInner struct {
	Kind string          `json:"kind"`
	V    int             `json:"v"`
	Data json.RawMessage `json:"data,omitempty"`
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
	inner, err := json.Marshal(directInner{Kind: e.Kind, V: e.V, Data: e.Data})
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

// OpenDirect returns the inner event of a KindDirect event if it was meant
// for this member; ok is false when it was meant for others. A box that is
// for us but malformed is an error: its author signed something broken.
func (t *Team) OpenDirect(e Event) (inner Event, ok bool, err error) {
	if e.Kind != KindDirect {
		return e, true, nil
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
	out := Event{ID: e.ID, Kind: in.Kind, V: in.V, At: e.At, Data: in.Data, Author: e.Author}
	if err := out.validate(); err != nil || out.Kind == KindDirect {
		return Event{}, false, fmt.Errorf("direct event %s: inner event invalid: %v", e.ID, err)
	}
	return out, true, nil
}

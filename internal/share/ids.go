package share

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// MemberID names a member in the share (its folder) and in the roster. It
// is derived from the member's secret seed, so it is random to everyone
// else and cannot be claimed by another key pair without the seed.
type MemberID [16]byte

// TeamID is chosen at random when a team is created.
type TeamID [16]byte

// EventID is chosen at random by an event's author.
type EventID [16]byte

// Hash is a SHA-256 digest of a whole object as stored in the share.
type Hash [32]byte

func (m MemberID) String() string { return hex.EncodeToString(m[:]) }
func (t TeamID) String() string   { return hex.EncodeToString(t[:]) }
func (e EventID) String() string  { return hex.EncodeToString(e[:]) }
func (h Hash) String() string     { return hex.EncodeToString(h[:]) }

func (m MemberID) IsZero() bool { return m == MemberID{} }
func (t TeamID) IsZero() bool   { return t == TeamID{} }
func (h Hash) IsZero() bool     { return h == Hash{} }

func (m MemberID) MarshalText() ([]byte, error) { return []byte(m.String()), nil }
func (t TeamID) MarshalText() ([]byte, error)   { return []byte(t.String()), nil }
func (e EventID) MarshalText() ([]byte, error)  { return []byte(e.String()), nil }
func (h Hash) MarshalText() ([]byte, error)     { return []byte(h.String()), nil }

func (m *MemberID) UnmarshalText(b []byte) error { return decodeHexID(m[:], b, "member ID") }
func (t *TeamID) UnmarshalText(b []byte) error   { return decodeHexID(t[:], b, "team ID") }
func (e *EventID) UnmarshalText(b []byte) error  { return decodeHexID(e[:], b, "event ID") }
func (h *Hash) UnmarshalText(b []byte) error     { return decodeHexID(h[:], b, "hash") }

// ParseMemberID reads the 32 lowercase hex digits of a member ID.
func ParseMemberID(s string) (MemberID, error) {
	var m MemberID
	return m, m.UnmarshalText([]byte(s))
}

// ParseTeamID reads the 32 lowercase hex digits of a team ID.
func ParseTeamID(s string) (TeamID, error) {
	var t TeamID
	return t, t.UnmarshalText([]byte(s))
}

// ParseHash reads the 64 lowercase hex digits of a hash.
func ParseHash(s string) (Hash, error) {
	var h Hash
	return h, h.UnmarshalText([]byte(s))
}

// decodeHexID accepts lowercase hex only: one spelling per ID, so that an
// ID compared as text (a share key) and as bytes always agree.
func decodeHexID(dst []byte, src []byte, what string) error {
	if len(src) != 2*len(dst) {
		return fmt.Errorf("%s %q: want %d hex digits", what, src, 2*len(dst))
	}
	for _, c := range src {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return fmt.Errorf("%s %q: not lowercase hex", what, src)
		}
	}
	_, err := hex.Decode(dst, src)
	return err
}

// NewEventID returns a random event ID.
func NewEventID() EventID {
	var e EventID
	_, _ = rand.Read(e[:])
	return e
}

func newTeamID() TeamID {
	var t TeamID
	_, _ = rand.Read(t[:])
	return t
}

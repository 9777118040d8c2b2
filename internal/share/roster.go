package share

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"filippo.io/age"
)

// Roster is a verified roster version: who is in the team, with which
// keys, since and until which epoch. It is immutable; a newer version is a
// new *Roster. Names are not here: they are sealed to the team key and
// read through Team.
type Roster struct {
	Team    TeamID
	Genesis Hash // hash of version 1, the team's trust anchor
	Version uint64
	Hash    Hash // hash of this version's file
	At      time.Time
	Signer  MemberID
	Change  Change

	members  []Member
	epochs   []Epoch
	grants   []grant  // every grant of every version, in order
	sealed   []byte   // this version's sealed names
	versions [][]byte // every version's file, in order, for caching
	heads    []Head   // every version's hash and signer, in order
	changes  []Change // every version's change, in order
}

// Head names one roster version: what a batch says its author had verified
// (section 11 of PROTOCOL.md), and what a member pins.
type Head struct {
	Version uint64
	Hash    Hash
	Signer  MemberID
}

// Head is this version.
func (r *Roster) Head() Head { return r.heads[len(r.heads)-1] }

// HeadAt returns version v of this roster's own history, if it reaches v.
func (r *Roster) HeadAt(v uint64) (Head, bool) {
	if v == 0 || v > uint64(len(r.heads)) {
		return Head{}, false
	}
	return r.heads[v-1], true
}

// ChangeAt returns what version v of this roster's own history did, if it
// reaches v.
func (r *Roster) ChangeAt(v uint64) (Change, bool) {
	if v == 0 || v > uint64(len(r.changes)) {
		return Change{}, false
	}
	return r.changes[v-1], true
}

// epochAt is the epoch that was current at version v (v <= r.Version).
func (r *Roster) epochAt(v uint64) uint32 {
	var n uint32
	for _, e := range r.epochs {
		if e.Version <= v {
			n = e.Number
		}
	}
	return n
}

// Member is one roster entry. A removed member stays listed, so that what
// it wrote before its removal still verifies.
type Member struct {
	ID             MemberID
	Signing        ed25519.PublicKey
	Recipient      string // age X25519 recipient, "age1..."
	AddedBy        MemberID
	AddedEpoch     uint32
	AddedVersion   uint64
	RemovedBy      MemberID // zero while a member
	RemovedEpoch   uint32   // first epoch it cannot write in; 0 while a member
	RemovedVersion uint64
	// A removed member's batches after LastSeq are refused: it still has
	// its keys. LastHash is the hash of batch LastSeq as the remover saw it.
	LastSeq  uint64
	LastHash Hash
}

// Removed reports whether the member has been removed.
func (m Member) Removed() bool { return m.RemovedEpoch != 0 }

// Epoch is one team-key epoch: content of the epoch is encrypted to
// Recipient. Epoch 1 starts with the team; each removal starts the next.
type Epoch struct {
	Number    uint32
	Recipient string
	Version   uint64 // the roster version that started it
}

// Change is what a roster version did.
type Change struct {
	Op     string   // ChangeCreate, ChangeAdd or ChangeRemove
	Member MemberID // the member created, added or removed
}

const (
	ChangeCreate = "create"
	ChangeAdd    = "add"
	ChangeRemove = "remove"
)

type grant struct {
	Version uint64
	Member  MemberID
	Epoch   uint32
	Key     []byte
}

// Members returns every member ever added, in the order they joined.
func (r *Roster) Members() []Member { return slices.Clone(r.members) }

// Active returns the members that have not been removed.
func (r *Roster) Active() []Member {
	var out []Member
	for _, m := range r.members {
		if !m.Removed() {
			out = append(out, m)
		}
	}
	return out
}

// Member returns one entry, removed or not.
func (r *Roster) Member(id MemberID) (Member, bool) {
	for _, m := range r.members {
		if m.ID == id {
			return m, true
		}
	}
	return Member{}, false
}

// IsActive reports whether id is a member that has not been removed.
func (r *Roster) IsActive(id MemberID) bool {
	m, ok := r.Member(id)
	return ok && !m.Removed()
}

// Epochs returns every epoch, oldest first.
func (r *Roster) Epochs() []Epoch { return slices.Clone(r.epochs) }

// CurrentEpoch is the epoch new content is encrypted to.
func (r *Roster) CurrentEpoch() Epoch { return r.epochs[len(r.epochs)-1] }

// epoch returns epoch n if the roster knows it.
func (r *Roster) epoch(n uint32) (Epoch, bool) {
	if n == 0 || int(n) > len(r.epochs) {
		return Epoch{}, false
	}
	return r.epochs[n-1], true
}

// Versions returns the files of every version, oldest first: what a caller
// stores to open the team again without the network (OpenTeam).
func (r *Roster) Versions() [][]byte { return slices.Clone(r.versions) }

// The roster version file is a signed frame (magic "PPRS") whose header is
// this JSON document and whose body is empty.
type rosterDoc struct {
	Team    TeamID         `json:"team"`
	Version uint64         `json:"version"`
	Prev    Hash           `json:"prev"`
	Signer  MemberID       `json:"signer"`
	At      time.Time      `json:"at"`
	Change  rosterChange   `json:"change"`
	Members []rosterMember `json:"members"`
	Epochs  []rosterEpoch  `json:"epochs"`
	Grants  []rosterGrant  `json:"grants"`
	Sealed  []byte         `json:"sealed"`
}

type rosterChange struct {
	Op     string   `json:"op"`
	Member MemberID `json:"member"`
}

type rosterMember struct {
	ID             MemberID `json:"id"`
	Signing        []byte   `json:"signing"`
	Recipient      string   `json:"recipient"`
	AddedBy        MemberID `json:"added_by"`
	AddedEpoch     uint32   `json:"added_epoch"`
	AddedVersion   uint64   `json:"added_version"`
	RemovedBy      MemberID `json:"removed_by,omitzero"`
	RemovedEpoch   uint32   `json:"removed_epoch,omitzero"`
	RemovedVersion uint64   `json:"removed_version,omitzero"`
	LastSeq        uint64   `json:"last_seq,omitzero"`
	LastHash       Hash     `json:"last_hash,omitzero"`
}

type rosterEpoch struct {
	Epoch     uint32 `json:"epoch"`
	Recipient string `json:"recipient"`
	Version   uint64 `json:"version"`
}

type rosterGrant struct {
	Member MemberID `json:"member"`
	Epoch  uint32   `json:"epoch"`
	Key    []byte   `json:"key"`
}

// sealedNames is the plaintext of a version's "sealed" field, encrypted to
// the version's current epoch: the host never sees a name.
type sealedNames struct {
	TeamName string              `json:"team_name"`
	Names    map[MemberID]string `json:"names"`
}

const maxSealedNames = 1 << 20

func (m rosterMember) toMember() Member {
	return Member{
		ID: m.ID, Signing: ed25519.PublicKey(m.Signing), Recipient: m.Recipient,
		AddedBy: m.AddedBy, AddedEpoch: m.AddedEpoch, AddedVersion: m.AddedVersion,
		RemovedBy: m.RemovedBy, RemovedEpoch: m.RemovedEpoch, RemovedVersion: m.RemovedVersion,
		LastSeq: m.LastSeq, LastHash: m.LastHash,
	}
}

func fromMember(m Member) rosterMember {
	return rosterMember{
		ID: m.ID, Signing: m.Signing, Recipient: m.Recipient,
		AddedBy: m.AddedBy, AddedEpoch: m.AddedEpoch, AddedVersion: m.AddedVersion,
		RemovedBy: m.RemovedBy, RemovedEpoch: m.RemovedEpoch, RemovedVersion: m.RemovedVersion,
		LastSeq: m.LastSeq, LastHash: m.LastHash,
	}
}

// decodeStrict refuses unknown fields: a roster rule a newer app adds must
// come with a new format version, never be silently ignored by an older one.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("data after the document")
	}
	return nil
}

// sealNames encrypts the names to an epoch recipient.
func sealNames(names sealedNames, to *age.X25519Recipient) ([]byte, error) {
	pt, err := json.Marshal(names)
	if err != nil {
		return nil, err
	}
	return encryptBytes(pt, to)
}

func openNames(sealed []byte, k *EpochKey) (sealedNames, error) {
	var n sealedNames
	pt, err := decryptBytes(sealed, k.id, maxSealedNames)
	if err != nil {
		return n, err
	}
	return n, json.Unmarshal(pt, &n)
}

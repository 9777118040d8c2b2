package share

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
)

// Team is one member's view of a team share: the backend, the member's
// identity, the verified roster and the epoch keys the member holds. It is
// safe for concurrent use; Refresh swaps in a newer roster atomically.
type Team struct {
	b   backend.Backend
	me  *Identity
	now func() time.Time

	mu      sync.RWMutex
	roster  *Roster
	keys    map[uint32]*EpochKey
	names   sealedNames
	ignored map[string]bool // foreign names met in the share's listings
	fork    *Error          // a fork found since the team was opened: nothing is written
}

// Limits on what a share may make us read: a hostile host must not be
// able to exhaust memory with a giant roster version or request.
const (
	maxRosterVersion = 8 << 20
	maxJoinObject    = 1 << 20
)

// CreateTeam starts a team in an empty share, with me as its only member.
// The team and member names are sealed to the team key.
func CreateTeam(ctx context.Context, b backend.Backend, me *Identity, teamName, myName string) (*Team, error) {
	doc, err := genesisDoc(newTeamID(), me, teamName, myName)
	if err != nil {
		return nil, err
	}
	raw, err := sealRosterDoc(doc, me)
	if err != nil {
		return nil, err
	}
	err = b.Put(ctx, rosterKey(1), bytes.NewReader(raw), backend.PutOptions{CreateOnly: true})
	if errors.Is(err, backend.ErrExists) {
		return nil, fmt.Errorf("create team: %w", peerplaypay.Errorf(peerplaypay.ECONFLICT,
			"The share at %s already holds a team. Join that team instead, or choose an empty folder or bucket.", b.Location()))
	} else if err != nil {
		return nil, fmt.Errorf("create team: %w", err)
	}
	r, err := VerifyRoster(doc.Team, Hash{}, [][]byte{raw})
	if err != nil {
		return nil, fmt.Errorf("create team: verify own roster: %w", err)
	}
	return newTeam(b, me, r)
}

// genesisDoc is version 1 of a new team's roster: me alone, epoch 1.
func genesisDoc(team TeamID, me *Identity, teamName, myName string) (*rosterDoc, error) {
	k, err := newEpochKey(team, 1)
	if err != nil {
		return nil, err
	}
	pub := me.Public()
	g, err := k.grant(team, pub.Recipient)
	if err != nil {
		return nil, err
	}
	sealed, err := sealNames(sealedNames{TeamName: teamName, Names: map[MemberID]string{me.id: myName}}, k.Recipient())
	if err != nil {
		return nil, err
	}
	return &rosterDoc{
		Team: team, Version: 1, Signer: me.id, At: time.Now().UTC(),
		Change:  rosterChange{Op: ChangeCreate, Member: me.id},
		Members: []rosterMember{{ID: me.id, Signing: pub.Signing, Recipient: pub.Recipient.String(), AddedBy: me.id, AddedEpoch: 1, AddedVersion: 1}},
		Epochs:  []rosterEpoch{{Epoch: 1, Recipient: k.Recipient().String(), Version: 1}},
		Grants:  []rosterGrant{{Member: me.id, Epoch: 1, Key: g}},
		Sealed:  sealed,
	}, nil
}

func sealRosterDoc(doc *rosterDoc, me *Identity) ([]byte, error) {
	header, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return sealFrame(magicRoster, header, nil, me), nil
}

// OpenTeam opens a team the member belongs to. cached are the roster
// versions the caller stored (Roster.Versions); with them OpenTeam makes
// no request, so the team opens offline, and Refresh brings it up to date.
// Without them the whole roster is read from the share. genesis is the
// trusted hash of version 1.
func OpenTeam(ctx context.Context, b backend.Backend, me *Identity, team TeamID, genesis Hash, cached [][]byte) (*Team, error) {
	var r *Roster
	var foreign []string
	var err error
	if len(cached) > 0 {
		r, err = VerifyRoster(team, genesis, cached)
	} else {
		r, foreign, err = readRoster(ctx, b, team, genesis, nil)
		if r == nil && err == nil {
			return nil, fmt.Errorf("open team: %w", peerplaypay.Errorf(peerplaypay.ENOTFOUND,
				"The share at %s holds no team. Check the share's location.", b.Location()))
		}
	}
	// A bad version after good ones leaves the team at the last good
	// version, returned together with the error.
	if r == nil {
		return nil, fmt.Errorf("open team: %w", err)
	}
	if _, ok := r.Member(me.id); !ok {
		return nil, fmt.Errorf("open team: %w", peerplaypay.Errorf(peerplaypay.ENOTFOUND,
			"You are not a member of this team yet: ask a member to approve your request to join."))
	}
	t, terr := newTeam(b, me, r)
	if terr != nil {
		return nil, terr
	}
	t.noteIgnored(foreign)
	return t, err
}

func newTeam(b backend.Backend, me *Identity, r *Roster) (*Team, error) {
	t := &Team{b: b, me: me, now: time.Now, keys: map[uint32]*EpochKey{}, ignored: map[string]bool{}}
	if err := t.absorb(r); err != nil {
		return t, err
	}
	return t, nil
}

// Roster is the current verified roster.
func (t *Team) Roster() *Roster {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.roster
}

// Me is the identity the team was opened with.
func (t *Team) Me() *Identity { return t.me }

// Backend is the share the team lives in.
func (t *Team) Backend() backend.Backend { return t.b }

// TeamName is the team's name, "" if it could not be read.
func (t *Team) TeamName() string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.names.TeamName
}

// MemberName is the name a member joined with, "" if unknown.
func (t *Team) MemberName(id MemberID) string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.names.Names[id]
}

// Ignored lists, sorted, the foreign names this Team's listings met and
// skipped: files the share holds under names no app writes (a sync tool's
// conflict copy, a .DS_Store). They are for the person to see and tidy;
// nothing reads them.
func (t *Team) Ignored() []string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make([]string, 0, len(t.ignored))
	for k := range t.ignored {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func (t *Team) noteIgnored(keys []string) {
	if len(keys) == 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		t.ignored[k] = true
	}
}

// listOurs lists like the package's listOurs and notes the foreign names.
func (t *Team) listOurs(ctx context.Context, prefix, startAfter string, ours func(string) bool) ([]backend.Entry, error) {
	entries, foreign, err := listOurs(ctx, t.b, prefix, startAfter, ours)
	t.noteIgnored(foreign)
	return entries, err
}

// epochKey returns the key of an epoch, if we hold it.
func (t *Team) epochKey(n uint32) (*EpochKey, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	k, ok := t.keys[n]
	return k, ok
}

// absorb installs a verified roster: opens the grants addressed to us and
// the names. A grant that does not open is reported, not fatal: the
// roster is still right, only that epoch's content stays unreadable.
func (t *Team) absorb(r *Roster) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.roster != nil && r.Version < t.roster.Version {
		return nil // a concurrent Refresh got further already
	}
	var problem error
	for _, g := range r.grants {
		if g.Member != t.me.id || t.keys[g.Epoch] != nil {
			continue
		}
		e, ok := r.epoch(g.Epoch)
		if !ok {
			continue
		}
		k, err := openGrant(g.Key, t.me, r.Team, g.Epoch, e.Recipient)
		if err != nil {
			problem = refusef(ReasonNoKey, peerplaypay.ECORRUPT, err.Error(),
				"The team key for epoch %d that roster version %d gives you cannot be opened. Content of that epoch stays unreadable; ask a member to remove and re-add you.", g.Epoch, g.Version)
			continue
		}
		t.keys[g.Epoch] = k
	}
	if k := t.keys[r.CurrentEpoch().Number]; k != nil {
		if names, err := openNames(r.sealed, k); err == nil {
			t.names = names
		}
	}
	t.roster = r
	return problem
}

// Refresh reads the roster versions newer than ours (one list request when
// there are none) and verifies them. On a bad version the team keeps the
// roster as of the last good one and returns the error.
//
// The listing starts at our own head, which must still be in the share
// with the bytes we verified: a head deleted or replaced is a fork
// (ReasonRosterFork), reported and never followed. That costs one read of
// the head on every refresh.
func (t *Team) Refresh(ctx context.Context) (changed bool, err error) {
	r := t.Roster()
	if f := t.Fork(); f != nil {
		return false, f
	}
	all, foreign, err := listRoster(ctx, t.b)
	t.noteIgnored(foreign)
	if err != nil {
		return false, err
	}
	if err := t.checkHead(ctx, r, all); err != nil {
		return false, err
	}
	next, err := readRosterListed(ctx, t.b, r.Team, r.Genesis, r, all)
	if next == r {
		return false, err
	}
	return true, errors.Join(err, t.absorb(next))
}

// readRoster reads from the share the roster versions after cur (from the
// first when cur is nil, checked against genesis unless it is zero) and
// verifies each one as soon as it is read: an unverified version is never
// held beside another, and nothing after a bad or missing version is read
// at all. It returns the roster as of the last good version (nil when
// there is none), the foreign names found in roster/, and why it stopped.
func readRoster(ctx context.Context, b backend.Backend, team TeamID, genesis Hash, cur *Roster) (*Roster, []string, error) {
	all, foreign, err := listRoster(ctx, b)
	if err != nil {
		return cur, nil, err
	}
	r, err := readRosterListed(ctx, b, team, genesis, cur, all)
	return r, foreign, err
}

// listRoster lists roster/ whole, not only what follows our version: it is
// the same single request below 1000 versions, and a foreign name sorting
// before our version (a conflict copy of an old one) is still seen, so it
// stays listed for as long as it is there; and our own head is in it.
func listRoster(ctx context.Context, b backend.Backend) (ours []backend.Entry, foreign []string, err error) {
	ours, foreign, err = listOurs(ctx, b, rosterPrefix, "", isRosterKey)
	if err != nil {
		return nil, nil, fmt.Errorf("read roster: %w", err)
	}
	return ours, foreign, nil
}

// readRosterListed reads, of the listed versions, those after cur and
// verifies each as soon as it is read (see readRoster).
func readRosterListed(ctx context.Context, b backend.Backend, team TeamID, genesis Hash, cur *Roster, all []backend.Entry) (*Roster, error) {
	after := uint64(0)
	if cur != nil {
		after = cur.Version
	}
	var entries []backend.Entry
	for _, e := range all {
		if n, _ := parseSeqName(lastSegment(e.Key, rosterPrefix)); n > after {
			entries = append(entries, e)
		}
	}
	for i, e := range entries {
		want := after + uint64(i) + 1
		if n, _ := parseSeqName(lastSegment(e.Key, rosterPrefix)); n != want {
			return cur, rosterRefusal(ReasonBrokenChain, want, "missing", fmt.Sprintf(
				"Roster version %d is missing from the team share; the versions after it were ignored. If the share is a synced folder it may still be arriving.", want))
		}
		if e.Size > maxRosterVersion {
			return cur, rosterRefusal(ReasonMalformed, want, "too large", fmt.Sprintf(
				"Roster version %d in the team share is larger than any valid version. It and everything after it were ignored.", want))
		}
		raw, err := readObject(ctx, b, e.Key, maxRosterVersion)
		if err != nil {
			if e, ok := err.(*Error); ok {
				e.Seq = want
			}
			return cur, fmt.Errorf("read roster: %w", err)
		}
		var next *Roster
		if cur == nil {
			next, err = VerifyRoster(team, genesis, [][]byte{raw})
		} else {
			next, err = cur.next(raw)
		}
		if err != nil {
			return cur, err
		}
		cur = next
	}
	return cur, nil
}

// readObject reads a small object whole, refusing one larger than limit
// while reading it: never more than limit+1 bytes are read, whatever the
// object's size.
func readObject(ctx context.Context, b backend.Backend, key string, limit int64) ([]byte, error) {
	r, err := b.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", key, err)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(key)
	}
	return data, nil
}

func tooLarge(key string) *Error {
	return refuse(ReasonMalformed, peerplaypay.ECORRUPT, key, "too large", fmt.Sprintf(
		"%s in the team share is larger than any valid object of its kind. It was ignored.", key))
}

// nextDoc starts the roster version after r, signed by us.
func (t *Team) nextDoc(r *Roster, op string, member MemberID) *rosterDoc {
	doc := &rosterDoc{
		Team: r.Team, Version: r.Version + 1, Prev: r.Hash, Signer: t.me.id, At: t.now().UTC(),
		Change: rosterChange{Op: op, Member: member},
	}
	for _, m := range r.members {
		doc.Members = append(doc.Members, fromMember(m))
	}
	for _, e := range r.epochs {
		doc.Epochs = append(doc.Epochs, rosterEpoch{Epoch: e.Number, Recipient: e.Recipient, Version: e.Version})
	}
	return doc
}

// refreshForChange brings the roster up to date before we change it. Any
// doubt about the roster in the share (a version missing, perhaps still
// syncing, or one that does not verify) stops the change: writing the
// next version on top of an incomplete view would fork the team.
func (t *Team) refreshForChange(ctx context.Context) error {
	if _, err := t.Refresh(ctx); err != nil {
		return fmt.Errorf("the team list in the share could not be read completely, so the team was not changed: %w", err)
	}
	return nil
}

// requireActive refuses changes by a member that has been removed.
func (t *Team) requireActive(r *Roster) error {
	if !r.IsActive(t.me.id) {
		return peerplaypay.Errorf(peerplaypay.EINVALID, "You are no longer a member of this team, so you cannot change it or write to it.")
	}
	return nil
}

// commit writes the next roster version create-only. Losing the race to
// another member's change is ECONFLICT (ReasonRosterConflict); the team is
// refreshed, and the caller may try again on top of the new version.
func (t *Team) commit(ctx context.Context, r *Roster, doc *rosterDoc) error {
	if f := t.Fork(); f != nil {
		return f
	}
	raw, err := sealRosterDoc(doc, t.me)
	if err != nil {
		return err
	}
	err = t.b.Put(ctx, rosterKey(doc.Version), bytes.NewReader(raw), backend.PutOptions{CreateOnly: true})
	if errors.Is(err, backend.ErrExists) {
		_, _ = t.Refresh(ctx)
		return rosterRefusal(ReasonRosterConflict, doc.Version, "version taken",
			"Another member changed the team at the same moment. The team list has been refreshed; please try again.")
	} else if err != nil {
		return fmt.Errorf("write roster version %d: %w", doc.Version, err)
	}
	next, err := r.next(raw)
	if err != nil {
		return fmt.Errorf("verify own roster version %d: %w", doc.Version, err)
	}
	return t.absorb(next)
}

// sealedFor re-seals the names (with changes applied) to a recipient.
func (t *Team) sealedFor(change func(map[MemberID]string), k *EpochKey) ([]byte, error) {
	t.mu.RLock()
	names := sealedNames{TeamName: t.names.TeamName, Names: map[MemberID]string{}}
	for id, n := range t.names.Names {
		names.Names[id] = n
	}
	t.mu.RUnlock()
	change(names.Names)
	return sealNames(names, k.Recipient())
}

// Remove removes a member and starts a new epoch whose key is granted to
// every remaining member only. last is the removed member's last batch as
// we have verified it: its batches after that are refused by everyone.
// Content of earlier epochs stays readable to whoever had their keys,
// including the removed member: that cannot be taken back.
func (t *Team) Remove(ctx context.Context, id MemberID, last Position) error {
	if err := t.refreshForChange(ctx); err != nil {
		return err
	}
	r := t.Roster()
	if err := t.requireActive(r); err != nil {
		return err
	}
	if !r.IsActive(id) {
		return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "That person is not a member of the team (any more).")
	}
	if len(r.Active()) == 1 {
		return peerplaypay.Errorf(peerplaypay.EINVALID, "The last member of a team cannot be removed.")
	}
	cur := r.CurrentEpoch().Number
	if _, ok := t.epochKey(cur); !ok {
		// Without it we cannot read the names to re-seal them.
		return refusef(ReasonNoKey, peerplaypay.EUNAVAILABLE, fmt.Sprintf("epoch %d", cur),
			"You do not hold the team's current key, so you cannot remove members. Ask another member to do it.")
	}
	k, err := newEpochKey(r.Team, cur+1)
	if err != nil {
		return err
	}
	doc := t.nextDoc(r, ChangeRemove, id)
	for i := range doc.Members {
		m := &doc.Members[i]
		if m.ID == id {
			m.RemovedBy, m.RemovedEpoch, m.RemovedVersion = t.me.id, cur+1, doc.Version
			m.LastSeq, m.LastHash = last.Seq, last.Hash
			continue
		}
		if m.RemovedEpoch != 0 {
			continue
		}
		mr, err := parseRecipient(m.Recipient)
		if err != nil {
			return err
		}
		g, err := k.grant(r.Team, mr)
		if err != nil {
			return err
		}
		doc.Grants = append(doc.Grants, rosterGrant{Member: m.ID, Epoch: cur + 1, Key: g})
	}
	doc.Epochs = append(doc.Epochs, rosterEpoch{Epoch: cur + 1, Recipient: k.Recipient().String(), Version: doc.Version})
	if doc.Sealed, err = t.sealedFor(func(map[MemberID]string) {}, k); err != nil {
		return err
	}
	return t.commit(ctx, r, doc)
}

package share

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strings"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
)

// SealedBatch is a batch built and signed but perhaps not yet in the
// share. Its bytes are final: the caller stores them (in its outbox)
// before PutBatch, so that a retry after a crash sends the very same bytes.
type SealedBatch struct {
	Author MemberID
	Seq    uint64
	Epoch  uint32
	Hash   Hash
	Raw    []byte
}

// Key is where the batch goes in the share.
func (s *SealedBatch) Key() string { return batchKey(s.Author, s.Seq) }

// Position is the author's chain position once the batch is written.
func (s *SealedBatch) Position() Position { return Position{Seq: s.Seq, Hash: s.Hash} }

// SealBatch builds our next batch after prev (our last written batch),
// encrypted to the current epoch. Encryption is randomised, so sealing the
// same events twice gives different bytes: keep the SealedBatch until
// PutBatch has succeeded rather than sealing again.
func (t *Team) SealBatch(prev Position, events []Event) (*SealedBatch, error) {
	r := t.Roster()
	if err := t.requireActive(r); err != nil {
		return nil, err
	}
	if f := t.Fork(); f != nil {
		return nil, f // never encrypt to a branch we have not verified as ours
	}
	if len(events) == 0 {
		return nil, peerplaypay.Errorf(peerplaypay.EINVALID, "A batch needs at least one event.")
	}
	for _, e := range events {
		if err := e.validate(); err != nil {
			return nil, fmt.Errorf("seal batch: %w", err)
		}
	}
	if prev.Seq >= maxSeq {
		return nil, peerplaypay.Errorf(peerplaypay.EINVALID, "Your event history in this share is full.")
	}
	ep := r.CurrentEpoch()
	k, ok := t.epochKey(ep.Number)
	if !ok {
		return nil, refusef(ReasonNoKey, peerplaypay.EUNAVAILABLE, fmt.Sprintf("epoch %d", ep.Number),
			"You do not hold the team's current key, so nothing can be sent to the team. Ask a member to remove and re-add you.")
	}
	h := batchHeader{Team: r.Team, Author: t.me.id, Seq: prev.Seq + 1, Epoch: ep.Number, Prev: prev.Hash, Roster: r.Head()}
	raw, err := sealBatch(h, events, k.Recipient(), t.me)
	if err != nil {
		return nil, err
	}
	return &SealedBatch{Author: t.me.id, Seq: h.Seq, Epoch: h.Epoch, Hash: sha256.Sum256(raw), Raw: raw}, nil
}

// PutBatch writes a sealed batch, create-only. A batch already there with
// the same bytes is success (a retry whose first answer was lost). Other
// bytes under our number mean that another copy of this identity (a second
// laptop, a restored backup) wrote it: ECONFLICT, ReasonSeqTaken. Then call
// RecoverPosition and seal the unsent events again after it.
func (t *Team) PutBatch(ctx context.Context, s *SealedBatch) error {
	err := t.b.Put(ctx, s.Key(), bytes.NewReader(s.Raw), backend.PutOptions{CreateOnly: true})
	if err == nil || !errors.Is(err, backend.ErrExists) {
		return err
	}
	existing, gerr := readObject(ctx, t.b, s.Key(), maxBatchObject)
	if gerr != nil {
		return fmt.Errorf("put batch %d: compare with the existing one: %w", s.Seq, gerr)
	}
	if bytes.Equal(existing, s.Raw) {
		return nil
	}
	e := refuse(ReasonSeqTaken, peerplaypay.ECONFLICT, s.Key(), "different batch under the same number", fmt.Sprintf(
		"Batch %d of your events already exists in the team share with other content: another copy of your identity wrote it. PeerPlayPay will read your history from the share and send your new events after it.", s.Seq))
	e.Member, e.Seq = s.Author, s.Seq
	return e
}

// RecoverPosition finds our own last batch in the share (one list request,
// one read) for a writer that lost its local state: a new laptop restored
// from the recovery key. The batch's signature is checked; reading our
// own history with ReadBatches from the zero Position verifies the chain.
func (t *Team) RecoverPosition(ctx context.Context) (Position, error) {
	entries, err := t.listOurs(ctx, eventsPrefix(t.me.id), "", isBatchKey(t.me.id))
	if err != nil {
		return Position{}, fmt.Errorf("recover position: %w", err)
	}
	if len(entries) == 0 {
		return Position{}, nil
	}
	last := entries[len(entries)-1]
	seq, _ := parseSeqName(lastSegment(last.Key, eventsPrefix(t.me.id)))
	raw, err := readObject(ctx, t.b, last.Key, maxBatchObject)
	if err != nil {
		return Position{}, fmt.Errorf("recover position: %w", err)
	}
	f, err := parseFrame(raw, magicBatch, "batch", last.Key)
	if err != nil {
		return Position{}, err
	}
	h, ok := parseBatchHeader(f.header)
	r := t.Roster()
	if !ok || !f.verify(t.me.Public().Signing) || h.Author != t.me.id || h.Seq != seq || h.Team != r.Team {
		return Position{}, batchRefusal(ReasonBadSignature, t.me.id, seq, "own last batch does not verify")
	}
	// Our last batch names the roster we had verified: a roster that does
	// not contain it (put back to an older copy, or another branch) is not
	// ours to write to.
	if held, ok := r.HeadAt(h.Roster.Version); !ok || held.Hash != h.Roster.Hash {
		return Position{}, t.noteFork(t.forkError(Fork{Version: h.Roster.Version, Held: held, HeldUpTo: r.Version, Other: h.Roster, By: t.me.id, Seq: seq}))
	}
	return Position{Seq: seq, Hash: f.hash}, nil
}

// ReadBatches verifies, decrypts and hands to apply, in order, the batches
// of member after `after`: one list request when there is nothing new. It
// stops at the first batch that fails any check, returning the Position of
// the last batch applied together with the *Error that names the reason;
// nothing after a bad batch is ever applied. An error from apply stops it
// the same way (the batch it failed on is not counted as applied).
//
// The batches of a removed member after the last one accepted at its
// removal are never applied; only the newest is looked at, for a fork or a
// write its author knew it was not allowed to make.
func (t *Team) ReadBatches(ctx context.Context, member MemberID, after Position, apply func(*Batch) error) (Position, error) {
	return t.ReadBatchesListed(ctx, member, after, nil, apply)
}

// ReadBatchesListed is ReadBatches taking the member's batches from
// listing (ListMembers), without a list request of its own; a nil listing
// lists them.
func (t *Team) ReadBatchesListed(ctx context.Context, member MemberID, after Position, listing *MembersListing, apply func(*Batch) error) (Position, error) {
	r := t.Roster()
	if m, ok := r.Member(member); ok && m.Removed() && after.Seq >= m.LastSeq {
		return after, t.checkRemovedTail(ctx, r, m, listing)
	}
	entries, err := t.batchesAfter(ctx, member, after.Seq, listing)
	if err != nil {
		return after, fmt.Errorf("read batches: %w", err)
	}
	return t.readEntries(ctx, member, after, entries, func(_ int, e backend.Entry) ([]byte, *opened, error) {
		raw, err := readObject(ctx, t.b, e.Key, maxBatchObject)
		return raw, nil, err
	}, apply)
}

// readEntries verifies, decrypts and applies member's listed batches
// after `after`, in order, taking the bytes of entries[i] from get, which
// is asked for each batch only once the ones before it are applied, and
// never for a batch after a gap or one too large to read. get may also
// give the batch already decrypted (opened): used only once every check
// before decryption has passed here, and only if it was opened with the
// very key these checks lead to.
func (t *Team) readEntries(ctx context.Context, member MemberID, after Position, entries []backend.Entry, get func(int, backend.Entry) ([]byte, *opened, error), apply func(*Batch) error) (Position, error) {
	r := t.Roster()
	pos := after
	refreshed := false
	for i, e := range entries {
		seq, _ := parseSeqName(lastSegment(e.Key, eventsPrefix(member)))
		if seq != pos.Seq+1 {
			return pos, batchRefusal(ReasonBrokenChain, member, pos.Seq+1, fmt.Sprintf("batch %d is missing", pos.Seq+1))
		}
		if e.Size > maxBatchObject {
			return pos, batchRefusal(ReasonMalformed, member, seq, "too large")
		}
		raw, pre, err := get(i, e)
		if err != nil {
			return pos, fmt.Errorf("read batch %d of %s: %w", seq, member, err)
		}
		h, f, err := verifyBatch(raw, r, member, seq, pos.Hash)
		if beyondHead(err) && !refreshed {
			// Written after a roster change that reached the share after our
			// refresh: read the roster again before calling it a fork.
			refreshed = true
			if _, rerr := t.Refresh(ctx); rerr == nil {
				r = t.Roster()
				h, f, err = verifyBatch(raw, r, member, seq, pos.Hash)
			} else if ReasonOf(rerr) == "" {
				return pos, rerr // the share failed: not a reason to call it a fork
			}
		}
		if e := (*Error)(nil); errors.As(err, &e) && e.Fork != nil {
			return pos, t.noteFork(t.forkError(*e.Fork))
		}
		if err != nil {
			return pos, err
		}
		if err := t.checkHeadSigner(member, seq, r, h.Roster); err != nil {
			return pos, err
		}
		k, ok := t.epochKey(h.Epoch)
		if !ok {
			return pos, batchRefusal(ReasonNoKey, member, seq, fmt.Sprintf("epoch %d", h.Epoch))
		}
		var b *Batch
		if pre != nil && pre.key == k {
			b, err = pre.batch, pre.err
		} else {
			b, err = openBatch(h, f, k)
		}
		if err != nil {
			return pos, err
		}
		b.Size = int64(len(raw))
		if err := apply(b); err != nil {
			return pos, fmt.Errorf("apply batch %d of %s: %w", seq, member, err)
		}
		pos = b.Position()
	}
	return pos, nil
}

// checkRemovedTail looks at the newest batch a removed member wrote after
// the last one accepted at its removal (one list request, and one read if
// there is such a batch). A batch of theirs naming a roster version that
// is not ours is a fork: on the branch they hold, they were never removed,
// which is what a member sees whose roster followed a forged removal of
// the real remover. A batch naming, with the right hash, a version that
// already removes them was written by an app that knew it: reported, and
// ignored. Anything else there (a batch of an app that had not synced
// since the removal) is ignored without a word.
func (t *Team) checkRemovedTail(ctx context.Context, r *Roster, m Member, listing *MembersListing) error {
	entries, err := t.batchesAfter(ctx, m.ID, m.LastSeq, listing)
	if err != nil {
		return fmt.Errorf("read batches: %w", err)
	}
	for i := len(entries) - 1; i >= 0; i-- {
		seq, _ := parseSeqName(lastSegment(entries[i].Key, eventsPrefix(m.ID)))
		if entries[i].Size > maxBatchObject {
			continue
		}
		raw, err := readObject(ctx, t.b, entries[i].Key, maxBatchObject)
		if err != nil {
			return fmt.Errorf("read batch %d of %s: %w", seq, m.ID, err)
		}
		f, err := parseFrame(raw, magicBatch, "batch", entries[i].Key)
		if err != nil {
			return nil
		}
		h, ok := parseBatchHeader(f.header)
		if !ok || !f.verify(m.Signing) || h.Author != m.ID || h.Team != r.Team || h.Seq != seq {
			return nil
		}
		if held, ok := r.HeadAt(h.Roster.Version); !ok || held.Hash != h.Roster.Hash {
			return t.noteFork(t.forkError(Fork{Version: h.Roster.Version, Held: held, HeldUpTo: r.Version, Other: h.Roster, By: m.ID, Seq: seq}))
		}
		if err := t.checkHeadSigner(m.ID, seq, r, h.Roster); err != nil {
			return err
		}
		if h.Roster.Version >= m.RemovedVersion {
			return t.removedWriterRefusal(m, seq, h.Roster)
		}
		return nil
	}
	return nil
}

// MembersListing is the folder members/ listed whole: every member's
// batches and chunks.
type MembersListing struct {
	entries []backend.Entry // ours, in key order
}

// ListMembers lists members/ whole, one request per 1000 objects, and
// notes every foreign name in the members' folders: at their top, among
// their chunks, and among batches already read, none of which the listing
// of a member's new batches meets. ReadBatchesListed then takes each
// member's new batches from it.
func (t *Team) ListMembers(ctx context.Context) (*MembersListing, error) {
	entries, err := t.listOurs(ctx, membersPrefix, "", isMemberKey)
	if err != nil {
		return nil, fmt.Errorf("list the members' folders: %w", err)
	}
	return &MembersListing{entries: entries}, nil
}

// batchesAfter returns the entries of member's batches after seq: from
// listing if there is one, else listed (one request when none is new).
func (t *Team) batchesAfter(ctx context.Context, member MemberID, seq uint64, listing *MembersListing) ([]backend.Entry, error) {
	startAfter := ""
	if seq > 0 {
		startAfter = batchKey(member, seq)
	}
	if listing == nil {
		return t.listOurs(ctx, eventsPrefix(member), startAfter, isBatchKey(member))
	}
	prefix, ours := eventsPrefix(member), isBatchKey(member)
	i, _ := slices.BinarySearchFunc(listing.entries, prefix, func(e backend.Entry, p string) int { return strings.Compare(e.Key, p) })
	var out []backend.Entry
	for _, e := range listing.entries[i:] {
		if !strings.HasPrefix(e.Key, prefix) {
			break
		}
		if e.Key > startAfter && ours(e.Key) {
			out = append(out, e)
		}
	}
	return out, nil
}

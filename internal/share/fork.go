package share

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
)

// Fork is two roster versions with one number: the one this laptop
// verified and pins (Held), and another that the share holds now or that a
// member's batch names (Other). Anyone who can write to the share, a
// removed member included, can delete or replace a version; what they
// cannot do is make every member follow it unnoticed.
type Fork struct {
	Version uint64
	// Held is this laptop's version; zero Hash when its roster ends before
	// Version (HeldUpTo).
	Held     Head
	HeldUpTo uint64
	// Other is the version found instead; zero Hash when the share holds
	// none any more (deleted).
	Other Head
	// By and Seq name the batch that named Other; By is zero when the share
	// itself shows it.
	By  MemberID
	Seq uint64
	// Restored is set when this laptop put its deleted version back.
	Restored bool
}

// forkAdvice says what to do, in every fork message: the fork itself is
// settled by people, since both branches are validly signed.
const forkAdvice = "Nothing is sent to the team, and nothing from a branch this laptop has not verified is used, until this is settled: " +
	"check with your team who changed the team list, and change the share's access (new storage keys, folder permissions) so that removed members can no longer write to it."

// forkMessage describes a fork in words, naming who signed each version.
func forkMessage(f Fork, name func(MemberID) string) string {
	who := func(id MemberID) string {
		if id.IsZero() {
			return "nobody known"
		}
		if n := name(id); n != "" {
			return n
		}
		return "member " + id.String()[:8]
	}
	v := f.Version
	var what string
	switch {
	case f.By.IsZero() && f.Other.Hash.IsZero():
		what = fmt.Sprintf("roster version %d, signed by %s, which this laptop had verified, is gone from the share", v, who(f.Held.Signer))
		if f.Restored {
			what += "; this laptop put its copy back"
		}
	case f.By.IsZero():
		what = fmt.Sprintf("this laptop verified roster version %d signed by %s, but the share now holds another version %d, signed by %s", v, who(f.Held.Signer), v, who(f.Other.Signer))
	case f.Held.Hash.IsZero():
		// The signer of a version this laptop cannot read is the batch's
		// word only: said as such.
		what = fmt.Sprintf("%s's batch %d names roster version %d, signed by %s as it says, which this laptop cannot verify: the team list in the share ends at version %d here (version %d was deleted or is on another branch)",
			who(f.By), f.Seq, v, who(f.Other.Signer), f.HeldUpTo, v)
	default:
		what = fmt.Sprintf("%s's batch %d names roster version %d, signed by %s as it says, but this laptop verified another version %d, signed by %s", who(f.By), f.Seq, v, who(f.Other.Signer), v, who(f.Held.Signer))
	}
	return fmt.Sprintf("The team list has a fork at roster version %d: %s. %s", v, what, forkAdvice)
}

// forkError builds the refusal for f, in words with the members' names.
func (t *Team) forkError(f Fork) *Error {
	key := rosterKey(f.Version)
	if !f.By.IsZero() {
		key = batchKey(f.By, f.Seq)
	}
	e := refuse(ReasonRosterFork, peerplaypay.ECONFLICT, key,
		fmt.Sprintf("roster version %d: held %s by %s, other %s by %s", f.Version, f.Held.Hash, f.Held.Signer, f.Other.Hash, f.Other.Signer),
		forkMessage(f, t.MemberName))
	e.Member, e.Seq, e.Fork = f.By, f.Seq, &f
	return e
}

// Fork is the fork this Team found (in the share's roster or in a batch),
// nil if none. While there is one, the Team writes nothing: no batch, no
// roster version.
func (t *Team) Fork() *Error {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.fork
}

func (t *Team) noteFork(e *Error) *Error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.fork == nil {
		t.fork = e
	}
	return e
}

// checkHead checks that the share still holds this laptop's roster head,
// byte for byte; entries is the listing of roster/ that starts at it. A
// head that is gone is put back from our copy (create-only, so it never
// replaces anything): the members who had not seen it then do.
func (t *Team) checkHead(ctx context.Context, r *Roster, entries []backend.Entry) error {
	head := r.Head()
	key := rosterKey(head.Version)
	f := Fork{Version: head.Version, Held: head, HeldUpTo: r.Version, Other: Head{Version: head.Version}}
	if !slices.ContainsFunc(entries, func(e backend.Entry) bool { return e.Key == key }) {
		raw := r.versions[head.Version-1]
		err := t.b.Put(ctx, key, bytes.NewReader(raw), backend.PutOptions{CreateOnly: true})
		f.Restored = err == nil
		return t.noteFork(t.forkError(f))
	}
	raw, err := readObject(ctx, t.b, key, maxRosterVersion)
	if backend.KindOf(err) == backend.KindNotFound {
		return t.noteFork(t.forkError(f))
	} else if err != nil {
		return fmt.Errorf("read roster head: %w", err)
	}
	if sha256.Sum256(raw) == head.Hash {
		return nil
	}
	f.Other.Hash = sha256.Sum256(raw)
	if _, doc, err := parseRosterVersion(raw, head.Version); err == nil {
		f.Other.Signer = doc.Signer
	}
	return t.noteFork(t.forkError(f))
}

// beyondHead reports whether err is a batch naming a roster version after
// ours: a refresh may bring it, and only if it does not is that a fork.
func beyondHead(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Fork != nil && e.Fork.Held.Hash.IsZero() && !e.Fork.By.IsZero()
}

package share

import (
	"errors"
	"fmt"

	"peerplaypay/internal/peerplaypay"
)

// Reason says precisely why the share refused something. Each check has its
// own, so that callers, tests and the person reading a report can tell an
// attack from a bug from a newer app.
type Reason string

const (
	// Any signed object (batch, roster version, join request, refusal).
	ReasonMalformed    Reason = "malformed"     // not an object of this kind, or cut short
	ReasonNewerFormat  Reason = "newer-format"  // written by a newer app; kept, not an error of its author
	ReasonBadSignature Reason = "bad-signature" // a byte was changed after signing
	ReasonWrongTeam    Reason = "wrong-team"    // belongs to another team
	ReasonNotMember    Reason = "not-member"    // signer not in the roster, or removed before it wrote this

	// Event batches.
	ReasonWrongAuthor   Reason = "wrong-author"  // another member's batch copied into this folder
	ReasonReplayed      Reason = "replayed"      // an older batch stored again under a later number
	ReasonBrokenChain   Reason = "broken-chain"  // a batch missing, moved earlier, or not chained to its predecessor
	ReasonRosterBehind  Reason = "roster-behind" // uses an epoch this roster does not know yet: refresh the roster
	ReasonUndecryptable Reason = "undecryptable" // signed by a member but cannot be decrypted with the team key
	ReasonBadPayload    Reason = "bad-payload"   // decrypted, but the events inside are not well formed
	ReasonSeqTaken      Reason = "seq-taken"     // our batch number was already used for a different batch
	ReasonDatedAhead    Reason = "dated-ahead"   // an event whose time is still to come here: held, not refused

	// Roster.
	ReasonGenesisMismatch Reason = "genesis-mismatch" // the team's first version is not the one we trust
	ReasonInvalidChange   Reason = "invalid-change"   // a roster version changes what the rules forbid
	ReasonRosterConflict  Reason = "roster-conflict"  // another member changed the team at the same time
	ReasonNoKey           Reason = "no-key"           // we hold no key for that epoch
	ReasonRosterFork      Reason = "roster-fork"      // two roster versions with one number: one verified here, another in the share or named by a batch
	ReasonRosterClaim     Reason = "roster-claim"     // a batch says something of a roster version that the verified roster does not show

	// Join.
	ReasonWrongCode Reason = "wrong-code" // the safety codes differ

	// Recovery keys.
	ReasonRecoveryDamaged     Reason = "recovery-damaged"      // a typo, a missing line, a truncated file
	ReasonRecoveryOtherMember Reason = "recovery-other-member" // a valid key, of someone else
	ReasonRecoveryOtherTeam   Reason = "recovery-other-team"   // a valid key, made for another team

	// Blobs.
	ReasonBlobCorrupt Reason = "blob-corrupt" // a chunk or the whole file fails its check
)

// Error is a refusal by the share's rules. Its chain holds the
// *peerplaypay.Error to show the person, and the cause if any.
type Error struct {
	Reason Reason
	Key    string   // the object in the share, when there is one
	Member MemberID // the member concerned, when there is one
	Seq    uint64   // the batch or roster version concerned, when there is one
	Detail string   // what exactly failed, for logs and reports
	Fork   *Fork    // the two versions, for ReasonRosterFork
	User   *peerplaypay.Error
	Err    error
}

func (e *Error) Error() string {
	s := "share: " + string(e.Reason)
	if e.Key != "" {
		s += " at " + e.Key
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() []error {
	var errs []error
	if e.User != nil {
		errs = append(errs, e.User)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// ReasonOf returns the Reason of the first *Error in err's chain, "" if none.
func ReasonOf(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}

// refuse builds an *Error; msg is the sentence for the person.
func refuse(reason Reason, code, key, detail, msg string) *Error {
	return &Error{Reason: reason, Key: key, Detail: detail, User: peerplaypay.Errorf(code, "%s", msg)}
}

func refusef(reason Reason, code, detail, format string, args ...any) *Error {
	return refuse(reason, code, "", detail, fmt.Sprintf(format, args...))
}

package share

import (
	"encoding/json"
	"fmt"
	"time"
)

// Event is one thing a member tells the team. Data is opaque to the share:
// its schema belongs to the kind and its version.
type Event struct {
	ID   EventID         `json:"id"`
	Kind string          `json:"kind"`
	V    int             `json:"v"`
	At   time.Time       `json:"at"`
	Data json.RawMessage `json:"data,omitempty"`

	// Author is the batch's author, filled in on read; it is not stored
	// per event, because the batch's signature already says who wrote it.
	Author MemberID `json:"-"`
}

// Event kinds, with the highest version of each this app understands.
// Rules (PROTOCOL.md, "Events"): a kind is never reused for another
// meaning; adding an optional field keeps the version; any other change
// is a new version. A reader keeps events of unknown kinds or of newer
// versions and skips applying them, so an older app works beside a newer
// one and catches up once updated. Applying is idempotent (by author and
// event ID: an ID is its author's choice, so another member may reuse it),
// and a deletion travels as a tombstone event naming what it deletes.
const (
	KindLogPublished    = "log.published"        // a stand-up log shared with the team; a recording travels as a blob Manifest
	KindLogEdited       = "log.edited"           // new text fields of a published log
	KindLogDeleted      = "log.deleted"          // tombstone: peers delete their copy and its media
	KindCommentAdded    = "comment.added"        // a comment on a log, maybe at a moment of it, maybe a reply
	KindCommentEdited   = "comment.edited"       // new text of one of the author's comments
	KindCommentDeleted  = "comment.deleted"      // tombstone of one of the author's comments
	KindReactionSet     = "reaction.set"         // one of a fixed set of reactions on a log, set or taken back
	KindThanksGiven     = "thanks.given"         // a Thanks to a peer, visible to the whole team
	KindThanksEdited    = "thanks.edited"        // a Thanks's new reason, within 10 minutes of giving it
	KindThanksWithdrawn = "thanks.withdrawn"     // a Thanks taken back, within 10 minutes of giving it
	KindGoalSet         = "goal.set"             // a goal created or changed (whole goal, last writer wins)
	KindGoalDeleted     = "goal.deleted"         // tombstone of a goal
	KindCheckInAdded    = "checkin.added"        // progress update on a goal
	KindHelpOffered     = "help.offered"         // an offer of help on a goal or on a log's help request
	KindSessionItem     = "session.item"         // an item of the weekly team session, added or changed by its author
	KindSessionDeleted  = "session.item.deleted" // tombstone of one of the author's session items
	KindSessionComment  = "session.comment"      // a comment on a session item
	KindSessionVote     = "session.vote"         // the author's dots in one part of a session (the whole set)
	KindSessionNote     = "session.note"         // a revision of a session's note or decision
	KindExperimentSet   = "experiment.set"       // an experiment the team runs, created or changed by its author
	KindSessionOutcome  = "session.outcome"      // what came of an experiment or a success moment
	KindProfileSet      = "profile.set"          // the author's display name and role as peers see them
	KindTeamSettings    = "team.settings"        // a member's change of the team's own practice (questions, session, cause...)
)

// KnownKinds maps each kind to the highest version this app applies.
var KnownKinds = map[string]int{
	KindLogPublished: 1, KindLogEdited: 1, KindLogDeleted: 1,
	KindCommentAdded: 1, KindCommentEdited: 1, KindCommentDeleted: 1, KindReactionSet: 1,
	KindThanksGiven: 1, KindThanksEdited: 1, KindThanksWithdrawn: 1, KindGoalSet: 1, KindGoalDeleted: 1,
	KindCheckInAdded: 1, KindHelpOffered: 1, KindSessionItem: 1, KindSessionDeleted: 1, KindSessionComment: 1,
	KindSessionVote: 1, KindSessionNote: 1, KindExperimentSet: 1, KindSessionOutcome: 1,
	KindProfileSet: 1, KindTeamSettings: 1,
}

// Known reports whether this app can apply the event; an event that is not
// known is kept and skipped.
func (e Event) Known() bool {
	v, ok := KnownKinds[e.Kind]
	return ok && e.V >= 1 && e.V <= v
}

// validate checks what every event must have, whatever its kind.
func (e Event) validate() error {
	if e.ID == (EventID{}) {
		return fmt.Errorf("event without an ID")
	}
	if !validKind(e.Kind) {
		return fmt.Errorf("event %s: kind %q is not lowercase letters, digits, '.', '_' or '-' (at most 64)", e.ID, e.Kind)
	}
	if e.V < 1 {
		return fmt.Errorf("event %s: version %d", e.ID, e.V)
	}
	if e.At.IsZero() {
		return fmt.Errorf("event %s: no time", e.ID)
	}
	if len(e.Data) > 0 && !json.Valid(e.Data) {
		return fmt.Errorf("event %s: data is not JSON", e.ID)
	}
	return nil
}

func validKind(k string) bool {
	if k == "" || len(k) > 64 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

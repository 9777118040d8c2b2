package teamsync

import (
	"context"
	"encoding/json"
	"fmt"

	"peerplaypay/internal/peerplaypay"
)

// retentionChecker checks a peer's log.media_expired and log.pinned events
// (PROTOCOL.md §11.6) against what this reader holds and what came before
// in the same batch. A modified client writes what it likes: an expiry of
// another member's log (whose chunks it cannot delete, but whose readers
// would drop their copies and show it gone), of a log nobody published,
// of a recording the log no longer has, or of a log its author pinned.
// Any of those refuses the batch, naming its author (§11.3). The author is
// the batch's, which §11.2 has already checked is a member at that point
// of the roster: a removed member's events after its removal, and anything
// the host writes, never reach this.
type retentionChecker struct {
	facts  peerplaypay.RetentionStore
	author string
	me     string
	name   func(id string) string
	logs   map[string]peerplaypay.PeerLogState // the author's logs as this batch left them
}

func newRetentionChecker(facts peerplaypay.RetentionStore, author, me string, name func(string) string) *retentionChecker {
	return &retentionChecker{facts: facts, author: author, me: me, name: name, logs: map[string]peerplaypay.PeerLogState{}}
}

// whose names the holder of a log: "your" for this reader, else the
// member's name with 's.
func (c *retentionChecker) whose(id string) string {
	if id == "" || id == c.me {
		return "your"
	}
	return memberCalled(c.name, id) + "'s"
}

// state is the author's log uid as this batch leaves it so far.
func (c *retentionChecker) state(ctx context.Context, uid string) (peerplaypay.PeerLogState, error) {
	if st, ok := c.logs[uid]; ok {
		return st, nil
	}
	return c.facts.PeerLogState(ctx, c.author, uid)
}

// check says what is wrong with e ("" when nothing is). It also follows
// the log events of the batch, so that an expiry after a publication in
// the same batch is judged on the published log.
func (c *retentionChecker) check(ctx context.Context, e peerplaypay.ShareEvent) (string, error) {
	if e.V != 1 {
		return "", nil
	}
	switch e.Kind {
	case peerplaypay.EventLogPublished:
		var d peerplaypay.LogPublished
		if json.Unmarshal(e.Data, &d) == nil {
			c.logs[d.UID] = peerplaypay.PeerLogState{Exists: true, Kind: d.Kind, SHA256: d.SHA256}
		}
	case peerplaypay.EventLogDeleted:
		var d peerplaypay.LogDeleted
		if json.Unmarshal(e.Data, &d) == nil {
			c.logs[d.UID] = peerplaypay.PeerLogState{}
		}
	case peerplaypay.EventLogPinned:
		var d peerplaypay.LogPinned
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		st, why, err := c.ownLog(ctx, d.UID, "pins")
		if why != "" || err != nil {
			return why, err
		}
		st.Pinned = d.Pinned
		c.logs[d.UID] = st
	case peerplaypay.EventLogMediaExpired:
		var d peerplaypay.LogMediaExpired
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		st, why, err := c.ownLog(ctx, d.UID, "expires the recording of")
		if why != "" || err != nil {
			return why, err
		}
		switch {
		case st.Kind == peerplaypay.LogText:
			return "it expires the recording of a text log, which has none", nil
		case st.SHA256 != d.SHA256:
			return fmt.Sprintf("it expires a recording (sha256 %s) that is not its log's", quoted(d.SHA256)), nil
		case st.Pinned:
			return "it expires the recording of a log its author pinned: a pinned log's recording is kept", nil
		}
	}
	return "", nil
}

// ownLog is the author's log uid, or why an event that names it (doing
// what) is refused: a uid that is not one, another member's log, or a log
// the author never published (or deleted).
func (c *retentionChecker) ownLog(ctx context.Context, uid, doing string) (peerplaypay.PeerLogState, string, error) {
	if why := checkLogUID(uid); why != "" {
		return peerplaypay.PeerLogState{}, why, nil
	}
	st, err := c.state(ctx, uid)
	if err != nil || st.Exists {
		return st, "", err
	}
	holders, err := c.facts.UIDHolders(ctx, uid)
	if err != nil {
		return st, "", err
	}
	for _, h := range holders {
		if h != c.author {
			return st, fmt.Sprintf("it %s %s log: only a log's author does that", doing, c.whose(h)), nil
		}
	}
	return st, fmt.Sprintf("it %s a log it has not published (uid %s)", doing, uid), nil
}

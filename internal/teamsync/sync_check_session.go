package teamsync

import (
	"context"
	"encoding/json"
	"fmt"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
)

// sessionChecker checks a peer's weekly-session events by the rules the
// writer keeps (PROTOCOL.md §11.12), against what this reader holds and
// what came before in the same batch. A modified client writes what it
// likes: an item in a part the session does not have, four dots, another
// member's item edited in its own name. Any of those refuses the batch,
// naming its author (§11.3). The author is the batch's, which §11.2 has
// already checked is a member at that point of the roster: a removed
// member's events after its removal never reach this.
type sessionChecker struct {
	facts    peerplaypay.SessionFacts
	author   string
	isMember func(id string) bool
	name     func(id string) string
	// What this batch did before the event being checked.
	items    map[string]peerplaypay.SessionItemFact // by uid, the author's own
	uids     map[string]bool                        // what+" "+uid created in this batch
	comments map[string]bool                        // the author's comments of this batch, by uid: deleted
}

func newSessionChecker(facts peerplaypay.SessionFacts, author string, isMember func(string) bool, name func(string) string) *sessionChecker {
	return &sessionChecker{facts: facts, author: author, isMember: isMember, name: name,
		items: map[string]peerplaypay.SessionItemFact{}, uids: map[string]bool{}, comments: map[string]bool{}}
}

func (c *sessionChecker) who(id string) string {
	return memberCalled(c.name, id)
}

// check says what is wrong with e ("" when nothing is).
func (c *sessionChecker) check(ctx context.Context, e peerplaypay.ShareEvent) (string, error) {
	switch e.Kind {
	case peerplaypay.EventSessionItem:
		var d peerplaypay.SessionItemData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		return c.item(ctx, d)
	case peerplaypay.EventSessionItemDeleted:
		var d peerplaypay.SessionItemDeletedData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		own, other, err := c.lookupItem(ctx, d.UID)
		switch {
		case err != nil:
			return "", err
		case own == nil && other != "":
			return fmt.Sprintf("it deletes %s's session item: only an item's author deletes it", c.who(other)), nil
		case own != nil:
			f := *own
			f.Deleted = true
			c.items[d.UID] = f
		}
		return "", nil
	case peerplaypay.EventSessionComment:
		var d peerplaypay.SessionCommentData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		if !peerplaypay.IsUID(d.UID) {
			return fmt.Sprintf("the comment's uid %s is not a uid", quoted(d.UID)), nil
		}
		if why := c.checkRef("the item it comments on", d.Item); why != "" {
			return why, nil
		}
		if why := peerplaypay.CheckText("comment", d.Text, peerplaypay.MaxCommentLen, true); why != "" {
			return why, nil
		}
		why, err := c.fresh(ctx, "comment", d.UID)
		if why == "" && err == nil {
			c.comments[d.UID] = false
		}
		return why, err
	case peerplaypay.EventSessionCommentEdit:
		var d peerplaypay.SessionCommentEditData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		if why := peerplaypay.CheckText("comment", d.Text, peerplaypay.MaxCommentLen, true); why != "" {
			return why, nil
		}
		return c.ownComment(ctx, d.UID, "edits")
	case peerplaypay.EventSessionCommentDel:
		var d peerplaypay.SessionCommentDeletedData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		why, err := c.ownComment(ctx, d.UID, "deletes")
		if why == "" && err == nil {
			c.comments[d.UID] = true
		}
		return why, err
	case peerplaypay.EventSessionVote:
		var d peerplaypay.SessionVoteData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		return c.vote(ctx, d)
	case peerplaypay.EventSessionNote:
		var d peerplaypay.SessionNoteData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		return c.note(ctx, d)
	case peerplaypay.EventExperimentSet:
		var d peerplaypay.ExperimentData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		return c.experiment(ctx, d)
	case peerplaypay.EventSessionOutcome:
		var d peerplaypay.SessionOutcomeData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		if d.Of != peerplaypay.OutcomeOfExperiment && d.Of != peerplaypay.OutcomeOfMoment {
			return fmt.Sprintf("its outcome is of %s, not of an experiment or a success moment", quoted(d.Of)), nil
		}
		if why := c.checkRef("what it gives the outcome of", d.Target); why != "" {
			return why, nil
		}
		if !peerplaypay.IsSessionDay(d.Session) {
			return fmt.Sprintf("its session %s is not a day", quoted(d.Session)), nil
		}
		if !peerplaypay.IsOutcome(d.Result) {
			return fmt.Sprintf("its result %s is not worked, failed or learned", quoted(d.Result)), nil
		}
		return peerplaypay.CheckText("outcome's note", d.Note, peerplaypay.MaxSessionNoteLen, false), nil
	}
	return "", nil
}

// ownComment refuses an edit or deletion (doing) of a session comment
// unless the comment is the author's own and not deleted. A uid nobody
// holds is let through: there is nothing to change.
func (c *sessionChecker) ownComment(ctx context.Context, uid, doing string) (string, error) {
	if !peerplaypay.IsUID(uid) {
		return fmt.Sprintf("the comment's uid %s is not a uid", quoted(uid)), nil
	}
	if deleted, ok := c.comments[uid]; ok {
		if deleted {
			return fmt.Sprintf("it %s a session comment it deleted", doing), nil
		}
		return "", nil
	}
	authors, err := c.facts.SessionUIDAuthors(ctx, "comment", uid)
	if err != nil {
		return "", err
	}
	own := false
	for _, a := range authors {
		if a == c.author {
			own = true
		}
	}
	if !own && len(authors) > 0 {
		return fmt.Sprintf("it %s %s's session comment: only a comment's author changes it", doing, c.who(authors[0])), nil
	}
	if own {
		gone, err := c.facts.SessionUIDAuthors(ctx, "deleted comment", uid)
		if err != nil {
			return "", err
		}
		for _, a := range gone {
			if a == c.author {
				return fmt.Sprintf("it %s a session comment it deleted", doing), nil
			}
		}
	}
	return "", nil
}

// checkRef checks the name of an item or experiment an event points to.
func (c *sessionChecker) checkRef(what string, r peerplaypay.ItemRef) string {
	if _, err := share.ParseMemberID(r.Author); err != nil || !c.isMember(r.Author) {
		return fmt.Sprintf("%s names as its author %s, who is no member of the team", what, quoted(r.Author))
	}
	if !peerplaypay.IsUID(r.UID) {
		return fmt.Sprintf("%s has the uid %s, which is not a uid", what, quoted(r.UID))
	}
	return ""
}

// sessionPart checks a session's day and the part an event names. With a
// part id, the part need not be among the session's parts as this reader
// holds them: the team settings change that adds it may be in a chain not
// read yet. An item on a part the session does not have is kept and shown
// nowhere (PROTOCOL.md §11.12).
func (c *sessionChecker) sessionPart(day string, part int, partID string) string {
	if !peerplaypay.IsSessionDay(day) {
		return fmt.Sprintf("its session %s is not a day", quoted(day))
	}
	return peerplaypay.CheckPartRef(part, partID)
}

// lookupItem returns the author's own item with uid (from this batch or
// stored), and another member holding that uid.
func (c *sessionChecker) lookupItem(ctx context.Context, uid string) (*peerplaypay.SessionItemFact, string, error) {
	if f, ok := c.items[uid]; ok {
		return &f, "", nil
	}
	facts, err := c.facts.SessionItemFacts(ctx, uid)
	if err != nil {
		return nil, "", err
	}
	other := ""
	for i := range facts {
		if facts[i].Author == c.author {
			return &facts[i], "", nil
		}
		other = facts[i].Author
	}
	return nil, other, nil
}

// fresh refuses a new comment, experiment or note revision under a uid
// someone holds already.
func (c *sessionChecker) fresh(ctx context.Context, what, uid string) (string, error) {
	key := what + " " + uid
	if c.uids[key] {
		return fmt.Sprintf("it adds a %s under a uid already used", what), nil
	}
	authors, err := c.facts.SessionUIDAuthors(ctx, what, uid)
	if err != nil {
		return "", err
	}
	if len(authors) > 0 {
		return fmt.Sprintf("it adds a %s under a uid already used", what), nil
	}
	c.uids[key] = true
	return "", nil
}

func (c *sessionChecker) item(ctx context.Context, d peerplaypay.SessionItemData) (string, error) {
	if !peerplaypay.IsUID(d.UID) {
		return fmt.Sprintf("the item's uid %s is not a uid", quoted(d.UID)), nil
	}
	if why := c.sessionPart(d.Session, d.Part, d.PartID); why != "" {
		return why, nil
	}
	if why := peerplaypay.CheckText("item", d.Text, peerplaypay.MaxSessionItemLen, true); why != "" {
		return why, nil
	}
	own, other, err := c.lookupItem(ctx, d.UID)
	switch {
	case err != nil:
		return "", err
	case own == nil && other != "":
		return fmt.Sprintf("it edits %s's session item: only an item's author edits it", c.who(other)), nil
	case own != nil && own.Deleted:
		return "it edits a session item it deleted", nil
	case own != nil && own.Session != d.Session:
		return "it moves a session item to another session", nil
	}
	c.items[d.UID] = peerplaypay.SessionItemFact{Author: c.author, Session: d.Session, PartID: peerplaypay.PartKey(d.Part, d.PartID)}
	return "", nil
}

func (c *sessionChecker) vote(ctx context.Context, d peerplaypay.SessionVoteData) (string, error) {
	if why := c.sessionPart(d.Session, d.Part, d.PartID); why != "" {
		return why, nil
	}
	part := peerplaypay.PartKey(d.Part, d.PartID)
	if len(d.Dots) > peerplaypay.DotsPerPart {
		return fmt.Sprintf("it puts %d dots in one part: each member has %d", len(d.Dots), peerplaypay.DotsPerPart), nil
	}
	for _, dot := range d.Dots {
		if why := c.checkRef("a dot's item", dot); why != "" {
			return why, nil
		}
		// An item not here yet is fine (its author's chain may come
		// later); one that is here must be of that session and part.
		f, err := c.itemOf(ctx, dot)
		if err != nil {
			return "", err
		}
		if f != nil && (f.Session != d.Session || f.PartID != part) {
			return fmt.Sprintf("it puts a dot of part %s of %s on an item of another part or session", part, d.Session), nil
		}
	}
	return "", nil
}

// itemOf is the item (author, uid), from this batch or stored; nil when it
// has not arrived.
func (c *sessionChecker) itemOf(ctx context.Context, r peerplaypay.ItemRef) (*peerplaypay.SessionItemFact, error) {
	if r.Author == c.author {
		if f, ok := c.items[r.UID]; ok {
			return &f, nil
		}
	}
	facts, err := c.facts.SessionItemFacts(ctx, r.UID)
	if err != nil {
		return nil, err
	}
	for i := range facts {
		if facts[i].Author == r.Author {
			return &facts[i], nil
		}
	}
	return nil, nil
}

func (c *sessionChecker) note(ctx context.Context, d peerplaypay.SessionNoteData) (string, error) {
	if !peerplaypay.IsUID(d.UID) || !peerplaypay.IsUID(d.Rev) || (d.Prev != "" && !peerplaypay.IsUID(d.Prev)) {
		return "the note is not named by uids (uid, rev, prev)", nil
	}
	if why := c.sessionPart(d.Session, d.Part, d.PartID); why != "" {
		return why, nil
	}
	if d.Kind != peerplaypay.NoteNote && d.Kind != peerplaypay.NoteDecision {
		return fmt.Sprintf("its kind %s is not note or decision", quoted(d.Kind)), nil
	}
	if why := peerplaypay.CheckText("note", d.Text, peerplaypay.MaxSessionNoteLen, d.Prev == ""); why != "" {
		return why, nil
	}
	return c.fresh(ctx, "note", d.Rev)
}

func (c *sessionChecker) experiment(ctx context.Context, d peerplaypay.ExperimentData) (string, error) {
	if !peerplaypay.IsUID(d.UID) {
		return fmt.Sprintf("the experiment's uid %s is not a uid", quoted(d.UID)), nil
	}
	if !peerplaypay.IsSessionDay(d.Session) || !peerplaypay.IsSessionDay(d.EndDay) {
		return fmt.Sprintf("its session %s or end day %s is not a day", quoted(d.Session), quoted(d.EndDay)), nil
	}
	for _, t := range []struct{ what, text string }{{"hypothesis", d.Hypothesis}, {"way to know", d.Measure}} {
		if why := peerplaypay.CheckText(t.what, t.text, peerplaypay.MaxExperimentLen, true); why != "" {
			return why, nil
		}
	}
	if _, err := share.ParseMemberID(d.Owner); err != nil || !c.isMember(d.Owner) {
		return fmt.Sprintf("its owner %s is no member of the team", quoted(d.Owner)), nil
	}
	if d.Item != nil {
		if why := c.checkRef("the item it comes from", *d.Item); why != "" {
			return why, nil
		}
		f, err := c.itemOf(ctx, *d.Item)
		if err != nil {
			return "", err
		}
		if f != nil && f.PartID != peerplaypay.PartIDExperiments {
			return "it makes an experiment from an item outside the experiments' part", nil
		}
	}
	authors, err := c.facts.SessionUIDAuthors(ctx, "experiment", d.UID)
	if err != nil {
		return "", err
	}
	for _, a := range authors {
		if a != c.author {
			return fmt.Sprintf("it changes %s's experiment: only an experiment's author changes it", c.who(a)), nil
		}
	}
	return "", nil
}

package teamsync

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
)

// answerChecker checks a peer's answer events (comments, reactions, offers
// on logs, Thanks) by the rules the writer keeps, against what this reader
// holds and what came before in the same batch (PROTOCOL.md §11.10). Every
// reader checks them, since a modified client writes what it likes; a
// broken rule refuses the batch like any bad event (§11.3), naming its
// author.
type answerChecker struct {
	facts    peerplaypay.AnswerFacts
	author   string
	isMember func(id string) bool
	name     func(id string) string
	now      time.Time
	last     time.Time // the newest event time of the author so far
	// What this batch did before the event being checked, by uid.
	comments map[string]peerplaypay.AnswerFact
	thanks   map[string]peerplaypay.AnswerFact
	offers   map[string]peerplaypay.AnswerFact
	given    map[string]int // Thanks given in this batch, by to+" "+day
}

func newAnswerChecker(ctx context.Context, facts peerplaypay.AnswerFacts, author string, isMember func(string) bool, name func(string) string, now time.Time) (*answerChecker, error) {
	last, err := facts.LastEventAt(ctx, author)
	if err != nil {
		return nil, err
	}
	return &answerChecker{facts: facts, author: author, isMember: isMember, name: name, now: now, last: last,
		comments: map[string]peerplaypay.AnswerFact{}, thanks: map[string]peerplaypay.AnswerFact{},
		offers: map[string]peerplaypay.AnswerFact{}, given: map[string]int{}}, nil
}

// check says what is wrong with e ("" when nothing is); hold is true when
// e may only be applied later (dated ahead of this reader's clock).
func (c *answerChecker) check(ctx context.Context, e peerplaypay.ShareEvent) (why string, hold bool, err error) {
	defer func() {
		if why == "" && !hold && e.At.After(c.last) {
			c.last = e.At
		}
	}()
	switch e.Kind {
	case peerplaypay.EventCommentAdded:
		var d peerplaypay.CommentAddedData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", false, nil
		}
		why, err = c.commentAdded(ctx, d)
	case peerplaypay.EventCommentEdited, peerplaypay.EventCommentDeleted:
		var d peerplaypay.CommentEditedData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", false, nil
		}
		why, err = c.commentChanged(ctx, e.Kind, d)
	case peerplaypay.EventReactionSet:
		var d peerplaypay.ReactionSetData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", false, nil
		}
		if why = c.checkLog(d.LogAuthor, d.LogUID); why == "" && !peerplaypay.IsReaction(d.Reaction) {
			why = fmt.Sprintf("its reaction %s is not one of %s", quoted(d.Reaction), strings.Join(peerplaypay.Reactions, ", "))
		}
	case peerplaypay.EventHelpOffered:
		why, err = c.offered(ctx, e)
	case peerplaypay.EventHelpAccepted:
		why, err = c.accepted(ctx, e)
	case peerplaypay.EventThanksGiven, peerplaypay.EventThanksEdited, peerplaypay.EventThanksWithdrawn:
		if why, hold = c.checkTime(e); why != "" {
			return why, hold, nil
		}
		why, err = c.thanksEvent(ctx, e)
	}
	return why, false, err
}

// checkTime holds a Thanks dated ahead of this reader's clock, and refuses
// one dated before an earlier event of its author: the cap counts by the
// event's UTC day and the edit window by its time, so neither may be moved
// to a day or a window already past, nor taken from one still to come.
func (c *answerChecker) checkTime(e peerplaypay.ShareEvent) (string, bool) {
	if e.At.After(c.now.Add(peerplaypay.ClockSkew)) {
		return fmt.Sprintf("dated %s, ahead of this laptop's clock (%s)", e.At.UTC().Format(time.RFC3339), c.now.UTC().Format(time.RFC3339)), true
	}
	if e.At.Before(c.last) {
		return fmt.Sprintf("dated %s, before an earlier event of theirs (%s): a Thanks is never dated back", e.At.UTC().Format(time.RFC3339), c.last.UTC().Format(time.RFC3339)), false
	}
	return "", false
}

func (c *answerChecker) who(id string) string {
	return memberCalled(c.name, id)
}

// checkLog checks the name of the log an answer is about.
func (c *answerChecker) checkLog(author, uid string) string {
	if _, err := share.ParseMemberID(author); err != nil || !c.isMember(author) {
		return fmt.Sprintf("the log it answers names as its author %s, who is no member of the team", quoted(author))
	}
	if !peerplaypay.IsUID(uid) {
		return fmt.Sprintf("the log it answers has the uid %s, which is not a uid", quoted(uid))
	}
	return ""
}

// lookup returns the author's own answer of kind with uid (from this batch
// or stored), and whether another member holds that uid.
func (c *answerChecker) lookup(ctx context.Context, kind, uid string, batch map[string]peerplaypay.AnswerFact) (own *peerplaypay.AnswerFact, other string, err error) {
	if f, ok := batch[uid]; ok {
		return &f, "", nil
	}
	facts, err := c.facts.AnswerFacts(ctx, kind, uid)
	if err != nil {
		return nil, "", err
	}
	for i := range facts {
		if facts[i].Author == c.author {
			return &facts[i], "", nil
		}
		other = facts[i].Author
	}
	return nil, other, nil
}

func (c *answerChecker) commentAdded(ctx context.Context, d peerplaypay.CommentAddedData) (string, error) {
	if !peerplaypay.IsUID(d.UID) {
		return fmt.Sprintf("the comment's uid %s is not a uid", quoted(d.UID)), nil
	}
	if why := c.checkLog(d.LogAuthor, d.LogUID); why != "" {
		return why, nil
	}
	if why := peerplaypay.CheckCommentText(d.Text); why != "" {
		return why, nil
	}
	if d.AtMs != nil && (*d.AtMs < 0 || *d.AtMs > peerplaypay.MaxCommentAt.Milliseconds()) {
		return fmt.Sprintf("the comment's moment (%d ms) is not a time within a recording", *d.AtMs), nil
	}
	own, other, err := c.lookup(ctx, "comment", d.UID, c.comments)
	if err != nil {
		return "", err
	}
	if own != nil || other != "" {
		return "it adds a comment under a uid already used", nil
	}
	f := peerplaypay.AnswerFact{Author: c.author, LogAuthor: d.LogAuthor, LogUID: d.LogUID, ReplyUID: d.ReplyUID}
	if d.ReplyUID != "" {
		if !peerplaypay.IsUID(d.ReplyUID) || !c.isMember(d.ReplyAuthor) {
			return "the comment it replies to is not named by a member and a uid", nil
		}
		parent, err := c.commentOf(ctx, d.ReplyAuthor, d.ReplyUID)
		if err != nil {
			return "", err
		}
		// A parent not here yet is held: the reply shows once it comes,
		// and only under a top-level comment of the same log.
		if parent != nil && parent.ReplyUID != "" {
			return fmt.Sprintf("it replies to a reply (of %s): replies go one level deep", c.who(parent.Author)), nil
		}
		if parent != nil && (parent.LogAuthor != d.LogAuthor || parent.LogUID != d.LogUID) {
			return "it replies to a comment on another log", nil
		}
	}
	c.comments[d.UID] = f
	return "", nil
}

// commentOf is the comment (author, uid), from this batch or stored; nil
// when it has not arrived.
func (c *answerChecker) commentOf(ctx context.Context, author, uid string) (*peerplaypay.AnswerFact, error) {
	if author == c.author {
		if f, ok := c.comments[uid]; ok {
			return &f, nil
		}
	}
	facts, err := c.facts.AnswerFacts(ctx, "comment", uid)
	if err != nil {
		return nil, err
	}
	for i := range facts {
		if facts[i].Author == author {
			return &facts[i], nil
		}
	}
	return nil, nil
}

func (c *answerChecker) commentChanged(ctx context.Context, kind string, d peerplaypay.CommentEditedData) (string, error) {
	own, other, err := c.lookup(ctx, "comment", d.UID, c.comments)
	if err != nil {
		return "", err
	}
	doing := "edits"
	if kind == peerplaypay.EventCommentDeleted {
		doing = "deletes"
	}
	switch {
	case own == nil && other != "":
		return fmt.Sprintf("it %s %s's comment: only a comment's author edits or deletes it", doing, c.who(other)), nil
	case own == nil:
		return "", nil // a comment this reader never had: nothing to change
	case kind == peerplaypay.EventCommentEdited && own.Deleted:
		return "it edits a comment it deleted", nil
	case kind == peerplaypay.EventCommentEdited:
		if why := peerplaypay.CheckCommentText(d.Text); why != "" {
			return why, nil
		}
	}
	if kind == peerplaypay.EventCommentDeleted {
		f := *own
		f.Deleted = true
		c.comments[d.UID] = f
	}
	return "", nil
}

func (c *answerChecker) offered(ctx context.Context, e peerplaypay.ShareEvent) (string, error) {
	var d struct {
		peerplaypay.LogHelpOffered
		GoalUID string `json:"goalUid"`
	}
	if json.Unmarshal(e.Data, &d) != nil || d.GoalUID != "" || d.LogUID == "" {
		return "", nil // an offer on a goal: §11.8
	}
	if !peerplaypay.IsUID(d.UID) {
		return fmt.Sprintf("the offer's uid %s is not a uid", quoted(d.UID)), nil
	}
	if why := c.checkLog(d.LogAuthor, d.LogUID); why != "" {
		return why, nil
	}
	if d.LogAuthor == c.author {
		return "it offers help on its author's own log", nil
	}
	if why := peerplaypay.CheckOfferText(d.Text); why != "" {
		return why, nil
	}
	own, other, err := c.lookup(ctx, "offer", d.UID, c.offers)
	if err != nil {
		return "", err
	}
	if own != nil || other != "" {
		return "it offers help under a uid already used", nil
	}
	c.offers[d.UID] = peerplaypay.AnswerFact{Author: c.author, LogAuthor: d.LogAuthor, LogUID: d.LogUID}
	return "", nil
}

func (c *answerChecker) accepted(ctx context.Context, e peerplaypay.ShareEvent) (string, error) {
	var d peerplaypay.HelpAccepted
	if json.Unmarshal(e.Data, &d) != nil || d.OfferUID == "" {
		return "", nil
	}
	facts, err := c.facts.AnswerFacts(ctx, "offer", d.OfferUID)
	if err != nil {
		return "", err
	}
	for _, f := range facts {
		if f.Author == d.OfferAuthor && !f.OnGoal && f.LogAuthor != c.author {
			return fmt.Sprintf("it accepts an offer of help on %s's log: only a log's author accepts offers on it", c.who(f.LogAuthor)), nil
		}
	}
	return "", nil
}

func (c *answerChecker) thanksEvent(ctx context.Context, e peerplaypay.ShareEvent) (string, error) {
	if e.Kind == peerplaypay.EventThanksGiven {
		var d peerplaypay.ThanksGivenData
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		return c.thanksGiven(ctx, e, d)
	}
	var d peerplaypay.ThanksEditedData
	if json.Unmarshal(e.Data, &d) != nil {
		return "", nil
	}
	own, other, err := c.lookup(ctx, "thanks", d.UID, c.thanks)
	if err != nil {
		return "", err
	}
	doing := "changes"
	if e.Kind == peerplaypay.EventThanksWithdrawn {
		doing = "withdraws"
	}
	switch {
	case own == nil && other != "":
		return fmt.Sprintf("it %s a Thanks %s gave: only its giver may", doing, c.who(other)), nil
	case own == nil:
		return "", nil
	case own.Withdrawn:
		return fmt.Sprintf("it %s a Thanks it withdrew", doing), nil
	case e.At.Sub(own.At) > peerplaypay.ThanksEditWindow:
		return fmt.Sprintf("it %s its Thanks to %s %s after giving it: a Thanks is fixed 10 minutes after it is given",
			doing, c.who(own.To), e.At.Sub(own.At).Round(time.Second)), nil
	}
	if e.Kind == peerplaypay.EventThanksEdited {
		if why := peerplaypay.CheckThanksReason(d.Reason); why != "" {
			return why, nil
		}
		return c.checkLink(d.Link), nil
	}
	f := *own
	f.Withdrawn = true
	c.thanks[d.UID] = f
	c.given[f.To+" "+peerplaypay.ThanksDay(f.At)]--
	return "", nil
}

func (c *answerChecker) thanksGiven(ctx context.Context, e peerplaypay.ShareEvent, d peerplaypay.ThanksGivenData) (string, error) {
	if !peerplaypay.IsUID(d.UID) {
		return fmt.Sprintf("the Thanks's uid %s is not a uid", quoted(d.UID)), nil
	}
	if d.From != c.author {
		return fmt.Sprintf("it names %s as the giver, but %s signed it: a Thanks is given only in its signer's name", c.who(d.From), c.who(c.author)), nil
	}
	if _, err := share.ParseMemberID(d.To); err != nil || !c.isMember(d.To) {
		return fmt.Sprintf("it thanks %s, who is no member of the team", quoted(d.To)), nil
	}
	if d.To == c.author {
		return "it thanks its own giver: nobody thanks themselves", nil
	}
	if why := peerplaypay.CheckThanksReason(d.Reason); why != "" {
		return why, nil
	}
	if why := c.checkLink(d.Link); why != "" {
		return why, nil
	}
	own, other, err := c.lookup(ctx, "thanks", d.UID, c.thanks)
	if err != nil {
		return "", err
	}
	if own != nil || other != "" {
		return "it gives a Thanks under a uid already used", nil
	}
	day := peerplaypay.ThanksDay(e.At)
	n, err := c.facts.ThanksGiven(ctx, c.author, d.To, day)
	if err != nil {
		return "", err
	}
	key := d.To + " " + day
	if n+c.given[key] >= peerplaypay.ThanksPerDay {
		return fmt.Sprintf("it is Thanks number %d from them to %s on %s (UTC): at most %d a day from one member to the same member",
			n+c.given[key]+1, c.who(d.To), day, peerplaypay.ThanksPerDay), nil
	}
	c.given[key]++
	c.thanks[d.UID] = peerplaypay.AnswerFact{Author: c.author, To: d.To, At: e.At}
	return "", nil
}

func (c *answerChecker) checkLink(l *peerplaypay.ThanksLink) string {
	if l == nil {
		return ""
	}
	switch l.Kind {
	case peerplaypay.LinkLog, peerplaypay.LinkGoal, peerplaypay.LinkComment, peerplaypay.LinkOffer:
	default:
		return fmt.Sprintf("its link's kind %s is not log, goal, comment or offer", quoted(l.Kind))
	}
	if _, err := share.ParseMemberID(l.Author); err != nil || !peerplaypay.IsUID(l.UID) {
		return "its link is not named by a member and a uid"
	}
	return ""
}

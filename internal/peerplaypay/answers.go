package peerplaypay

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Peers answer each other's stand-ups: comments (at a moment of the
// recording, replies one level deep), reactions, offers of help on a log's
// help request, and Thanks. Each travels as a signed share event
// (PROTOCOL.md §11.10); every reader checks the rules its writer keeps.

// Event kinds of answers, at the version this app writes. help.offered and
// help.accepted are the goals' kinds (§11.8): an offer on a log names the
// log instead of a goal.
const (
	EventCommentAdded    = "comment.added"
	EventCommentEdited   = "comment.edited"
	EventCommentDeleted  = "comment.deleted"
	EventReactionSet     = "reaction.set"
	EventThanksGiven     = "thanks.given"
	EventThanksEdited    = "thanks.edited"
	EventThanksWithdrawn = "thanks.withdrawn"
)

// Limits of answers, the same for the writer and every reader.
const (
	MaxCommentLen      = 2000
	MaxThanksReasonLen = 280
	// ThanksPerDay is how many Thanks one member may give the same member
	// in one UTC day, counted by the giving event's time.
	ThanksPerDay = 3
	// ThanksEditWindow is how long after giving a Thanks its giver may
	// still change or withdraw it; then it is fixed.
	ThanksEditWindow = 10 * time.Minute
	// MaxCommentAt bounds a comment's moment: no stand-up is longer.
	MaxCommentAt = 24 * time.Hour
	// ClockSkew is how far ahead of a reader's clock a Thanks may be dated
	// and still be applied now; a later one waits for its time.
	ClockSkew = 10 * time.Minute
	// HelpWantedDays is how far back a stand-up's help request is listed
	// in Help wanted (by the log's day).
	HelpWantedDays = 14
)

// Reactions is the fixed set of reactions, in the order they are shown.
var Reactions = []string{"thumbsup", "clap", "heart", "laugh", "bulb", "eyes"}

// IsReaction reports whether r is one of Reactions.
func IsReaction(r string) bool {
	for _, x := range Reactions {
		if x == r {
			return true
		}
	}
	return false
}

// Link kinds of a Thanks: what helped.
const (
	LinkLog     = "log"
	LinkGoal    = "goal"
	LinkComment = "comment"
	LinkOffer   = "offer"
)

// CommentAddedData is the data of a comment.added event (v1).
type CommentAddedData struct {
	UID       string `json:"uid"`
	LogAuthor string `json:"logAuthor"`
	LogUID    string `json:"logUid"`
	// ReplyAuthor and ReplyUID name the top-level comment of the same log
	// this one answers; empty for a top-level comment.
	ReplyAuthor string `json:"replyAuthor,omitempty"`
	ReplyUID    string `json:"replyUid,omitempty"`
	// AtMs pins the comment to a moment of the recording; absent: not pinned.
	AtMs *int64 `json:"atMs,omitempty"`
	Text string `json:"text"`
}

// CommentEditedData is the data of a comment.edited event (v1): the new
// text of one of the author's comments.
type CommentEditedData struct {
	UID  string `json:"uid"`
	Text string `json:"text"`
}

// CommentDeletedData is the data of a comment.deleted event (v1).
type CommentDeletedData struct {
	UID string `json:"uid"`
}

// ReactionSetData is the data of a reaction.set event (v1): the author's
// reaction of one kind on a log, set or taken back.
type ReactionSetData struct {
	LogAuthor string `json:"logAuthor"`
	LogUID    string `json:"logUid"`
	Reaction  string `json:"reaction"`
	On        bool   `json:"on"`
}

// LogHelpOffered is the data of a help.offered event (v1) on a log's help
// request: the goals' event with the log named instead of a goal (an app
// that knows only goal offers skips it, having no goal uid).
type LogHelpOffered struct {
	UID       string    `json:"uid"`
	LogAuthor string    `json:"logAuthor"`
	LogUID    string    `json:"logUid"`
	Text      string    `json:"text"`
	At        time.Time `json:"at"`
}

// ThanksLink names what a Thanks is for: a log, goal, comment or offer of
// help, by its author and uid.
type ThanksLink struct {
	Kind   string `json:"kind" ts_type:"'log' | 'goal' | 'comment' | 'offer'"`
	Author string `json:"author"`
	UID    string `json:"uid"`
}

// ThanksGivenData is the data of a thanks.given event (v1). From repeats
// the giver, who must be the event's author: a Thanks is never anonymous
// and never given in another member's name.
type ThanksGivenData struct {
	UID    string      `json:"uid"`
	From   string      `json:"from"`
	To     string      `json:"to"`
	Reason string      `json:"reason"`
	Link   *ThanksLink `json:"link,omitempty"`
}

// ThanksEditedData is the data of a thanks.edited event (v1): a new reason
// (and link) within ThanksEditWindow of giving.
type ThanksEditedData struct {
	UID    string      `json:"uid"`
	Reason string      `json:"reason"`
	Link   *ThanksLink `json:"link,omitempty"`
}

// ThanksWithdrawnData is the data of a thanks.withdrawn event (v1).
type ThanksWithdrawnData struct {
	UID string `json:"uid"`
}

// LogRef names a stand-up log across the team: its author's member ID and
// its uid. In inputs, an empty Author is this member's own log.
type LogRef struct {
	Author string `json:"author"`
	UID    string `json:"uid"`
}

// Comment is a comment on a log as shown: Author is always a member ID
// (this member's too), Mine says whose it is.
type Comment struct {
	ID         int64      `json:"id"`
	UID        string     `json:"uid"`
	Log        LogRef     `json:"log"`
	Author     string     `json:"author"`
	AuthorName string     `json:"authorName"`
	Mine       bool       `json:"mine"`
	ReplyTo    int64      `json:"replyTo"`                      // local ID of the comment it answers, 0 for a top-level one
	AtMs       *int64     `json:"atMs" ts_type:"number | null"` // moment of the recording, null when not pinned
	Text       string     `json:"text"`
	CreatedAt  string     `json:"createdAt"`
	EditedAt   string     `json:"editedAt"`
	Deleted    bool       `json:"deleted"` // kept only as the place of its replies
	Replies    []*Comment `json:"replies"`
}

// CommentInput is a new comment.
type CommentInput struct {
	Log     LogRef `json:"log"`
	Text    string `json:"text"`
	AtMs    *int64 `json:"atMs" ts_type:"number | null"`
	ReplyTo int64  `json:"replyTo"` // local ID of a top-level comment of the same log, 0 for none
}

// ReactionCount is one kind of reaction on a log: who reacted, and whether
// this member did. Names, never a ranking.
type ReactionCount struct {
	Reaction string   `json:"reaction" ts_type:"'thumbsup' | 'clap' | 'heart' | 'laugh' | 'bulb' | 'eyes'"`
	Members  []string `json:"members"`
	Names    []string `json:"names"`
	Mine     bool     `json:"mine"`
}

// LogAnswers is everything the team said on one log.
type LogAnswers struct {
	Log       LogRef           `json:"log"`
	Comments  []*Comment       `json:"comments"`
	Reactions []*ReactionCount `json:"reactions"`
	Offers    []*HelpOffer     `json:"offers"`
	Thanks    []*Thanks        `json:"thanks"`
}

// Thanks is one Thanks as shown to the team.
type Thanks struct {
	ID       int64       `json:"id"`
	UID      string      `json:"uid"`
	From     string      `json:"from"`
	FromName string      `json:"fromName"`
	To       string      `json:"to"`
	ToName   string      `json:"toName"`
	Reason   string      `json:"reason"`
	Link     *ThanksLink `json:"link"`
	// LinkText is a few words of what the link names, "" when it is not here.
	LinkText  string `json:"linkText"`
	At        string `json:"at"`
	Day       string `json:"day"` // UTC date the daily cap counts it on
	EditedAt  string `json:"editedAt"`
	Mine      bool   `json:"mine"`      // given by this member
	ToMe      bool   `json:"toMe"`      // received by this member
	Editable  bool   `json:"editable"`  // mine, and still within the edit window
	EditUntil string `json:"editUntil"` // when it becomes fixed
}

// ThanksInput is a new Thanks, or a Thanks's new reason and link. To is a
// member ID; Link is optional and names its target by local ID.
type ThanksInput struct {
	To     string           `json:"to"`
	Reason string           `json:"reason"`
	Link   *ThanksLinkInput `json:"link"`
}

// ThanksLinkInput names what a Thanks is for by kind and local ID; a log
// may instead be named by Log (its author and uid).
type ThanksLinkInput struct {
	Kind string  `json:"kind" ts_type:"'log' | 'goal' | 'comment' | 'offer'"`
	ID   int64   `json:"id"`
	Log  *LogRef `json:"log"`
}

// Activity is one thing a peer did to something of this member's:
// private to this laptop.
type Activity struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind" ts_type:"'comment' | 'reply' | 'reaction' | 'offer' | 'accepted' | 'thanks'"`
	Actor     string `json:"actor"`
	ActorName string `json:"actorName"`
	Log       LogRef `json:"log"` // the log it is about, empty author and uid when none
	GoalUID   string `json:"goalUid"`
	RefUID    string `json:"refUid"` // the comment, offer or Thanks
	Text      string `json:"text"`
	At        string `json:"at"`
	Unread    bool   `json:"unread"`
}

// HelpWanted is one open help request: a stand-up's "where I need help"
// or a goal's, with the offers made on it.
type HelpWanted struct {
	Kind       string       `json:"kind" ts_type:"'log' | 'goal'"`
	Author     string       `json:"author"`
	AuthorName string       `json:"authorName"`
	Mine       bool         `json:"mine"`
	Need       string       `json:"need"`
	Day        string       `json:"day"` // the log's day, or the goal's last change (date)
	Log        *LogRef      `json:"log"`
	LogID      int64        `json:"logId"`     // own log's local ID, 0 otherwise
	PeerLogID  int64        `json:"peerLogId"` // a peer's log's local ID, 0 otherwise
	Done       string       `json:"done"`      // the log's "what I did", for context
	Goal       *Goal        `json:"goal"`
	Offers     []*HelpOffer `json:"offers"`
}

// AnswerService stores comments, reactions, offers on logs, Thanks and the
// activity list; every change is written at once and queued for the team.
type AnswerService interface {
	LogAnswers(ctx context.Context, log LogRef) (*LogAnswers, error)
	Comments(ctx context.Context, log LogRef) ([]*Comment, error)
	AddComment(ctx context.Context, in CommentInput) (*Comment, error)
	EditComment(ctx context.Context, id int64, text string) (*Comment, error)
	DeleteComment(ctx context.Context, id int64) error
	React(ctx context.Context, log LogRef, reaction string, on bool) ([]*ReactionCount, error)
	OfferLogHelp(ctx context.Context, log LogRef, text string) (*HelpOffer, error)
	AcceptLogHelp(ctx context.Context, offerID int64) (*HelpOffer, error)
	GiveThanks(ctx context.Context, in ThanksInput) (*Thanks, error)
	EditThanks(ctx context.Context, id int64, in ThanksInput) (*Thanks, error)
	WithdrawThanks(ctx context.Context, id int64) error
	ThanksFeed(ctx context.Context, limit int) ([]*Thanks, error)
	MyThanks(ctx context.Context, received bool, limit int) ([]*Thanks, error)
	Activity(ctx context.Context, limit int) ([]*Activity, error)
	UnreadActivity(ctx context.Context) (int, error)
	MarkActivityRead(ctx context.Context, ids []int64) error
	HelpWanted(ctx context.Context) ([]*HelpWanted, error)
}

// NormalizeText trims an answer's text.
func NormalizeText(s string) string { return strings.TrimSpace(s) }

// CheckCommentText says what is wrong with a comment's text, "" when
// nothing is; writer and readers share it.
func CheckCommentText(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "the comment is empty"
	case !utf8.ValidString(s):
		return "the comment is not valid text"
	case utf8.RuneCountInString(s) > MaxCommentLen:
		return "the comment is longer than 2000 characters"
	}
	return ""
}

// CheckThanksReason says what is wrong with a Thanks's reason.
func CheckThanksReason(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "the Thanks says nothing of what it is for"
	case !utf8.ValidString(s):
		return "the Thanks's reason is not valid text"
	case utf8.RuneCountInString(s) > MaxThanksReasonLen:
		return "the Thanks's reason is longer than 280 characters"
	}
	return ""
}

// CheckOfferText says what is wrong with an offer of help's text.
func CheckOfferText(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "the offer says nothing of what its author can do"
	case !utf8.ValidString(s):
		return "the offer is not valid text"
	case utf8.RuneCountInString(s) > MaxHelpTextLen:
		return "the offer is longer than 2000 characters"
	}
	return ""
}

// ThanksDay is the day a Thanks given at t counts on for the daily cap:
// its UTC date, which every reader computes alike from the event.
func ThanksDay(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// AnswerFact is what a reader holds of an earlier comment, offer or Thanks,
// to check a peer's new event against it. Member IDs are full IDs (this
// member's too).
type AnswerFact struct {
	Author    string
	LogAuthor string
	LogUID    string
	ReplyUID  string // a comment's parent; "" for a top-level one
	Deleted   bool   // a comment deleted
	To        string // a Thanks's receiver
	At        time.Time
	Withdrawn bool // a Thanks withdrawn
	OnGoal    bool // an offer on a goal
}

// AnswerFacts looks up earlier answers for the reader's checks.
type AnswerFacts interface {
	// AnswerFacts returns every stored comment, offer or Thanks (kind
	// "comment", "offer", "thanks") with that uid, whoever wrote it.
	AnswerFacts(ctx context.Context, kind, uid string) ([]AnswerFact, error)
	// ThanksGiven counts the Thanks from one member to another on a UTC
	// day that stand (not withdrawn).
	ThanksGiven(ctx context.Context, from, to, day string) (int, error)
	// LastEventAt is the time of the newest event applied from author.
	LastEventAt(ctx context.Context, author string) (time.Time, error)
}

// AnswersExport is the member's part of the team's answers, for `export`:
// comments the member wrote or that are on the member's logs, reactions
// likewise, offers of help on logs likewise, and the Thanks the member gave
// and received. Peers' answers to peers are theirs and are not exported.
type AnswersExport struct {
	Comments       []*Comment          `json:"comments"`
	Reactions      []*ExportedReaction `json:"reactions"`
	LogHelpOffers  []*HelpOffer        `json:"logHelpOffers"`
	ThanksGiven    []*Thanks           `json:"thanksGiven"`
	ThanksReceived []*Thanks           `json:"thanksReceived"`
}

// ExportedReaction is one reaction on a log.
type ExportedReaction struct {
	Log      LogRef `json:"log"`
	Author   string `json:"author"`
	Reaction string `json:"reaction"`
	At       string `json:"at"`
}

// Where an answer's target is shown.
const (
	PlaceMyLog   = "myLog"
	PlacePeerLog = "peerLog"
	PlaceGoal    = "goal"
)

// AnswerPlace is where a Thanks's link or an activity row leads on this
// laptop: one of the member's logs, a peer's log or a goal, by local ID,
// with the comment and its moment when it names one.
type AnswerPlace struct {
	Kind      string `json:"kind" ts_type:"'myLog' | 'peerLog' | 'goal'"`
	LogID     int64  `json:"logId"`
	GoalID    int64  `json:"goalId"`
	CommentID int64  `json:"commentId"`
	AtMs      *int64 `json:"atMs" ts_type:"number | null"`
}

package peerplaypay

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The weekly team session: once a week the team meets on a few parts
// (success moments for the week, experiments for the month, ...). Before
// it, every member adds items to any part; during it, members put dots on
// items and the facilitator types notes and decisions; after it, the
// summary is kept and experiments are followed up at the next sessions.
// Everything a peer sees travels as share events (PROTOCOL.md §11.12),
// which every reader checks by the rules the writer keeps.

// Event kinds of the weekly session, at the version this app writes.
const (
	EventSessionItem        = "session.item"            // an item added or its text changed (author only)
	EventSessionItemDeleted = "session.item.deleted"    // tombstone of one of the author's items
	EventSessionComment     = "session.comment"         // a comment on an item
	EventSessionCommentEdit = "session.comment.edited"  // new text of one of the author's comments
	EventSessionCommentDel  = "session.comment.deleted" // tombstone of one of the author's comments
	EventSessionVote        = "session.vote"            // the author's dots in one part (the whole set)
	EventSessionNote        = "session.note"            // a revision of a note or decision
	EventExperimentSet      = "experiment.set"          // an experiment created or changed (author only)
	EventSessionOutcome     = "session.outcome"         // what came of an experiment or a success moment
)

// Limits of the session, the same for the writer and every reader.
const (
	MaxSessionItemLen = 500
	MaxSessionNoteLen = 2000
	MaxExperimentLen  = 500
	// DotsPerPart is how many dots each member puts on the items of one part.
	DotsPerPart = 3
	// A session's parts are the team's (team settings' limits).
	MaxPartNameLen = MaxSessionPartName
)

// Outcome results.
const (
	OutcomeWorked  = "worked"
	OutcomeFailed  = "failed"
	OutcomeLearned = "learned"
)

// IsOutcome reports whether r is one of the three results.
func IsOutcome(r string) bool {
	return r == OutcomeWorked || r == OutcomeFailed || r == OutcomeLearned
}

// Note kinds.
const (
	NoteNote     = "note"
	NoteDecision = "decision"
)

// ItemRef names an item (or experiment) team-wide: its author's member ID
// and its uid.
type ItemRef struct {
	Author string `json:"author"`
	UID    string `json:"uid"`
}

// SessionItemData is the data of session.item (v1): the whole item; the
// last in its author's chain is the item.
type SessionItemData struct {
	UID     string `json:"uid"`
	Session string `json:"session"` // the session's day, YYYY-MM-DD
	Part    int    `json:"part"`    // index into the session's parts when written, for apps before part ids
	PartID  string `json:"partId,omitempty"`
	Text    string `json:"text"`
}

// PartKey is the id of the part an event names: its partId, or for an
// event of an app before part ids, the default part at its index.
func PartKey(index int, id string) string {
	if id != "" {
		return id
	}
	return DefaultPartID(index)
}

// CheckPartRef says what is wrong with the part an event names ("" when
// nothing is). Without an id the index names a default part; with one the
// index is only a hint, but still within what a session may have.
func CheckPartRef(index int, id string) string {
	if id == "" {
		if index < 0 || index >= len(DefaultSessionParts) {
			return fmt.Sprintf("it names part %d without a part id; the default parts are 0 to %d", index, len(DefaultSessionParts)-1)
		}
		return ""
	}
	if !IsPartID(id) {
		return fmt.Sprintf("its part id %s is not an id", strconv.QuoteToASCII(cut(id, 32)))
	}
	if index < 0 || index >= MaxSessionParts {
		return fmt.Sprintf("it names part %d; a session has at most %d parts", index, MaxSessionParts)
	}
	return ""
}

// SessionCommentEditData is the data of session.comment.edited (v1).
type SessionCommentEditData struct {
	UID  string `json:"uid"`
	Text string `json:"text"`
}

// SessionCommentDeletedData is the data of session.comment.deleted (v1).
type SessionCommentDeletedData struct {
	UID string `json:"uid"`
}

// SessionItemDeletedData is the data of session.item.deleted (v1).
type SessionItemDeletedData struct {
	UID string `json:"uid"`
}

// SessionCommentData is the data of session.comment (v1).
type SessionCommentData struct {
	UID  string  `json:"uid"`
	Item ItemRef `json:"item"`
	Text string  `json:"text"`
}

// SessionVoteData is the data of session.vote (v1): all of the author's
// dots in one part (an item may hold several). Each vote replaces the
// author's earlier one for that part, so however often it is sent a
// member's dots count once.
type SessionVoteData struct {
	Session string    `json:"session"`
	Part    int       `json:"part"`
	PartID  string    `json:"partId,omitempty"`
	Dots    []ItemRef `json:"dots"`
}

// SessionNoteData is the data of session.note (v1): one revision of a note.
// Prev is the revision it replaces ("" for the first); two revisions with
// the same Prev were written at the same time and both stand.
type SessionNoteData struct {
	UID     string `json:"uid"`
	Rev     string `json:"rev"`
	Prev    string `json:"prev,omitempty"`
	Session string `json:"session"`
	Part    int    `json:"part"`
	PartID  string `json:"partId,omitempty"`
	Kind    string `json:"kind"` // note or decision
	Text    string `json:"text"`
}

// ExperimentData is the data of experiment.set (v1): the whole experiment.
type ExperimentData struct {
	UID        string   `json:"uid"`
	Session    string   `json:"session"`
	Item       *ItemRef `json:"item,omitempty"` // the experiments' item it came from
	Hypothesis string   `json:"hypothesis"`
	Owner      string   `json:"owner"`   // member ID
	Measure    string   `json:"measure"` // how we will know
	EndDay     string   `json:"endDay"`
}

// SessionOutcomeData is the data of session.outcome (v1): what came of an
// experiment or of a success moment, by the member who says it.
type SessionOutcomeData struct {
	Of      string  `json:"of"` // experiment or moment
	Target  ItemRef `json:"target"`
	Session string  `json:"session"` // the session it was asked at
	Result  string  `json:"result"`
	Note    string  `json:"note"`
}

// Outcome targets.
const (
	OutcomeOfExperiment = "experiment"
	OutcomeOfMoment     = "moment"
)

// IsSessionDay reports whether s is a day as sessions name it.
func IsSessionDay(s string) bool {
	t, err := time.Parse(time.DateOnly, s)
	return err == nil && t.Format(time.DateOnly) == s
}

// CheckText says what is wrong with a text of at most max characters
// ("" when nothing is); what names it in the message.
func CheckText(what, text string, max int, required bool) string {
	t := strings.TrimSpace(text)
	switch {
	case !utf8.ValidString(text):
		return fmt.Sprintf("the %s is not valid UTF-8", what)
	case required && t == "":
		return fmt.Sprintf("the %s is empty", what)
	case utf8.RuneCountInString(t) > max:
		return fmt.Sprintf("the %s is %d characters long, over %d", what, utf8.RuneCountInString(t), max)
	}
	return ""
}

// Facilitator is the member who facilitates the session of day: the team
// takes turns week by week, in the order of their member IDs, so that
// every laptop suggests the same person from the roster and the date
// alone. "" when there are no members.
func Facilitator(members []string, day string) string {
	if len(members) == 0 {
		return ""
	}
	m := append([]string(nil), members...)
	sort.Strings(m)
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return m[0]
	}
	week := t.Unix() / (7 * 24 * 3600)
	return m[int(week%int64(len(m)))]
}

// NextSessionDay is the day of the session that is next at now (local
// time): the coming weekday at hour, or today's while it may still run
// (within its length in minutes of its start).
func NextSessionDay(now time.Time, weekday time.Weekday, hour, minute, length int) string {
	d := time.Date(now.Year(), now.Month(), now.Day(), hour, minute, 0, 0, now.Location())
	for d.Weekday() != weekday || now.After(d.Add(time.Duration(length)*time.Minute)) {
		d = d.AddDate(0, 0, 1)
	}
	return d.Format(time.DateOnly)
}

// SessionItem is an item of a session, as shown.
type SessionItem struct {
	ID         int64             `json:"id"` // local
	Author     string            `json:"author"`
	AuthorName string            `json:"authorName"`
	UID        string            `json:"uid"`
	Part       int               `json:"part"` // index in the session's parts as shown
	PartID     string            `json:"partId"`
	Text       string            `json:"text"`
	Mine       bool              `json:"mine"`
	Votes      int               `json:"votes"`   // dots from all members
	MyVotes    int               `json:"myVotes"` // of them, mine
	Comments   []*SessionComment `json:"comments"`
	CreatedAt  time.Time         `json:"createdAt" ts_type:"string"`
	EditedAt   string            `json:"editedAt,omitempty"`
	Experiment int64             `json:"experiment,omitempty"` // local ID of an experiment made from it
	Outcome    *Outcome          `json:"outcome,omitempty"`    // for a success moment of an earlier session
}

// SessionComment is a comment on an item.
type SessionComment struct {
	ID         int64     `json:"id"` // local
	Author     string    `json:"author"`
	AuthorName string    `json:"authorName"`
	UID        string    `json:"uid"`
	Mine       bool      `json:"mine"`
	Text       string    `json:"text"`
	At         time.Time `json:"at" ts_type:"string"`
	EditedAt   string    `json:"editedAt,omitempty"`
}

// SessionNote is a note or decision as it stands: Conflict is true when
// two members changed the same revision at once; both revisions are shown.
type SessionNote struct {
	UID        string    `json:"uid"`
	Rev        string    `json:"rev"`
	Part       int       `json:"part"`
	PartID     string    `json:"partId"`
	Kind       string    `json:"kind" ts_type:"'note' | 'decision'"`
	Text       string    `json:"text"`
	Author     string    `json:"author"`
	AuthorName string    `json:"authorName"`
	At         time.Time `json:"at" ts_type:"string"`
	Conflict   bool      `json:"conflict"`
}

// Outcome is what came of an experiment or a success moment.
type Outcome struct {
	Result     string    `json:"result" ts_type:"'worked' | 'failed' | 'learned'"`
	Note       string    `json:"note"`
	Author     string    `json:"author"`
	AuthorName string    `json:"authorName"`
	Session    string    `json:"session"`
	At         time.Time `json:"at" ts_type:"string"`
}

// Experiment is an experiment the team runs.
type Experiment struct {
	ID         int64    `json:"id"` // local
	Author     string   `json:"author"`
	UID        string   `json:"uid"`
	Session    string   `json:"session"`
	Item       *ItemRef `json:"item,omitempty"`
	Hypothesis string   `json:"hypothesis"`
	Owner      string   `json:"owner"`
	OwnerName  string   `json:"ownerName"`
	Measure    string   `json:"measure"`
	EndDay     string   `json:"endDay"`
	Outcome    *Outcome `json:"outcome,omitempty"` // nil while running
}

// SessionPartView is one part of a session with its items and notes.
type SessionPartView struct {
	Index   int            `json:"index"`
	ID      string         `json:"id"`
	Name    string         `json:"name"`
	Minutes int            `json:"minutes"`
	Items   []*SessionItem `json:"items"`
	Notes   []*SessionNote `json:"notes"`
	MyDots  int            `json:"myDots"` // dots I used in this part
}

// TeamSession is one weekly session as a member sees it.
type TeamSession struct {
	Day string `json:"day"`
	// When it starts (the team's weekday and time, each member's local
	// time) and its length in minutes, the parts' time boxes added up.
	Time            string             `json:"time"`
	Minutes         int                `json:"minutes"`
	Parts           []*SessionPartView `json:"parts"`
	Facilitator     string             `json:"facilitator"`
	FacilitatorName string             `json:"facilitatorName"`
	// What the session opens with: running experiments and the last
	// session's success moments, asking for their outcomes.
	Running     []*Experiment  `json:"running"`
	LastDay     string         `json:"lastDay,omitempty"`
	LastMoments []*SessionItem `json:"lastMoments"`
	Voters      int            `json:"voters"` // members who put dots in this session
	// Members are the team's members (not removed), for choosing an
	// experiment's owner.
	Members []SessionMember `json:"members"`
}

// SessionMember is a member as the session names them.
type SessionMember struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// SessionSummary is a past session in the list.
type SessionSummary struct {
	Day       string `json:"day"`
	Items     int    `json:"items"`
	Decisions int    `json:"decisions"`
}

// SessionItemFact is what a reader knows of a stored item, to check a
// peer's session events.
type SessionItemFact struct {
	Author  string
	Session string
	PartID  string
	Deleted bool
}

// SessionFacts is what a reader checks peers' session events against.
type SessionFacts interface {
	SessionItemFacts(ctx context.Context, uid string) ([]SessionItemFact, error)
	// SessionUIDAuthors returns who holds a comment, experiment or note
	// revision ("comment", "experiment", "note") with uid.
	SessionUIDAuthors(ctx context.Context, what, uid string) ([]string, error)
}

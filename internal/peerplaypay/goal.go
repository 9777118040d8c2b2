package peerplaypay

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// GoalKind is what a goal is about: a result to reach, an action to take,
// or a behaviour to practise.
type GoalKind string

const (
	GoalResult    GoalKind = "result"
	GoalAction    GoalKind = "action"
	GoalBehaviour GoalKind = "behaviour"
)

// GoalLevel is how far up a goal reaches.
type GoalLevel string

const (
	LevelPersonal     GoalLevel = "personal"
	LevelTeam         GoalLevel = "team"
	LevelOrganisation GoalLevel = "organisation"
)

// GoalVisibility says who sees a goal: the team (through the share) or
// only this laptop.
type GoalVisibility string

const (
	VisibilityTeam    GoalVisibility = "team"
	VisibilityPrivate GoalVisibility = "private"
)

// GoalStatus is where a goal stands.
type GoalStatus string

const (
	StatusOnTrack  GoalStatus = "on_track"
	StatusAtRisk   GoalStatus = "at_risk"
	StatusOffTrack GoalStatus = "off_track"
	StatusAchieved GoalStatus = "achieved"
	StatusDropped  GoalStatus = "dropped"
)

// Open reports whether work on the goal goes on.
func (s GoalStatus) Open() bool { return s != StatusAchieved && s != StatusDropped }

// MeasureType is how progress is measured; "" until a measure is set.
type MeasureType string

const (
	MeasureNone       MeasureType = ""
	MeasureNumber     MeasureType = "number"
	MeasureMilestones MeasureType = "milestones"
	MeasureScale      MeasureType = "scale"
)

// Limits on goal text: long enough to be specific, short enough for a card.
const (
	MaxGoalTitleLen   = 200
	MaxGoalTextLen    = 4000
	MaxMilestones     = 50
	MaxContributors   = 20
	ScaleLevels       = 5
	MaxCheckinNoteLen = 4000
	MaxHelpTextLen    = 2000
	MaxOutcomes       = 50
)

// Milestone is one step of a checklist measure.
type Milestone struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Done  bool   `json:"done"`
}

// Measure is how a goal's progress is told. Only the fields of its Type
// mean anything; the others are zero.
type Measure struct {
	Type MeasureType `json:"type" ts_type:"'number' | 'milestones' | 'scale' | ''"`
	// number: a unit ("p95 latency ms"), start, target and current value.
	Unit    string  `json:"unit"`
	Start   float64 `json:"start"`
	Target  float64 `json:"target"`
	Current float64 `json:"current"`
	// milestones: Current is the count done.
	Milestones []Milestone `json:"milestones"`
	// scale: Current is the self-rated level 1-5 (0: not rated yet);
	// Levels[i] is what level i+1 looks like, or empty when not described.
	Levels []string `json:"levels"`
}

// Progress is 0..1: how far the measure has come from start to target.
func (m Measure) Progress() float64 {
	var p float64
	switch m.Type {
	case MeasureNumber:
		if m.Target == m.Start {
			return 0
		}
		p = (m.Current - m.Start) / (m.Target - m.Start)
	case MeasureMilestones:
		if len(m.Milestones) == 0 {
			return 0
		}
		done := 0
		for _, ms := range m.Milestones {
			if ms.Done {
				done++
			}
		}
		p = float64(done) / float64(len(m.Milestones))
	case MeasureScale:
		if m.Current < 1 {
			return 0
		}
		p = (m.Current - 1) / 4
	}
	if math.IsNaN(p) {
		return 0
	}
	return math.Min(1, math.Max(0, p))
}

// Member is a member's ID with the name this laptop knows for them.
type Member struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Goal is a goal as the list and the tree show it.
type Goal struct {
	ID             int64          `json:"id"`
	UID            string         `json:"uid"`
	Title          string         `json:"title"`
	Kind           GoalKind       `json:"kind" ts_type:"'result' | 'action' | 'behaviour'"`
	Description    string         `json:"description"`
	Measure        Measure        `json:"measure"`
	Confidence     int            `json:"confidence"`
	Due            string         `json:"due"`
	Owner          string         `json:"owner"`
	OwnerName      string         `json:"ownerName"`
	Contributors   []Member       `json:"contributors"`
	ProposedBy     string         `json:"proposedBy"`
	ProposedByName string         `json:"proposedByName"`
	Level          GoalLevel      `json:"level" ts_type:"'personal' | 'team' | 'organisation'"`
	ParentUID      string         `json:"parentUid"`
	OutcomeID      string         `json:"outcomeId"`
	OutcomeTitle   string         `json:"outcomeTitle"`
	Visibility     GoalVisibility `json:"visibility" ts_type:"'team' | 'private'"`
	Status         GoalStatus     `json:"status" ts_type:"'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'dropped'"`
	StatusReason   string         `json:"statusReason"`
	// SuggestedStatus is where the goal's own figures say it stands
	// (SuggestStatus), beside the status its owner set; "" when there is
	// nothing to go on.
	SuggestedStatus GoalStatus `json:"suggestedStatus" ts_type:"'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'dropped' | ''"`
	SuggestedReason string     `json:"suggestedReason"`
	NeedHelp        string     `json:"needHelp"`
	Progress        float64    `json:"progress"`
	Mine            bool       `json:"mine"`
	Checkins        int        `json:"checkins"`
	LastCheckinAt   string     `json:"lastCheckinAt"`
	CheckinDue      bool       `json:"checkinDue"`
	OpenHelpOffers  int        `json:"openHelpOffers"`
	CreatedAt       string     `json:"createdAt"`
	UpdatedAt       string     `json:"updatedAt"`
}

// GoalInput is what the member types for a goal.
type GoalInput struct {
	Title        string         `json:"title"`
	Kind         GoalKind       `json:"kind" ts_type:"'result' | 'action' | 'behaviour'"`
	Description  string         `json:"description"`
	Measure      Measure        `json:"measure"`
	Confidence   int            `json:"confidence"`
	Due          string         `json:"due"`
	Contributors []string       `json:"contributors"`
	Level        GoalLevel      `json:"level" ts_type:"'personal' | 'team' | 'organisation'"`
	ParentUID    string         `json:"parentUid"`
	OutcomeID    string         `json:"outcomeId"`
	Visibility   GoalVisibility `json:"visibility" ts_type:"'team' | 'private'"`
	NeedHelp     string         `json:"needHelp"`
}

// Checkin is one progress update of a goal.
type Checkin struct {
	ID             int64    `json:"id"`
	UID            string   `json:"uid"`
	GoalUID        string   `json:"goalUid"`
	At             string   `json:"at"`
	Author         string   `json:"author"`
	AuthorName     string   `json:"authorName"`
	Value          float64  `json:"value"`
	MilestonesDone []string `json:"milestonesDone"`
	Confidence     int      `json:"confidence"`
	Note           string   `json:"note"`
}

// CheckinInput is a new check-in. Value is nil for milestone goals.
type CheckinInput struct {
	Value          *float64 `json:"value" ts_type:"number | null"`
	MilestonesDone []string `json:"milestonesDone"`
	Confidence     int      `json:"confidence"`
	Note           string   `json:"note"`
}

// HelpOffer is a member's offer of help on a goal.
type HelpOffer struct {
	ID         int64  `json:"id"`
	UID        string `json:"uid"`
	GoalUID    string `json:"goalUid"`
	GoalTitle  string `json:"goalTitle"`
	Author     string `json:"author"`
	AuthorName string `json:"authorName"`
	Text       string `json:"text"`
	At         string `json:"at"`
	Accepted   bool   `json:"accepted"`
	AcceptedAt string `json:"acceptedAt"`
	Mine       bool   `json:"mine"`
	// Log names the stand-up log the offer answers, null for an offer on
	// a goal.
	Log *LogRef `json:"log"`
}

// LinkedLog is a stand-up log that worked on a goal.
type LinkedLog struct {
	LogID      int64  `json:"logId"`
	PeerLogID  int64  `json:"peerLogId"`
	Day        string `json:"day"`
	Author     string `json:"author"`
	AuthorName string `json:"authorName"`
	Done       string `json:"done"`
}

// GoalDetail is one goal with its history, offers, logs and neighbours.
type GoalDetail struct {
	Goal     *Goal        `json:"goal"`
	Checkins []*Checkin   `json:"checkins"`
	Offers   []*HelpOffer `json:"offers"`
	Logs     []LinkedLog  `json:"logs"`
	Children []*Goal      `json:"children"`
	Parent   *Goal        `json:"parent"`
}

// OutcomeKind is what a job outcome is.
type OutcomeKind string

const (
	OutcomeDeliverable OutcomeKind = "deliverable"
	OutcomeProcess     OutcomeKind = "process"
	OutcomeImpact      OutcomeKind = "impact"
)

// JobOutcome is something the member's role exists for; goals link to it.
type JobOutcome struct {
	ID          string      `json:"id"`
	Kind        OutcomeKind `json:"kind" ts_type:"'deliverable' | 'process' | 'impact'"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
}

// HelpRequest is a goal that asks for help, or has offers waiting.
type HelpRequest struct {
	Goal   *Goal        `json:"goal"`
	Offers []*HelpOffer `json:"offers"`
}

// ConversationNote is a check-in conversation between this member and one
// other; coach and coachee are chosen per conversation.
type ConversationNote struct {
	ID          int64    `json:"id"`
	UID         string   `json:"uid"`
	With        string   `json:"with"`
	WithName    string   `json:"withName"`
	MyRole      string   `json:"myRole" ts_type:"'coach' | 'coachee'"`
	Day         string   `json:"day"`
	Agenda      []string `json:"agenda"`
	Notes       string   `json:"notes"`
	ShareMine   bool     `json:"shareMine"`
	ShareTheirs bool     `json:"shareTheirs"`
	UpdatedAt   string   `json:"updatedAt"`
}

// SharedConversation is a check-in conversation between two other members
// that both of them chose to share with the team.
type SharedConversation struct {
	UID         string   `json:"uid"`
	Coach       string   `json:"coach"`
	CoachName   string   `json:"coachName"`
	Coachee     string   `json:"coachee"`
	CoacheeName string   `json:"coacheeName"`
	Day         string   `json:"day"`
	Agenda      []string `json:"agenda"`
	Notes       string   `json:"notes"`
	UpdatedAt   string   `json:"updatedAt"`
}

// GoalsSettings are the member's choices for goals.
type GoalsSettings struct {
	// CheckinEveryDays is the check-in cadence; 0: no reminders.
	CheckinEveryDays int `json:"checkinEveryDays"`
}

// DefaultCheckinEveryDays is a week: often enough to steer, rare enough
// not to nag.
const DefaultCheckinEveryDays = 7

// DeleteChildren says what happens to a deleted goal's children.
type DeleteChildren string

const (
	ChildrenRefuse DeleteChildren = "refuse" // fail when there are any
	ChildrenLift   DeleteChildren = "lift"   // they get the deleted goal's parent
	ChildrenDetach DeleteChildren = "detach" // they lose their parent
	ChildrenDelete DeleteChildren = "delete" // own children are deleted too
)

// NewUID returns a random uid (32 hex digits) for logs, goals, check-ins,
// offers and events: unique across a team without coordination.
func NewUID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// IsUID reports whether s looks like a uid: 32 lowercase hex digits.
func IsUID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// Normalize trims text, drops empty lines and duplicates, fills defaults,
// and gives milestones their ids.
func (in *GoalInput) Normalize() {
	in.Title = strings.TrimSpace(in.Title)
	in.Description = strings.TrimSpace(in.Description)
	in.Due = strings.TrimSpace(in.Due)
	in.NeedHelp = strings.TrimSpace(in.NeedHelp)
	in.ParentUID = strings.TrimSpace(in.ParentUID)
	in.OutcomeID = strings.TrimSpace(in.OutcomeID)
	if in.Level == "" {
		in.Level = LevelPersonal
	}
	if in.Visibility == "" {
		in.Visibility = VisibilityTeam
	}
	var cs []string
	for _, c := range in.Contributors {
		c = strings.TrimSpace(c)
		if c != "" && !contains(cs, c) {
			cs = append(cs, c)
		}
	}
	in.Contributors = cs
	if in.Contributors == nil {
		in.Contributors = []string{}
	}
	in.Measure.Normalize()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Normalize trims the measure's text, clears the fields of other types,
// and keeps derived values (milestones' count done) in step.
func (m *Measure) Normalize() {
	m.Unit = strings.TrimSpace(m.Unit)
	for i := range m.Levels {
		m.Levels[i] = strings.TrimSpace(m.Levels[i])
	}
	var ms []Milestone
	for _, x := range m.Milestones {
		x.Title = strings.TrimSpace(x.Title)
		if x.Title == "" {
			continue
		}
		if x.ID == "" {
			x.ID = NewUID()[:12]
		}
		ms = append(ms, x)
	}
	m.Milestones = ms
	switch m.Type {
	case MeasureNumber:
		m.Milestones, m.Levels = nil, nil
	case MeasureMilestones:
		m.Unit, m.Start, m.Levels = "", 0, nil
		m.Target = float64(len(m.Milestones))
		done := 0
		for _, x := range m.Milestones {
			if x.Done {
				done++
			}
		}
		m.Current = float64(done)
	case MeasureScale:
		m.Unit, m.Milestones = "", nil
		m.Start, m.Target = 1, 5
		blank := true
		for _, l := range m.Levels {
			blank = blank && l == ""
		}
		if blank {
			m.Levels = nil
		}
	default:
		*m = Measure{}
	}
	if m.Milestones == nil {
		m.Milestones = []Milestone{}
	}
	if m.Levels == nil {
		m.Levels = []string{}
	}
}

// Validate reports the first problem with a goal's own fields. creating
// adds the rules only a new goal must meet (a due date not in the past);
// today is the member's local date. Rules that need other goals (parent,
// cycles, visibility of the tree) are the store's.
func (in *GoalInput) Validate(today string, creating bool) error {
	if in.Title == "" {
		return FieldErrorf("title", "Give the goal a title: what you want to reach, do or practise.")
	}
	if err := validateText("title", "The title", in.Title, MaxGoalTitleLen); err != nil {
		return err
	}
	switch in.Kind {
	case GoalResult, GoalAction, GoalBehaviour:
	default:
		return FieldErrorf("kind", "Choose the kind of goal: result, action or behaviour.")
	}
	if err := validateLong("description", "The description", in.Description, MaxGoalTextLen); err != nil {
		return err
	}
	if err := validateLong("needHelp", "Where you need help", in.NeedHelp, MaxHelpTextLen); err != nil {
		return err
	}
	if in.Confidence < 0 || in.Confidence > 5 {
		return FieldErrorf("confidence", "Confidence is 1 (unlikely) to 5 (sure), or 0 when not said.")
	}
	if in.Due != "" {
		d, err := time.Parse("2006-01-02", in.Due)
		if err != nil || d.Format("2006-01-02") != in.Due {
			return FieldErrorf("due", "The due date %q is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31.", in.Due)
		}
		if creating && in.Due < today {
			return FieldErrorf("due", "The due date %s is in the past; choose today or a later day.", in.Due)
		}
	}
	switch in.Level {
	case LevelPersonal, LevelTeam, LevelOrganisation:
	default:
		return FieldErrorf("level", "Choose the goal's level: personal, team or organisation.")
	}
	switch in.Visibility {
	case VisibilityTeam, VisibilityPrivate:
	default:
		return FieldErrorf("visibility", "Choose who sees the goal: team or private.")
	}
	if in.Visibility == VisibilityPrivate && in.Level != LevelPersonal {
		return FieldErrorf("visibility", "A %s goal is the team's: it cannot be private. Make it personal, or share it with the team.", in.Level)
	}
	if in.ParentUID != "" && !IsUID(in.ParentUID) {
		return FieldErrorf("parentUid", "The parent goal %q is not a goal's id; choose the parent from the list of goals.", in.ParentUID)
	}
	if len(in.Contributors) > MaxContributors {
		return FieldErrorf("contributors", "A goal has at most %d contributors; keep those who really work on it.", MaxContributors)
	}
	for _, c := range in.Contributors {
		if _, err := hex.DecodeString(c); err != nil || len(c) < 16 || len(c) > 128 {
			return FieldErrorf("contributors", "%q is not a member's ID; choose contributors from the team's members.", c)
		}
	}
	return in.Measure.Validate()
}

// Validate reports the first problem with a measure.
func (m *Measure) Validate() error {
	for _, v := range []float64{m.Start, m.Target, m.Current} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return FieldErrorf("measure", "The measure's numbers must be ordinary numbers.")
		}
	}
	switch m.Type {
	case MeasureNone:
	case MeasureNumber:
		if err := validateText("measure", "The unit", m.Unit, MaxGoalTitleLen); err != nil {
			return err
		}
		if m.Target == m.Start {
			return FieldErrorf("measure", "The target equals the start (%s): nothing would change. Set the target to where you want to get.", formatNumber(m.Start))
		}
	case MeasureMilestones:
		if len(m.Milestones) == 0 {
			return FieldErrorf("measure", "Add at least one milestone, or choose another measure.")
		}
		if len(m.Milestones) > MaxMilestones {
			return FieldErrorf("measure", "A goal has at most %d milestones; group smaller steps together.", MaxMilestones)
		}
		for _, x := range m.Milestones {
			if err := validateText("measure", "A milestone", x.Title, MaxGoalTitleLen); err != nil {
				return err
			}
		}
	case MeasureScale:
		if len(m.Levels) != 0 && len(m.Levels) != ScaleLevels {
			return FieldErrorf("measure", "Describe what each of the 5 levels looks like, or leave all 5 empty.")
		}
		for i, l := range m.Levels {
			if l == "" {
				return FieldErrorf("measure", "Level %d is not described: say what each of the 5 levels looks like, or leave all 5 empty.", i+1)
			}
			if err := validateText("measure", fmt.Sprintf("Level %d", i+1), l, MaxGoalTitleLen); err != nil {
				return err
			}
		}
		if m.Current != 0 && (m.Current < 1 || m.Current > 5 || m.Current != math.Trunc(m.Current)) {
			return FieldErrorf("measure", "A behaviour is rated 1 to 5.")
		}
	default:
		return FieldErrorf("measure", "Choose how to measure the goal: a number, milestones or (for behaviours) a 1-5 scale.")
	}
	return nil
}

func formatNumber(f float64) string { return fmt.Sprintf("%g", f) }

// validateLong checks a multi-line text: line breaks are fine here.
func validateLong(field, label, s string, max int) error {
	if !utf8.ValidString(s) {
		return FieldErrorf(field, "%s contains characters that are not valid text; please retype it.", label)
	}
	if n := utf8.RuneCountInString(s); n > max {
		return FieldErrorf(field, "%s is %d characters long; please keep it to %d.", label, n, max)
	}
	return nil
}

// ValidateStatus checks a status change: dropping a goal needs a reason.
func ValidateStatus(status GoalStatus, reason string) error {
	switch status {
	case StatusOnTrack, StatusAtRisk, StatusOffTrack, StatusAchieved, StatusDropped:
	default:
		return FieldErrorf("status", "Unknown status %q: choose on_track, at_risk, off_track, achieved or dropped.", status)
	}
	if status == StatusDropped && strings.TrimSpace(reason) == "" {
		return FieldErrorf("statusReason", "Say why the goal is dropped: the team learns from it.")
	}
	return validateLong("statusReason", "The reason", reason, MaxHelpTextLen)
}

// Validate reports the first problem with a check-in on a goal measured by m.
func (in *CheckinInput) Validate(m Measure) error {
	if in.Confidence < 0 || in.Confidence > 5 {
		return FieldErrorf("confidence", "Confidence is 1 (unlikely) to 5 (sure), or 0 when not said.")
	}
	in.Note = strings.TrimSpace(in.Note)
	if err := validateLong("note", "The note", in.Note, MaxCheckinNoteLen); err != nil {
		return err
	}
	switch m.Type {
	case MeasureNumber:
		if in.Value == nil {
			return FieldErrorf("value", "Enter the new value (%s).", m.Unit)
		}
		if math.IsNaN(*in.Value) || math.IsInf(*in.Value, 0) {
			return FieldErrorf("value", "The value must be an ordinary number.")
		}
	case MeasureScale:
		if in.Value == nil || *in.Value < 1 || *in.Value > 5 || *in.Value != math.Trunc(*in.Value) {
			return FieldErrorf("value", "Rate the behaviour from 1 to 5.")
		}
	case MeasureMilestones:
		for _, id := range in.MilestonesDone {
			found := false
			for _, x := range m.Milestones {
				found = found || x.ID == id
			}
			if !found {
				return FieldErrorf("milestonesDone", "Milestone %q is not one of this goal's; reload the goal and tick again.", id)
			}
		}
	default:
		if in.Value != nil {
			return FieldErrorf("value", "This goal has no measure yet: set one before checking in a value, or check in with a note only.")
		}
	}
	if in.Value == nil && len(in.MilestonesDone) == 0 && in.Note == "" && in.Confidence == 0 {
		return FieldErrorf("note", "A check-in needs something: a new value, a milestone ticked, your confidence or a note.")
	}
	return nil
}

// Normalize trims an outcome and gives it an id.
func (o *JobOutcome) Normalize() {
	o.Title = strings.TrimSpace(o.Title)
	o.Description = strings.TrimSpace(o.Description)
	if o.ID == "" {
		o.ID = NewUID()
	}
}

// Validate reports the first problem with a job outcome.
func (o *JobOutcome) Validate() error {
	switch o.Kind {
	case OutcomeDeliverable, OutcomeProcess, OutcomeImpact:
	default:
		return FieldErrorf("kind", "Choose what the outcome is: a deliverable, a process or an impact.")
	}
	if o.Title == "" {
		return FieldErrorf("title", "Give each job outcome a title, or remove it.")
	}
	if err := validateText("title", "An outcome's title", o.Title, MaxGoalTitleLen); err != nil {
		return err
	}
	return validateLong("description", "An outcome's description", o.Description, MaxGoalTextLen)
}

// GoalService stores goals, their check-ins and offers of help, and tells
// the team about the shared ones.
type GoalService interface {
	Goals(ctx context.Context) ([]*Goal, error)
	Goal(ctx context.Context, id int64) (*GoalDetail, error)
	CreateGoal(ctx context.Context, in GoalInput) (*Goal, error)
	UpdateGoal(ctx context.Context, id int64, in GoalInput) (*Goal, error)
	SetGoalStatus(ctx context.Context, id int64, status GoalStatus, reason string) (*Goal, error)
	DeleteGoal(ctx context.Context, id int64, children DeleteChildren) error
	CheckIn(ctx context.Context, id int64, in CheckinInput) (*Checkin, error)
	OfferHelp(ctx context.Context, goalID int64, text string) (*HelpOffer, error)
	AcceptHelp(ctx context.Context, offerID int64) (*HelpOffer, error)
	HelpRequests(ctx context.Context) ([]*HelpRequest, error)
	Outcomes(ctx context.Context) ([]JobOutcome, error)
	SaveOutcomes(ctx context.Context, outcomes []JobOutcome) ([]JobOutcome, error)
	LogGoals(ctx context.Context, logID int64) ([]int64, error)
	SetLogGoals(ctx context.Context, logID int64, goalIDs []int64) ([]int64, error)
	Conversations(ctx context.Context) ([]*ConversationNote, error)
	// SharedConversations returns the conversations between two other
	// members that both of them shared with the team, read-only.
	SharedConversations(ctx context.Context) ([]*SharedConversation, error)
	Agenda(ctx context.Context, member string) ([]string, error)
	SaveConversation(ctx context.Context, n ConversationNote) (*ConversationNote, error)
	GoalsSettings(ctx context.Context) (GoalsSettings, error)
	SaveGoalsSettings(ctx context.Context, s GoalsSettings) (GoalsSettings, error)
}

// Event kinds of goals, at the version this app writes (see PROTOCOL.md
// §11.8 for their data).
const (
	EventGoalSet          = "goal.set"
	EventGoalDeleted      = "goal.deleted"
	EventCheckinAdded     = "checkin.added"
	EventHelpOffered      = "help.offered"
	EventHelpAccepted     = "help.accepted"
	EventConversationNote = "conversation.note"
	// A conversation both of its members chose to share, as one of them
	// publishes it to the team, and that member taking it back.
	EventConversationShared   = "conversation.shared"
	EventConversationUnshared = "conversation.unshared"
)

// GoalSet is the data of a goal.set event (v1): the whole goal as its
// author keeps it. Only team goals travel.
type GoalSet struct {
	UID          string     `json:"uid"`
	Title        string     `json:"title"`
	Kind         GoalKind   `json:"kind"`
	Description  string     `json:"description"`
	Measure      Measure    `json:"measure"`
	Confidence   int        `json:"confidence"`
	Due          string     `json:"due"`
	Owner        string     `json:"owner"`
	Contributors []string   `json:"contributors"`
	Level        GoalLevel  `json:"level"`
	ParentUID    string     `json:"parentUid"`
	OutcomeID    string     `json:"outcomeId"`
	OutcomeTitle string     `json:"outcomeTitle"`
	Status       GoalStatus `json:"status"`
	StatusReason string     `json:"statusReason"`
	NeedHelp     string     `json:"needHelp"`
	CreatedAt    time.Time  `json:"createdAt"`
	UpdatedAt    time.Time  `json:"updatedAt"`
}

// GoalDeleted is the data of a goal.deleted event (v1): a tombstone.
type GoalDeleted struct {
	UID string `json:"uid"`
}

// CheckinAdded is the data of a checkin.added event (v1): a check-in on
// one of the author's goals.
type CheckinAdded struct {
	UID            string    `json:"uid"`
	GoalUID        string    `json:"goalUid"`
	At             time.Time `json:"at"`
	Value          float64   `json:"value"`
	MilestonesDone []string  `json:"milestonesDone"`
	Confidence     int       `json:"confidence"`
	Note           string    `json:"note"`
}

// HelpOffered is the data of a help.offered event (v1): the author offers
// help on the goal (GoalAuthor, GoalUID).
type HelpOffered struct {
	UID        string    `json:"uid"`
	GoalAuthor string    `json:"goalAuthor"`
	GoalUID    string    `json:"goalUid"`
	Text       string    `json:"text"`
	At         time.Time `json:"at"`
}

// HelpAccepted is the data of a help.accepted event (v1): the goal's
// owner (the author) accepts the offer (OfferAuthor, OfferUID).
type HelpAccepted struct {
	OfferAuthor string    `json:"offerAuthor"`
	OfferUID    string    `json:"offerUid"`
	At          time.Time `json:"at"`
}

// ConversationNoteData is the data of a conversation.note event (v1): the
// whole note, readable by its two members only (a direct event), unless
// both chose to share it.
type ConversationNoteData struct {
	UID string `json:"uid"`
	// With is the other member of the conversation (the reader, for a
	// direct event); AuthorRole is the author's role in it.
	With       string    `json:"with"`
	AuthorRole string    `json:"authorRole"`
	Day        string    `json:"day"`
	Agenda     []string  `json:"agenda"`
	Notes      string    `json:"notes"`
	Share      bool      `json:"share"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

// ConversationSharedData is the data of a conversation.shared event (v1):
// the note as its author has it, published to the whole team only once both
// members chose to share it. Each member publishes their own copy, so the
// team sees a note only while both copies stand.
type ConversationSharedData struct {
	UID        string    `json:"uid"`
	With       string    `json:"with"`
	AuthorRole string    `json:"authorRole"`
	Day        string    `json:"day"`
	Agenda     []string  `json:"agenda"`
	Notes      string    `json:"notes"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

// ConversationUnsharedData is the data of a conversation.unshared event
// (v1): the author takes back their copy of a shared conversation.
type ConversationUnsharedData struct {
	UID string `json:"uid"`
}

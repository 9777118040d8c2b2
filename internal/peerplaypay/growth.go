package peerplaypay

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Where a framework came from.
const (
	FrameworkDefault = "default" // the built-in one
	FrameworkLocal   = "local"   // edited or imported on this laptop
	FrameworkTeam    = "team"    // published by a member through the share
)

// FrameworkItem is one skill or behaviour with a line per level 1..5.
type FrameworkItem struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Levels      []string `json:"levels"`
	Behaviour   bool     `json:"behaviour"`
}

// FrameworkGroup is a named set of items.
type FrameworkGroup struct {
	ID    string          `json:"id"`
	Name  string          `json:"name"`
	Items []FrameworkItem `json:"items"`
}

// Framework is a versioned skills and behaviour framework. Every saved
// change makes a new version and keeps the old ones, so an assessment is
// always shown against the version it used.
type Framework struct {
	ID         string           `json:"id"`
	Name       string           `json:"name"`
	Version    int              `json:"version"`
	Groups     []FrameworkGroup `json:"groups"`
	Source     string           `json:"source" ts_type:"'default' | 'local' | 'team'"`
	Author     string           `json:"author"`     // hex member ID of a team framework's publisher; "" for ours
	AuthorName string           `json:"authorName"` // filled by the app from the roster
	UpdatedAt  string           `json:"updatedAt"`  // RFC 3339
}

// Item returns the item with id, or nil.
func (f *Framework) Item(id string) *FrameworkItem {
	for g := range f.Groups {
		for i := range f.Groups[g].Items {
			if f.Groups[g].Items[i].ID == id {
				return &f.Groups[g].Items[i]
			}
		}
	}
	return nil
}

// Levels is how many levels every item has.
const Levels = 5

const maxLevelLine = 300

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,79}$`)

// problem is a framework's first fault and the JSON path it is at
// (such as "groups[1].items[0].levels"), to be turned into a file line.
type problem struct{ path, reason string }

func (f *Framework) firstProblem() *problem {
	if strings.TrimSpace(f.Name) == "" {
		return &problem{"name", "the framework needs a name"}
	}
	if len(f.Groups) == 0 {
		return &problem{"groups", "the framework needs at least one group of items"}
	}
	groups := map[string]bool{}
	items := map[string]string{}
	for g, grp := range f.Groups {
		gp := fmt.Sprintf("groups[%d]", g)
		switch {
		case !slugRE.MatchString(grp.ID):
			return &problem{gp + ".id", fmt.Sprintf("the group id %q must be lower-case letters, digits, dots or dashes", grp.ID)}
		case groups[grp.ID]:
			return &problem{gp + ".id", fmt.Sprintf("the group id %q is used twice", grp.ID)}
		case strings.TrimSpace(grp.Name) == "":
			return &problem{gp + ".name", fmt.Sprintf("the group %q needs a name", grp.ID)}
		case len(grp.Items) == 0:
			return &problem{gp + ".items", fmt.Sprintf("the group %q needs at least one item", grp.ID)}
		}
		groups[grp.ID] = true
		for i, it := range grp.Items {
			ip := fmt.Sprintf("%s.items[%d]", gp, i)
			switch {
			case !slugRE.MatchString(it.ID):
				return &problem{ip + ".id", fmt.Sprintf("the item id %q must be lower-case letters, digits, dots or dashes", it.ID)}
			case items[it.ID] != "":
				return &problem{ip + ".id", fmt.Sprintf("the item id %q is used twice (first in group %q)", it.ID, items[it.ID])}
			case strings.TrimSpace(it.Name) == "":
				return &problem{ip + ".name", fmt.Sprintf("the item %q needs a name", it.ID)}
			case len(it.Levels) != Levels:
				return &problem{ip + ".levels", fmt.Sprintf("the item %q has %d level lines; it needs exactly %d, for levels 1 to %d", it.ID, len(it.Levels), Levels, Levels)}
			}
			items[it.ID] = grp.ID
			for l, line := range it.Levels {
				lp := fmt.Sprintf("%s.levels[%d]", ip, l)
				switch {
				case strings.TrimSpace(line) == "":
					return &problem{lp, fmt.Sprintf("level %d of the item %q is empty", l+1, it.ID)}
				case strings.ContainsAny(line, "\r\n"):
					return &problem{lp, fmt.Sprintf("level %d of the item %q must be one line", l+1, it.ID)}
				case utf8.RuneCountInString(line) > maxLevelLine:
					return &problem{lp, fmt.Sprintf("level %d of the item %q is longer than %d characters", l+1, it.ID, maxLevelLine)}
				}
			}
		}
	}
	return nil
}

// Problem returns f's first fault and where it is, as a path into the
// framework file ("groups[1].items[0].levels"); ok is false for none.
func (f *Framework) Problem() (path, reason string, ok bool) {
	if p := f.firstProblem(); p != nil {
		return p.path, p.reason, true
	}
	return "", "", false
}

// FrameworkFileError is the error for a bad framework file: the line and
// the reason, and that nothing changed.
func FrameworkFileError(line int, reason string) error {
	return Errorf(EINVALID, "line %d: %s. Fix the file and import it again; the current framework is unchanged.", line, reason)
}

// Validate checks f: names, unique slug IDs, exactly five one-line levels.
func (f *Framework) Validate() error {
	if p := f.firstProblem(); p != nil {
		return Errorf(EINVALID, "The framework cannot be saved: %s.", p.reason)
	}
	return nil
}

// FrameworkFile is the file format of a framework (see FRAMEWORK.md).
type FrameworkFile struct {
	Format string           `json:"format"`
	Name   string           `json:"name"`
	Groups []FrameworkGroup `json:"groups"`
}

// FrameworkFormat names the file format and its version.
const FrameworkFormat = "peerplaypay-framework/1"

// EncodeFramework writes f as a framework file.
func EncodeFramework(w io.Writer, f *Framework) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(FrameworkFile{Format: FrameworkFormat, Name: f.Name, Groups: f.Groups})
}

// ParseFramework reads a framework file. A bad file is an EINVALID error
// whose message begins "line N: reason".
func ParseFramework(data []byte) (*Framework, error) {
	bad := func(off int64, reason string) error { return FrameworkFileError(lineOf(data, off), reason) }
	var file FrameworkFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return nil, bad(syn.Offset, "the JSON is not well formed ("+strings.TrimPrefix(syn.Error(), "invalid character ")+")")
		case errors.As(err, &typ):
			return nil, bad(typ.Offset, fmt.Sprintf("%s must be %s, not a JSON %s", fieldName(typ.Field), kindName(typ.Type.Kind().String()), typ.Value))
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			return nil, bad(int64(len(data)), "the file ends too early: the JSON is not complete")
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			name := strings.TrimPrefix(err.Error(), "json: unknown field ")
			off := int64(bytes.Index(data, []byte(name)))
			return nil, bad(max(off, 0), fmt.Sprintf("unknown field %s (a framework file has format, name and groups; a group id, name and items; an item id, name, description, levels and behaviour)", name))
		default:
			return nil, bad(dec.InputOffset(), err.Error())
		}
	}
	if dec.More() {
		return nil, bad(dec.InputOffset(), "there is more after the framework's closing brace")
	}
	if file.Format != "" && file.Format != FrameworkFormat {
		return nil, bad(offsets(data)["format"], fmt.Sprintf("the format %q is not one this version reads (%q)", file.Format, FrameworkFormat))
	}
	f := &Framework{Name: file.Name, Groups: file.Groups}
	if p := f.firstProblem(); p != nil {
		off := offsets(data)
		// The value is missing altogether: point at the nearest enclosing part.
		path := p.path
		for {
			if _, ok := off[path]; ok || path == "" {
				break
			}
			if i := strings.LastIndexAny(path, ".["); i >= 0 {
				path = path[:i]
			} else {
				path = ""
			}
		}
		return nil, bad(off[path], p.reason)
	}
	return f, nil
}

func fieldName(f string) string {
	if f == "" {
		return "the framework"
	}
	return "the field " + f
}

func kindName(k string) string {
	switch k {
	case "slice":
		return "a list"
	case "struct":
		return "an object"
	case "bool":
		return "true or false"
	case "string":
		return "text in quotes"
	}
	return "a " + k
}

// lineOf returns the 1-based line of byte offset off in data.
func lineOf(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// offsets maps each JSON path of a well-formed document ("groups[0].items[2].id")
// to the byte offset where its value starts.
func offsets(data []byte) map[string]int64 {
	m := map[string]int64{}
	dec := json.NewDecoder(bytes.NewReader(data))
	var walk func(path string, at int64) error
	walk = func(path string, at int64) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if _, ok := m[path]; !ok || at > 0 {
			m[path] = dec.InputOffset() - 1
		}
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				child := fmt.Sprint(k)
				if path != "" {
					child = path + "." + child
				}
				// The key's line, in case the value starts further down.
				m[child] = dec.InputOffset() - 1
				if err := walk(child, 0); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if err := walk(fmt.Sprintf("%s[%d]", path, i), 1); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		}
		return err
	}
	walk("", 1)
	return m
}

// Answer is one item's rating in a session.
type Answer struct {
	ItemID   string `json:"itemId"`
	Level    int    `json:"level"`
	Evidence string `json:"evidence"`
	At       string `json:"at"` // RFC 3339; set when saved
}

const maxEvidence = 4000

// Validate checks a rating.
func (a *Answer) Validate() error {
	switch {
	case a.ItemID == "":
		return FieldErrorf("itemId", "Choose the item to rate.")
	case a.Level < 1 || a.Level > Levels:
		return FieldErrorf("level", "A level is from 1 to %d; %d is not one.", Levels, a.Level)
	case utf8.RuneCountInString(a.Evidence) > maxEvidence:
		return FieldErrorf("evidence", "The evidence is longer than %d characters; keep the essentials.", maxEvidence)
	}
	return nil
}

// Session is a self-assessment: in progress (FinishedAt "") or a dated
// snapshot.
type Session struct {
	ID               int64    `json:"id"`
	UID              string   `json:"uid"`
	FrameworkID      string   `json:"frameworkId"`
	FrameworkVersion int      `json:"frameworkVersion"`
	StartedAt        string   `json:"startedAt"`
	FinishedAt       string   `json:"finishedAt"`
	Day              string   `json:"day"`
	Answers          []Answer `json:"answers"`
	Shared           bool     `json:"shared"`
}

// LastRating is an item's previous rating, shown beside it while assessing.
type LastRating struct {
	ItemID   string `json:"itemId"`
	Level    int    `json:"level"`
	Day      string `json:"day"`
	Evidence string `json:"evidence"`
}

// PeerView is our request for a peer's view of some items and its answer.
type PeerView struct {
	RequestUID string   `json:"requestUid"`
	Peer       string   `json:"peer"`
	PeerName   string   `json:"peerName"`
	ItemIDs    []string `json:"itemIds"`
	AskedAt    string   `json:"askedAt"`
	AnsweredAt string   `json:"answeredAt"` // "" = not yet
	Answers    []Answer `json:"answers"`
}

// PeerRequest is a peer's request to us for our view of their items.
type PeerRequest struct {
	RequestUID string          `json:"requestUid"`
	From       string          `json:"from"`
	FromName   string          `json:"fromName"`
	Items      []FrameworkItem `json:"items"`
	AskedAt    string          `json:"askedAt"`
	Answered   bool            `json:"answered"`
}

// Plan is a development plan: items to grow, why, how, by when.
type Plan struct {
	ID        int64    `json:"id"`
	ItemIDs   []string `json:"itemIds"`
	Why       string   `json:"why"`
	Actions   []string `json:"actions"`
	Resources []string `json:"resources"`
	Target    string   `json:"target"`
	GoalID    int64    `json:"goalId"`
	Done      bool     `json:"done"`
	UpdatedAt string   `json:"updatedAt"` // RFC 3339
}

// Validate checks a plan.
func (p *Plan) Validate() error {
	if len(p.ItemIDs) == 0 && strings.TrimSpace(p.Why) == "" && len(p.Actions) == 0 {
		return FieldErrorf("itemIds", "A plan needs at least an item to grow, a why or an action.")
	}
	if p.Target != "" && !validDay(p.Target) {
		return FieldErrorf("target", "The target date %q is not a date like 2026-03-31.", p.Target)
	}
	return nil
}

// Kinds of learning.
const (
	LearnRead      = "read"
	LearnListened  = "listened"
	LearnWatched   = "watched"
	LearnPractised = "practised"
)

// Learning is one entry of the learning log.
type Learning struct {
	ID        int64    `json:"id"`
	Day       string   `json:"day"`
	Kind      string   `json:"kind" ts_type:"'read' | 'listened' | 'watched' | 'practised'"`
	What      string   `json:"what"`
	Minutes   int      `json:"minutes"`
	Takeaways string   `json:"takeaways"`
	ItemIDs   []string `json:"itemIds"`
}

// Validate checks a learning entry.
func (l *Learning) Validate() error {
	switch {
	case strings.TrimSpace(l.What) == "":
		return FieldErrorf("what", "Say what you read, listened to, watched or practised.")
	case l.Minutes < 1 || l.Minutes > 24*60:
		return FieldErrorf("minutes", "Minutes are from 1 to 1440; %d is not.", l.Minutes)
	case l.Day != "" && !validDay(l.Day):
		return FieldErrorf("day", "The day %q is not a date like 2026-03-31.", l.Day)
	}
	switch l.Kind {
	case LearnRead, LearnListened, LearnWatched, LearnPractised:
	default:
		return FieldErrorf("kind", "The kind %q is not one of read, listened, watched or practised.", l.Kind)
	}
	return nil
}

// Basic is one of the member's daily habits.
type Basic struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	Archived bool   `json:"archived"`
	Order    int    `json:"order"`
}

// Validate checks a basic.
func (b *Basic) Validate() error {
	if t := strings.TrimSpace(b.Title); t == "" {
		return FieldErrorf("title", "A daily basic needs a title, such as \"Plan the day\".")
	} else if utf8.RuneCountInString(t) > 120 {
		return FieldErrorf("title", "Keep a daily basic's title under 120 characters.")
	}
	return nil
}

// Tick is a basic done on a day.
type Tick struct {
	BasicID int64  `json:"basicId"`
	Day     string `json:"day"`
}

// BasicsRange is the basics and their ticks over a range, for the heat map.
type BasicsRange struct {
	From   string  `json:"from"`
	To     string  `json:"to"`
	Basics []Basic `json:"basics"`
	Ticks  []Tick  `json:"ticks"`
}

// Reflection is a reflection period and its private journal note.
type Reflection struct {
	ID        int64  `json:"id"`
	Day       string `json:"day"`
	StartedAt string `json:"startedAt"`
	Minutes   int    `json:"minutes"`
	Prompt    string `json:"prompt"`
	Note      string `json:"note"`
}

// Validate checks a reflection.
func (r *Reflection) Validate() error {
	switch {
	case r.Minutes < 0 || r.Minutes > 24*60:
		return FieldErrorf("minutes", "Minutes are from 0 to 1440; %d is not.", r.Minutes)
	case r.Day != "" && !validDay(r.Day):
		return FieldErrorf("day", "The day %q is not a date like 2026-03-31.", r.Day)
	case r.Minutes == 0 && strings.TrimSpace(r.Note) == "":
		return FieldErrorf("note", "A reflection needs some minutes or a note.")
	}
	return nil
}

// ReflectionTimer is a reflection under way, kept so that it outlives the
// window: started again after a crash, the app shows it where it was.
type ReflectionTimer struct {
	Phase          string `json:"phase" ts_type:"'running' | 'paused' | 'done'"`
	PlannedMinutes int    `json:"plannedMinutes"`
	StartedAt      string `json:"startedAt"` // RFC 3339, the first start
	// RunStartedAt is when the current run started (RFC 3339); "" unless running.
	RunStartedAt string `json:"runStartedAt"`
	// BeforeMs is what earlier runs counted, before a pause.
	BeforeMs int64 `json:"beforeMs"`
	// Ended is true when it ran to its end rather than being stopped.
	Ended bool `json:"ended"`
}

// Validate checks a reflection timer.
func (t *ReflectionTimer) Validate() error {
	validTime := func(s string) bool { _, err := time.Parse(time.RFC3339Nano, s); return err == nil }
	switch {
	case t.Phase != "running" && t.Phase != "paused" && t.Phase != "done":
		return FieldErrorf("phase", "A reflection timer is running, paused or done; %q is none of them.", t.Phase)
	case t.PlannedMinutes < 1 || t.PlannedMinutes > 240:
		return FieldErrorf("plannedMinutes", "Reflection lasts from 1 to 240 minutes; %d is not.", t.PlannedMinutes)
	case !validTime(t.StartedAt):
		return FieldErrorf("startedAt", "%q is not a time like 2026-03-31T09:00:00Z.", t.StartedAt)
	case t.Phase == "running" && !validTime(t.RunStartedAt):
		return FieldErrorf("runStartedAt", "A running timer needs the time its run started; %q is not a time like 2026-03-31T09:00:00Z.", t.RunStartedAt)
	case t.BeforeMs < 0 || t.BeforeMs > int64(t.PlannedMinutes)*60_000:
		return FieldErrorf("beforeMs", "%d ms counted do not fit a %d-minute reflection.", t.BeforeMs, t.PlannedMinutes)
	}
	return nil
}

// Practice is a day's daily practice at a glance.
type Practice struct {
	Day                 string `json:"day"`
	Standup             bool   `json:"standup"`
	BasicsDone          int    `json:"basicsDone"`
	BasicsTotal         int    `json:"basicsTotal"`
	ReflectionMinutes   int    `json:"reflectionMinutes"`
	ReflectionTarget    int    `json:"reflectionTarget"`
	LearningMinutes     int    `json:"learningMinutes"`
	WeekLearningMinutes int    `json:"weekLearningMinutes"`
}

// GrowthSettings are the member's growth choices.
type GrowthSettings struct {
	ReflectionMinutes int `json:"reflectionMinutes"`
}

// DefaultReflectionMinutes is the reflection timer's length until changed.
const DefaultReflectionMinutes = 30

// Validate checks the settings.
func (s *GrowthSettings) Validate() error {
	if s.ReflectionMinutes < 1 || s.ReflectionMinutes > 240 {
		return FieldErrorf("reflectionMinutes", "Reflection lasts from 1 to 240 minutes; %d is not.", s.ReflectionMinutes)
	}
	return nil
}

func validDay(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// ValidDay reports whether s is a date "YYYY-MM-DD".
func ValidDay(s string) bool { return validDay(s) }

// JournalPrompts rotate, one per reflection.
var JournalPrompts = []string{
	"What went well today, and what made it go well?",
	"What did I learn today that I did not know yesterday?",
	"Where did I get stuck, and what would help me next time?",
	"Whom did I help today, and who helped me?",
	"What am I avoiding, and what is one small step toward it?",
	"When did I feel most energised today? Most drained?",
	"Which of my skills did I use today, and which did I miss?",
	"What feedback did I get or give, and what will I do with it?",
	"What would I do differently if I started today again?",
	"What am I grateful for in my work this week?",
	"Which experiment could I try tomorrow, and how will I know it worked?",
	"What matters most tomorrow, and what can I let go of?",
}

// Share event kinds of growth, at the version this app writes. Only what
// the member chose to share is ever sent.
const (
	EventAssessmentShared   = "assessment.shared"
	EventAssessmentUnshared = "assessment.unshared"
	EventFrameworkPublished = "framework.published"
	EventAssessRequested    = "assess.requested"
	EventAssessAnswered     = "assess.answered"
)

// AssessmentShared is a session summary: levels without evidence.
type AssessmentShared struct {
	UID              string      `json:"uid"`
	FrameworkID      string      `json:"frameworkId"`
	FrameworkVersion int         `json:"frameworkVersion"`
	Day              string      `json:"day"`
	Levels           []ItemLevel `json:"levels"`
}

// AssessmentUnshared takes a shared summary back: peers drop their copy.
type AssessmentUnshared struct {
	UID string `json:"uid"`
}

// TeamSummary is a session summary a teammate shared with the team: levels
// without evidence, with the item names of the framework version it used
// when this laptop has that version.
type TeamSummary struct {
	Member           string      `json:"member"`     // hex member ID of the author
	MemberName       string      `json:"memberName"` // filled by the app from the roster
	UID              string      `json:"uid"`
	Day              string      `json:"day"`
	FrameworkID      string      `json:"frameworkId"`
	FrameworkVersion int         `json:"frameworkVersion"`
	FrameworkName    string      `json:"frameworkName"` // "" when this laptop lacks that version
	Levels           []TeamLevel `json:"levels"`
}

// TeamLevel is one item's level in a shared summary. Names are "" when the
// framework version is not on this laptop: the item ID is all there is.
type TeamLevel struct {
	ItemID    string `json:"itemId"`
	ItemName  string `json:"itemName"`
	GroupID   string `json:"groupId"`
	GroupName string `json:"groupName"`
	Level     int    `json:"level"`
}

// FrameworkRef names one version of a framework.
type FrameworkRef struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
}

// ItemLevel is a rating without evidence.
type ItemLevel struct {
	ItemID string `json:"itemId"`
	Level  int    `json:"level"`
}

// FrameworkPublished is a team's framework at one version.
type FrameworkPublished struct {
	UID     string           `json:"uid"`
	Version int              `json:"version"`
	Name    string           `json:"name"`
	Groups  []FrameworkGroup `json:"groups"`
}

// AssessRequested asks a peer for their view of some items.
type AssessRequested struct {
	UID   string          `json:"uid"`
	Items []FrameworkItem `json:"items"`
}

// AssessAnswered is a peer's view, sent to the asker only.
type AssessAnswered struct {
	UID     string   `json:"uid"`
	Answers []Answer `json:"answers"`
}

// GrowthService stores the growth area: frameworks, assessments, peer
// views, plans, learning, daily basics and reflections. Nothing it stores
// reaches the share unless a method says so.
type GrowthService interface {
	Framework(ctx context.Context) (*Framework, error)
	FrameworkVersion(ctx context.Context, id string, version int) (*Framework, error)
	SaveFramework(ctx context.Context, f *Framework) (*Framework, error)
	ResetFramework(ctx context.Context) (*Framework, error)
	// PublishFramework sends the current framework to the team.
	PublishFramework(ctx context.Context) (*Framework, error)

	CurrentSession(ctx context.Context) (*Session, error)
	Answer(ctx context.Context, sessionID int64, a Answer) (*Session, error)
	// FinishSession ends a session; share sends its summary to the team.
	FinishSession(ctx context.Context, sessionID int64, share bool) (*Session, error)
	DiscardSession(ctx context.Context, sessionID int64) error
	// ShareSession sends a finished session's summary to the team;
	// UnshareSession takes it back (peers drop their copy).
	ShareSession(ctx context.Context, sessionID int64) (*Session, error)
	UnshareSession(ctx context.Context, sessionID int64) (*Session, error)
	// TeamSummaries are the summaries teammates shared, newest first.
	TeamSummaries(ctx context.Context) ([]*TeamSummary, error)
	Sessions(ctx context.Context) ([]*Session, error)
	LastRatings(ctx context.Context) ([]LastRating, error)

	AskPeer(ctx context.Context, peer string, itemIDs []string) (*PeerView, error)
	PeerViews(ctx context.Context) ([]*PeerView, error)
	PeerRequests(ctx context.Context) ([]*PeerRequest, error)
	AnswerPeer(ctx context.Context, requestUID string, answers []Answer) error

	Plans(ctx context.Context) ([]*Plan, error)
	SavePlan(ctx context.Context, p *Plan) (*Plan, error)
	DeletePlan(ctx context.Context, id int64) error
	SetPlanGoal(ctx context.Context, id, goalID int64) (*Plan, error)

	Learning(ctx context.Context, from, to string) ([]*Learning, error)
	AddLearning(ctx context.Context, l *Learning) (*Learning, error)
	DeleteLearning(ctx context.Context, id int64) error

	Basics(ctx context.Context, from, to string) (*BasicsRange, error)
	SaveBasic(ctx context.Context, b *Basic) (*Basic, error)
	Tick(ctx context.Context, basicID int64, day string, done bool) error

	Reflections(ctx context.Context, from, to string) ([]*Reflection, error)
	SaveReflection(ctx context.Context, r *Reflection) (*Reflection, error)
	Prompt(ctx context.Context) (string, error)
	// ReflectionTimer is the reflection under way, nil when none;
	// SaveReflectionTimer keeps it (nil forgets it). SaveReflection
	// forgets it too: its entry is written.
	ReflectionTimer(ctx context.Context) (*ReflectionTimer, error)
	SaveReflectionTimer(ctx context.Context, t *ReflectionTimer) error

	Practice(ctx context.Context, day string) (*Practice, error)
	Settings(ctx context.Context) (*GrowthSettings, error)
	SaveSettings(ctx context.Context, s *GrowthSettings) (*GrowthSettings, error)
}

// ImportFramework reads a framework file and saves it as the next version
// of the current framework. A bad file changes nothing.
func ImportFramework(ctx context.Context, s GrowthService, data []byte) (*Framework, error) {
	f, err := ParseFramework(data)
	if err != nil {
		return nil, err
	}
	return s.SaveFramework(ctx, f)
}

// ExportFramework writes the current framework as a file.
func ExportFramework(ctx context.Context, s GrowthService, w io.Writer) (*Framework, error) {
	f, err := s.Framework(ctx)
	if err != nil {
		return nil, err
	}
	return f, EncodeFramework(w, f)
}

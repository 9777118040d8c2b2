package peerplaypay

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// LogKind is what a stand-up log holds besides its table.
type LogKind string

const (
	LogVideo LogKind = "video" // VP8 + Opus WebM
	LogAudio LogKind = "audio" // Opus WebM
	LogText  LogKind = "text"  // the table alone
)

// LogStatus follows a log through recording.
type LogStatus string

const (
	// LogRecording: the recording is running. Found at start-up, it means
	// the app stopped mid-recording (crash, power loss).
	LogRecording LogStatus = "recording"
	// LogRecovered: the file of an interrupted recording was repaired; the
	// member decides whether to keep it.
	LogRecovered LogStatus = "recovered"
	// LogReady: a finished log.
	LogReady LogStatus = "ready"
)

// MaxTableText is the longest answer in one cell of the table. The table
// sits beside the recording; long prose belongs in the recording itself.
const MaxTableText = 2000

// LogTable is the fixed small table beside each stand-up recording.
type LogTable struct {
	Done       string `json:"done"`       // what I did
	How        string `json:"how"`        // how I did it
	Why        string `json:"why"`        // why it matters
	Next       string `json:"next"`       // what is next
	HelpNeeded string `json:"helpNeeded"` // where I need help
	Mood       int    `json:"mood"`       // 1..5, 0 = not given
	Energy     int    `json:"energy"`     // 1..5, 0 = not given
	// Extra holds the answers to the questions a team added to the table
	// (ids extra1..extra5, see Question); absent when there are none.
	Extra map[string]string `json:"extra,omitempty"`
}

// Normalize trims the answers.
func (t *LogTable) Normalize() {
	for _, s := range []*string{&t.Done, &t.How, &t.Why, &t.Next, &t.HelpNeeded} {
		*s = trimSpace(*s)
	}
	for k, v := range t.Extra {
		if v = trimSpace(v); v == "" {
			delete(t.Extra, k)
		} else {
			t.Extra[k] = v
		}
	}
	if len(t.Extra) == 0 {
		t.Extra = nil
	}
}

// Validate reports the first problem with the table as an EINVALID error.
// Line breaks are allowed: answers may be lists.
func (t *LogTable) Validate() error {
	for _, f := range []struct{ field, label, s string }{
		{"done", "What you did", t.Done},
		{"how", "How", t.How},
		{"why", "Why it matters", t.Why},
		{"next", "What is next", t.Next},
		{"helpNeeded", "Where you need help", t.HelpNeeded},
	} {
		if !utf8.ValidString(f.s) {
			return FieldErrorf(f.field, "%s contains characters that are not valid text; please retype it.", f.label)
		}
		if n := utf8.RuneCountInString(f.s); n > MaxTableText {
			return FieldErrorf(f.field, "%s is %d characters long; please keep it to %d and say the rest in the recording.", f.label, n, MaxTableText)
		}
	}
	for k, v := range t.Extra {
		if !strings.HasPrefix(k, "extra") || !slices.Contains(QuestionIDs, k) {
			return FieldErrorf("extra", "The table has no question %q; added questions are extra1 to extra5.", k)
		}
		if !utf8.ValidString(v) {
			return FieldErrorf(k, "The answer to %s contains characters that are not valid text; please retype it.", k)
		}
		if n := utf8.RuneCountInString(v); n > MaxTableText {
			return FieldErrorf(k, "The answer to %s is %d characters long; please keep it to %d and say the rest in the recording.", k, n, MaxTableText)
		}
	}
	if t.Mood < 0 || t.Mood > 5 {
		return FieldErrorf("mood", "Mood is a number from 1 to 5 (or empty).")
	}
	if t.Energy < 0 || t.Energy > 5 {
		return FieldErrorf("energy", "Energy is a number from 1 to 5 (or empty).")
	}
	return nil
}

// Empty reports whether nothing was filled in.
func (t *LogTable) Empty() bool {
	return t.Done == "" && t.How == "" && t.Why == "" && t.Next == "" && t.HelpNeeded == "" && t.Mood == 0 && t.Energy == 0 && len(t.Extra) == 0
}

// Answer is the answer to the question with id (see Question).
func (t *LogTable) Answer(id string) string {
	switch id {
	case "done":
		return t.Done
	case "how":
		return t.How
	case "why":
		return t.Why
	case "next":
		return t.Next
	case "helpNeeded":
		return t.HelpNeeded
	}
	return t.Extra[id]
}

// LogMedia describes a log's recording once it is complete.
type LogMedia struct {
	DurationMs int64  `json:"durationMs"`
	SizeBytes  int64  `json:"sizeBytes"`
	SHA256     string `json:"sha256"`
	// Loudness is the sound's loudness map, for skipping silences; "" when
	// there is none.
	Loudness Loudness `json:"loudness,omitempty"`
}

// LogEntry is one stand-up log: a recording (or none) and its table.
type LogEntry struct {
	ID int64 `json:"id"`
	// UID names the log beyond this laptop; random, never reused.
	UID    string    `json:"uid"`
	Day    string    `json:"day"` // the member's local date, YYYY-MM-DD
	Kind   LogKind   `json:"kind" ts_type:"'video' | 'audio' | 'text'"`
	Status LogStatus `json:"status" ts_type:"'recording' | 'recovered' | 'ready'"`
	// MediaPath is relative to the data folder, so the folder can move.
	MediaPath string `json:"mediaPath"`
	LogMedia
	LogTable
	// Questions are the table's questions when the log was made (the
	// team's settings then); empty for a log older than them, whose
	// questions are DefaultQuestions.
	Questions []Question `json:"questions"`
	// Shared: the log goes to the team share (the default). Published: the
	// share has it (or will at the next sync: its event is queued).
	Shared    bool `json:"shared"`
	Published bool `json:"published"`
	// Pinned: the member keeps the log's recording in the share whatever
	// the team's retention. MediaExpired: its recording left the share by
	// retention (this laptop keeps its own copy).
	Pinned       bool `json:"pinned"`
	MediaExpired bool `json:"mediaExpired"`
	// Times reach the window as RFC 3339 text.
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
	UpdatedAt time.Time `json:"updatedAt" ts_type:"string"`
	// Match is set on search results: where the words were found.
	Match *LogMatch `json:"match,omitempty"`
}

// Marks around the matched words in LogMatch.Text: characters from Unicode's
// private use area, which typed text does not contain, so the window can
// mark the words without reading the text as markup.
const (
	MatchStart = "\ue000"
	MatchEnd   = "\ue001"
)

// LogMatch is the part of a log's table that a search matched.
type LogMatch struct {
	Field string `json:"field"` // done, how, why, next or helpNeeded
	// Text is an excerpt of that answer with the matched words between
	// MatchStart and MatchEnd.
	Text string `json:"text"`
}

// LogFilter selects logs. Zero values select everything.
type LogFilter struct {
	From   string      `json:"from"`   // first day, YYYY-MM-DD
	To     string      `json:"to"`     // last day, YYYY-MM-DD
	Query  string      `json:"query"`  // words to find in the table
	Status []LogStatus `json:"status"` // default: ready and recovered
	Limit  int         `json:"limit"`  // default 50, at most 500
	Offset int         `json:"offset"`
}

// Validate checks the dates and bounds and applies defaults.
func (f *LogFilter) Validate() error {
	for _, d := range []struct{ field, s string }{{"from", f.From}, {"to", f.To}} {
		if d.s == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.s); err != nil {
			return FieldErrorf(d.field, "The date %q is not a date like 2026-11-23.", d.s)
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return FieldErrorf("to", "The end date is before the start date.")
	}
	if f.Limit <= 0 {
		f.Limit = 50
	} else if f.Limit > 500 {
		f.Limit = 500
	}
	if f.Offset < 0 {
		f.Offset = 0
	}
	if len(f.Status) == 0 {
		f.Status = []LogStatus{LogReady, LogRecovered}
	}
	return nil
}

// LogService stores stand-up logs. Files are the caller's: the service
// stores their paths and facts, and returns deleted entries so the caller
// can remove their files.
type LogService interface {
	// CreateLog stores a new log (ID, times and Day are set if zero).
	CreateLog(ctx context.Context, e *LogEntry) error
	// FinishLog records the facts of a complete recording and its status.
	FinishLog(ctx context.Context, id int64, m LogMedia, status LogStatus) (*LogEntry, error)
	// Log returns one log, or ENOTFOUND.
	Log(ctx context.Context, id int64) (*LogEntry, error)
	// FindLogs returns matching logs, newest first, and how many match.
	FindLogs(ctx context.Context, f LogFilter) ([]*LogEntry, int, error)
	// UpdateLogTable replaces a log's table.
	UpdateLogTable(ctx context.Context, id int64, t LogTable) (*LogEntry, error)
	// DeleteLog removes a log and returns what it was.
	DeleteLog(ctx context.Context, id int64) (*LogEntry, error)
	// SetLogShared shares a log with the team or takes it back.
	SetLogShared(ctx context.Context, id int64, shared bool) (*LogEntry, error)
}

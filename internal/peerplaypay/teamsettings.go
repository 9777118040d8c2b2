package peerplaypay

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// EventTeamSettings is the kind of a change of the team's own practice
// (PROTOCOL.md §11.11): some team settings set to new values by a member.
const EventTeamSettings = "team.settings"

// Keys of the team settings this app knows. Values travel as JSON.
const (
	KeyStandupQuestions   = "standup.questions"   // [{"id", "text"}], 1..10
	KeyStandupMood        = "standup.mood"        // bool: the mood scale is asked
	KeyStandupEnergy      = "standup.energy"      // bool: the energy scale is asked
	KeySessionParts       = "session.parts"       // [{"id", "name", "minutes"}], 1..10
	KeySessionWeekday     = "session.weekday"     // "monday".."sunday"
	KeySessionTime        = "session.time"        // "HH:MM"
	KeyReminderStandup    = "reminders.standup"   // bool: remind of the stand-up
	KeyReminderStandupAt  = "reminders.standupAt" // "HH:MM"
	KeyReminderReflect    = "reminders.reflect"   // bool: remind of the reflection
	KeyReminderReflectAt  = "reminders.reflectAt" // "HH:MM"
	KeyTeamCause          = "team.cause"          // one paragraph
	KeyTeamAgreements     = "team.agreements"     // ["..."], 0..20
	MaxSettingQuestions   = 10
	MaxQuestionText       = 200
	MaxSessionParts       = 10
	MaxSessionPartName    = 100
	MaxSessionPartMinutes = 240
	MaxSessionMinutes     = 480
	MaxCauseText          = 1000
	MaxAgreements         = 20
	MaxAgreementText      = 200
	// MaxSettingValue bounds the JSON of any one value, a key this app
	// does not know included: a reader keeps those, so they must stay small.
	MaxSettingValue = 8 << 10
	// MaxSettingChanges bounds the keys of one change event.
	MaxSettingChanges = 32
)

// Question is one question of the stand-up table. ID says where its answer
// is kept: the five ids of LogTable's fields, or extra1..extra5 for
// questions a team adds (kept in LogTable.Extra).
type Question struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// QuestionIDs are the ids a question may have, in the order a list of
// plain texts takes them.
var QuestionIDs = []string{"done", "how", "why", "next", "helpNeeded", "extra1", "extra2", "extra3", "extra4", "extra5"}

// DefaultQuestions are the stand-up table's five questions.
var DefaultQuestions = []Question{
	{"done", "What I did"},
	{"how", "How"},
	{"why", "Why it matters"},
	{"next", "What’s next"},
	{"helpNeeded", "Where I need help"},
}

// SessionPart is one part of the weekly team session, with its time box.
// ID names the part for good: items, dots and notes name their part by it,
// so a team that renames or reorders its parts keeps them where they were.
type SessionPart struct {
	ID      string `json:"id,omitempty"`
	Name    string `json:"name"`
	Minutes int    `json:"minutes"`
}

// The ids of the default parts. Follow-ups are about the items of two of
// them, whatever their names and places: the success moments and the
// experiments; the contribution report tells the success stories.
const (
	PartIDMoments     = "moments"
	PartIDExperiments = "experiments"
	PartIDStories     = "stories"
)

// DefaultSessionParts are the weekly session's five parts, 2 hours in all.
// It is the one list of default parts: settings, sessions and the
// frontend's fallbacks all read it.
var DefaultSessionParts = []SessionPart{
	{PartIDMoments, "Three success moments for this week", 30},
	{PartIDExperiments, "Three experiments for the month", 30},
	{"accelerate", "Accelerate everything by 20 %", 20},
	{"rethink", "Rethink strategy, improvements, corrections", 20},
	{PartIDStories, "Success stories", 20},
}

// IsStories reports whether p is where the team tells its success
// stories: the default part, or one the team named so (a team may rename,
// reorder or add parts).
func (p SessionPart) IsStories() bool {
	n := strings.ToLower(p.Name)
	return p.ID == PartIDStories || strings.Contains(n, "success stor") || strings.Contains(n, "stories")
}

var partIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,23}$`)

// IsPartID reports whether s is well formed as a part's id.
func IsPartID(s string) bool { return partIDPattern.MatchString(s) }

// DefaultPartID is the id of a part written without one, by its position:
// the default part's there, p6..p10 beyond. Sessions from before part ids
// had the default parts, so their items keep their meaning.
func DefaultPartID(index int) string {
	if index >= 0 && index < len(DefaultSessionParts) {
		return DefaultSessionParts[index].ID
	}
	return fmt.Sprintf("p%d", index+1)
}

// WithPartIDs returns parts with every missing id filled by position
// (DefaultPartID), as every reader fills them.
func WithPartIDs(parts []SessionPart) []SessionPart {
	out := make([]SessionPart, len(parts))
	for i, p := range parts {
		if p.ID == "" {
			p.ID = DefaultPartID(i)
		}
		out[i] = p
	}
	return out
}

// KeepPartIDs gives the parts a member wrote without ids the ids of the
// team's current parts: the part of the same name, else the unused part at
// the same position (a rename in place), else a new id. So a reorder or a
// rename typed as plain lines keeps each part's items.
func KeepPartIDs(parts, current []SessionPart) []SessionPart {
	current = WithPartIDs(current)
	used := map[string]bool{}
	for _, p := range parts {
		if p.ID != "" {
			used[p.ID] = true
		}
	}
	out := make([]SessionPart, len(parts))
	copy(out, parts)
	for i, p := range out {
		if p.ID != "" {
			continue
		}
		for _, c := range current {
			if !used[c.ID] && strings.EqualFold(strings.TrimSpace(p.Name), c.Name) {
				out[i].ID = c.ID
				used[c.ID] = true
				break
			}
		}
	}
	for i, p := range out {
		if p.ID == "" && i < len(current) && !used[current[i].ID] {
			out[i].ID = current[i].ID
			used[current[i].ID] = true
		}
	}
	for i, p := range out {
		for p.ID == "" || (used[p.ID] && !isOwn(out, i, p.ID)) {
			p.ID = NewUID()[:8]
		}
		used[p.ID] = true
		out[i] = p
	}
	return out
}

// isOwn reports whether id is used by part i and no part before it.
func isOwn(parts []SessionPart, i int, id string) bool {
	for j := 0; j < i; j++ {
		if parts[j].ID == id {
			return false
		}
	}
	return parts[i].ID == id
}

// Weekdays are the values of session.weekday, Monday first.
var Weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// TeamSettings is the team's own practice as this laptop holds it: the
// winning value of every key, or its default. Features read it with
// TeamSettingsReader.TeamSettings; members change it with SetTeamSettings.
type TeamSettings struct {
	Questions []Question `json:"questions"`
	Mood      bool       `json:"mood"`
	Energy    bool       `json:"energy"`
	// SessionParts are the weekly session's parts in order, each with its
	// time box; SessionWeekday ("monday".."sunday") and SessionTime
	// ("HH:MM", the member's local time) are when it takes place.
	SessionParts   []SessionPart `json:"sessionParts"`
	SessionWeekday string        `json:"sessionWeekday"`
	SessionTime    string        `json:"sessionTime"`
	// Reminder defaults: each member may still choose their own.
	StandupReminder   bool     `json:"standupReminder"`
	StandupReminderAt string   `json:"standupReminderAt"` // "HH:MM"
	ReflectReminder   bool     `json:"reflectReminder"`
	ReflectReminderAt string   `json:"reflectReminderAt"` // "HH:MM"
	Cause             string   `json:"cause"`
	Agreements        []string `json:"agreements"`
	// RetentionMonths is how many months recordings stay in the share (0:
	// all, for good); tables, comments and everything else stay for good.
	RetentionMonths int `json:"retentionMonths"`
	// Unknown are the keys of a newer app, with their values: kept, shown,
	// never dropped.
	Unknown map[string]json.RawMessage `json:"unknown,omitempty"`
	// Version counts the changes applied here (0: all defaults).
	Version int `json:"version"`
}

// SessionWeekdayTime is SessionWeekday as a time.Weekday.
func (s *TeamSettings) SessionWeekdayTime() time.Weekday {
	i := slices.Index(Weekdays, s.SessionWeekday)
	return time.Weekday((i + 1) % 7)
}

// SessionMinutes is the weekly session's length.
func (s *TeamSettings) SessionMinutes() int {
	n := 0
	for _, p := range s.SessionParts {
		n += p.Minutes
	}
	return n
}

// timeSettingNames name the settings that are a time of day in words.
var timeSettingNames = map[string]string{
	KeySessionTime:       "the session time",
	KeyReminderStandupAt: "the stand-up reminder's time",
	KeyReminderReflectAt: "the reflection reminder's time",
}

// settingDefaults are the values of the keys nobody set.
var settingDefaults = map[string]any{
	KeyStandupQuestions:  DefaultQuestions,
	KeyStandupMood:       true,
	KeyStandupEnergy:     true,
	KeySessionParts:      DefaultSessionParts,
	KeySessionWeekday:    "monday",
	KeySessionTime:       "10:00",
	KeyReminderStandup:   true,
	KeyReminderStandupAt: "10:00",
	KeyReminderReflect:   false,
	KeyReminderReflectAt: "16:00",
	KeyTeamCause:         "",
	KeyTeamAgreements:    []string{},
	KeyRetentionMonths:   0,
}

// SettingKeys are the keys this app knows, sorted.
func SettingKeys() []string {
	keys := make([]string, 0, len(settingDefaults))
	for k := range settingDefaults {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// IsKnownSetting reports whether this app knows key: one of SettingKeys,
// or one agreement's key (AgreementKey).
func IsKnownSetting(key string) bool {
	_, ok := settingDefaults[key]
	return ok || IsAgreementKey(key)
}

// Agreements travel one key each, "agreements.<id>", whose value is the
// agreement's text, or null once removed. Two members who add or remove
// different agreements at once change different keys, so both changes
// stand on every laptop (§11.11). The id is the first 8 hex digits of the
// SHA-256 of the text: the same agreement added twice is one key.
const agreementPrefix = "agreements."

var agreementKeyPattern = regexp.MustCompile(`^agreements\.[0-9a-f]{8}$`)

// IsAgreementKey reports whether key is one agreement's key.
func IsAgreementKey(key string) bool { return agreementKeyPattern.MatchString(key) }

// AgreementKey is the key of the agreement text.
func AgreementKey(text string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(text)))
	return agreementPrefix + hex.EncodeToString(sum[:4])
}

// AgreementChanges turns a member's new list of agreements into the
// changes that travel: a key set for each text added, null for each text
// of current removed, and the list of the older form emptied once, its
// texts carried over to keys. Texts kept are not sent again.
func AgreementChanges(list, current, legacy []string) []SettingChange {
	want := map[string]string{}
	for _, a := range list {
		want[AgreementKey(a)] = strings.TrimSpace(a)
	}
	have := map[string]bool{}
	for _, a := range current {
		have[AgreementKey(a)] = true
	}
	var out []SettingChange
	inLegacy := map[string]bool{}
	for _, a := range legacy {
		inLegacy[AgreementKey(a)] = true
	}
	for _, a := range list {
		k := AgreementKey(a)
		if (!have[k] || inLegacy[k]) && want[k] != "" {
			v, _ := json.Marshal(want[k])
			out = append(out, SettingChange{Key: k, Value: v})
			want[k] = ""
		}
	}
	for _, a := range current {
		k := AgreementKey(a)
		if _, kept := want[k]; !kept {
			out = append(out, SettingChange{Key: k, Value: json.RawMessage(`null`)})
			want[k] = ""
		}
	}
	if len(legacy) > 0 {
		out = append(out, SettingChange{Key: KeyTeamAgreements, Value: json.RawMessage(`[]`)})
	}
	// In the list's order: readers show agreements added in one change in
	// the order the change names them.
	return out
}

// DefaultSettingValue is key's default as JSON.
func DefaultSettingValue(key string) json.RawMessage {
	b, _ := json.Marshal(settingDefaults[key])
	return b
}

var settingKeyPattern = regexp.MustCompile(`^[a-z0-9][a-zA-Z0-9._-]{0,63}$`)

// CheckSetting says what is wrong with value for key ("" when nothing is).
// A key this app does not know passes if it is well formed and its value is
// small, valid JSON: it belongs to a newer app, and is kept for it.
func CheckSetting(key string, value json.RawMessage) string {
	if !settingKeyPattern.MatchString(key) {
		return fmt.Sprintf("the setting name %s is not a setting name", strconv.QuoteToASCII(cut(key, 48)))
	}
	if len(value) > MaxSettingValue {
		return fmt.Sprintf("the value of %s is %d bytes long, more than %d", key, len(value), MaxSettingValue)
	}
	if !json.Valid(value) {
		return fmt.Sprintf("the value of %s is not valid JSON", key)
	}
	if !IsKnownSetting(key) {
		return ""
	}
	if IsAgreementKey(key) {
		if string(value) == "null" {
			return ""
		}
		var a string
		if json.Unmarshal(value, &a) != nil {
			return "an agreement is a text, or null once removed"
		}
		if why := checkText("The agreement", a, MaxAgreementText, false); why != "" {
			return why
		}
		if AgreementKey(a) != key {
			return "an agreement's key is not that of its text"
		}
		return ""
	}
	dec := json.NewDecoder(bytes.NewReader(value))
	dec.DisallowUnknownFields()
	switch key {
	case KeyStandupQuestions:
		var qs []Question
		if dec.Decode(&qs) != nil {
			return "the questions are not a list of questions with an id and a text"
		}
		return checkQuestions(qs)
	case KeyStandupMood, KeyStandupEnergy, KeyReminderStandup, KeyReminderReflect:
		var b bool
		if dec.Decode(&b) != nil {
			return fmt.Sprintf("%s is on or off (true or false)", key)
		}
	case KeySessionParts:
		var ps []SessionPart
		if dec.Decode(&ps) != nil {
			return "the session's parts are not a list of parts with a name and minutes"
		}
		return checkSessionParts(ps)
	case KeySessionWeekday:
		var s string
		if dec.Decode(&s) != nil || !slices.Contains(Weekdays, s) {
			return fmt.Sprintf("the session's weekday is one of %s", strings.Join(Weekdays, ", "))
		}
	case KeySessionTime, KeyReminderStandupAt, KeyReminderReflectAt:
		var s string
		if dec.Decode(&s) != nil || !IsClockTime(s) {
			return fmt.Sprintf("%s must be HH:MM, like 09:30 (00:00 to 23:59)", timeSettingNames[key])
		}
	case KeyTeamCause:
		var s string
		if dec.Decode(&s) != nil {
			return "the team's cause is a text"
		}
		return checkText("The team's cause", s, MaxCauseText, true)
	case KeyRetentionMonths:
		var n int
		if dec.Decode(&n) != nil || n < 0 || n > MaxRetentionMonths {
			return fmt.Sprintf("the retention is a whole number of months, 1 to %d, or 0 to keep every recording", MaxRetentionMonths)
		}
	case KeyTeamAgreements:
		var as []string
		if dec.Decode(&as) != nil {
			return "the team's agreements are a list of texts"
		}
		if len(as) > MaxAgreements {
			return fmt.Sprintf("the team has %d agreements; keep it to %d", len(as), MaxAgreements)
		}
		for i, a := range as {
			if why := checkText(fmt.Sprintf("Agreement %d", i+1), a, MaxAgreementText, false); why != "" {
				return why
			}
		}
	}
	return ""
}

func checkQuestions(qs []Question) string {
	if len(qs) < 1 || len(qs) > MaxSettingQuestions {
		return fmt.Sprintf("the stand-up table has %d questions; it has 1 to %d", len(qs), MaxSettingQuestions)
	}
	seen := map[string]bool{}
	for i, q := range qs {
		if !slices.Contains(QuestionIDs, q.ID) {
			return fmt.Sprintf("question %d has the id %s, not one of %s", i+1, strconv.QuoteToASCII(cut(q.ID, 24)), strings.Join(QuestionIDs, ", "))
		}
		if seen[q.ID] {
			return fmt.Sprintf("question %d repeats the id %s", i+1, q.ID)
		}
		seen[q.ID] = true
		if why := checkText(fmt.Sprintf("Question %d", i+1), q.Text, MaxQuestionText, false); why != "" {
			return why
		}
	}
	return ""
}

func checkSessionParts(ps []SessionPart) string {
	if len(ps) < 1 || len(ps) > MaxSessionParts {
		return fmt.Sprintf("the session has %d parts; it has 1 to %d", len(ps), MaxSessionParts)
	}
	total := 0
	ids := map[string]bool{}
	for i, p := range ps {
		if why := checkText(fmt.Sprintf("Part %d's name", i+1), p.Name, MaxSessionPartName, false); why != "" {
			return why
		}
		if p.ID != "" && !IsPartID(p.ID) {
			return fmt.Sprintf("part %d's id %s is not an id: 1 to 24 lowercase letters, digits and dashes", i+1, strconv.QuoteToASCII(cut(p.ID, 32)))
		}
		id := WithPartIDs(ps)[i].ID
		if ids[id] {
			return fmt.Sprintf("part %d repeats the id %s", i+1, id)
		}
		ids[id] = true
		if p.Minutes < 1 || p.Minutes > MaxSessionPartMinutes {
			return fmt.Sprintf("part %d's time box is %d minutes; it is 1 to %d", i+1, p.Minutes, MaxSessionPartMinutes)
		}
		total += p.Minutes
	}
	if total > MaxSessionMinutes {
		return fmt.Sprintf("the session's parts add up to %d minutes; keep them to %d", total, MaxSessionMinutes)
	}
	return ""
}

// checkText checks a one-line or paragraph text: valid, trimmed, not empty
// unless allowed, and within max characters.
func checkText(label, s string, max int, mayBeEmpty bool) string {
	if !utf8.ValidString(s) {
		return label + " contains characters that are not valid text"
	}
	if s != strings.TrimSpace(s) {
		return label + " starts or ends with spaces"
	}
	if s == "" && !mayBeEmpty {
		return label + " is empty"
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Sprintf("%s is %d characters long; keep it to %d", label, n, max)
	}
	if strings.ContainsRune(s, 0) {
		return label + " contains a NUL character"
	}
	return ""
}

// IsClockTime reports whether s is a time of day "HH:MM".
func IsClockTime(s string) bool {
	if len(s) != 5 || s[2] != ':' {
		return false
	}
	h, err1 := strconv.Atoi(s[:2])
	m, err2 := strconv.Atoi(s[3:])
	return err1 == nil && err2 == nil && h >= 0 && h < 24 && m >= 0 && m < 60 && s[0] != '+' && s[3] != '+'
}

func cut(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// ParseSettingValue reads a value typed by a member (the CLI's `team
// settings set KEY VALUE`) into the JSON that travels, and checks it. Texts
// may be given plain, switches as on/off, lists as JSON; questions and
// agreements also as one text per line, and session parts as lines
// "name = minutes".
func ParseSettingValue(key, text string) (json.RawMessage, error) {
	if !IsKnownSetting(key) {
		return nil, Errorf(EINVALID, "%s is not a team setting; nothing was changed. The settings are: %s.", strconv.QuoteToASCII(cut(key, 48)), strings.Join(SettingKeys(), ", "))
	}
	text = strings.TrimSpace(text)
	var v any
	switch key {
	case KeyStandupMood, KeyStandupEnergy, KeyReminderStandup, KeyReminderReflect:
		switch strings.ToLower(text) {
		case "on", "true", "yes", "1":
			v = true
		case "off", "false", "no", "0":
			v = false
		default:
			return nil, Errorf(EINVALID, "%s is on or off, not %s.", key, strconv.QuoteToASCII(cut(text, 48)))
		}
	case KeySessionWeekday:
		v = strings.ToLower(text)
	case KeySessionTime, KeyReminderStandupAt, KeyReminderReflectAt:
		// 9:30 is 09:30; anything else is checked as typed.
		if len(text) == 4 && text[1] == ':' {
			text = "0" + text
		}
		v = text
	case KeyTeamCause:
		v = text
	case KeyRetentionMonths:
		switch strings.ToLower(text) {
		case "all", "off", "forever", "0":
			v = 0
		default:
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(text), "s"), "month")))
			if err != nil {
				return nil, Errorf(EINVALID, "The retention is a number of months, 1 to %d, or \"all\" to keep every recording; not %s. Nothing was changed.", MaxRetentionMonths, strconv.QuoteToASCII(cut(text, 48)))
			}
			v = n
		}
	case KeyStandupQuestions:
		if strings.HasPrefix(text, "[") {
			var qs []Question
			if err := json.Unmarshal([]byte(text), &qs); err == nil {
				v = qs
				break
			}
			var texts []string
			if err := json.Unmarshal([]byte(text), &texts); err != nil {
				return nil, Errorf(EINVALID, "The questions are a JSON list of texts (or of {\"id\", \"text\"}), or one question per line.")
			}
			v = QuestionsFromTexts(texts)
		} else {
			v = QuestionsFromTexts(lines(text))
		}
	case KeyTeamAgreements:
		if strings.HasPrefix(text, "[") {
			var as []string
			if err := json.Unmarshal([]byte(text), &as); err != nil {
				return nil, Errorf(EINVALID, "The agreements are a JSON list of texts, or one per line.")
			}
			for i := range as {
				as[i] = strings.TrimSpace(as[i])
			}
			v = as
		} else {
			v = lines(text)
		}
	case KeySessionParts:
		if strings.HasPrefix(text, "[") {
			var ps []SessionPart
			if err := json.Unmarshal([]byte(text), &ps); err != nil {
				return nil, Errorf(EINVALID, "The session's parts are a JSON list of {\"name\", \"minutes\"}, or one part per line as \"name = minutes\".")
			}
			v = ps
			break
		}
		var ps []SessionPart
		for _, l := range lines(text) {
			i := strings.LastIndex(l, "=")
			m, err := strconv.Atoi(strings.TrimSpace(l[i+1:]))
			if i < 0 || err != nil {
				return nil, Errorf(EINVALID, "The part %s has no time box: write each part as \"name = minutes\".", strconv.QuoteToASCII(cut(l, 48)))
			}
			ps = append(ps, SessionPart{Name: strings.TrimSpace(l[:i]), Minutes: m})
		}
		v = ps
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, Errorf(EINVALID, "The value of %s cannot be written: %v.", key, err)
	}
	if why := CheckSetting(key, b); why != "" {
		return nil, Errorf(EINVALID, "%s; nothing was changed.", upperFirst(why))
	}
	return b, nil
}

// QuestionsFromTexts gives plain question texts the ids in QuestionIDs'
// order: the first five are the table's own fields, so a team that only
// rewords them keeps its logs' answers where they were.
func QuestionsFromTexts(texts []string) []Question {
	qs := make([]Question, 0, len(texts))
	for i, t := range texts {
		id := fmt.Sprintf("extra%d", i+1)
		if i < len(QuestionIDs) {
			id = QuestionIDs[i]
		}
		qs = append(qs, Question{ID: id, Text: strings.TrimSpace(t)})
	}
	return qs
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// SettingChange is one key set to one value: a member's change as it
// travels and as the history shows it.
type SettingChange struct {
	Key   string          `json:"key"`
	Value json.RawMessage `json:"value"`
}

// TeamSettingsData is the data of a team.settings event (v1).
type TeamSettingsData struct {
	Changes []SettingChange `json:"changes"`
}

// CheckTeamSettingsData says what is wrong with a team.settings event's
// data ("" when nothing is), by the rules every reader and writer keeps.
func CheckTeamSettingsData(d TeamSettingsData) string {
	if len(d.Changes) == 0 || len(d.Changes) > MaxSettingChanges {
		return fmt.Sprintf("it changes %d settings; a change names 1 to %d", len(d.Changes), MaxSettingChanges)
	}
	seen := map[string]bool{}
	for _, c := range d.Changes {
		if why := CheckSetting(c.Key, c.Value); why != "" {
			return why
		}
		if seen[c.Key] {
			return fmt.Sprintf("it sets %s twice", c.Key)
		}
		seen[c.Key] = true
	}
	return ""
}

// SettingHistoryEntry is one change of one key, as applied here.
type SettingHistoryEntry struct {
	Author     string          `json:"author"` // hex member ID; "" for this member
	AuthorName string          `json:"authorName"`
	EventID    string          `json:"eventId"`
	At         time.Time       `json:"at"`
	Key        string          `json:"key"`
	Value      json.RawMessage `json:"value"`
	// Current: this change is the key's value now. A change that lost to
	// a concurrent one (same key) stays in the history with Current false.
	Current bool `json:"current"`
}

// SettingWins reports whether a change (at, id) beats another (at2, id2)
// of the same key: the later time wins, and on the same time the greater
// event ID, so that every reader picks the same winner whatever order the
// members' chains arrive in.
func SettingWins(at time.Time, id string, at2 time.Time, id2 string) bool {
	if !at.Equal(at2) {
		return at.After(at2)
	}
	return id > id2
}

// BuildTeamSettings folds the winning value of each key over the defaults.
// A stored value that fails its check (it should not: readers check before
// applying) leaves the default.
func BuildTeamSettings(current map[string]json.RawMessage, version int) *TeamSettings {
	s := &TeamSettings{Version: version}
	get := func(key string, into any) {
		v, ok := current[key]
		if !ok || CheckSetting(key, v) != "" || json.Unmarshal(v, into) != nil {
			_ = json.Unmarshal(DefaultSettingValue(key), into)
		}
	}
	get(KeyStandupQuestions, &s.Questions)
	get(KeyStandupMood, &s.Mood)
	get(KeyStandupEnergy, &s.Energy)
	get(KeySessionParts, &s.SessionParts)
	s.SessionParts = WithPartIDs(s.SessionParts)
	get(KeySessionWeekday, &s.SessionWeekday)
	get(KeySessionTime, &s.SessionTime)
	get(KeyReminderStandup, &s.StandupReminder)
	get(KeyReminderStandupAt, &s.StandupReminderAt)
	get(KeyReminderReflect, &s.ReflectReminder)
	get(KeyReminderReflectAt, &s.ReflectReminderAt)
	get(KeyTeamCause, &s.Cause)
	get(KeyTeamAgreements, &s.Agreements)
	get(KeyRetentionMonths, &s.RetentionMonths)
	for k, v := range current {
		if !IsKnownSetting(k) && !IsAgreementKey(k) {
			if s.Unknown == nil {
				s.Unknown = map[string]json.RawMessage{}
			}
			s.Unknown[k] = v
		}
	}
	return s
}

// TeamSettingsReader reads the team's settings from the local database:
// what other features (the weekly session, reminders, the stand-up form)
// use.
type TeamSettingsReader interface {
	TeamSettings(ctx context.Context) (*TeamSettings, error)
}

// TeamSettingsService is the team settings' store.
type TeamSettingsService interface {
	TeamSettingsReader
	// SetTeamSettings checks and stores the member's change of some keys,
	// and queues the event that carries it to the team, in one transaction.
	SetTeamSettings(ctx context.Context, changes []SettingChange) (*TeamSettings, error)
	// TeamSettingsHistory lists every change applied here, newest first.
	TeamSettingsHistory(ctx context.Context, limit int) ([]SettingHistoryEntry, error)
}

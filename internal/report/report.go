// Package report writes a member's contribution report: for one period,
// the Thanks they received and what for, the help they gave that was
// accepted, the goals they achieved and how, the experiments they led and
// what came of them, the success stories they brought to the weekly
// session, and the learning they did. It is written in sentences, never as
// a score or a ranking: something a person reads first, adds their own
// words to, and chooses to take into a leadership or bonus talk.
//
// The package is pure: it turns plain inputs, gathered by the store from
// the member's own data, into a Report, and a Report into Markdown or PDF.
package report

import (
	"fmt"
	"strings"
	"time"
)

// Period is a span of whole days, From to To included (YYYY-MM-DD).
type Period struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// MaxPeriodDays is the longest period a report covers: a year, leap day
// included.
const MaxPeriodDays = 366

// Check says what is wrong with p ("" when nothing is).
func (p Period) Check() string {
	from, err1 := time.Parse(time.DateOnly, p.From)
	to, err2 := time.Parse(time.DateOnly, p.To)
	switch {
	case err1 != nil || from.Format(time.DateOnly) != p.From:
		return fmt.Sprintf("the period's start %q is not a day (YYYY-MM-DD)", p.From)
	case err2 != nil || to.Format(time.DateOnly) != p.To:
		return fmt.Sprintf("the period's end %q is not a day (YYYY-MM-DD)", p.To)
	case to.Before(from):
		return fmt.Sprintf("the period ends (%s) before it starts (%s)", p.To, p.From)
	case int(to.Sub(from).Hours()/24)+1 > MaxPeriodDays:
		return fmt.Sprintf("the period from %s to %s is longer than a year (%d days at most)", p.From, p.To, MaxPeriodDays)
	}
	return ""
}

// LastFullQuarter is the calendar quarter before the one now is in: the
// report's default period, the span most leadership and bonus talks look
// back on.
func LastFullQuarter(now time.Time) Period {
	q := (int(now.Month()) - 1) / 3
	start := time.Date(now.Year(), time.Month(q*3+1), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -3, 0)
	end := start.AddDate(0, 3, -1)
	return Period{From: start.Format(time.DateOnly), To: end.Format(time.DateOnly)}
}

// Thanks is a Thanks the member received.
type Thanks struct {
	Giver  string // who gave it (a member ID), to count givers whose names are unknown
	From   string // the giver's name
	Reason string // what for, in the giver's words
	About  string // a few words of what it is linked to ("" when nothing)
	Day    string
}

// Help is an offer of help the member gave that was accepted.
type Help struct {
	To    string // the name of whose goal or stand-up it was
	OnLog bool   // on a stand-up's call for help; else on a goal
	What  string // the goal's title, or what the stand-up asked help for
	Offer string // what the member offered
	Day   string // when it was accepted
}

// Goal is a goal the member achieved.
type Goal struct {
	Title string
	How   string // the member's word on how ("" when none)
	Day   string
}

// Experiment is an experiment the member owned.
type Experiment struct {
	Hypothesis string
	Measure    string
	Session    string // the session it came from
	EndDay     string
	Result     string // worked, failed, learned; "" while running
	Note       string // what was learned
}

// Story is a success story the member brought to a weekly session.
type Story struct {
	Text    string
	Session string
}

// Learning is an entry of the member's learning log.
type Learning struct {
	Kind      string // read, listened, watched, practised
	What      string
	Minutes   int
	Takeaways string
	Day       string
}

// Input is everything a report is written from: the member's own data.
type Input struct {
	Name        string
	Period      Period
	Thanks      []Thanks
	Help        []Help
	Goals       []Goal
	Experiments []Experiment
	Stories     []Story
	Learning    []Learning
}

// Section is one part of the report: a heading and its paragraphs.
type Section struct {
	Title      string   `json:"title"`
	Paragraphs []string `json:"paragraphs"`
}

// Report is a contribution report as written: what the data says, in
// sentences, and the member's own words.
type Report struct {
	Name     string    `json:"name"`
	Period   Period    `json:"period"`
	Sections []Section `json:"sections"`
	Words    string    `json:"words"`
}

// Title is the report's title.
func (r Report) Title() string {
	return fmt.Sprintf("Contribution of %s, %s", r.Name, PeriodText(r.Period))
}

// Section titles.
const (
	TitleSummary     = "In short"
	TitleThanks      = "Thanks received"
	TitleHelp        = "Help given"
	TitleGoals       = "Goals achieved"
	TitleExperiments = "Experiments led"
	TitleStories     = "Success stories shared"
	TitleLearning    = "Learning"
)

// Build writes the report of in. Sections with nothing in them are left
// out; a period with nothing at all says so kindly, and what would show.
func Build(in Input) Report {
	name := strings.TrimSpace(in.Name)
	if name == "" {
		name = "this member"
	}
	r := Report{Name: name, Period: in.Period}
	period := PeriodText(in.Period)
	empty := len(in.Thanks)+len(in.Help)+len(in.Goals)+len(in.Experiments)+len(in.Stories)+len(in.Learning) == 0
	if empty {
		r.Sections = []Section{{Title: TitleSummary, Paragraphs: []string{
			fmt.Sprintf("Nothing was recorded for %s from %s yet. That does not mean nothing happened: much of a team's best work is quiet.", name, period),
			"Add your own words below to say what you did and what it changed. As it happens, this page fills with the Thanks teammates give you, the offers of help they accept, the goals you achieve, the experiments you own and the success stories you bring to the weekly session; learning you log in Growth shows here too.",
		}}}
		return r
	}
	r.Sections = append(r.Sections, Section{Title: TitleSummary, Paragraphs: []string{summary(name, period, in)}})
	if s, ok := thanksSection(name, in.Thanks); ok {
		r.Sections = append(r.Sections, s)
	}
	if s, ok := helpSection(name, in.Help); ok {
		r.Sections = append(r.Sections, s)
	}
	if s, ok := goalsSection(name, in.Goals); ok {
		r.Sections = append(r.Sections, s)
	}
	if s, ok := experimentsSection(name, in.Experiments); ok {
		r.Sections = append(r.Sections, s)
	}
	if s, ok := storiesSection(name, in.Stories); ok {
		r.Sections = append(r.Sections, s)
	}
	if s, ok := learningSection(name, in.Learning); ok {
		r.Sections = append(r.Sections, s)
	}
	return r
}

// summary is one sentence of what the period holds, in the order of the
// sections, with no total and nothing compared to anyone.
func summary(name, period string, in Input) string {
	var parts []string
	if n := len(in.Thanks); n > 0 {
		parts = append(parts, fmt.Sprintf("was thanked %s by %s", Times(n), Count(distinct(in.Thanks), "teammate", "teammates")))
	}
	if n := len(in.Help); n > 0 {
		parts = append(parts, fmt.Sprintf("gave help that was accepted %s", Times(n)))
	}
	if n := len(in.Goals); n > 0 {
		parts = append(parts, "achieved "+Count(n, "goal", "goals"))
	}
	if n := len(in.Experiments); n > 0 {
		parts = append(parts, "led "+Count(n, "experiment", "experiments"))
	}
	if n := len(in.Stories); n > 0 {
		parts = append(parts, "shared "+Count(n, "success story", "success stories"))
	}
	if n := len(in.Learning); n > 0 {
		parts = append(parts, "spent "+Duration(totalMinutes(in.Learning))+" learning")
	}
	return fmt.Sprintf("From %s, %s %s.", period, name, List(parts))
}

func distinct(ts []Thanks) int {
	seen := map[string]bool{}
	for _, t := range ts {
		if t.Giver != "" {
			seen[t.Giver] = true
		} else {
			seen[t.From] = true
		}
	}
	return len(seen)
}

// forWhat drops the "for" many reasons start with, which the sentence
// already says.
func forWhat(reason string) string {
	r := strings.TrimSpace(reason)
	if len(r) > 4 && strings.EqualFold(r[:4], "for ") {
		return strings.TrimSpace(r[4:])
	}
	return r
}

func thanksSection(name string, ts []Thanks) (Section, bool) {
	if len(ts) == 0 {
		return Section{}, false
	}
	s := Section{Title: TitleThanks}
	for _, t := range ts {
		p := fmt.Sprintf("On %s, %s thanked %s for %s", DayText(t.Day), orSomeone(t.From), name, Quoted(forWhat(t.Reason)))
		if t.About != "" {
			p += fmt.Sprintf(" (about %s)", Quoted(t.About))
		}
		s.Paragraphs = append(s.Paragraphs, p+".")
	}
	return s, true
}

func helpSection(name string, hs []Help) (Section, bool) {
	if len(hs) == 0 {
		return Section{}, false
	}
	s := Section{Title: TitleHelp}
	goals, logs := 0, 0
	for _, h := range hs {
		if h.OnLog {
			logs++
		} else {
			goals++
		}
	}
	var on []string
	if goals > 0 {
		on = append(on, Times(goals)+" on "+plural(goals, "a goal", "goals"))
	}
	if logs > 0 {
		on = append(on, Times(logs)+" on "+plural(logs, "a stand-up", "stand-ups"))
	}
	s.Paragraphs = append(s.Paragraphs, fmt.Sprintf("Teammates accepted %s's offers of help %s.", name, List(on)))
	for _, h := range hs {
		var p string
		if h.OnLog {
			p = fmt.Sprintf("On %s, %s answered %s's call for help in a stand-up", DayText(h.Day), name, orSomeone(h.To))
			if h.What != "" {
				p += fmt.Sprintf(" (%s)", Quoted(h.What))
			}
		} else {
			p = fmt.Sprintf("On %s, %s helped %s with the goal %s", DayText(h.Day), name, orSomeone(h.To), Quoted(h.What))
		}
		if h.Offer != "" {
			p += fmt.Sprintf(", offering %s", Quoted(h.Offer))
		}
		s.Paragraphs = append(s.Paragraphs, p+".")
	}
	return s, true
}

func goalsSection(name string, gs []Goal) (Section, bool) {
	if len(gs) == 0 {
		return Section{}, false
	}
	s := Section{Title: TitleGoals}
	for _, g := range gs {
		p := fmt.Sprintf("%s achieved %s on %s", upperFirst(name), Quoted(g.Title), DayText(g.Day))
		if g.How != "" {
			p += fmt.Sprintf(". How: %s", Quoted(g.How))
		}
		s.Paragraphs = append(s.Paragraphs, p+".")
	}
	return s, true
}

func experimentsSection(name string, es []Experiment) (Section, bool) {
	if len(es) == 0 {
		return Section{}, false
	}
	s := Section{Title: TitleExperiments}
	for _, e := range es {
		p := fmt.Sprintf("From the session of %s, %s led the experiment %s", DayText(e.Session), name, Quoted(e.Hypothesis))
		if e.Measure != "" {
			p += fmt.Sprintf(", to be known by %s", Quoted(e.Measure))
		}
		p += "."
		switch e.Result {
		case "worked":
			p += " It worked"
		case "failed":
			p += " It did not work"
		case "learned":
			p += " The team learned from it"
		default:
			p += fmt.Sprintf(" It runs until %s; no outcome yet", DayText(e.EndDay))
		}
		if e.Result != "" && e.Note != "" {
			p += fmt.Sprintf(", and what was learned is %s", Quoted(e.Note))
		}
		s.Paragraphs = append(s.Paragraphs, p+".")
	}
	return s, true
}

func storiesSection(name string, ss []Story) (Section, bool) {
	if len(ss) == 0 {
		return Section{}, false
	}
	s := Section{Title: TitleStories}
	for _, st := range ss {
		s.Paragraphs = append(s.Paragraphs, fmt.Sprintf("At the session of %s, %s told the team %s.", DayText(st.Session), name, Quoted(st.Text)))
	}
	return s, true
}

var learningVerbs = map[string]string{"read": "read", "listened": "listened to", "watched": "watched", "practised": "practised"}

func learningSection(name string, ls []Learning) (Section, bool) {
	if len(ls) == 0 {
		return Section{}, false
	}
	s := Section{Title: TitleLearning}
	s.Paragraphs = append(s.Paragraphs, fmt.Sprintf("%s spent %s learning, in %s.", upperFirst(name), Duration(totalMinutes(ls)), Count(len(ls), "session", "sessions")))
	for _, l := range ls {
		verb := learningVerbs[l.Kind]
		if verb == "" {
			verb = "studied"
		}
		p := fmt.Sprintf("On %s, %s %s %s (%s)", DayText(l.Day), name, verb, Quoted(l.What), Duration(l.Minutes))
		if l.Takeaways != "" {
			p += fmt.Sprintf(" and took away %s", Quoted(l.Takeaways))
		}
		s.Paragraphs = append(s.Paragraphs, p+".")
	}
	return s, true
}

func totalMinutes(ls []Learning) int {
	n := 0
	for _, l := range ls {
		n += l.Minutes
	}
	return n
}

func orSomeone(name string) string {
	if strings.TrimSpace(name) == "" {
		return "a teammate"
	}
	return name
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

var small = []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}

// Count is n things in words: "one goal", "two goals", "12 goals".
func Count(n int, one, many string) string {
	w := fmt.Sprint(n)
	if n >= 0 && n < len(small) {
		w = small[n]
	}
	if n == 1 {
		return w + " " + one
	}
	return w + " " + many
}

// Times is how often, in words: "once", "twice", "three times".
func Times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return Count(n, "time", "times")
}

// Duration is minutes in words: "45 minutes", "1 hour", "2 hours 5 minutes".
func Duration(minutes int) string {
	h, m := minutes/60, minutes%60
	hs := fmt.Sprintf("%d %s", h, plural(h, "hour", "hours"))
	ms := fmt.Sprintf("%d %s", m, plural(m, "minute", "minutes"))
	switch {
	case h == 0:
		return ms
	case m == 0:
		return hs
	}
	return hs + " " + ms
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// List joins phrases as a sentence does: "a", "a and b", "a, b and c".
func List(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// Quoted puts a member's text in quotation marks, on one line, without a
// final full stop of its own (the sentence brings one).
func Quoted(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimRight(s, ".")
	return "“" + s + "”"
}

// DayText is a day as a sentence says it: "3 July 2026".
func DayText(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.Format("2 January 2006")
}

// PeriodText is a period as a sentence says it.
func PeriodText(p Period) string {
	if p.From == p.To {
		return DayText(p.From)
	}
	return DayText(p.From) + " to " + DayText(p.To)
}

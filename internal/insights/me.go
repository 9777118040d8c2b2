package insights

import (
	"cmp"
	"math"
	"slices"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// Standup is one of the member's stand-ups as the figures need it.
type Standup struct {
	Day        string
	Mood       int // 1..5, 0 = not given
	Energy     int
	HelpNeeded string
	CreatedAt  time.Time
	// FirstOfferAt is when the first offer of help on it arrived; zero
	// for none.
	FirstOfferAt time.Time
}

// Assessment is a finished self-assessment: its day and levels by item.
type Assessment struct {
	Day    string
	Levels map[string]int
}

// Minutes is time spent on a day (learning, reflecting).
type Minutes struct {
	Day     string
	Minutes int
}

// Basic is one of the member's daily basics and the days it was kept.
type Basic struct {
	Title string
	Days  []string
}

// ThanksNote is a Thanks as the figures read it.
type ThanksNote struct {
	From     string    `json:"from"`
	FromName string    `json:"fromName"`
	To       string    `json:"to"`
	ToName   string    `json:"toName"`
	Reason   string    `json:"reason"`
	At       time.Time `json:"at" ts_type:"string"`
	Day      string    `json:"day"` // local day
}

// MeInput is everything the member's own insights are made from: their own
// data on this laptop.
type MeInput struct {
	Period  Period
	Today   string
	DaysOff []time.Weekday
	// Standups are all the member's stand-ups (the streak looks back past
	// the period).
	Standups []Standup
	// Goals are the member's own goals; Checkins the days of their
	// check-ins by goal uid.
	Goals            []*peerplaypay.Goal
	Checkins         map[string][]string
	CheckinEveryDays int
	// Assessments are the finished self-assessments, oldest first.
	Assessments      []Assessment
	ItemNames        map[string]string
	Learning         []Minutes
	Reflections      []Minutes
	ReflectionTarget int // minutes a working day
	Basics           []Basic
	ThanksGiven      []ThanksNote
	ThanksReceived   []ThanksNote
}

// Me are the member's own insights.
type Me struct {
	Period     Period        `json:"period"`
	Streak     Streak        `json:"streak"`
	Calendar   []CalendarDay `json:"calendar"`
	MoodEnergy []MoodWeek    `json:"moodEnergy"`
	Help       MyHelp        `json:"help"`
	Goals      MyGoals       `json:"goals"`
	Growth     Growth        `json:"growth"`
	Thanks     MyThanks      `json:"thanks"`
}

// Streak is the run of working days with a stand-up up to today.
type Streak struct {
	Days int `json:"days"`
	Best int `json:"best"`
	// TodayDone says whether today's stand-up is there; without it the
	// streak still stands until the day is over.
	TodayDone bool   `json:"todayDone"`
	Note      string `json:"note"`
}

// CalendarDay is one day of the period.
type CalendarDay struct {
	Day     string `json:"day"`
	Standup bool   `json:"standup"`
	Off     bool   `json:"off"`
}

// MoodWeek is a week's average mood and energy (0 when none was given).
type MoodWeek struct {
	Week     string  `json:"week"`
	Mood     float64 `json:"mood"`
	Energy   float64 `json:"energy"`
	Standups int     `json:"standups"`
}

// MyHelp is how often the member asked for help and how fast it came.
type MyHelp struct {
	Standups int `json:"standups"`
	Asked    int `json:"asked"`
	// Share is Asked / Standups in percent, rounded.
	Share    int         `json:"share"`
	Answered int         `json:"answered"`
	Median   float64     `json:"medianHours"` // to the first offer, of those answered
	Requests []HelpAsked `json:"requests"`
}

// HelpAsked is one request for help and when the first offer came.
type HelpAsked struct {
	Day       string   `json:"day"`
	Who       string   `json:"who,omitempty"`
	Text      string   `json:"text"`
	FirstHrs  *float64 `json:"firstOfferHours" ts_type:"number | null"` // nil: no offer yet
	Accepted  bool     `json:"accepted,omitempty"`
	CreatedAt string   `json:"createdAt"`
}

// MyGoals are the member's open goals against their pace, and the
// check-in cadence.
type MyGoals struct {
	Goals  []GoalPace `json:"goals"`
	AtRisk int        `json:"atRisk"`
	// EveryDays is the member's check-in cadence (0: none asked).
	EveryDays int `json:"everyDays"`
	Made      int `json:"made"`     // check-ins in the period
	Expected  int `json:"expected"` // what the cadence asks of the open goals in the period
	Due       int `json:"due"`      // open goals whose check-in is due now
}

// Growth is what moved and the time given to growing.
type Growth struct {
	Moved            []Move        `json:"moved"`
	MovedSince       string        `json:"movedSince"` // the assessment compared with; "" for none
	MovedTo          string        `json:"movedTo"`
	Learning         []WeekMinutes `json:"learning"`
	Reflection       []WeekMinutes `json:"reflection"`
	ReflectionTarget int           `json:"reflectionTarget"` // a working day
	Basics           []BasicKept   `json:"basics"`
}

// Move is an item whose level changed between two assessments.
type Move struct {
	Item string `json:"item"`
	Name string `json:"name"`
	From int    `json:"from"`
	To   int    `json:"to"`
}

// WeekMinutes is a week's minutes, and what the target asks of it.
type WeekMinutes struct {
	Week    string `json:"week"`
	Minutes int    `json:"minutes"`
	Target  int    `json:"target,omitempty"`
}

// BasicKept is how many of the period's working days a basic was kept.
type BasicKept struct {
	Title string `json:"title"`
	Kept  int    `json:"kept"`
	Days  int    `json:"days"`
}

// MyThanks are the Thanks given and received in the period, reasons first.
type MyThanks struct {
	Weeks    []ThanksWeek `json:"weeks"`
	Given    []ThanksNote `json:"given"`
	Received []ThanksNote `json:"received"`
}

// ThanksWeek is a week's Thanks given and received.
type ThanksWeek struct {
	Week     string `json:"week"`
	Given    int    `json:"given"`
	Received int    `json:"received"`
}

// ComputeMe works out the member's own insights.
func ComputeMe(in MeInput) *Me {
	days := map[string]bool{}
	for _, s := range in.Standups {
		days[s.Day] = true
	}
	off := func(t time.Time) bool { return slices.Contains(in.DaysOff, t.Weekday()) }
	return &Me{
		Period:     in.Period,
		Streak:     StreakOf(days, in.Today, in.DaysOff),
		Calendar:   calendar(in.Period, days, off),
		MoodEnergy: moodWeeks(in.Period, in.Standups),
		Help:       myHelp(in.Period, in.Standups),
		Goals:      myGoals(in),
		Growth:     growth(in, off),
		Thanks:     myThanks(in),
	}
}

// StreakOf counts the working days with a stand-up back from today. A day
// off never breaks the streak (a stand-up on one still counts), and today
// without a stand-up does not either: the day is not over.
func StreakOf(days map[string]bool, today string, daysOff []time.Weekday) Streak {
	t, ok := parseDay(today)
	if !ok {
		return Streak{}
	}
	off := func(d time.Time) bool { return slices.Contains(daysOff, d.Weekday()) }
	s := Streak{TodayDone: days[today]}
	// The current streak, walking back.
	d := t
	if !s.TodayDone {
		d = d.AddDate(0, 0, -1)
	}
	earliest := today
	for day := range days {
		earliest = min(earliest, day)
	}
	for d.Format(time.DateOnly) >= earliest {
		day := d.Format(time.DateOnly)
		if days[day] {
			s.Days++
		} else if !off(d) {
			break
		}
		d = d.AddDate(0, 0, -1)
	}
	// The best run, walking forward over the whole history.
	run := 0
	if e, ok := parseDay(earliest); ok {
		for d := e; !d.After(t); d = d.AddDate(0, 0, 1) {
			day := d.Format(time.DateOnly)
			switch {
			case days[day]:
				run++
			case off(d) || day == today:
			default:
				run = 0
			}
			s.Best = max(s.Best, run)
		}
	}
	switch {
	case s.Days == 0 && len(days) == 0:
		s.Note = "No stand-up yet. Record one today and your streak starts."
	case s.Days == 0:
		s.Note = "A missed day is only a day: record today’s stand-up and a new streak starts. Days off never count against you."
	case !s.TodayDone:
		s.Note = "Today’s stand-up is still to come; the streak waits for it. Days off never break it."
	default:
		s.Note = "Days off never break your streak."
	}
	return s
}

func calendar(p Period, days map[string]bool, off func(time.Time) bool) []CalendarDay {
	f, ok1 := parseDay(p.From)
	t, ok2 := parseDay(p.To)
	if !ok1 || !ok2 {
		return nil
	}
	out := make([]CalendarDay, 0, p.Days())
	for d := f; !d.After(t); d = d.AddDate(0, 0, 1) {
		day := d.Format(time.DateOnly)
		out = append(out, CalendarDay{Day: day, Standup: days[day], Off: off(d)})
	}
	return out
}

func moodWeeks(p Period, standups []Standup) []MoodWeek {
	type acc struct{ mood, moods, energy, energies, n int }
	by := map[string]*acc{}
	for _, s := range standups {
		if !p.Has(s.Day) {
			continue
		}
		w := WeekOf(s.Day)
		a := by[w]
		if a == nil {
			a = &acc{}
			by[w] = a
		}
		a.n++
		if s.Mood > 0 {
			a.mood += s.Mood
			a.moods++
		}
		if s.Energy > 0 {
			a.energy += s.Energy
			a.energies++
		}
	}
	var out []MoodWeek
	for _, w := range weeks(p) {
		m := MoodWeek{Week: w}
		if a := by[w]; a != nil {
			m.Standups = a.n
			if a.moods > 0 {
				m.Mood = round1(float64(a.mood) / float64(a.moods))
			}
			if a.energies > 0 {
				m.Energy = round1(float64(a.energy) / float64(a.energies))
			}
		}
		out = append(out, m)
	}
	return out
}

func myHelp(p Period, standups []Standup) MyHelp {
	h := MyHelp{Requests: []HelpAsked{}}
	var waits []float64
	for _, s := range standups {
		if !p.Has(s.Day) {
			continue
		}
		h.Standups++
		if s.HelpNeeded == "" {
			continue
		}
		h.Asked++
		r := HelpAsked{Day: s.Day, Text: s.HelpNeeded, CreatedAt: s.CreatedAt.UTC().Format(time.RFC3339)}
		if !s.FirstOfferAt.IsZero() {
			hrs := hoursBetween(s.CreatedAt, s.FirstOfferAt)
			r.FirstHrs = &hrs
			waits = append(waits, hrs)
			h.Answered++
		}
		h.Requests = append(h.Requests, r)
	}
	if h.Standups > 0 {
		h.Share = int(math.Round(float64(h.Asked) * 100 / float64(h.Standups)))
	}
	h.Median = round1(median(waits))
	slices.SortStableFunc(h.Requests, func(a, b HelpAsked) int { return cmp.Compare(a.CreatedAt, b.CreatedAt) })
	return h
}

func myGoals(in MeInput) MyGoals {
	g := MyGoals{Goals: []GoalPace{}, EveryDays: in.CheckinEveryDays}
	open := 0
	for _, goal := range in.Goals {
		if !goal.Status.Open() {
			continue
		}
		open++
		pace := PaceOf(goal, in.Today)
		for _, d := range in.Checkins[goal.UID] {
			if in.Period.Has(d) {
				pace.Checkins++
			}
		}
		g.Made += pace.Checkins
		if pace.AtRisk {
			g.AtRisk++
		}
		if pace.CheckinDue {
			g.Due++
		}
		g.Goals = append(g.Goals, pace)
	}
	if in.CheckinEveryDays > 0 {
		g.Expected = open * in.Period.Days() / in.CheckinEveryDays
	}
	// At risk first, then by due date: what needs attention leads.
	slices.SortStableFunc(g.Goals, func(a, b GoalPace) int {
		if a.AtRisk != b.AtRisk {
			if a.AtRisk {
				return -1
			}
			return 1
		}
		return cmp.Compare(dueKey(a.Due), dueKey(b.Due))
	})
	return g
}

// dueKey puts goals without a due date last.
func dueKey(due string) string {
	if due == "" {
		return "9999"
	}
	return due
}

func growth(in MeInput, off func(time.Time) bool) Growth {
	g := Growth{Moved: []Move{}, ReflectionTarget: in.ReflectionTarget, Basics: []BasicKept{}}
	// What moved: the latest assessment in the period against the one
	// before it.
	var last, before *Assessment
	for i := range in.Assessments {
		a := &in.Assessments[i]
		if a.Day > in.Period.To {
			break
		}
		if in.Period.Has(a.Day) {
			before, last = last, a
		} else {
			last = a
		}
	}
	if last != nil && !in.Period.Has(last.Day) {
		last = nil
	}
	if last != nil && before != nil {
		g.MovedSince, g.MovedTo = before.Day, last.Day
		for item, to := range last.Levels {
			if from, ok := before.Levels[item]; ok && from != to {
				name := in.ItemNames[item]
				if name == "" {
					name = item
				}
				g.Moved = append(g.Moved, Move{Item: item, Name: name, From: from, To: to})
			}
		}
		slices.SortFunc(g.Moved, func(a, b Move) int { return cmp.Compare(a.Name, b.Name) })
	}
	g.Learning = weekMinutes(in.Period, in.Learning, 0, off)
	g.Reflection = weekMinutes(in.Period, in.Reflections, in.ReflectionTarget, off)
	working := 0
	f, _ := parseDay(in.Period.From)
	t, _ := parseDay(in.Period.To)
	for d := f; !d.After(t); d = d.AddDate(0, 0, 1) {
		if !off(d) {
			working++
		}
	}
	for _, b := range in.Basics {
		k := BasicKept{Title: b.Title, Days: working}
		for _, d := range b.Days {
			if in.Period.Has(d) {
				k.Kept++
			}
		}
		g.Basics = append(g.Basics, k)
	}
	return g
}

// weekMinutes adds up minutes by week; a target a working day makes each
// week's target from its working days inside the period.
func weekMinutes(p Period, list []Minutes, target int, off func(time.Time) bool) []WeekMinutes {
	by := map[string]int{}
	for _, m := range list {
		if p.Has(m.Day) {
			by[WeekOf(m.Day)] += m.Minutes
		}
	}
	var out []WeekMinutes
	for _, w := range weeks(p) {
		wm := WeekMinutes{Week: w, Minutes: by[w]}
		if target > 0 {
			start, _ := parseDay(w)
			for i := range 7 {
				d := start.AddDate(0, 0, i)
				if p.Has(d.Format(time.DateOnly)) && !off(d) {
					wm.Target += target
				}
			}
		}
		out = append(out, wm)
	}
	return out
}

func myThanks(in MeInput) MyThanks {
	t := MyThanks{Given: []ThanksNote{}, Received: []ThanksNote{}}
	given, received := map[string]int{}, map[string]int{}
	for _, n := range in.ThanksGiven {
		if in.Period.Has(n.Day) {
			t.Given = append(t.Given, n)
			given[WeekOf(n.Day)]++
		}
	}
	for _, n := range in.ThanksReceived {
		if in.Period.Has(n.Day) {
			t.Received = append(t.Received, n)
			received[WeekOf(n.Day)]++
		}
	}
	for _, w := range weeks(in.Period) {
		t.Weeks = append(t.Weeks, ThanksWeek{Week: w, Given: given[w], Received: received[w]})
	}
	newest := func(a, b ThanksNote) int { return b.At.Compare(a.At) }
	slices.SortStableFunc(t.Given, newest)
	slices.SortStableFunc(t.Received, newest)
	return t
}

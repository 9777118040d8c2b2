// Package insights works out the figures of the Insights area from plain
// inputs: the member's own (computed on this laptop, shown to them alone)
// and the team's (only what members shared). Every function here is pure:
// the store gathers the inputs, the figures come out the same on any
// laptop given the same inputs.
//
// Two rules run through it. Performance is contribution, not a race: no
// figure ranks people, and every list of people is in name order, never in
// the order of a count. And missed days are not failures: the stand-up
// streak counts working days, and days off never break it.
package insights

import (
	"math"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"peerplaypay/internal/peerplaypay"
)

// Period is a span of local days, both ends included (YYYY-MM-DD).
type Period struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Kind is how it was chosen: week, month, quarter or custom.
	Kind string `json:"kind" ts_type:"'week' | 'month' | 'quarter' | 'custom'"`
}

// MaxPeriodDays bounds a custom period: ten years of days is more than any
// team's history, and keeps a mistyped year from asking for millennia.
const MaxPeriodDays = 3660

// PeriodOf works out the period of kind ending today (week: 7 days, month:
// 30, quarter: 91), or the custom one from from to to.
func PeriodOf(kind, from, to string, today time.Time) (Period, error) {
	end := today.Format(time.DateOnly)
	back := func(days int) Period {
		return Period{From: today.AddDate(0, 0, -(days - 1)).Format(time.DateOnly), To: end, Kind: kind}
	}
	switch kind {
	case "", "month":
		if from == "" && to == "" {
			p := back(30)
			p.Kind = "month"
			return p, nil
		}
	case "week":
		return back(7), nil
	case "quarter":
		return back(91), nil
	case "custom":
	default:
		return Period{}, peerplaypay.FieldErrorf("period", "Unknown period %q: choose week, month, quarter or custom.", kind)
	}
	if from == "" || to == "" {
		return Period{}, peerplaypay.FieldErrorf("period", "A custom period needs both a first and a last day (YYYY-MM-DD).")
	}
	f, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return Period{}, peerplaypay.FieldErrorf("from", "%q is not a day: write it as YYYY-MM-DD, such as 2026-11-02.", from)
	}
	t, err := time.Parse(time.DateOnly, to)
	if err != nil {
		return Period{}, peerplaypay.FieldErrorf("to", "%q is not a day: write it as YYYY-MM-DD, such as 2026-11-30.", to)
	}
	if t.Before(f) {
		return Period{}, peerplaypay.FieldErrorf("to", "The last day (%s) is before the first (%s): swap them.", to, from)
	}
	if dayCount(f, t) > MaxPeriodDays {
		return Period{}, peerplaypay.FieldErrorf("from", "A period of more than ten years is too long: choose a later first day.")
	}
	return Period{From: from, To: to, Kind: "custom"}, nil
}

// Days is the number of days in p.
func (p Period) Days() int {
	f, err1 := time.Parse(time.DateOnly, p.From)
	t, err2 := time.Parse(time.DateOnly, p.To)
	if err1 != nil || err2 != nil || t.Before(f) {
		return 0
	}
	return dayCount(f, t)
}

// Has says whether day is in p.
func (p Period) Has(day string) bool { return day >= p.From && day <= p.To }

func dayCount(f, t time.Time) int { return int(math.Round(t.Sub(f).Hours()/24)) + 1 }

func parseDay(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// WeekOf is the Monday that starts the week of day (ISO weeks), "" for a
// day that is not one.
func WeekOf(day string) string {
	t, ok := parseDay(day)
	if !ok {
		return ""
	}
	back := (int(t.Weekday()) + 6) % 7
	return t.AddDate(0, 0, -back).Format(time.DateOnly)
}

// weeks lists the Mondays of every week p touches, in order.
func weeks(p Period) []string {
	f, ok1 := parseDay(WeekOf(p.From))
	t, ok2 := parseDay(p.To)
	if !ok1 || !ok2 {
		return nil
	}
	var out []string
	for d := f; !d.After(t); d = d.AddDate(0, 0, 7) {
		out = append(out, d.Format(time.DateOnly))
	}
	return out
}

// round1 keeps one decimal: figures are read, not computed with further.
func round1(f float64) float64 { return math.Round(f*10) / 10 }

// median of xs (0 for none).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// hoursBetween is the time from a to b in hours, one decimal.
func hoursBetween(a, b time.Time) float64 { return round1(b.Sub(a).Hours()) }

// Member is a member of the team as this laptop names them.
type Member struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// sortByName orders people by name as people read names ("Åsa" beside
// "Ada", not after "Zed"), then by ID: the one order lists of people take,
// so no list reads as a ranking.
func sortByName(people []Member) {
	c := collate.New(language.Und, collate.IgnoreCase)
	slices.SortStableFunc(people, func(a, b Member) int {
		if x := c.CompareString(a.Name, b.Name); x != 0 {
			return x
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// Shown is the status a goal is shown with: the worse of the status its
// owner set and the one its figures suggest (peerplaypay.SuggestStatus),
// so a goal at 0 % with most of its time gone does not read "On track".
// A closed goal keeps the status its owner gave it.
func Shown(set, suggested peerplaypay.GoalStatus) peerplaypay.GoalStatus {
	if !set.Open() || !suggested.Open() || suggested == "" {
		return set
	}
	if rank(suggested) > rank(set) {
		return suggested
	}
	return set
}

func rank(s peerplaypay.GoalStatus) int {
	switch s {
	case peerplaypay.StatusAtRisk:
		return 2
	case peerplaypay.StatusOffTrack:
		return 3
	}
	return 1
}

// AtRisk says whether a goal needs attention: open, and shown at risk or
// off track, by its owner's word or by its own figures (progress against
// the time gone, time left, confidence).
func AtRisk(set, suggested peerplaypay.GoalStatus) bool {
	s := Shown(set, suggested)
	return s == peerplaypay.StatusAtRisk || s == peerplaypay.StatusOffTrack
}

// GoalPace is one goal against its ideal pace, as the charts draw it.
type GoalPace struct {
	ID         int64                  `json:"id"`
	UID        string                 `json:"uid"`
	Title      string                 `json:"title"`
	OwnerName  string                 `json:"ownerName"`
	Level      peerplaypay.GoalLevel  `json:"level" ts_type:"'personal' | 'team' | 'organisation'"`
	Progress   int                    `json:"progress"`                      // % done
	Ideal      *int                   `json:"ideal" ts_type:"number | null"` // % the ideal pace asks by today; nil without a due date
	Due        string                 `json:"due"`
	DaysLeft   *int                   `json:"daysLeft" ts_type:"number | null"` // nil without a due date; negative once passed
	Confidence int                    `json:"confidence"`
	Set        peerplaypay.GoalStatus `json:"set" ts_type:"'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'dropped'"`
	Shown      peerplaypay.GoalStatus `json:"shown" ts_type:"'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'dropped'"`
	AtRisk     bool                   `json:"atRisk"`
	Reason     string                 `json:"reason"`
	// Check-ins made in the period, and whether one is due by the cadence.
	Checkins   int  `json:"checkins"`
	CheckinDue bool `json:"checkinDue"`
}

// PaceOf works out g's pace on day today.
func PaceOf(g *peerplaypay.Goal, today string) GoalPace {
	p := GoalPace{ID: g.ID, UID: g.UID, Title: g.Title, OwnerName: g.OwnerName, Level: g.Level,
		Progress: int(math.Round(g.Progress * 100)), Due: g.Due, Confidence: g.Confidence, Set: g.Status,
		Shown: Shown(g.Status, g.SuggestedStatus), AtRisk: g.Status.Open() && AtRisk(g.Status, g.SuggestedStatus),
		Reason: g.SuggestedReason, CheckinDue: g.CheckinDue}
	start, okStart := parseDay(dayOfTime(g.CreatedAt))
	due, okDue := parseDay(g.Due)
	now, okNow := parseDay(today)
	if okDue && okNow {
		left := int(math.Round(due.Sub(now).Hours() / 24))
		p.DaysLeft = &left
		if okStart && due.After(start) {
			gone := math.Min(1, math.Max(0, now.Sub(start).Hours()/due.Sub(start).Hours()))
			ideal := int(math.Round(gone * 100))
			p.Ideal = &ideal
		}
	}
	return p
}

// dayOfTime is the local day of a stored time, or s itself when it is
// already a day.
func dayOfTime(s string) string {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.Local().Format(time.DateOnly)
	}
	return s
}

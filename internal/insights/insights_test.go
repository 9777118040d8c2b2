package insights_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/insights"
	"peerplaypay/internal/peerplaypay"
)

var weekend = []time.Weekday{time.Saturday, time.Sunday}

func set(days ...string) map[string]bool {
	m := map[string]bool{}
	for _, d := range days {
		m[d] = true
	}
	return m
}

func TestStreak(t *testing.T) {
	t.Parallel()
	// 2026-11-27 is a Friday, 2026-11-30 a Monday.
	for _, c := range []struct {
		name       string
		days       map[string]bool
		today      string
		want, best int
		done       bool
		note       string
	}{
		{"OverAMissedWeekend", set("2026-11-26", "2026-11-27", "2026-11-30"), "2026-11-30", 3, 3, true, "never break"},
		{"TodayStillToCome", set("2026-11-26", "2026-11-27"), "2026-11-30", 2, 2, false, "still to come"},
		{"AMissedWorkingDayBreaks", set("2026-11-24", "2026-11-26", "2026-11-27"), "2026-11-30", 2, 2, false, ""},
		{"AStandupOnADayOffCounts", set("2026-11-27", "2026-11-28", "2026-11-30"), "2026-11-30", 3, 3, true, ""},
		{"MissedYesterday", set("2026-11-20", "2026-11-23", "2026-11-24"), "2026-11-26", 0, 3, false, "A missed day is only a day"},
		{"Nothing", set(), "2026-11-26", 0, 0, false, "No stand-up yet"},
	} {
		s := insights.StreakOf(c.days, c.today, weekend)
		if s.Days != c.want || s.Best != c.best || s.TodayDone != c.done || !strings.Contains(s.Note, c.note) {
			t.Errorf("%s: streak = %+v; want %d days, best %d, today %v, note with %q", c.name, s, c.want, c.best, c.done, c.note)
		}
	}
	// Without days off, the weekend breaks it.
	if s := insights.StreakOf(set("2026-11-26", "2026-11-27", "2026-11-30"), "2026-11-30", nil); s.Days != 1 {
		t.Errorf("no days off: streak = %d; want 1", s.Days)
	}
}

func TestAtRiskEdges(t *testing.T) {
	t.Parallel()
	// A 100-day goal made on 2026-01-01, due 2026-04-11; the rule is the
	// one Goals suggests with.
	goal := func(today string, progress float64, confidence int) *peerplaypay.Goal {
		g := &peerplaypay.Goal{Title: "g", Status: peerplaypay.StatusOnTrack, Due: "2026-04-11", Confidence: confidence,
			CreatedAt: "2026-01-01", Progress: progress}
		g.SuggestedStatus, g.SuggestedReason = peerplaypay.SuggestStatus(peerplaypay.StatusBasis{Status: g.Status, Progress: progress,
			Measured: true, Confidence: confidence, Start: "2026-01-01", Due: g.Due, Today: today})
		return g
	}
	for _, c := range []struct {
		name  string
		g     *peerplaypay.Goal
		today string
		risk  bool
		shown peerplaypay.GoalStatus
		ideal int
		left  int
	}{
		{"NothingDone41DaysLeft", goal("2026-03-01", 0, 0), "2026-03-01", true, peerplaypay.StatusOffTrack, 59, 41},
		{"NineBehind", goal("2026-02-20", 0.41, 0), "2026-02-20", false, peerplaypay.StatusOnTrack, 50, 50},
		{"TenBehind", goal("2026-02-20", 0.40, 0), "2026-02-20", true, peerplaypay.StatusAtRisk, 50, 50},
		{"AheadButUnsure", goal("2026-02-20", 0.9, 2), "2026-02-20", true, peerplaypay.StatusAtRisk, 50, 50},
		{"FirstDay", goal("2026-01-01", 0, 0), "2026-01-01", false, peerplaypay.StatusOnTrack, 0, 100},
		{"DueTodayNearlyDone", goal("2026-04-11", 0.95, 3), "2026-04-11", false, peerplaypay.StatusOnTrack, 100, 0},
		{"OneDayOverdue", goal("2026-04-12", 0.95, 5), "2026-04-12", true, peerplaypay.StatusOffTrack, 100, -1},
	} {
		p := insights.PaceOf(c.g, c.today)
		if p.AtRisk != c.risk || p.Shown != c.shown || p.Ideal == nil || *p.Ideal != c.ideal || p.DaysLeft == nil || *p.DaysLeft != c.left {
			t.Errorf("%s: pace = %+v (ideal %v, left %v); want risk %v, shown %s, ideal %d, %d days left", c.name, p, deref(p.Ideal), deref(p.DaysLeft), c.risk, c.shown, c.ideal, c.left)
		}
	}
	// The owner's own word counts too; a closed goal is never at risk.
	if !insights.AtRisk(peerplaypay.StatusAtRisk, peerplaypay.StatusOnTrack) {
		t.Error("a goal its owner set at risk is not at risk")
	}
	if insights.Shown(peerplaypay.StatusAchieved, peerplaypay.StatusOffTrack) != peerplaypay.StatusAchieved {
		t.Error("a closed goal is shown with a suggested status")
	}
	if insights.Shown(peerplaypay.StatusOffTrack, peerplaypay.StatusAtRisk) != peerplaypay.StatusOffTrack {
		t.Error("a better suggestion overrides the owner's worse status")
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestFirstOfferAcrossDays(t *testing.T) {
	t.Parallel()
	asked := at("2026-11-23T17:00:00Z") // Monday evening
	first, ok := insights.FirstOffer(asked, []time.Time{at("2026-11-25T08:00:00Z"), at("2026-11-24T09:30:00Z")})
	if !ok || !first.Equal(at("2026-11-24T09:30:00Z")) {
		t.Errorf("first offer = %v %v; want Tuesday 09:30", first, ok)
	}
	if _, ok := insights.FirstOffer(asked, nil); ok {
		t.Error("no offers gave a first offer")
	}
	// A clock behind: the offer counts as coming at once, never before.
	if first, _ := insights.FirstOffer(asked, []time.Time{at("2026-11-23T16:00:00Z")}); !first.Equal(asked) {
		t.Errorf("an offer dated before the request = %v", first)
	}

	p := insights.Period{From: "2026-11-23", To: "2026-11-29"}
	me := insights.ComputeMe(insights.MeInput{Period: p, Today: "2026-11-29", Standups: []insights.Standup{
		{Day: "2026-11-23", HelpNeeded: "review please", CreatedAt: asked, FirstOfferAt: at("2026-11-24T09:30:00Z")},
		{Day: "2026-11-24", HelpNeeded: "a pair for the migration", CreatedAt: at("2026-11-24T09:00:00Z"), FirstOfferAt: at("2026-11-26T09:00:00Z")},
		{Day: "2026-11-25", HelpNeeded: "nobody answered", CreatedAt: at("2026-11-25T09:00:00Z")},
		{Day: "2026-11-26", CreatedAt: at("2026-11-26T09:00:00Z")},
		{Day: "2026-11-20", HelpNeeded: "before the period", CreatedAt: at("2026-11-20T09:00:00Z")},
	}})
	h := me.Help
	if h.Standups != 4 || h.Asked != 3 || h.Share != 75 || h.Answered != 2 || h.Median != 32.3 {
		t.Errorf("help = %+v; want 4 stand-ups, 3 asked (75 %%), 2 answered, median (16.5+48)/2 = 32.25 h → 32.3", h)
	}
	if len(h.Requests) != 3 || *h.Requests[0].FirstHrs != 16.5 || h.Requests[2].FirstHrs != nil {
		t.Errorf("requests = %+v", h.Requests)
	}

	team := insights.ComputeTeam(insights.TeamInput{Period: p, Today: "2026-11-29",
		Members: []insights.Member{{ID: "a", Name: "Ann"}, {ID: "b", Name: "Bob"}},
		Standups: []insights.SharedStandup{
			{Author: "a", Day: "2026-11-23", HelpNeeded: "x", CreatedAt: asked, Offers: []time.Time{at("2026-11-24T09:30:00Z")}, Accepted: true},
			{Author: "b", Day: "2026-11-27", HelpNeeded: "y", CreatedAt: at("2026-11-27T15:00:00Z"), Offers: []time.Time{at("2026-11-30T09:00:00Z")}},
			{Author: "b", Day: "2026-11-28", HelpNeeded: "z", CreatedAt: at("2026-11-28T15:00:00Z")},
			{Author: "b", Day: "2026-11-30", HelpNeeded: "after", CreatedAt: at("2026-11-30T15:00:00Z")},
		}})
	th := team.Help
	// Friday 15:00 to Monday 09:00 is 66 hours: a weekend is time waited too.
	if th.Asked != 3 || th.Open != 2 || th.Answered != 2 || th.Median != 41.3 { // (16.5 + 66) / 2, one decimal
		t.Errorf("team help = %+v", th)
	}
	if th.Requests[0].Text != "z" || th.Requests[0].Who != "Bob" {
		t.Errorf("team requests not newest first: %+v", th.Requests)
	}
}

func TestPeriodOf(t *testing.T) {
	t.Parallel()
	today := at("2026-11-30T12:00:00Z")
	for kind, want := range map[string]insights.Period{
		"week":    {From: "2026-11-24", To: "2026-11-30", Kind: "week"},
		"month":   {From: "2026-11-01", To: "2026-11-30", Kind: "month"},
		"":        {From: "2026-11-01", To: "2026-11-30", Kind: "month"},
		"quarter": {From: "2026-09-01", To: "2026-11-30", Kind: "quarter"},
	} {
		if got, err := insights.PeriodOf(kind, "", "", today); err != nil || got != want {
			t.Errorf("%q: %+v %v; want %+v", kind, got, err, want)
		}
	}
	if got, err := insights.PeriodOf("custom", "2026-01-01", "2026-01-31", today); err != nil || got.Days() != 31 {
		t.Errorf("custom: %+v %v", got, err)
	}
	for _, c := range [][3]string{{"custom", "2026-02-01", "2026-01-01"}, {"custom", "yesterday", "2026-01-01"}, {"custom", "", "2026-01-01"},
		{"decade", "", ""}, {"custom", "1900-01-01", "2026-01-01"}} {
		if _, err := insights.PeriodOf(c[0], c[1], c[2], today); err == nil || peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
			t.Errorf("%v: err = %v; want a refusal", c, err)
		}
	}
}

func TestMeFigures(t *testing.T) {
	t.Parallel()
	// Two weeks, Monday 2026-11-16 to Sunday 2026-11-29.
	p := insights.Period{From: "2026-11-16", To: "2026-11-29"}
	in := insights.MeInput{Period: p, Today: "2026-11-29", DaysOff: weekend,
		Standups: []insights.Standup{
			{Day: "2026-11-16", Mood: 4, Energy: 2}, {Day: "2026-11-17", Mood: 2}, {Day: "2026-11-24", Mood: 5, Energy: 5},
		},
		Goals: []*peerplaypay.Goal{
			{UID: "g1", Title: "Open", Status: peerplaypay.StatusOnTrack, CheckinDue: true},
			{UID: "g2", Title: "Risky", Status: peerplaypay.StatusOnTrack, SuggestedStatus: peerplaypay.StatusAtRisk, Due: "2026-12-31"},
			{UID: "g3", Title: "Done", Status: peerplaypay.StatusAchieved},
		},
		Checkins:         map[string][]string{"g1": {"2026-11-01", "2026-11-20"}, "g2": {"2026-11-17", "2026-11-24"}, "g3": {"2026-11-18"}},
		CheckinEveryDays: 7,
		Assessments: []insights.Assessment{
			{Day: "2026-10-01", Levels: map[string]int{"a": 1, "b": 2}},
			{Day: "2026-11-20", Levels: map[string]int{"a": 2, "b": 2, "c": 3}},
			{Day: "2026-12-20", Levels: map[string]int{"a": 5}},
		},
		ItemNames:        map[string]string{"a": "Testing"},
		Learning:         []insights.Minutes{{Day: "2026-11-16", Minutes: 30}, {Day: "2026-11-22", Minutes: 15}, {Day: "2026-11-25", Minutes: 45}, {Day: "2026-11-01", Minutes: 999}},
		Reflections:      []insights.Minutes{{Day: "2026-11-18", Minutes: 10}},
		ReflectionTarget: 5,
		Basics:           []insights.Basic{{Title: "Inbox zero", Days: []string{"2026-11-16", "2026-11-17", "2026-10-01"}}},
		ThanksGiven:      []insights.ThanksNote{{Day: "2026-11-18", Reason: "the review", At: at("2026-11-18T10:00:00Z")}},
		ThanksReceived: []insights.ThanksNote{{Day: "2026-11-24", Reason: "pairing", At: at("2026-11-24T10:00:00Z")},
			{Day: "2026-11-25", Reason: "the demo", At: at("2026-11-25T10:00:00Z")}, {Day: "2026-10-25", Reason: "old"}},
	}
	me := insights.ComputeMe(in)
	if len(me.Calendar) != 14 || !me.Calendar[0].Standup || me.Calendar[2].Standup || !me.Calendar[5].Off || me.Calendar[4].Off {
		t.Errorf("calendar = %+v", me.Calendar)
	}
	want := []insights.MoodWeek{{Week: "2026-11-16", Mood: 3, Energy: 2, Standups: 2}, {Week: "2026-11-23", Mood: 5, Energy: 5, Standups: 1}}
	if !slices.Equal(me.MoodEnergy, want) {
		t.Errorf("mood = %+v; want %+v", me.MoodEnergy, want)
	}
	g := me.Goals
	// Two open goals, a check-in a week each over 14 days: 4 expected.
	if len(g.Goals) != 2 || g.Goals[0].Title != "Risky" || g.AtRisk != 1 || g.Made != 3 || g.Expected != 4 || g.Due != 1 {
		t.Errorf("goals = %+v", g)
	}
	gr := me.Growth
	if len(gr.Moved) != 1 || gr.Moved[0] != (insights.Move{Item: "a", Name: "Testing", From: 1, To: 2}) || gr.MovedSince != "2026-10-01" {
		t.Errorf("moved = %+v since %s", gr.Moved, gr.MovedSince)
	}
	if !slices.Equal(gr.Learning, []insights.WeekMinutes{{Week: "2026-11-16", Minutes: 45}, {Week: "2026-11-23", Minutes: 45}}) {
		t.Errorf("learning = %+v", gr.Learning)
	}
	if gr.Reflection[0] != (insights.WeekMinutes{Week: "2026-11-16", Minutes: 10, Target: 25}) {
		t.Errorf("reflection = %+v", gr.Reflection)
	}
	if gr.Basics[0] != (insights.BasicKept{Title: "Inbox zero", Kept: 2, Days: 10}) {
		t.Errorf("basics = %+v", gr.Basics)
	}
	th := me.Thanks
	if len(th.Given) != 1 || len(th.Received) != 2 || th.Received[0].Reason != "the demo" ||
		!slices.Equal(th.Weeks, []insights.ThanksWeek{{Week: "2026-11-16", Given: 1}, {Week: "2026-11-23", Received: 2}}) {
		t.Errorf("thanks = %+v", th)
	}
}

func TestTeamFigures(t *testing.T) {
	t.Parallel()
	p := insights.Period{From: "2026-11-16", To: "2026-11-29"}
	// Zed gave and got the most: nothing may put him first.
	members := []insights.Member{{ID: "z", Name: "Zed"}, {ID: "a", Name: "ann"}, {ID: "m", Name: "Mia"}, {ID: "o", Name: "Åsa"}}
	thanks := []insights.ThanksNote{
		{From: "z", To: "a", Reason: "r1", Day: "2026-11-17", At: at("2026-11-17T10:00:00Z")},
		{From: "z", To: "a", Reason: "r2", Day: "2026-11-18", At: at("2026-11-18T10:00:00Z")},
		{From: "z", To: "m", Reason: "r3", Day: "2026-11-18"},
		{From: "a", To: "z", Reason: "r4", Day: "2026-11-18"},
		{From: "m", To: "z", Reason: "r5", Day: "2026-11-19"},
		{From: "m", To: "z", Reason: "outside", Day: "2026-12-19"},
		{From: "x", To: "z", Reason: "from a stranger", Day: "2026-11-19"},
	}
	goals := []*peerplaypay.Goal{
		{Title: "a", Status: peerplaypay.StatusOnTrack},
		{Title: "b", Status: peerplaypay.StatusOnTrack, SuggestedStatus: peerplaypay.StatusOffTrack, Due: "2026-12-01"},
		{Title: "c", Status: peerplaypay.StatusAtRisk, Due: "2026-11-30"},
		{Title: "d", Status: peerplaypay.StatusDropped},
	}
	tm := insights.ComputeTeam(insights.TeamInput{Period: p, Today: "2026-11-29", Members: members, Thanks: thanks, Goals: goals,
		Standups: []insights.SharedStandup{{Author: "a", Day: "2026-11-16"}, {Author: "z", Day: "2026-11-16"}, {Author: "z", Day: "2026-11-29"}, {Author: "z", Day: "2026-11-30"}},
		Experiments: []*peerplaypay.Experiment{
			{Session: "2026-11-16", Hypothesis: "h1", Outcome: &peerplaypay.Outcome{Result: "worked", Note: "yes"}},
			{Session: "2026-11-23", Hypothesis: "h2"}, {Session: "2026-10-01", EndDay: "2026-10-30", Hypothesis: "old"},
		},
		Stories: []insights.Story{{Session: "2026-11-23", Text: "shipped"}, {Session: "2026-09-01", Text: "old"}},
	})
	if !slices.Equal(tm.StandupsPerWeek, []insights.WeekCount{{Week: "2026-11-16", Count: 2}, {Week: "2026-11-23", Count: 1}}) {
		t.Errorf("stand-ups a week = %+v", tm.StandupsPerWeek)
	}
	if !slices.Equal(tm.GoalsByStatus, []insights.StatusCount{{Status: "on_track", Count: 1}, {Status: "at_risk", Count: 1}, {Status: "off_track", Count: 1}}) {
		t.Errorf("by status = %+v", tm.GoalsByStatus)
	}
	if len(tm.AtRiskGoals) != 2 || tm.AtRiskGoals[0].Title != "c" {
		t.Errorf("at risk = %+v", tm.AtRiskGoals)
	}
	if len(tm.Experiments) != 2 || tm.Experiments[0].Hypothesis != "h2" || tm.Experiments[1].Outcome != "worked" {
		t.Errorf("experiments = %+v", tm.Experiments)
	}
	if len(tm.Stories) != 1 || tm.Stories[0].Text != "shipped" {
		t.Errorf("stories = %+v", tm.Stories)
	}
	n := tm.Network
	var names []string
	for _, p := range n.People {
		names = append(names, p.Name)
	}
	if !slices.Equal(names, []string{"ann", "Åsa", "Mia", "Zed"}) {
		t.Errorf("people = %v; want name order", names)
	}
	var links []string
	for _, l := range n.Links {
		links = append(links, l.From+">"+l.To)
	}
	if !slices.Equal(links, []string{"a>z", "m>z", "z>a", "z>m"}) || len(n.Links[2].Reasons) != 2 || n.Links[2].Reasons[0].Reason != "r2" {
		t.Errorf("links = %v %+v", links, n.Links)
	}
	if !strings.Contains(n.Note, "Nobody is sorted, sized or coloured") {
		t.Errorf("note = %q", n.Note)
	}
}

package insights

import (
	"cmp"
	"slices"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// SharedStandup is a stand-up the team can see: a peer's that arrived
// through the share, or the member's own shared one.
type SharedStandup struct {
	Author     string
	Day        string
	HelpNeeded string
	CreatedAt  time.Time
	// Offers are the times offers of help on it arrived; Accepted says
	// whether its author took one.
	Offers   []time.Time
	Accepted bool
}

// Story is an item of the weekly session's "Success stories" part.
type Story struct {
	Session    string `json:"session"`
	AuthorName string `json:"authorName"`
	Text       string `json:"text"`
	Outcome    string `json:"outcome,omitempty"`
}

// TeamInput is what the team's insights are made from: only what members
// shared (the received tables and the member's own shared rows).
type TeamInput struct {
	Period  Period
	Today   string
	Members []Member
	// Standups are every shared stand-up (the help figures look at
	// requests made in the period).
	Standups    []SharedStandup
	Goals       []*peerplaypay.Goal // goals shared with the team
	Experiments []*peerplaypay.Experiment
	Stories     []Story
	Thanks      []ThanksNote
}

// Team are the team's insights.
type Team struct {
	Period          Period        `json:"period"`
	StandupsPerWeek []WeekCount   `json:"standupsPerWeek"`
	Help            TeamHelp      `json:"help"`
	GoalsByStatus   []StatusCount `json:"goalsByStatus"`
	AtRiskGoals     []GoalPace    `json:"atRiskGoals"`
	Experiments     []Experiment  `json:"experiments"`
	Stories         []Story       `json:"stories"`
	Network         ThanksNetwork `json:"network"`
	Members         int           `json:"members"`
	// NoTeam says there is no team yet: nothing is shared, so nothing shows.
	NoTeam bool `json:"noTeam"`
}

// WeekCount is a count for one week.
type WeekCount struct {
	Week  string `json:"week"`
	Count int    `json:"count"`
}

// TeamHelp is the team's requests for help in the period and how fast a
// first offer came.
type TeamHelp struct {
	Asked    int         `json:"asked"`
	Open     int         `json:"open"`     // no offer taken yet
	Answered int         `json:"answered"` // with at least one offer
	Median   float64     `json:"medianHours"`
	Requests []HelpAsked `json:"requests"`
}

// StatusCount is how many shared open goals are shown with a status.
type StatusCount struct {
	Status peerplaypay.GoalStatus `json:"status" ts_type:"'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'dropped'"`
	Count  int                    `json:"count"`
}

// Experiment is an experiment of the weekly session and what came of it.
type Experiment struct {
	Session    string `json:"session"`
	Hypothesis string `json:"hypothesis"`
	OwnerName  string `json:"ownerName"`
	Measure    string `json:"measure"`
	EndDay     string `json:"endDay"`
	Outcome    string `json:"outcome"` // worked, failed, learned; "" while running
	Note       string `json:"note"`
}

// ThanksNetwork is who thanked whom. People are in name order and every
// node is drawn alike: the network shows who works with whom, not who
// collected most.
type ThanksNetwork struct {
	People []Member     `json:"people"`
	Links  []ThanksLink `json:"links"`
	Note   string       `json:"note"`
}

// ThanksLink is the Thanks from one member to another, with their reasons.
type ThanksLink struct {
	From    string       `json:"from"`
	To      string       `json:"to"`
	Reasons []ThanksNote `json:"reasons"`
}

// NetworkNote says what the network does not do, where it is drawn.
const NetworkNote = "Each line is a Thanks between two people, with its reasons. Nobody is sorted, sized or coloured by how many Thanks they gave or received."

// ComputeTeam works out the team's insights.
func ComputeTeam(in TeamInput) *Team {
	t := &Team{Period: in.Period, Members: len(in.Members), NoTeam: len(in.Members) == 0, AtRiskGoals: []GoalPace{}, Experiments: []Experiment{}, Stories: []Story{}}
	per := map[string]int{}
	if t.NoTeam {
		// Without a team nothing was shared, whatever the rows say.
		in = TeamInput{Period: in.Period, Today: in.Today}
	}
	for _, s := range in.Standups {
		if in.Period.Has(s.Day) {
			per[WeekOf(s.Day)]++
		}
	}
	for _, w := range weeks(in.Period) {
		t.StandupsPerWeek = append(t.StandupsPerWeek, WeekCount{Week: w, Count: per[w]})
	}
	t.Help = teamHelp(in)
	counts := map[peerplaypay.GoalStatus]int{}
	for _, g := range in.Goals {
		if !g.Status.Open() {
			continue
		}
		p := PaceOf(g, in.Today)
		counts[p.Shown]++
		if p.AtRisk {
			t.AtRiskGoals = append(t.AtRiskGoals, p)
		}
	}
	for _, s := range []peerplaypay.GoalStatus{peerplaypay.StatusOnTrack, peerplaypay.StatusAtRisk, peerplaypay.StatusOffTrack} {
		t.GoalsByStatus = append(t.GoalsByStatus, StatusCount{Status: s, Count: counts[s]})
	}
	slices.SortStableFunc(t.AtRiskGoals, func(a, b GoalPace) int { return cmp.Compare(dueKey(a.Due), dueKey(b.Due)) })
	for _, e := range in.Experiments {
		if !in.Period.Has(e.Session) && !in.Period.Has(e.EndDay) {
			continue
		}
		x := Experiment{Session: e.Session, Hypothesis: e.Hypothesis, OwnerName: e.OwnerName, Measure: e.Measure, EndDay: e.EndDay}
		if e.Outcome != nil {
			x.Outcome, x.Note = e.Outcome.Result, e.Outcome.Note
		}
		t.Experiments = append(t.Experiments, x)
	}
	slices.SortStableFunc(t.Experiments, func(a, b Experiment) int { return cmp.Compare(b.Session, a.Session) })
	for _, s := range in.Stories {
		if in.Period.Has(s.Session) {
			t.Stories = append(t.Stories, s)
		}
	}
	slices.SortStableFunc(t.Stories, func(a, b Story) int { return cmp.Compare(b.Session, a.Session) })
	t.Network = network(in)
	return t
}

func teamHelp(in TeamInput) TeamHelp {
	h := TeamHelp{Requests: []HelpAsked{}}
	names := map[string]string{}
	for _, m := range in.Members {
		names[m.ID] = m.Name
	}
	var waits []float64
	for _, s := range in.Standups {
		if s.HelpNeeded == "" || !in.Period.Has(s.Day) {
			continue
		}
		h.Asked++
		r := HelpAsked{Day: s.Day, Who: names[s.Author], Text: s.HelpNeeded, Accepted: s.Accepted, CreatedAt: s.CreatedAt.UTC().Format(time.RFC3339)}
		if first, ok := FirstOffer(s.CreatedAt, s.Offers); ok {
			hrs := hoursBetween(s.CreatedAt, first)
			r.FirstHrs = &hrs
			waits = append(waits, hrs)
			h.Answered++
		}
		if !s.Accepted {
			h.Open++
		}
		h.Requests = append(h.Requests, r)
	}
	h.Median = round1(median(waits))
	// Newest first: the list is about requests, not people.
	slices.SortStableFunc(h.Requests, func(a, b HelpAsked) int { return cmp.Compare(b.CreatedAt, a.CreatedAt) })
	return h
}

// FirstOffer is the earliest offer at or after the request (an offer
// dated before it, from a laptop whose clock ran behind, counts as
// arriving at once).
func FirstOffer(asked time.Time, offers []time.Time) (time.Time, bool) {
	if len(offers) == 0 {
		return time.Time{}, false
	}
	first := slices.MinFunc(offers, func(a, b time.Time) int { return a.Compare(b) })
	if first.Before(asked) {
		first = asked
	}
	return first, true
}

func network(in TeamInput) ThanksNetwork {
	n := ThanksNetwork{People: slices.Clone(in.Members), Links: []ThanksLink{}, Note: NetworkNote}
	sortByName(n.People)
	known := map[string]bool{}
	for _, m := range in.Members {
		known[m.ID] = true
	}
	by := map[[2]string]*ThanksLink{}
	for _, th := range in.Thanks {
		if !in.Period.Has(th.Day) || !known[th.From] || !known[th.To] {
			continue
		}
		k := [2]string{th.From, th.To}
		l := by[k]
		if l == nil {
			l = &ThanksLink{From: th.From, To: th.To}
			by[k] = l
		}
		l.Reasons = append(l.Reasons, th)
	}
	order := map[string]int{}
	for i, p := range n.People {
		order[p.ID] = i
	}
	for _, l := range by {
		slices.SortStableFunc(l.Reasons, func(a, b ThanksNote) int { return b.At.Compare(a.At) })
		n.Links = append(n.Links, *l)
	}
	// Links in the people's (name) order, never by how many Thanks.
	slices.SortFunc(n.Links, func(a, b ThanksLink) int {
		if c := cmp.Compare(order[a.From], order[b.From]); c != 0 {
			return c
		}
		return cmp.Compare(order[a.To], order[b.To])
	})
	return n
}

package peerplaypay

import (
	"fmt"
	"math"
	"time"
)

// Where the pace rule draws its lines: how far progress may trail the ideal
// line (a straight run from 0 on the day the goal was made to 100 % on its
// due date) before the goal is at risk, and before it is off track. A tenth
// leaves room for the lumpy progress of real work; a quarter behind is a
// month lost on a four-month goal.
// Both are in percentage points, as the member reads them.
const (
	PaceAtRiskGap   = 10
	PaceOffTrackGap = 25
)

// StatusBasis is what the suggested status of a goal is worked out from.
type StatusBasis struct {
	Status GoalStatus
	// Progress is 0..1 (Measure.Progress); Measured says whether there is
	// a measure to read it from (an unrated scale is not one yet).
	Progress float64
	Measured bool
	// Confidence is 1-5, or 0 when not said.
	Confidence int
	// Start, Due and Today are local days (YYYY-MM-DD); Due may be empty.
	Start, Due, Today string
}

// BasisOf is the basis of goal g on the local day today.
func BasisOf(g *Goal, start, today string) StatusBasis {
	m := g.Measure
	measured := m.Type == MeasureNumber || m.Type == MeasureMilestones && len(m.Milestones) > 0 || m.Type == MeasureScale && m.Current >= 1
	return StatusBasis{Status: g.Status, Progress: g.Measure.Progress(), Measured: measured, Confidence: g.Confidence,
		Start: start, Due: g.Due, Today: today}
}

// SuggestStatus works out where an open goal stands from its own figures:
// its progress against the ideal pace to its due date, and the confidence
// its owner gave. The worse of the two wins. It returns "" with no reason
// when there is nothing to go on (no measure, due date or confidence) or
// the goal is closed: the owner's status stands alone then. The owner may
// always set another status; this is a suggestion beside it.
func SuggestStatus(b StatusBasis) (GoalStatus, string) {
	if !b.Status.Open() {
		return "", ""
	}
	if b.Measured && b.Progress >= 1 {
		return StatusAchieved, "The target is reached."
	}
	status, reason := GoalStatus(""), ""
	worse := func(s GoalStatus, why string) {
		if statusRank(s) > statusRank(status) {
			status, reason = s, why
		} else if s == status && why != "" && s != StatusOnTrack {
			reason += " " + why
		}
	}
	due, dueErr := time.Parse(time.DateOnly, b.Due)
	today, todayErr := time.Parse(time.DateOnly, b.Today)
	start, startErr := time.Parse(time.DateOnly, b.Start)
	if b.Due != "" && dueErr == nil && todayErr == nil {
		left := int(due.Sub(today).Hours() / 24)
		switch {
		case left < 0 && b.Measured:
			worse(StatusOffTrack, fmt.Sprintf("The due date passed %s ago at %s done.", days(-left), percent(b.Progress)))
		case left < 0:
			worse(StatusOffTrack, fmt.Sprintf("The due date passed %s ago.", days(-left)))
		case b.Measured && startErr == nil && due.After(start):
			gone := math.Min(1, math.Max(0, today.Sub(start).Hours()/due.Sub(start).Hours()))
			why := fmt.Sprintf("%s done with %s of the time gone (%s left).", percent(b.Progress), percent(gone), days(left))
			// Whole points, as shown: 50 % gone at 40 % done is 10 behind,
			// whatever the floating point says.
			switch gap := int(math.Round(gone*100)) - int(math.Round(b.Progress*100)); {
			case gap >= PaceOffTrackGap:
				worse(StatusOffTrack, why)
			case gap >= PaceAtRiskGap:
				worse(StatusAtRisk, why)
			default:
				worse(StatusOnTrack, why)
			}
		}
	}
	switch {
	case b.Confidence == 1:
		worse(StatusOffTrack, "Your confidence is 1 of 5 (unlikely).")
	case b.Confidence == 2:
		worse(StatusAtRisk, "Your confidence is 2 of 5.")
	case b.Confidence >= 3:
		worse(StatusOnTrack, "")
	}
	if status == StatusOnTrack && reason == "" {
		reason = fmt.Sprintf("Your confidence is %d of 5.", b.Confidence)
	}
	return status, reason
}

func statusRank(s GoalStatus) int {
	switch s {
	case StatusOnTrack:
		return 1
	case StatusAtRisk:
		return 2
	case StatusOffTrack:
		return 3
	}
	return 0
}

func percent(f float64) string { return fmt.Sprintf("%d %%", int(math.Round(f*100))) }

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

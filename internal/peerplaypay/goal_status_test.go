package peerplaypay_test

import (
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
)

func TestSuggestStatus(t *testing.T) {
	// A 100-day goal, made on 2026-01-01 and due on 2026-04-11.
	const start, due = "2026-01-01", "2026-04-11"
	at := func(today string, progress float64, confidence int) peerplaypay.StatusBasis {
		return peerplaypay.StatusBasis{Status: peerplaypay.StatusOnTrack, Progress: progress, Measured: true,
			Confidence: confidence, Start: start, Due: due, Today: today}
	}
	unmeasured := func(b peerplaypay.StatusBasis) peerplaypay.StatusBasis { b.Measured, b.Progress = false, 0; return b }
	closed := at("2026-03-01", 0, 1)
	closed.Status = peerplaypay.StatusDropped
	noDue := at("2026-03-01", 0, 0)
	noDue.Due = ""

	for _, c := range []struct {
		name   string
		b      peerplaypay.StatusBasis
		want   peerplaypay.GoalStatus
		reason string
	}{
		// The goal: nothing done with 41 days left of 100.
		{"NothingDoneLate", at("2026-03-01", 0, 0), peerplaypay.StatusOffTrack, "0 % done with 59 % of the time gone (41 days left)."},
		{"FirstDay", at("2026-01-01", 0, 0), peerplaypay.StatusOnTrack, "0 % done with 0 % of the time gone (100 days left)."},
		{"OnPace", at("2026-02-20", 0.5, 0), peerplaypay.StatusOnTrack, "50 % done with 50 % of the time gone"},
		// The edges of the pace rule: 9 and 10 points behind, 24 and 25.
		{"JustUnderAtRisk", at("2026-02-20", 0.41, 0), peerplaypay.StatusOnTrack, ""},
		{"AtRiskEdge", at("2026-02-20", 0.40, 0), peerplaypay.StatusAtRisk, "40 % done with 50 % of the time gone"},
		{"JustUnderOffTrack", at("2026-02-20", 0.26, 0), peerplaypay.StatusAtRisk, ""},
		{"OffTrackEdge", at("2026-02-20", 0.25, 0), peerplaypay.StatusOffTrack, ""},
		{"Ahead", at("2026-02-20", 0.9, 0), peerplaypay.StatusOnTrack, ""},
		{"DueToday", at("2026-04-11", 0.95, 0), peerplaypay.StatusOnTrack, "(0 days left)"},
		{"Overdue", at("2026-04-12", 0.95, 5), peerplaypay.StatusOffTrack, "The due date passed 1 day ago at 95 % done."},
		{"Reached", at("2026-04-20", 1, 1), peerplaypay.StatusAchieved, "The target is reached."},
		// Confidence alone, and the worse of confidence and pace.
		{"ConfidenceOne", at("2026-01-02", 0.01, 1), peerplaypay.StatusOffTrack, "Your confidence is 1 of 5 (unlikely)."},
		{"ConfidenceTwo", at("2026-01-02", 0.01, 2), peerplaypay.StatusAtRisk, "Your confidence is 2 of 5."},
		{"ConfidenceThreeBehind", at("2026-03-01", 0, 3), peerplaypay.StatusOffTrack, "0 % done"},
		{"BehindAndUnsure", at("2026-02-20", 0.4, 2), peerplaypay.StatusAtRisk, "40 % done with 50 % of the time gone (50 days left). Your confidence is 2 of 5."},
		{"SureNoMeasure", unmeasured(at("2026-02-20", 0, 4)), peerplaypay.StatusOnTrack, "Your confidence is 4 of 5."},
		{"NoMeasureOverdue", unmeasured(at("2026-05-01", 0, 0)), peerplaypay.StatusOffTrack, "The due date passed 20 days ago."},
		{"NothingToGoOn", unmeasured(at("2026-02-20", 0, 0)), "", ""},
		{"NoDueDate", noDue, "", ""},
		{"Closed", closed, "", ""},
		{"BadDates", peerplaypay.StatusBasis{Status: peerplaypay.StatusAtRisk, Measured: true, Start: "x", Due: "y", Today: "z"}, "", ""},
	} {
		got, reason := peerplaypay.SuggestStatus(c.b)
		if got != c.want || !strings.Contains(reason, c.reason) || (c.want != "" && reason == "") {
			t.Errorf("%s: suggest = %q, %q; want %q, containing %q", c.name, got, reason, c.want, c.reason)
		}
	}
}

func TestBasisOf(t *testing.T) {
	g := &peerplaypay.Goal{Status: peerplaypay.StatusOnTrack, Due: "2026-04-11", Confidence: 3,
		Measure: peerplaypay.Measure{Type: peerplaypay.MeasureScale}}
	if b := peerplaypay.BasisOf(g, "2026-01-01", "2026-02-01"); b.Measured {
		t.Errorf("an unrated scale counts as measured: %+v", b)
	}
	g.Measure.Current = 3
	if b := peerplaypay.BasisOf(g, "2026-01-01", "2026-02-01"); !b.Measured || b.Progress != 0.5 || b.Start != "2026-01-01" {
		t.Errorf("basis = %+v", b)
	}
}

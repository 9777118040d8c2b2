package peerplaypay_test

import (
	"testing"

	"peerplaypay/internal/peerplaypay"
)

func TestMeasureProgress(t *testing.T) {
	ms := func(done ...bool) []peerplaypay.Milestone {
		var out []peerplaypay.Milestone
		for _, d := range done {
			out = append(out, peerplaypay.Milestone{Title: "step", Done: d})
		}
		return out
	}
	for _, c := range []struct {
		name string
		m    peerplaypay.Measure
		want float64
	}{
		{"None", peerplaypay.Measure{}, 0},
		{"NumberDown", peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Start: 800, Target: 200, Current: 650}, 0.25},
		{"NumberUp", peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Start: 0, Target: 90, Current: 45}, 0.5},
		{"NumberPastTarget", peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Start: 800, Target: 200, Current: 100}, 1},
		{"NumberWorseThanStart", peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Start: 800, Target: 200, Current: 900}, 0},
		{"NumberTargetIsStart", peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Start: 5, Target: 5, Current: 5}, 0},
		{"Milestones", peerplaypay.Measure{Type: peerplaypay.MeasureMilestones, Milestones: ms(true, false, false, true)}, 0.5},
		{"NoMilestones", peerplaypay.Measure{Type: peerplaypay.MeasureMilestones}, 0},
		{"ScaleUnrated", peerplaypay.Measure{Type: peerplaypay.MeasureScale}, 0},
		{"ScaleOne", peerplaypay.Measure{Type: peerplaypay.MeasureScale, Current: 1}, 0},
		{"ScaleFour", peerplaypay.Measure{Type: peerplaypay.MeasureScale, Current: 4}, 0.75},
	} {
		if got := c.m.Progress(); got != c.want {
			t.Errorf("%s: progress = %v; want %v", c.name, got, c.want)
		}
	}
}

func TestGoalInputNormalize(t *testing.T) {
	in := peerplaypay.GoalInput{Title: "  Ship  ", Kind: peerplaypay.GoalAction, Contributors: []string{" a ", "a", ""},
		Measure: peerplaypay.Measure{Type: peerplaypay.MeasureMilestones, Unit: "ignored", Milestones: []peerplaypay.Milestone{{Title: " a ", Done: true}, {Title: " "}, {Title: "b"}}}}
	in.Normalize()
	m := in.Measure
	if in.Title != "Ship" || in.Level != peerplaypay.LevelPersonal || in.Visibility != peerplaypay.VisibilityTeam || len(in.Contributors) != 1 {
		t.Errorf("input = %+v", in)
	}
	if len(m.Milestones) != 2 || m.Milestones[0].ID == "" || m.Target != 2 || m.Current != 1 || m.Unit != "" || m.Levels == nil {
		t.Errorf("measure = %+v", m)
	}
}

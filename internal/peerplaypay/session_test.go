package peerplaypay

import (
	"testing"
	"time"
)

// TestFacilitatorRotates: every laptop suggests the same member from the
// roster and the day alone, whatever order it holds the roster in, and
// over as many weeks as members each one facilitates once.
func TestFacilitatorRotates(t *testing.T) {
	members := []string{"cc", "aa", "bb"}
	seen := map[string]int{}
	day := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	for w := range 3 {
		d := day.AddDate(0, 0, 7*w).Format(time.DateOnly)
		f := Facilitator(members, d)
		if g := Facilitator([]string{"bb", "cc", "aa"}, d); g != f {
			t.Errorf("%s: %s or %s depending on the roster's order", d, f, g)
		}
		seen[f]++
	}
	if len(seen) != 3 {
		t.Errorf("three weeks gave the facilitators %v; want each member once", seen)
	}
	if Facilitator(nil, "2026-12-07") != "" {
		t.Error("a facilitator without members")
	}
}

func TestNextSessionDay(t *testing.T) {
	loc := time.FixedZone("here", 3600)
	for _, c := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 12, 5, 12, 0, 0, 0, loc), "2026-12-07"},  // Saturday: the coming Monday
		{time.Date(2026, 12, 7, 9, 0, 0, 0, loc), "2026-12-07"},   // Monday morning
		{time.Date(2026, 12, 7, 11, 30, 0, 0, loc), "2026-12-07"}, // while it runs
		{time.Date(2026, 12, 7, 12, 1, 0, 0, loc), "2026-12-14"},  // over: next week's
	} {
		if got := NextSessionDay(c.now, time.Monday, 10, 0, 120); got != c.want {
			t.Errorf("at %v: %s; want %s", c.now, got, c.want)
		}
	}
}

func TestCheckText(t *testing.T) {
	for _, c := range []struct {
		text     string
		required bool
		ok       bool
	}{
		{"fine", true, true}, {"  ", true, false}, {"  ", false, true}, {string([]byte{0xff}), false, false},
		{"ééééé", true, true}, {"ééééé" + "é", true, false},
	} {
		if got := CheckText("item", c.text, 5, c.required) == ""; got != c.ok {
			t.Errorf("CheckText(%q, required %v) ok = %v", c.text, c.required, got)
		}
	}
}

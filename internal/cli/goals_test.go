package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
)

func TestGoalsCommands(t *testing.T) {
	dir := "--data-dir=" + t.TempDir()
	if code, _, e := run(t, nil, "profile", "set", "--name", "Ada", dir); code != 0 {
		t.Fatal(e)
	}
	due := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	code, top, e := run(t, nil, "goals", "add", "--title", "Fast API", "--kind", "result", "--level", "team",
		"--measure", "p95 latency ms 800 -> 200", "--due", due, dir)
	if code != 0 {
		t.Fatalf("add: %d %s", code, e)
	}
	top = strings.TrimSpace(top)
	code, out, e := run(t, nil, "goals", "add", "--title", "Cache the catalogue", "--kind", "action", "--parent", top,
		"--milestones", "design; build; release", "--json", dir)
	if code != 0 {
		t.Fatalf("add child: %d %s", code, e)
	}
	var child peerplaypay.Goal
	if err := json.Unmarshal([]byte(out), &child); err != nil || child.ParentUID == "" || len(child.Measure.Milestones) != 3 {
		t.Fatalf("child = %+v, %v", child, err)
	}

	if code, _, e := run(t, nil, "goals", "checkin", top, "--value", "650", "--confidence", "4", "--note", "indexes", dir); code != 0 {
		t.Fatalf("checkin: %s", e)
	}
	code, out, _ = run(t, nil, "goals", "show", top, "--json", dir)
	var d peerplaypay.GoalDetail
	if err := json.Unmarshal([]byte(out), &d); code != 0 || err != nil || d.Goal.Measure.Unit != "p95 latency ms" ||
		d.Goal.Measure.Current != 650 || len(d.Checkins) != 1 || len(d.Children) != 1 || d.Goal.OwnerName != "Ada" {
		t.Fatalf("show: %d %s", code, out)
	}
	code, out, _ = run(t, nil, "goals", "list", "--tree", dir)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 || !strings.Contains(lines[0], "Fast API") || !strings.Contains(lines[1], "  Cache the catalogue") {
		t.Fatalf("tree:\n%s", out)
	}

	for _, c := range []struct {
		args  []string
		code  int
		words string
	}{
		{[]string{"goals", "add", "--title", "Same", "--kind", "result", "--measure", "ms 5 5"}, 1, "target equals the start"},
		{[]string{"goals", "add", "--title", "Past", "--kind", "result", "--due", "2020-01-01"}, 1, "in the past"},
		{[]string{"goals", "add", "--title", "Odd", "--kind", "result", "--measure", "fast"}, 2, `want "unit start target"`},
		{[]string{"goals", "add", "--kind", "result"}, 2, "needs --title"},
		{[]string{"goals", "status", top, "dropped"}, 1, "Say why"},
		{[]string{"goals", "delete", top}, 1, "--children lift, detach or delete"},
		{[]string{"goals", "show", "x"}, 2, "not a goal ID"},
		{[]string{"goals", "show", "999"}, 1, "no goal 999"},
		{[]string{"goals", "help-offer", top, "review"}, 1, "your own goal"},
	} {
		code, _, e := run(t, nil, append(c.args, dir)...)
		if code != c.code || !strings.Contains(e, c.words) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, e, c.code, c.words)
		}
	}

	if code, _, e := run(t, nil, "goals", "status", top, "dropped", "--reason", "replaced by the new service", dir); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := run(t, nil, "goals", "delete", top, "--children", "detach", dir); code != 0 {
		t.Fatal(e)
	}
	code, out, _ = run(t, nil, "goals", "list", "--json", dir)
	var gs []peerplaypay.Goal
	if json.Unmarshal([]byte(out), &gs); code != 0 || len(gs) != 1 || gs[0].ParentUID != "" {
		t.Fatalf("after delete: %s", out)
	}
}

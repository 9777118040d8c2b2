package cli_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

func TestInsightsCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d := "--data-dir=" + dir
	today := time.Now().Format(time.DateOnly)
	for _, c := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"logs", "add", d, "--done", "shipped the importer", "--help-needed", "a reviewer", "--mood", "4"}, 0, ""},
		{[]string{"insights", d}, 0, "Stand-up streak: 1 working days"},
		{[]string{"insights", d, "--me", "--period", "week"}, 0, "Help asked in 1 of 1 stand-ups (100 %)"},
		{[]string{"insights", d, "--team"}, 0, "No team yet"}, // nothing is shared without a team
		{[]string{"insights", d, "--from", "2020-01-01", "--to", "2020-01-31"}, 0, "Days with a stand-up: 0 of 31"},
		// Bad input: a sentence that says what to do, exit 2.
		{[]string{"insights", d, "--me", "--team"}, 2, ""},
		{[]string{"insights", d, "--from", "2026-02-01", "--to", "2026-01-01"}, 2, ""},
		{[]string{"insights", d, "--from", "yesterday", "--to", today}, 2, ""},
		{[]string{"insights", d, "--from", "2026-01-01"}, 2, ""},
		{[]string{"insights", d, "--period", "decade"}, 2, ""},
		{[]string{"insights", d, "--period", "week", "--from", "2026-01-01", "--to", "2026-01-02"}, 2, ""},
	} {
		code, out, errOut := runIn(t, "", c.args...)
		if code != c.code || !strings.Contains(out, c.out) {
			t.Errorf("%v: code %d, out %q, err %q; want %d with %q", c.args[1:], code, out, errOut, c.code, c.out)
		}
		if c.code == 2 && !strings.Contains(errOut, "peerplaypay") && len(strings.TrimSpace(errOut)) < 20 {
			t.Errorf("%v: no sentence saying what to do: %q", c.args, errOut)
		}
	}
	code, out, _ := runIn(t, "", "insights", d, "--json")
	var me struct {
		Streak struct{ Days int }
		Help   struct{ Asked, Standups int }
		Period struct{ From, To string }
	}
	if err := json.Unmarshal([]byte(out), &me); code != 0 || err != nil || me.Streak.Days != 1 || me.Help.Asked != 1 || me.Period.To != today {
		t.Errorf("--json: %d %v %+v", code, err, me)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
}

//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

var (
	insightsRendered = regexp.MustCompile(`ui: area rendered" area=insights .*ms=(\d+)`)
	networkDrawn     = regexp.MustCompile(`ui: thanks network drawn" links=(\d+) look="[^"]*" looks=(\d+) people=(\d+)`)
)

// seedMonths gives m's data folder months of stand-ups (working days, with
// mood, energy and now and then a request for help) and a learning entry
// a week, written by the app's own storage as on those days. The shared
// stand-ups go to the team at m's next sync.
func seedMonths(t *testing.T, m *member, months int) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(m.dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	logs, growth := sqlite.NewLogService(db), sqlite.NewGrowthService(db)
	today := time.Now()
	start := today.AddDate(0, -months, 0)
	n := 0
	for d := start; d.Before(today.AddDate(0, 0, -1)); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || d.YearDay()%11 == 0 {
			continue // days off, and now and then a missed day
		}
		at := time.Date(d.Year(), d.Month(), d.Day(), 9, 30, 0, 0, time.Local)
		db.Now = func() time.Time { return at }
		n++
		e := &peerplaypay.LogEntry{Kind: peerplaypay.LogText, Shared: true, Day: d.Format(time.DateOnly), LogTable: peerplaypay.LogTable{
			Done: fmt.Sprintf("%s, day %d: moved the importer along", m.name, n), Mood: 1 + (n/5)%5, Energy: 1 + (n/3)%5}}
		if n%9 == 0 {
			e.HelpNeeded = fmt.Sprintf("%s needs a reviewer for step %d", m.name, n)
		}
		if err := logs.CreateLog(ctx, e); err != nil {
			t.Fatal(err)
		}
		if d.Weekday() == time.Friday {
			if _, err := growth.AddLearning(ctx, &peerplaypay.Learning{Day: e.Day, Kind: "read", What: "A chapter on testing", Minutes: 20 + n%40}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

type teamInsightsOut struct {
	StandupsPerWeek []struct{ Count int }
	GoalsByStatus   []struct {
		Status string
		Count  int
	}
	Help struct {
		Asked, Open, Answered int
		MedianHours           float64
	}
	Network struct {
		People []struct{ ID, Name string }
		Links  []struct {
			From, To string
			Reasons  []struct{ Reason string }
		}
	}
}

// TestInsightsInWindow: Åsa, Bob and Cyd share months of stand-ups on a
// team share; Bob also keeps a private goal and a private assessment.
// Every member's team insights show what was shared and nothing private;
// Bob's own insights have his private goal. Åsa's window shows her own
// insights and the team's, with the Thanks network drawn with every
// person alike, at 1280x800 and at 800x600, scrolled to the end.
func TestInsightsInWindow(t *testing.T) {
	parallelWindow(t)
	sh := newFolderShare(t)
	m := newTeam(t, sh, "Åsa Ødegård", "Bob", "Cyd")
	asa, bob, cyd := m[0], m[1], m[2]
	for _, x := range m {
		seedMonths(t, x, 3)
	}
	bob.ok("goals", "add", "--title", "Bob's secret plan to change jobs", "--kind", "action", "--private")
	bob.ok("goals", "add", "--title", "Ship the importer", "--kind", "result", "--level", "team", "--measure", "steps 0 10",
		"--due", time.Now().AddDate(0, 0, 20).Format(time.DateOnly))
	bob.ok("assess", "--item", "craft.quality", "--level", "2", "--evidence", "Bob's private evidence of a hard month", "--finish")
	helpID, err := strconv.ParseInt(strings.TrimSpace(bob.ok("logs", "add", "--done", "Stuck on the importer's last step",
		"--help-needed", "a pair for the importer's last step")), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	helpLog := bob.log(helpID)
	bob.sync()
	asa.sync()
	asa.ok("logs", "help-offer", helpLog.UID, "I can pair after lunch")
	asa.ok("thanks", "give", "Bob", "for untangling the importer with me")
	cyd.ok("thanks", "give", "Åsa Ødegård", "for the careful review of the docs")
	bob.ok("thanks", "give", "Cyd", "for the test data")
	for range 2 {
		for _, x := range m {
			x.sync()
		}
	}

	// Only what was shared, on every laptop.
	for _, x := range m {
		out := x.ok("insights", "--team", "--json", "--period", "quarter")
		for _, secret := range []string{"secret plan", "private evidence"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s's team insights show Bob's %q", x.name, secret)
			}
		}
		var ti teamInsightsOut
		if err := json.Unmarshal([]byte(out), &ti); err != nil {
			t.Fatal(err)
		}
		standups := 0
		for _, w := range ti.StandupsPerWeek {
			standups += w.Count
		}
		if standups < 3*40 || len(ti.Network.People) != 3 || len(ti.Network.Links) != 3 || ti.Help.Answered < 1 {
			t.Errorf("%s's team insights: %d stand-ups, people %+v, links %+v, help %+v", x.name, standups, ti.Network.People, ti.Network.Links, ti.Help)
		}
		goals := 0
		for _, s := range ti.GoalsByStatus {
			goals += s.Count
		}
		if goals != 1 {
			t.Errorf("%s's team insights count %d open goals; want Bob's one team goal", x.name, goals)
		}
		var names []string
		for _, p := range ti.Network.People {
			names = append(names, p.Name)
		}
		if strings.Join(names, ",") != "Åsa Ødegård,Bob,Cyd" {
			t.Errorf("%s's network people: %v; want name order", x.name, names)
		}
	}
	if out := bob.ok("insights", "--me", "--json"); !strings.Contains(out, "Bob's secret plan") {
		t.Error("Bob's own insights miss his private goal")
	}
	if out := asa.ok("insights", "--me"); !strings.Contains(out, "from Cyd: for the careful review of the docs") {
		t.Errorf("Åsa's own insights miss the Thanks she received:\n%s", out)
	}

	s := launch(t, startXvfb(t), asa.dir, "PEERPLAYPAY_LOG=debug")
	s.waitReady()
	id := s.atOrigin()

	mark := s.mark()
	s.xdo("key", "ctrl+8")
	r := s.waitLine(mark, insightsRendered, 20*time.Second)
	t.Logf("Insights, three members and three months: first screen in %s ms", r[1])
	s.waitLine(mark, regexp.MustCompile(`ui: chart drawn" .*label="Mood and energy a week"`), 20*time.Second)
	time.Sleep(500 * time.Millisecond)
	s.screenshot("insights-me-1280x800.png")

	// The Team tab, by keyboard: the tab list is the first stop after the title.
	mark = s.mark()
	s.keys("Tab", "Right")
	shown := s.waitLine(mark, regexp.MustCompile(`ui: insights shown" fetchMs=(\d+) ms=(\d+) tab=team`), 20*time.Second)
	t.Logf("the Team tab: shown in %s ms (%s ms of it fetching)", shown[2], shown[1])
	n := s.waitLine(mark, networkDrawn, 20*time.Second)
	if n[2] != "1" || n[3] != "3" || n[1] != "3" {
		t.Errorf("the network: %s; want 3 people drawn alike and 3 lines", n[0])
	}
	time.Sleep(500 * time.Millisecond)
	s.screenshot("insights-team-1280x800.png")
	s.xdo("mousemove", "--window", id, "800", "500")
	s.xdo("click", "--repeat", "60", "--delay", "20", "5")
	time.Sleep(800 * time.Millisecond)
	s.screenshot("insights-network-1280x800.png")

	// The smallest window: both tabs, scrolled to their ends.
	s.xdo("windowsize", "--sync", id, "800", "600")
	time.Sleep(800 * time.Millisecond)
	s.xdo("click", "--repeat", "60", "--delay", "20", "4")
	time.Sleep(500 * time.Millisecond)
	scrollAndCheck(t, s, "insights-team-800x600")
	s.xdo("click", "--repeat", "80", "--delay", "10", "4")
	// Back to Me: the area's shortcut puts focus on its title, the tab
	// list is the next stop.
	mark = s.mark()
	s.xdo("key", "ctrl+8")
	s.keys("Tab", "Left")
	s.waitLine(mark, regexp.MustCompile(`ui: insights shown" .*tab=me`), 20*time.Second)
	time.Sleep(500 * time.Millisecond)
	scrollAndCheck(t, s, "insights-me-800x600")
}

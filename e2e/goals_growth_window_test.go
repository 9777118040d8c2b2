//go:build e2e

package e2e

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// TestGoalsAndGrowthInWindow fills a data folder with the CLI (an aligned
// pair of goals with check-ins, three assessment sessions), then opens the
// Goals and Growth areas of the production window: each renders its first
// screen, and the progress line and the growth radar are drawn in WebKitGTK
// with the points the data holds.
func TestGoalsAndGrowthInWindow(t *testing.T) {
	parallelWindow(t)
	dir := onboarded(t)
	mustCLI := func(args ...string) {
		t.Helper()
		if out, err := cli(t, append(args, "--data-dir", dir)...); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	due := func(days int) string { return time.Now().AddDate(0, 0, days).Format("2006-01-02") }
	mustCLI("goals", "add", "--title", "Answer every support ticket within one working day", "--kind", "result",
		"--level", "team", "--measure", "tickets answered in a day % 60 95", "--due", due(60), "--confidence", "3")
	mustCLI("goals", "add", "--title", "Cut the search API p95 latency", "--kind", "result", "--parent", "1",
		"--measure", "p95 latency ms 800 200", "--due", due(30), "--confidence", "4",
		"--description", "Profile the search path and cache the ranking of popular queries")
	for i, v := range []string{"700", "560", "430"} {
		mustCLI("goals", "checkin", "2", "--value", v, "--confidence", strconv.Itoa(3+i%2), "--note", "week "+strconv.Itoa(i+1))
	}
	items := []string{"craft.quality", "craft.tools", "craft.delivery", "conceptual.framing", "conceptual.systems"}
	for session := range 3 {
		for i, item := range items {
			level := 1 + (session+i)%5
			mustCLI("assess", "--item", item, "--level", strconv.Itoa(level), "--evidence", fmt.Sprintf("session %d", session+1))
		}
		mustCLI("assess", "--finish")
	}

	s := launch(t, startXvfb(t), dir, "PEERPLAYPAY_LOG=debug")
	s.waitReady()
	id, _, _ := s.window()
	s.xdo("windowfocus", "--sync", id)

	mark := s.mark()
	s.xdo("key", "ctrl+3")
	m := s.waitLine(mark, regexp.MustCompile(`ui: area rendered" area=goals ms=(\d+)`), 20*time.Second)
	t.Logf("Goals area: first screen in %s ms", m[1])
	time.Sleep(500 * time.Millisecond)
	s.screenshot("goals-area.png")

	// From the filter (/), the rows follow: the second is the personal goal.
	mark = s.mark()
	s.xdo("key", "slash")
	s.xdo("key", "Tab", "Tab", "Return")
	s.waitLine(mark, regexp.MustCompile(`ui: chart drawn" datasets=2 height=\d+ label="Progress of .*Cut the search API p95 latency.* points=(\d+)`), 20*time.Second)
	scrollDown(s, 4)
	s.screenshot("goals-detail-chart.png")

	mark = s.mark()
	s.xdo("key", "ctrl+4")
	s.waitLine(mark, regexp.MustCompile(`ui: area rendered" area=growth ms=\d+`), 20*time.Second)
	s.xdo("key", "Tab")
	s.xdo("key", "Right") // Assess → Charts
	m = s.waitLine(mark, regexp.MustCompile(`ui: chart drawn" datasets=(\d+) height=(\d+) label="Radar of levels per item" points=(\d+) type=radar width=(\d+)`), 20*time.Second)
	// Latest, previous and first: three series over the framework's items.
	points, _ := strconv.Atoi(m[3])
	if m[1] != "3" || points < 3*len(items) || points%3 != 0 || m[4] == "0" || m[2] == "0" {
		t.Fatalf("radar drawn with %s series, %s points, %sx%s", m[1], m[3], m[4], m[2])
	}
	scrollDown(s, 6)
	s.screenshot("growth-charts-window.png")
}

// scrollDown turns the mouse wheel over the area's content, so that a
// screenshot shows what lies below the first screen.
func scrollDown(s *session, clicks int) {
	id, _, _ := s.window()
	s.xdo("mousemove", "--window", id, "700", "500")
	s.xdo("click", "--repeat", strconv.Itoa(clicks), "--delay", "50", "5")
	time.Sleep(800 * time.Millisecond)
}

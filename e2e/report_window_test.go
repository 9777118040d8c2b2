//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var reportPlaces = regexp.MustCompile(`ui: report places" saveX=(-?\d+) saveY=(-?\d+) shareX=(-?\d+) shareY=(-?\d+) wordsX=(-?\d+) wordsY=(-?\d+)`)

func reportShown(fields string) *regexp.Regexp {
	return regexp.MustCompile(`ui: report shown" .*` + fields)
}

// TestReportInWindow: Bob thanks Ada; in her window, Insights › Report
// shows her last weeks in sentences, she adds her own words and shares the
// page; Bob, at his next sync, reads it with her words. Her PDF of it reads
// back with pdftotext and renders with pdftoppm.
func TestReportInWindow(t *testing.T) {
	parallelWindow(t)
	sh := newFolderShare(t)
	m := newTeam(t, sh, "Åsa Ødegård", "Bob")
	asa, bob := m[0], m[1]
	bob.ok("thanks", "give", asa.id, "for untangling the release")
	bob.sync()
	asa.sync()
	// The default period is the last full quarter; the test's Thanks is
	// today's, so the window is told that today is in the next quarter.
	now := time.Now().UTC()
	fake := time.Date(now.Year(), now.Month(), 1, 12, 0, 0, 0, time.UTC).AddDate(0, 3, 0)
	s := launch(t, startXvfb(t), asa.dir, "PEERPLAYPAY_LOG=debug", "PEERPLAYPAY_FAKE_NOW="+fake.Format(time.RFC3339))
	s.waitReady()
	s.atOrigin()

	mark := s.mark()
	s.xdo("key", "ctrl+8")
	tabs := s.waitLine(mark, regexp.MustCompile(`ui: insights places" reportX=(-?\d+) reportY=(-?\d+)`), 20*time.Second)
	s.click(tabs[1], tabs[2])
	shown := s.waitLine(mark, reportShown(`sections=2 shared=false team=0 .*words=0`), 20*time.Second)
	t.Logf("report shown: %s", shown[0])
	s.waitLine(mark, reportPlaces, 10*time.Second)
	time.Sleep(300 * time.Millisecond)
	s.screenshot("report-1280x800.png")

	// The words are below the page in a 1280x800 window: down to them, with
	// the wheel (End on the tabs goes to the last tab, as in any tab list).
	mark = s.mark()
	scrollDown(s, 10)
	var p []string
	for {
		p = s.settledLine(mark, reportPlaces, 10*time.Second, 600*time.Millisecond)
		if y, _ := strconv.Atoi(p[6]); y > 0 && y < 760 {
			break
		}
		mark = s.mark()
		scrollDown(s, 10)
	}
	mark = s.mark()
	s.click(p[5], p[6])
	s.xdo("type", "--delay", "20", "I kept the build green and mentored Bob.")
	// Keys reach the page after xdotool returns, the more so on a busy machine.
	s.waitLine(mark, regexp.MustCompile(`ui: report words typed" length=40`), 20*time.Second)
	mark = s.mark()
	s.click(p[1], p[2])
	s.waitLine(mark, reportShown(`shared=false .*words=40`), 10*time.Second)
	p = s.waitLine(mark, reportPlaces, 10*time.Second)

	mark = s.mark()
	s.click(p[3], p[4])
	s.waitLine(mark, reportShown(`shared=true .*words=40`), 10*time.Second)
	time.Sleep(400 * time.Millisecond)
	s.screenshot("report-shared-1280x800.png")

	// The window syncs after sharing; Bob reads the page at his next sync.
	deadline := time.Now().Add(30 * time.Second)
	for {
		bob.sync()
		if list := bob.teamReports(); len(list) == 1 {
			r := list[0]
			if r.Report.Words != "I kept the build green and mentored Bob." || !strings.Contains(strings.Join(r.Report.Sections[1].Paragraphs, " "), "Bob thanked Åsa Ødegård for “untangling the release”") {
				t.Fatalf("Bob reads: %+v", r.Report)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("Åsa's shared report did not reach Bob")
		}
		time.Sleep(time.Second)
	}

	// Her PDF, for a talk: the same page, read back and rendered.
	pdf := filepath.Join(artifacts(t), "report.pdf")
	list := []cliReport{}
	asa.decode(&list, "report", "list", "--json")
	if len(list) != 1 || !list[0].Shared {
		t.Fatalf("Åsa's reports: %+v", list)
	}
	per := list[0].Report.Period
	start := time.Now()
	asa.ok("report", "--from", per.From, "--to", per.To, "--pdf", pdf)
	t.Logf("report PDF through the CLI in %s", time.Since(start).Round(time.Millisecond))
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Contribution of Åsa Ødegård", "Bob thanked Åsa Ødegård for “untangling the release”", "In Åsa Ødegård’s own words", "I kept the build green and mentored Bob."} {
		if err != nil || !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q: %s %v", want, text, err)
		}
	}
	png := filepath.Join(artifacts(t), "report-pdf")
	if out, err := exec.Command("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf, png).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	if st, err := os.Stat(png + "-1.png"); err != nil || st.Size() < 5000 {
		t.Errorf("the PDF's first page as PNG: %v %v", st, err)
	}
}

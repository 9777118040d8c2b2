//go:build e2e

package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	practiceShown     = regexp.MustCompile(`ui: practice shown" agreements="([^"]*)" cause="([^"]*)" history=(\d+) settingsX=(-?\d+) settingsY=(-?\d+)`)
	teamSettingsShown = regexp.MustCompile(`ui: team settings shown" history=(\d+) minutes=(\d+) questions="([^"]*)" replaced=(\d+) when="([^"]*)"`)
)

// TestPracticeInWindow: Ada and Bob set their team's practice from the
// command line, the cause twice at once. Ada's window shows the cause and
// agreements at the top of the Team area; its Team settings dialog shows
// Bob's session time and who changed what, the replaced cause included;
// each agreement is a change of its own.
// Screenshots at 1280x800 and 800x600.
func TestPracticeInWindow(t *testing.T) {
	parallelWindow(t)
	sh := newFolderShare(t)
	m := newTeam(t, sh, "Ada", "Bob")
	ada, bob := m[0], m[1]
	ada.ok("team", "cause", "set", "We want our work to matter: we coach each other, try things, and thank who helped.")
	ada.ok("team", "agreements", "add", "stand-up by 10:00")
	ada.ok("team", "agreements", "add", "thanks with a reason")
	bob.ok("team", "settings", "set", "session.time", "09:30")
	bob.ok("team", "cause", "set", "We grow by helping each other.")
	bob.sync()
	ada.sync()
	bob.sync()
	cause := ada.teamSettings().Settings.Cause

	s := launch(t, startXvfb(t), ada.dir, "PEERPLAYPAY_LOG=debug")
	s.waitReady()
	id := s.atOrigin()

	mark := s.mark()
	s.xdo("key", "ctrl+5")
	p := s.waitLine(mark, practiceShown, 20*time.Second)
	if p[2] != cause || p[1] != "stand-up by 10:00 | thanks with a reason" || p[3] != "5" {
		t.Errorf("the Team area shows the cause %q, agreements %q, %s changes; want %q, both agreements, 5", p[2], p[1], p[3], cause)
	}
	time.Sleep(700 * time.Millisecond)
	s.screenshot("team-practice-1280x800.png")

	mark = s.mark()
	s.click(p[4], p[5])
	d := s.waitLine(mark, teamSettingsShown, 10*time.Second)
	// One change replaced: Ada's cause by Bob's. Each agreement is a key of
	// its own, so the second agreement added replaces nothing.
	if d[5] != "monday 09:30" || d[2] != "120" || d[1] != "5" || d[4] != "1" ||
		!strings.HasPrefix(d[3], "What I did | How | Why it matters") {
		t.Errorf("the settings dialog shows %q", d[0])
	}
	time.Sleep(700 * time.Millisecond)
	s.screenshot("team-settings-dialog-1280x800.png")
	s.keys("Escape")

	mark = s.mark()
	s.xdo("windowsize", "--sync", id, "800", "600")
	p = s.waitLine(mark, practiceShown, 10*time.Second)
	time.Sleep(700 * time.Millisecond)
	s.screenshot("team-practice-800x600.png")
	mark = s.mark()
	s.click(p[4], p[5])
	s.waitLine(mark, teamSettingsShown, 10*time.Second)
	time.Sleep(700 * time.Millisecond)
	s.screenshot("team-settings-dialog-800x600.png")
	s.keys("Escape")

	// The cause and agreements on top leave the Team area's main action
	// (Sync now) in view in the smallest window.
	s.xdo("key", "ctrl+1")
	time.Sleep(500 * time.Millisecond)
	mark = s.mark()
	s.xdo("key", "ctrl+5")
	a := s.waitLine(mark, regexp.MustCompile(`ui: main action" area=team .*`), 20*time.Second)
	if f := mainAction.FindStringSubmatch(a[0]); f == nil || f[4] != "true" || f[6] != "true" {
		t.Errorf("the Team area's main action at 800x600: %s", a[0])
	}
}

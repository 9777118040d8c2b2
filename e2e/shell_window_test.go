//go:build e2e

package e2e

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// small opens the window on dir at 800x600, the smallest size the app
// allows, with the page's debug log, and returns it focused.
func small(t *testing.T, dir string, env ...string) (*session, string) {
	t.Helper()
	s := launch(t, startXvfb(t), dir, append([]string{"PEERPLAYPAY_LOG=debug"}, env...)...)
	s.waitReady()
	id, _, _ := s.window()
	s.xdo("windowsize", "--sync", id, "800", "600")
	s.xdo("windowfocus", "--sync", id)
	time.Sleep(500 * time.Millisecond)
	return s, id
}

// shot is a screenshot cut to the app's window.
func (s *session) shot(name string) image.Image {
	s.t.Helper()
	path := s.screenshot(name)
	f, err := os.Open(path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		s.t.Fatal(err)
	}
	_, x, y := s.window()
	return img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(x, y, x+800, y+600))
}

// differing counts the pixels of r (relative to the window) that differ
// between two shots of the window.
func differing(a, b image.Image, r image.Rectangle) int {
	n := 0
	oa, ob := a.Bounds().Min, b.Bounds().Min
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(oa.X+x, oa.Y+y).RGBA()
			r2, g2, b2, _ := b.At(ob.X+x, ob.Y+y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				n++
			}
		}
	}
	return n
}

var (
	// The sidebar (its expanded width less a margin) and the header above
	// the area: the shell, which must never move.
	sidebarBox = image.Rect(0, 0, 180, 600)
	headerBox  = image.Rect(260, 0, 780, 56) // less the content's scroll bar
	// The area's content, which the wheel must scroll.
	contentBox   = image.Rect(260, 120, 800, 600)
	shellScrolls = regexp.MustCompile(`ui: shell scrolled`)
)

// scrollAndCheck turns the wheel far down over the area's content and
// checks that the content moved and the shell did not.
func scrollAndCheck(t *testing.T, s *session, name string) {
	t.Helper()
	before := s.shot(name + "-top.png")
	mark := s.mark()
	id, _, _ := s.window()
	s.xdo("mousemove", "--window", id, "560", "420")
	s.xdo("click", "--repeat", "60", "--delay", "20", "5")
	time.Sleep(800 * time.Millisecond)
	after := s.shot(name + "-scrolled.png")
	if n := differing(before, after, contentBox); n == 0 {
		t.Errorf("%s: the wheel did not scroll the content", name)
	}
	if n := differing(before, after, sidebarBox); n > 0 {
		t.Errorf("%s: the sidebar moved as the content scrolled (%d pixels changed); see %s-scrolled.png", name, n, name)
	}
	if n := differing(before, after, headerBox); n > 0 {
		t.Errorf("%s: the header moved as the content scrolled (%d pixels changed); see %s-scrolled.png", name, n, name)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.lines[mark:] {
		if shellScrolls.MatchString(l) {
			t.Errorf("%s: %s", name, l)
		}
	}
}

// TestShellStaysWhileContentScrolls fills Logs with 61 logs and Growth with
// assessments, and turns the mouse wheel far past the end of each area in
// the production window: only the area's content scrolls; the sidebar and
// the header stay where they were.
func TestShellStaysWhileContentScrolls(t *testing.T) {
	parallelWindow(t)
	dir := onboarded(t)
	for i := range 61 {
		if out, err := cli(t, "logs", "add", "--done", fmt.Sprintf("Log %d: reviewed the parser and the release notes", i+1), "--data-dir", dir); err != nil {
			t.Fatalf("logs add: %v\n%s", err, out)
		}
	}
	for i, item := range []string{"craft.quality", "craft.tools", "craft.delivery"} {
		if out, err := cli(t, "assess", "--item", item, "--level", strconv.Itoa(2+i), "--evidence", "week one", "--data-dir", dir); err != nil {
			t.Fatalf("assess: %v\n%s", err, out)
		}
	}
	if out, err := cli(t, "assess", "--finish", "--data-dir", dir); err != nil {
		t.Fatalf("assess --finish: %v\n%s", err, out)
	}
	s, _ := small(t, dir)

	s.xdo("key", "ctrl+2")
	time.Sleep(2 * time.Second) // Logs loads its first page
	// All 61: at the bottom of the list, "Load more" until there is no more.
	for range 3 {
		id, _, _ := s.window()
		s.xdo("mousemove", "--window", id, "560", "420")
		s.xdo("click", "--repeat", "60", "--delay", "10", "5")
		time.Sleep(500 * time.Millisecond)
		s.xdo("mousemove", "--window", id, "510", "548")
		s.xdo("click", "1")
		time.Sleep(1500 * time.Millisecond)
	}
	scrollAndCheck(t, s, "shell-logs")

	mark := s.mark()
	s.xdo("key", "ctrl+4")
	s.waitLine(mark, regexp.MustCompile(`ui: area rendered" area=growth`), 20*time.Second)
	s.xdo("key", "Tab")
	s.xdo("key", "Right") // Assess → Charts
	s.waitLine(mark, regexp.MustCompile(`ui: chart drawn" .*label="Radar of levels per item"`), 20*time.Second)
	time.Sleep(500 * time.Millisecond)
	scrollAndCheck(t, s, "shell-growth-charts")

	s.xdo("key", "ctrl+9")
	time.Sleep(2 * time.Second)
	scrollAndCheck(t, s, "shell-settings")
}

// TestSavedMessageGoes records a short video stand-up: the message that it
// is saved shows, then goes by itself after a few seconds instead of
// staying over the recorder.
func TestSavedMessageGoes(t *testing.T) {
	dir := onboarded(t)
	s, _ := small(t, dir, "PEERPLAYPAY_SYNTHETIC_DEVICES=1")
	mark := s.mark()
	s.xdo("key", "ctrl+shift+r")
	s.waitLine(mark, recStarted, 20*time.Second)
	time.Sleep(1500 * time.Millisecond)
	mark = s.mark()
	s.xdo("key", "ctrl+shift+r")
	s.waitLine(mark, regexp.MustCompile(`ui: recorder bar" recording=false saved=true`), 20*time.Second)
	s.screenshot("message-saved.png")
	s.waitLine(mark, regexp.MustCompile(`ui: recorder bar" recording=false saved=false`), 15*time.Second)
	time.Sleep(300 * time.Millisecond)
	s.screenshot("message-gone.png")
}

var mainAction = regexp.MustCompile(`ui: main action" area=(\w+) bottom=(-?\d+) id=([\w-]+) uncovered=(\w+) viewport=(\d+) visible=(\w+)`)

// TestEveryAreaAt800x600 opens each area in the smallest window: its main
// action shows without scrolling and nothing covers it; the sidebar folds
// to icons with Ctrl+B and stays folded at the next start.
func TestEveryAreaAt800x600(t *testing.T) {
	parallelWindow(t)
	dir := onboarded(t)
	s, _ := small(t, dir)
	for i, area := range []string{"today", "logs", "goals", "growth", "team", "inbox", "session", "insights", "settings"} {
		mark := s.mark()
		s.xdo("key", "ctrl+"+strconv.Itoa(i+1))
		m := s.waitLine(mark, regexp.MustCompile(`ui: main action" area=`+area+` .*`), 20*time.Second)
		time.Sleep(300 * time.Millisecond)
		s.screenshot("800x600-" + area + ".png")
		f := mainAction.FindStringSubmatch(m[0])
		if f == nil || f[6] != "true" || f[4] != "true" {
			t.Errorf("%s at 800x600: %s", area, m[0])
		}
	}

	mark := s.mark()
	s.xdo("key", "ctrl+b")
	s.waitLine(mark, regexp.MustCompile(`ui: sidebar" collapsed=true`), 10*time.Second)
	time.Sleep(400 * time.Millisecond)
	s.screenshot("800x600-sidebar-collapsed.png")
	mark = s.mark()
	s.xdo("key", "ctrl+1")
	m := s.waitLine(mark, regexp.MustCompile(`ui: main action" area=today .*`), 20*time.Second)
	if f := mainAction.FindStringSubmatch(m[0]); f == nil || f[6] != "true" {
		t.Errorf("Today with the sidebar folded: %s", m[0])
	}
	s.stop()

	again := launch(t, s.display, dir, "PEERPLAYPAY_LOG=debug")
	again.waitReady()
	again.waitLine(0, regexp.MustCompile(`ui: sidebar" collapsed=true`), 10*time.Second)
}

// TestFileDialogInWindow goes from the recovery key reminder to Settings,
// opens the system's save dialog with Browse and closes it with Escape,
// then saves the key to a path typed by hand.
func TestFileDialogInWindow(t *testing.T) {
	parallelWindow(t)
	dir := onboarded(t)
	s := launch(t, startXvfb(t), dir, "PEERPLAYPAY_LOG=debug")
	s.waitReady()
	id, _, _ := s.window()
	s.xdo("windowfocus", "--sync", id)
	time.Sleep(800 * time.Millisecond) // the reminder waits for the share's settings

	// From the top: the sidebar's fold button and nine areas, then the
	// reminder's "Save it".
	for range 11 {
		s.xdo("key", "Tab")
	}
	mark := s.mark()
	s.xdo("key", "Return")
	s.waitLine(mark, regexp.MustCompile(`ui: main action" area=settings`), 20*time.Second)

	s.xdo("key", "Tab") // Browse…
	s.xdo("key", "Return")
	dlg := waitShown(t, s, "^Save your recovery key$")
	time.Sleep(800 * time.Millisecond)
	s.screenshot("dialog-recovery-key.png")
	s.xdo("windowfocus", "--sync", dlg)
	s.xdo("key", "Escape")
	deadline := time.Now().Add(10 * time.Second)
	for {
		search := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^Save your recovery key$")
		search.Env = append(os.Environ(), "DISPLAY="+s.display)
		out, _ := search.Output()
		if len(out) == 0 {
			break
		}
		if time.Now().After(deadline) {
			s.screenshot("dialog-not-closed.png")
			t.Fatal("Escape did not close the system's save dialog")
		}
		time.Sleep(200 * time.Millisecond)
	}
	if s.cmd.ProcessState != nil {
		t.Fatal("the app ended with the dialog")
	}

	// Cancelled: focus is back in the path, which takes a typed one.
	path := filepath.Join(t.TempDir(), "typed-recovery.txt")
	s.xdo("windowfocus", "--sync", id)
	s.xdo("key", "ctrl+a")
	s.xdo("type", "--delay", "10", path)
	s.xdo("key", "Return")
	deadline = time.Now().Add(10 * time.Second)
	for {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			break
		}
		if time.Now().After(deadline) {
			s.screenshot("recovery-typed-not-saved.png")
			t.Fatalf("the recovery key was not saved to the typed path %s; log:\n%s", path, s.log())
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	s.screenshot("recovery-saved-typed.png")
	if strings.Contains(s.log(), "shell scrolled") {
		t.Error("the page itself scrolled on the way to the recovery key")
	}
}

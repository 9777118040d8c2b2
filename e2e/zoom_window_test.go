//go:build e2e

package e2e

import (
	"regexp"
	"strconv"
	"testing"
	"time"
)

var layoutLine = regexp.MustCompile(`ui: layout" action=(\S+) area=(\w+) sidebar=(\S+) zoom=([\d.]+)`)

// TestEveryAreaAt200Percent zooms the production window to 200 % with the
// keyboard (Ctrl+= five times) at 1280x800, as someone who needs large text
// would, and opens every area: the page lays out in half the CSS pixels,
// the sidebar's entries stay whole, apart and in the window, and each
// area's main action can be reached (not cut at the sides, not under the
// sidebar, within what the area scrolls to). The level is kept for the
// next start. Screenshots of each area are left in artifacts/200-*.png.
func TestEveryAreaAt200Percent(t *testing.T) {
	parallelWindow(t)
	dir := onboarded(t)
	s := launch(t, startXvfb(t), dir, "PEERPLAYPAY_LOG=debug")
	s.waitReady()
	s.atOrigin()
	time.Sleep(300 * time.Millisecond)

	mark := s.mark()
	for range 5 {
		s.xdo("key", "ctrl+equal")
	}
	s.waitLine(mark, regexp.MustCompile(`ui: zoom" level=2$`), 10*time.Second)

	// Today comes last: it is showing already, and Ctrl+1 on the area
	// shown would log nothing new.
	areas := []string{"today", "logs", "goals", "growth", "team", "inbox", "session", "insights", "settings"}
	for _, i := range []int{1, 2, 3, 4, 5, 6, 7, 8, 0} {
		area := areas[i]
		mark := s.mark()
		s.xdo("key", "ctrl+"+strconv.Itoa(i+1))
		a := s.waitLine(mark, regexp.MustCompile(`ui: main action" area=`+area+` .*`), 20*time.Second)
		l := s.waitLine(mark, regexp.MustCompile(`ui: layout" .*area=`+area+` .*`), 5*time.Second)
		s.screenshot("200-" + area + ".png")
		// WebKit zooms as a browser does: the page sees half the window.
		if f := mainAction.FindStringSubmatch(a[0]); f == nil || f[5] != "400" {
			t.Errorf("%s at 200 %%: the page is not zoomed: %s", area, a[0])
		}
		if f := layoutLine.FindStringSubmatch(l[0]); f == nil || f[1] != "ok" || f[3] != "ok" || f[4] != "2" {
			t.Errorf("%s at 200 %%: %s (see artifacts/200-%s.png)", area, l[0], area)
		}
	}
	s.stop()

	// At the next start the window has its default size, 1100x720: the
	// page sees half of it.
	again := launch(t, s.display, dir, "PEERPLAYPAY_LOG=debug")
	again.waitReady()
	a := again.waitLine(0, regexp.MustCompile(`ui: main action" area=today .*`), 20*time.Second)
	if f := mainAction.FindStringSubmatch(a[0]); f == nil || f[5] != "360" {
		t.Errorf("the next start is not at 200 %%: %s", a[0])
	}
}

//go:build e2e

package e2e

import (
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

var (
	reminderShown   = regexp.MustCompile(`ui: reminder shown" name=reflection x=(\d+) y=(\d+)`)
	reminderChecked = regexp.MustCompile(`msg="reminders checked" sent=(\d+)`)
)

// TestReminderInWindow: with no notification service, the reflection's
// reminder, due on a fake clock, shows in the window above the area (the
// record button stays in view and uncovered at 800x600); its button opens
// Growth's reflection. Started again minimised, as at login, the app
// checks the reminders and does not send it twice; the next day it does.
func TestReminderInWindow(t *testing.T) {
	parallelWindow(t)
	dir := onboarded(t)
	// Only the reflection, every day, at 16:30; the clock says 16:31 today.
	for _, args := range [][]string{
		{"days-off", "none"}, {"set", "standup", "off"}, {"set", "checkin", "off"},
		{"set", "session-prep", "off"}, {"set", "session", "off"}, {"set", "reflection", "16:30"},
	} {
		if out, err := cli(t, append(append([]string{"reminders"}, args...), "--data-dir", dir)...); err != nil {
			t.Fatalf("reminders %v: %v\n%s", args, err, out)
		}
	}
	env := []string{"PEERPLAYPAY_REMINDERS=on", "PEERPLAYPAY_LOG=debug",
		"PEERPLAYPAY_TEST_NOW=" + time.Now().Format("2006-01-02") + " 16:31",
		// A session bus that is not there: no desktop notifications.
		"DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(t.TempDir(), "no-bus")}
	display := startXvfb(t)
	s := launch(t, display, dir, env...)
	s.waitReady()
	s.waitLine(0, regexp.MustCompile(`msg="reminder sent" name=reflection via=window`), 20*time.Second)
	id, _, _ := s.window()
	s.xdo("windowmove", "--sync", id, "0", "0")
	s.xdo("windowsize", "--sync", id, "1280", "800")
	s.xdo("windowfocus", "--sync", id)
	s.waitLine(0, reminderShown, 20*time.Second)
	time.Sleep(400 * time.Millisecond) // the resize's layout
	s.screenshot("reminder-1280x800.png")

	mark := s.mark()
	s.xdo("windowsize", "--sync", id, "800", "600")
	// The page says again where the reminder's button is, after the resize.
	at := s.waitLine(mark, reminderShown, 10*time.Second)
	x, _ := strconv.Atoi(at[1])
	y, _ := strconv.Atoi(at[2])
	mark = s.mark()
	s.xdo("key", "ctrl+2")
	s.waitLine(mark, regexp.MustCompile(`ui: main action" area=logs`), 20*time.Second)
	mark = s.mark()
	s.xdo("key", "ctrl+1")
	m := s.waitLine(mark, regexp.MustCompile(`ui: main action" area=today .*`), 20*time.Second)
	if f := mainAction.FindStringSubmatch(m[0]); f == nil || f[6] != "true" || f[4] != "true" {
		t.Errorf("Today at 800x600 with a reminder shown: %s", m[0])
	}
	s.screenshot("reminder-800x600.png")

	// Its button, pressed with the mouse where the page drew it.
	s.xdo("mousemove", "--window", id, strconv.Itoa(x), strconv.Itoa(y))
	mark = s.mark()
	s.xdo("click", "1")
	s.waitLine(mark, regexp.MustCompile(`ui: reminder opened" area=reflect`), 10*time.Second)
	s.waitLine(mark, regexp.MustCompile(`ui: main action" area=growth`), 20*time.Second)
	time.Sleep(300 * time.Millisecond)
	s.screenshot("reminder-opened-reflection.png")

	// Settings › Reminders, reached from the sections' links by keyboard.
	mark = s.mark()
	s.xdo("key", "ctrl+9")
	s.waitLine(mark, regexp.MustCompile(`ui: main action" area=settings`), 20*time.Second)
	s.xdo("key", "--delay", "60", "Tab", "Tab", "Tab", "Tab", "Tab", "Return")
	time.Sleep(400 * time.Millisecond)
	s.screenshot("reminder-settings-800x600.png")
	s.stop()

	// At login: minimised, the same day. The reminders are checked; the
	// reflection is not sent again.
	again := launchArgs(t, display, []string{"--data-dir", dir, "--minimised"}, env...)
	again.waitLine(0, regexp.MustCompile(`msg="starting minimised"`), 20*time.Second)
	if m := again.waitLine(0, reminderChecked, 20*time.Second); m[1] != "0" {
		t.Errorf("after a restart the same day, sent %s reminders again", m[1])
	}
	again.stop()

	// The next day, minimised: the reminder goes out without the window
	// being opened.
	env[2] = "PEERPLAYPAY_TEST_NOW=" + time.Now().AddDate(0, 0, 1).Format("2006-01-02") + " 16:31"
	next := launchArgs(t, display, []string{"--data-dir", dir, "--minimised"}, env...)
	next.waitLine(0, regexp.MustCompile(`msg="reminder sent" name=reflection via=window`), 20*time.Second)
}

//go:build e2e

package e2e

import (
	"encoding/json"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

var (
	barRecording = regexp.MustCompile(`ui: recorder bar" recording=true saved=\w+ shown=true`)
	barSaved     = regexp.MustCompile(`ui: recorder bar" recording=false saved=true`)
	recStarted   = regexp.MustCompile(`ui: recorder bar" recording=true`)
)

// onboarded makes a data folder with a profile, so the window opens on Today.
func onboarded(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := cli(t, "profile", "set", "--name", "Ada", "--data-dir", dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestTodayAt800x600 records in the smallest window while typing far down
// the table: the recorder's controls, and then its outcome, stay in view.
func TestTodayAt800x600(t *testing.T) {
	dataDir := onboarded(t)
	s := launch(t, startXvfb(t), dataDir, "PEERPLAYPAY_LOG=debug", "PEERPLAYPAY_SYNTHETIC_DEVICES=1")
	s.waitReady()
	id, _, _ := s.window()
	s.xdo("windowsize", "--sync", id, "800", "600")
	s.xdo("windowfocus", "--sync", id)
	time.Sleep(500 * time.Millisecond)

	// From the title of Today: the devices link, three buttons, then the
	// table's five answers; the last is "Where I need help".
	s.xdo("key", "ctrl+1")
	time.Sleep(300 * time.Millisecond)
	for range 9 {
		s.xdo("key", "Tab")
	}
	s.xdo("type", "--delay", "10", "a second pair of eyes")
	mark := s.mark()
	s.xdo("key", "ctrl+shift+r")
	s.waitLine(mark, barRecording, 20*time.Second)
	time.Sleep(1500 * time.Millisecond) // a preview frame and some seconds on the clock
	s.screenshot("today-800x600-recording.png")

	s.xdo("type", "--delay", "10", " on the parser")
	mark = s.mark()
	s.xdo("key", "ctrl+shift+r")
	s.waitLine(mark, barSaved, 20*time.Second)
	s.screenshot("today-800x600-saved.png")

	logs := listLogs(t, dataDir)
	if len(logs) != 1 || logs[0].Status != "ready" || logs[0].Kind != "video" {
		t.Fatalf("logs after recording in the small window: %+v", logs)
	}
	out, _ := cli(t, "logs", "show", "1", "--json", "--data-dir", dataDir)
	var e struct{ HelpNeeded string }
	json.Unmarshal(out, &e)
	if e.HelpNeeded != "a second pair of eyes on the parser" {
		t.Errorf("the table typed while recording was saved as %q", e.HelpNeeded)
	}
}

// recordingInWindow opens the window on dataDir with the synthetic devices
// and records for two seconds (Ctrl+Shift+R); the recording goes on.
func recordingInWindow(t *testing.T, display, dataDir string) (*session, string) {
	t.Helper()
	s := launch(t, display, dataDir, "PEERPLAYPAY_LOG=debug", "PEERPLAYPAY_SYNTHETIC_DEVICES=1")
	s.waitReady()
	id, _, _ := s.window()
	s.xdo("windowfocus", "--sync", id)
	mark := s.mark()
	s.xdo("key", "ctrl+shift+r")
	s.waitLine(mark, recStarted, 20*time.Second)
	time.Sleep(2 * time.Second)
	return s, id
}

// TestCloseWhileRecording closes the window as a window manager would while
// a recording runs: the app asks; Esc keeps recording, Enter stops, saves
// and quits.
func TestCloseWhileRecording(t *testing.T) {
	dataDir := onboarded(t)
	s, id := recordingInWindow(t, startXvfb(t), dataDir)

	asked := regexp.MustCompile(`close requested while recording`)
	mark := s.mark()
	s.askToClose(id)
	s.waitLine(mark, asked, 10*time.Second)
	time.Sleep(500 * time.Millisecond)
	s.screenshot("close-while-recording.png")
	s.xdo("key", "Escape") // keep recording
	time.Sleep(1500 * time.Millisecond)
	if s.cmd.ProcessState != nil || len(listLogs(t, dataDir)) != 0 {
		t.Fatal("Esc in the question closed the app or ended the recording")
	}

	mark = s.mark()
	s.askToClose(id)
	s.waitLine(mark, asked, 10*time.Second)
	time.Sleep(300 * time.Millisecond)
	s.xdo("key", "Return") // the focused answer: stop, save and quit
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("the app ended with %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("the app did not quit after stop, save and quit; log:\n%s", s.log())
	}
	logs := listLogs(t, dataDir)
	if len(logs) != 1 || logs[0].Status != "ready" || logs[0].DurationMs < 3000 {
		t.Fatalf("logs after quitting from the question: %+v", logs)
	}
}

// TestEndedWhileRecording ends the app (SIGTERM, as at logout) while it
// records: the recording is saved, and the next start says so.
func TestEndedWhileRecording(t *testing.T) {
	dataDir := onboarded(t)
	display := startXvfb(t)
	s, _ := recordingInWindow(t, display, dataDir)
	s.cmd.Process.Signal(syscall.SIGTERM)
	s.cmd.Wait()
	if logs := listLogs(t, dataDir); len(logs) != 1 || logs[0].Status != "ready" {
		t.Fatalf("logs after the app was ended while recording: %+v", logs)
	}

	again := launch(t, display, dataDir, "PEERPLAYPAY_LOG=debug")
	again.waitReady()
	again.waitLine(0, regexp.MustCompile(`telling what was saved as the last run closed`), 10*time.Second)
	time.Sleep(500 * time.Millisecond)
	again.screenshot("saved-on-close.png")
}

// TestSecondLaunch opens the window twice on one data folder: the second
// launch brings the first to the front and ends.
func TestSecondLaunch(t *testing.T) {
	dataDir := onboarded(t)
	display := startXvfb(t)
	s := launch(t, display, dataDir)
	s.waitReady()
	s.window()

	second := exec.Command(binary(t), "--data-dir", dataDir)
	second.Env = append(second.Environ(), "DISPLAY="+display)
	start := time.Now()
	out, err := second.CombinedOutput()
	if exitCode(err) != 0 || !strings.Contains(string(out), "already open") {
		t.Fatalf("second launch: exit %d\n%s", exitCode(err), out)
	}
	t.Logf("the second launch ended after %s", time.Since(start).Round(time.Millisecond))
	s.waitLine(0, regexp.MustCompile(`window brought to the front for a second launch`), 10*time.Second)
	if n := len(strings.Fields(s.xdo("search", "--onlyvisible", "--name", "^PeerPlayPay$"))); n != 1 {
		t.Errorf("%d windows are open; want 1", n)
	}
	if s.cmd.ProcessState != nil {
		t.Error("the first window ended")
	}
}

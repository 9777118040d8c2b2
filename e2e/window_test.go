//go:build e2e

// Package e2e drives the production binary in a real window under Xvfb with
// real keyboard input, and checks what landed in the real database.
package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// binary returns the app built by `make build`.
func binary(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("PEERPLAYPAY_BIN")
	if bin == "" {
		bin, _ = filepath.Abs("../build/bin/peerplaypay")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("no app binary at %s (%v): run `make build` first, or `make test`", bin, err)
	}
	return bin
}

// artifacts is where screenshots go, kept after the test for people to look at.
func artifacts(t *testing.T) string {
	dir, _ := filepath.Abs("artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// windowSlots lets two window tests run at once, beside the share's tests:
// each has its own X server and data folder and mostly waits on the app.
// The tests that measure playback speed or record in real time stay
// serial, as do those that pace keys by sleeping.
var windowSlots = make(chan struct{}, 2)

// parallelWindow marks t as a window test that may run beside others.
func parallelWindow(t *testing.T) {
	t.Parallel()
	windowSlots <- struct{}{}
	t.Cleanup(func() { <-windowSlots })
}

// startXvfb starts a private X server and returns its DISPLAY.
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start Xvfb (install it with `make setup-test`): %v", err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		t.Fatalf("Xvfb gave no display number: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}

// session is the app running in a window on display.
type session struct {
	t       *testing.T
	display string
	cmd     *exec.Cmd
	ready   chan int // start-up milliseconds the app logged

	mu    sync.Mutex
	lines []string // the app's log, line by line
}

var readyLine = regexp.MustCompile(`ui ready.*startupMs=(\d+)`)

// launch starts the production app on display with dataDir; env adds
// variables (PEERPLAYPAY_LOG=debug for the page's log). Reminders are off
// unless env turns them on (PEERPLAYPAY_REMINDERS=on): one showing up in
// the middle of a test about something else would move what it looks at.
func launch(t *testing.T, display, dataDir string, env ...string) *session {
	t.Helper()
	return launchArgs(t, display, []string{"--data-dir", dataDir}, env...)
}

// launchArgs starts the production app on display with args.
func launchArgs(t *testing.T, display string, args []string, env ...string) *session {
	t.Helper()
	s := &session{t: t, display: display, ready: make(chan int, 1)}
	s.cmd = exec.Command(binary(t), args...)
	s.cmd.Env = append(append(os.Environ(), "DISPLAY="+display, "PEERPLAYPAY_REMINDERS=off"), env...)
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			s.mu.Lock()
			s.lines = append(s.lines, line)
			s.mu.Unlock()
			if m := readyLine.FindStringSubmatch(line); m != nil {
				ms, _ := strconv.Atoi(m[1])
				select {
				case s.ready <- ms:
				default:
				}
			}
		}
	}()
	t.Cleanup(s.stop)
	return s
}

// log is the app's log so far.
func (s *session) log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.lines, "\n")
}

// mark is a position in the log, for waitLine to look after.
func (s *session) mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.lines)
}

// indexAfter is the index of the first line after mark that matches re, or -1.
func (s *session) indexAfter(mark int, re *regexp.Regexp) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := min(mark, len(s.lines)); i < len(s.lines); i++ {
		if re.MatchString(s.lines[i]) {
			return i
		}
	}
	return -1
}

// linesSince is the log's lines after mark that hold part, one a line.
func (s *session) linesSince(mark int, part string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, l := range s.lines[min(mark, len(s.lines)):] {
		if strings.Contains(l, part) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// waitLine waits for a log line after mark that matches re and returns its
// submatches.
func (s *session) waitLine(mark int, re *regexp.Regexp, timeout time.Duration) []string {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		s.mu.Lock()
		for _, l := range s.lines[min(mark, len(s.lines)):] {
			if m := re.FindStringSubmatch(l); m != nil {
				s.mu.Unlock()
				return m
			}
		}
		s.mu.Unlock()
		if time.Now().After(deadline) {
			s.screenshot("failed-" + strings.ReplaceAll(s.t.Name(), "/", "-") + ".png")
			s.t.Fatalf("no log line matching %q within %s; app log:\n%s", re, timeout, s.log())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// settledLine is waitLine's last match once no other has come for quiet:
// positions the page logs while it still scrolls are stale at once.
func (s *session) settledLine(mark int, re *regexp.Regexp, timeout, quiet time.Duration) []string {
	s.t.Helper()
	m := s.waitLine(mark, re, timeout)
	for {
		time.Sleep(quiet)
		s.mu.Lock()
		var last []string
		for _, l := range s.lines[min(mark, len(s.lines)):] {
			if f := re.FindStringSubmatch(l); f != nil {
				last = f
			}
		}
		s.mu.Unlock()
		if last[0] == m[0] {
			return m
		}
		m = last
	}
}

// waitReady waits until the frontend has rendered its first screen.
func (s *session) waitReady() int {
	s.t.Helper()
	select {
	case ms := <-s.ready:
		return ms
	case <-time.After(60 * time.Second):
		s.t.Fatalf("the window did not render within 60 s; app log:\n%s", s.log())
		return 0
	}
}

func (s *session) stop() {
	if s.cmd.ProcessState != nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

// xdo runs xdotool on the session's display.
func (s *session) xdo(args ...string) string {
	s.t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+s.display)
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("xdotool %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (s *session) screenshot(name string) string {
	s.t.Helper()
	path := filepath.Join(artifacts(s.t), name)
	cmd := exec.Command("import", "-window", "root", path)
	cmd.Env = append(os.Environ(), "DISPLAY="+s.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Fatalf("screenshot: %v\n%s", err, out)
	}
	s.t.Logf("screenshot: %s", path)
	return path
}

// cli runs a headless subcommand of the same binary.
func cli(t *testing.T, args ...string) ([]byte, error) {
	t.Helper()
	return exec.Command(binary(t), args...).Output()
}

type profile struct {
	MemberID, Name, Role, TeamName string
}

func TestOnboardingInWindow(t *testing.T) {
	parallelWindow(t)
	display := startXvfb(t)
	dataDir := t.TempDir()
	s := launch(t, display, dataDir)
	t.Logf("start-up to first screen: %d ms", s.waitReady())

	win := s.xdo("search", "--sync", "--onlyvisible", "--name", "^PeerPlayPay$")
	s.xdo("windowfocus", "--sync", strings.Fields(win)[0])
	time.Sleep(300 * time.Millisecond) // let the autofocus settle after the first paint

	// Real keystrokes: the name field has focus, Tab moves on, Return submits.
	s.xdo("type", "--delay", "15", "Ada Lovelace")
	s.xdo("key", "Tab")
	s.xdo("type", "--delay", "15", "Engineer")
	s.xdo("key", "Tab")
	s.xdo("type", "--delay", "15", "Analytical Engines")
	s.screenshot("onboarding-filled.png")
	s.xdo("key", "Return")

	var p profile
	deadline := time.Now().Add(15 * time.Second)
	for {
		out, err := cli(t, "profile", "show", "--json", "--data-dir", dataDir)
		if err == nil {
			if err := json.Unmarshal(out, &p); err != nil {
				t.Fatalf("profile show --json printed %q: %v", out, err)
			}
			break
		}
		if time.Now().After(deadline) {
			s.screenshot("onboarding-stuck.png")
			t.Fatalf("no profile in the database 15 s after pressing Return; app log:\n%s", s.log())
		}
		time.Sleep(200 * time.Millisecond)
	}
	if p.Name != "Ada Lovelace" || p.Role != "Engineer" || p.TeamName != "Analytical Engines" || len(p.MemberID) != 32 {
		t.Fatalf("stored profile = %+v", p)
	}
	time.Sleep(500 * time.Millisecond) // the shell replaces the form
	s.screenshot("shell-after-onboarding.png")
}

func TestDamagedDatabaseInWindow(t *testing.T) {
	parallelWindow(t)
	display := startXvfb(t)
	dataDir := t.TempDir()
	dbPath := filepath.Join(dataDir, "peerplaypay.db")
	damaged := bytes.Repeat([]byte("this was a database before the disk failed. "), 200)
	if err := os.WriteFile(dbPath, damaged, 0o600); err != nil {
		t.Fatal(err)
	}

	s := launch(t, display, dataDir)
	s.waitReady()
	time.Sleep(300 * time.Millisecond)
	s.screenshot("damaged-database.png")
	s.stop()

	if got, _ := os.ReadFile(dbPath); !bytes.Equal(got, damaged) {
		t.Fatal("the app changed the damaged database file")
	}
	if !strings.Contains(s.log(), "corrupt") {
		t.Errorf("the app did not report the damage; log:\n%s", s.log())
	}
	out, err := cli(t, "doctor", "--data-dir", dataDir)
	if code := exitCode(err); code != 1 || !bytes.Contains(out, []byte("damaged")) {
		t.Errorf("doctor exit %d, output:\n%s", code, out)
	}
}

func exitCode(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	} else if err != nil {
		panic(fmt.Sprint("run: ", err))
	}
	return 0
}

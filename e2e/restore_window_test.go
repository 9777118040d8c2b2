//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// backedUp makes a data folder with the CLI (a profile named name and n
// text logs) and backs it up with the CLI into file, with the passphrase
// in passFile when it is not "".
func backedUp(t *testing.T, name string, n int, file, passFile string) {
	t.Helper()
	dir := t.TempDir()
	mustCLI(t, "profile", "set", "--name", name, "--data-dir", dir)
	for i := range n {
		mustCLI(t, "logs", "add", "--done", name+"'s log "+strconv.Itoa(i+1), "--data-dir", dir)
	}
	args := []string{"backup", file, "--data-dir", dir}
	if passFile != "" {
		args = append(args, "--passphrase-file", passFile)
	}
	mustCLI(t, args...)
}

func mustCLI(t *testing.T, args ...string) []byte {
	t.Helper()
	out, err := exec.Command(binary(t), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("peerplaypay %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// profileName reads the profile of dir with the CLI.
func profileName(t *testing.T, dir string) string {
	t.Helper()
	var p profile
	if err := json.Unmarshal(mustCLI(t, "profile", "show", "--json", "--data-dir", dir), &p); err != nil {
		t.Fatal(err)
	}
	return p.Name
}

var (
	logsShown   = regexp.MustCompile(`ui: area rendered" area=logs ms=\d+ total=(\d+)`)
	restoreSaid = regexp.MustCompile(`ui: restore (checked|refused)" (.*)`)
	restoredMsg = regexp.MustCompile(`ui: message shown" id=restored`)
	lookedAt    = regexp.MustCompile(`ui: backup looked at" encrypted=(\w+)`)
)

// TestRestoreInWindow restores backups made by the CLI from Settings →
// Your data in the production window: a plain one chosen with the system's
// file dialog, then an encrypted one typed by hand, whose passphrase is
// asked once the file is known; a wrong passphrase changes nothing, the
// right one does. Each time the window asks before replacing, reloads onto
// the backup's data and says where the data from before is kept, whole.
func TestRestoreInWindow(t *testing.T) {
	parallelWindow(t)
	backups := t.TempDir()
	plain := filepath.Join(backups, "grace.tar")
	backedUp(t, "Grace Hopper", 3, plain, "")
	pass := filepath.Join(backups, "passphrase.txt")
	os.WriteFile(pass, []byte("correct horse battery\n"), 0o600)
	enc := filepath.Join(backups, "linus.tar")
	backedUp(t, "Linus Torvalds", 5, enc, pass)

	parent := t.TempDir()
	dir := filepath.Join(parent, "data")
	mustCLI(t, "profile", "set", "--name", "Ada", "--data-dir", dir)
	mustCLI(t, "logs", "add", "--done", "only in the data from before", "--data-dir", dir)

	s := launch(t, startXvfb(t), dir, "PEERPLAYPAY_LOG=debug")
	s.waitReady()
	id, _, _ := s.window()
	s.xdo("windowfocus", "--sync", id)
	time.Sleep(500 * time.Millisecond)

	logsTotal := func(want int) {
		t.Helper()
		mark := s.mark()
		s.xdo("key", "ctrl+2")
		m := s.waitLine(mark, logsShown, 20*time.Second)
		if m[1] != strconv.Itoa(want) {
			s.screenshot("restore-logs-" + m[1] + ".png")
			t.Fatalf("Logs shows %s logs; want %d", m[1], want)
		}
	}
	// toRestoreFile goes to Settings → Your data, then to the path of the
	// backup to restore.
	toRestoreFile := func() {
		t.Helper()
		mark := s.mark()
		s.xdo("key", "ctrl+9")
		s.waitLine(mark, regexp.MustCompile(`ui: main action" area=settings`), 20*time.Second)
		time.Sleep(300 * time.Millisecond)
		// The section links: Profile, Recording, Team share, Notifications,
		// Reminders, Your data.
		for range 6 {
			s.xdo("key", "Tab")
		}
		s.xdo("key", "Return")
		// Back up (path, Browse, Encrypt, Back up now), Export (path,
		// Browse, Export), then the backup to restore.
		for range 8 {
			s.xdo("key", "Tab")
		}
	}
	// outcome presses Return where the focus is (the restore form) and
	// returns what the form said: "checked" with what it read, or
	// "refused" with why.
	outcome := func(shot string) (string, string) {
		t.Helper()
		mark := s.mark()
		s.xdo("key", "Return")
		m := s.waitLine(mark, restoreSaid, 60*time.Second)
		time.Sleep(300 * time.Millisecond)
		s.screenshot(shot)
		return m[1], m[2]
	}
	// confirm answers the question before replacing: the focus starts on
	// "Keep my data"; Tab, Return replaces. It returns once the page has
	// reloaded onto the restored data.
	confirm := func(name string) {
		t.Helper()
		time.Sleep(500 * time.Millisecond)
		s.screenshot(name + "-confirm.png")
		mark := s.mark()
		s.xdo("key", "Tab")
		s.xdo("key", "Return")
		s.waitLine(mark, restoredMsg, 30*time.Second)
		time.Sleep(500 * time.Millisecond)
		s.screenshot(name + "-restored.png")
	}

	logsTotal(1)

	// The plain backup, chosen in the system's dialog.
	toRestoreFile()
	mark := s.mark()
	s.xdo("key", "Tab") // Browse…
	s.xdo("key", "Return")
	dlg := waitShown(t, s, "^Choose the backup to restore$")
	time.Sleep(800 * time.Millisecond)
	s.xdo("windowfocus", "--sync", dlg)
	// The location field, emptied, takes the typed path whole.
	s.xdo("key", "ctrl+l")
	time.Sleep(400 * time.Millisecond)
	s.xdo("key", "ctrl+a")
	s.xdo("type", "--delay", "10", plain)
	time.Sleep(300 * time.Millisecond)
	s.screenshot("restore-dialog-plain.png")
	// The first Return goes to the file's folder and selects it; the next
	// one opens it.
	s.xdo("key", "Return")
	time.Sleep(700 * time.Millisecond)
	if visible(s, "^Choose the backup to restore$") {
		s.xdo("windowfocus", "--sync", dlg)
		s.xdo("key", "Return")
	}
	waitGone(t, s, "^Choose the backup to restore$")
	s.xdo("windowfocus", "--sync", id)
	if m := s.waitLine(mark, lookedAt, 20*time.Second); m[1] != "false" {
		t.Fatalf("the plain backup: %s", m[0])
	}
	// The focus is back in the path, now the chosen one: past Browse… to
	// Restore….
	s.xdo("key", "Tab")
	s.xdo("key", "Tab")
	if said, what := outcome("restore-plain-checked.png"); said != "checked" || !strings.Contains(what, "encrypted=false") {
		t.Fatalf("the plain backup: %s %s", said, what)
	}
	confirm("restore-plain")
	logsTotal(3)
	if got := profileName(t, dir); got != "Grace Hopper" {
		t.Errorf("after restoring Grace's backup the profile is %q", got)
	}

	// The encrypted backup, its path typed: the passphrase is asked once
	// the file is known to be encrypted.
	toRestoreFile()
	mark = s.mark()
	s.xdo("type", "--delay", "10", enc)
	if m := s.waitLine(mark, lookedAt, 20*time.Second); m[1] != "true" {
		t.Fatalf("the encrypted backup: %s", m[0])
	}
	time.Sleep(300 * time.Millisecond)
	s.xdo("key", "Tab") // Browse…
	s.xdo("key", "Tab") // the passphrase, asked now
	s.xdo("type", "--delay", "10", "wrong horse battery")
	if said, what := outcome("restore-wrong-passphrase.png"); said != "refused" || !strings.Contains(what, "field=passphrase") {
		t.Fatalf("a wrong passphrase: %s %s", said, what)
	}
	if got := profileName(t, dir); got != "Grace Hopper" {
		t.Fatalf("a wrong passphrase changed the data: the profile is %q", got)
	}
	// The focus is back in the passphrase: the right one replaces it.
	s.xdo("key", "ctrl+a")
	s.xdo("type", "--delay", "10", "correct horse battery")
	if said, what := outcome("restore-encrypted-checked.png"); said != "checked" || !strings.Contains(what, "encrypted=true") {
		t.Fatalf("the right passphrase: %s %s", said, what)
	}
	confirm("restore-encrypted")
	logsTotal(5)
	s.stop()

	if got := profileName(t, dir); got != "Linus Torvalds" {
		t.Errorf("after restoring Linus's backup the profile is %q", got)
	}
	// Nothing was lost: each restore kept the data it replaced, whole.
	asides, _ := filepath.Glob(dir + "-before-restore-*")
	names := map[string]bool{}
	for _, a := range asides {
		names[profileName(t, a)] = true
	}
	if len(asides) != 2 || !names["Ada"] || !names["Grace Hopper"] {
		t.Errorf("the data kept aside: %v with profiles %v; want Ada's and Grace's", asides, names)
	}
	if out := mustCLI(t, "logs", "list", "--data-dir", asideOf(t, asides, "Ada")); !strings.Contains(string(out), "only in the data from before") {
		t.Errorf("Ada's log is not in the data kept aside:\n%s", out)
	}
	if entries, _ := filepath.Glob(filepath.Join(parent, ".peerplaypay-restore-*")); len(entries) > 0 {
		t.Errorf("restores left %v beside the data folder", entries)
	}
}

// asideOf is the folder among asides whose profile is name.
func asideOf(t *testing.T, asides []string, name string) string {
	t.Helper()
	for _, a := range asides {
		if profileName(t, a) == name {
			return a
		}
	}
	t.Fatalf("no folder aside holds %s's data", name)
	return ""
}

// visible reports whether a visible window's name matches name.
func visible(s *session, name string) bool {
	search := exec.Command("xdotool", "search", "--onlyvisible", "--name", name)
	search.Env = append(os.Environ(), "DISPLAY="+s.display)
	out, _ := search.Output()
	return len(out) > 0
}

// waitShown waits for a visible window whose name matches name, and
// returns its id; a dialog that never opens fails the test, not hangs it.
func waitShown(t *testing.T, s *session, name string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		search := exec.Command("xdotool", "search", "--onlyvisible", "--name", name)
		search.Env = append(os.Environ(), "DISPLAY="+s.display)
		if out, _ := search.Output(); len(out) > 0 {
			return strings.Fields(string(out))[0]
		}
		if time.Now().After(deadline) {
			s.screenshot("dialog-not-shown.png")
			t.Fatalf("the dialog %s did not open", name)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// waitGone waits until no visible window's name matches name.
func waitGone(t *testing.T, s *session, name string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for visible(s, name) {
		if time.Now().After(deadline) {
			s.screenshot("dialog-not-closed.png")
			t.Fatalf("the dialog %s did not close", name)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

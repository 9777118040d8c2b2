package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peerplaypay/internal/cli"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// run runs a command line against a fresh Env and returns exit code and output.
func run(t *testing.T, media func(context.Context) []peerplaypay.Check, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &cli.Env{Version: "1.2.3", Stdout: &stdout, Stderr: &stderr, MediaChecks: media, BackupWorkFactor: testWorkFactor}
	code := cli.Run(context.Background(), env, args)
	return code, stdout.String(), stderr.String()
}

// healthyMedia stands in for a machine whose codecs work, so these tests
// are about the storage checks; the media package tests its own probe.
func healthyMedia(context.Context) []peerplaypay.Check {
	return []peerplaypay.Check{{Name: "codecs", Status: peerplaypay.CheckOK, Detail: "VP8 and Opus encode"}}
}

func TestIsCommand(t *testing.T) {
	for args, want := range map[string]bool{
		"":                          false,
		"doctor":                    true,
		"--data-dir /x profile":     true,
		"--data-dir=/x version":     true,
		"--data-dir /x":             false, // the window, in that folder
		"--minimised --data-dir /x": false, // the window, minimised (start at login)
		"--minimised":               false,
		"--help":                    true,
		"--some-window-flag doctor": true, // unknown: said so, no window
		"frobnicate":                true,
	} {
		if got := cli.IsCommand(strings.Fields(args)); got != want {
			t.Errorf("IsCommand(%q) = %v; want %v", args, got, want)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	code, out, errOut := run(t, nil, "frobnicate")
	if code != 2 || out != "" || !strings.Contains(errOut, `unknown command "frobnicate"`) || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("exit %d, stdout %q, stderr %q; want exit 2 and one line naming the command", code, out, errOut)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := run(t, nil, "version")
	if code != 0 || out != "peerplaypay 1.2.3\n" {
		t.Fatalf("version: %d %q", code, out)
	}
}

func TestProfile(t *testing.T) {
	t.Run("ErrNoneYet", func(t *testing.T) {
		code, _, errOut := run(t, nil, "profile", "show", "--data-dir", t.TempDir())
		if code != 1 || !strings.Contains(errOut, "No profile yet") {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
	})

	t.Run("SetThenShowJSONWithGlobalFlag", func(t *testing.T) {
		dir := t.TempDir()
		if code, _, errOut := run(t, nil, "profile", "set", "--data-dir", dir, "--name", "Ada", "--role", "Engineer", "--team", "Engines"); code != 0 {
			t.Fatalf("set: exit %d: %s", code, errOut)
		}
		code, out, errOut := run(t, nil, "--data-dir", dir, "profile", "show", "--json")
		if code != 0 {
			t.Fatalf("show: exit %d: %s", code, errOut)
		}
		var p peerplaypay.Profile
		if err := json.Unmarshal([]byte(out), &p); err != nil {
			t.Fatalf("not JSON: %q", out)
		}
		if p.Name != "Ada" || p.Role != "Engineer" || p.TeamName != "Engines" {
			t.Fatalf("profile = %+v", p)
		}
	})

	t.Run("EnvDataDir", func(t *testing.T) {
		dir := t.TempDir()
		t.Setenv("PEERPLAYPAY_HOME", dir)
		if code, _, errOut := run(t, nil, "profile", "set", "--name", "Grace"); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if _, err := os.Stat(filepath.Join(dir, sqlite.FileName)); err != nil {
			t.Fatalf("PEERPLAYPAY_HOME not used: %v", err)
		}
	})

	t.Run("ErrEmptyName", func(t *testing.T) {
		dir := t.TempDir()
		code, _, errOut := run(t, nil, "profile", "set", "--data-dir", dir, "--name", "  ")
		if code != 1 || !strings.Contains(errOut, "Please enter your name") {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
	})

	t.Run("ErrUsage", func(t *testing.T) {
		if code, _, _ := run(t, nil, "profile", "delete"); code != 2 {
			t.Errorf("unknown sub-command: exit %d; want 2", code)
		}
		if code, _, _ := run(t, nil, "profile", "show", "--bogus"); code != 2 {
			t.Errorf("unknown flag: exit %d; want 2", code)
		}
		if code, _, errOut := run(t, nil, "frobnicate"); code != 2 || !strings.Contains(errOut, "peerplaypay help") {
			t.Errorf("unknown command: exit %d, %q", code, errOut)
		}
	})
}

func TestDoctor(t *testing.T) {
	t.Run("OKFreshFolder", func(t *testing.T) {
		dir := t.TempDir()
		t.Setenv("DISPLAY", ":0")
		code, out, _ := run(t, healthyMedia, "doctor", "--data-dir", dir)
		if code != 0 || !strings.Contains(out, "No problems found") || !strings.Contains(out, dir) {
			t.Fatalf("exit %d:\n%s", code, out)
		}
		if _, err := os.Stat(filepath.Join(dir, sqlite.FileName)); err == nil {
			t.Error("doctor created a database; it should only look")
		}
	})

	t.Run("ErrCorruptDatabase", func(t *testing.T) {
		dir := t.TempDir()
		damaged := bytes.Repeat([]byte("no database here "), 300)
		os.WriteFile(filepath.Join(dir, sqlite.FileName), damaged, 0o600)
		code, out, _ := run(t, healthyMedia, "doctor", "--json", "--data-dir", dir)
		var report struct {
			OK     bool
			Checks []peerplaypay.Check
		}
		if err := json.Unmarshal([]byte(out), &report); err != nil {
			t.Fatalf("not JSON: %q", out)
		}
		if code != 1 || report.OK || !hasCheck(report.Checks, "database", peerplaypay.CheckFail, "damaged") {
			t.Fatalf("exit %d, report %+v", code, report)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, sqlite.FileName)); !bytes.Equal(got, damaged) {
			t.Error("doctor changed the damaged file")
		}
	})

	t.Run("ErrUnwritableFolder", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		os.WriteFile(file, nil, 0o600)
		code, out, _ := run(t, healthyMedia, "doctor", "--data-dir", filepath.Join(file, "data"))
		if code != 1 || !strings.Contains(out, "cannot be written") || !strings.Contains(out, "--data-dir") {
			t.Fatalf("exit %d:\n%s", code, out)
		}
	})

	t.Run("ErrMissingCodec", func(t *testing.T) {
		missing := func(context.Context) []peerplaypay.Check {
			return []peerplaypay.Check{{Name: "codecs", Status: peerplaypay.CheckFail, Detail: "libvpx missing", Fix: "apt-get install libvpx-dev"}}
		}
		code, out, _ := run(t, missing, "doctor", "--data-dir", t.TempDir())
		if code != 1 || !strings.Contains(out, "fix: apt-get install libvpx-dev") {
			t.Fatalf("exit %d:\n%s", code, out)
		}
	})
}

func hasCheck(checks []peerplaypay.Check, name string, status peerplaypay.CheckStatus, detail string) bool {
	for _, c := range checks {
		if c.Name == name && c.Status == status && strings.Contains(c.Detail, detail) {
			return true
		}
	}
	return false
}

func TestLogs(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := run(t, nil, "logs", "add", "--data-dir", dir, "--done", "Reviewed the onboarding copy", "--help-needed", "a native speaker", "--mood", "3")
	if code != 0 {
		t.Fatalf("logs add: exit %d: %s", code, errOut)
	}
	id := strings.TrimSpace(out)

	code, out, _ = run(t, nil, "logs", "show", id, "--json", "--data-dir", dir)
	var e peerplaypay.LogEntry
	if code != 0 || json.Unmarshal([]byte(out), &e) != nil || e.Kind != peerplaypay.LogText || e.HelpNeeded != "a native speaker" || e.Mood != 3 {
		t.Fatalf("logs show: exit %d, %q", code, out)
	}
	code, out, _ = run(t, nil, "logs", "list", "--query", "onboard", "--data-dir", dir)
	if code != 0 || !strings.Contains(out, "Reviewed the onboarding copy") {
		t.Errorf("logs list --query: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{
		{"logs", "add", "--data-dir", dir},                               // nothing said
		{"logs", "add", "--data-dir", dir, "--done", "x", "--mood", "9"}, // out of range
	} {
		if code, _, errOut := run(t, nil, args...); code != 1 || errOut == "" {
			t.Errorf("%v: exit %d, %q; want 1 with a message", args, code, errOut)
		}
	}
	if code, _, errOut := run(t, nil, "logs", "show", "999", "--data-dir", dir); code != 1 || !strings.Contains(errOut, "no log number 999") {
		t.Errorf("show missing: %d %q", code, errOut)
	}
	if code, _, _ := run(t, nil, "logs", "show", "abc", "--data-dir", dir); code != 2 {
		t.Errorf("show abc: exit %d; want 2", code)
	}
	if code, _, _ := run(t, nil, "logs", "delete", id, "--data-dir", dir); code != 0 {
		t.Errorf("delete: exit %d", code)
	}
	if code, _, _ := run(t, nil, "logs", "show", id, "--data-dir", dir); code != 1 {
		t.Errorf("show after delete: exit %d", code)
	}
}

// TestFlagsAndHelp: the flags are read as before (one dash still works),
// a wrong one is named in words, and every level answers --help.
func TestFlagsAndHelp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if code, _, errOut := run(t, nil, "profile", "set", "-name", "Ada", "-data-dir="+dir); code != 0 {
		t.Fatalf("one-dash flags: exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, nil, "-data-dir", dir, "profile", "show", "-json")
	if code != 0 || !strings.Contains(out, `"name": "Ada"`) {
		t.Fatalf("one-dash --json: exit %d, %q, %q", code, out, errOut)
	}
	// A value that starts with a dash stays the value of its flag.
	code, out, _ = run(t, nil, "logs", "add", "--done", "-json", "--data-dir", dir)
	if code != 0 {
		t.Fatalf("logs add --done -json: exit %d", code)
	}
	_, shown, _ := run(t, nil, "logs", "show", strings.TrimSpace(out), "--json", "--data-dir", dir)
	if !strings.Contains(shown, `"done": "-json"`) {
		t.Errorf("--done -json kept %q", shown)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"record", "--seconds", "ten"}, `peerplaypay record: --seconds "ten" is not a number`},
		{[]string{"logs", "list", "--limit", "2.5"}, `peerplaypay logs list: --limit "2.5" is not a whole number`},
		{[]string{"logs", "list", "--json=maybe"}, "write --json alone, or --json=false"},
		{[]string{"logs", "list", "--bogus"}, "peerplaypay logs list: unknown flag: --bogus"},
		{[]string{"logs", "list", "-x"}, "unknown flag: -x (flags are written with two dashes"},
		{[]string{"logs", "frob"}, "peerplaypay logs: unknown `logs frob`; want list, add, show"},
		{[]string{"team", "settings"}, "peerplaypay team settings: want `team settings show|set`"},
		{[]string{"comment", "add", "3"}, "peerplaypay comment add: want `comment add LOG \"text\" [--at 1:23] [--reply ID]`"},
	} {
		code, out, errOut := run(t, nil, append(c.args, "--data-dir", dir)...)
		if code != 2 || out != "" || !strings.Contains(errOut, c.want) || !strings.HasSuffix(errOut, "Run `peerplaypay help` for usage.\n") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 saying %q", c.args, code, out, errOut, c.want)
		}
	}
	if code, _, errOut := run(t, nil, "profil"); code != 2 || !strings.Contains(errOut, `(did you mean "profile"?)`) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("mistyped command: exit %d, %q", code, errOut)
	}

	for _, args := range [][]string{{"--help"}, {"help"}, {"-h"}, {"help", "team", "settings"}, {"team", "settings", "set", "--help"}, {"logs", "-help"}} {
		code, out, errOut := run(t, nil, args...)
		if code != 0 || errOut != "" || !strings.Contains(out, "Usage:") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	if _, out, _ := run(t, nil, "help"); !strings.Contains(out, "Without a command, the app window opens") || !strings.Contains(out, "reflect") {
		t.Errorf("help lacks the overview:\n%s", out)
	}
	if _, out, _ := run(t, nil, "team", "settings", "set", "--help"); !strings.Contains(out, "peerplaypay team settings set KEY VALUE") || !strings.Contains(out, "retention.months") {
		t.Errorf("team settings set --help:\n%s", out)
	}
	if code, _, errOut := run(t, nil, "help", "frobnicate"); code != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("help frobnicate: exit %d, %q", code, errOut)
	}
}

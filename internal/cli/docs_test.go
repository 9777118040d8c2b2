package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The Linux package ships these files as committed: a command added to the
// table must reach them.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	t.Parallel()
	for name, write := range GeneratedFiles() {
		var want bytes.Buffer
		if err := write(&want); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("..", "..", "build", "linux", name))
		if err != nil {
			t.Fatalf("%v; run `go generate ./internal/cli`", err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("build/linux/%s is out of date with the command table; run `go generate ./internal/cli`", name)
		}
	}
}

func TestDocsFollowTheTable(t *testing.T) {
	t.Parallel()
	docs := map[string]CommandDoc{}
	for _, d := range Docs() {
		docs[d.Name] = d
	}
	for _, c := range commands() {
		if _, ok := docs[c.name]; !ok {
			t.Errorf("command %s has no doc", c.name)
		}
	}
	for _, tc := range []struct {
		cmd, sub  string
		want      []string
		notWanted []string
	}{
		{cmd: "profile", want: []string{"show", "set"}},
		{cmd: "team", want: []string{"create", "join", "settings", "cause", "agreements", "leave"}, notWanted: []string{"on"}},
		{cmd: "team", sub: "settings", want: []string{"show", "set"}},
		{cmd: "assessments", want: []string{"list", "share", "unshare", "team"}},
		// Description lines that start with the command's name are no sub-commands.
		{cmd: "record", notWanted: []string{"a"}},
		{cmd: "comment", want: []string{"add", "edit", "delete"}, notWanted: []string{"on"}},
		{cmd: "help", notWanted: []string{"show"}},
	} {
		got := docs[tc.cmd].Subs
		if tc.sub != "" {
			got = docs[tc.cmd].SubSubs[tc.sub]
		}
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s %s: sub-commands %v lack %q", tc.cmd, tc.sub, got, w)
			}
		}
		for _, w := range tc.notWanted {
			if slices.Contains(got, w) {
				t.Errorf("%s %s: sub-commands %v hold %q, a word of a description", tc.cmd, tc.sub, got, w)
			}
		}
	}
	if d := docs["record"]; !slices.Contains(d.Flags, "seconds") || slices.Contains(d.Flags, "data-dir") {
		t.Errorf("record's flags = %v, want --seconds and not the global --data-dir", d.Flags)
	}
	if d := docs["version"]; d.Summary != "print the version" {
		t.Errorf("version's summary = %q", d.Summary)
	}
}

func TestManPageHasNoWarnings(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("man"); err != nil {
		t.Skip("man is not installed (Debian: man-db)")
	}
	path := filepath.Join("..", "..", "build", "linux", "peerplaypay.1")
	cmd := exec.Command("man", "--warnings", "-l", path)
	cmd.Env = append(os.Environ(), "MANWIDTH=80", "MANPAGER=cat", "PAGER=cat")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("man: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("man warns:\n%s", stderr.String())
	}
	for _, c := range commands() {
		if !strings.Contains(string(out), c.name) {
			t.Errorf("the man page does not name %s", c.name)
		}
	}
}

// complete runs a shell's completion for what was typed after
// "peerplaypay " and returns the words it offers.
func complete(t *testing.T, shell, typed string) []string {
	t.Helper()
	if _, err := exec.LookPath(shell); err != nil {
		t.Skipf("%s is not installed", shell)
	}
	dir := filepath.Join("..", "..", "build", "linux", "completions")
	var cmd *exec.Cmd
	switch shell {
	case "bash":
		words := strings.Fields(typed)
		if typed == "" || strings.HasSuffix(typed, " ") {
			words = append(words, "")
		}
		script := `source "$1"; shift; COMP_WORDS=(peerplaypay "$@"); COMP_CWORD=$#; _peerplaypay; printf '%s\n' "${COMPREPLY[@]}"`
		cmd = exec.Command("bash", append([]string{"-c", script, "bash", filepath.Join(dir, "peerplaypay.bash")}, words...)...)
	case "fish":
		cmd = exec.Command("fish", "--no-config", "-c", `source $argv[1]; complete -C "peerplaypay $argv[2]"`, filepath.Join(dir, "peerplaypay.fish"), typed)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s completion of %q: %v\n%s", shell, typed, err, out)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		word, _, _ := strings.Cut(line, "\t") // fish adds a tab and the description
		got = append(got, word)
	}
	return got
}

func TestCompletions(t *testing.T) {
	t.Parallel()
	for _, shell := range []string{"bash", "fish"} {
		t.Run(shell, func(t *testing.T) {
			t.Parallel()
			for _, tc := range []struct {
				typed     string
				want      []string
				notWanted []string
			}{
				{typed: "pro", want: []string{"profile"}, notWanted: []string{"team"}},
				{typed: "", want: []string{"version", "doctor", "team", "help"}},
				{typed: "team ", want: []string{"create", "settings"}},
				{typed: "--data-dir somewhere team settings ", want: []string{"show", "set"}, notWanted: []string{"create"}},
				// peers has a logs sub-command: logs' own words are not offered.
				{typed: "peers ", want: []string{"logs", "watch", "fetch"}, notWanted: []string{"list", "add"}},
				{typed: "record --sec", want: []string{"--seconds"}},
			} {
				got := complete(t, shell, tc.typed)
				for _, w := range tc.want {
					if !slices.Contains(got, w) {
						t.Errorf("%q<Tab> offers %v, without %q", tc.typed, got, w)
					}
				}
				for _, w := range tc.notWanted {
					if slices.Contains(got, w) {
						t.Errorf("%q<Tab> offers %v, with %q", tc.typed, got, w)
					}
				}
			}
		})
	}
	t.Run("zsh", func(t *testing.T) {
		t.Parallel()
		if _, err := exec.LookPath("zsh"); err != nil {
			t.Skip("zsh is not installed")
		}
		out, err := exec.Command("zsh", "-n", filepath.Join("..", "..", "build", "linux", "completions", "_peerplaypay")).CombinedOutput()
		if err != nil {
			t.Errorf("zsh -n: %v\n%s", err, out)
		}
	})
}

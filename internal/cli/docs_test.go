package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// The Linux package ships these files as committed: a command added to the
// tree must reach them.
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
			t.Errorf("build/linux/%s is out of date with the command tree; run `go generate ./internal/cli`", name)
		}
	}
}

// TestEveryCommandHasHelp walks the command tree: each command and
// sub-command says what it does and answers --help on stdout.
func TestEveryCommandHasHelp(t *testing.T) {
	t.Parallel()
	root := docsRoot()
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		for _, s := range c.Commands() {
			if !s.IsAvailableCommand() {
				continue
			}
			n++
			if s.Short == "" {
				t.Errorf("%s says nothing of what it does", s.CommandPath())
			}
			path := strings.Fields(s.CommandPath())[1:]
			var stdout, stderr bytes.Buffer
			code := Run(context.Background(), &Env{Stdout: &stdout, Stderr: &stderr}, append(path, "--help"))
			if code != 0 || stderr.Len() > 0 || !strings.Contains(stdout.String(), "Usage:\n  "+s.CommandPath()) {
				t.Errorf("%s --help: exit %d, stdout %q, stderr %q", s.CommandPath(), code, stdout.String(), stderr.String())
			}
			walk(s)
		}
	}
	walk(root)
	if n < 100 {
		t.Errorf("walked %d commands; the tree has more than 100", n)
	}
	for path, want := range map[string][]string{
		"profile":       {"show", "set"},
		"team":          {"create", "join", "settings", "cause", "agreements", "leave", "usage"},
		"team settings": {"show", "set"},
		"assessments":   {"list", "share", "unshare", "team"},
		"comment":       {"add", "edit", "delete"},
		"logs":          {"list", "add", "show", "edit", "keep", "delete", "pin", "unpin", "help-offer", "help-accept"},
	} {
		c, _, err := root.Find(strings.Fields(path))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range c.Commands() {
			got = append(got, s.Name())
		}
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: sub-commands %v lack %q", path, got, w)
			}
		}
	}
	record, _, _ := root.Find([]string{"record"})
	if record.LocalFlags().Lookup("seconds") == nil || record.LocalFlags().Lookup("data-dir") != nil {
		t.Errorf("record's own flags should hold --seconds and not the global --data-dir")
	}
	if version, _, _ := root.Find([]string{"version"}); version.Short != "print the version" {
		t.Errorf("version's summary = %q", version.Short)
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
	for _, c := range docsRoot().Commands() {
		if c.IsAvailableCommand() && !strings.Contains(string(out), c.Name()) {
			t.Errorf("the man page does not name %s", c.Name())
		}
	}
	// Sub-commands and their flags are there too.
	page := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"peerplaypay logs add --done T", "peerplaypay team settings set KEY VALUE", "--seconds float"} {
		if !strings.Contains(page, want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
}

// complete runs a shell's completion for what was typed after
// "peerplaypay " and returns the words it offers. The completions ask the
// program itself (`peerplaypay __complete`): here, this test binary, run
// as the CLI by TestMain under the name peerplaypay.
func complete(t *testing.T, shell, typed string) []string {
	t.Helper()
	if _, err := exec.LookPath(shell); err != nil {
		t.Skipf("%s is not installed", shell)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	if err := os.Symlink(self, filepath.Join(bin, "peerplaypay")); err != nil {
		t.Fatal(err)
	}
	dir, err := filepath.Abs(filepath.Join("..", "..", "build", "linux", "completions"))
	if err != nil {
		t.Fatal(err)
	}
	var cmd *exec.Cmd
	switch shell {
	case "bash":
		words := strings.Fields(typed)
		if typed == "" || strings.HasSuffix(typed, " ") {
			words = append(words, "")
		}
		// Without the bash-completion package, a stand-in for its word
		// splitter: the words as given.
		script := `[[ -r /usr/share/bash-completion/bash_completion ]] && source /usr/share/bash-completion/bash_completion
compopt() { :; } # works only inside a completion that bash started
declare -F _get_comp_words_by_ref >/dev/null || _get_comp_words_by_ref() { cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; }
source "$1"; shift; COMP_WORDS=(peerplaypay "$@"); COMP_CWORD=$#; COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMP_TYPE=9
__start_peerplaypay; printf '%s\n' "${COMPREPLY[@]}"`
		cmd = exec.Command("bash", append([]string{"-c", script, "bash", filepath.Join(dir, "peerplaypay.bash")}, words...)...)
	case "fish":
		cmd = exec.Command("fish", "--no-config", "-c", `source $argv[1]; complete -C "peerplaypay $argv[2]"`, filepath.Join(dir, "peerplaypay.fish"), typed)
	}
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "PEERPLAYPAY_CLI_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s completion of %q: %v\n%s", shell, typed, err, out)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		// fish adds a tab and the description, bash spaces and the
		// description in brackets.
		if f := strings.Fields(line); len(f) > 0 {
			got = append(got, f[0])
		}
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

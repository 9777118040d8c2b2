package cli

// The man page and the shell completions are written from the command
// tree, so that a command added there reaches them with `go generate`
// (and a test fails until it has).

//go:generate go run ./gendocs -out ../../build/linux

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/datadir"
)

// docsRoot is the command tree as the docs see it: no data is touched
// building it.
func docsRoot() *cobra.Command {
	root := newRoot(&Env{Stdout: io.Discard, Stderr: io.Discard})
	root.InitDefaultHelpCmd() // help is a command too
	return root
}

// roff escapes text for a man page line.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// WriteManPage writes peerplaypay(1) in roff: one page, every command
// with its synopsis, what it does and its flags.
func WriteManPage(w io.Writer) error {
	var b strings.Builder
	b.WriteString(`.\" Generated from the command tree by go generate ./internal/cli; do not edit.
.TH PEERPLAYPAY 1 "" PeerPlayPay "User Commands"
.SH NAME
peerplaypay \- daily stand\-up blogs, goals and thanks for small teams
.SH SYNOPSIS
.B peerplaypay
.RB [ \-\-data\-dir
.IR DIR ]
.RI [ command ]
.SH DESCRIPTION
PeerPlayPay keeps a team's daily video stand\-ups, goals, growth and thanks.
Without a command, the app window opens.
With one, it runs without a window, over the same data.
Every command and sub\-command explains itself with \-\-help.
.SH OPTIONS
.TP
.BI \-\-data\-dir " DIR"
The data folder.
.SH COMMANDS
`)
	for _, c := range docsRoot().Commands() {
		if !c.IsAvailableCommand() {
			continue
		}
		fmt.Fprintf(&b, ".SS %s\n", roff(c.Name()))
		if c.HasAvailableSubCommands() {
			b.WriteString(roff(sentence(c.Short)) + "\n")
		}
		manCommand(&b, c)
	}
	fmt.Fprintf(&b, `.SH ENVIRONMENT
.TP
.B %s
The data folder when \-\-data\-dir is not given; without either, the system's user data folder.
.SH EXIT STATUS
0 when the command did what was asked, 1 when it failed or found problems, 2 when its arguments were wrong.
`, datadir.EnvVar)
	_, err := io.WriteString(w, b.String())
	return err
}

// manCommand writes c, if it runs, then its sub-commands.
func manCommand(b *strings.Builder, c *cobra.Command) {
	if c.Runnable() && !isGroup(c) {
		fmt.Fprintf(b, ".TP\n.B %s\n", roff(strings.TrimSuffix(c.UseLine(), " [flags]")))
		desc := c.Long
		if desc == "" {
			desc = sentence(c.Short)
		}
		for i, para := range strings.Split(desc, "\n\n") {
			if i > 0 {
				b.WriteString(".IP\n")
			}
			b.WriteString(roff(para) + "\n")
		}
		var flags []*pflag.Flag
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if f.Name != "help" && !f.Hidden {
				flags = append(flags, f)
			}
		})
		if len(flags) > 0 {
			b.WriteString(".RS\n")
			for _, f := range flags {
				name, usage := pflag.UnquoteUsage(f)
				fmt.Fprintf(b, ".TP\n.B \\-\\-%s", roff(f.Name))
				if name != "" {
					fmt.Fprintf(b, " \\fI%s\\fR", roff(name))
				}
				fmt.Fprintf(b, "\n%s\n", roff(usage))
			}
			b.WriteString(".RE\n")
		}
	}
	for _, s := range c.Commands() {
		if s.IsAvailableCommand() {
			manCommand(b, s)
		}
	}
}

// isGroup reports whether c only gathers sub-commands (run alone, it says
// which there are).
func isGroup(c *cobra.Command) bool {
	return c.HasAvailableSubCommands() && c.Annotations[groupAnnotation] != ""
}

// sentence starts s with a capital and ends it with a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// WriteBashCompletion writes cobra's bash completion (bash-completion v2).
func WriteBashCompletion(w io.Writer) error { return docsRoot().GenBashCompletionV2(w, true) }

// WriteZshCompletion writes cobra's zsh completion.
func WriteZshCompletion(w io.Writer) error { return docsRoot().GenZshCompletion(w) }

// WriteFishCompletion writes cobra's fish completion.
func WriteFishCompletion(w io.Writer) error { return docsRoot().GenFishCompletion(w, true) }

// GeneratedFiles names the files written from the command tree, by their
// path under build/linux, and how to write each.
func GeneratedFiles() map[string]func(io.Writer) error {
	return map[string]func(io.Writer) error{
		"peerplaypay.1":                WriteManPage,
		"completions/peerplaypay.bash": WriteBashCompletion,
		"completions/_peerplaypay":     WriteZshCompletion,
		"completions/peerplaypay.fish": WriteFishCompletion,
	}
}

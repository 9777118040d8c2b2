package cli

// The man page and the shell completions are written from the command
// table, so that a command added there reaches them with `go generate`
// (and a test fails until it has).

//go:generate go run ./gendocs -out ../../build/linux

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"peerplaypay/internal/datadir"
)

// CommandDoc is what the man page and the completions know of a command.
type CommandDoc struct {
	Name    string
	Summary string   // the first sentence of its description
	Usage   []string // its lines of help, indented as `peerplaypay help` prints them
	Subs    []string // sub-command words, such as show and set for profile
	// SubSubs holds the words that may follow a sub-command, such as
	// show and set after `team settings`.
	SubSubs map[string][]string
	Flags   []string // every --flag its help names, without the dashes
}

var (
	flagRe = regexp.MustCompile(`--([a-z][a-z0-9-]*)`)
	wordRe = regexp.MustCompile(`^[a-z][a-z-]*(\|[a-z][a-z-]*)*$`)
	// A synopsis ends where its description starts, after two spaces.
	gapRe = regexp.MustCompile(`\s{2,}`)
)

// descIndent is where help lines that only describe start (the table
// aligns them at column 32; synopsis lines go on at most 9 in).
const descIndent = 16

// Docs describes every command of the table, in its order.
func Docs() []CommandDoc {
	var docs []CommandDoc
	for _, c := range commands() {
		d := CommandDoc{Name: c.name, SubSubs: map[string][]string{}}
		subs, flags := map[string]bool{}, map[string]bool{}
		for _, raw := range strings.Split(c.usage, "\n") {
			line := strings.TrimSpace(raw)
			// help prints the first line two spaces in and the others
			// as they are: the same alignment here, from column 0.
			d.Usage = append(d.Usage, strings.TrimRight(strings.TrimPrefix(raw, "  "), " "))
			synopsis, desc := line, ""
			if loc := gapRe.FindStringIndex(line); loc != nil {
				synopsis, desc = line[:loc[0]], line[loc[1]:]
			}
			// A line indented to the descriptions' column is all
			// description, though it may start with the command's name
			// ("record a stand-up log").
			if len(raw)-len(strings.TrimLeft(raw, " ")) >= descIndent {
				synopsis, desc = "", line
			}
			if d.Summary == "" && desc != "" && !strings.HasPrefix(desc, "(") {
				d.Summary = desc
			}
			for _, m := range flagRe.FindAllStringSubmatch(line, -1) {
				if m[1] != "data-dir" { // global, added to every command
					flags[m[1]] = true
				}
			}
			for _, part := range strings.Split(synopsis, " | ") {
				words := strings.Fields(part)
				if len(words) < 2 || words[0] != c.name || !wordRe.MatchString(words[1]) {
					continue
				}
				for _, sub := range strings.Split(words[1], "|") {
					if !subs[sub] {
						subs[sub] = true
						d.Subs = append(d.Subs, sub)
					}
					if len(words) > 2 && wordRe.MatchString(words[2]) && !strings.Contains(words[2], "|") {
						if !contains(d.SubSubs[sub], words[2]) {
							d.SubSubs[sub] = append(d.SubSubs[sub], words[2])
						}
					}
				}
			}
		}
		if i := strings.Index(d.Summary, "; "); i > 0 {
			d.Summary = d.Summary[:i]
		}
		for f := range flags {
			d.Flags = append(d.Flags, f)
		}
		sort.Strings(d.Flags)
		docs = append(docs, d)
	}
	return docs
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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

// WriteManPage writes peerplaypay(1) in roff.
func WriteManPage(w io.Writer) error {
	var b strings.Builder
	b.WriteString(`.\" Generated from the command table by go generate ./internal/cli; do not edit.
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
.SH OPTIONS
.TP
.BI \-\-data\-dir " DIR"
The data folder.
.SH COMMANDS
`)
	for _, d := range Docs() {
		fmt.Fprintf(&b, ".SS %s\n.nf\n", roff(d.Name))
		for _, line := range d.Usage {
			b.WriteString(roff(line) + "\n")
		}
		b.WriteString(".fi\n")
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

// topWords are the words completed before a command: the commands and
// the global flag.
func topWords(docs []CommandDoc) []string {
	words := []string{"--data-dir"}
	for _, d := range docs {
		words = append(words, d.Name)
	}
	return words
}

// WriteBashCompletion writes a completion for bash's complete -F.
func WriteBashCompletion(w io.Writer) error {
	docs := Docs()
	var b strings.Builder
	fmt.Fprintf(&b, `# bash completion for peerplaypay; generated from the command table by
# go generate ./internal/cli; do not edit.
_peerplaypay() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    if [[ $prev == --data-dir ]]; then
        COMPREPLY=($(compgen -d -- "$cur"))
        return
    fi
    local i cmd= sub= words=
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        --data-dir) ((i++)) ;;
        -*) ;;
        *) if [[ -z $cmd ]]; then cmd=${COMP_WORDS[i]}; elif [[ -z $sub ]]; then sub=${COMP_WORDS[i]}; fi ;;
        esac
    done
    if [[ -z $cmd ]]; then
        words=%q
    else
        case "$cmd/$sub" in
`, strings.Join(topWords(docs), " "))
	for _, d := range docs {
		flags := "--" + strings.Join(append(d.Flags[:len(d.Flags):len(d.Flags)], "data-dir"), " --")
		for _, sub := range d.Subs {
			if len(d.SubSubs[sub]) > 0 {
				fmt.Fprintf(&b, "        %s/%s) words=%q ;;\n", d.Name, sub, strings.Join(d.SubSubs[sub], " ")+" "+flags)
			}
		}
		if len(d.Subs) > 0 {
			fmt.Fprintf(&b, "        %s/) words=%q ;;\n", d.Name, strings.Join(d.Subs, " ")+" "+flags)
		}
		fmt.Fprintf(&b, "        %s/*) words=%q ;;\n", d.Name, flags)
	}
	b.WriteString(`        esac
    fi
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _peerplaypay peerplaypay
`)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteZshCompletion writes a completion for zsh's compinit.
func WriteZshCompletion(w io.Writer) error {
	docs := Docs()
	var b strings.Builder
	b.WriteString(`#compdef peerplaypay
# zsh completion for peerplaypay; generated from the command table by
# go generate ./internal/cli; do not edit.
local -a cmds
local i cmd= sub=
if [[ ${words[CURRENT-1]} == --data-dir ]]; then
    _files -/
    return
fi
for ((i = 2; i < CURRENT; i++)); do
    case ${words[i]} in
    --data-dir) ((i++)) ;;
    -*) ;;
    *) if [[ -z $cmd ]]; then cmd=${words[i]}; elif [[ -z $sub ]]; then sub=${words[i]}; fi ;;
    esac
done
if [[ -z $cmd ]]; then
    cmds=(
`)
	for _, d := range docs {
		fmt.Fprintf(&b, "        %s\n", zshQuote(d.Name+":"+d.Summary))
	}
	b.WriteString(`    )
    _describe -t commands command cmds
    compadd -- --data-dir
    return
fi
local -a more
case "$cmd/$sub" in
`)
	for _, d := range docs {
		flags := "--" + strings.Join(append(d.Flags[:len(d.Flags):len(d.Flags)], "data-dir"), " --")
		for _, sub := range d.Subs {
			if len(d.SubSubs[sub]) > 0 {
				fmt.Fprintf(&b, "%s/%s) more=(%s %s) ;;\n", d.Name, sub, strings.Join(d.SubSubs[sub], " "), flags)
			}
		}
		if len(d.Subs) > 0 {
			fmt.Fprintf(&b, "%s/) more=(%s %s) ;;\n", d.Name, strings.Join(d.Subs, " "), flags)
		}
		fmt.Fprintf(&b, "%s/*) more=(%s) ;;\n", d.Name, flags)
	}
	b.WriteString(`esac
compadd -- $more
_files
`)
	_, err := io.WriteString(w, b.String())
	return err
}

func zshQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// WriteFishCompletion writes a completion for fish.
func WriteFishCompletion(w io.Writer) error {
	docs := Docs()
	var b strings.Builder
	b.WriteString(`# fish completion for peerplaypay; generated from the command table by
# go generate ./internal/cli; do not edit.

# The words typed after peerplaypay, without flags: the command, then its
# sub-command (fish's __fish_seen_subcommand_from would take "peers logs"
# for the logs command).
function __peerplaypay_words
    set -l skip 0
    for w in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case --data-dir
                set skip 1
            case '-*'
            case '*'
                echo $w
        end
    end
end

function __peerplaypay_at
    set -l words (__peerplaypay_words)
    test "$words" = "$argv"
end

function __peerplaypay_in
    set -l words (__peerplaypay_words)
    test "$words[1]" = "$argv[1]"
end

complete -c peerplaypay -l data-dir -r -F -d 'data folder'
`)
	for _, d := range docs {
		fmt.Fprintf(&b, "complete -c peerplaypay -f -n __peerplaypay_at -a %s -d %s\n", d.Name, fishQuote(d.Summary))
	}
	for _, d := range docs {
		if len(d.Subs) > 0 {
			fmt.Fprintf(&b, "complete -c peerplaypay -f -n '__peerplaypay_at %s' -a %s\n", d.Name, fishQuote(strings.Join(d.Subs, " ")))
		}
		for _, sub := range d.Subs {
			if len(d.SubSubs[sub]) > 0 {
				fmt.Fprintf(&b, "complete -c peerplaypay -f -n '__peerplaypay_at %s %s' -a %s\n", d.Name, sub, fishQuote(strings.Join(d.SubSubs[sub], " ")))
			}
		}
		for _, f := range d.Flags {
			fmt.Fprintf(&b, "complete -c peerplaypay -n '__peerplaypay_in %s' -l %s\n", d.Name, f)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func fishQuote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
}

// GeneratedFiles names the files written from the command table, by their
// path under build/linux, and how to write each.
func GeneratedFiles() map[string]func(io.Writer) error {
	return map[string]func(io.Writer) error{
		"peerplaypay.1":                WriteManPage,
		"completions/peerplaypay.bash": WriteBashCompletion,
		"completions/_peerplaypay":     WriteZshCompletion,
		"completions/peerplaypay.fish": WriteFishCompletion,
	}
}

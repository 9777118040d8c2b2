// Package cli runs PeerPlayPay's headless subcommands over the same services
// the window uses.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/datadir"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// Env is what a command may touch besides its arguments.
type Env struct {
	Version string
	Commit  string // may be empty
	Stdout  io.Writer
	Stderr  io.Writer
	// Stdin is read by interactive commands (assess); nil: none.
	Stdin io.Reader
	// MediaChecks reports codecs and devices for doctor; nil skips them.
	MediaChecks func(ctx context.Context) []peerplaypay.Check
	// BackupWorkFactor is the scrypt cost of encrypted backups
	// (backup.Options.WorkFactor); 0, the program's, is the default.
	BackupWorkFactor int
}

type command struct {
	name, usage string
	run         func(ctx context.Context, env *Env, args []string) error
}

func commands() []command {
	return []command{
		{"version", "version                       print the version", nil},
		{"doctor", "doctor [--json]               check data folder, database, codecs and devices", nil},
		{"profile", "profile show [--json]         print your profile\n  profile set --name N [--role R] [--team T]\n                                create or edit your profile", nil},
		{"devices", "devices [--json]              list cameras and microphones", nil},
		{"record", "record --seconds N [--quality standard|small|audio] [--audio-only]\n         [--video synthetic|ID] [--audio synthetic|ID]\n         [--done T --how T --why T --next T --help-needed T --mood 1-5 --energy 1-5]\n                                record a stand-up log and print its id", nil},
		{"logs", "logs list [--json] [--from DATE] [--to DATE] [--query WORDS] [--limit N]\n  logs add --done T [--how T --why T --next T --help-needed T --mood 1-5 --energy 1-5]\n         [--answer extraN=T]   (answers to the questions a team added)\n                                add a log without a recording, print its id\n  logs show ID [--json]         print one log\n  logs edit ID --done T [...]   change answers of a log (the others stay); peers get the edit\n  logs keep ID | logs delete ID keep a recovered recording, or delete a log\n  logs pin ID | logs unpin ID   keep a log's recording in the team share whatever the retention\n  logs help-offer LOG \"what I can do\" | logs help-accept OFFER_ID\n                                offer help on a peer's log that asks for it; accept an offer on yours", nil},
		{"backup", "backup FILE [--encrypt | --passphrase-file F]\n                                back up the database and recordings into one verified file\n                                (safe while the app runs); encrypted with a passphrase if asked", nil},
		{"restore", "restore FILE [--passphrase-file F]\n                                restore a backup into an empty data folder (choose it with --data-dir)", nil},
		{"export", "export --format json DIR      export your profile, logs with their recordings, goals, growth and answers, for other tools", nil},
		{"team", "team create LOCATION [--name TEAM]   start a team on a folder or s3://bucket?endpoint=URL\n  team join LOCATION --invite CODE  ask to join; prints the safety code to read out\n  team invite [--json]          print the invitation to send a newcomer\n  team status | team members [--json] | team requests [--json]\n  team approve ID --code CODE | team refuse ID | team remove ID | team leave\n                                (S3 keys: --access-key K with --secret-key-file FILE, $AWS_SECRET_ACCESS_KEY\n                                or a prompt; or the AWS variables alone. The secret is kept in the system\n                                keychain, else in a file only you can read)\n  " + teamSettingsUsage, nil},
		{"sync", "sync [--json]                 send what waits and receive the team's news (progress on stderr)", nil},
		{"keys", "keys export FILE [--printable] | keys import FILE\n                                your recovery key: back it up, or restore it on a new laptop", nil},
		{"peers", peersUsage, nil},
		{"comment", commentUsage, nil},
		{"comments", commentsUsage, nil},
		{"react", reactUsage, nil},
		{"thanks", thanksUsage, nil},
		{"activity", activityUsage, nil},
		{"goals", goalsUsage, nil},
		{"reminders", remindersUsage, nil},
		{"session", sessionUsage, nil},
		{"insights", insightsUsage, nil},
		{"experiments", experimentsUsage, nil},
		{"report", reportUsage, nil},
		{"framework", "framework show [--json] | framework export FILE | framework import FILE\n                                the skills framework; a bad file is refused with its line", nil},
		{"assess", "assess                        rate your skills item by item (q pauses; run again to resume)\n  assess --item ID --level N [--evidence T] [--finish [--share]]\n                                rate one item of the current assessment; --finish ends it", nil},
		{"assessments", "assessments list [--json] | assessments share|unshare ID | assessments team [--json]\n                                your finished self-assessments; share a summary (levels, not evidence) or take it back;\n                                the summaries teammates shared", nil},
		{"basics", "basics add TITLE | basics tick ID [--day D] [--undo] | basics list [--json] [--days N]\n                                your daily basics and the days you did them", nil},
		{"learn", "learn add --what T --minutes N [--item ID] [--kind read|listened|watched|practised] [--takeaways T]\n  learn list [--json] [--from DATE] [--to DATE]\n                                your learning log and this week's total", nil},
		{"reflect", "reflect --minutes N --note T  keep a reflection in your private journal", nil},
		{"help", "help                          show this help", nil},
	}
}

// IsCommand reports whether args hold anything besides the global
// --data-dir flag. Only no command opens the window: a mistyped command
// must say so, not open a window.
func IsCommand(args []string) bool {
	// The window's own flag (start at login) is no command either.
	var rest []string
	for _, a := range args {
		if a != "--minimised" && a != "-minimised" {
			rest = append(rest, a)
		}
	}
	name, _ := split(rest)
	return name != ""
}

// split separates a leading global --data-dir flag from the command, and
// moves it to the end of the command's arguments, after any sub-command
// word, so each command's flag set parses it.
func split(args []string) (string, []string) {
	var global []string
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--data-dir" || a == "-data-dir":
			if len(args) < 2 {
				return "", nil
			}
			global, args = append(global, a, args[1]), args[2:]
		case strings.HasPrefix(a, "--data-dir=") || strings.HasPrefix(a, "-data-dir="):
			global, args = append(global, a), args[1:]
		default:
			return a, append(args[1:len(args):len(args)], global...)
		}
	}
	return "", global
}

// Run runs the subcommand in args and returns the process exit code.
func Run(ctx context.Context, env *Env, args []string) int {
	if name, rest := split(args); legacy(name) != nil {
		return runLegacy(ctx, env, name, rest)
	}
	root := newRoot(env)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	return exitCode(env, cmd, err)
}

// exitCode says what went wrong, naming the command, and returns the exit
// code: 0 done, 1 failed or found problems, 2 wrong arguments.
func exitCode(env *Env, cmd *cobra.Command, err error) int {
	var unknown unknownCommand
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errProblems):
		return 1
	case errors.As(err, &unknown):
		fmt.Fprintf(env.Stderr, "peerplaypay: unknown command %q%s. Run `peerplaypay help` for the list.\n", unknown.name, unknown.suggest)
		return 2
	case errors.As(err, new(usageError)):
		fmt.Fprintf(env.Stderr, "%s: %v\nRun `peerplaypay help` for usage.\n", cmd.CommandPath(), err)
		return 2
	default:
		fmt.Fprintf(env.Stderr, "%s: %s\n", cmd.CommandPath(), peerplaypay.ErrorMessage(err))
		if peerplaypay.ErrorCode(err) == peerplaypay.EINTERNAL {
			fmt.Fprintf(env.Stderr, "detail: %v\n", err)
		}
		return 1
	}
}

// runLegacy runs a command of the table that has no cobra command yet.
func runLegacy(ctx context.Context, env *Env, name string, rest []string) int {
	if name == "-h" || name == "--help" {
		name = "help"
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(ctx, env, rest)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errProblems):
			return 1
		case errors.As(err, new(usageError)):
			fmt.Fprintf(env.Stderr, "peerplaypay %s: %v\nRun `peerplaypay help` for usage.\n", name, err)
			return 2
		default:
			fmt.Fprintf(env.Stderr, "peerplaypay %s: %s\n", name, peerplaypay.ErrorMessage(err))
			if peerplaypay.ErrorCode(err) == peerplaypay.EINTERNAL {
				fmt.Fprintf(env.Stderr, "detail: %v\n", err)
			}
			return 1
		}
	}
	return 2
}

func legacy(name string) *command {
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return &c
		}
	}
	return nil
}

type usageError struct{ error }

// errProblems ends a command that already printed what is wrong.
var errProblems = errors.New("problems found")

// flags returns a flag set with the global --data-dir flag.
func flags(env *Env, name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dir := fs.String("data-dir", "", "data folder (default: $"+datadir.EnvVar+" or the system's user data folder)")
	return fs, dir
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// parseWith parses flags anywhere among args and returns the other
// arguments, which must number want; usage says what they are.
func parseWith(fs *flag.FlagSet, args []string, want int, usage string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err}
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(rest) != want {
		return nil, usageError{fmt.Errorf("want `%s`", usage)}
	}
	return rest, nil
}

// openDB opens the database in the resolved data folder.
func openDB(ctx context.Context, dirFlag string) (*sqlite.DB, string, error) {
	dir, _, err := datadir.Resolve(dirFlag)
	if err != nil {
		return nil, "", err
	}
	if err := datadir.Prepare(dir); err != nil {
		return nil, "", err
	}
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	return db, dir, err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func versionCmd(env *Env) *cobra.Command {
	return leaf("version", "print the version", noArgs, func(*pflag.FlagSet) runner {
		return func(context.Context, []string) error {
			if env.Commit != "" {
				fmt.Fprintf(env.Stdout, "peerplaypay %s (commit %s)\n", env.Version, env.Commit)
			} else {
				fmt.Fprintf(env.Stdout, "peerplaypay %s\n", env.Version)
			}
			return nil
		}
	})
}

func runHelp(ctx context.Context, env *Env, args []string) error {
	fmt.Fprintln(env.Stdout, "PeerPlayPay: daily stand-up blogs, goals and thanks for small teams.")
	fmt.Fprintln(env.Stdout, "\nUsage: peerplaypay [--data-dir DIR] [command]")
	fmt.Fprintln(env.Stdout, "Without a command, the app window opens.\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(env.Stdout, "  %s\n", c.usage)
	}
	fmt.Fprintf(env.Stdout, "\nThe data folder is --data-dir, else $%s, else your system's user data folder.\n", datadir.EnvVar)
	return nil
}

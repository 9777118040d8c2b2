// Package cli runs PeerPlayPay's headless subcommands over the same services
// the window uses.
package cli

import (
	"context"
	"encoding/json"
	"errors"
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
	return commandName(rest) != ""
}

// commandName is the first word after the global --data-dir flag; "" if
// there is none.
func commandName(args []string) string {
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--data-dir" || a == "-data-dir":
			if len(args) < 2 {
				return ""
			}
			args = args[2:]
		case strings.HasPrefix(a, "--data-dir=") || strings.HasPrefix(a, "-data-dir="):
			args = args[1:]
		default:
			return a
		}
	}
	return ""
}

// Run runs the subcommand in args and returns the process exit code.
func Run(ctx context.Context, env *Env, args []string) int {
	root := newRoot(env)
	root.SetArgs(longDashes(root, args))
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

type usageError struct{ error }

// errProblems ends a command that already printed what is wrong.
var errProblems = errors.New("problems found")

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

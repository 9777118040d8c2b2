package cli

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/datadir"
)

func init() {
	// Help lists the commands in the order of their use, not A to Z.
	cobra.EnableCommandSorting = false
	cobra.AddTemplateFunc("isGroup", isGroup)
}

// runner runs a command once its flags are parsed, with its other
// arguments.
type runner func(ctx context.Context, args []string) error

// newRoot builds the command tree, with the global --data-dir flag.
func newRoot(env *Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "peerplaypay",
		Short: "daily stand-up blogs, goals and thanks for small teams",
		Long: "PeerPlayPay: daily stand-up blogs, goals and thanks for small teams.\n\n" +
			"Without a command, the app window opens; with one, it runs without a window, over the same data.\n" +
			"The data folder is --data-dir, else $" + datadir.EnvVar + ", else your system's user data folder.",
		SilenceErrors:         true,
		SilenceUsage:          true,
		Annotations:           map[string]string{groupAnnotation: "yes"},
		DisableFlagsInUseLine: true,
		Args: func(c *cobra.Command, args []string) error {
			name := ""
			if len(args) > 0 {
				name = args[0]
			}
			u := unknownCommand{name: name}
			if s := c.SuggestionsFor(name); len(s) > 0 {
				u.suggest = fmt.Sprintf(" (did you mean %q?)", s[0])
			}
			return u
		},
		RunE: func(*cobra.Command, []string) error { return nil }, // Args refuses every call
	}
	root.CompletionOptions.DisableDefaultCmd = true // the package installs the completions
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	if env.Stdin != nil {
		root.SetIn(env.Stdin)
	}
	// A group's usage is its sub-commands alone: run without one, it only
	// says which there are.
	root.SetUsageTemplate(strings.Replace(root.UsageTemplate(), "Usage:{{if .Runnable}}", "Usage:{{if and .Runnable (not (isGroup .))}}", 1))
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{flagError(err)} })
	dir := root.PersistentFlags().String("data-dir", "", "data folder (default: $"+datadir.EnvVar+" or the system's user data folder)")
	root.MarkPersistentFlagDirname("data-dir")
	root.AddCommand(commandTree(env, dir)...)
	root.SetHelpCommand(helpCmd())
	return root
}

// commandTree is every command, in the order help lists them.
func commandTree(env *Env, dir *string) []*cobra.Command {
	return []*cobra.Command{
		versionCmd(env),
		doctorCmd(env, dir),
		profileCmd(env, dir),
		devicesCmd(env),
		recordCmd(env, dir),
		logsCmd(env, dir),
		backupCmd(env, dir),
		restoreCmd(env, dir),
		exportCmd(env, dir),
		teamCmd(env, dir),
		syncCmd(env, dir),
		keysCmd(env, dir),
		peersCmd(env, dir),
		commentCmd(env, dir),
		commentsCmd(env, dir),
		reactCmd(env, dir),
		thanksCmd(env, dir),
		activityCmd(env, dir),
		goalsCmd(env, dir),
		remindersCmd(env, dir),
		sessionCmd(env, dir),
		insightsCmd(env, dir),
		experimentsCmd(env, dir),
		reportCmd(env, dir),
		frameworkCmd(env, dir),
		assessCmd(env, dir),
		assessmentsCmd(env, dir),
		basicsCmd(env, dir),
		learnCmd(env, dir),
		reflectCmd(env, dir),
	}
}

// withUnknown makes a group answer an unknown sub-command with want, as
// it answers none.
func withUnknown(c *cobra.Command, want string) *cobra.Command {
	c.RunE = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usageError{errors.New(want)}
		}
		return usageErrorf("unknown `%s %s`; %s", strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" "), args[0], want)
	}
	return c
}

// helpCmd is `help [command]`: the overview, or a command's help.
func helpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "show this help, or a command's",
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := c.Root().Find(args)
			if err != nil || len(rest) > 0 {
				return unknownCommand{name: strings.Join(args, " ")}
			}
			return cmd.Help()
		},
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			cmd, _, err := c.Root().Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var words []cobra.Completion
			for _, s := range cmd.Commands() {
				if s.IsAvailableCommand() && strings.HasPrefix(s.Name(), toComplete) {
					words = append(words, cobra.CompletionWithDesc(s.Name(), s.Short))
				}
			}
			return words, cobra.ShellCompDirectiveNoFileComp
		},
	}
}

// unknownCommand is a first word that names no command.
type unknownCommand struct{ name, suggest string }

func (u unknownCommand) Error() string { return fmt.Sprintf("unknown command %q", u.name) }

// leaf makes a command that runs. use is its synopsis, as help shows it
// after the parent's words; define adds its flags to fs and returns what
// runs once they are parsed.
func leaf(use, short string, args cobra.PositionalArgs, define func(fs *pflag.FlagSet) runner) *cobra.Command {
	c := &cobra.Command{Use: use, Short: short, Args: args, DisableFlagsInUseLine: true}
	run := define(c.Flags())
	c.RunE = func(c *cobra.Command, args []string) error { return run(c.Context(), args) }
	return c
}

// group makes a command of sub-commands. Without one, want says which
// there are; an unknown one is named.
func group(use, short, want string, subs ...*cobra.Command) *cobra.Command {
	c := &cobra.Command{Use: use, Short: short, DisableFlagsInUseLine: true,
		Annotations: map[string]string{groupAnnotation: "yes"},
		Args:        cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New(want)}
			}
			var names []string
			for _, s := range c.Commands() {
				if s.IsAvailableCommand() {
					names = append(names, s.Name())
				}
			}
			return usageErrorf("unknown `%s %s`; want %s", strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" "), args[0], orList(names))
		},
	}
	c.AddCommand(subs...)
	return c
}

// groupAnnotation marks a command made by group.
const groupAnnotation = "peerplaypay-group"

// flagError says what is wrong with a flag's value in words, not in
// strconv's.
func flagError(err error) error {
	var unknown *pflag.NotExistError
	if errors.As(err, &unknown) && unknown.GetSpecifiedShortnames() != "" {
		return fmt.Errorf("unknown flag: -%s (flags are written with two dashes, such as --json)", unknown.GetSpecifiedShortnames())
	}
	var bad *pflag.InvalidValueError
	if !errors.As(err, &bad) {
		return err
	}
	f := bad.GetFlag()
	var num *strconv.NumError
	switch {
	case f.Value.Type() == "bool":
		return fmt.Errorf("--%s=%s: write --%s alone, or --%s=false", f.Name, bad.GetValue(), f.Name, f.Name)
	case errors.As(err, &num) && strings.HasPrefix(f.Value.Type(), "int"):
		return fmt.Errorf("--%s %q is not a whole number", f.Name, bad.GetValue())
	case errors.As(err, &num):
		return fmt.Errorf("--%s %q is not a number", f.Name, bad.GetValue())
	}
	return fmt.Errorf("--%s %q: %w", f.Name, bad.GetValue(), errors.Unwrap(bad))
}

// singleDash is a flag written with one dash, as Go's flag package takes
// them: -json, -data-dir=DIR.
var singleDash = regexp.MustCompile(`^-([a-z][a-z0-9-]+)(=.*)?$`)

// longDashes gives two dashes to the flags written with one, so that
// command lines written for the CLI's earlier parser still run. Only the
// names of flags of the command the words reach are changed, and never
// the value of the flag before them.
func longDashes(root *cobra.Command, args []string) []string {
	// The global flags first, so that the words after them find the command.
	args = longDashesOf(root, args)
	cmd, _, err := root.Find(args)
	if err != nil {
		return args
	}
	return longDashesOf(cmd, args)
}

func longDashesOf(cmd *cobra.Command, args []string) []string {
	out := make([]string, len(args))
	copy(out, args)
	takesValue := false
	for i, a := range args {
		if a == "--" {
			break
		}
		if takesValue {
			takesValue = false
			continue
		}
		name, hasValue := a, strings.Contains(a, "=")
		if m := singleDash.FindStringSubmatch(a); m != nil && (cmd.Flag(m[1]) != nil || m[1] == "help") {
			out[i], name = "-"+a, "-"+m[1]
		}
		if n, ok := strings.CutPrefix(name, "--"); ok && !hasValue {
			f := cmd.Flag(n)
			takesValue = f != nil && f.NoOptDefVal == ""
		}
	}
	return out
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// noArgs refuses any argument besides flags.
func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("unexpected argument %q", args[0])
	}
	return nil
}

// exactArgs wants n arguments besides flags; if not, it shows the
// command's synopsis.
func exactArgs(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("want `%s`", synopsis(c))
		}
		return nil
	}
}

// rangeArgs wants min to max arguments besides flags; if not, it shows
// the command's synopsis.
func rangeArgs(min, max int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < min || len(args) > max {
			return usageErrorf("want `%s`", synopsis(c))
		}
		return nil
	}
}

// synopsis is the command's usage line without the program's name.
func synopsis(c *cobra.Command) string {
	return strings.TrimPrefix(c.UseLine(), c.Root().Name()+" ")
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/pflag"
)

// runLogsEdit changes the answers given as flags and keeps the others, as
// the window's table does: a flag left out is not an answer erased.
func runLogsEdit(env *Env, dir *string, fs *pflag.FlagSet) runner {
	given := tableFlags(fs)
	asJSON := fs.Bool("json", false, "print the log as JSON")
	return func(ctx context.Context, pos []string) error {
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return usageError{fmt.Errorf("%q is not a log ID", pos[0])}
		}
		set := map[string]bool{}
		fs.Visit(func(f *pflag.Flag) { set[f.Name] = true })
		delete(set, "data-dir")
		delete(set, "json")
		if len(set) == 0 {
			return usageError{errors.New("logs edit needs at least one answer to change, such as --done T")}
		}

		db, logs, _, err := studio(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		e, err := logs.Log(ctx, id)
		if err != nil {
			return err
		}
		t := e.LogTable
		for name, f := range map[string][2]*string{"done": {&t.Done, &given.Done}, "how": {&t.How, &given.How},
			"why": {&t.Why, &given.Why}, "next": {&t.Next, &given.Next}, "help-needed": {&t.HelpNeeded, &given.HelpNeeded}} {
			if set[name] {
				*f[0] = *f[1]
			}
		}
		if set["mood"] {
			t.Mood = given.Mood
		}
		if set["energy"] {
			t.Energy = given.Energy
		}
		for k, v := range given.Extra {
			if t.Extra == nil {
				t.Extra = map[string]string{}
			}
			t.Extra[k] = v
		}
		if e, err = logs.UpdateLogTable(ctx, id, t); err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, e)
		}
		fmt.Fprintf(env.Stderr, "Edited log %d.\n", e.ID)
		return nil
	}
}

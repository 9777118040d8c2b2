package cli

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/frameworkfile"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// growth opens the database and the growth service.
func growth(ctx context.Context, dir string) (*sqlite.DB, *sqlite.GrowthService, error) {
	db, _, err := openDB(ctx, dir)
	if err != nil {
		return nil, nil, err
	}
	return db, sqlite.NewGrowthService(db), nil
}

func frameworkCmd(env *Env, dir *string) *cobra.Command {
	framework := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runFramework(env, dir, sub, fs) }
	}
	return group("framework", "the skills framework; a bad file is refused with its line",
		"want `framework export FILE`, `framework import FILE` or `framework show [--json]`",
		leaf("show [--json]", "print the skills framework", noArgs, framework("show")),
		leaf("export FILE", "write the skills framework to a file", exactArgs(1), framework("export")),
		leaf("import FILE", "take a skills framework from a file; a bad file is refused with its line", exactArgs(1), framework("import")))
}

func runFramework(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(ctx context.Context, args []string) error {
		var file string
		if len(args) > 0 {
			file = args[0]
		}
		db, g, err := growth(ctx, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		switch sub {
		case "export":
			if err := frameworkfile.Export(ctx, g, file); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Framework written to %s\n", file)
		case "import":
			f, err := frameworkfile.Import(ctx, g, file)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Framework %q imported as version %d (%d items)\n", f.Name, f.Version, countItems(f))
		case "show":
			f, err := g.Framework(ctx)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, f)
			}
			fmt.Fprintf(env.Stdout, "%s, version %d (%s)\n", f.Name, f.Version, f.Source)
			for _, grp := range f.Groups {
				fmt.Fprintf(env.Stdout, "\n%s\n", grp.Name)
				for _, it := range grp.Items {
					fmt.Fprintf(env.Stdout, "  %-28s %s\n", it.ID, it.Name)
				}
			}
		}
		return nil
	}
}

func countItems(f *peerplaypay.Framework) int {
	n := 0
	for _, g := range f.Groups {
		n += len(g.Items)
	}
	return n
}

func assessCmd(env *Env, dir *string) *cobra.Command {
	c := leaf("assess [--item ID --level N [--evidence T]] [--finish [--share]]", "rate your skills item by item (q pauses; run again to resume)", noArgs, func(fs *pflag.FlagSet) runner {
		item := fs.String("item", "", "the `ID` of the item to rate (scriptable: see `framework show`)")
		level := fs.Int("level", 0, "the level, 1-5")
		evidence := fs.String("evidence", "", "when did you show it")
		finish := fs.Bool("finish", false, "finish the assessment (a dated snapshot)")
		share := fs.Bool("share", false, "with --finish: share a summary (levels, no evidence) with your team")
		return func(ctx context.Context, _ []string) error {
			if *item == "" && (*level != 0 || *evidence != "") {
				return usageError{errors.New("--level and --evidence need --item")}
			}
			if *item != "" && (*level < 1 || *level > peerplaypay.Levels) {
				return usageError{errors.New("--level must be 1 to 5")}
			}
			if *share && !*finish {
				return usageError{errors.New("--share goes with --finish")}
			}
			db, g, err := growth(ctx, *dir)
			if err != nil {
				return err
			}
			defer db.Close()
			x, err := g.CurrentSession(ctx)
			if err != nil {
				return err
			}
			if *item == "" && !*finish {
				if env.Stdin == nil {
					return usageError{errors.New("an interactive assessment needs a terminal; use --item ID --level N")}
				}
				return assessInteractive(ctx, env, g, x)
			}
			if *item != "" {
				if x, err = g.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: *item, Level: *level, Evidence: *evidence}); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Saved %s: level %d (session %d, %d rated)\n", *item, *level, x.ID, len(x.Answers))
			}
			if *finish {
				if x, err = g.FinishSession(ctx, x.ID, *share); err != nil {
					return err
				}
				how := "kept private"
				if x.Shared {
					how = "summary shared with the team at the next sync"
				}
				fmt.Fprintf(env.Stdout, "Assessment %d finished on %s with %d items rated; %s\n", x.ID, x.Day, len(x.Answers), how)
			}
			return nil
		}
	})
	c.Long = "Rate your skills item by item (q pauses; run again to resume).\n\n" +
		"With --item ID --level N [--evidence T], rate one item of the current assessment; --finish ends it, and --share shares its summary."
	return c
}

// assessInteractive asks item by item for those not yet rated in this
// session. Each answer is saved as it is given, so q, end of input or a
// killed process leaves a session to resume.
func assessInteractive(ctx context.Context, env *Env, g *sqlite.GrowthService, x *peerplaypay.Session) error {
	f, err := g.FrameworkVersion(ctx, x.FrameworkID, x.FrameworkVersion)
	if err != nil {
		return err
	}
	last, err := g.LastRatings(ctx)
	if err != nil {
		return err
	}
	lastOf := map[string]peerplaypay.LastRating{}
	for _, r := range last {
		lastOf[r.ItemID] = r
	}
	rated := map[string]bool{}
	for _, a := range x.Answers {
		rated[a.ItemID] = true
	}
	total := countItems(f)
	out := env.Stdout
	fmt.Fprintf(out, "Self-assessment against %s (version %d); %d of %d items rated so far.\n", f.Name, f.Version, len(x.Answers), total)
	fmt.Fprintln(out, "For each item type a level 1-5, then the evidence: when did you show it? Enter skips; q pauses (answers are kept).")
	// Lines are read aside, so that Ctrl-C (which cancels ctx) pauses at
	// once instead of waiting for a line that never comes.
	lines := make(chan string)
	go func() {
		defer close(lines)
		in := bufio.NewScanner(env.Stdin)
		for in.Scan() {
			select {
			case lines <- in.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	read := func(prompt string) (string, bool) {
		fmt.Fprint(out, prompt)
		select {
		case l, ok := <-lines:
			if !ok {
				fmt.Fprintln(out)
			}
			return strings.TrimSpace(l), ok
		case <-ctx.Done():
			fmt.Fprintln(out)
			return "", false
		}
	}
	n := 0
	for _, grp := range f.Groups {
		for _, it := range grp.Items {
			n++
			if rated[it.ID] {
				continue
			}
			fmt.Fprintf(out, "\n[%d/%d] %s · %s\n", n, total, grp.Name, it.Name)
			if it.Description != "" {
				fmt.Fprintf(out, "  %s\n", it.Description)
			}
			for l, line := range it.Levels {
				fmt.Fprintf(out, "  %d  %s\n", l+1, line)
			}
			if r, ok := lastOf[it.ID]; ok {
				fmt.Fprintf(out, "  Last time (%s): %d", r.Day, r.Level)
				if r.Evidence != "" {
					fmt.Fprintf(out, " — %s", firstLine(r.Evidence, 70))
				}
				fmt.Fprintln(out)
			}
			var level int
			for {
				s, ok := read("  Level (1-5, Enter skips, q pauses): ")
				if !ok || s == "q" || s == "Q" {
					fmt.Fprintf(out, "Paused with %d of %d items rated; run `peerplaypay assess` to go on.\n", len(x.Answers), total)
					return nil
				}
				if s == "" {
					break
				}
				if level, err = strconv.Atoi(s); err == nil && level >= 1 && level <= peerplaypay.Levels {
					break
				}
				fmt.Fprintln(out, "  Type a number from 1 to 5, Enter to skip, or q to pause.")
				level = 0
			}
			if level == 0 {
				continue
			}
			ev, _ := read("  Evidence (Enter for none): ")
			if x, err = g.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: it.ID, Level: level, Evidence: ev}); err != nil {
				return err
			}
			fmt.Fprintln(out, "  Saved.")
		}
	}
	if len(x.Answers) == 0 {
		fmt.Fprintln(out, "\nNothing rated; the session stays open for next time.")
		return nil
	}
	s, ok := read(fmt.Sprintf("\n%d of %d items rated. Finish this assessment now (it stays private)? [Y/n] ", len(x.Answers), total))
	if !ok || strings.HasPrefix(strings.ToLower(s), "n") {
		fmt.Fprintln(out, "Kept open; run `peerplaypay assess` to go on, or `peerplaypay assess --finish`.")
		return nil
	}
	if x, err = g.FinishSession(ctx, x.ID, false); err != nil {
		return err
	}
	fmt.Fprintf(out, "Assessment finished on %s.\n", x.Day)
	return nil
}

func assessmentsCmd(env *Env, dir *string) *cobra.Command {
	share := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(*pflag.FlagSet) runner { return shareAssessment(env, dir, sub) }
	}
	want := "want `assessments list [--json]`, `assessments share|unshare ID` or `assessments team [--json]`"
	return withUnknown(group("assessments", "your finished self-assessments, and the summaries teammates shared", want,
		leaf("list [--json]", "your finished self-assessments", noArgs, func(fs *pflag.FlagSet) runner { return listAssessments(env, dir, fs) }),
		leaf("share ID", "share an assessment's summary (levels, not evidence) with your team", exactArgs(1), share("share")),
		leaf("unshare ID", "take a shared summary back", exactArgs(1), share("unshare")),
		leaf("team [--json]", "the summaries teammates shared", noArgs, func(fs *pflag.FlagSet) runner { return teamSummaries(env, dir, fs) })), want)
}

func listAssessments(env *Env, dir *string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(ctx context.Context, _ []string) error {
		db, g, err := growth(ctx, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		xs, err := g.Sessions(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, xs)
		}
		if len(xs) == 0 {
			fmt.Fprintln(env.Stdout, "No finished assessments yet; start one with `peerplaypay assess`.")
		}
		for _, x := range xs {
			shared := "private"
			if x.Shared {
				shared = "shared"
			}
			sum := 0
			for _, a := range x.Answers {
				sum += a.Level
			}
			fmt.Fprintf(env.Stdout, "%5d  %s  %2d items  average %.1f  %s  (framework %s v%d)\n", x.ID, x.Day, len(x.Answers),
				float64(sum)/float64(max(len(x.Answers), 1)), shared, x.FrameworkID, x.FrameworkVersion)
		}
		return nil
	}
}

// shareAssessment shares a finished session's summary with the team, or
// takes it back; the next sync carries it.
func shareAssessment(env *Env, dir *string, sub string) runner {
	return func(ctx context.Context, rest []string) error {
		id, err := strconv.ParseInt(rest[0], 10, 64)
		if err != nil || id <= 0 {
			return usageError{fmt.Errorf("%q is not an assessment ID; see `peerplaypay assessments list`", rest[0])}
		}
		db, g, err := growth(ctx, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		if sub == "share" {
			x, err := g.ShareSession(ctx, id)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "The summary of %s (levels, not evidence) goes to the team with the next sync.\n", x.Day)
			return nil
		}
		x, err := g.UnshareSession(ctx, id)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "The summary of %s is taken back; teammates' copies go at their next sync.\n", x.Day)
		return nil
	}
}

// teamSummaries prints the summaries teammates shared, newest first.
func teamSummaries(env *Env, dir *string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(ctx context.Context, _ []string) error {
		db, svc, err := teamService(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		xs, err := sqlite.NewGrowthService(db).TeamSummaries(ctx)
		if err != nil {
			return err
		}
		if st, err := svc.Status(ctx); err == nil {
			names := map[string]string{}
			for _, m := range st.Members {
				names[m.ID] = m.Name
			}
			for _, x := range xs {
				x.MemberName = names[x.Member]
			}
		}
		if *asJSON {
			return writeJSON(env.Stdout, xs)
		}
		if len(xs) == 0 {
			fmt.Fprintln(env.Stdout, "No teammate has shared an assessment summary; sharing is each member's own choice.")
		}
		for _, x := range xs {
			var levels []string
			for _, l := range x.Levels {
				levels = append(levels, fmt.Sprintf("%s %d", cmp.Or(l.ItemName, l.ItemID), l.Level))
			}
			fmt.Fprintf(env.Stdout, "%-16s %s  %s\n", nameOrID(x.MemberName, x.Member), x.Day, strings.Join(levels, ", "))
		}
		return nil
	}
}

func today() string { return time.Now().Format(time.DateOnly) }

func basicsCmd(env *Env, dir *string) *cobra.Command {
	basics := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runBasics(env, dir, sub, fs) }
	}
	return group("basics", "your daily basics and the days you did them",
		"want `basics add TITLE`, `basics tick ID [--day D] [--undo]` or `basics list [--json]`",
		leaf("add TITLE", "add a daily basic", exactArgs(1), basics("add")),
		leaf("tick ID [--day D] [--undo]", "tick a basic as done on a day (today unless told)", exactArgs(1), basics("tick")),
		leaf("list [--json] [--days N]", "your daily basics and the days you did them", noArgs, basics("list")))
}

func runBasics(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	day := fs.String("day", today(), "the day, YYYY-MM-DD")
	undo := fs.Bool("undo", false, "take the tick back")
	days := fs.Int("days", 14, "with list: how many days of ticks")
	return func(ctx context.Context, args []string) error {
		var arg string
		if len(args) > 0 {
			arg = args[0]
		}
		db, g, err := growth(ctx, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		switch sub {
		case "add":
			b, err := g.SaveBasic(ctx, &peerplaypay.Basic{Title: arg})
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, b)
			}
			fmt.Fprintln(env.Stdout, b.ID)
		case "tick":
			id, err := strconv.ParseInt(arg, 10, 64)
			if err != nil {
				return usageError{fmt.Errorf("%q is not a basic's ID (see `basics list`)", arg)}
			}
			if err := g.Tick(ctx, id, *day, !*undo); err != nil {
				return err
			}
		case "list":
			to, err := time.Parse(time.DateOnly, *day)
			if err != nil {
				return usageError{fmt.Errorf("--day %q is not a date like 2026-03-31", *day)}
			}
			from := to.AddDate(0, 0, 1-max(*days, 1))
			r, err := g.Basics(ctx, from.Format(time.DateOnly), *day)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, r)
			}
			done := map[string]bool{}
			for _, t := range r.Ticks {
				done[fmt.Sprint(t.BasicID, t.Day)] = true
			}
			if len(r.Basics) == 0 {
				fmt.Fprintln(env.Stdout, "No daily basics yet; add one with `peerplaypay basics add \"Plan the day\"`.")
			}
			for _, b := range r.Basics {
				if b.Archived {
					continue
				}
				var marks strings.Builder
				for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
					if done[fmt.Sprint(b.ID, d.Format(time.DateOnly))] {
						marks.WriteString("■")
					} else {
						marks.WriteString("·")
					}
				}
				fmt.Fprintf(env.Stdout, "%4d  %s  %s\n", b.ID, marks.String(), b.Title)
			}
		}
		return nil
	}
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }
func (l *listFlag) Type() string       { return "ID" }

func learnCmd(env *Env, dir *string) *cobra.Command {
	learn := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runLearn(env, dir, sub, fs) }
	}
	return group("learn", "your learning log and this week's total", "want `learn add --what T --minutes N` or `learn list [--json]`",
		leaf("add --what T --minutes N [--item ID] [--kind read|listened|watched|practised] [--takeaways T]", "log what you learnt", noArgs, learn("add")),
		leaf("list [--json] [--from DATE] [--to DATE]", "your learning log and this week's total", noArgs, learn("list")))
}

func runLearn(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	var l peerplaypay.Learning
	var items listFlag
	var from, to string
	switch sub {
	case "add":
		fs.StringVar(&l.What, "what", "", "what you read, listened to, watched or practised")
		fs.IntVar(&l.Minutes, "minutes", 0, "how long")
		fs.StringVar(&l.Kind, "kind", peerplaypay.LearnRead, "read, listened, watched or practised")
		fs.StringVar(&l.Takeaways, "takeaways", "", "key takeaways")
		fs.StringVar(&l.Day, "day", "", "the day, YYYY-MM-DD (default today)")
		fs.Var(&items, "item", "a framework item it grows (repeatable)")
	case "list":
		fs.StringVar(&from, "from", "", "first day, YYYY-MM-DD")
		fs.StringVar(&to, "to", "", "last day, YYYY-MM-DD")
	}
	return func(ctx context.Context, _ []string) error {
		if sub == "add" && (l.What == "" || l.Minutes == 0) {
			return usageError{errors.New("learn add needs --what and --minutes")}
		}
		db, g, err := growth(ctx, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		if sub == "add" {
			l.ItemIDs = items
			if _, err := g.AddLearning(ctx, &l); err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, l)
			}
			fmt.Fprintln(env.Stdout, l.ID)
			return nil
		}
		ls, err := g.Learning(ctx, from, to)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, ls)
		}
		p, err := g.Practice(ctx, "")
		if err != nil {
			return err
		}
		for _, l := range ls {
			fmt.Fprintf(env.Stdout, "%5d  %s  %-9s  %4d min  %s\n", l.ID, l.Day, l.Kind, l.Minutes, firstLine(l.What, 50))
		}
		fmt.Fprintf(env.Stdout, "This week: %d minutes of learning.\n", p.WeekLearningMinutes)
		return nil
	}
}

func reflectCmd(env *Env, dir *string) *cobra.Command {
	return leaf("reflect --minutes N --note T", "keep a reflection in your private journal", noArgs, func(fs *pflag.FlagSet) runner {
		var r peerplaypay.Reflection
		fs.IntVar(&r.Minutes, "minutes", 0, "how long you reflected")
		fs.StringVar(&r.Note, "note", "", "your private journal note")
		fs.StringVar(&r.Day, "day", "", "the day, YYYY-MM-DD (default today)")
		return func(ctx context.Context, _ []string) error {
			if r.Minutes == 0 && r.Note == "" {
				return usageError{errors.New("reflect needs --minutes N and/or --note T")}
			}
			db, g, err := growth(ctx, *dir)
			if err != nil {
				return err
			}
			defer db.Close()
			if r.Prompt, err = g.Prompt(ctx); err != nil {
				return err
			}
			if _, err := g.SaveReflection(ctx, &r); err != nil {
				return err
			}
			p, err := g.Practice(ctx, r.Day)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Reflection kept (private): %d of %d minutes on %s.\n", p.ReflectionMinutes, p.ReflectionTarget, p.Day)
			return nil
		}
	})
}

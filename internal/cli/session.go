package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sessionexport"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// sessionService opens the database, the team service and the sessions.
func sessionService(ctx context.Context, env *Env, dirFlag string) (*sqlite.DB, *teamsync.Service, *sqlite.SessionService, error) {
	db, team, err := teamService(ctx, env, dirFlag)
	if err != nil {
		return nil, nil, nil, err
	}
	s := sqlite.NewSessionService(db, func(ctx context.Context) sqlite.SessionPeople {
		me, name, names := team.People(ctx)
		return sqlite.SessionPeople{People: sqlite.People{Me: me, MyName: name, Names: names}, Active: team.ActiveMembers(ctx)}
	})
	return db, team, s, nil
}

// sessionDay reads --day, or gives the next session's day.
func sessionDay(ctx context.Context, s *sqlite.SessionService, day string) (string, error) {
	if day == "" {
		return s.NextDay(ctx, time.Now()), nil
	}
	if !peerplaypay.IsSessionDay(day) {
		return "", usageErrorf("--day %q is not a day: write it as YYYY-MM-DD, such as 2026-12-07", day)
	}
	return day, nil
}

func partArg(n int) (int, error) {
	if n < 1 {
		return 0, usageErrorf("--part %d is not a part: parts are numbered from 1 (`peerplaypay session show` lists them)", n)
	}
	return n - 1, nil
}

func resultArg(s string) (string, error) {
	r := strings.ToLower(strings.TrimSpace(s))
	if r == "did-not-work" || r == "didnt" {
		r = peerplaypay.OutcomeFailed
	}
	if !peerplaypay.IsOutcome(r) {
		return "", usageErrorf("%q is not an outcome: write worked, failed or learned", s)
	}
	return r, nil
}

func sessionCmd(env *Env, dir *string) *cobra.Command {
	session := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runSession(env, dir, sub, fs) }
	}
	return group("session", "the weekly session: its parts, items, dots, notes, decisions and outcomes",
		"want `session show`, `session add-item`, `session vote`, `session note` or `session export` (`peerplaypay help`)",
		leaf("show [--json] [--day D]", "the next weekly session (or the one of day D): parts, items, dots, notes", noArgs, session("show")),
		leaf(`add-item --part N "text" [--day D]`, "add an item to a part of the session", exactArgs(1), session("add-item")),
		leaf(`edit-item ITEM "text"`, "change your item", exactArgs(2), session("edit-item")),
		leaf("delete-item ITEM", "delete your item", exactArgs(1), session("delete-item")),
		leaf(`comment ITEM "text"`, "comment on an item", exactArgs(2), session("comment")),
		leaf(`edit-comment COMMENT "text"`, "change your own comment", exactArgs(2), session("edit-comment")),
		leaf("delete-comment COMMENT", "delete your own comment", exactArgs(1), session("delete-comment")),
		leaf("vote ITEM [--undo]", "put a dot on an item (3 dots a part each)", exactArgs(1), session("vote")),
		leaf(`note "text" [--part N] [--decision] [--edit NOTE] [--day D]`, "a note or decision, typed live", exactArgs(1), session("note")),
		leaf("outcome ITEM worked|failed|learned [--note T]", "what came of a success moment", exactArgs(2), session("outcome")),
		leaf("list [--json]", "past sessions", noArgs, session("list")),
		leaf("export --format md|pdf FILE [--day D]", "the session's summary", exactArgs(1), session("export")))
}

func runSession(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print as JSON")
	day := fs.String("day", "", "the session's day, YYYY-MM-DD (default: the next session)")
	part := fs.Int("part", 0, "the part, from 1")
	undo := fs.Bool("undo", false, "take a dot back")
	decision := fs.Bool("decision", false, "a decision rather than a note")
	edit := fs.String("edit", "", "the `NOTE` to change (its uid, from `session show --json`)")
	note := fs.String("note", "", "what happened, in a few words")
	format := fs.String("format", "", "md or pdf")
	return func(ctx context.Context, pos []string) error {
		var err error
		// Arguments are read before the database opens: a bad one changes nothing.
		var item int64
		switch sub {
		case "edit-item", "comment", "delete-item", "vote", "outcome":
			if item, err = idArg(pos[0], "session item", "`peerplaypay session show`"); err != nil {
				return err
			}
		case "edit-comment", "delete-comment":
			if item, err = idArg(pos[0], "session comment", "`peerplaypay session show`"); err != nil {
				return err
			}
		case "export":
			if *format != "md" && *format != "pdf" {
				return usageErrorf("--format %q: write --format md or --format pdf", *format)
			}
			if st, err := os.Stat(filepath.Dir(pos[0])); err != nil || !st.IsDir() {
				return usageErrorf("the folder of %s does not exist: give a file in an existing folder", pos[0])
			}
		}
		var result string
		if sub == "outcome" {
			if result, err = resultArg(pos[1]); err != nil {
				return err
			}
		}
		p := 0
		if *part != 0 {
			if p, err = partArg(*part); err != nil {
				return err
			}
		}
		db, _, s, err := sessionService(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		d, err := sessionDay(ctx, s, *day)
		if err != nil {
			return err
		}
		if sub == "add-item" && *part == 0 {
			// Without a team there are no parts to choose from: say that first.
			if err := s.CheckTeam(ctx); err != nil {
				return err
			}
			ts, err := s.Session(ctx, d)
			if err != nil {
				return err
			}
			return usageErrorf("say which part the item goes to: --part N (1 to %d; `peerplaypay session show` lists them)", len(ts.Parts))
		}
		switch sub {
		case "show":
			ts, err := s.Session(ctx, d)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, ts)
			}
			printSession(env.Stdout, ts)
			return nil
		case "list":
			list, err := s.PastSessions(ctx, d)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, list)
			}
			if len(list) == 0 {
				fmt.Fprintln(env.Stdout, "No past sessions yet: add items to the next one with `peerplaypay session add-item --part N \"text\"`.")
			}
			for _, x := range list {
				fmt.Fprintf(env.Stdout, "%s  %d items, %d decisions\n", x.Day, x.Items, x.Decisions)
			}
			return nil
		case "add-item":
			it, err := s.AddItem(ctx, d, p, pos[0])
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, it.ID)
			return nil
		case "edit-item":
			return s.EditItem(ctx, item, pos[1])
		case "delete-item":
			return s.DeleteItem(ctx, item)
		case "comment":
			return s.CommentItem(ctx, item, pos[1])
		case "edit-comment":
			return s.EditComment(ctx, item, pos[1])
		case "delete-comment":
			return s.DeleteComment(ctx, item)
		case "vote":
			return s.Vote(ctx, item, *undo)
		case "outcome":
			return s.MomentOutcome(ctx, d, item, result, *note)
		case "note":
			kind := peerplaypay.NoteNote
			if *decision {
				kind = peerplaypay.NoteDecision
			}
			prev := ""
			if *edit != "" {
				if prev, p, err = noteHead(ctx, s, d, *edit); err != nil {
					return err
				}
			}
			n, err := s.Note(ctx, d, p, kind, pos[0], *edit, prev)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, n.UID)
			return nil
		case "export":
			ts, err := s.Session(ctx, d)
			if err != nil {
				return err
			}
			return writeExport(pos[0], func(w io.Writer) error {
				if *format == "pdf" {
					return sessionexport.PDF(w, ts, time.Now())
				}
				return sessionexport.Markdown(w, ts)
			})
		}
		return nil
	}
}

// noteHead finds the revision of note uid a new one replaces: the one
// shown, or the newest of several written at once.
func noteHead(ctx context.Context, s *sqlite.SessionService, day, uid string) (string, int, error) {
	ts, err := s.Session(ctx, day)
	if err != nil {
		return "", 0, err
	}
	var head *peerplaypay.SessionNote
	for _, p := range ts.Parts {
		for _, n := range p.Notes {
			if n.UID == uid && (head == nil || n.At.After(head.At)) {
				head = n
			}
		}
	}
	if head == nil {
		return "", 0, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no note %s in the session of %s: `peerplaypay session show --json` lists the notes with their uids.", uid, day)
	}
	return head.Rev, head.Part, nil
}

// writeExport writes a file whole or not at all: into a temporary file
// beside it, renamed over it once complete.
func writeExport(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".export-*")
	if err != nil {
		return peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write in the folder of %s (%v): choose a folder you can write to.", path, err)
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	// A summary to pass around, not a secret.
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write %s (%v): choose another file.", path, err)
	}
	return nil
}

func printSession(w io.Writer, ts *peerplaypay.TeamSession) {
	fmt.Fprintf(w, "Team session of %s at %s, %d min", ts.Day, ts.Time, ts.Minutes)
	if ts.FacilitatorName != "" {
		fmt.Fprintf(w, ", facilitated by %s", ts.FacilitatorName)
	}
	fmt.Fprintln(w)
	if len(ts.Running) > 0 || len(ts.LastMoments) > 0 {
		fmt.Fprintln(w, "\nFollow-up: what came of these? (`peerplaypay experiments outcome ID ...`, `peerplaypay session outcome ITEM ...`)")
		for _, e := range ts.Running {
			fmt.Fprintf(w, "  experiment %d: %s (owner %s, until %s) — %s\n", e.ID, e.Hypothesis, e.OwnerName, e.EndDay, outcomeText(e.Outcome))
		}
		for _, m := range ts.LastMoments {
			fmt.Fprintf(w, "  moment [%d] of %s: %s — %s\n", m.ID, ts.LastDay, m.Text, outcomeText(m.Outcome))
		}
	}
	for _, p := range ts.Parts {
		fmt.Fprintf(w, "\n%d. %s (%d min; my dots %d/%d)\n", p.Index+1, p.Name, p.Minutes, p.MyDots, peerplaypay.DotsPerPart)
		if len(p.Items) == 0 {
			fmt.Fprintf(w, "  no items yet: add one with `peerplaypay session add-item --part %d \"text\"`\n", p.Index+1)
		}
		for _, it := range p.Items {
			fmt.Fprintf(w, "  [%d] %s — %s, %d dots\n", it.ID, it.Text, it.AuthorName, it.Votes)
			for _, c := range it.Comments {
				edited := ""
				if c.EditedAt != "" {
					edited = " (edited)"
				}
				fmt.Fprintf(w, "      (%d) %s: %s%s\n", c.ID, c.AuthorName, c.Text, edited)
			}
		}
		for _, n := range p.Notes {
			mark := ""
			if n.Conflict {
				mark = " [two versions written at once]"
			}
			fmt.Fprintf(w, "  %s: %s (%s)%s\n", strings.ToUpper(n.Kind[:1])+n.Kind[1:], n.Text, n.AuthorName, mark)
		}
	}
}

func outcomeText(o *peerplaypay.Outcome) string {
	if o == nil {
		return "no outcome yet"
	}
	s := o.Result
	if o.Note != "" {
		s += ": " + o.Note
	}
	return s
}

func experimentsCmd(env *Env, dir *string) *cobra.Command {
	experiments := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runExperiments(env, dir, sub, fs) }
	}
	return group("experiments", "the team's experiments; ended experiments stay in the list",
		"want `experiments list`, `experiments add` or `experiments outcome ID worked|failed|learned --note T`",
		leaf("list [--json] [--query WORDS]", "the team's experiments", noArgs, experiments("list")),
		leaf("add --item ITEM --hypothesis T --measure T --end DATE [--owner NAME]", "start an experiment from a session's item", noArgs, experiments("add")),
		leaf("outcome ID worked|failed|learned --note T", "what came of an experiment", exactArgs(2), experiments("outcome")))
}

func runExperiments(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print as JSON")
	query := fs.String("query", "", "words to find")
	note := fs.String("note", "", "what happened, in a few words")
	item := fs.Int64("item", 0, "the experiments' `ITEM` it comes from (`session show`)")
	hypothesis := fs.String("hypothesis", "", "what we believe will happen")
	measure := fs.String("measure", "", "how we will know")
	end := fs.String("end", "", "its end date, YYYY-MM-DD")
	owner := fs.String("owner", "", "who runs it (a member's name; default: you)")
	day := fs.String("day", "", "the session it is decided or followed up at (default: the next)")
	return func(ctx context.Context, pos []string) error {
		var err error
		var id int64
		var result string
		if sub == "outcome" {
			if id, err = idArg(pos[0], "experiment", "`peerplaypay experiments list`"); err != nil {
				return err
			}
			if result, err = resultArg(pos[1]); err != nil {
				return err
			}
			if strings.TrimSpace(*note) == "" {
				return usageErrorf("say what happened with --note \"...\" (a few words are enough)")
			}
		}
		if sub == "add" && (*hypothesis == "" || *measure == "" || *end == "") {
			return usageErrorf("an experiment needs --hypothesis, --measure (how we will know) and --end YYYY-MM-DD")
		}
		db, team, s, err := sessionService(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		d, err := sessionDay(ctx, s, *day)
		if err != nil {
			return err
		}
		switch sub {
		case "list":
			list, err := s.Experiments(ctx, *query)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, list)
			}
			if len(list) == 0 {
				fmt.Fprintln(env.Stdout, "No experiments yet: make one from an item of part 2 with `peerplaypay experiments add --item ITEM --hypothesis T --measure T --end DATE`.")
			}
			for _, e := range list {
				state := "running"
				if e.Outcome != nil {
					state = "ended, " + outcomeText(e.Outcome)
				}
				fmt.Fprintf(env.Stdout, "%d  %s (owner %s, until %s; know by: %s) — %s\n", e.ID, e.Hypothesis, e.OwnerName, e.EndDay, e.Measure, state)
			}
			return nil
		case "add":
			ownerID := ""
			if *owner != "" {
				if ownerID, err = memberArg(team.MemberNames(ctx), *owner); err != nil {
					return err
				}
			}
			e, err := s.CreateExperiment(ctx, d, *item, *hypothesis, ownerID, *measure, *end)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, e.ID)
			return nil
		case "outcome":
			return s.ExperimentOutcome(ctx, d, id, result, *note)
		}
		return nil
	}
}

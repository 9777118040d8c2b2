package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/insights"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

func goalsCmd(env *Env, dir *string) *cobra.Command {
	goals := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runGoals(env, dir, sub, fs) }
	}
	id := exactArgs(1)
	return group("goals", "your goals and the team's: add, check in, change status, offer and accept help",
		"want `goals add|list|show|checkin|status|help-offer|help-accept|delete`",
		leaf(`add --title T --kind result|action|behaviour [--measure "unit start target"] [--milestones "step; step; ..."] [--scale] [--due DATE] [--parent ID] [--level personal|team|organisation] [--private] [--description T] [--confidence 1-5] [--need-help T]`,
			"add a goal, print its id", noArgs, goals("add")),
		leaf("list [--tree] [--json]", "your goals and the team's (--tree: the alignment tree)", noArgs, goals("list")),
		leaf("show ID [--json]", "one goal with its check-ins and offers of help", id, goals("show")),
		leaf("checkin ID --value V [--confidence N] [--note T] [--done MILESTONE_ID,...]", "check in on a goal: its new value, your confidence, what happened", id, goals("checkin")),
		leaf("status ID on_track|at_risk|off_track|achieved|dropped [--reason T]", "change a goal's status (dropping needs a reason)", exactArgs(2), goals("status")),
		leaf(`help-offer ID "what I can do"`, "offer help on a peer's goal", exactArgs(2), goals("help-offer")),
		leaf("help-accept OFFER_ID", "accept an offer of help on your goal", id, goals("help-accept")),
		leaf("delete ID [--children refuse|lift|detach|delete]", "delete a goal (--children refuse: fail if goals serve it)", id, goals("delete")))
}

func runGoals(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	var (
		in                               peerplaypay.GoalInput
		measure, milestones, parent, due string
		private, scale, tree             bool
		value                            float64
		confidence                       int
		note, reason, done, children     string
	)
	switch sub {
	case "add":
		fs.StringVar(&in.Title, "title", "", "what you want to reach, do or practise")
		fs.StringVar((*string)(&in.Kind), "kind", "", "result, action or behaviour")
		fs.StringVar(&in.Description, "description", "", "what exactly, for whom")
		fs.StringVar(&measure, "measure", "", `a number: "unit start target", e.g. "p95 latency ms 800 200"`)
		fs.StringVar(&milestones, "milestones", "", `a checklist: "step; step; ..."`)
		fs.BoolVar(&scale, "scale", false, "a self-rated 1-5 scale (behaviours)")
		fs.StringVar(&due, "due", "", "due date, YYYY-MM-DD")
		fs.StringVar(&parent, "parent", "", "the ID of the goal it serves")
		fs.StringVar((*string)(&in.Level), "level", "personal", "personal, team or organisation")
		fs.BoolVar(&private, "private", false, "keep it on this laptop (not shared with the team)")
		fs.IntVar(&in.Confidence, "confidence", 0, "how sure you are to reach it, 1-5")
		fs.StringVar(&in.NeedHelp, "need-help", "", "where you need help")
	case "list":
		fs.BoolVar(&tree, "tree", false, "show the alignment tree")
	case "show", "delete", "help-accept":
		fs.StringVar(&children, "children", "refuse", "goals delete: what becomes of the goals that serve it: refuse, lift, detach or delete")
	case "checkin":
		fs.Float64Var(&value, "value", 0, "the new value (number), or level 1-5 (scale)")
		fs.IntVar(&confidence, "confidence", 0, "how sure you are now, 1-5")
		fs.StringVar(&note, "note", "", "what happened")
		fs.StringVar(&done, "done", "", "the milestone `IDs` ticked, comma-separated (see `goals show`)")
	case "status":
		fs.StringVar(&reason, "reason", "", "why (needed to drop a goal)")
	}
	return func(ctx context.Context, rest []string) error {
		var id int64
		var err error
		if len(rest) > 0 {
			if id, err = strconv.ParseInt(rest[0], 10, 64); err != nil || id <= 0 {
				return usageError{fmt.Errorf("%q is not a goal ID (a number; `goals list` shows them)", rest[0])}
			}
		}
		set := map[string]bool{}
		fs.Visit(func(f *pflag.Flag) { set[f.Name] = true })

		db, team, err := teamService(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		goals := goalService(team, db)
		if err := goals.RememberMe(ctx); err != nil {
			return err
		}

		switch sub {
		case "add":
			if in.Title == "" {
				return usageError{errors.New("goals add needs --title")}
			}
			if in.Kind == "" {
				return usageError{errors.New("goals add needs --kind result, action or behaviour")}
			}
			if n := btoi(measure != "") + btoi(milestones != "") + btoi(scale); n > 1 {
				return usageError{errors.New("choose one measure: --measure, --milestones or --scale")}
			}
			switch {
			case measure != "":
				m, err := parseMeasure(measure)
				if err != nil {
					return usageError{err}
				}
				in.Measure = m
			case milestones != "":
				in.Measure.Type = peerplaypay.MeasureMilestones
				for _, t := range strings.Split(milestones, ";") {
					in.Measure.Milestones = append(in.Measure.Milestones, peerplaypay.Milestone{Title: t})
				}
			case scale:
				in.Measure.Type = peerplaypay.MeasureScale
			}
			in.Due = due
			if private {
				in.Visibility = peerplaypay.VisibilityPrivate
			}
			if parent != "" {
				if in.ParentUID, err = parentUID(ctx, goals, parent); err != nil {
					return err
				}
			}
			g, err := goals.CreateGoal(ctx, in)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, g)
			}
			fmt.Fprintln(env.Stdout, g.ID)
			return nil
		case "list":
			gs, err := goals.Goals(ctx)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, gs)
			}
			if tree {
				printTree(env.Stdout, gs)
			} else {
				for _, g := range gs {
					printGoalLine(env.Stdout, g, "")
				}
			}
			if len(gs) == 0 {
				fmt.Fprintln(env.Stderr, "No goals yet: add one with `peerplaypay goals add --title T --kind result|action|behaviour`.")
				return nil
			}
			fmt.Fprintf(env.Stderr, "%d goal(s)\n", len(gs))
			return nil
		case "show":
			d, err := goals.Goal(ctx, id)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, d)
			}
			printGoal(env.Stdout, d)
			return nil
		case "checkin":
			var in peerplaypay.CheckinInput
			if set["value"] {
				in.Value = &value
			}
			in.Confidence, in.Note = confidence, note
			for _, m := range strings.Split(done, ",") {
				if m = strings.TrimSpace(m); m != "" {
					in.MilestonesDone = append(in.MilestonesDone, m)
				}
			}
			c, err := goals.CheckIn(ctx, id, in)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, c)
			}
			fmt.Fprintf(env.Stderr, "Checked in on goal %d.\n", id)
			return nil
		case "status":
			g, err := goals.SetGoalStatus(ctx, id, peerplaypay.GoalStatus(rest[1]), reason)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, g)
			}
			fmt.Fprintf(env.Stderr, "Goal %d is now %s.\n", id, statusWords(g.Status))
			return nil
		case "help-offer":
			o, err := goals.OfferHelp(ctx, id, rest[1])
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, o)
			}
			fmt.Fprintln(env.Stdout, o.ID)
			return nil
		case "help-accept":
			o, err := goals.AcceptHelp(ctx, id)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, o)
			}
			fmt.Fprintf(env.Stderr, "Accepted the offer of %s on “%s”.\n", goalWho(o.AuthorName, o.Author), o.GoalTitle)
			return nil
		default: // delete
			if err := goals.DeleteGoal(ctx, id, peerplaypay.DeleteChildren(children)); err != nil {
				if peerplaypay.ErrorCode(err) == peerplaypay.ECONFLICT && children == "refuse" {
					return peerplaypay.Errorf(peerplaypay.ECONFLICT, "%s Run again with --children lift, detach or delete.", peerplaypay.ErrorMessage(err))
				}
				return err
			}
			fmt.Fprintf(env.Stderr, "Deleted goal %d.\n", id)
			return nil
		}
	}
}

// goalService is the goal service of the command's data folder, naming
// members as the window does.
func goalService(team *teamsync.Service, db *sqlite.DB) *sqlite.GoalService {
	return sqlite.NewGoalService(db, func(ctx context.Context) sqlite.People {
		me, name, names := team.People(ctx)
		return sqlite.People{Me: me, MyName: name, Names: names}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// parseMeasure reads "unit start target": the unit is everything before
// the last two numbers ("p95 latency ms 800 200"); an arrow between them
// is allowed ("800 -> 200").
func parseMeasure(s string) (peerplaypay.Measure, error) {
	var words []string
	for _, w := range strings.Fields(s) {
		if w != "->" && w != "→" {
			words = append(words, w)
		}
	}
	bad := fmt.Errorf(`--measure %q: want "unit start target", e.g. "p95 latency ms 800 200"`, s)
	if len(words) < 2 {
		return peerplaypay.Measure{}, bad
	}
	start, err1 := strconv.ParseFloat(words[len(words)-2], 64)
	target, err2 := strconv.ParseFloat(words[len(words)-1], 64)
	if err1 != nil || err2 != nil || math.IsNaN(start) || math.IsNaN(target) {
		return peerplaypay.Measure{}, bad
	}
	return peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Unit: strings.Join(words[:len(words)-2], " "),
		Start: start, Target: target, Current: start}, nil
}

// parentUID turns --parent (a goal's ID, or its uid) into the uid.
func parentUID(ctx context.Context, goals *sqlite.GoalService, ref string) (string, error) {
	if peerplaypay.IsUID(ref) {
		return ref, nil
	}
	id, err := strconv.ParseInt(ref, 10, 64)
	if err != nil {
		return "", usageError{fmt.Errorf("--parent %q is not a goal ID (a number; `goals list` shows them)", ref)}
	}
	d, err := goals.Goal(ctx, id)
	if err != nil {
		return "", err
	}
	return d.Goal.UID, nil
}

func statusWords(s peerplaypay.GoalStatus) string { return strings.ReplaceAll(string(s), "_", " ") }

func printGoalLine(w io.Writer, g *peerplaypay.Goal, indent string) {
	who := goalWho(g.OwnerName, g.Owner)
	flags := ""
	if g.Visibility == peerplaypay.VisibilityPrivate {
		flags += " (private)"
	}
	if g.CheckinDue {
		flags += " (check-in due)"
	}
	// The status its figures show, as the window shows it; the owner's
	// own word beside it when it is kinder.
	shown := insights.Shown(g.Status, g.SuggestedStatus)
	if shown != g.Status {
		flags += " (set: " + statusWords(g.Status) + ")"
	}
	title := indent + firstLine(g.Title, 40)
	fmt.Fprintf(w, "%6d  %-12s %3.0f%%  %-9s  %-48s  %s%s\n", g.ID, g.Level, 100*g.Progress, statusWords(shown), title, who, flags)
}

// printTree prints the alignment tree: organisation goals at the top, the
// goals that serve each one under it. A goal whose parent is not here
// (deleted, private elsewhere) shows at the top.
func printTree(w io.Writer, gs []*peerplaypay.Goal) {
	byUID := map[string]bool{}
	kids := map[string][]*peerplaypay.Goal{}
	for _, g := range gs {
		byUID[g.UID] = true
	}
	var roots []*peerplaypay.Goal
	for _, g := range gs {
		if g.ParentUID != "" && byUID[g.ParentUID] {
			kids[g.ParentUID] = append(kids[g.ParentUID], g)
		} else {
			roots = append(roots, g)
		}
	}
	rank := map[peerplaypay.GoalLevel]int{peerplaypay.LevelOrganisation: 0, peerplaypay.LevelTeam: 1, peerplaypay.LevelPersonal: 2}
	sort.SliceStable(roots, func(i, j int) bool { return rank[roots[i].Level] < rank[roots[j].Level] })
	seen := map[string]bool{}
	var walk func(g *peerplaypay.Goal, depth int)
	walk = func(g *peerplaypay.Goal, depth int) {
		if seen[g.UID] {
			return
		}
		seen[g.UID] = true
		printGoalLine(w, g, strings.Repeat("  ", depth))
		for _, k := range kids[g.UID] {
			walk(k, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
}

func printGoal(w io.Writer, d *peerplaypay.GoalDetail) {
	g := d.Goal
	fmt.Fprintf(w, "Goal %d: %s\n%s %s goal of %s, %s, %s\n", g.ID, g.Title, g.Level, g.Kind, goalWho(g.OwnerName, g.Owner),
		g.Visibility, statusWords(g.Status))
	if g.StatusReason != "" {
		fmt.Fprintf(w, "Reason: %s\n", g.StatusReason)
	}
	if g.Description != "" {
		fmt.Fprintf(w, "\n%s\n\n", g.Description)
	}
	m := g.Measure
	switch m.Type {
	case peerplaypay.MeasureNumber:
		fmt.Fprintf(w, "Measure: %s %g -> %g, now %g (%.0f%%)\n", m.Unit, m.Start, m.Target, m.Current, 100*g.Progress)
	case peerplaypay.MeasureMilestones:
		fmt.Fprintf(w, "Milestones (%.0f%%):\n", 100*g.Progress)
		for _, x := range m.Milestones {
			mark := " "
			if x.Done {
				mark = "x"
			}
			fmt.Fprintf(w, "  [%s] %s  (%s)\n", mark, x.Title, x.ID)
		}
	case peerplaypay.MeasureScale:
		fmt.Fprintf(w, "Scale: level %g of 5\n", m.Current)
		for i, l := range m.Levels {
			fmt.Fprintf(w, "  %d: %s\n", i+1, l)
		}
	default:
		fmt.Fprintln(w, "Measure: none yet")
	}
	if g.Due != "" {
		fmt.Fprintf(w, "Due: %s\n", g.Due)
	}
	if g.Confidence > 0 {
		fmt.Fprintf(w, "Confidence: %d/5\n", g.Confidence)
	}
	if d.Parent != nil {
		fmt.Fprintf(w, "Serves: %d %s\n", d.Parent.ID, d.Parent.Title)
	}
	for _, c := range d.Children {
		fmt.Fprintf(w, "Served by: %d %s\n", c.ID, c.Title)
	}
	if g.NeedHelp != "" {
		fmt.Fprintf(w, "Where I need help: %s\n", g.NeedHelp)
	}
	if len(d.Checkins) > 0 {
		fmt.Fprintln(w, "\nCheck-ins:")
		for _, c := range d.Checkins {
			fmt.Fprintf(w, "  %s  %g", c.At[:10], c.Value)
			if c.Confidence > 0 {
				fmt.Fprintf(w, "  confidence %d/5", c.Confidence)
			}
			if c.Note != "" {
				fmt.Fprintf(w, "  %s", firstLine(c.Note, 60))
			}
			fmt.Fprintln(w)
		}
	}
	if len(d.Offers) > 0 {
		fmt.Fprintln(w, "\nOffers of help:")
		for _, o := range d.Offers {
			state := "open"
			if o.Accepted {
				state = "accepted"
			}
			fmt.Fprintf(w, "  %d  %s (%s): %s\n", o.ID, goalWho(o.AuthorName, o.Author), state, o.Text)
		}
	}
}

// goalWho names a member, or shows the start of their ID when the name is
// not known here (not synced yet).
func goalWho(name, id string) string {
	switch {
	case name != "":
		return name
	case len(id) > 12:
		return id[:12]
	case id == "":
		return "a member"
	}
	return id
}

package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/insights"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

func insightsCmd(env *Env, dir *string) *cobra.Command {
	c := leaf("insights [--me|--team] [--period week|month|quarter | --from D --to D] [--json]", "your own insights, or the team's", noArgs, func(fs *pflag.FlagSet) runner {
		me := fs.Bool("me", false, "your own insights (the default)")
		team := fs.Bool("team", false, "the team's insights, from what members shared")
		period := fs.String("period", "", "week, month or quarter, ending today")
		from := fs.String("from", "", "the first day, YYYY-MM-DD (with --to)")
		to := fs.String("to", "", "the last day, YYYY-MM-DD (with --from)")
		asJSON := fs.Bool("json", false, "print as JSON")
		return func(ctx context.Context, _ []string) error {
			if *me && *team {
				return usageErrorf("choose --me or --team, not both")
			}
			kind := *period
			if *from != "" || *to != "" {
				if kind != "" {
					return usageErrorf("choose --period or --from and --to, not both")
				}
				kind = "custom"
			}
			now := time.Now()
			p, err := insights.PeriodOf(kind, *from, *to, now)
			if err != nil {
				return usageErrorf("%s", peerplaypay.ErrorMessage(err))
			}
			db, svc, err := teamService(ctx, env, *dir)
			if err != nil {
				return err
			}
			defer db.Close()
			store := sqlite.NewInsightsStore(db, func(ctx context.Context) sqlite.SessionPeople {
				id, name, names := svc.People(ctx)
				return sqlite.SessionPeople{People: sqlite.People{Me: id, MyName: name, Names: names}, Active: svc.ActiveMembers(ctx)}
			})
			if *team {
				t, err := store.Team(ctx, p, now)
				if err != nil {
					return err
				}
				if *asJSON {
					return writeJSON(env.Stdout, t)
				}
				printTeam(env.Stdout, t)
				return nil
			}
			m, err := store.Me(ctx, p, now)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, m)
			}
			printMe(env.Stdout, m)
			return nil
		}
	})
	c.Long = "Your own insights (private: worked out here, for you alone), or the team's (only what members shared); the last 30 days unless told."
	return c
}

func hours(h *float64) string {
	if h == nil {
		return "no offer yet"
	}
	return fmt.Sprintf("first offer after %.1f h", *h)
}

func printMe(w io.Writer, m *insights.Me) {
	fmt.Fprintf(w, "Your insights, %s to %s (private: only you see them)\n\n", m.Period.From, m.Period.To)
	fmt.Fprintf(w, "Stand-up streak: %d working days (best %d). %s\n", m.Streak.Days, m.Streak.Best, m.Streak.Note)
	done := 0
	for _, d := range m.Calendar {
		if d.Standup {
			done++
		}
	}
	fmt.Fprintf(w, "Days with a stand-up: %d of %d\n", done, len(m.Calendar))
	fmt.Fprintf(w, "Help asked in %d of %d stand-ups (%d %%); %d got an offer", m.Help.Asked, m.Help.Standups, m.Help.Share, m.Help.Answered)
	if m.Help.Answered > 0 {
		fmt.Fprintf(w, ", the first after %.1f h (median)", m.Help.Median)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "\nGoals: %d open, %d at risk; %d check-ins made, %d asked by your cadence (every %d days)\n",
		len(m.Goals.Goals), m.Goals.AtRisk, m.Goals.Made, m.Goals.Expected, m.Goals.EveryDays)
	for _, g := range m.Goals.Goals {
		ideal := "no due date"
		if g.Ideal != nil {
			ideal = fmt.Sprintf("ideal %d %%", *g.Ideal)
		}
		mark := ""
		if g.AtRisk {
			mark = "  AT RISK"
		}
		fmt.Fprintf(w, "  %s: %d %% done, %s, %s%s\n", g.Title, g.Progress, ideal, statusWords(g.Shown), mark)
	}
	fmt.Fprintln(w, "\nGrowth:")
	if len(m.Growth.Moved) == 0 {
		fmt.Fprintln(w, "  No item moved between assessments in this period.")
	}
	for _, mv := range m.Growth.Moved {
		fmt.Fprintf(w, "  %s: %d → %d\n", mv.Name, mv.From, mv.To)
	}
	learn, reflect, target := 0, 0, 0
	for _, x := range m.Growth.Learning {
		learn += x.Minutes
	}
	for _, x := range m.Growth.Reflection {
		reflect, target = reflect+x.Minutes, target+x.Target
	}
	fmt.Fprintf(w, "  Learning: %d minutes; reflection: %d of %d minutes\n", learn, reflect, target)
	for _, b := range m.Growth.Basics {
		fmt.Fprintf(w, "  %s: kept %d of %d working days\n", b.Title, b.Kept, b.Days)
	}
	fmt.Fprintf(w, "\nThanks received (%d):\n", len(m.Thanks.Received))
	for _, t := range m.Thanks.Received {
		fmt.Fprintf(w, "  %s  from %s: %s\n", t.Day, t.FromName, t.Reason)
	}
	fmt.Fprintf(w, "Thanks given (%d):\n", len(m.Thanks.Given))
	for _, t := range m.Thanks.Given {
		fmt.Fprintf(w, "  %s  to %s: %s\n", t.Day, t.ToName, t.Reason)
	}
}

func printTeam(w io.Writer, t *insights.Team) {
	fmt.Fprintf(w, "The team's insights, %s to %s (only what members shared)\n\n", t.Period.From, t.Period.To)
	if t.NoTeam {
		fmt.Fprintln(w, "No team yet: create or join one (`peerplaypay team create` or `team join`), and what members share shows here.")
		return
	}
	total := 0
	for _, x := range t.StandupsPerWeek {
		total += x.Count
	}
	fmt.Fprintf(w, "Stand-ups: %d in %d weeks (the team's total)\n", total, len(t.StandupsPerWeek))
	fmt.Fprintf(w, "Help: %d requests, %d still open", t.Help.Asked, t.Help.Open)
	if t.Help.Answered > 0 {
		fmt.Fprintf(w, "; the first offer came after %.1f h (median)", t.Help.Median)
	}
	fmt.Fprintln(w)
	for _, r := range t.Help.Requests {
		fmt.Fprintf(w, "  %s  %s: %s (%s)\n", r.Day, r.Who, r.Text, hours(r.FirstHrs))
	}
	fmt.Fprint(w, "Goals:")
	for _, s := range t.GoalsByStatus {
		fmt.Fprintf(w, " %s %d;", statusWords(s.Status), s.Count)
	}
	fmt.Fprintln(w)
	for _, g := range t.AtRiskGoals {
		fmt.Fprintf(w, "  at risk: %s (%s), %d %% done, due %s\n", g.Title, g.OwnerName, g.Progress, g.Due)
	}
	fmt.Fprintf(w, "Experiments (%d):\n", len(t.Experiments))
	for _, e := range t.Experiments {
		out := e.Outcome
		if out == "" {
			out = "running"
		}
		fmt.Fprintf(w, "  %s  %s: %s\n", e.Session, e.Hypothesis, out)
	}
	fmt.Fprintf(w, "Success stories (%d):\n", len(t.Stories))
	for _, s := range t.Stories {
		fmt.Fprintf(w, "  %s  %s: %s\n", s.Session, s.AuthorName, s.Text)
	}
	fmt.Fprintf(w, "Thanks network: %s\n", t.Network.Note)
	names := map[string]string{}
	for _, p := range t.Network.People {
		names[p.ID] = p.Name
	}
	for _, l := range t.Network.Links {
		for _, r := range l.Reasons {
			fmt.Fprintf(w, "  %s → %s: %s\n", names[l.From], names[l.To], r.Reason)
		}
	}
}

package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/report"
	"peerplaypay/internal/sqlite"
)

// reportService opens the database, the team service and the reports.
func reportService(ctx context.Context, env *Env, dirFlag string) (*sqlite.DB, *sqlite.ReportService, error) {
	db, team, err := teamService(ctx, env, dirFlag)
	if err != nil {
		return nil, nil, err
	}
	return db, sqlite.NewReportService(db, func(ctx context.Context) sqlite.People {
		me, name, names := team.People(ctx)
		return sqlite.People{Me: me, MyName: name, Names: names}
	}), nil
}

// reportPeriod reads --from and --to: both, or neither for the last full
// quarter.
func reportPeriod(from, to string, now time.Time) (report.Period, error) {
	if (from == "") != (to == "") {
		return report.Period{}, usageErrorf("give both --from and --to (YYYY-MM-DD), or neither for the last full quarter")
	}
	if from == "" {
		return report.LastFullQuarter(now), nil
	}
	p := report.Period{From: from, To: to}
	if why := p.Check(); why != "" {
		return p, usageErrorf("%s: give --from YYYY-MM-DD --to YYYY-MM-DD, a year at most", why)
	}
	return p, nil
}

// exportFile checks, before anything is read or written, that a file can
// be made where path says.
func exportFile(flag, path string) error {
	if path == "" {
		return nil
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return usageErrorf("the folder of %s (%s) does not exist: give a file in an existing folder", flag, path)
	}
	return nil
}

func reportCmd(env *Env, dir *string) *cobra.Command {
	report := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runReport(env, dir, sub, fs) }
	}
	c := leaf("report [--from DATE --to DATE] [--pdf FILE | --md FILE] [--json]", "your contribution report of a period, in sentences", exactArgs(0), report(""))
	c.Long = "Your contribution report of a period, in sentences: Thanks received and what for, help given, goals achieved, " +
		"experiments led, success stories, learning (default period: the last full calendar quarter; a year at most)."
	c.AddCommand(
		leaf(`words "your own words" [--from DATE --to DATE]`, `keep your own words on that period's report ("" takes them away)`, exactArgs(1), report("words")),
		leaf("list [--json]", "your reports: ID, period, shared or yours alone", noArgs, report("list")),
		leaf("share ID", "send a report to your team as you see it now", exactArgs(1), report("share")),
		leaf("unshare ID", "take a shared report back", exactArgs(1), report("unshare")),
		leaf("team [ID] [--json] [--pdf FILE | --md FILE]", "the reports teammates shared with you; with ID, one in full", rangeArgs(0, 1), report("team")))
	return c
}

func runReport(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print as JSON")
	from := fs.String("from", "", "the period's first day, YYYY-MM-DD")
	to := fs.String("to", "", "the period's last day, YYYY-MM-DD")
	pdf := fs.String("pdf", "", "write the report as a PDF file")
	md := fs.String("md", "", "write the report as a Markdown file")
	return func(ctx context.Context, pos []string) error {
		// Arguments are read before the database opens: a bad one changes nothing.
		if *pdf != "" && *md != "" {
			return usageErrorf("give --pdf FILE or --md FILE, not both")
		}
		if err := exportFile("--pdf", *pdf); err != nil {
			return err
		}
		if err := exportFile("--md", *md); err != nil {
			return err
		}
		per, err := reportPeriod(*from, *to, time.Now())
		if err != nil {
			return err
		}
		var id int64
		switch {
		case sub == "share" || sub == "unshare":
			if id, err = idArg(pos[0], "report", "`peerplaypay report list`"); err != nil {
				return err
			}
		case sub == "team" && len(pos) == 1:
			if id, err = idArg(pos[0], "teammate's report", "`peerplaypay report team`"); err != nil {
				return err
			}
		case sub == "words":
			if why := peerplaypay.CheckText("own words", pos[0], peerplaypay.MaxReportWords, false); why != "" {
				return usageErrorf("%s: shorten them", why)
			}
		}
		db, s, err := reportService(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		switch sub {
		case "list":
			list, err := s.List(ctx)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, list)
			}
			if len(list) == 0 {
				fmt.Fprintln(env.Stdout, "No reports yet: `peerplaypay report` writes the one of the last quarter.")
			}
			for _, r := range list {
				fmt.Fprintf(env.Stdout, "%5d  %s  %s\n", r.ID, report.PeriodText(r.Report.Period), sharedWord(r))
			}
			return nil
		case "team":
			if len(pos) == 0 {
				list, err := s.TeamReports(ctx)
				if err != nil {
					return err
				}
				if *asJSON {
					return writeJSON(env.Stdout, list)
				}
				if len(list) == 0 {
					fmt.Fprintln(env.Stdout, "No teammate has shared a report with you yet.")
				}
				for _, r := range list {
					fmt.Fprintf(env.Stdout, "%5d  %s  %s\n", r.ID, r.Report.Name, report.PeriodText(r.Report.Period))
				}
				return nil
			}
			r, err := s.TeamReport(ctx, id)
			if err != nil {
				return err
			}
			return showReport(env, r, *asJSON, *pdf, *md)
		case "share", "unshare":
			share := s.Share
			if sub == "unshare" {
				share = s.Unshare
			}
			r, err := share(ctx, id)
			if err != nil {
				return err
			}
			if r.Shared {
				fmt.Fprintf(env.Stdout, "Report %d (%s) goes to your team with the next sync, as you see it now. Take it back with `peerplaypay report unshare %d`.\n", r.ID, report.PeriodText(r.Report.Period), r.ID)
			} else {
				fmt.Fprintf(env.Stdout, "Report %d (%s) is yours alone again; teammates drop their copy at their next sync.\n", r.ID, report.PeriodText(r.Report.Period))
			}
			return nil
		case "words":
			r, err := s.SetWords(ctx, per, pos[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Your words are kept on report %d (%s).", r.ID, report.PeriodText(r.Report.Period))
			if r.Shared {
				fmt.Fprint(env.Stdout, " It is shared: your team gets them with the next sync.")
			}
			fmt.Fprintln(env.Stdout)
			return nil
		}
		r, err := s.Mine(ctx, per)
		if err != nil {
			return err
		}
		if err := showReport(env, r, *asJSON, *pdf, *md); err != nil {
			return err
		}
		if !*asJSON && *pdf == "" && *md == "" {
			fmt.Fprintf(env.Stdout, "\n(Report %d, %s. Add your words: peerplaypay report words \"...\" --from %s --to %s; share it: peerplaypay report share %d.)\n",
				r.ID, sharedWord(r), per.From, per.To, r.ID)
		}
		return nil
	}
}

func sharedWord(r *peerplaypay.SharedReport) string {
	if r.Shared {
		return "shared with your team"
	}
	return "yours alone"
}

// showReport prints r, or writes it to the file asked for.
func showReport(env *Env, r *peerplaypay.SharedReport, asJSON bool, pdf, md string) error {
	switch {
	case asJSON:
		return writeJSON(env.Stdout, r)
	case pdf != "":
		if err := writeExport(pdf, func(w io.Writer) error { return report.PDF(w, r.Report, time.Now()) }); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %s\n", pdf)
		return nil
	case md != "":
		if err := writeExport(md, func(w io.Writer) error { return report.Markdown(w, r.Report) }); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %s\n", md)
		return nil
	}
	fmt.Fprintln(env.Stdout, r.Report.Title())
	for _, s := range r.Report.Sections {
		fmt.Fprintf(env.Stdout, "\n%s\n", s.Title)
		for _, p := range s.Paragraphs {
			fmt.Fprintf(env.Stdout, "  %s\n", p)
		}
	}
	if words := report.Paragraphs(r.Report.Words); len(words) > 0 {
		fmt.Fprintf(env.Stdout, "\n%s\n", r.Report.WordsTitle())
		for _, p := range words {
			fmt.Fprintf(env.Stdout, "  %s\n", p)
		}
	}
	return nil
}

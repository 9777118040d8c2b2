package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/teamsync"
)

// runTeamUsage runs `team usage [--json] [--months N]`.
func runTeamUsage(env *Env, dir *string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	monthsArg := fs.String("months", "", "what a retention of N months would free (default: the team's retention; 0: keep all)")
	return func(ctx context.Context, _ []string) error {
		months := -1
		if *monthsArg != "" {
			n, err := strconv.Atoi(strings.TrimSpace(*monthsArg))
			if err != nil || n < 0 || n > peerplaypay.MaxRetentionMonths {
				return usageErrorf("--months is a whole number of months, 1 to %d, or 0 to keep every recording; not %q", peerplaypay.MaxRetentionMonths, *monthsArg)
			}
			months = n
		}
		db, svc, err := teamService(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		u, err := svc.Usage(ctx, months)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, u)
		}
		printUsage(env.Stdout, u, months >= 0)
		return nil
	}
}

func printUsage(w io.Writer, u *teamsync.Usage, asked bool) {
	size := func(n int64) string { return humanBytes(uint64(max(n, 0))) }
	fmt.Fprintf(w, "The team share on %s holds %s (listed in %d request(s), nothing downloaded).\n", u.Location, size(u.Total), u.Requests)
	which := "the team's retention"
	if asked {
		which = "the retention asked"
	}
	if u.Months == 0 {
		fmt.Fprintf(w, "Retention: %s (%s): nothing expires.\n", retentionWords(u.Months), which)
	} else {
		fmt.Fprintf(w, "Retention: %s (%s): frees %s now.\n", retentionWords(u.Months), which, size(u.Free))
	}
	if asked && u.Months != u.TeamMonths {
		fmt.Fprintf(w, "The team's retention is %s (`peerplaypay team settings set retention.months N`).\n", retentionWords(u.TeamMonths))
	}
	fmt.Fprintln(w, "\nBy member (in the share; on this laptop):")
	for _, m := range u.Members {
		note := ""
		switch {
		case m.Me:
			note = " (you)"
		case m.Removed:
			note = " (removed)"
		}
		free := ""
		if m.Free > 0 {
			free = ", frees " + size(m.Free)
		}
		fmt.Fprintf(w, "  %-28s %10s  (recordings %s, events %s%s); here %s in %d recording(s)\n",
			m.Name+note, size(m.Total), size(m.Recordings), size(m.Events), free, size(m.Local), m.LocalCopies)
	}
	fmt.Fprintln(w, "\nRecordings by month (in the share):")
	if len(u.ByMonth) == 0 {
		fmt.Fprintln(w, "  none yet")
	}
	for _, mo := range u.ByMonth {
		mark := ""
		if mo.Free {
			mark = "; " + size(mo.FreeBytes) + " expires"
		}
		fmt.Fprintf(w, "  %s  %10s  %d log(s)%s\n", mo.Month, size(mo.Bytes), mo.Logs, mark)
	}
	if u.Unplaced > 0 {
		fmt.Fprintf(w, "  (%s of chunks no log known here names: a log taken back, or a recording still uploading)\n", size(u.Unplaced))
	}
	budget := "no space for peers' recordings (they are fetched when watched)"
	if u.Budget > 0 {
		budget = size(u.Budget) + " for peers' recordings (Settings, or share.mediaBudgetMB)"
	}
	fmt.Fprintf(w, "\nOn this laptop: %s of recordings; budget %s.\n", size(u.Local), budget)
}

package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

func peersCmd(env *Env, dir *string) *cobra.Command {
	peers := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runPeers(env, dir, sub, fs) }
	}
	want := "want `peers logs`, `peers watch ID` or `peers fetch ID`"
	return withUnknown(group("peers", "your peers' stand-ups: list them, watch one, fetch its recording", want,
		leaf("logs [--unwatched] [--help-needed] [--member NAME] [--from DATE] [--to DATE] [--query WORDS] [--limit N] [--json]",
			"your peers' stand-ups, unwatched first, by day and person", noArgs, peers("logs")),
		leaf("watch ID [--undo] [--json]", "print a peer's log (its table and where its recording is) and mark it watched; --undo marks it unwatched again",
			exactArgs(1), peers("watch")),
		leaf("fetch ID", "download a peer's recording now, whatever the space set aside", exactArgs(1), peers("fetch"))), want)
}

func runPeers(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	var f peerplaypay.PeerLogFilter
	var member string
	undo := false
	switch sub {
	case "logs":
		fs.BoolVar(&f.Unwatched, "unwatched", false, "only the logs you have not watched")
		fs.BoolVar(&f.HelpNeeded, "help-needed", false, "only the logs that ask for help")
		fs.StringVar(&member, "member", "", "only this member's logs (a name, or a member ID)")
		fs.StringVar(&f.From, "from", "", "first day, YYYY-MM-DD")
		fs.StringVar(&f.To, "to", "", "last day, YYYY-MM-DD")
		fs.StringVar(&f.Query, "query", "", "words to find in their tables")
		fs.IntVar(&f.Limit, "limit", 50, "how many logs at most")
	case "watch":
		fs.BoolVar(&undo, "undo", false, "mark the log unwatched again")
	}
	return func(ctx context.Context, rest []string) error {
		if sub == "logs" && (f.Limit < 1 || f.Limit > peerplaypay.MaxPeerLogsPage) {
			return usageErrorf("--limit is a number from 1 to %d", peerplaypay.MaxPeerLogsPage)
		}
		var id int64
		var err error
		if len(rest) > 0 {
			if id, err = strconv.ParseInt(rest[0], 10, 64); err != nil || id <= 0 {
				return usageErrorf("%q is not a log's ID: `peerplaypay peers logs` prints them in its first column", rest[0])
			}
		}

		db, svc, err := teamService(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		store := sqlite.NewShareStore(db)
		dataDir := filepath.Dir(db.Path)
		switch sub {
		case "logs":
			if member != "" {
				if f.Author, err = findMemberID(ctx, svc, member); err != nil {
					return err
				}
			}
			logs, total, err := svc.Inbox(ctx, store, f)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, logs)
			}
			printInbox(env.Stdout, logs)
			if len(logs) == 0 {
				if f == (peerplaypay.PeerLogFilter{Limit: f.Limit}) {
					fmt.Fprintln(env.Stdout, "No logs from peers yet; run `peerplaypay sync` to receive them.")
				} else {
					fmt.Fprintln(env.Stdout, "No peer's log matches; run without the filters to see them all.")
				}
			}
			fmt.Fprintf(env.Stderr, "%d of %d log(s)\n", len(logs), total)
			return nil
		case "fetch":
			l, err := svc.FetchPeerMedia(ctx, id, func(p teamsync.Progress) {
				if p.TotalBytes > 0 {
					fmt.Fprintf(env.Stderr, "\rdownloading %d%%", p.Bytes*100/p.TotalBytes)
				}
			})
			fmt.Fprint(env.Stderr, "\r")
			if err != nil {
				return noSuchPeerLog(err)
			}
			fmt.Fprintln(env.Stdout, filepath.Join(dataDir, filepath.FromSlash(l.MediaPath)))
			return nil
		default: // watch
			l, err := store.SetPeerLogWatched(ctx, id, !undo)
			if err != nil {
				return noSuchPeerLog(err)
			}
			l.AuthorName = svc.MemberNames(ctx)[l.Author]
			if l.MediaPath != "" && !teamsync.PeerMediaHere(dataDir, l.MediaPath) {
				l.MediaPath = ""
			}
			if *asJSON {
				return writeJSON(env.Stdout, l)
			}
			printPeerLog(env.Stdout, l, dataDir)
			if undo {
				fmt.Fprintf(env.Stderr, "Marked log %d unwatched.\n", id)
			} else {
				fmt.Fprintf(env.Stderr, "Marked log %d watched.\n", id)
			}
			return nil
		}
	}
}

// noSuchPeerLog says how to find a log's ID when the one given is wrong.
func noSuchPeerLog(err error) error {
	if peerplaypay.ErrorCode(err) == peerplaypay.ENOTFOUND && strings.Contains(peerplaypay.ErrorMessage(err), "no such log") {
		return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no peer's log with that ID (it may have been deleted by its author); `peerplaypay peers logs` lists them with their IDs.")
	}
	return err
}

// findMemberID resolves a member's name (any case) or ID, or its first
// eight characters, to their ID.
func findMemberID(ctx context.Context, svc *teamsync.Service, who string) (string, error) {
	var found []string
	for id, name := range svc.MemberNames(ctx) {
		if strings.EqualFold(name, who) || id == who || (len(who) >= 8 && strings.HasPrefix(id, strings.ToLower(who))) {
			found = append(found, id)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", peerplaypay.FieldErrorf("member", "No member of your team is called %q; `peerplaypay team members` lists them.", who)
	}
	return "", peerplaypay.FieldErrorf("member", "Several members are called %q; give one's ID instead (`peerplaypay team members` prints them).", who)
}

// printInbox prints logs as the inbox shows them: unwatched first, then by
// day (newest first) and by person.
func printInbox(w io.Writer, logs []*peerplaypay.PeerLog) {
	section, day, person := "", "", ""
	for _, l := range logs {
		s := "Unwatched"
		if l.Watched {
			s = "Watched"
		}
		if s != section {
			section, day, person = s, "", ""
			fmt.Fprintln(w, s)
		}
		if l.Day != day {
			day, person = l.Day, ""
			fmt.Fprintf(w, "  %s\n", l.Day)
		}
		if who := nameOrID(l.AuthorName, l.Author); who != person {
			person = who
			fmt.Fprintf(w, "    %s\n", who)
		}
		var marks []string
		if l.Table.HelpNeeded != "" {
			marks = append(marks, "HELP NEEDED")
		}
		if l.Kind != peerplaypay.LogText && l.MediaPath == "" {
			marks = append(marks, "not downloaded")
		}
		if l.PositionMs > 0 && !l.Watched {
			marks = append(marks, "stopped at "+clock(l.PositionMs))
		}
		length := "text"
		if l.Kind != peerplaypay.LogText {
			length = clock(l.DurationMs)
		}
		fmt.Fprintf(w, "  %6d  %s  %5s  %-19s %s", l.ID, l.CreatedAt.Local().Format("15:04"), length, moodEnergy(l.Table), firstLine(l.Table.Done, 50))
		if len(marks) > 0 {
			fmt.Fprintf(w, "  [%s]", strings.Join(marks, ", "))
		}
		fmt.Fprintln(w)
	}
}

func moodEnergy(t peerplaypay.LogTable) string {
	var parts []string
	if t.Mood > 0 {
		parts = append(parts, fmt.Sprintf("mood %d/5", t.Mood))
	}
	if t.Energy > 0 {
		parts = append(parts, fmt.Sprintf("energy %d/5", t.Energy))
	}
	return strings.Join(parts, " ")
}

// clock prints a length as 3:05.
func clock(ms int64) string {
	d := time.Duration(ms) * time.Millisecond
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

// printPeerLog prints one peer's log: its table, and where its recording
// is, with how long it takes skipping its silences.
func printPeerLog(w io.Writer, l *peerplaypay.PeerLog, dataDir string) {
	fmt.Fprintf(w, "%s, %s %s, %s\n", nameOrID(l.AuthorName, l.Author), l.Day, l.CreatedAt.Local().Format("15:04"), l.Kind)
	if l.Kind != peerplaypay.LogText {
		skips := peerplaypay.SkipsOf(l.Loudness, l.DurationMs)
		length := clock(l.DurationMs)
		if len(skips) > 0 {
			length += fmt.Sprintf(" (%s without its silences)", clock(int64(peerplaypay.PlayMs(l.DurationMs, skips, 1))))
		}
		if l.MediaPath != "" {
			fmt.Fprintf(w, "Recording: %s, %s\n", filepath.Join(dataDir, filepath.FromSlash(l.MediaPath)), length)
		} else {
			fmt.Fprintf(w, "Recording: %s, not on this laptop yet: `peerplaypay peers fetch %d` downloads it\n", length, l.ID)
		}
	}
	fmt.Fprintln(w)
	printTable(w, l.Questions, &l.Table, true)
	if me := moodEnergy(l.Table); me != "" {
		fmt.Fprintf(w, "%-18s %s\n", "Mood and energy:", me)
	}
}

package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

func logsCmd(env *Env, dir *string) *cobra.Command {
	logs := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runLogs(env, dir, sub, fs) }
	}
	id := exactArgs(1)
	return group("logs", "list, add, show, edit and delete your stand-up logs",
		"want `logs list`, `logs add`, `logs show ID`, `logs edit ID`, `logs keep ID`, `logs delete ID`, `logs pin ID`, `logs unpin ID`, `logs help-offer LOG \"text\"` or `logs help-accept OFFER_ID`",
		leaf("list [--json] [--from DATE] [--to DATE] [--query WORDS] [--limit N]", "list your logs, newest first", noArgs, logs("list")),
		leaf("add --done T [--how T --why T --next T --help-needed T --mood 1-5 --energy 1-5] [--answer extraN=T]",
			"add a log without a recording, print its id (--answer: answers to the questions a team added)", noArgs, logs("add")),
		leaf("show ID [--json]", "print one log", id, logs("show")),
		leaf("edit ID --done T [--how T --why T --next T --help-needed T --mood 1-5 --energy 1-5]",
			"change answers of a log (the others stay); peers get the edit", id, func(fs *pflag.FlagSet) runner { return runLogsEdit(env, dir, fs) }),
		leaf("keep ID", "keep a recovered recording", id, logs("keep")),
		leaf("delete ID", "delete a log and its recording", id, logs("delete")),
		leaf("pin ID", "keep a log's recording in the team share whatever the retention", id, logs("pin")),
		leaf("unpin ID", "let a log's recording follow the team's retention again", id, logs("unpin")),
		leaf(`help-offer LOG "what I can do"`, "offer help on a peer's log that asks for it", exactArgs(2), func(fs *pflag.FlagSet) runner { return runLogsHelp(env, dir, "help-offer", fs) }),
		leaf("help-accept OFFER_ID", "accept an offer of help on your log", id, func(fs *pflag.FlagSet) runner { return runLogsHelp(env, dir, "help-accept", fs) }))
}

func runLogs(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	var f peerplaypay.LogFilter
	var id int64
	var table *peerplaypay.LogTable
	switch sub {
	case "add":
		table = tableFlags(fs)
	case "list":
		fs.StringVar(&f.From, "from", "", "first day, YYYY-MM-DD")
		fs.StringVar(&f.To, "to", "", "last day, YYYY-MM-DD")
		fs.StringVar(&f.Query, "query", "", "words to find in the table")
		fs.IntVar(&f.Limit, "limit", 50, "how many logs at most")
	}
	return func(ctx context.Context, args []string) error {
		if len(args) > 0 {
			var err error
			if id, err = strconv.ParseInt(args[0], 10, 64); err != nil {
				return usageError{fmt.Errorf("%q is not a log ID", args[0])}
			}
		}

		db, logs, st, err := studio(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()

		switch sub {
		case "add":
			e := &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: *table}
			if err := logs.CreateLog(ctx, e); err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, e)
			}
			fmt.Fprintln(env.Stdout, e.ID)
			return nil
		case "list":
			found, total, err := logs.FindLogs(ctx, f)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, found)
			}
			for _, e := range found {
				fmt.Fprintf(env.Stdout, "%6d  %s  %-5s  %8s  %-9s  %s\n", e.ID, e.Day, e.Kind,
					time.Duration(e.DurationMs/1000)*time.Second, e.Status, firstLine(e.Done, 50))
			}
			plus := ""
			if total >= f.Offset+sqlite.CountCap {
				plus = "+"
			}
			fmt.Fprintf(env.Stderr, "%d of %d%s log(s)\n", len(found), total, plus)
			return nil
		case "show":
			e, err := logs.Log(ctx, id)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, e)
			}
			fmt.Fprintf(env.Stdout, "Log %d, %s, %s (%s)\nRecording: %s, %s, %d bytes, sha256 %s\n",
				e.ID, e.Day, e.Kind, e.Status, e.MediaPath, time.Duration(e.DurationMs)*time.Millisecond, e.SizeBytes, e.SHA256)
			switch {
			case e.MediaExpired:
				fmt.Fprintln(env.Stdout, "Recording expired from the team share (the team's retention); this laptop keeps its copy.")
			case e.Pinned:
				fmt.Fprintln(env.Stdout, "Pinned: the recording stays in the team share whatever the retention.")
			}
			fmt.Fprintln(env.Stdout)
			printTable(env.Stdout, e.Questions, &e.LogTable, false)
			if e.Mood > 0 || e.Energy > 0 {
				fmt.Fprintf(env.Stdout, "%-18s %d/5, energy %d/5\n", "Mood:", e.Mood, e.Energy)
			}
			return nil
		case "pin", "unpin":
			e, err := logs.SetLogPinned(ctx, id, sub == "pin")
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, e)
			}
			if e.Pinned {
				fmt.Fprintf(env.Stdout, "Pinned log %d: its recording stays in the team share whatever the retention.\n", e.ID)
			} else {
				fmt.Fprintf(env.Stdout, "Unpinned log %d: its recording follows the team's retention again.\n", e.ID)
			}
			return nil
		case "keep":
			e, err := st.Keep(ctx, id)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stderr, "Kept log %d.\n", e.ID)
			return nil
		default: // delete
			if err := st.Delete(ctx, id); err != nil {
				return err
			}
			fmt.Fprintf(env.Stderr, "Deleted log %d and its recording.\n", id)
			return nil
		}
	}
}

func firstLine(s string, max int) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

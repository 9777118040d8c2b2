package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

func runLogs(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usageError{errors.New("want `logs list`, `logs add`, `logs show ID`, `logs edit ID`, `logs keep ID`, `logs delete ID`, `logs pin ID`, `logs unpin ID`, `logs help-offer LOG \"text\"` or `logs help-accept OFFER_ID`")}
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "edit":
		return runLogsEdit(ctx, env, args)
	case "help-offer", "help-accept":
		return runLogsHelp(ctx, env, sub, args)
	}
	fs, dir := flags(env, "logs "+sub)
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
	case "show", "keep", "delete", "pin", "unpin":
		if len(args) == 0 {
			return usageError{fmt.Errorf("logs %s needs the log's ID", sub)}
		}
		var err error
		if id, err = strconv.ParseInt(args[0], 10, 64); err != nil {
			return usageError{fmt.Errorf("%q is not a log ID", args[0])}
		}
		args = args[1:]
	default:
		return usageError{fmt.Errorf("unknown `logs %s`", sub)}
	}
	if err := parse(fs, args); err != nil {
		return err
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

func firstLine(s string, max int) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

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
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// answerServices opens the database, the team service and the answers.
func answerServices(ctx context.Context, env *Env, dirFlag string) (*sqlite.DB, *teamsync.Service, *sqlite.AnswerService, error) {
	db, team, err := teamService(ctx, env, dirFlag)
	if err != nil {
		return nil, nil, nil, err
	}
	a := sqlite.NewAnswerService(db, func(ctx context.Context) sqlite.People {
		me, name, names := team.People(ctx)
		return sqlite.People{Me: me, MyName: name, Names: names}
	})
	return db, team, a, nil
}

// logArg reads a LOG argument: a peer's log ID as `peers logs` shows it,
// my:N for the member's own log N (`logs list`), or a log's uid.
func logArg(ctx context.Context, a *sqlite.AnswerService, arg string) (peerplaypay.LogRef, error) {
	mine := false
	s := arg
	if rest, ok := strings.CutPrefix(strings.ToLower(arg), "my:"); ok {
		mine, s = true, rest
	}
	if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
		return a.LogByID(ctx, mine, id)
	}
	if !mine && peerplaypay.IsUID(strings.ToLower(arg)) {
		return a.LogByUID(ctx, strings.ToLower(arg))
	}
	return peerplaypay.LogRef{}, usageErrorf("%q names no log: give a peer's log ID from `peerplaypay peers logs`, my:N for your own log N from `peerplaypay logs list`, or a log's uid", arg)
}

// parseMoment reads --at: seconds ("83"), minutes:seconds ("1:23") or
// hours:minutes:seconds, with optional tenths ("1:23.5").
func parseMoment(s string) (int64, error) {
	bad := usageErrorf("--at %q is not a moment of the recording: write minutes:seconds such as 1:23, or seconds such as 83", s)
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) > 3 || parts[0] == "" {
		return 0, bad
	}
	var total float64
	for i, p := range parts {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) || strings.ContainsAny(p, "eE+-") {
			return 0, bad
		}
		if i > 0 && v >= 60 {
			return 0, bad
		}
		if i < len(parts)-1 && v != math.Trunc(v) {
			return 0, bad
		}
		total = total*60 + v
	}
	if total > peerplaypay.MaxCommentAt.Seconds() {
		return 0, bad
	}
	return int64(math.Round(total * 1000)), nil
}

func idArg(s, what, where string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, usageErrorf("%q is not a %s ID (a number; %s shows them)", s, what, where)
	}
	return id, nil
}

func commentCmd(env *Env, dir *string) *cobra.Command {
	comment := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runComment(env, dir, sub, fs) }
	}
	c := group("comment", "comment on a log (LOG: a peer's log ID from `peers logs`, my:N for your log N, or a uid)",
		"want `comment add LOG \"text\"`, `comment edit ID \"text\"` or `comment delete ID`",
		leaf(`add LOG "text" [--at 1:23] [--reply ID]`, "comment on a log, at a moment of its recording or in reply to a comment", exactArgs(2), comment("add")),
		leaf(`edit ID "text"`, "change your comment", exactArgs(2), comment("edit")),
		leaf("delete ID", "delete your comment", exactArgs(1), comment("delete")))
	return c
}

func runComment(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print the comment as JSON")
	at := fs.String("at", "", "the moment of the recording it is about, such as 1:23")
	reply := fs.Int64("reply", 0, "the `ID` of the comment it answers (`comments LOG` shows them)")
	return func(ctx context.Context, pos []string) error {
		var atMs *int64
		if *at != "" {
			if sub != "add" {
				return usageError{errors.New("--at belongs to `comment add`")}
			}
			ms, err := parseMoment(*at)
			if err != nil {
				return err
			}
			atMs = &ms
		}
		db, _, a, err := answerServices(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		var c *peerplaypay.Comment
		switch sub {
		case "add":
			ref, err := logArg(ctx, a, pos[0])
			if err != nil {
				return err
			}
			if c, err = a.AddComment(ctx, peerplaypay.CommentInput{Log: ref, Text: pos[1], AtMs: atMs, ReplyTo: *reply}); err != nil {
				return err
			}
			fmt.Fprintf(env.Stderr, "Added comment %d; it goes to the team with the next sync.\n", c.ID)
		case "edit":
			id, err := idArg(pos[0], "comment", "`peerplaypay comments LOG`")
			if err != nil {
				return err
			}
			if c, err = a.EditComment(ctx, id, pos[1]); err != nil {
				return err
			}
			fmt.Fprintf(env.Stderr, "Edited comment %d.\n", id)
		case "delete":
			id, err := idArg(pos[0], "comment", "`peerplaypay comments LOG`")
			if err != nil {
				return err
			}
			if err := a.DeleteComment(ctx, id); err != nil {
				return err
			}
			fmt.Fprintf(env.Stderr, "Deleted comment %d.\n", id)
			return nil
		}
		if *asJSON {
			return writeJSON(env.Stdout, c)
		}
		fmt.Fprintln(env.Stdout, c.ID)
		return nil
	}
}

func commentsCmd(env *Env, dir *string) *cobra.Command {
	return leaf("comments LOG [--json]", "a log's comments, reactions, offers of help and Thanks", exactArgs(1), func(fs *pflag.FlagSet) runner {
		asJSON := fs.Bool("json", false, "print JSON")
		return func(ctx context.Context, pos []string) error {
			db, _, a, err := answerServices(ctx, env, *dir)
			if err != nil {
				return err
			}
			defer db.Close()
			ref, err := logArg(ctx, a, pos[0])
			if err != nil {
				return err
			}
			la, err := a.LogAnswers(ctx, ref)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, la)
			}
			printAnswers(env.Stdout, la)
			return nil
		}
	})
}

func printAnswers(w io.Writer, la *peerplaypay.LogAnswers) {
	if len(la.Comments) == 0 && len(la.Reactions) == 0 && len(la.Offers) == 0 && len(la.Thanks) == 0 {
		fmt.Fprintln(w, "No comments, reactions, offers of help or Thanks on this log yet.")
		return
	}
	line := func(indent string, c *peerplaypay.Comment) {
		at := ""
		if c.AtMs != nil {
			at = "at " + moment(*c.AtMs) + "  "
		}
		text := c.Text
		if c.Deleted {
			text = "(deleted)"
		} else if c.EditedAt != "" {
			text += " (edited)"
		}
		fmt.Fprintf(w, "%s%5d  %-16s %s%s\n", indent, c.ID, nameOrID(c.AuthorName, c.Author), at, text)
	}
	for _, c := range la.Comments {
		line("", c)
		for _, r := range c.Replies {
			line("    ", r)
		}
	}
	for _, r := range la.Reactions {
		fmt.Fprintf(w, "reaction %-9s %s\n", r.Reaction, strings.Join(r.Names, ", "))
	}
	for _, o := range la.Offers {
		state := "open"
		if o.Accepted {
			state = "accepted"
		}
		fmt.Fprintf(w, "offer %5d  %-16s %-8s %s\n", o.ID, nameOrID(o.AuthorName, o.Author), state, o.Text)
	}
	for _, t := range la.Thanks {
		fmt.Fprintf(w, "thanks %4d  %s to %s: %s\n", t.ID, nameOrID(t.FromName, t.From), nameOrID(t.ToName, t.To), t.Reason)
	}
}

// moment shows milliseconds as m:ss.
func moment(ms int64) string {
	s := ms / 1000
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

func reactCmd(env *Env, dir *string) *cobra.Command {
	return leaf("react LOG KIND [--undo]", "react to a log: "+strings.Join(peerplaypay.Reactions, ", "), exactArgs(2), func(fs *pflag.FlagSet) runner {
		undo := fs.Bool("undo", false, "take the reaction back")
		asJSON := fs.Bool("json", false, "print the log's reactions as JSON")
		return func(ctx context.Context, pos []string) error {
			if !peerplaypay.IsReaction(pos[1]) {
				return usageErrorf("%q is not a reaction: choose one of %s", pos[1], strings.Join(peerplaypay.Reactions, ", "))
			}
			db, _, a, err := answerServices(ctx, env, *dir)
			if err != nil {
				return err
			}
			defer db.Close()
			ref, err := logArg(ctx, a, pos[0])
			if err != nil {
				return err
			}
			rs, err := a.React(ctx, ref, pos[1], !*undo)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, rs)
			}
			for _, r := range rs {
				fmt.Fprintf(env.Stdout, "%-9s %s\n", r.Reaction, strings.Join(r.Names, ", "))
			}
			return nil
		}
	})
}

// runLogsHelp is `logs help-offer LOG "text"` and `logs help-accept OFFER_ID`.
func runLogsHelp(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print the offer as JSON")
	return func(ctx context.Context, pos []string) error {
		db, _, a, err := answerServices(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		var o *peerplaypay.HelpOffer
		if sub == "help-offer" {
			ref, err := logArg(ctx, a, pos[0])
			if err != nil {
				return err
			}
			if o, err = a.OfferLogHelp(ctx, ref, pos[1]); err != nil {
				return err
			}
			fmt.Fprintf(env.Stderr, "Offered help (offer %d); the log's author sees it after the next sync.\n", o.ID)
		} else {
			id, err := idArg(pos[0], "offer", "`peerplaypay comments LOG`")
			if err != nil {
				return err
			}
			if o, err = a.AcceptLogHelp(ctx, id); err != nil {
				return err
			}
			fmt.Fprintf(env.Stderr, "Accepted %s's offer.\n", nameOrID(o.AuthorName, o.Author))
		}
		if *asJSON {
			return writeJSON(env.Stdout, o)
		}
		fmt.Fprintln(env.Stdout, o.ID)
		return nil
	}
}

// memberArg finds a team member by name (any case, whole) or member ID
// (or its first digits).
func memberArg(names map[string]string, arg string) (string, error) {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return "", usageError{errors.New("say whom you thank: a member's name or ID (`peerplaypay team members`)")}
	}
	var found []string
	for id, name := range names {
		if strings.EqualFold(name, arg) || id == strings.ToLower(arg) {
			found = append(found, id)
		}
	}
	if len(found) == 0 && len(arg) >= 4 {
		for id := range names {
			if strings.HasPrefix(id, strings.ToLower(arg)) {
				found = append(found, id)
			}
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", peerplaypay.Errorf(peerplaypay.ENOTFOUND, "%q is not a member of your team: `peerplaypay team members` lists their names and IDs.", arg)
	}
	sort.Strings(found)
	return "", usageErrorf("%q names %d members (%s): give the member ID", arg, len(found), strings.Join(found, ", "))
}

func thanksCmd(env *Env, dir *string) *cobra.Command {
	thanks := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runThanks(env, dir, sub, fs) }
	}
	return group("thanks", "thank a peer, visible to the team; list the team's Thanks feed, or yours",
		"want `thanks give MEMBER \"for what\"`, `thanks edit ID \"for what\"`, `thanks withdraw ID` or `thanks list`",
		leaf(`give MEMBER "for what" [--log LOG|--goal ID|--comment ID|--offer ID]`,
			"thank a peer (name or member ID), visible to the team; at most 3 a day to the same person (UTC day); editable or withdrawable for 10 minutes, then fixed",
			exactArgs(2), thanks("give")),
		leaf(`edit ID "for what"`, "change your Thanks (for 10 minutes)", exactArgs(2), thanks("edit")),
		leaf("withdraw ID", "withdraw your Thanks (for 10 minutes)", exactArgs(1), thanks("withdraw")),
		leaf("list [--given|--received] [--json]", "the team's Thanks feed, or yours", noArgs, thanks("list")))
}

func runThanks(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	var logFlag string
	var goal, comment, offer int64
	var given, received bool
	switch sub {
	case "give", "edit":
		fs.StringVar(&logFlag, "log", "", "the log it is for (a peer's log ID, my:N, or a uid)")
		fs.Int64Var(&goal, "goal", 0, "the `ID` of the goal it is for (`goals list` shows them)")
		fs.Int64Var(&comment, "comment", 0, "the `ID` of the comment it is for (`comments LOG` shows them)")
		fs.Int64Var(&offer, "offer", 0, "the `ID` of the offer of help it is for (`comments LOG`, `goals show ID`)")
	case "list":
		fs.BoolVar(&given, "given", false, "the Thanks you gave")
		fs.BoolVar(&received, "received", false, "the Thanks you received")
	}
	return func(ctx context.Context, pos []string) error {
		if given && received {
			return usageError{errors.New("choose --given or --received, not both (without either: the team's feed)")}
		}
		links := btoi(logFlag != "") + btoi(goal != 0) + btoi(comment != 0) + btoi(offer != 0)
		if links > 1 {
			return usageError{errors.New("a Thanks names at most one thing it is for: --log, --goal, --comment or --offer")}
		}
		if (sub == "give" || sub == "edit") && strings.TrimSpace(pos[1]) == "" {
			return usageError{errors.New("say what you thank them for: `thanks " + sub + " " + pos[0] + " \"for reviewing my change\"`")}
		}
		db, team, a, err := answerServices(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		var link *peerplaypay.ThanksLinkInput
		switch {
		case logFlag != "":
			ref, err := logArg(ctx, a, logFlag)
			if err != nil {
				return err
			}
			link = &peerplaypay.ThanksLinkInput{Kind: peerplaypay.LinkLog, Log: &ref}
		case goal != 0:
			link = &peerplaypay.ThanksLinkInput{Kind: peerplaypay.LinkGoal, ID: goal}
		case comment != 0:
			link = &peerplaypay.ThanksLinkInput{Kind: peerplaypay.LinkComment, ID: comment}
		case offer != 0:
			link = &peerplaypay.ThanksLinkInput{Kind: peerplaypay.LinkOffer, ID: offer}
		}
		var th *peerplaypay.Thanks
		switch sub {
		case "give":
			me, _, names := team.People(ctx)
			if me == "" || len(names) == 0 {
				return peerplaypay.Errorf(peerplaypay.ECONFLICT, "Thanks go to your team: create or join a team first (`peerplaypay team join LOCATION --invite CODE`).")
			}
			to, err := memberArg(names, pos[0])
			if err != nil {
				return err
			}
			if th, err = a.GiveThanks(ctx, peerplaypay.ThanksInput{To: to, Reason: pos[1], Link: link}); err != nil {
				return err
			}
			fmt.Fprintf(env.Stderr, "Thanked %s (Thanks %d); the team sees it after the next sync. You can change or withdraw it until %s.\n",
				nameOrID(th.ToName, th.To), th.ID, localClock(th.EditUntil))
		case "edit":
			id, err := idArg(pos[0], "Thanks", "`peerplaypay thanks list --given`")
			if err != nil {
				return err
			}
			if th, err = a.EditThanks(ctx, id, peerplaypay.ThanksInput{Reason: pos[1], Link: link}); err != nil {
				return err
			}
			fmt.Fprintf(env.Stderr, "Changed Thanks %d.\n", id)
		case "withdraw":
			id, err := idArg(pos[0], "Thanks", "`peerplaypay thanks list --given`")
			if err != nil {
				return err
			}
			if err := a.WithdrawThanks(ctx, id); err != nil {
				return err
			}
			fmt.Fprintf(env.Stderr, "Withdrew Thanks %d.\n", id)
			return nil
		case "list":
			var list []*peerplaypay.Thanks
			if given || received {
				list, err = a.MyThanks(ctx, received, 0)
			} else {
				list, err = a.ThanksFeed(ctx, 0)
			}
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, list)
			}
			if len(list) == 0 {
				fmt.Fprintln(env.Stdout, "No Thanks yet.")
			}
			for _, t := range list {
				fmt.Fprintf(env.Stdout, "%5d  %s  %s thanked %s: %s\n", t.ID, localClock(t.At), nameOrID(t.FromName, t.From), nameOrID(t.ToName, t.To), t.Reason)
			}
			return nil
		}
		if *asJSON {
			return writeJSON(env.Stdout, th)
		}
		fmt.Fprintln(env.Stdout, th.ID)
		return nil
	}
}

// localClock shows a stored time in the member's time zone.
func localClock(s string) string {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return t.Local().Format("2006-01-02 15:04")
}

func activityCmd(env *Env, dir *string) *cobra.Command {
	return leaf("activity [--json] [--mark-read]", "what peers did to your logs, comments, offers and goals, and Thanks to you", noArgs, func(fs *pflag.FlagSet) runner {
		asJSON := fs.Bool("json", false, "print JSON")
		markRead := fs.Bool("mark-read", false, "mark everything shown as read")
		limit := fs.Int("limit", 100, "how many, newest first")
		return func(ctx context.Context, _ []string) error {
			db, _, a, err := answerServices(ctx, env, *dir)
			if err != nil {
				return err
			}
			defer db.Close()
			list, err := a.Activity(ctx, *limit)
			if err != nil {
				return err
			}
			if *markRead {
				ids := make([]int64, 0, len(list))
				for _, x := range list {
					ids = append(ids, x.ID)
				}
				if len(ids) > 0 {
					if err := a.MarkActivityRead(ctx, ids); err != nil {
						return err
					}
				}
			}
			if *asJSON {
				return writeJSON(env.Stdout, list)
			}
			if len(list) == 0 {
				fmt.Fprintln(env.Stdout, "Nothing new from your peers; run `peerplaypay sync` to receive their news.")
			}
			what := map[string]string{"comment": "commented on your log", "reply": "replied to your comment", "reaction": "reacted to your log",
				"offer": "offered help", "accepted": "accepted your offer of help", "thanks": "thanked you"}
			for _, x := range list {
				mark := " "
				if x.Unread {
					mark = "*"
				}
				fmt.Fprintf(env.Stdout, "%s %s  %s %s: %s\n", mark, localClock(x.At), nameOrID(x.ActorName, x.Actor), what[x.Kind], x.Text)
			}
			return nil
		}
	})
}

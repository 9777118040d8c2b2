package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/keychain"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// teamService opens the database and the team share service on it.
func teamService(ctx context.Context, env *Env, dirFlag string) (*sqlite.DB, *teamsync.Service, error) {
	db, dir, err := openDB(ctx, dirFlag)
	if err != nil {
		return nil, nil, err
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	svc := teamsync.New(dir, sqlite.NewShareStore(db), sqlite.NewProfileService(db), sqlite.NewSettingsService(db), keychain.New(dir), log)
	if err := svc.MoveSecretOut(ctx); err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, svc, nil
}

func teamCmd(env *Env, dir *string) *cobra.Command {
	team := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runTeam(env, dir, sub, fs) }
	}
	settings := func(sub, verb string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runTeamSettings(env, dir, sub, verb, fs) }
	}
	c := group("team", "start or join a team on a shared folder or S3 bucket, approve newcomers, and keep the team's settings",
		"want `team create|join|invite|status|requests|approve|refuse|remove|members|leave`",
		leaf("create LOCATION [--name TEAM]", "start a team on a folder or s3://bucket?endpoint=URL", exactArgs(1), team("create")),
		leaf("join LOCATION --invite CODE", "ask to join; prints the safety code to read out", exactArgs(1), team("join")),
		leaf("invite [--json]", "print the invitation to send a newcomer", noArgs, team("invite")),
		leaf("status [--json]", "print this laptop's place in the team", noArgs, team("status")),
		leaf("requests [--json]", "list the requests to join", noArgs, team("requests")),
		leaf("approve ID --code CODE", "approve a newcomer with the safety code they read out", exactArgs(1), team("approve")),
		leaf("refuse ID", "refuse a request to join", exactArgs(1), team("refuse")),
		leaf("remove ID", "remove a member from the team", exactArgs(1), team("remove")),
		leaf("members [--json]", "list the team's members", noArgs, team("members")),
		leaf("leave", "leave the team", noArgs, team("leave")),
		group("settings", "the team's own practice: stand-up questions, the weekly session, reminder defaults, its cause and agreements",
			"want `team settings show|set`",
			leaf("show [--json] [--history N]", "the team's settings, with who changed what", noArgs, settings("settings", "show")),
			teamSettingsSet(leaf("set KEY VALUE", "change one setting", exactArgs(2), settings("settings", "set")))),
		group("cause", "the team's cause: one paragraph on why the team does this", "want `team cause set \"text\"`",
			leaf(`set "text"`, "set the team's cause", exactArgs(1), settings("cause", "set"))),
		group("agreements", "the team's agreements", "want `team agreements add|remove`",
			leaf(`add "text"`, "add an agreement", exactArgs(1), settings("agreements", "add")),
			leaf(`remove N|"text"`, "remove an agreement, by its number or its text", exactArgs(1), settings("agreements", "remove"))),
		leaf("usage [--json] [--months N]", "the share's size by member and by month, what the retention (or N months) would free, and this laptop's copies", noArgs,
			func(fs *pflag.FlagSet) runner { return runTeamUsage(env, dir, fs) }))
	c.Long = "Start or join a team on a folder or s3://bucket?endpoint=URL, approve newcomers, and keep the team's settings.\n\n" +
		"S3 keys: --access-key K with --secret-key-file FILE, $AWS_SECRET_ACCESS_KEY or a prompt; or the AWS variables alone. " +
		"The secret is kept in the system keychain, else in a file only you can read."
	return c
}

func runTeam(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	name := fs.String("name", "", "the team's name (team create)")
	code := fs.String("code", "", "the safety code the newcomer reads out (team approve)")
	invite := fs.String("invite", "", "the invitation `CODE` a member gave you: `peerplaypay team invite` prints it (team join)")
	accessKey := fs.String("access-key", "", "S3 access key ID, kept in your settings once it worked (default: $AWS_ACCESS_KEY_ID)")
	secretFile := fs.String("secret-key-file", "", "a file holding the S3 secret access key (else $AWS_SECRET_ACCESS_KEY, else asked on the terminal); kept in the system keychain, else a file only you can read, once it worked")
	secretArg := false
	fs.Func("secret-key", "not accepted: use --secret-key-file FILE or $AWS_SECRET_ACCESS_KEY", func(string) error { secretArg = true; return nil })
	return func(ctx context.Context, pos []string) (err error) {
		if secretArg {
			return errSecretArgument
		}
		if sub == "join" && strings.TrimSpace(*invite) == "" {
			return usageError{errors.New("team join needs --invite: ask a member of the team for the invitation (`peerplaypay team invite` prints it), then run `peerplaypay team join LOCATION --invite CODE`")}
		}
		if sub == "approve" && strings.TrimSpace(*code) == "" {
			return usageError{errors.New("team approve needs --code: the safety code the newcomer reads out from their screen")}
		}
		keys, err := readS3Keys(env, *accessKey, *secretFile)
		if err != nil {
			return err
		}
		db, svc, err := teamService(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		if keys != nil {
			ctx = teamsync.WithCredentials(ctx, keys.access, keys.secret)
			defer func() {
				if err == nil {
					err = keepS3Keys(ctx, env, svc, keys)
				}
			}()
		}
		switch sub {
		case "create":
			st, err := svc.Create(ctx, pos[0], *name)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, st)
			}
			fmt.Fprintf(env.Stdout, "Created the team %q on %s.\n", st.TeamName, st.Location)
			printInvitation(env.Stdout, st.Invitation)
			fmt.Fprintln(env.Stderr, "Keep your recovery key safe: `peerplaypay keys export FILE`. Without it, a lost laptop means a lost place in the team.")
			return nil
		case "join":
			st, err := svc.Join(ctx, pos[0], *invite)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, st)
			}
			if st.State == "member" {
				fmt.Fprintf(env.Stdout, "You are a member of %q again; run `peerplaypay sync` to catch up.\n", st.TeamName)
				return nil
			}
			fmt.Fprintf(env.Stdout, "Asked to join the team on %s.\nYour safety code: %s\nRead it out to a member (in person or on a call); they approve you with it. Then run `peerplaypay sync`.\n", st.Location, st.SafetyCode)
			return nil
		case "invite":
			inv, err := svc.Invite(ctx)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, inv)
			}
			printInvitation(env.Stdout, inv)
			return nil
		case "status":
			st, err := svc.Status(ctx)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, st)
			}
			printStatus(env.Stdout, st)
			if strings.HasPrefix(st.Location, "s3://") {
				fmt.Fprintf(env.Stdout, "S3 keys: %s\n", svc.SecretPlace(ctx))
			}
			return nil
		case "requests":
			reqs, err := svc.Requests(ctx)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, reqs)
			}
			if len(reqs) == 0 {
				fmt.Fprintln(env.Stdout, "No one is waiting to join.")
			}
			for _, r := range reqs {
				fmt.Fprintf(env.Stdout, "%s  %-24s  asked %s\n", r.ID, r.Name, r.At.Local().Format("2006-01-02 15:04"))
			}
			if len(reqs) > 0 {
				fmt.Fprintln(env.Stderr, "Approve with `peerplaypay team approve ID --code CODE`, with the code the newcomer reads out.")
			}
			return nil
		case "approve":
			if err := svc.Approve(ctx, pos[0], *code); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, "Approved: they are a member now and receive the team's key at their next sync.")
			return nil
		case "refuse":
			if err := svc.Refuse(ctx, pos[0]); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, "Refused.")
			return nil
		case "remove":
			if err := svc.Remove(ctx, pos[0]); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, "Removed: the team has a new key; what they already had stays theirs, nothing new reaches them.")
			return nil
		case "members":
			st, err := svc.Status(ctx)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, st.Members)
			}
			for _, m := range st.Members {
				note := ""
				switch {
				case m.Me:
					note = "(you)"
				case m.Removed:
					note = "(removed)"
				}
				last := "nothing shared yet"
				if !m.LastEventAt.IsZero() {
					last = "last shared " + m.LastEventAt.Local().Format("2006-01-02 15:04")
				}
				fmt.Fprintf(env.Stdout, "%s  %-24s %-9s code %s  %s\n", m.ID, m.Name, note, m.SafetyCode, last)
				if m.Problem != "" {
					fmt.Fprintf(env.Stdout, "    problem: %s\n", m.Problem)
				}
			}
			return nil
		case "leave":
			if err := svc.Leave(ctx); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, "This laptop has left the team; your own logs stay. Peers' logs and the team's data were removed from here.")
			return nil
		}
		return nil
	}
}

// printInvitation prints the line a member sends a newcomer: it names the
// team by its genesis hash, so the newcomer's app refuses a fake team.
func printInvitation(w io.Writer, inv *teamsync.Invitation) {
	if inv == nil {
		return
	}
	fmt.Fprintf(w, "Invite others: send them this line (by a channel you trust); it names this team exactly, so their app refuses any other:\n  %s\n", inv.Command)
}

func printStatus(w io.Writer, st teamsync.Status) {
	switch st.State {
	case "none":
		fmt.Fprintln(w, "In no team. Create one with `peerplaypay team create LOCATION` or join one with `peerplaypay team join LOCATION --invite CODE` (a member's `peerplaypay team invite` prints it).")
		return
	case "pending":
		fmt.Fprintf(w, "Waiting for a member to approve your request to join the team on %s.\nYour safety code: %s\n", st.Location, st.SafetyCode)
		return
	case "refused":
		fmt.Fprintf(w, "A member refused your request to join the team on %s.\n", st.Location)
		return
	}
	fmt.Fprintf(w, "Team %q on %s (%s)\n", st.TeamName, st.Location, st.State)
	fmt.Fprintf(w, "%d waiting to sync", st.Waiting)
	if !st.LastSync.IsZero() {
		fmt.Fprintf(w, "; last sync %s", st.LastSync.Local().Format("2006-01-02 15:04"))
	}
	fmt.Fprintf(w, "; %d members\n", len(st.Members))
	for _, p := range st.Problems {
		fmt.Fprintf(w, "problem: %s\n", p)
	}
	for _, k := range st.Ignored {
		fmt.Fprintf(w, "ignored: %s (not written by PeerPlayPay; skipped)\n", shownKey(k))
	}
}

// shownKey prints a name found in the share on one line of its own: a name
// someone else chose may hold any byte.
func shownKey(k string) string {
	if strings.IndexFunc(k, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return strconv.Quote(k)
	}
	return k
}

func syncCmd(env *Env, dir *string) *cobra.Command {
	return leaf("sync [--json] [--repair]", "send what waits and receive the team's news (progress on stderr)", noArgs, func(fs *pflag.FlagSet) runner {
		asJSON := fs.Bool("json", false, "print the summary as JSON")
		repair := fs.Bool("repair", false, "first put back your batches that are damaged or gone in the share, from the copies kept here")
		return func(ctx context.Context, _ []string) error {
			db, svc, err := teamService(ctx, env, *dir)
			if err != nil {
				return err
			}
			defer db.Close()
			if *repair {
				n, err := svc.Repair(ctx)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stderr, "Repaired: %d of your batches put back in the share.\n", n)
			}
			pr := newProgressPrinter(env.Stderr)
			sum, err := svc.Sync(ctx, func(p teamsync.Progress) {
				pr.show(p.Phase, p.Files, p.TotalFiles, p.Bytes, p.TotalBytes)
			})
			if err != nil {
				if sum.Waiting > 0 {
					fmt.Fprintf(env.Stderr, "%d waiting to sync; nothing is lost, the next sync goes on from here.\n", sum.Waiting)
				}
				return err
			}
			if *asJSON {
				if err := writeJSON(env.Stdout, sum); err != nil {
					return err
				}
			} else if sum.State == "pending" {
				fmt.Fprintln(env.Stdout, "Still waiting for a member to approve your request to join.")
			} else {
				fmt.Fprintf(env.Stdout, "Synced: %d logs published, %d events sent, %d received, %d recordings downloaded (%s up, %s down), %d requests, %d ms.\n",
					sum.Published, sum.SentEvents, sum.Received, sum.Downloaded, humanBytes(uint64(sum.BytesUp)), humanBytes(uint64(sum.BytesDown)), sum.Requests, sum.Millis)
			}
			for _, p := range sum.Problems {
				fmt.Fprintf(env.Stderr, "problem: %s\n", p)
			}
			for _, k := range sum.Ignored {
				fmt.Fprintf(env.Stderr, "ignored: %s (not written by PeerPlayPay; skipped)\n", shownKey(k))
			}
			if len(sum.Problems) > 0 {
				return errProblems
			}
			return nil
		}
	})
}

func keysCmd(env *Env, dir *string) *cobra.Command {
	keys := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runKeys(env, dir, sub, fs) }
	}
	return group("keys", "your recovery key: back it up, or restore it on a new laptop", "want `keys export FILE` or `keys import FILE`",
		leaf("export FILE [--printable]", "back up your recovery key", exactArgs(1), keys("export")),
		leaf("import FILE", "restore your recovery key on a new laptop", exactArgs(1), keys("import")))
}

func runKeys(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	printable := fs.Bool("printable", false, "export the printable form (to type back from paper) instead of the file")
	return func(ctx context.Context, pos []string) error {
		db, svc, err := teamService(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		if sub == "export" {
			k, err := svc.RecoveryKey(ctx)
			if err != nil {
				return err
			}
			body := k.File
			if *printable {
				body = k.Printable
			}
			f, err := os.OpenFile(pos[0], os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
			if err != nil {
				return usageErrorf("cannot write %s (%v); choose a new file name", pos[0], errors.Unwrap(err))
			}
			if _, err := f.WriteString(body); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			sqlite.NewSettingsService(db).SetSettings(ctx, map[string]string{teamsync.SettingRecoverySaved: time.Now().UTC().Format(time.RFC3339)})
			fmt.Fprintf(env.Stdout, "Wrote your recovery key to %s. Keep it somewhere safe and private (a password manager, a printout in a drawer): with it you get your place in the team back on a new laptop; without it, a lost laptop means asking to join again.\n", pos[0])
			return nil
		}
		text, err := os.ReadFile(pos[0])
		if err != nil {
			return usageErrorf("cannot read %s (%v)", pos[0], errors.Unwrap(err))
		}
		id, err := svc.ImportKey(ctx, string(text))
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Restored your identity (member %s). If you were in a team, run `peerplaypay team join LOCATION --invite CODE` (a member's `peerplaypay team invite` prints it) to reconnect.\n", id)
		return nil
	}
}

func usageErrorf(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func nameOrID(name, id string) string {
	if name != "" {
		return name
	}
	return id[:8]
}

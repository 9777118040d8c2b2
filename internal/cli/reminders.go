package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/autostart"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// reminderList is what `reminders list --json` prints.
type reminderList struct {
	Reminders []reminderLine `json:"reminders"`
	Quiet     struct {
		On   bool   `json:"on"`
		From string `json:"from"`
		To   string `json:"to"`
	} `json:"quietHours"`
	DaysOff   []string `json:"daysOff"`
	Autostart bool     `json:"autostart"`
}

type reminderLine struct {
	peerplaypay.Reminder
	// Next is when it goes out next (RFC 3339), "" for not within two weeks.
	Next string `json:"next"`
}

func remindersCmd(env *Env, dir *string) *cobra.Command {
	reminders := func(sub string) func(fs *pflag.FlagSet) runner {
		return func(fs *pflag.FlagSet) runner { return runReminders(env, dir, sub, fs) }
	}
	set := leaf("set NAME on|off|HH:MM", "switch a reminder or set its time", exactArgs(2), reminders("set"))
	set.Long = "Switch a reminder or set its time (NAME: standup, reflection, checkin, session-prep; session is on|off, at the session's time).\n\n" +
		"`reminders set autostart on|off` starts PeerPlayPay minimised at login, so reminders go out."
	return group("reminders", "reminders for the stand-up, reflection, check-ins and the weekly session",
		"want `reminders list|set|quiet|days-off`",
		leaf("list [--json]", "each reminder, on or off, its time and when it goes out next", noArgs, reminders("list")),
		set,
		leaf("quiet HH:MM-HH:MM|on|off", "hours without any notification (shared with activity notifications)", exactArgs(1), reminders("quiet")),
		leaf("days-off DAY,DAY|none", "weekdays without reminders, such as sat,sun", exactArgs(1), reminders("days-off")))
}

func runReminders(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(ctx context.Context, rest []string) error {
		if sub == "set" && rest[0] == "autostart" {
			on, ok := onOff(rest[1])
			if !ok {
				return usageError{fmt.Errorf("write `reminders set autostart on` or `off`, not %q", rest[1])}
			}
			p, err := autostart.Switch(on, *dir)
			if err != nil {
				return err
			}
			if on {
				fmt.Fprintf(env.Stdout, "PeerPlayPay starts minimised at login (%s).\n", p)
			} else {
				fmt.Fprintln(env.Stdout, "PeerPlayPay no longer starts at login.")
			}
			return nil
		}
		// Every word is checked before the database opens: a mistake changes nothing.
		var apply func(*peerplaypay.ReminderSettings)
		switch sub {
		case "set":
			name, value := rest[0], rest[1]
			if !slices.Contains(peerplaypay.ReminderNames, name) {
				return usageError{fmt.Errorf("there is no reminder %q; name one of %s, or autostart", name, strings.Join(peerplaypay.ReminderNames, ", "))}
			}
			if on, ok := onOff(value); ok {
				apply = func(set *peerplaypay.ReminderSettings) { r, _ := set.Reminder(name); r.On = on }
			} else if name == peerplaypay.RemindSession {
				return usageError{fmt.Errorf("the session's reminder goes out at the session's time; write on or off, not %q", value)}
			} else if peerplaypay.ValidClock(value) {
				apply = func(set *peerplaypay.ReminderSettings) { r, _ := set.Reminder(name); r.At, r.On = value, true }
			} else {
				return usageError{fmt.Errorf("write on, off or a time as HH:MM such as 09:30, not %q", value)}
			}
		case "quiet":
			v := rest[0]
			if on, ok := onOff(v); ok {
				apply = func(set *peerplaypay.ReminderSettings) { set.QuietHours = on }
			} else if from, to, ok := strings.Cut(v, "-"); ok && peerplaypay.ValidClock(from) && peerplaypay.ValidClock(to) {
				apply = func(set *peerplaypay.ReminderSettings) { set.QuietHours, set.QuietFrom, set.QuietTo = true, from, to }
			} else {
				return usageError{fmt.Errorf("write quiet hours as HH:MM-HH:MM such as 19:00-08:00, or on or off, not %q", v)}
			}
		case "days-off":
			days := []string{}
			if v := strings.TrimSpace(rest[0]); v != "none" {
				for d := range strings.SplitSeq(v, ",") {
					w, ok := peerplaypay.ParseWeekday(d)
					if !ok {
						return usageError{fmt.Errorf("name days off as mon, tue, wed, thu, fri, sat or sun, comma-separated (or none), not %q", d)}
					}
					days = append(days, peerplaypay.WeekdayName(w))
				}
			}
			apply = func(set *peerplaypay.ReminderSettings) { set.DaysOff = days }
		}
		db, _, err := openDB(ctx, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		svc := sqlite.NewReminderService(db)
		set, err := svc.Settings(ctx)
		if err != nil {
			return err
		}
		if apply != nil {
			apply(set)
			if set, err = svc.SaveSettings(ctx, set); err != nil {
				return err
			}
		}
		now := time.Now()
		facts, err := svc.Facts(ctx, now, sqlite.NewGoalService(db, func(context.Context) sqlite.People { return sqlite.People{} }))
		if err != nil {
			return err
		}
		team, err := sqlite.NewTeamSettingsStore(db).TeamSettings(ctx)
		if err != nil {
			return err
		}
		facts.Session = team.NextSessionAt(now.Add(-peerplaypay.SessionNudgeFor + time.Nanosecond))
		out := reminderList{DaysOff: set.DaysOff, Autostart: autostart.Enabled()}
		out.Quiet.On, out.Quiet.From, out.Quiet.To = set.QuietHours, set.QuietFrom, set.QuietTo
		for _, r := range set.Reminders {
			l := reminderLine{Reminder: r}
			if t := set.Next(r.Name, now, facts, team.NextSessionAt); !t.IsZero() {
				l.Next = t.Format(time.RFC3339)
			}
			out.Reminders = append(out.Reminders, l)
		}
		if *asJSON {
			return writeJSON(env.Stdout, out)
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tON\tTIME\tNEXT\tWHAT")
		for _, l := range out.Reminders {
			at, next, on := l.At, "never", "off"
			if at == "" {
				at = "session"
			}
			if l.On {
				on = "on"
			}
			if l.Next != "" {
				t, _ := time.Parse(time.RFC3339, l.Next)
				next = t.Format("Mon 2006-01-02 15:04")
			} else if l.On && l.Name == peerplaypay.RemindCheckin {
				next = "no goal asks for one"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", l.Name, on, at, next, l.Label)
		}
		tw.Flush()
		quiet := "off"
		if out.Quiet.On {
			quiet = out.Quiet.From + "–" + out.Quiet.To
		}
		days := strings.Join(out.DaysOff, ",")
		if days == "" {
			days = "none"
		}
		start := "off"
		if out.Autostart {
			start = "on (minimised)"
		}
		fmt.Fprintf(env.Stdout, "Quiet hours: %s. Days off: %s. Start at login: %s.\n", quiet, days, start)
		return nil
	}
}

func onOff(s string) (on, ok bool) {
	switch s {
	case "on":
		return true, true
	case "off":
		return false, true
	}
	return false, false
}

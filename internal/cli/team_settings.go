package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// teamSettingsSet says how values are written.
func teamSettingsSet(c *cobra.Command) *cobra.Command {
	c.Long = "Change one setting of the team. Lists are written one item per line, or as JSON; parts as \"name = minutes\": " +
		"a part keeps its items by its name, else by its place; JSON parts may give the \"id\" that show --json lists.\n\n" +
		"`team settings set retention.months N|all` keeps recordings N months in the share (tables and comments stay for good)."
	return c
}

// runTeamSettings runs `team settings|cause|agreements`.
func runTeamSettings(env *Env, dir *string, sub, verb string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	history := fs.Int("history", 10, "how many changes of the history to print (team settings show)")
	return func(ctx context.Context, pos []string) error {
		db, svc, err := teamService(ctx, env, *dir)
		if err != nil {
			return err
		}
		defer db.Close()
		store := sqlite.NewTeamSettingsStore(db)
		if verb == "show" {
			s, err := store.TeamSettings(ctx)
			if err != nil {
				return err
			}
			h, err := store.TeamSettingsHistory(ctx, *history)
			if err != nil {
				return err
			}
			svc.NameSettingsHistory(ctx, h)
			if *asJSON {
				return writeJSON(env.Stdout, struct {
					Settings *peerplaypay.TeamSettings         `json:"settings"`
					History  []peerplaypay.SettingHistoryEntry `json:"history"`
				}{s, h})
			}
			printTeamSettings(env.Stdout, s, h)
			return nil
		}

		var change peerplaypay.SettingChange
		switch sub + " " + verb {
		case "settings set":
			// The value is checked before anything else: a typo is answered
			// with the valid keys whether or not this laptop is in a team.
			v, err := peerplaypay.ParseSettingValue(pos[0], pos[1])
			if err != nil {
				return err
			}
			change = peerplaypay.SettingChange{Key: pos[0], Value: v}
		case "cause set":
			v, err := peerplaypay.ParseSettingValue(peerplaypay.KeyTeamCause, pos[0])
			if err != nil {
				return err
			}
			change = peerplaypay.SettingChange{Key: peerplaypay.KeyTeamCause, Value: v}
		default:
			s, err := store.TeamSettings(ctx)
			if err != nil {
				return err
			}
			list := slices.Clone(s.Agreements)
			text := strings.TrimSpace(pos[0])
			if verb == "add" {
				if slices.Contains(list, text) {
					return peerplaypay.Errorf(peerplaypay.EINVALID, "The team already agreed on %q; nothing was changed.", text)
				}
				list = append(list, text)
			} else {
				i := slices.Index(list, text)
				if n, err := strconv.Atoi(text); err == nil {
					i = n - 1
				}
				if len(list) == 0 {
					return peerplaypay.Errorf(peerplaypay.EINVALID, "The team has no agreements yet; nothing was changed. Add one with `peerplaypay team agreements add \"text\"`.")
				}
				if i < 0 || i >= len(list) {
					return peerplaypay.Errorf(peerplaypay.EINVALID, "There is no agreement %q: give its number (1 to %d) or its exact text, as `peerplaypay team settings show` lists them; nothing was changed.", text, len(list))
				}
				list = slices.Delete(list, i, i+1)
			}
			b, _ := json.Marshal(list)
			if why := peerplaypay.CheckSetting(peerplaypay.KeyTeamAgreements, b); why != "" {
				return peerplaypay.Errorf(peerplaypay.EINVALID, "%s; nothing was changed.", strings.ToUpper(why[:1])+why[1:])
			}
			change = peerplaypay.SettingChange{Key: peerplaypay.KeyTeamAgreements, Value: b}
		}
		if err := svc.CanChangeTeamSettings(ctx); err != nil {
			return err
		}
		if _, err := store.SetTeamSettings(ctx, []peerplaypay.SettingChange{change}); err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, change)
		}
		fmt.Fprintf(env.Stdout, "Changed %s to %s. Your team gets it at the next sync.\n", change.Key, change.Value)
		return nil
	}
}

func printTeamSettings(w io.Writer, s *peerplaypay.TeamSettings, h []peerplaypay.SettingHistoryEntry) {
	onOff := map[bool]string{true: "on", false: "off"}
	cause := s.Cause
	if cause == "" {
		cause = "(not written yet: `peerplaypay team cause set \"why we do this\"`)"
	}
	fmt.Fprintf(w, "Cause: %s\n", cause)
	fmt.Fprintln(w, "Agreements:")
	if len(s.Agreements) == 0 {
		fmt.Fprintln(w, "  (none yet: `peerplaypay team agreements add \"stand-up by 10:00\"`)")
	}
	for i, a := range s.Agreements {
		fmt.Fprintf(w, "  %d. %s\n", i+1, a)
	}
	fmt.Fprintf(w, "\n%s (stand-up questions):\n", peerplaypay.KeyStandupQuestions)
	for i, q := range s.Questions {
		fmt.Fprintf(w, "  %d. %s  [%s]\n", i+1, q.Text, q.ID)
	}
	fmt.Fprintf(w, "%s: %s\n%s: %s\n", peerplaypay.KeyStandupMood, onOff[s.Mood], peerplaypay.KeyStandupEnergy, onOff[s.Energy])
	fmt.Fprintf(w, "%s (weekly session, %d min):\n", peerplaypay.KeySessionParts, s.SessionMinutes())
	for i, p := range s.SessionParts {
		fmt.Fprintf(w, "  %d. %s = %d\n", i+1, p.Name, p.Minutes)
	}
	fmt.Fprintf(w, "%s: %s\n%s: %s\n", peerplaypay.KeySessionWeekday, s.SessionWeekday, peerplaypay.KeySessionTime, s.SessionTime)
	fmt.Fprintf(w, "%s: %s\n%s: %s\n", peerplaypay.KeyReminderStandup, onOff[s.StandupReminder], peerplaypay.KeyReminderStandupAt, s.StandupReminderAt)
	fmt.Fprintf(w, "%s: %s\n%s: %s\n", peerplaypay.KeyReminderReflect, onOff[s.ReflectReminder], peerplaypay.KeyReminderReflectAt, s.ReflectReminderAt)
	fmt.Fprintf(w, "%s: %s\n", peerplaypay.KeyRetentionMonths, retentionWords(s.RetentionMonths))
	if len(s.Unknown) > 0 {
		keys := make([]string, 0, len(s.Unknown))
		for k := range s.Unknown {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		fmt.Fprintln(w, "Settings of a newer app (kept for it):")
		for _, k := range keys {
			fmt.Fprintf(w, "  %s: %s\n", k, s.Unknown[k])
		}
	}
	fmt.Fprintf(w, "\nHistory (%d shown, newest first):\n", len(h))
	if len(h) == 0 {
		fmt.Fprintln(w, "  nobody changed anything yet: these are the defaults.")
	}
	for _, e := range h {
		mark := ""
		if !e.Current {
			mark = "  (replaced)"
		}
		fmt.Fprintf(w, "  %s  %s set %s to %s%s\n", e.At.Local().Format(time.DateTime), e.AuthorName, e.Key, cutValue(e.Value), mark)
	}
}

func cutValue(v json.RawMessage) string {
	s := string(v)
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

// printTable prints a log's table against the questions it was made
// with (the five defaults for a log older than team settings).
func printTable(w io.Writer, questions []peerplaypay.Question, t *peerplaypay.LogTable, skipEmpty bool) {
	if len(questions) == 0 {
		questions = peerplaypay.DefaultQuestions
	}
	width := 18
	for _, q := range questions {
		width = max(width, min(len([]rune(q.Text))+1, 40))
	}
	for _, q := range questions {
		a := t.Answer(q.ID)
		if a == "" && skipEmpty {
			continue
		}
		fmt.Fprintf(w, "%-*s %s\n", width, q.Text+":", strings.ReplaceAll(a, "\n", "\n"+strings.Repeat(" ", width+1)))
	}
}

// retentionWords says a retention in words.
func retentionWords(months int) string {
	switch months {
	case 0:
		return "all (recordings are kept for good)"
	case 1:
		return "1 month"
	}
	return fmt.Sprintf("%d months", months)
}

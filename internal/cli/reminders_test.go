package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type remindersOut struct {
	Reminders []struct {
		Name, At, Next string
		On             bool
	}
	QuietHours struct {
		On       bool
		From, To string
	}
	DaysOff   []string
	Autostart bool
}

func listReminders(t *testing.T, dir string) remindersOut {
	t.Helper()
	code, out, e := run(t, nil, "reminders", "list", "--json", dir)
	var got remindersOut
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil {
		t.Fatalf("reminders list --json: %d %v %s", code, err, e)
	}
	return got
}

func TestRemindersCommands(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := "--data-dir=" + t.TempDir()
	got := listReminders(t, dir)
	if len(got.Reminders) != 5 || strings.Join(got.DaysOff, ",") != "sat,sun" || !got.QuietHours.On || got.Autostart {
		t.Fatalf("defaults: %+v", got)
	}
	for _, r := range got.Reminders {
		// No goal asks for a check-in yet: that one has no next time.
		if !r.On || (r.Next == "") != (r.Name == "checkin") {
			t.Errorf("default %s: %+v", r.Name, r)
		}
	}

	for _, args := range [][]string{
		{"set", "standup", "08:45"},
		{"set", "reflection", "off"},
		{"quiet", "20:00-07:30"},
		{"days-off", "fri,Sunday"},
	} {
		if code, _, e := run(t, nil, append(append([]string{"reminders"}, args...), dir)...); code != 0 {
			t.Fatalf("reminders %v: %d %s", args, code, e)
		}
	}
	got = listReminders(t, dir)
	// Next is now when today's stand-up is late, else a day at 08:45.
	if r := got.Reminders[0]; r.Name != "standup" || r.At != "08:45" || !r.On || r.Next == "" {
		t.Errorf("standup: %+v", r)
	}
	if r := got.Reminders[1]; r.Name != "reflection" || r.On || r.Next != "" {
		t.Errorf("reflection switched off: %+v", r)
	}
	if q := got.QuietHours; !q.On || q.From != "20:00" || q.To != "07:30" || strings.Join(got.DaysOff, ",") != "fri,sun" {
		t.Errorf("quiet hours and days off: %+v", got)
	}
	code, text, _ := run(t, nil, "reminders", "list", dir)
	if code != 0 || !strings.Contains(text, "standup") || !strings.Contains(text, "Quiet hours: 20:00–07:30. Days off: fri,sun. Start at login: off.") {
		t.Errorf("list:\n%s", text)
	}

	// Bad input: a sentence that says what to write, exit 2, nothing changed.
	for _, bad := range [][]string{
		{"set", "standup", "9am"},
		{"set", "lunch", "on"},
		{"set", "session", "10:00"},
		{"quiet", "late"},
		{"days-off", "fri,funday"},
		{"set", "autostart", "maybe"},
		{"snooze"},
		{"set", "standup"},
	} {
		code, _, e := run(t, nil, append(append([]string{"reminders"}, bad...), dir)...)
		if code != 2 || !strings.Contains(e, "Run `peerplaypay help`") || len(strings.TrimSpace(e)) < 40 {
			t.Errorf("reminders %v: exit %d, %q", bad, code, e)
		}
	}
	if again := listReminders(t, dir); again.Reminders[0].At != "08:45" || strings.Join(again.DaysOff, ",") != "fri,sun" || again.QuietHours.From != "20:00" {
		t.Errorf("a refused command changed the reminders: %+v", again)
	}

	// Start at login: the entry is written and removed.
	if code, out, e := run(t, nil, "reminders", "set", "autostart", "on", dir); code != 0 || !strings.Contains(out, "starts minimised at login") {
		t.Fatalf("autostart on: %d %s %s", code, out, e)
	}
	entry := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "autostart", "peerplaypay.desktop")
	if b, err := os.ReadFile(entry); err != nil || !strings.Contains(string(b), "--minimised --data-dir") {
		t.Errorf("entry: %s, %v", b, err)
	}
	if !listReminders(t, dir).Autostart {
		t.Error("list does not say it starts at login")
	}
	if code, _, e := run(t, nil, "reminders", "set", "autostart", "off", dir); code != 0 {
		t.Fatalf("autostart off: %s", e)
	}
	if _, err := os.Stat(entry); !os.IsNotExist(err) {
		t.Errorf("entry still there: %v", err)
	}
}

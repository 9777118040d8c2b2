package peerplaypay_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
)

func TestDefaultTeamSettings(t *testing.T) {
	s := peerplaypay.BuildTeamSettings(nil, 0)
	if len(s.Questions) != 5 || s.Questions[0].Text != "What I did" || s.Questions[4].ID != "helpNeeded" {
		t.Fatalf("questions = %+v", s.Questions)
	}
	if s.SessionMinutes() != 120 || len(s.SessionParts) != 5 || s.SessionParts[2].Name != "Accelerate everything by 20 %" {
		t.Fatalf("parts = %+v (%d min)", s.SessionParts, s.SessionMinutes())
	}
	if s.SessionWeekdayTime() != time.Monday || s.SessionTime != "10:00" || s.StandupReminderAt != "10:00" || !s.StandupReminder {
		t.Fatalf("session/reminders = %+v", s)
	}
	if !s.Mood || !s.Energy || s.Cause != "" || len(s.Agreements) != 0 {
		t.Fatalf("scales/cause = %+v", s)
	}
	for _, k := range peerplaypay.SettingKeys() {
		if why := peerplaypay.CheckSetting(k, peerplaypay.DefaultSettingValue(k)); why != "" {
			t.Errorf("default of %s fails its own check: %s", k, why)
		}
	}
}

func TestCheckSetting(t *testing.T) {
	long := strings.Repeat("x", 201)
	for _, c := range []struct {
		key, value string
		ok         bool
	}{
		{"standup.questions", `[{"id":"done","text":"What did I ship?"}]`, true},
		{"standup.questions", `[]`, false},
		{"standup.questions", `[{"id":"done","text":"` + long + `"}]`, false},
		{"standup.questions", `[{"id":"done","text":"a"},{"id":"done","text":"b"}]`, false},
		{"standup.questions", `[{"id":"../x","text":"a"}]`, false},
		{"standup.questions", `[{"id":"done","text":" a"}]`, false},
		{"standup.questions", `[{"id":"done","text":"a","x":1}]`, false},
		{"standup.mood", `false`, true},
		{"standup.mood", `"off"`, false},
		{"session.parts", `[{"name":"Stories","minutes":20}]`, true},
		{"session.parts", `[{"name":"Stories","minutes":0}]`, false},
		{"session.parts", `[{"name":"Stories","minutes":-5}]`, false},
		{"session.parts", `[{"name":"A","minutes":240},{"name":"B","minutes":241}]`, false},
		{"session.parts", `[{"name":"A","minutes":240},{"name":"B","minutes":240},{"name":"C","minutes":1}]`, false},
		{"session.weekday", `"friday"`, true},
		{"session.weekday", `"funday"`, false},
		{"session.time", `"09:30"`, true},
		{"session.time", `"24:00"`, false},
		{"session.time", `"9:30"`, false},
		{"session.time", `"+9:30"`, false},
		{"reminders.standupAt", `"23:59"`, true},
		{"team.cause", `"We want to learn faster together."`, true},
		{"team.cause", `"` + strings.Repeat("y", 1001) + `"`, false},
		{"team.agreements", `["stand-up by 10:00","thanks with a reason"]`, true},
		{"team.agreements", `[""]`, false},
		{"future.key", `{"anything":[1,2]}`, true},
		{"future.key", `{"anything":`, false},
		{"Bad Key", `1`, false},
		{"future.big", `"` + strings.Repeat("z", peerplaypay.MaxSettingValue) + `"`, false},
	} {
		why := peerplaypay.CheckSetting(c.key, json.RawMessage(c.value))
		if (why == "") != c.ok {
			t.Errorf("CheckSetting(%s, %.40s) = %q, want ok=%v", c.key, c.value, why, c.ok)
		}
	}
}

func TestParseSettingValue(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, c := range []struct{ key, text, want string }{
			{"standup.mood", "off", `false`},
			{"session.weekday", "Friday", `"friday"`},
			{"session.parts", "Wins = 30\nPlans = 15", `[{"name":"Wins","minutes":30},{"name":"Plans","minutes":15}]`},
			{"standup.questions", "What did I ship?\nWho helped me?", `[{"id":"done","text":"What did I ship?"},{"id":"how","text":"Who helped me?"}]`},
			{"standup.questions", `["a","b","c","d","e","f"]`, `[{"id":"done","text":"a"},{"id":"how","text":"b"},{"id":"why","text":"c"},{"id":"next","text":"d"},{"id":"helpNeeded","text":"e"},{"id":"extra1","text":"f"}]`},
			{"team.agreements", "stand-up by 10:00\nthanks with a reason", `["stand-up by 10:00","thanks with a reason"]`},
			{"session.time", "9:30", `"09:30"`},
		} {
			got, err := peerplaypay.ParseSettingValue(c.key, c.text)
			if err != nil || string(got) != c.want {
				t.Errorf("ParseSettingValue(%s, %q) = %s, %v; want %s", c.key, c.text, got, err, c.want)
			}
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, c := range []struct{ key, text, says string }{
			{"standup.colour", "blue", "The settings are: reminders.reflect"},
			{"session.time", "25:00", "HH:MM"},
			{"session.time", "9am", "The session time must be HH:MM, like 09:30"},
			{"reminders.standupAt", "noon", "The stand-up reminder's time must be HH:MM"},
			{"session.parts", "Wins", "name = minutes"},
			{"session.parts", "Wins = 0", "1 to 240"},
			{"standup.mood", "maybe", "on or off"},
		} {
			_, err := peerplaypay.ParseSettingValue(c.key, c.text)
			if peerplaypay.ErrorCode(err) != peerplaypay.EINVALID || !strings.Contains(peerplaypay.ErrorMessage(err), c.says) {
				t.Errorf("ParseSettingValue(%s, %q) = %v; want EINVALID saying %q", c.key, c.text, err, c.says)
			}
		}
	})
}

func TestSettingWinsIsATotalOrder(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	if !peerplaypay.SettingWins(t0.Add(time.Second), "00", t0, "ff") {
		t.Error("a later change must win")
	}
	if !peerplaypay.SettingWins(t0, "ff", t0, "00") || peerplaypay.SettingWins(t0, "00", t0, "ff") {
		t.Error("on the same time the greater event ID must win, and only it")
	}
}

func TestCheckTeamSettingsData(t *testing.T) {
	ok := peerplaypay.TeamSettingsData{Changes: []peerplaypay.SettingChange{{Key: "team.cause", Value: json.RawMessage(`"Why we do this"`)}}}
	if why := peerplaypay.CheckTeamSettingsData(ok); why != "" {
		t.Fatal(why)
	}
	twice := peerplaypay.TeamSettingsData{Changes: append(ok.Changes, ok.Changes...)}
	if peerplaypay.CheckTeamSettingsData(twice) == "" || peerplaypay.CheckTeamSettingsData(peerplaypay.TeamSettingsData{}) == "" {
		t.Fatal("a key set twice, or no change at all, must be refused")
	}
}

// TestKeepPartIDs: parts typed as plain lines keep the ids of the team's
// parts: by name through a reorder, by place through a rename, new ids for
// new parts, never one id twice.
func TestKeepPartIDs(t *testing.T) {
	cur := peerplaypay.WithPartIDs(peerplaypay.DefaultSessionParts)
	got := peerplaypay.KeepPartIDs([]peerplaypay.SessionPart{
		{Name: "Success stories", Minutes: 10},
		{Name: "three success moments for this week", Minutes: 20},
		{Name: "Faster by 20 %", Minutes: 30},
		{Name: "Retro", Minutes: 30},
		{Name: "Demos", Minutes: 5},
		{Name: "Lunch", Minutes: 5},
	}, cur)
	ids := []string{got[0].ID, got[1].ID, got[2].ID, got[3].ID}
	if strings.Join(ids, " ") != "stories moments accelerate rethink" {
		t.Errorf("ids %v; want stories moments accelerate rethink", ids)
	}
	if got[4].ID == "" || got[4].ID == got[5].ID || !peerplaypay.IsPartID(got[4].ID) || !peerplaypay.IsPartID(got[5].ID) {
		t.Errorf("new parts' ids %q %q", got[4].ID, got[5].ID)
	}
	raw, _ := json.Marshal(got)
	if why := peerplaypay.CheckSetting(peerplaypay.KeySessionParts, raw); why != "" {
		t.Errorf("the parts with their ids fail their check: %s", why)
	}
}

// TestNextSessionAtFollowsTheTeam: the reminders' session time is the
// team's weekday and time.
func TestNextSessionAtFollowsTheTeam(t *testing.T) {
	s := peerplaypay.BuildTeamSettings(map[string]json.RawMessage{
		peerplaypay.KeySessionWeekday: json.RawMessage(`"wednesday"`),
		peerplaypay.KeySessionTime:    json.RawMessage(`"14:30"`),
	}, 2)
	monday := time.Date(2026, 12, 7, 9, 0, 0, 0, time.Local)
	if got, want := s.NextSessionAt(monday), time.Date(2026, 12, 9, 14, 30, 0, 0, time.Local); !got.Equal(want) {
		t.Errorf("next session after %v: %v; want %v", monday, got, want)
	}
	if got, want := peerplaypay.DefaultNextSessionAt(monday), time.Date(2026, 12, 7, 10, 0, 0, 0, time.Local); !got.Equal(want) {
		t.Errorf("default next session: %v; want %v", got, want)
	}
}

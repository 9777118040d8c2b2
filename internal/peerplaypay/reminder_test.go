package peerplaypay_test

import (
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// at is a local time on a given day; 2026-11-23 is a Monday.
func at(t *testing.T, s string) time.Time {
	t.Helper()
	c, err := time.ParseInLocation("2006-01-02 15:04", s, time.Local)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func defaults() *peerplaypay.ReminderSettings {
	return &peerplaypay.ReminderSettings{Reminders: peerplaypay.DefaultReminders(), QuietHours: true,
		QuietFrom: "19:00", QuietTo: "08:00", DaysOff: peerplaypay.DefaultDaysOff}
}

func session(now time.Time) time.Time { return peerplaypay.WeeklyAt(now, time.Monday, "10:00") }

// run walks a fake clock minute by minute from from to to, sending what is
// due as the app does (recording each as sent on its day), and returns
// each reminder's sending times. done changes the facts as time goes.
func run(t *testing.T, set *peerplaypay.ReminderSettings, from, to string, sent map[string]string,
	done func(now time.Time, f *peerplaypay.ReminderFacts)) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for now := at(t, from); !now.After(at(t, to)); now = now.Add(time.Minute) {
		f := peerplaypay.ReminderFacts{Sent: sent, Session: session(now.Add(-peerplaypay.SessionNudgeFor + time.Nanosecond)), CheckinsDue: 1}
		if done != nil {
			done(now, &f)
		}
		for _, n := range set.Due(now, f) {
			out[n.Name] = append(out[n.Name], now.Format("Mon 15:04"))
			sent[n.Name] = n.Day
			if n.Title == "" || n.Body == "" || n.Area == "" {
				t.Errorf("%s: nudge without words or place: %+v", n.Name, n)
			}
		}
	}
	return out
}

func TestRemindersFireOnceAtTheirTime(t *testing.T) {
	// Friday to Monday noon: the week's stand-ups, the session's items on
	// Friday (the last working day before Monday), the session Monday.
	got := run(t, defaults(), "2026-11-20 00:00", "2026-11-23 12:00", map[string]string{}, nil)
	want := map[string][]string{
		peerplaypay.RemindStandup:     {"Fri 09:30", "Mon 09:30"},
		peerplaypay.RemindReflection:  {"Fri 16:30"},
		peerplaypay.RemindCheckin:     {"Fri 10:00", "Mon 10:00"},
		peerplaypay.RemindSessionPrep: {"Fri 15:00"},
		peerplaypay.RemindSession:     {"Mon 10:00"},
	}
	for name, w := range want {
		if g := got[name]; len(g) != len(w) || len(g) > 0 && (g[0] != w[0] || g[len(g)-1] != w[len(w)-1]) {
			t.Errorf("%s sent at %v; want %v", name, g, w)
		}
	}
}

func TestRemindersNotWhenDone(t *testing.T) {
	// The stand-up recorded at 09:00, the reflection at 16:00, no check-in due.
	got := run(t, defaults(), "2026-11-24 00:00", "2026-11-24 23:59", map[string]string{}, func(now time.Time, f *peerplaypay.ReminderFacts) {
		f.StandupDone = !now.Before(at(t, "2026-11-24 09:00"))
		f.ReflectionDone = !now.Before(at(t, "2026-11-24 16:00"))
		f.CheckinsDue = 0
	})
	if len(got) != 0 {
		t.Errorf("sent though done: %v", got)
	}
	// Recorded late: the nudge went out before, not again after.
	got = run(t, defaults(), "2026-11-25 00:00", "2026-11-25 23:59", map[string]string{}, func(now time.Time, f *peerplaypay.ReminderFacts) {
		f.StandupDone = !now.Before(at(t, "2026-11-25 11:00"))
	})
	if g := got[peerplaypay.RemindStandup]; len(g) != 1 || g[0] != "Wed 09:30" {
		t.Errorf("stand-up sent at %v; want Wed 09:30 once", g)
	}
}

func TestRemindersQuietHoursAndDaysOff(t *testing.T) {
	set := defaults()
	r, _ := set.Reminder(peerplaypay.RemindStandup)
	r.At = "07:00" // inside the quiet hours (to 08:00): held until they end
	refl, _ := set.Reminder(peerplaypay.RemindReflection)
	refl.At = "20:00"                                                                    // all of its day's rest is quiet: not sent
	got := run(t, set, "2026-11-28 00:00", "2026-11-30 23:59", map[string]string{}, nil) // Sat to Mon
	if g := got[peerplaypay.RemindStandup]; len(g) != 1 || g[0] != "Mon 08:00" {
		t.Errorf("stand-up sent at %v; want Mon 08:00 only (weekend off, quiet until 08:00)", g)
	}
	if g := got[peerplaypay.RemindReflection]; len(g) != 0 {
		t.Errorf("reflection sent in quiet hours at %v", g)
	}
	// Quiet hours off: 07:00 it is; days off none: Saturday too.
	set.QuietHours, set.DaysOff = false, nil
	got = run(t, set, "2026-11-28 00:00", "2026-11-28 23:59", map[string]string{}, nil)
	if g := got[peerplaypay.RemindStandup]; len(g) != 1 || g[0] != "Sat 07:00" {
		t.Errorf("without quiet hours and days off, stand-up sent at %v; want Sat 07:00", g)
	}
	// A reminder switched off never goes out.
	r.On = false
	if g := run(t, set, "2026-11-23 00:00", "2026-11-23 23:59", map[string]string{}, nil)[peerplaypay.RemindStandup]; len(g) != 0 {
		t.Errorf("switched off, sent at %v", g)
	}
}

func TestRemindersNotTwiceAfterRestart(t *testing.T) {
	// What was sent is kept: a new run of the clock on the same day (a
	// restart) with the same record sends nothing again.
	sent := map[string]string{}
	first := run(t, defaults(), "2026-11-24 09:00", "2026-11-24 17:00", sent, nil)
	if len(first[peerplaypay.RemindStandup]) != 1 {
		t.Fatalf("first run: %v", first)
	}
	if again := run(t, defaults(), "2026-11-24 12:00", "2026-11-24 18:00", sent, nil); len(again) != 0 {
		t.Errorf("after a restart, sent again: %v", again)
	}
}

func TestRemindersNext(t *testing.T) {
	set := defaults()
	now := at(t, "2026-11-27 17:00") // Friday, after the day's times
	f := peerplaypay.ReminderFacts{Sent: map[string]string{peerplaypay.RemindStandup: "2026-11-27", peerplaypay.RemindSessionPrep: "2026-11-27"}, StandupDone: true, ReflectionDone: false,
		CheckinDueAt: at(t, "2026-12-01 14:00")} // a goal due Tuesday afternoon
	for name, want := range map[string]string{
		peerplaypay.RemindStandup:     "2026-11-30 09:30", // Monday: the weekend is off
		peerplaypay.RemindReflection:  "2026-11-27 17:00", // now: past its time, not done
		peerplaypay.RemindCheckin:     "2026-12-01 14:00", // when it becomes due, after its time
		peerplaypay.RemindSessionPrep: "2026-12-04 15:00", // the Friday before the next Monday's
		peerplaypay.RemindSession:     "2026-11-30 10:00",
	} {
		if got := set.Next(name, now, f, session); !got.Equal(at(t, want)) {
			t.Errorf("next %s = %v; want %s", name, got, want)
		}
	}
	if got := set.Next(peerplaypay.RemindCheckin, now, peerplaypay.ReminderFacts{}, session); !got.IsZero() {
		t.Errorf("with no goal to check in on, the check-in reminder goes out at %v", got)
	}
	r, _ := set.Reminder(peerplaypay.RemindSession)
	r.On = false
	if got := set.Next(peerplaypay.RemindSession, now, f, session); !got.IsZero() {
		t.Errorf("a reminder switched off goes out at %v", got)
	}
}

func TestReminderSettingsValidate(t *testing.T) {
	set := defaults()
	if err := set.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []func(s *peerplaypay.ReminderSettings){
		func(s *peerplaypay.ReminderSettings) { s.Reminders[0].At = "9am" },
		func(s *peerplaypay.ReminderSettings) { s.DaysOff = []string{"someday"} },
		func(s *peerplaypay.ReminderSettings) { s.QuietFrom = "25:00" },
		func(s *peerplaypay.ReminderSettings) { s.Reminders[0].Name = "lunch" },
	} {
		s := defaults()
		bad(s)
		if err := s.Validate(); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID || peerplaypay.ErrorField(err) == "" {
			t.Errorf("%+v: %v", s, err)
		}
	}
}

func TestCheckinsDue(t *testing.T) {
	now := at(t, "2026-11-23 10:00")
	iso := func(s string) string { return at(t, s).UTC().Format(time.RFC3339Nano) }
	goals := []*peerplaypay.Goal{
		{Mine: true, Status: peerplaypay.StatusOnTrack, CreatedAt: iso("2026-11-10 09:00"), LastCheckinAt: iso("2026-11-16 09:00")}, // 7 days: due
		{Mine: true, Status: peerplaypay.StatusOnTrack, CreatedAt: iso("2026-11-10 09:00"), LastCheckinAt: iso("2026-11-20 09:00")}, // checked in 3 days ago
		{Mine: false, Status: peerplaypay.StatusOnTrack, CreatedAt: iso("2026-11-01 09:00")},                                        // a peer's
		{Mine: true, Status: peerplaypay.StatusAchieved, CreatedAt: iso("2026-11-01 09:00")},                                        // closed
	}
	if n, first := peerplaypay.CheckinsDue(goals, 7, now); n != 1 || !first.Equal(at(t, "2026-11-23 09:00")) {
		t.Errorf("due = %d from %v; want 1 from 09:00", n, first)
	}
	if n, first := peerplaypay.CheckinsDue(goals[1:2], 7, now); n != 0 || !first.Equal(at(t, "2026-11-27 09:00")) {
		t.Errorf("checked in 3 days ago: due = %d from %v; want 0, due Friday 09:00", n, first)
	}
	if n, first := peerplaypay.CheckinsDue(goals, 0, now); n != 0 || !first.IsZero() {
		t.Errorf("with no cadence, due = %d from %v", n, first)
	}
}

package peerplaypay

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The reminders the app can send, by name (the CLI's and the settings').
const (
	RemindStandup     = "standup"
	RemindReflection  = "reflection"
	RemindCheckin     = "checkin"
	RemindSessionPrep = "session-prep"
	RemindSession     = "session"
)

// ReminderNames is every reminder, in the order they are listed.
var ReminderNames = []string{RemindStandup, RemindReflection, RemindCheckin, RemindSessionPrep, RemindSession}

// SessionNudgeFor is how long after the weekly session starts its nudge may
// still go out: a reminder of a meeting half over is no use.
const SessionNudgeFor = 30 * time.Minute

// Reminder is one nudge and the member's choice for it.
type Reminder struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	On    bool   `json:"on"`
	// At is the local time it goes out, "HH:MM"; "" for the weekly
	// session, which is nudged at the session's own time.
	At string `json:"at"`
}

// ReminderSettings are every reminder's switch and time, the quiet hours
// (shared with the activity notifications) and the days off.
type ReminderSettings struct {
	Reminders  []Reminder `json:"reminders"`
	QuietHours bool       `json:"quietHours"`
	QuietFrom  string     `json:"quietFrom"`
	QuietTo    string     `json:"quietTo"`
	// DaysOff are weekdays without reminders: "mon" … "sun".
	DaysOff []string `json:"daysOff"`
}

// DefaultReminders are the reminders before the member changes them: on,
// at times that leave the morning's first hour and the day's last alone.
func DefaultReminders() []Reminder {
	return []Reminder{
		{Name: RemindStandup, Label: "Record today’s stand-up", On: true, At: "09:30"},
		{Name: RemindReflection, Label: "Reflect on the day", On: true, At: "16:30"},
		{Name: RemindCheckin, Label: "Check in on a goal that is due", On: true, At: "10:00"},
		{Name: RemindSessionPrep, Label: "Add items before the weekly session", On: true, At: "15:00"},
		{Name: RemindSession, Label: "The weekly session starts", On: true},
	}
}

// DefaultDaysOff are the weekend.
var DefaultDaysOff = []string{"sat", "sun"}

var weekdayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseWeekday reads "mon" … "sun" (or the day's full English name).
func ParseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i, n := range weekdayNames {
		if s == n || len(s) > 3 && strings.HasPrefix(strings.ToLower(time.Weekday(i).String()), s) {
			return time.Weekday(i), true
		}
	}
	return 0, false
}

// WeekdayName is the short name of d ("mon").
func WeekdayName(d time.Weekday) string { return weekdayNames[d] }

// ValidClock reports whether s is a time of day "HH:MM".
func ValidClock(s string) bool { _, ok := clockMinutes(s); return ok }

// Reminder returns the reminder called name, or false.
func (s *ReminderSettings) Reminder(name string) (*Reminder, bool) {
	for i := range s.Reminders {
		if s.Reminders[i].Name == name {
			return &s.Reminders[i], true
		}
	}
	return nil, false
}

// Validate says, as a field error, the first choice that cannot be kept.
func (s *ReminderSettings) Validate() error {
	for _, r := range s.Reminders {
		if !slices.Contains(ReminderNames, r.Name) {
			return FieldErrorf("name", "There is no reminder %q; the reminders are %s.", r.Name, strings.Join(ReminderNames, ", "))
		}
		if r.Name != RemindSession && !ValidClock(r.At) {
			return FieldErrorf("at-"+r.Name, "Write when to remind as HH:MM, such as 09:30 (“%s” is not a time).", r.At)
		}
	}
	if err := (QuietHours{From: s.QuietFrom, To: s.QuietTo}).Validate(); err != nil {
		return err
	}
	for _, d := range s.DaysOff {
		if _, ok := ParseWeekday(d); !ok {
			return FieldErrorf("daysOff", "Name days off as mon, tue, wed, thu, fri, sat or sun (“%s” is not a day).", d)
		}
	}
	return nil
}

// ReminderFacts is what the schedule needs to know besides the time: what
// is done today and which reminders went out already.
type ReminderFacts struct {
	StandupDone    bool
	ReflectionDone bool
	// CheckinsDue counts the member's open goals whose check-in is due.
	CheckinsDue int
	// CheckinDueAt is when the first of them is or becomes due; zero when
	// no goal asks for check-ins.
	CheckinDueAt time.Time
	// Sent holds the reminders already sent, each with the day (YYYY-MM-DD)
	// it was last sent on.
	Sent map[string]string
	// Session is when the weekly session starts next; a session that
	// started less than SessionNudgeFor ago still counts.
	Session time.Time
}

// Nudge is a reminder going out now.
type Nudge struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Body  string `json:"body"`
	// Area is where the nudge leads in the window.
	Area string `json:"area" ts_type:"'today' | 'reflect' | 'goals' | 'session'"`
	// Day is the local day it is sent for: once a day per reminder.
	Day string `json:"day"`
}

func dayAt(t time.Time, hhmm string) time.Time {
	m, _ := clockMinutes(hhmm)
	return time.Date(t.Year(), t.Month(), t.Day(), m/60, m%60, 0, 0, t.Location())
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

func (s *ReminderSettings) dayOff(t time.Time) bool {
	for _, d := range s.DaysOff {
		if w, ok := ParseWeekday(d); ok && w == t.Weekday() {
			return true
		}
	}
	return false
}

// PrepDay is the day the nudge to add items to the weekly session goes out:
// the last day before the session that is not a day off (a Monday session
// is prepared on Friday when the weekend is off).
func (s *ReminderSettings) PrepDay(session time.Time) time.Time {
	d := session.AddDate(0, 0, -1)
	for range 6 {
		if !s.dayOff(d) {
			return d
		}
		d = d.AddDate(0, 0, -1)
	}
	return session.AddDate(0, 0, -1)
}

// Due returns the reminders that should go out at now given the facts:
// each on, past its time today, outside quiet hours, not on a day off, not
// done and not yet sent today.
func (s *ReminderSettings) Due(now time.Time, f ReminderFacts) []Nudge {
	var out []Nudge
	for _, r := range s.Reminders {
		if n, ok := s.due(r, now, f); ok {
			out = append(out, n)
		}
	}
	return out
}

func (s *ReminderSettings) due(r Reminder, now time.Time, f ReminderFacts) (Nudge, bool) {
	today := now.Format(time.DateOnly)
	if !r.On || s.dayOff(now) || f.Sent[r.Name] == today {
		return Nudge{}, false
	}
	if s.QuietHours && (QuietHours{From: s.QuietFrom, To: s.QuietTo}).Covers(now) {
		return Nudge{}, false
	}
	n := Nudge{Name: r.Name, Day: today}
	switch r.Name {
	case RemindStandup:
		if f.StandupDone || now.Before(dayAt(now, r.At)) {
			return n, false
		}
		n.Title, n.Body, n.Area = "Time for your stand-up", "You have not recorded today’s stand-up yet: what you did, how, why and what is next.", "today"
	case RemindReflection:
		if f.ReflectionDone || now.Before(dayAt(now, r.At)) {
			return n, false
		}
		n.Title, n.Body, n.Area = "Time to reflect", "A few quiet minutes on the day: start the reflection timer in Growth.", "reflect"
	case RemindCheckin:
		if f.CheckinsDue == 0 || now.Before(dayAt(now, r.At)) {
			return n, false
		}
		n.Title, n.Area = "A goal check-in is due", "goals"
		n.Body = "One of your goals is waiting for a check-in: how far it is and how confident you are."
		if f.CheckinsDue > 1 {
			n.Title, n.Body = fmt.Sprintf("%d goal check-ins are due", f.CheckinsDue), fmt.Sprintf("%d of your goals are waiting for a check-in: how far each is and how confident you are.", f.CheckinsDue)
		}
	case RemindSessionPrep:
		if f.Session.IsZero() || !sameDay(now, s.PrepDay(f.Session)) || now.Before(dayAt(now, r.At)) {
			return n, false
		}
		n.Title, n.Area = "The weekly session is "+sessionWhen(now, f.Session), "session"
		n.Body = "Add what you want to talk about before it starts."
	case RemindSession:
		if f.Session.IsZero() || now.Before(f.Session) || !now.Before(f.Session.Add(SessionNudgeFor)) {
			return n, false
		}
		n.Title, n.Body, n.Area = "The weekly session starts now", "Your team meets at "+f.Session.Format("15:04")+".", "session"
	default:
		return n, false
	}
	return n, true
}

func sessionWhen(now, session time.Time) string {
	if sameDay(now.AddDate(0, 0, 1), session) {
		return "tomorrow at " + session.Format("15:04")
	}
	return "on " + session.Format("Monday") + " at " + session.Format("15:04")
}

// Next returns when reminder name goes out next, at or after now: the
// facts hold for today; on later days nothing is done yet, and a check-in
// is due from CheckinDueAt. Zero: not within two weeks (switched off,
// every day off, no goal to check in on). nextSession gives the session
// after a time.
func (s *ReminderSettings) Next(name string, now time.Time, f ReminderFacts, nextSession func(time.Time) time.Time) time.Time {
	r, ok := s.Reminder(name)
	if !ok || !r.On {
		return time.Time{}
	}
	// The reminder can only start to be due at its time, at the session's,
	// at the end of quiet hours, or now: trying those in order finds the
	// first moment it is due without walking the clock minute by minute.
	cands := []time.Time{now}
	for d := range 15 {
		day := time.Date(now.Year(), now.Month(), now.Day()+d, 0, 0, 0, 0, now.Location())
		if r.At != "" {
			cands = append(cands, dayAt(day, r.At))
		}
		if s.QuietHours {
			cands = append(cands, dayAt(day, s.QuietTo))
		}
		if name == RemindSession {
			cands = append(cands, nextSession(day))
		}
	}
	if !f.CheckinDueAt.IsZero() {
		cands = append(cands, f.CheckinDueAt)
	}
	slices.SortFunc(cands, func(a, b time.Time) int { return a.Compare(b) })
	for _, c := range cands {
		if c.Before(now) {
			continue
		}
		g := f
		if !sameDay(c, now) {
			g = ReminderFacts{}
		}
		if g.CheckinsDue == 0 && !f.CheckinDueAt.IsZero() && !c.Before(f.CheckinDueAt) {
			g.CheckinsDue = 1
		}
		g.Session = nextSession(c.Add(-SessionNudgeFor + time.Nanosecond))
		if _, ok := s.due(*r, c, g); ok {
			return c
		}
	}
	return time.Time{}
}

// DefaultNextSessionAt is when the weekly session starts next, at or after
// now, when the team has not chosen (the team settings' defaults).
func DefaultNextSessionAt(now time.Time) time.Time {
	return BuildTeamSettings(nil, 0).NextSessionAt(now)
}

// NextSessionAt is when the team's weekly session starts next, at or after
// now: its weekday at its time, local to now.
func (s *TeamSettings) NextSessionAt(now time.Time) time.Time {
	return WeeklyAt(now, s.SessionWeekdayTime(), s.SessionTime)
}

// WeeklyAt is the first time at or after from that falls on weekday at
// hhmm, local to from.
func WeeklyAt(from time.Time, weekday time.Weekday, hhmm string) time.Time {
	t := dayAt(from, hhmm)
	t = t.AddDate(0, 0, (int(weekday)-int(t.Weekday())+7)%7)
	if t.Before(from) {
		t = t.AddDate(0, 0, 7)
	}
	return t
}

// CheckinsDue counts the member's own open goals whose last check-in (or,
// without one, their start) is at least cadence days old at now, and says
// when the first of them is or becomes due (zero: none asks for one). A
// cadence of 0 asks for no check-ins.
func CheckinsDue(goals []*Goal, cadence int, now time.Time) (n int, first time.Time) {
	if cadence <= 0 {
		return 0, time.Time{}
	}
	for _, g := range goals {
		if !g.Mine || !g.Status.Open() {
			continue
		}
		since := g.CreatedAt
		if g.LastCheckinAt > since {
			since = g.LastCheckinAt
		}
		t, err := time.Parse(time.RFC3339Nano, since)
		if err != nil {
			continue
		}
		due := t.AddDate(0, 0, cadence).In(now.Location())
		if !now.Before(due) {
			n++
		}
		if first.IsZero() || due.Before(first) {
			first = due
		}
	}
	return n, first
}

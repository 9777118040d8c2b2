package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"peerplaypay/app"
	"peerplaypay/internal/peerplaypay"
)

// fakeClock is a clock the test sets: today (the database's day) at a
// chosen time, or days later.
type fakeClock struct{ ns atomic.Int64 }

func (c *fakeClock) now() time.Time { return time.Unix(0, c.ns.Load()) }

func (c *fakeClock) at(t *testing.T, days int, hhmm string) {
	t.Helper()
	d, err := time.ParseInLocation("15:04", hhmm, time.Local)
	if err != nil {
		t.Fatal(err)
	}
	y, m, day := time.Now().Date()
	c.ns.Store(time.Date(y, m, day+days, d.Hour(), d.Minute(), 0, 0, time.Local).UnixNano())
}

// emitted keeps the events an App sends the window.
type emitted struct {
	mu  sync.Mutex
	got []string
}

func (e *emitted) emit(topic string, data any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	switch topic {
	case app.EventReminder:
		e.got = append(e.got, topic+" "+data.(peerplaypay.Nudge).Name)
	case app.EventReminderOpen, app.EventReminderDone:
		e.got = append(e.got, topic+" "+data.(string))
	}
}

// awaitOne waits up to 5 s for a first event and takes what came: the
// window is brought forward before the event is sent.
func (e *emitted) awaitOne() []string {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		e.mu.Lock()
		n := len(e.got)
		e.mu.Unlock()
		if n > 0 {
			break
		}
	}
	return e.take()
}

func (e *emitted) take() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := e.got
	e.got = nil
	return out
}

func names(ns []peerplaypay.Nudge) string {
	var s []string
	for _, n := range ns {
		s = append(s, n.Name)
	}
	return strings.Join(s, ",")
}

// TestRemindersInWindow runs the scheduler on a real database with a fake
// clock and no notification service: each reminder shows in the window
// once at its time, not when done, and not again after a restart.
func TestRemindersInWindow(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "no-bus"))
	dir := t.TempDir()
	clock := &fakeClock{}
	ev := &emitted{}
	start := func() (*app.App, *app.Reminders) {
		a := app.New(app.Config{DataDir: dir, Version: "test", Now: clock.now, Emit: ev.emit}, quiet)
		if err := a.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		return a, app.NewReminders(a)
	}
	a, r := start()
	v, err := r.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(v.DaysOff, ",") != "sat,sun" || !v.QuietHours || len(v.Reminders) != 5 {
		t.Fatalf("default reminders: %+v", v)
	}
	// Every day is a working day here, whichever day the test runs; the
	// weekly session's reminders depend on the weekday (the schedule's
	// own tests try them).
	v.DaysOff = nil
	for i := range v.Reminders {
		if strings.HasPrefix(v.Reminders[i].Name, "session") {
			v.Reminders[i].On = false
		}
	}
	if v, err = r.Save(v.ReminderSettings); err != nil || len(v.DaysOff) != 0 {
		t.Fatalf("save: %+v, %v", v, err)
	}

	clock.at(t, 0, "09:29")
	if got := a.CheckReminders(); len(got) != 0 {
		t.Errorf("09:29: sent %s", names(got))
	}
	clock.at(t, 0, "09:30")
	if got := names(a.CheckReminders()); got != peerplaypay.RemindStandup {
		t.Errorf("09:30: sent %q; want the stand-up", got)
	}
	if got := ev.take(); len(got) != 1 || got[0] != app.EventReminder+" standup" {
		t.Errorf("events: %q", got)
	}
	if p := r.Pending(); len(p) != 1 || p[0].Area != "today" {
		t.Errorf("pending in the window: %+v", p)
	}
	clock.at(t, 0, "09:45")
	if got := a.CheckReminders(); len(got) != 0 {
		t.Errorf("09:45: sent %s again", names(got))
	}
	// Recorded: the next pass takes it out of the window.
	if _, err := app.NewLogs(a).CreateText(peerplaypay.LogTable{Done: "profiled checkout"}); err != nil {
		t.Fatal(err)
	}
	clock.at(t, 0, "09:50")
	if got := a.CheckReminders(); len(got) != 0 {
		t.Errorf("09:50: sent %s", names(got))
	}
	if p := r.Pending(); len(p) != 0 {
		t.Errorf("done, still in the window: %+v", p)
	}
	if got := ev.take(); len(got) != 1 || got[0] != app.EventReminderDone+" standup" {
		t.Errorf("events when done: %q", got)
	}
	// The next fire times: the stand-up went out today, so tomorrow.
	if v, _ := r.Settings(); !strings.HasPrefix(v.Next[peerplaypay.RemindStandup], time.Now().AddDate(0, 0, 1).Format(time.DateOnly)+"T09:30") {
		t.Errorf("next stand-up at %q", v.Next[peerplaypay.RemindStandup])
	}

	// The app restarts in the afternoon: the reflection goes out, the
	// stand-up not again.
	a.Close()
	a, r = start()
	defer a.Close()
	clock.at(t, 0, "16:30")
	if got := names(a.CheckReminders()); got != peerplaypay.RemindReflection {
		t.Errorf("16:30 after a restart: sent %q; want the reflection alone", got)
	}
	r.Dismiss(peerplaypay.RemindReflection)
	if p := r.Pending(); len(p) != 0 {
		t.Errorf("dismissed, still pending: %+v", p)
	}
	// Tomorrow: the reflection done is not nudged, the stand-up not
	// recorded is.
	if _, err := app.NewDailyPractice(a).SaveReflection(peerplaypay.Reflection{Minutes: 10, Note: "calm", Day: time.Now().AddDate(0, 0, 1).Format(time.DateOnly)}); err != nil {
		t.Fatal(err)
	}
	clock.at(t, 1, "16:30")
	if got := names(a.CheckReminders()); got != peerplaypay.RemindStandup {
		t.Errorf("tomorrow 16:30, reflection done: sent %q; want the stand-up alone", got)
	}
	set, _ := r.Settings()
	for i := range set.Reminders {
		set.Reminders[i].On = false
	}
	if rs, _ := set.Reminder(peerplaypay.RemindStandup); rs != nil {
		rs.On = true
	}
	if _, err := r.Save(set.ReminderSettings); err != nil {
		t.Fatal(err)
	}
	// The day after, in quiet hours (from 19:00) and before its time: nothing.
	clock.at(t, 2, "20:00")
	if got := a.CheckReminders(); len(got) != 0 {
		t.Errorf("quiet hours: sent %s", names(got))
	}
	clock.at(t, 3, "08:00")
	if got := a.CheckReminders(); len(got) != 0 {
		t.Errorf("before its time: sent %s", names(got))
	}

	// A refused choice says what to write and changes nothing.
	bad := set.ReminderSettings
	bad.Reminders = append([]peerplaypay.Reminder(nil), bad.Reminders...)
	bad.Reminders[0].At = "half past nine"
	_, err = r.Save(bad)
	if code, msg, field := decode(t, err); code != peerplaypay.EINVALID || field != "at-standup" || !strings.Contains(msg, "HH:MM") {
		t.Errorf("bad time: %s %q %s", code, msg, field)
	}
	if v, _ := r.Settings(); v.Reminders[0].At != "09:30" {
		t.Errorf("a refused save changed the time to %q", v.Reminders[0].At)
	}
}

// TestReminderNotification sends a reminder over a real session bus to a
// notification service on it; clicking it (ActionInvoked) brings the
// window forward on the reminder's area.
func TestReminderNotification(t *testing.T) {
	srv, conn := sessionBus(t)
	clock := &fakeClock{}
	ev := &emitted{}
	shown := make(chan struct{}, 1)
	a := app.New(app.Config{DataDir: t.TempDir(), Version: "test", Now: clock.now, Emit: ev.emit,
		Show: func() { shown <- struct{}{} }}, quiet)
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	r := app.NewReminders(a)
	v, _ := r.Settings()
	v.DaysOff = nil
	for i := range v.Reminders {
		v.Reminders[i].On = v.Reminders[i].Name == peerplaypay.RemindReflection
	}
	if _, err := r.Save(v.ReminderSettings); err != nil {
		t.Fatal(err)
	}
	clock.at(t, 0, "16:45")
	if got := names(a.CheckReminders()); got != peerplaypay.RemindReflection {
		t.Fatalf("sent %q", got)
	}
	var n notice
	select {
	case n = <-srv.full:
	case <-time.After(5 * time.Second):
		t.Fatal("no notification arrived")
	}
	if n.summary != "Time to reflect" || !strings.Contains(n.body, "reflection") || strings.Join(n.actions, ",") != "default,Open" {
		t.Errorf("notified %+v", n)
	}
	if p := r.Pending(); len(p) != 0 {
		t.Errorf("sent to the desktop and shown in the window too: %+v", p)
	}
	if err := conn.Emit("/org/freedesktop/Notifications", "org.freedesktop.Notifications.ActionInvoked", n.id, "default"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-shown:
	case <-time.After(5 * time.Second):
		t.Fatal("clicking the notification did not bring the window forward")
	}
	if got := ev.awaitOne(); len(got) != 1 || got[0] != app.EventReminderOpen+" reflect" {
		t.Errorf("events after the click: %q", got)
	}
	// A click on someone else's notification opens nothing.
	conn.Emit("/org/freedesktop/Notifications", "org.freedesktop.Notifications.ActionInvoked", n.id+100, "default")
	time.Sleep(200 * time.Millisecond)
	if got := ev.take(); len(got) != 0 {
		t.Errorf("a stranger's click opened %q", got)
	}

	// A service that shows no actions: the notification cannot be
	// clicked, so the window opens the area the next time it gets focus.
	srv.plain.Store(true)
	b := app.New(app.Config{DataDir: t.TempDir(), Version: "test", Now: clock.now}, quiet)
	if err := b.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rb := app.NewReminders(b)
	if _, err := rb.Save(v.ReminderSettings); err != nil {
		t.Fatal(err)
	}
	if got := names(b.CheckReminders()); got != peerplaypay.RemindReflection {
		t.Fatalf("without actions, sent %q", got)
	}
	select {
	case n = <-srv.full:
		if len(n.actions) != 0 {
			t.Errorf("actions offered to a service without them: %q", n.actions)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no notification arrived")
	}
	if area := rb.TakeFocusArea(); area != "reflect" {
		t.Errorf("the next focus opens %q; want reflect", area)
	}
	if area := rb.TakeFocusArea(); area != "" {
		t.Errorf("the focus after opens %q again", area)
	}
}

// TestAutostartSwitch writes the login entry, minimised on this data
// folder, and removes it.
func TestAutostartSwitch(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	a := MustStart(t, filepath.Join(t.TempDir(), "my data"))
	r := app.NewReminders(a)
	entry := filepath.Join(cfg, "autostart", "peerplaypay.desktop")
	if v, err := r.Settings(); err != nil || v.Autostart {
		t.Fatalf("autostart on by default: %+v, %v", v, err)
	}
	v, err := r.SetAutostart(true)
	if err != nil || !v.Autostart {
		t.Fatalf("switch on: %+v, %v", v, err)
	}
	b, err := os.ReadFile(entry)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `--minimised --data-dir "`) || !strings.Contains(string(b), `my data"`) {
		t.Errorf("entry:\n%s", b)
	}
	if v, err := r.SetAutostart(false); err != nil || v.Autostart {
		t.Fatalf("switch off: %+v, %v", v, err)
	}
	if _, err := os.Stat(entry); !os.IsNotExist(err) {
		t.Errorf("the entry is still there: %v", err)
	}
}

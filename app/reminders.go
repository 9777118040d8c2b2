package app

import (
	"context"
	"slices"
	"time"

	"peerplaypay/internal/autostart"
	"peerplaypay/internal/peerplaypay"
)

// Events about reminders.
const (
	// EventReminder shows a reminder in the window, when no desktop
	// notification could be shown; the payload is the peerplaypay.Nudge.
	EventReminder = "reminders:nudge"
	// EventReminderDone takes a reminder out of the window: what it asked
	// for is done. The payload is its name.
	EventReminderDone = "reminders:done"
	// EventReminderOpen asks the window to open a reminder's area (the
	// member clicked its notification); the payload is the area.
	EventReminderOpen = "reminders:open"
)

// reminderState is what the scheduler keeps between its passes.
type reminderState struct {
	bus *actionBus
	// pending are reminders shown in the window until dismissed.
	pending []peerplaypay.Nudge
	// openOnFocus is the area a notification without a click leads to:
	// the window opens it the next time it gets the focus.
	openOnFocus string
}

// startReminders runs the reminders' scheduler until ctx ends: a pass now,
// then one every cfg.RemindEvery. With no interval it does not run (tests
// call CheckReminders themselves).
func (a *App) startReminders(ctx context.Context) {
	if a.cfg.RemindEvery <= 0 {
		return
	}
	go func() {
		t := time.NewTicker(a.cfg.RemindEvery)
		defer t.Stop()
		for {
			a.CheckReminders()
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// reminderFacts reads what is done at now, and when the session is.
func (a *App) reminderFacts(svc services, now time.Time) (peerplaypay.ReminderFacts, error) {
	f, err := svc.reminders.Facts(svc.ctx, now, svc.goals)
	// A session that started a moment ago is still nudged.
	f.Session = a.sessionAfter(now.Add(-peerplaypay.SessionNudgeFor + time.Nanosecond))
	return f, err
}

// sessionAfter is when the weekly session starts next, at or after t: the
// team's weekday and time (team settings), as the Session area shows them.
func (a *App) sessionAfter(t time.Time) time.Time {
	if a.cfg.NextSessionAt != nil {
		return a.cfg.NextSessionAt(t)
	}
	if svc, err := a.services(); err == nil {
		if set, err := svc.practice.TeamSettings(svc.ctx); err == nil {
			return set.NextSessionAt(t)
		}
	}
	return peerplaypay.DefaultNextSessionAt(t)
}

// CheckReminders sends the reminders due now and returns them. Each is
// recorded as sent before it goes out, so a crash or restart never sends
// it twice in a day. It goes out as a desktop notification, else it is
// shown in the window.
func (a *App) CheckReminders() []peerplaypay.Nudge {
	svc, err := a.services()
	if err != nil {
		return nil
	}
	started, now := time.Now(), a.now()
	set, err := svc.reminders.Settings(svc.ctx)
	if err != nil {
		a.log.Warn("reminders", "err", err)
		return nil
	}
	facts, err := a.reminderFacts(svc, now)
	if err != nil {
		a.log.Warn("reminders", "err", err)
		return nil
	}
	a.dropDone(facts)
	var sent []peerplaypay.Nudge
	for _, n := range set.Due(now, facts) {
		claimed, err := svc.reminders.ClaimSent(svc.ctx, n.Name, n.Day)
		if err != nil {
			a.log.Warn("reminders", "name", n.Name, "err", err)
			continue
		}
		if !claimed {
			continue
		}
		a.deliver(svc.ctx, n)
		sent = append(sent, n)
	}
	a.log.Debug("reminders checked", "sent", len(sent), "ms", time.Since(started).Milliseconds())
	return sent
}

// dropDone takes out of the window the reminders whose thing is done now.
func (a *App) dropDone(f peerplaypay.ReminderFacts) {
	done := map[string]bool{peerplaypay.RemindStandup: f.StandupDone, peerplaypay.RemindReflection: f.ReflectionDone,
		peerplaypay.RemindCheckin: f.CheckinsDue == 0}
	a.remindMu.Lock()
	var gone []string
	a.remind.pending = slices.DeleteFunc(a.remind.pending, func(p peerplaypay.Nudge) bool {
		if done[p.Name] {
			gone = append(gone, p.Name)
		}
		return done[p.Name]
	})
	a.remindMu.Unlock()
	for _, name := range gone {
		a.cfg.Emit(EventReminderDone, name)
	}
}

func (a *App) deliver(ctx context.Context, n peerplaypay.Nudge) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	a.remindMu.Lock()
	if a.remind.bus == nil {
		a.remind.bus = newActionBus(a.openReminder)
	}
	bus := a.remind.bus
	a.remindMu.Unlock()
	clickable, err := bus.send(ctx, n.Title, n.Body, n.Area)
	if err == nil {
		if !clickable {
			a.remindMu.Lock()
			a.remind.openOnFocus = n.Area
			a.remindMu.Unlock()
		}
		a.log.Info("reminder sent", "name", n.Name, "via", "desktop", "clickable", clickable)
		return
	}
	a.remindMu.Lock()
	a.remind.pending = slices.DeleteFunc(a.remind.pending, func(p peerplaypay.Nudge) bool { return p.Name == n.Name })
	a.remind.pending = append(a.remind.pending, n)
	a.remindMu.Unlock()
	a.log.Info("reminder sent", "name", n.Name, "via", "window", "reason", err)
	a.cfg.Emit(EventReminder, n)
}

// openReminder brings the window forward on the area a clicked
// notification leads to.
func (a *App) openReminder(area string) {
	a.log.Info("reminder opened", "area", area)
	if a.cfg.Show != nil {
		a.cfg.Show()
	}
	a.cfg.Emit(EventReminderOpen, area)
}

func (a *App) closeReminders() {
	a.remindMu.Lock()
	bus := a.remind.bus
	a.remindMu.Unlock()
	if bus != nil {
		bus.close()
	}
}

// Reminders is bound to the frontend: the reminders' settings, the start
// at login and the reminders waiting in the window.
type Reminders struct {
	app *App
}

// NewReminders returns the Reminders facade of a.
func NewReminders(a *App) *Reminders { return &Reminders{app: a} }

// ReminderView is the reminders' settings with when each goes out next.
type ReminderView struct {
	peerplaypay.ReminderSettings
	// Next is when each reminder goes out next (RFC 3339), "" for never.
	Next map[string]string `json:"next"`
	// Autostart is whether the app starts, minimised, at login.
	Autostart bool `json:"autostart"`
}

func (r *Reminders) view(svc services, set *peerplaypay.ReminderSettings) (ReminderView, error) {
	now := r.app.now()
	v := ReminderView{ReminderSettings: *set, Next: map[string]string{}, Autostart: autostart.Enabled()}
	facts, err := r.app.reminderFacts(svc, now)
	if err != nil {
		return v, toUser(r.app.log, "reminders", err)
	}
	for _, x := range set.Reminders {
		if t := set.Next(x.Name, now, facts, r.app.sessionAfter); !t.IsZero() {
			v.Next[x.Name] = t.Format(time.RFC3339)
		}
	}
	return v, nil
}

// Settings returns the reminders' settings.
func (r *Reminders) Settings() (ReminderView, error) {
	svc, err := r.app.services()
	if err != nil {
		return ReminderView{}, toUser(r.app.log, "reminders", err)
	}
	set, err := svc.reminders.Settings(svc.ctx)
	if err != nil {
		return ReminderView{}, toUser(r.app.log, "reminders", err)
	}
	return r.view(svc, set)
}

// Save stores the reminders' switches, times and days off; a refused
// choice changes nothing. The quiet hours are the notification settings'
// (SaveNotifySettings), kept as they are.
func (r *Reminders) Save(in peerplaypay.ReminderSettings) (ReminderView, error) {
	svc, err := r.app.services()
	if err != nil {
		return ReminderView{}, toUser(r.app.log, "reminders", err)
	}
	was, err := svc.reminders.Settings(svc.ctx)
	if err != nil {
		return ReminderView{}, toUser(r.app.log, "reminders", err)
	}
	in.QuietHours, in.QuietFrom, in.QuietTo = was.QuietHours, was.QuietFrom, was.QuietTo
	set, err := svc.reminders.SaveSettings(svc.ctx, &in)
	if err != nil {
		return ReminderView{}, toUser(r.app.log, "reminders", err)
	}
	return r.view(svc, set)
}

// SetAutostart writes or removes the entry that starts the app, minimised,
// at login.
func (r *Reminders) SetAutostart(on bool) (ReminderView, error) {
	if _, err := autostart.Switch(on, r.app.cfg.DataDir); err != nil {
		return ReminderView{}, toUser(r.app.log, "start at login", err)
	}
	r.app.log.Info("start at login", "on", on)
	return r.Settings()
}

// Pending returns the reminders shown in the window, oldest first.
func (r *Reminders) Pending() []peerplaypay.Nudge {
	r.app.remindMu.Lock()
	defer r.app.remindMu.Unlock()
	return slices.Clone(r.app.remind.pending)
}

// Dismiss takes a reminder out of the window.
func (r *Reminders) Dismiss(name string) {
	r.app.remindMu.Lock()
	defer r.app.remindMu.Unlock()
	r.app.remind.pending = slices.DeleteFunc(r.app.remind.pending, func(p peerplaypay.Nudge) bool { return p.Name == name })
}

// TakeFocusArea returns, once, the area a notification that could not be
// clicked leads to: the window opens it as it gets the focus.
func (r *Reminders) TakeFocusArea() string {
	r.app.remindMu.Lock()
	defer r.app.remindMu.Unlock()
	area := r.app.remind.openOnFocus
	r.app.remind.openOnFocus = ""
	return area
}

package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// Settings of the desktop notification for new activity.
const (
	settingNotifyActivity = "notify.activity"
	settingQuietOn        = sqlite.SettingQuietOn
	settingQuietFrom      = sqlite.SettingQuietFrom
	settingQuietTo        = sqlite.SettingQuietTo
	// settingNotifiedUpTo is the newest activity row a notification was
	// decided for (sent, or held by the switch or quiet hours): each row
	// is considered once, so a later sync never repeats it.
	settingNotifiedUpTo = "notify.activityUpTo"
)

// NotifySettings are the member's choices for desktop notifications of
// what peers did to their things.
type NotifySettings struct {
	Activity   bool   `json:"activity"`
	QuietHours bool   `json:"quietHours"`
	QuietFrom  string `json:"quietFrom"`
	QuietTo    string `json:"quietTo"`
}

var defaultQuiet = sqlite.DefaultQuiet

func (a *App) now() time.Time {
	if a.cfg.Now != nil {
		return a.cfg.Now()
	}
	return time.Now()
}

func readNotifySettings(svc services) NotifySettings {
	get := func(key, def string) string {
		v, _ := svc.settings.Setting(svc.ctx, key, def)
		return v
	}
	return NotifySettings{
		Activity:   get(settingNotifyActivity, "1") != "0",
		QuietHours: get(settingQuietOn, "1") != "0",
		QuietFrom:  get(settingQuietFrom, defaultQuiet.From),
		QuietTo:    get(settingQuietTo, defaultQuiet.To),
	}
}

// NotifySettings returns the choices for activity notifications.
func (s *Answers) NotifySettings() (NotifySettings, error) {
	svc, err := s.app.services()
	if err != nil {
		return NotifySettings{}, toUser(s.app.log, "notification settings", err)
	}
	return readNotifySettings(svc), nil
}

// SaveNotifySettings stores the choices for activity notifications.
func (s *Answers) SaveNotifySettings(in NotifySettings) (NotifySettings, error) {
	svc, err := s.app.services()
	if err != nil {
		return in, toUser(s.app.log, "notification settings", err)
	}
	in.QuietFrom, in.QuietTo = strings.TrimSpace(in.QuietFrom), strings.TrimSpace(in.QuietTo)
	if err := (peerplaypay.QuietHours{From: in.QuietFrom, To: in.QuietTo}).Validate(); err != nil {
		return in, toUser(s.app.log, "notification settings", err)
	}
	bit := func(b bool) string {
		if b {
			return "1"
		}
		return "0"
	}
	if err := svc.settings.SetSettings(svc.ctx, map[string]string{
		settingNotifyActivity: bit(in.Activity),
		settingQuietOn:        bit(in.QuietHours),
		settingQuietFrom:      in.QuietFrom,
		settingQuietTo:        in.QuietTo,
	}); err != nil {
		return in, toUser(s.app.log, "notification settings", err)
	}
	return readNotifySettings(svc), nil
}

// notifyActivity tells the member, by a desktop notification, of the
// activity a sync brought: once per row, never during quiet hours (the
// badge in the window still counts it), and not at all when switched off.
func (a *App) notifyActivity(svc services) {
	ctx, cancel := context.WithTimeout(svc.ctx, 5*time.Second)
	defer cancel()
	upTo, _ := svc.settings.Setting(ctx, settingNotifiedUpTo, "0")
	seen, _ := strconv.ParseInt(upTo, 10, 64)
	list, err := svc.answers.Activity(ctx, 50)
	if err != nil {
		a.log.Warn("activity notification", "err", err)
		return
	}
	var fresh []*peerplaypay.Activity
	newest := seen
	for _, x := range list {
		if x.ID > seen && x.Unread {
			fresh = append(fresh, x)
		}
		newest = max(newest, x.ID)
	}
	if newest > seen {
		if err := svc.settings.SetSettings(ctx, map[string]string{settingNotifiedUpTo: strconv.FormatInt(newest, 10)}); err != nil {
			a.log.Warn("activity notification", "err", err)
			return
		}
	}
	if len(fresh) == 0 {
		return
	}
	set := readNotifySettings(svc)
	quiet := peerplaypay.QuietHours{From: set.QuietFrom, To: set.QuietTo}
	switch {
	case !set.Activity:
		a.log.Debug("activity notification off", "new", len(fresh))
		return
	case set.QuietHours && quiet.Covers(a.now()):
		a.log.Info("activity notification held: quiet hours", "new", len(fresh), "hours", quiet.String())
		return
	}
	title, body := activityNotice(fresh)
	if err := notify(ctx, title, body); err != nil {
		a.log.Info("notification not shown", "reason", err)
		return
	}
	a.log.Info("activity notified", "new", len(fresh))
}

// activityNotice words new activity (newest first) for a notification.
func activityNotice(fresh []*peerplaypay.Activity) (title, body string) {
	if len(fresh) == 1 {
		return activityLine(fresh[0]), firstRunes(fresh[0].Text, 160)
	}
	lines := make([]string, 0, 3)
	for _, x := range fresh[:min(3, len(fresh))] {
		lines = append(lines, activityLine(x))
	}
	if len(fresh) > 3 {
		lines = append(lines, fmt.Sprintf("and %d more in the Inbox", len(fresh)-3))
	}
	return fmt.Sprintf("%d new answers from your team", len(fresh)), strings.Join(lines, "\n")
}

func activityLine(x *peerplaypay.Activity) string {
	who := x.ActorName
	if who == "" {
		who = "A peer"
	}
	switch x.Kind {
	case "comment":
		return who + " commented on your stand-up"
	case "reply":
		return who + " replied to your comment"
	case "reaction":
		return who + " reacted to your stand-up"
	case "offer":
		return who + " offered help"
	case "accepted":
		return who + " accepted your offer of help"
	case "thanks":
		return who + " thanked you"
	}
	return who + " answered you"
}

func firstRunes(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

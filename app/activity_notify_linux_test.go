package app_test

import (
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"peerplaypay/app"
	"peerplaypay/internal/peerplaypay"
)

// TestActivityNotification: a sync that brings a peer's comment on the
// member's log sends one desktop notification over a real session bus;
// during quiet hours (a fake clock at 23:00) and with the switch off none
// is sent, though the activity is there; rows are never notified twice.
func TestActivityNotification(t *testing.T) {
	srv, _ := sessionBus(t)
	var clock atomic.Int64
	at := func(hhmm string) {
		c, err := time.ParseInLocation("2006-01-02 15:04", "2026-11-23 "+hhmm, time.Local)
		if err != nil {
			t.Fatal(err)
		}
		clock.Store(c.UnixNano())
	}
	at("10:00")
	ada := openWindowWith(t, "Ada", func(c *app.Config) { c.Now = func() time.Time { return time.Unix(0, clock.Load()) } })
	bob := openWindow(t, "Bob")
	share := filepath.Join(t.TempDir(), "share")
	created, err := app.NewTeam(ada.a).Create(share, "Engines", "", "")
	if err != nil {
		t.Fatal(err)
	}
	st, err := app.NewTeam(bob.a).Join(share, created.Invitation.Invite, "", "")
	if err != nil {
		t.Fatal(err)
	}
	reqs, err := app.NewTeam(ada.a).Requests()
	if err != nil || len(reqs) != 1 {
		t.Fatalf("requests: %+v, %v", reqs, err)
	}
	if err := app.NewTeam(ada.a).Approve(reqs[0].ID, st.SafetyCode); err != nil {
		t.Fatal(err)
	}
	bob.sync(t)
	if _, err := app.NewLogs(ada.a).CreateText(peerplaypay.LogTable{Done: "profiled checkout"}); err != nil {
		t.Fatal(err)
	}
	ada.sync(t)
	bob.sync(t)
	peers, err := app.NewTeam(bob.a).PeerLogs(10)
	if err != nil || len(peers) != 1 {
		t.Fatalf("Bob's peer logs: %+v, %v", peers, err)
	}
	ref := peerplaypay.LogRef{Author: peers[0].Author, UID: peers[0].UID}
	b, aa := app.NewAnswers(bob.a), app.NewAnswers(ada.a)

	set, err := aa.NotifySettings()
	if err != nil || !set.Activity || !set.QuietHours || set.QuietFrom != "19:00" || set.QuietTo != "08:00" {
		t.Fatalf("default notification settings: %+v, %v", set, err)
	}
	noNotice := func(when string) {
		t.Helper()
		select {
		case got := <-srv.got:
			t.Errorf("%s: notified %q", when, got)
		case <-time.After(300 * time.Millisecond):
		}
	}

	// In working hours: one notification naming who did what.
	twelve := int64(12_000)
	c, err := b.AddComment(peerplaypay.CommentInput{Log: ref, Text: "Which profiler did you use?", AtMs: &twelve})
	if err != nil {
		t.Fatal(err)
	}
	bob.sync(t)
	ada.sync(t)
	select {
	case got := <-srv.got:
		if got != [2]string{"Bob commented on your stand-up", "Which profiler did you use?"} {
			t.Errorf("notified %q", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no notification for a peer's comment")
	}
	// The comment leads to Ada's own log, at its moment.
	mine, err := app.NewLogs(ada.a).Find(peerplaypay.LogFilter{})
	if err != nil || len(mine.Logs) != 1 {
		t.Fatalf("Ada's logs: %+v, %v", mine, err)
	}
	if pl, err := aa.Place("comment", c.Author, c.UID); err != nil || pl.Kind != peerplaypay.PlaceMyLog || pl.LogID != mine.Logs[0].ID || pl.AtMs == nil || *pl.AtMs != twelve {
		t.Errorf("place of the comment: %+v, %v", pl, err)
	}
	if _, err := aa.Place("comment", c.Author, "nope"); peerplaypay.ErrorCode(err) == "" {
		t.Error("an unknown comment has a place")
	}

	// A sync that brings nothing new repeats nothing.
	ada.sync(t)
	noNotice("a sync with nothing new")

	// At 23:00, inside the default quiet hours: nothing, but the badge counts it.
	at("23:00")
	if _, err := b.GiveThanks(peerplaypay.ThanksInput{To: ref.Author, Reason: "for the flame graph"}); err != nil {
		t.Fatal(err)
	}
	bob.sync(t)
	ada.sync(t)
	noNotice("quiet hours")
	if n, err := aa.UnreadActivity(); err != nil || n != 2 {
		t.Errorf("unread activity = %d, %v; want 2", n, err)
	}
	// The Thanks held by quiet hours is not sent when they end.
	at("09:00")
	if _, err := b.React(ref, "clap", true); err != nil {
		t.Fatal(err)
	}
	bob.sync(t)
	ada.sync(t)
	select {
	case got := <-srv.got:
		if got[0] != "Bob reacted to your stand-up" {
			t.Errorf("after quiet hours, notified %q", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no notification after quiet hours")
	}

	// Quiet hours off: 23:00 notifies; then the switch off: nothing.
	if _, err := aa.SaveNotifySettings(app.NotifySettings{Activity: true, QuietHours: false, QuietFrom: "19:00", QuietTo: "08:00"}); err != nil {
		t.Fatal(err)
	}
	at("23:00")
	if _, err := b.React(ref, "heart", true); err != nil {
		t.Fatal(err)
	}
	bob.sync(t)
	ada.sync(t)
	select {
	case <-srv.got:
	case <-time.After(5 * time.Second):
		t.Fatal("no notification with quiet hours off")
	}
	if _, err := aa.SaveNotifySettings(app.NotifySettings{Activity: false, QuietHours: true, QuietFrom: "19:00", QuietTo: "08:00"}); err != nil {
		t.Fatal(err)
	}
	at("10:00")
	if _, err := b.React(ref, "bulb", true); err != nil {
		t.Fatal(err)
	}
	bob.sync(t)
	ada.sync(t)
	noNotice("notifications off")

	// Bad hours: a sentence naming the field, and nothing changed.
	_, err = aa.SaveNotifySettings(app.NotifySettings{Activity: true, QuietHours: true, QuietFrom: "7pm", QuietTo: "08:00"})
	if code, msg, field := decode(t, err); code != peerplaypay.EINVALID || field != "quietFrom" || !strings.Contains(msg, "HH:MM") {
		t.Errorf("bad quiet hours: %s %q %s", code, msg, field)
	}
	if set, _ := aa.NotifySettings(); set.Activity || set.QuietFrom != "19:00" {
		t.Errorf("a refused save changed the settings: %+v", set)
	}
}

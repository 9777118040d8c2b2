package app_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"peerplaypay/app"
	"peerplaypay/internal/peerplaypay"
)

func TestTeamSyncFromTheWindow(t *testing.T) {
	done := make(chan app.SyncDone, 4)
	progress := make(chan app.SyncProgress, 64)
	a := app.New(app.Config{DataDir: t.TempDir(), Version: "test", Emit: func(topic string, data any) {
		switch topic {
		case app.EventShareDone:
			done <- data.(app.SyncDone)
		case app.EventShareProgress:
			select {
			case progress <- data.(app.SyncProgress):
			default:
			}
		}
	}}, quiet)
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	if _, err := app.NewProfiles(a).Save(peerplaypay.ProfileInput{Name: "Ada"}); err != nil {
		t.Fatal(err)
	}
	if _, err := app.NewLogs(a).CreateText(peerplaypay.LogTable{Done: "shared with the team"}); err != nil {
		t.Fatal(err)
	}
	team := app.NewTeam(a)
	st, err := team.Create(filepath.Join(t.TempDir(), "share"), "Engines", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if st.State != "member" || st.Waiting != 1 {
		t.Fatalf("after create: %+v", st)
	}
	if started, err := team.Sync(); err != nil || !started {
		t.Fatalf("Sync = %v, %v", started, err)
	}
	select {
	case d := <-done:
		if d.Error != "" || d.Summary.Published != 1 || d.Summary.SentEvents != 1 {
			t.Fatalf("sync done: %+v", d)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the sync did not end")
	}
	st, _ = team.Status()
	if st.Syncing || st.Waiting != 0 {
		t.Errorf("after the sync: %+v", st)
	}
}

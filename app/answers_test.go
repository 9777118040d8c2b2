package app_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/app"
	"peerplaypay/internal/peerplaypay"
)

// TestAnswersFacade checks the window's Answers API on two laptops and a
// folder share: its JSON is the one the frontend is written against, a
// change is announced, and what a peer did shows in the activity.
func TestAnswersFacade(t *testing.T) {
	lonely := app.New(app.Config{DataDir: t.TempDir(), Version: "test", Emit: func(string, any) {}}, quiet)
	if err := lonely.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lonely.Close() })
	if _, err := app.NewAnswers(lonely).GiveThanks(peerplaypay.ThanksInput{To: "x", Reason: "y"}); err == nil || !strings.Contains(err.Error(), "join a team") {
		t.Errorf("a Thanks without a team: %v", err)
	}

	share := filepath.Join(t.TempDir(), "share")
	ada, bob := openWindow(t, "Ada"), openWindow(t, "Bob")
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
	log, err := app.NewLogs(ada.a).CreateText(peerplaypay.LogTable{Done: "profiled checkout", HelpNeeded: "a CDN person"})
	if err != nil {
		t.Fatal(err)
	}
	ada.sync(t)
	bob.sync(t)
	peers, err := app.NewTeam(bob.a).PeerLogs(10)
	if err != nil || len(peers) != 1 {
		t.Fatalf("Bob's peer logs: %+v, %v", peers, err)
	}
	ref := peerplaypay.LogRef{Author: peers[0].Author, UID: peers[0].UID}

	b := app.NewAnswers(bob.a)
	at := int64(2000)
	c, err := b.AddComment(peerplaypay.CommentInput{Log: ref, Text: "nice", AtMs: &at})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(t, c), sorted("id uid log author authorName mine replyTo atMs text createdAt editedAt deleted replies"); got != want {
		t.Errorf("Comment JSON keys = %s; want %s", got, want)
	}
	if _, err := b.React(ref, "heart", true); err != nil {
		t.Fatal(err)
	}
	o, err := b.OfferHelp(ref, "I know the CDN")
	if err != nil {
		t.Fatal(err)
	}
	if o.Log == nil || o.Log.UID != log.UID {
		t.Errorf("the offer names the log %+v", o.Log)
	}
	th, err := b.GiveThanks(peerplaypay.ThanksInput{To: ref.Author, Reason: "for the numbers"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(t, th), sorted("id uid from fromName to toName reason link linkText at day editedAt mine toMe editable editUntil"); got != want {
		t.Errorf("Thanks JSON keys = %s; want %s", got, want)
	}
	if !th.Editable || th.FromName != "Bob" || th.ToName != "Ada" {
		t.Errorf("a new Thanks: %+v", th)
	}
	if _, err := b.GiveThanks(peerplaypay.ThanksInput{To: th.From, Reason: "me"}); err == nil || !strings.Contains(err.Error(), "yourself") {
		t.Errorf("a Thanks to oneself: %v", err)
	}
	bob.sync(t)

	for len(ada.answered) > 0 {
		<-ada.answered
	}
	ada.sync(t)
	select {
	case <-ada.answered:
	case <-time.After(5 * time.Second):
		t.Error("no answers:changed after a sync that brought answers")
	}
	a := app.NewAnswers(ada.a)
	if n, err := a.UnreadActivity(); err != nil || n != 4 {
		t.Errorf("Ada's unread activity: %d, %v; want 4", n, err)
	}
	acts, err := a.Activity(0)
	if err != nil || len(acts) != 4 {
		t.Fatalf("activity: %+v, %v", acts, err)
	}
	if got, want := keys(t, acts[0]), sorted("id kind actor actorName log goalUid refUid text at unread"); got != want {
		t.Errorf("Activity JSON keys = %s; want %s", got, want)
	}
	if err := a.MarkActivityRead([]int64{acts[0].ID}); err != nil {
		t.Fatal(err)
	}
	if n, _ := a.UnreadActivity(); n != 3 {
		t.Errorf("unread after marking one read: %d", n)
	}
	la, err := a.LogAnswers(peerplaypay.LogRef{UID: log.UID})
	if err != nil || len(la.Comments) != 1 || len(la.Reactions) != 1 || len(la.Offers) != 1 {
		t.Fatalf("Ada's log answers: %+v, %v", la, err)
	}
	if _, err := a.AcceptHelp(la.Offers[0].ID); err != nil {
		t.Fatal(err)
	}
	hw, err := a.HelpWanted()
	if err != nil || len(hw) != 1 || !hw[0].Mine || hw[0].LogID != log.ID || len(hw[0].Offers) != 1 || !hw[0].Offers[0].Accepted {
		t.Fatalf("Ada's help wanted: %+v, %v", hw, err)
	}
	if got, want := keys(t, hw[0]), sorted("kind author authorName mine need day log logId peerLogId done goal offers"); got != want {
		t.Errorf("HelpWanted JSON keys = %s; want %s", got, want)
	}
	if r := a.Rules(); r.ThanksPerDay != 3 || r.ThanksEditMins != 10 || len(r.Reactions) != 6 {
		t.Errorf("rules: %+v", r)
	}
}

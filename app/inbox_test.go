package app_test

import (
	"path/filepath"
	"strings"
	"testing"

	"peerplaypay/app"
	"peerplaypay/internal/peerplaypay"
)

// TestInboxFacade: the inbox outside a team says so; in one, a peer's logs
// come unwatched first, Today has a line per peer, search finds words in
// both members' tables, and the player's settings are remembered.
func TestInboxFacade(t *testing.T) {
	ada, bob := openWindow(t, "Ada"), openWindow(t, "Bob")
	page, err := app.NewInbox(bob.a).Logs(peerplaypay.PeerLogFilter{})
	if err != nil || page.InTeam || len(page.Logs) != 0 {
		t.Fatalf("outside a team: %+v, %v", page, err)
	}

	share := filepath.Join(t.TempDir(), "share")
	created, err := app.NewTeam(ada.a).Create(share, "Engines", "", "")
	if err != nil {
		t.Fatal(err)
	}
	st, err := app.NewTeam(bob.a).Join(share, created.Invitation.Invite, "", "")
	if err != nil {
		t.Fatal(err)
	}
	reqs, _ := app.NewTeam(ada.a).Requests()
	if err := app.NewTeam(ada.a).Approve(reqs[0].ID, st.SafetyCode); err != nil {
		t.Fatal(err)
	}
	bob.sync(t)
	for _, tb := range []peerplaypay.LogTable{
		{Done: "Shipped the importer", Mood: 4, Energy: 5},
		{Done: "Stuck on the parser", HelpNeeded: "someone who knows the grammar"},
	} {
		if _, err := app.NewLogs(ada.a).CreateText(tb); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := app.NewLogs(bob.a).CreateText(peerplaypay.LogTable{Done: "Reviewed the importer"}); err != nil {
		t.Fatal(err)
	}
	ada.sync(t)
	bob.sync(t)

	inbox := app.NewInbox(bob.a)
	page, err = inbox.Logs(peerplaypay.PeerLogFilter{})
	if err != nil || !page.InTeam || page.Total != 2 || page.Counts.Unwatched != 2 || page.Counts.HelpNeeded != 1 {
		t.Fatalf("Bob's inbox: %+v, %v", page, err)
	}
	if len(page.Peers) != 1 || page.Peers[0].Name != "Ada" || page.Logs[0].AuthorName != "Ada" {
		t.Errorf("peers %+v, first log %+v", page.Peers, page.Logs[0])
	}
	if k := keys(t, page.Logs[0]); k != sorted("id author authorName uid day kind codec table questions durationMs sizeBytes sha256 mediaPath mediaExpired pinned createdAt updatedAt watched positionMs") {
		t.Errorf("a peer's log's JSON keys: %s", k)
	}
	stuck := page.Logs[0]
	if stuck.Table.HelpNeeded == "" {
		stuck = page.Logs[1]
	}
	if l, err := inbox.SetWatched(stuck.ID, true); err != nil || !l.Watched || l.AuthorName != "Ada" {
		t.Fatalf("watched: %+v, %v", l, err)
	}
	if c, _ := inbox.Counts(); c.Unwatched != 1 || c.HelpNeeded != 0 {
		t.Errorf("counts after watching: %+v", c)
	}
	if _, err := inbox.SetWatched(9999, true); err == nil || !strings.Contains(err.Error(), "not_found") {
		t.Errorf("watching a log that is not there: %v", err)
	}

	today, err := inbox.Today()
	if err != nil || len(today) != 1 || today[0].Name != "Ada" || today[0].Logs != 2 || today[0].Unwatched != 1 ||
		today[0].HelpNeeded != "someone who knows the grammar" {
		t.Errorf("Today: %+v, %v", today, err)
	}

	hits, err := inbox.Search(app.SearchFilter{Query: "importer"})
	if err != nil || len(hits) != 2 {
		t.Fatalf("search: %+v, %v", hits, err)
	}
	var mine, peers int
	for _, h := range hits {
		if h.Mine && h.AuthorName == "Bob" {
			mine++
		} else if !h.Mine && h.AuthorName == "Ada" {
			peers++
		}
		if h.Match == nil || !strings.Contains(h.Match.Text, peerplaypay.MatchStart) {
			t.Errorf("hit without its match: %+v", h)
		}
	}
	if mine != 1 || peers != 1 {
		t.Errorf("hits %+v", hits)
	}
	if hits, _ := inbox.Search(app.SearchFilter{Query: "importer", Person: "me"}); len(hits) != 1 || !hits[0].Mine {
		t.Errorf("my logs only: %+v", hits)
	}
	if hits, _ := inbox.Search(app.SearchFilter{Query: "importer", Person: page.Peers[0].ID}); len(hits) != 1 || hits[0].Mine {
		t.Errorf("Ada's logs only: %+v", hits)
	}
	if _, err := inbox.Search(app.SearchFilter{From: "yesterday"}); err == nil || !strings.Contains(err.Error(), "invalid") {
		t.Errorf("a bad date: %v", err)
	}

	if p := inbox.PlayerPrefs(); p.Speed != 1 || !p.SkipSilence {
		t.Errorf("default player settings: %+v", p)
	}
	if _, err := inbox.SavePlayerPrefs(app.PlayerPrefs{Speed: 3}); err == nil {
		t.Error("a speed of 3 was kept")
	}
	if p, err := inbox.SavePlayerPrefs(app.PlayerPrefs{Speed: 1.5, SkipSilence: false}); err != nil || p.Speed != 1.5 || p.SkipSilence {
		t.Errorf("saved %+v, %v", p, err)
	}
	if p := inbox.PlayerPrefs(); p.Speed != 1.5 || p.SkipSilence {
		t.Errorf("remembered %+v", p)
	}
}

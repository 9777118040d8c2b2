//go:build e2e

package e2e

import (
	"encoding/json"
	"regexp"
	"testing"
	"time"
)

type teamSummary struct {
	Member, MemberName, UID, Day string
	Levels                       []struct {
		ItemID, ItemName string
		Level            int
	}
}

// TestSharedSummaryInWindow: Ada shares one of her two assessments; Bob's
// window shows it in Growth › Peers. Ada takes it back with the keyboard in
// her window, and after a sync Bob has none.
func TestSharedSummaryInWindow(t *testing.T) {
	parallelWindow(t)
	sh := newFolderShare(t)
	team := newTeam(t, sh, "Ada", "Bob")
	ada, bob := team[0], team[1]
	for _, it := range [][2]string{{"craft.quality", "4"}, {"craft.tools", "3"}, {"values.helping", "5"}, {"communication.listening", "2"}} {
		ada.ok("assess", "--item", it[0], "--level", it[1], "--evidence", "shipped the importer")
	}
	ada.ok("assess", "--finish", "--share")
	ada.ok("assess", "--item", "craft.quality", "--level", "2", "--evidence", "a private doubt")
	ada.ok("assess", "--finish")
	ada.sync()
	bob.sync()
	var got []teamSummary
	bob.decode(&got, "assessments", "team", "--json")
	if len(got) != 1 || got[0].MemberName != "Ada" || len(got[0].Levels) != 4 || got[0].Levels[0].ItemName == "" {
		t.Fatalf("Bob's team summaries = %+v", got)
	}

	display := startXvfb(t)
	s := launch(t, display, bob.dir, "PEERPLAYPAY_LOG=debug")
	s.waitReady()
	id, _, _ := s.window()
	s.xdo("windowfocus", "--sync", id)
	mark := s.mark()
	s.xdo("key", "ctrl+4")
	s.waitLine(mark, regexp.MustCompile(`ui: area rendered" area=growth`), 20*time.Second)
	s.xdo("key", "Tab", "Right", "Right") // Assess → Charts → Peers
	time.Sleep(3 * time.Second)
	s.screenshot("growth-team-summaries.png")
	s.stop()

	s = launch(t, display, ada.dir, "PEERPLAYPAY_LOG=debug")
	s.waitReady()
	id, _, _ = s.window()
	s.xdo("windowfocus", "--sync", id)
	mark = s.mark()
	s.xdo("key", "ctrl+4")
	s.waitLine(mark, regexp.MustCompile(`ui: area rendered" area=growth`), 20*time.Second)
	time.Sleep(time.Second)
	// The tabs, Start, the newest (private) row's Share, then the shared
	// row's Take it back.
	// One key at a time: the content scrolls to each focused control.
	for _, k := range []string{"Tab", "Tab", "Tab", "Tab", "Return"} {
		s.xdo("key", k)
		time.Sleep(300 * time.Millisecond)
	}
	shared := func() bool {
		var xs []struct{ Shared bool }
		out := ada.ok("assessments", "list", "--json")
		if err := json.Unmarshal([]byte(out), &xs); err != nil || len(xs) != 2 || xs[1].Shared {
			t.Fatalf("Ada's assessments = %s", out)
		}
		return xs[0].Shared
	}
	for end := time.Now().Add(10 * time.Second); shared(); time.Sleep(200 * time.Millisecond) {
		if time.Now().After(end) {
			s.screenshot("growth-take-back-failed.png")
			t.Fatal("the window's Take it back did not reach the database")
		}
	}
	scrollDown(s, 6)
	s.screenshot("growth-own-assessments.png")
	s.stop()

	ada.sync()
	bob.sync()
	bob.decode(&got, "assessments", "team", "--json")
	if len(got) != 0 {
		t.Fatalf("after the take-back Bob has %+v", got)
	}
}

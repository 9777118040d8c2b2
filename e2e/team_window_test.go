//go:build e2e

package e2e

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// TestTeamAreaInWindow joins two members through a folder share with the
// CLI, then opens the first member's window: its background sync brings in
// the peer's stand-up and its recording, which the Team area lists.
func TestTeamAreaInWindow(t *testing.T) {
	parallelWindow(t)
	share := filepath.Join(t.TempDir(), "share")
	ada, bob := onboarded(t), t.TempDir()
	mustCLI := func(args ...string) []byte {
		t.Helper()
		out, err := cli(t, args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return out
	}
	mustCLI("profile", "set", "--name", "Bob", "--data-dir", bob)
	mustCLI("team", "create", share, "--name", "Engines", "--data-dir", ada)
	var inv struct{ Invite string }
	json.Unmarshal(mustCLI("team", "invite", "--json", "--data-dir", ada), &inv)
	mustCLI("team", "join", share, "--invite", inv.Invite, "--data-dir", bob)
	var st struct{ SafetyCode string }
	json.Unmarshal(mustCLI("team", "status", "--json", "--data-dir", bob), &st)
	var reqs []struct{ ID string }
	json.Unmarshal(mustCLI("team", "requests", "--json", "--data-dir", ada), &reqs)
	if len(reqs) != 1 {
		t.Fatalf("requests: %+v", reqs)
	}
	mustCLI("team", "approve", reqs[0].ID, "--code", st.SafetyCode, "--data-dir", ada)
	mustCLI("sync", "--data-dir", bob)
	mustCLI("record", "--seconds", "3", "--video", "synthetic", "--audio", "synthetic", "--done", "Bob fixed the parser", "--data-dir", bob)
	mustCLI("sync", "--data-dir", bob)

	s := launch(t, startXvfb(t), ada, "PEERPLAYPAY_LOG=debug")
	s.waitReady()
	id, _, _ := s.window()
	s.xdo("windowfocus", "--sync", id)
	s.waitLine(0, regexp.MustCompile(`sync done" .*received=1 downloaded=1 problems=0`), 30*time.Second)
	s.xdo("key", "ctrl+5")
	time.Sleep(1500 * time.Millisecond)
	s.screenshot("team-area.png")
	var peers []struct {
		ID        int64
		MediaPath string
	}
	json.Unmarshal(mustCLI("peers", "logs", "--json", "--data-dir", ada), &peers)
	if len(peers) != 1 || peers[0].MediaPath == "" {
		t.Fatalf("Ada's peers' logs after the window's sync: %+v", peers)
	}
}

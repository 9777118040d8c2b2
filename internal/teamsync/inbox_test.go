package teamsync_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

func inbox(t *testing.T, m *member, f peerplaypay.PeerLogFilter) []*peerplaypay.PeerLog {
	t.Helper()
	logs, _, err := m.svc.Inbox(context.Background(), sqlite.NewShareStore(m.db), f)
	if err != nil {
		t.Fatal(err)
	}
	return logs
}

func byDone(logs []*peerplaypay.PeerLog, done string) *peerplaypay.PeerLog {
	i := slices.IndexFunc(logs, func(l *peerplaypay.PeerLog) bool { return l.Table.Done == done })
	if i < 0 {
		return nil
	}
	return logs[i]
}

// TestLoudnessTravels: a log's loudness map reaches the peers with the log;
// a map a modified client makes up (not base64url, far longer than the
// recording) is dropped by the reader, and the log itself still arrives.
func TestLoudnessTravels(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, ada, bob := newPair(t)
	e := mediaLog(t, ada, "with a map", 3000)
	values := append(slices.Repeat([]byte{48}, 6), slices.Repeat([]byte{0}, 4)...)
	loud := peerplaypay.EncodeLoudness(values)
	if _, err := ada.logs.FinishLog(ctx, e.ID, peerplaypay.LogMedia{DurationMs: 1000, SizeBytes: e.SizeBytes, SHA256: e.SHA256, Loudness: loud}, peerplaypay.LogReady); err != nil {
		t.Fatal(err)
	}
	base := peerplaypay.LogPublished{Day: "2026-11-23", Kind: peerplaypay.LogAudio, DurationMs: 1000, CreatedAt: time.Now().UTC()}
	forged := map[string]peerplaypay.Loudness{
		"not base64url":    "AAAA+AAAA<",
		"ten times longer": peerplaypay.Loudness(strings.Repeat("w", 100)),
	}
	for name, l := range forged {
		d := base
		d.UID, d.Table.Done, d.Loudness = peerplaypay.NewUID(), name, l
		forge(t, ada, d)
	}
	if _, err := ada.svc.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	sum, err := bob.svc.Sync(ctx, nil)
	if err != nil || len(sum.Problems) != 0 {
		t.Fatalf("Bob's sync: %+v, %v", sum, err)
	}
	logs := inbox(t, bob, peerplaypay.PeerLogFilter{})
	if len(logs) != 3 {
		t.Fatalf("Bob has %d logs; want 3", len(logs))
	}
	got := byDone(logs, "with a map")
	if got == nil || got.Loudness != loud || got.AuthorName != "Ada" || got.MediaPath == "" {
		t.Fatalf("the log with a map, at Bob's: %+v", got)
	}
	if s := peerplaypay.SkipsOf(got.Loudness, got.DurationMs); len(s) != 0 {
		// 0.4 s of silence is too short to skip.
		t.Errorf("skips %v", s)
	}
	for name := range forged {
		l := byDone(logs, name)
		if l == nil || l.Loudness != "" {
			t.Errorf("%s: %+v; want the log without its map", name, l)
		}
	}
}

// TestFetchOnDemand: with no space for peers' recordings, a sync brings the
// log but not its recording; the member downloads it when they want to
// watch it, and it is the author's very file.
func TestFetchOnDemand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, ada, bob := newPair(t)
	e := mediaLog(t, ada, "a recording", 200_000)
	if err := ada.logs.CreateLog(ctx, &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "text only"}}); err != nil {
		t.Fatal(err)
	}
	if err := bob.set.SetSettings(ctx, map[string]string{teamsync.SettingBudgetMB: "0"}); err != nil {
		t.Fatal(err)
	}
	if _, err := ada.svc.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.svc.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	logs := inbox(t, bob, peerplaypay.PeerLogFilter{})
	l := byDone(logs, "a recording")
	if l == nil || l.MediaPath != "" {
		t.Fatalf("before fetching: %+v", l)
	}
	var phases []string
	got, err := bob.svc.FetchPeerMedia(ctx, l.ID, func(p teamsync.Progress) { phases = append(phases, p.Phase) })
	if err != nil {
		t.Fatal(err)
	}
	if got.MediaPath == "" || fileSum(t, filepath.Join(bob.dir, got.MediaPath)) != e.SHA256 {
		t.Fatalf("fetched %+v", got)
	}
	if !slices.Contains(phases, "media") {
		t.Errorf("progress phases %v", phases)
	}
	if l := byDone(inbox(t, bob, peerplaypay.PeerLogFilter{}), "a recording"); l.MediaPath != got.MediaPath {
		t.Errorf("the inbox says %q", l.MediaPath)
	}
	// Fetched again: already here, nothing to do.
	if again, err := bob.svc.FetchPeerMedia(ctx, l.ID, nil); err != nil || again.MediaPath != got.MediaPath {
		t.Errorf("again: %+v, %v", again, err)
	}

	t.Run("ErrTextLog", func(t *testing.T) {
		text := byDone(logs, "text only")
		if _, err := bob.svc.FetchPeerMedia(ctx, text.ID, nil); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
			t.Errorf("a text log: %v", err)
		}
	})
	t.Run("ErrNoSuchLog", func(t *testing.T) {
		if _, err := bob.svc.FetchPeerMedia(ctx, 424242, nil); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Errorf("no such log: %v", err)
		}
	})
}

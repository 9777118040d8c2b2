package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
)

const bob = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

func uidN(n int) string { return fmt.Sprintf("%032x", n) }

func publish(t *testing.T, s *ShareStore, author string, seq uint64, logs ...peerplaypay.LogPublished) {
	t.Helper()
	var evs []peerplaypay.ShareEvent
	for i, l := range logs {
		evs = append(evs, logEvent(t, fmt.Sprintf("%s%08x%08x", author[:16], seq, i), peerplaypay.EventLogPublished, l))
	}
	if _, err := s.ApplyBatch(context.Background(), author, peerplaypay.SharePosition{Seq: seq, Hash: fmt.Sprint(seq)}, evs); err != nil {
		t.Fatal(err)
	}
}

func openStore(t testing.TB) *ShareStore {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return NewShareStore(db)
}

func dones(logs []*peerplaypay.PeerLog) []string {
	var out []string
	for _, l := range logs {
		out = append(out, l.Table.Done)
	}
	return out
}

func TestInbox(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	at := func(day string, h int) time.Time {
		d, _ := time.Parse(time.DateOnly, day)
		return d.Add(time.Duration(h) * time.Hour)
	}
	loud := peerplaypay.EncodeLoudness(append(slices.Repeat([]byte{48}, 30), slices.Repeat([]byte{0}, 20)...))
	publish(t, s, ada, 1,
		peerplaypay.LogPublished{UID: uidN(1), Day: "2026-11-22", Kind: peerplaypay.LogAudio, DurationMs: 5000, CreatedAt: at("2026-11-22", 9),
			Table: peerplaypay.LogTable{Done: "ada monday", Mood: 4, Energy: 3}, Loudness: loud},
		peerplaypay.LogPublished{UID: uidN(2), Day: "2026-11-23", Kind: peerplaypay.LogText, CreatedAt: at("2026-11-23", 9),
			Table: peerplaypay.LogTable{Done: "ada tuesday rollouts", HelpNeeded: "review of the importer"}},
	)
	publish(t, s, bob, 1,
		peerplaypay.LogPublished{UID: uidN(3), Day: "2026-11-23", Kind: peerplaypay.LogVideo, DurationMs: 5000, CreatedAt: at("2026-11-23", 10),
			Table: peerplaypay.LogTable{Done: "bob tuesday"}, Loudness: "not+a+map"},
	)

	t.Run("OK", func(t *testing.T) {
		logs, total, err := s.FindPeerLogs(ctx, peerplaypay.PeerLogFilter{})
		if err != nil || total != 3 {
			t.Fatalf("%d logs, %v", total, err)
		}
		if got := dones(logs); !slices.Equal(got, []string{"bob tuesday", "ada tuesday rollouts", "ada monday"}) {
			t.Errorf("order %v; want newest first", got)
		}
		if logs[2].Loudness != loud || logs[2].Table.Mood != 4 {
			t.Errorf("ada's monday log: %+v", logs[2])
		}
		if logs[0].Loudness != "" {
			t.Errorf("a map that is not one was kept: %q", logs[0].Loudness)
		}
		c, err := s.PeerLogCounts(ctx)
		if err != nil || c.Unwatched != 3 || c.HelpNeeded != 1 {
			t.Errorf("counts %+v, %v", c, err)
		}
	})

	t.Run("WatchedGoLast", func(t *testing.T) {
		logs, _, _ := s.FindPeerLogs(ctx, peerplaypay.PeerLogFilter{})
		bobs := logs[0]
		if err := s.SavePeerLogPosition(ctx, bobs.ID, 2500); err != nil {
			t.Fatal(err)
		}
		if l, _ := s.PeerLog(ctx, bobs.ID); l.PositionMs != 2500 || l.Watched {
			t.Fatalf("after a position: %+v", l)
		}
		l, err := s.SetPeerLogWatched(ctx, bobs.ID, true)
		if err != nil || !l.Watched || l.PositionMs != 0 {
			t.Fatalf("watched: %+v, %v", l, err)
		}
		logs, _, _ = s.FindPeerLogs(ctx, peerplaypay.PeerLogFilter{})
		if got := dones(logs); !slices.Equal(got, []string{"ada tuesday rollouts", "ada monday", "bob tuesday"}) {
			t.Errorf("order %v; want the watched one last", got)
		}
		unwatched, n, _ := s.FindPeerLogs(ctx, peerplaypay.PeerLogFilter{Unwatched: true})
		if n != 2 || slices.Contains(dones(unwatched), "bob tuesday") {
			t.Errorf("unwatched: %v", dones(unwatched))
		}
		if c, _ := s.PeerLogCounts(ctx); c.Unwatched != 2 {
			t.Errorf("counts %+v", c)
		}
		// A new edition of the log keeps what the member did with it.
		publish(t, s, bob, 2, peerplaypay.LogPublished{UID: uidN(3), Day: "2026-11-23", Kind: peerplaypay.LogVideo, DurationMs: 5000,
			CreatedAt: at("2026-11-23", 10), Table: peerplaypay.LogTable{Done: "bob tuesday, edited"}})
		if l, _ := s.PeerLog(ctx, bobs.ID); !l.Watched {
			t.Errorf("watched state lost by a new edition: %+v", l)
		}
		if _, err := s.SetPeerLogWatched(ctx, bobs.ID, false); err != nil {
			t.Fatal(err)
		}
		if l, _ := s.PeerLog(ctx, bobs.ID); l.Watched {
			t.Errorf("still watched: %+v", l)
		}
	})

	t.Run("Filters", func(t *testing.T) {
		for name, c := range map[string]struct {
			f    peerplaypay.PeerLogFilter
			want []string
		}{
			"help needed":                   {peerplaypay.PeerLogFilter{HelpNeeded: true}, []string{"ada tuesday rollouts"}},
			"one person":                    {peerplaypay.PeerLogFilter{Author: ada}, []string{"ada tuesday rollouts", "ada monday"}},
			"dates":                         {peerplaypay.PeerLogFilter{From: "2026-11-22", To: "2026-11-22"}, []string{"ada monday"}},
			"words, stemmed, in any answer": {peerplaypay.PeerLogFilter{Query: "rollout"}, []string{"ada tuesday rollouts"}},
			"words in help needed":          {peerplaypay.PeerLogFilter{Query: "importer"}, []string{"ada tuesday rollouts"}},
			"a word nobody wrote":           {peerplaypay.PeerLogFilter{Query: "zebra"}, nil},
			"an edited table is searched":   {peerplaypay.PeerLogFilter{Query: "edited"}, []string{"bob tuesday, edited"}},
		} {
			logs, n, err := s.FindPeerLogs(ctx, c.f)
			if err != nil || n != len(c.want) || !slices.Equal(dones(logs), c.want) {
				t.Errorf("%s: %v (%d), %v; want %v", name, dones(logs), n, err, c.want)
			}
		}
		logs, _, _ := s.FindPeerLogs(ctx, peerplaypay.PeerLogFilter{Query: "importer"})
		if m := logs[0].Match; m == nil || m.Field != "helpNeeded" || !strings.Contains(m.Text, peerplaypay.MatchStart+"importer"+peerplaypay.MatchEnd) {
			t.Errorf("match %+v", m)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, f := range []peerplaypay.PeerLogFilter{{From: "23/11/2026"}, {From: "2026-11-23", To: "2026-11-01"}} {
			if _, _, err := s.FindPeerLogs(ctx, f); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
				t.Errorf("%+v: %v", f, err)
			}
		}
		if err := s.SavePeerLogPosition(ctx, 9999, 10); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Errorf("position of a log that is not there: %v", err)
		}
		if _, err := s.SetPeerLogWatched(ctx, 9999, true); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Errorf("watching a log that is not there: %v", err)
		}
	})

	t.Run("DeletedWithItsView", func(t *testing.T) {
		logs, _, _ := s.FindPeerLogs(ctx, peerplaypay.PeerLogFilter{Author: ada})
		s.SetPeerLogWatched(ctx, logs[0].ID, true)
		if _, err := s.ApplyBatch(ctx, ada, peerplaypay.SharePosition{Seq: 2, Hash: "2"},
			[]peerplaypay.ShareEvent{logEvent(t, strings.Repeat("e", 32), peerplaypay.EventLogDeleted, peerplaypay.LogDeleted{UID: logs[0].UID})}); err != nil {
			t.Fatal(err)
		}
		var n int
		s.db.db.QueryRow(`SELECT count(*) FROM peer_log_views WHERE uid = ?`, logs[0].UID).Scan(&n)
		if n != 0 {
			t.Errorf("the view of a deleted log stays")
		}
		if found, _, _ := s.FindPeerLogs(ctx, peerplaypay.PeerLogFilter{Query: "tuesday"}); slices.Contains(dones(found), logs[0].Table.Done) {
			t.Errorf("a deleted log is still found")
		}
	})
}

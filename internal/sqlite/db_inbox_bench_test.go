package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// inboxAtScale fills a database with a year of 7 peers' daily stand-ups,
// each with the loudness map of 3 minutes, all watched but the last two
// days'.
func inboxAtScale(b *testing.B) *ShareStore {
	ctx := context.Background()
	s := openStore(b)
	rng := rand.New(rand.NewPCG(1, 2))
	values := make([]byte, 1800)
	today := time.Now()
	for p := range 7 {
		author := fmt.Sprintf("%032x", p+1)
		var events []peerplaypay.ShareEvent
		for d := range 365 {
			for i := range values {
				values[i] = byte(rng.IntN(64))
			}
			day := today.AddDate(0, 0, -d)
			data, _ := json.Marshal(peerplaypay.LogPublished{UID: peerplaypay.NewUID(), Day: day.Format(time.DateOnly), Kind: peerplaypay.LogVideo,
				DurationMs: 180_000, CreatedAt: day, Loudness: peerplaypay.EncodeLoudness(values),
				Table: peerplaypay.LogTable{Done: "closed a ticket and reviewed two pull requests", Mood: 3, Energy: 4}})
			events = append(events, peerplaypay.ShareEvent{ID: peerplaypay.NewUID(), Kind: peerplaypay.EventLogPublished, V: 1, At: day, Data: data})
		}
		if _, err := s.ApplyBatch(ctx, author, peerplaypay.SharePosition{Seq: 1, Hash: "x"}, events); err != nil {
			b.Fatal(err)
		}
	}
	for {
		logs, _, err := s.FindPeerLogs(ctx, peerplaypay.PeerLogFilter{Unwatched: true, To: today.AddDate(0, 0, -2).Format(time.DateOnly), Limit: 2000})
		if err != nil {
			b.Fatal(err)
		}
		if len(logs) == 0 {
			break
		}
		for _, l := range logs {
			if _, err := s.SetPeerLogWatched(ctx, l.ID, true); err != nil {
				b.Fatal(err)
			}
		}
	}
	return s
}

// BenchmarkInboxPage is what the inbox asks when it opens: its first page
// and the counts.
func BenchmarkInboxPage(b *testing.B) {
	s := inboxAtScale(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		logs, total, err := s.FindPeerLogs(ctx, peerplaypay.PeerLogFilter{Limit: 60})
		if err != nil || len(logs) != 60 || total != 2555 || logs[0].Watched || !logs[59].Watched {
			b.Fatalf("%d of %d, %v", len(logs), total, err)
		}
		if c, err := s.PeerLogCounts(ctx); err != nil || c.Unwatched != 14 {
			b.Fatalf("counts %+v, %v", c, err)
		}
	}
}

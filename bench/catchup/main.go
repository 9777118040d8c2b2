// Command catchup computes how long catching up on a day of the team's
// stand-ups takes: 7 peers, one 3-minute recording each with 40 % silence
// (pauses short and long, synthesized), played one after another ("play
// all unwatched") at 1x in full, and at 1.5x and 2x skipping silence, by
// the player's own rules (peerplaypay.Skips). Each jump over a silence
// costs the player a seek: -seek-ms adds that much per jump (measure it in
// the window: the e2e test TestInboxInWindow logs a real playback's time
// against its speech time), and -switch-ms what opening the next log
// costs.
//
//	go run ./bench/catchup -seek-ms 120 -switch-ms 400
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"time"

	"peerplaypay/bench/internal/standups"
	"peerplaypay/internal/peerplaypay"
)

func main() {
	peers := flag.Int("peers", 7, "peers, one recording each")
	minutes := flag.Float64("minutes", 3, "length of each recording")
	silence := flag.Float64("silence", 0.4, "share of each recording that is pauses")
	seekMs := flag.Float64("seek-ms", 0, "what one jump over a silence costs the player, in ms")
	switchMs := flag.Float64("switch-ms", 0, "what opening the next log costs, in ms")
	seed := flag.Uint64("seed", 1, "random seed of the synthesized pauses")
	flag.Parse()

	rng := rand.New(rand.NewPCG(*seed, 2))
	durationMs := int64(*minutes * 60_000)
	type log struct {
		skips   []peerplaypay.Skip
		silence float64
	}
	var logs []log
	var skippable, pauses float64
	for range *peers {
		m := standups.Map(rng, durationMs, *silence)
		s := peerplaypay.SkipsOf(m, durationMs)
		logs = append(logs, log{s, standups.Silence(m)})
		pauses += standups.Silence(m) * float64(durationMs)
		skippable += float64(durationMs) - peerplaypay.PlayMs(durationMs, s, 1)
	}
	fmt.Printf("%d recordings of %.0f min, %.0f %% of them pauses (%.0f %% of the pauses 0.7 s or longer, skipped but for 0.1 s at each end)\n",
		*peers, *minutes, 100*pauses/float64(int64(*peers)*durationMs), 100*skippable/pauses)
	fmt.Printf("seek per jump %.0f ms, next log %.0f ms\n\n", *seekMs, *switchMs)
	fmt.Printf("%-28s %10s %8s\n", "play all unwatched", "time", "jumps")
	for _, c := range []struct {
		rate float64
		skip bool
	}{{1, false}, {1.5, false}, {2, false}, {1, true}, {1.5, true}, {2, true}} {
		var ms float64
		jumps := 0
		for _, l := range logs {
			var skips []peerplaypay.Skip
			if c.skip {
				skips = l.skips
			}
			ms += peerplaypay.PlayMs(durationMs, skips, c.rate) + float64(len(skips))**seekMs + *switchMs
			jumps += len(skips)
		}
		what := fmt.Sprintf("at %gx", c.rate)
		if c.skip {
			what += ", skipping silence"
		}
		fmt.Printf("%-28s %10s %8d\n", what, (time.Duration(ms) * time.Millisecond).Round(time.Second), jumps)
	}
}

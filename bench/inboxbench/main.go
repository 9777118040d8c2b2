//go:build unix

// Command inboxbench times the Inbox's first screen in the production
// window: from the keystroke that opens it (Ctrl+6) to the list painted
// with its data, as the page logs it ("area rendered"). The member's team
// has 8 members (the member and 7 peers, joined through a folder share with
// the app's own commands); each peer shared a 3-minute video stand-up a day
// for a year (2,555 logs, each with a loudness map), all watched but the
// last two days'. The data folder is synthesized once and kept in
// $TMPDIR/peerplaypay-inboxbench; the share is removed after, so the
// window's background sync finds it unreachable and changes nothing.
//
//	inboxbench -bin build/bin/peerplaypay -runs 10
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"peerplaypay/bench/internal/standups"
	"peerplaypay/bench/internal/xvfb"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

func main() {
	bin := flag.String("bin", "build/bin/peerplaypay", "PeerPlayPay binary")
	runs := flag.Int("runs", 10, "runs")
	settle := flag.Duration("settle", time.Second, "how long after the first screen the inbox is opened")
	cache := flag.String("cache", filepath.Join(os.TempDir(), "peerplaypay-inboxbench"), "where the synthesized data folder is kept")
	flag.Parse()
	abs, err := filepath.Abs(*bin)
	if err != nil {
		fail(err)
	}
	if err := synthesize(abs, *cache); err != nil {
		fail(err)
	}
	display, stop, err := xvfb.Start()
	if err != nil {
		fail(err)
	}
	defer stop()
	times := map[string][]float64{}
	order := []string{"first open", "again", "goals (empty), for comparison"}
	for i := 0; i <= *runs; i++ {
		got, err := once(abs, display, filepath.Join(*cache, "me"), *settle)
		if err != nil {
			fail(err)
		}
		if i == 0 {
			continue // warms the caches
		}
		for k, v := range got {
			times[k] = append(times[k], v)
		}
	}
	b, _ := os.ReadFile("/proc/loadavg")
	fmt.Printf("7 peers x 365 days = 2,555 stand-ups (loudness maps of 3 min each), 14 unwatched; runs: %d; load: %s\n",
		*runs, strings.Join(strings.Fields(string(b))[:3], " "))
	fmt.Printf("%-32s %8s %8s %8s\n", "area rendered", "min", "median", "max")
	for _, k := range order {
		s := slices.Sorted(slices.Values(times[k]))
		fmt.Printf("%-32s %8.0f %8.0f %8.0f ms\n", k, s[0], s[len(s)/2], s[len(s)-1])
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "inboxbench:", err)
	os.Exit(1)
}

var (
	readyLine    = regexp.MustCompile(`ui ready`)
	renderedLine = regexp.MustCompile(`ui: area rendered" area=(\w+) ms=(\d+)`)
)

// once runs the app and opens the inbox twice.
func once(bin, display, dataDir string, settle time.Duration) (map[string]float64, error) {
	cmd := exec.Command(bin, "--data-dir", dataDir)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "PEERPLAYPAY_LOG=debug")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	lines := make(chan string, 1024)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		io.Copy(io.Discard, stderr)
	}()
	wait := func(re *regexp.Regexp) ([]string, error) {
		timeout := time.After(60 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					return nil, fmt.Errorf("the app ended before %q", re)
				}
				if m := re.FindStringSubmatch(l); m != nil {
					return m, nil
				}
			case <-timeout:
				return nil, fmt.Errorf("no %q within 60 s", re)
			}
		}
	}
	if _, err := wait(readyLine); err != nil {
		return nil, err
	}
	time.Sleep(settle)
	key := func(k string) error {
		c := exec.Command("xdotool", "search", "--sync", "--onlyvisible", "--name", "^PeerPlayPay$", "windowfocus", "--sync", "key", k)
		c.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := c.CombinedOutput(); err != nil {
			return fmt.Errorf("xdotool key %s: %v %s", k, err, out)
		}
		return nil
	}
	got := map[string]float64{}
	for _, step := range []struct{ name, key, area string }{
		{"first open", "ctrl+6", "inbox"}, {"again", "ctrl+6", "inbox"},
		// The same measure of an area with no inbox in it, on the same
		// machine at the same moment: what the window itself costs.
		{"goals (empty), for comparison", "ctrl+3", "goals"},
	} {
		if err := key(step.key); err != nil {
			return nil, err
		}
		m, err := wait(renderedLine)
		if err != nil {
			return nil, err
		}
		if m[1] != step.area {
			return nil, fmt.Errorf("opened %s, rendered %s", step.area, m[1])
		}
		ms, _ := strconv.ParseFloat(m[2], 64)
		got[step.name] = ms
		if err := key("ctrl+1"); err != nil {
			return nil, err
		}
		time.Sleep(300 * time.Millisecond)
	}
	return got, nil
}

// run runs a command of the app on a data folder.
func run(bin, dir string, args ...string) ([]byte, error) {
	out, err := exec.Command(bin, append(args, "--data-dir", dir)...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return out, fmt.Errorf("%v: %v: %s", args, err, ee.Stderr)
		}
		return out, fmt.Errorf("%v: %w", args, err)
	}
	return out, nil
}

// synthesize makes the member's data folder once: a real team of 8 on a
// folder share, then a year of the 7 peers' stand-ups applied to the
// member's database as their events would be.
func synthesize(bin, dir string) error {
	done := filepath.Join(dir, ".synthesized")
	if _, err := os.Stat(done); err == nil {
		return nil
	}
	os.RemoveAll(dir)
	t0 := time.Now()
	me, share := filepath.Join(dir, "me"), filepath.Join(dir, "share")
	names := []string{"Ada", "Bob", "Cyd", "Dan", "Eve", "Fay", "Gus"}
	if _, err := run(bin, me, "profile", "set", "--name", "Bench Member"); err != nil {
		return err
	}
	if _, err := run(bin, me, "team", "create", share, "--name", "Bench"); err != nil {
		return err
	}
	for _, name := range names {
		peer := filepath.Join(dir, "peer-"+name)
		var inv struct{ Invite string }
		out, err := run(bin, me, "team", "invite", "--json")
		if err != nil || json.Unmarshal(out, &inv) != nil {
			return fmt.Errorf("invite: %v", err)
		}
		if _, err := run(bin, peer, "profile", "set", "--name", name); err != nil {
			return err
		}
		if _, err := run(bin, peer, "team", "join", share, "--invite", inv.Invite); err != nil {
			return err
		}
		var st struct{ SafetyCode string }
		if out, err := run(bin, peer, "team", "status", "--json"); err != nil || json.Unmarshal(out, &st) != nil {
			return fmt.Errorf("status: %v", err)
		}
		var reqs []struct{ ID string }
		if out, err := run(bin, me, "team", "requests", "--json"); err != nil || json.Unmarshal(out, &reqs) != nil || len(reqs) != 1 {
			return fmt.Errorf("requests: %v %s", err, out)
		}
		if _, err := run(bin, me, "team", "approve", reqs[0].ID, "--code", st.SafetyCode); err != nil {
			return err
		}
	}
	var members []struct {
		ID   string
		Name string
		Me   bool
	}
	out, err := run(bin, me, "team", "members", "--json")
	if err != nil || json.Unmarshal(out, &members) != nil {
		return fmt.Errorf("members: %v", err)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(me, sqlite.FileName))
	if err != nil {
		return err
	}
	defer db.Close()
	store := sqlite.NewShareStore(db)
	rng := rand.New(rand.NewPCG(7, 7))
	today := time.Now()
	n := 0
	for _, m := range members {
		if m.Me {
			continue
		}
		var events []peerplaypay.ShareEvent
		for d := range 365 {
			day := today.AddDate(0, 0, -d)
			at := time.Date(day.Year(), day.Month(), day.Day(), 9, rng.IntN(60), 0, 0, time.Local).UTC()
			help := ""
			if rng.IntN(7) == 0 {
				help = "a second pair of eyes on the migration script"
			}
			data, _ := json.Marshal(peerplaypay.LogPublished{UID: peerplaypay.NewUID(), Day: day.Format(time.DateOnly), Kind: peerplaypay.LogVideo,
				DurationMs: 180_000, SizeBytes: 22_000_000, SHA256: strings.Repeat("0", 64), CreatedAt: at,
				Loudness: standups.Map(rng, 180_000, 0.4),
				Table: peerplaypay.LogTable{Done: fmt.Sprintf("%s: closed ticket %d, reviewed two pull requests and paired on the importer", m.Name, 1000+d),
					How: "pairing, then a written summary", Why: "the release train leaves on Thursday", Next: "the parser's error messages",
					HelpNeeded: help, Mood: 1 + rng.IntN(5), Energy: 1 + rng.IntN(5)}})
			events = append(events, peerplaypay.ShareEvent{ID: peerplaypay.NewUID(), Kind: peerplaypay.EventLogPublished, V: 1, At: at, Data: data})
		}
		if _, err := store.ApplyBatch(ctx, m.ID, peerplaypay.SharePosition{Seq: 1, Hash: "bench"}, events); err != nil {
			return err
		}
		n += len(events)
	}
	// All watched but the last two days'.
	for {
		logs, _, err := store.FindPeerLogs(ctx, peerplaypay.PeerLogFilter{Unwatched: true, To: today.AddDate(0, 0, -2).Format(time.DateOnly), Limit: peerplaypay.MaxPeerLogsPage})
		if err != nil {
			return err
		}
		if len(logs) == 0 {
			break
		}
		for _, l := range logs {
			if _, err := store.SetPeerLogWatched(ctx, l.ID, true); err != nil {
				return err
			}
		}
	}
	// The share goes: the window's syncs find it unreachable and apply
	// nothing over the synthesized history.
	if err := os.RemoveAll(share); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "synthesized a team of 8 and %d stand-ups in %s\n", n, time.Since(t0).Round(time.Millisecond))
	return os.WriteFile(done, nil, 0o600)
}

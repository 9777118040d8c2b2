//go:build unix

// Command areasbench times the Goals, Growth and Insights areas of the
// production window: from the keystroke that opens an area (Ctrl+3,
// Ctrl+4, Ctrl+8) to its first screen with data painted, as the page logs
// it ("area rendered", measured from the navigation to the frame after the
// data is drawn). The data folder holds 500 goals (the member's 250,
// aligned in a tree, and a peer's 250) with 10,000 check-ins, 52 weekly
// assessment sessions of the whole default framework, and two years of a
// team of seven: the member's stand-ups, learning, reflections and daily
// basics, six peers' stand-ups, Thanks among all seven and offers of help;
// it is synthesized once and kept in $TMPDIR/peerplaypay-areasbench.
//
//	areasbench -bin build/bin/peerplaypay -runs 10
//
// Each run starts the app, waits -settle, opens Goals (the first open also loads the
// area's code), goes back to Today, opens Goals again, then the same for
// Growth and Insights.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"peerplaypay/bench/internal/xvfb"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

func main() {
	bin := flag.String("bin", "build/bin/peerplaypay", "PeerPlayPay binary")
	runs := flag.Int("runs", 10, "runs")
	settle := flag.Duration("settle", time.Second, "how long after the first screen the first area is opened (the app fetches the areas' code when idle)")
	cache := flag.String("cache", filepath.Join(os.TempDir(), "peerplaypay-areasbench"), "where the synthesized data folder is kept")
	flag.Parse()
	if err := synthesize(*cache); err != nil {
		fail(err)
	}
	display, stop, err := xvfb.Start()
	if err != nil {
		fail(err)
	}
	defer stop()

	times := map[string][]float64{}
	order := []string{"goals, first open", "goals, again", "growth, first open", "growth, again", "insights, first open", "insights, again"}
	for i := 0; i <= *runs; i++ {
		got, err := once(*bin, display, *cache, *settle)
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
	fmt.Printf("500 goals, 10,000 check-ins, 52 assessment sessions, 7 members x 2 years; first area opened %s after the first screen; runs: %d; load: %s\n",
		*settle, *runs, strings.Join(strings.Fields(string(b))[:3], " "))
	fmt.Printf("%-22s %8s %8s %8s\n", "area rendered", "min", "median", "max")
	for _, k := range order {
		s := slices.Sorted(slices.Values(times[k]))
		fmt.Printf("%-22s %8.0f %8.0f %8.0f ms\n", k, s[0], s[len(s)/2], s[len(s)-1])
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "areasbench:", err)
	os.Exit(1)
}

var (
	readyLine    = regexp.MustCompile(`ui ready`)
	renderedLine = regexp.MustCompile(`ui: area rendered" area=(\w+) .*\bms=(\d+)`)
)

// once runs the app and opens each area twice.
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
	for _, area := range []struct{ name, key string }{{"goals", "ctrl+3"}, {"growth", "ctrl+4"}, {"insights", "ctrl+8"}} {
		for _, which := range []string{"first open", "again"} {
			if err := key(area.key); err != nil {
				return nil, err
			}
			m, err := wait(renderedLine)
			if err != nil {
				return nil, err
			}
			if m[1] != area.name {
				return nil, fmt.Errorf("opened %s, rendered %s", area.name, m[1])
			}
			ms, _ := strconv.ParseFloat(m[2], 64)
			got[area.name+", "+which] = ms
			if err := key("ctrl+1"); err != nil {
				return nil, err
			}
			time.Sleep(300 * time.Millisecond)
		}
	}
	return got, nil
}

// synthesize fills dir once: a profile, the member's 250 goals (10
// organisation, 40 team, 200 personal, each serving one above), a peer's
// 250 team goals with 10,000 check-ins (applied as the share would), and a
// year of weekly assessment sessions.
func synthesize(dir string) error {
	// The name changes with what is synthesized, so an older cache is made again.
	done := filepath.Join(dir, ".synthesized-team2y")
	if _, err := os.Stat(done); err == nil {
		return nil
	}
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	ctx := context.Background()
	t0 := time.Now()
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := sqlite.NewProfileService(db).SaveProfile(ctx, peerplaypay.ProfileInput{Name: "Bench Member", Role: "Engineer"}); err != nil {
		return err
	}
	const peer = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0"
	goals := sqlite.NewGoalService(db, func(context.Context) sqlite.People {
		return sqlite.People{Me: "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", MyName: "Bench Member", Names: map[string]string{peer: "Peer"}}
	})
	due := time.Now().AddDate(0, 3, 0).Format("2006-01-02")
	var uids []string
	for i := range 250 {
		level, parent := peerplaypay.LevelPersonal, ""
		switch {
		case i < 10:
			level = peerplaypay.LevelOrganisation
		case i < 50:
			level, parent = peerplaypay.LevelTeam, uids[i%10]
		default:
			parent = uids[10+i%40]
		}
		g, err := goals.CreateGoal(ctx, peerplaypay.GoalInput{Title: fmt.Sprintf("Goal %d: cut the p95 latency of service %d", i, i%17),
			Kind: peerplaypay.GoalResult, Level: level, ParentUID: parent, Due: due, Confidence: 3, Visibility: peerplaypay.VisibilityTeam,
			Description: "Profile the slow path, cache what repeats, and measure every week",
			Measure:     peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Unit: "ms", Start: 800, Target: 200, Current: 800}})
		if err != nil {
			return err
		}
		uids = append(uids, g.UID)
	}
	var events []peerplaypay.ShareEvent
	var peerUIDs []string
	at := time.Now().UTC().AddDate(-1, 0, 0)
	add := func(kind string, data any) {
		b, _ := json.Marshal(data)
		events = append(events, peerplaypay.ShareEvent{ID: peerplaypay.NewUID(), Kind: kind, V: 1, At: at, Data: b})
	}
	for i := range 250 {
		uid := peerplaypay.NewUID()
		peerUIDs = append(peerUIDs, uid)
		add(peerplaypay.EventGoalSet, peerplaypay.GoalSet{UID: uid, Title: fmt.Sprintf("Peer goal %d", i), Kind: peerplaypay.GoalResult,
			Level: peerplaypay.LevelTeam, Status: peerplaypay.StatusOnTrack, ParentUID: uids[i%10], Due: due, UpdatedAt: at,
			Measure: peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Unit: "tests", Start: 0, Target: 100, Current: 10}})
	}
	for i := range 10000 {
		add(peerplaypay.EventCheckinAdded, peerplaypay.CheckinAdded{UID: peerplaypay.NewUID(), GoalUID: peerUIDs[i%250],
			At: at.Add(time.Duration(i) * 50 * time.Minute), Value: float64(i % 100), Confidence: 3, Note: "steady progress"})
	}
	if _, err := sqlite.NewShareStore(db).ApplyBatch(ctx, peer, peerplaypay.SharePosition{Seq: 1, Hash: "bench"}, events); err != nil {
		return err
	}
	growth := sqlite.NewGrowthService(db)
	items := []string{}
	for _, g := range peerplaypay.DefaultFramework().Groups {
		for _, it := range g.Items {
			items = append(items, it.ID)
		}
	}
	for week := range 52 {
		s, err := growth.CurrentSession(ctx)
		if err != nil {
			return err
		}
		for i, item := range items {
			if _, err := growth.Answer(ctx, s.ID, peerplaypay.Answer{ItemID: item, Level: 1 + (week/13+i)%5, Evidence: "a week of work"}); err != nil {
				return err
			}
		}
		if _, err := growth.FinishSession(ctx, s.ID, false); err != nil {
			return err
		}
	}
	if err := twoYears(ctx, db); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "synthesized 500 goals, 10,000 check-ins, 52 sessions, 7 members x 2 years in %s\n", time.Since(t0).Round(time.Millisecond))
	return os.WriteFile(done, nil, 0o600)
}

// twoYears adds two years of a team of seven: the member's stand-ups on
// working days (mood, energy, a request for help now and then), a learning
// entry a week, a reflection and two daily basics kept most days; six
// peers' stand-ups as their log.published events leave them, Thanks among
// all seven (a few a week) and offers of help on the member's requests.
func twoYears(ctx context.Context, db *sqlite.DB) error {
	const me = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"
	peers := []string{
		"c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1", "c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2", "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3",
		"c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4", "c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5", "c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6",
	}
	logs, growth := sqlite.NewLogService(db), sqlite.NewGrowthService(db)
	var basics []int64
	for _, title := range []string{"Inbox zero by noon", "A walk after lunch"} {
		b, err := growth.SaveBasic(ctx, &peerplaypay.Basic{Title: title})
		if err != nil {
			return err
		}
		basics = append(basics, b.ID)
	}
	now := time.Now()
	start := now.AddDate(-2, 0, 0)
	type asked struct {
		uid string
		at  time.Time
	}
	var requests []asked
	n := 0
	for d := start; d.Before(now); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || d.YearDay()%13 == 0 {
			continue
		}
		n++
		day := d.Format(time.DateOnly)
		at := time.Date(d.Year(), d.Month(), d.Day(), 9, 15, 0, 0, time.Local)
		db.Now = func() time.Time { return at }
		e := &peerplaypay.LogEntry{Kind: peerplaypay.LogText, Shared: true, Day: day, LogTable: peerplaypay.LogTable{
			Done: fmt.Sprintf("Day %d: reviewed the parser and moved the importer along", n), Next: "the release notes",
			Mood: 1 + (n/4)%5, Energy: 1 + (n/7)%5}}
		if n%8 == 0 {
			e.HelpNeeded = "a second pair of eyes on the migration"
		}
		if err := logs.CreateLog(ctx, e); err != nil {
			return err
		}
		if e.HelpNeeded != "" {
			requests = append(requests, asked{e.UID, at})
		}
		if d.Weekday() == time.Friday {
			if _, err := growth.AddLearning(ctx, &peerplaypay.Learning{Day: day, Kind: "read", What: "A chapter on testing", Minutes: 20 + n%40}); err != nil {
				return err
			}
		}
		if n%3 != 0 {
			if _, err := growth.SaveReflection(ctx, &peerplaypay.Reflection{Day: day, StartedAt: at.Add(7 * time.Hour).UTC().Format(time.RFC3339), Minutes: 5, Note: "What went well today"}); err != nil {
				return err
			}
		}
		for i, b := range basics {
			if (n+i)%4 != 0 {
				if err := growth.Tick(ctx, b, day, true); err != nil {
					return err
				}
			}
		}
	}
	db.Now = time.Now
	store := sqlite.NewShareStore(db)
	everyone := append([]string{me}, peers...)
	for pi, peer := range peers {
		var events []peerplaypay.ShareEvent
		add := func(kind string, at time.Time, data any) {
			b, _ := json.Marshal(data)
			events = append(events, peerplaypay.ShareEvent{ID: peerplaypay.NewUID(), Kind: kind, V: 1, At: at.UTC(), Data: b})
		}
		k := 0
		for d := start; d.Before(now); d = d.AddDate(0, 0, 1) {
			if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || (d.YearDay()+pi)%9 == 0 {
				continue
			}
			k++
			at := time.Date(d.Year(), d.Month(), d.Day(), 9, pi*5, 0, 0, time.Local)
			t := peerplaypay.LogTable{Done: fmt.Sprintf("Peer %d, day %d: shipped a slice", pi+1, k), Mood: 1 + (k+pi)%5, Energy: 1 + (k/3)%5}
			if (k+pi)%10 == 0 {
				t.HelpNeeded = "a reviewer for the slice"
			}
			add(peerplaypay.EventLogPublished, at, peerplaypay.LogPublished{UID: peerplaypay.NewUID(), Day: d.Format(time.DateOnly), Kind: peerplaypay.LogText, Table: t, CreatedAt: at.UTC()})
			if k%3 == pi%3 {
				to := everyone[(pi+k)%len(everyone)]
				if to != peer {
					add(peerplaypay.EventThanksGiven, at.Add(2*time.Hour), peerplaypay.ThanksGivenData{UID: peerplaypay.NewUID(), From: peer, To: to,
						Reason: fmt.Sprintf("for the help with slice %d", k)})
				}
			}
		}
		for i, r := range requests {
			if i%len(peers) == pi {
				add(peerplaypay.EventHelpOffered, r.at.Add(time.Duration(1+i%30)*time.Hour), peerplaypay.LogHelpOffered{UID: peerplaypay.NewUID(), LogAuthor: me, LogUID: r.uid, Text: "I can pair on it"})
			}
		}
		if _, err := store.ApplyBatch(ctx, peer, peerplaypay.SharePosition{Seq: 1, Hash: "bench"}, events); err != nil {
			return err
		}
	}
	return nil
}

//go:build unix

// Command startupbench times PeerPlayPay's start-up against a minimal Wails
// app built with the same toolchain, in one run, under a private Xvfb, on
// data folders of growing size. It reports:
//
//   - first screen: from exec to the app's "ui ready" log line, which the
//     frontend triggers once its first screen has rendered (both apps log
//     it the same way), read from the app's stderr as it is written;
//
//   - the CLI: `profile show` and `logs list` on the same folders.
//
//     startupbench -ours build/bin/peerplaypay -minimal /tmp/minimalapp -runs 10 -sizes 1000,100000,1000000
package main

import (
	"bufio"
	"context"
	"database/sql"
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
	ours := flag.String("ours", "build/bin/peerplaypay", "PeerPlayPay binary")
	minimal := flag.String("minimal", "", "minimal Wails app binary (bench/minimalapp)")
	runs := flag.Int("runs", 10, "runs per measurement")
	sizes := flag.String("sizes", "1000,100000,1000000", "numbers of logs in the data folders")
	cache := flag.String("cache", filepath.Join(os.TempDir(), "peerplaypay-startupbench"), "where the synthesized data folders are kept between runs")
	flag.Parse()

	display, stopX, err := xvfb.Start()
	if err != nil {
		fail(err)
	}
	defer stopX()

	fmt.Printf("runs: %d, load: %s\n", *runs, loadavg())
	fmt.Printf("%-10s %-22s %8s %8s %8s\n", "logs", "what", "min", "median", "max")
	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			fail(err)
		}
		dir := filepath.Join(*cache, strconv.Itoa(n))
		if err := synthesize(dir, n); err != nil {
			fail(err)
		}
		label := strconv.Itoa(n)
		// One unmeasured start of each warms the caches (and builds
		// GStreamer's registry on a new machine); then they alternate run
		// by run, so that a change in the machine's load hits both alike.
		var oursMs, minimalMs []float64
		var oursSteps, minimalSteps steps
		for i := 0; i <= *runs; i++ {
			warm := &steps{}
			if *minimal != "" {
				st := &minimalSteps
				if i == 0 {
					st = warm
				}
				ms, err := firstScreen(*minimal, display, "", st)
				if err != nil {
					fail(fmt.Errorf("minimal app: %w", err))
				}
				if i > 0 {
					minimalMs = append(minimalMs, ms)
				}
			}
			st := &oursSteps
			if i == 0 {
				st = warm
			}
			ms, err := firstScreen(*ours, display, dir, st)
			if err != nil {
				fail(err)
			}
			if i > 0 {
				oursMs = append(oursMs, ms)
			}
		}
		if len(minimalMs) > 0 {
			row(label, "minimal app, first screen", minimalMs)
		}
		row(label, "first screen", oursMs)
		if len(minimalMs) > 0 {
			fmt.Printf("%-10s %-22s %8.2f\n", label, "  ratio to minimal", median(oursMs)/median(minimalMs))
		}
		printSteps(label, &oursSteps, &minimalSteps)
		for _, args := range [][]string{{"profile", "show"}, {"logs", "list"}} {
			ms, err := repeat(*runs, func() (float64, error) { return command(*ours, dir, args...) })
			if err != nil {
				fail(err)
			}
			row(label, strings.Join(args, " "), ms)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "startupbench:", err)
	os.Exit(1)
}

func row(n, what string, ms []float64) {
	s := slices.Sorted(slices.Values(ms))
	fmt.Printf("%-10s %-22s %8.0f %8.0f %8.0f ms\n", n, what, s[0], median(ms), s[len(s)-1])
}

func median(ms []float64) float64 {
	s := slices.Sorted(slices.Values(ms))
	return s[len(s)/2]
}

func repeat(n int, f func() (float64, error)) ([]float64, error) {
	var out []float64
	for range n {
		ms, err := f()
		if err != nil {
			return nil, err
		}
		out = append(out, ms)
	}
	return out, nil
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	return strings.Join(strings.Fields(string(b))[:min(3, len(strings.Fields(string(b))))], " ")
}

var (
	readyLine = regexp.MustCompile(`ui ready.*startupMs=(\d+)`)
	stepsPart = regexp.MustCompile(`steps="([^"]*)"`)
	stepPart  = regexp.MustCompile(`([a-z][a-z ]*)=(\d+)`)
)

// steps holds each start-up step's times (ms from exec's process start),
// run after run, in the order first seen.
type steps struct {
	order []string
	ms    map[string][]float64
}

func (s *steps) add(line string) {
	m := stepsPart.FindStringSubmatch(line)
	if m == nil {
		return
	}
	if s.ms == nil {
		s.ms = map[string][]float64{}
	}
	for _, p := range stepPart.FindAllStringSubmatch(m[1], -1) {
		name := strings.TrimSpace(p[1])
		v, _ := strconv.ParseFloat(p[2], 64)
		if _, ok := s.ms[name]; !ok {
			s.order = append(s.order, name)
		}
		s.ms[name] = append(s.ms[name], v)
	}
}

// printSteps shows the median of each step of both apps side by side.
func printSteps(label string, ours, minimal *steps) {
	fmt.Printf("%-10s %-22s %8s %8s   (median ms since the process started)\n", label, "  step", "ours", "minimal")
	for _, name := range ours.order {
		o := median(ours.ms[name])
		if m, ok := minimal.ms[name]; ok {
			fmt.Printf("%-10s %-22s %8.0f %8.0f\n", label, "  "+name, o, median(m))
		} else {
			fmt.Printf("%-10s %-22s %8.0f %8s\n", label, "  "+name, o, "")
		}
	}
}

// firstScreen runs bin until it logs "ui ready" and returns the time from
// exec to that line.
func firstScreen(bin, display, dataDir string, st *steps) (float64, error) {
	args := []string{}
	if dataDir != "" {
		args = append(args, "--data-dir", dataDir)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return 0, err
	}
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()
	found := make(chan time.Duration, 1)
	var log strings.Builder
	go func() {
		sc := bufio.NewScanner(io.TeeReader(stderr, &log))
		for sc.Scan() {
			if readyLine.MatchString(sc.Text()) {
				d := time.Since(t0)
				st.add(sc.Text())
				found <- d
				io.Copy(io.Discard, stderr)
				return
			}
		}
	}()
	select {
	case d := <-found:
		return float64(d.Microseconds()) / 1000, nil
	case <-time.After(60 * time.Second):
		return 0, fmt.Errorf("%s did not report ui ready within 60 s; log:\n%s", bin, log.String())
	}
}

func command(bin, dataDir string, args ...string) (float64, error) {
	cmd := exec.Command(bin, append(args, "--data-dir", dataDir)...)
	t0 := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%s %v: %v\n%s", bin, args, err, out)
	}
	return float64(time.Since(t0).Microseconds()) / 1000, nil
}

// synthesize makes a data folder with a profile and n text logs, unless the
// cache has it already. The logs spread over the days before today, with
// varied words so the full-text index is realistic.
func synthesize(dir string, n int) error {
	done := filepath.Join(dir, ".synthesized")
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
	if _, err := sqlite.NewProfileService(db).SaveProfile(ctx, peerplaypay.ProfileInput{Name: "Bench Member", Role: "Engineer"}); err != nil {
		return err
	}
	db.Close()

	raw, err := sql.Open("sqlite", filepath.Join(dir, sqlite.FileName))
	if err != nil {
		return err
	}
	defer raw.Close()
	_, err = raw.ExecContext(ctx, `
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		INSERT INTO logs (uid, day, kind, status, done, how, why, next, help_needed, mood, energy, created_at, updated_at)
		SELECT lower(hex(randomblob(16))),
			date('now', '-' || (i / 3) || ' days'),
			'text', 'ready',
			'worked on item ' || i || ' of the ' || (CASE i % 5 WHEN 0 THEN 'importer' WHEN 1 THEN 'billing' WHEN 2 THEN 'search' WHEN 3 THEN 'reports' ELSE 'onboarding' END) || ' project',
			'paired with ' || (CASE i % 3 WHEN 0 THEN 'Ada' WHEN 1 THEN 'Grace' ELSE 'Linus' END),
			'customers asked for it ' || (i % 97) || ' times',
			'next step ' || (i % 13),
			CASE WHEN i % 7 = 0 THEN 'a review of the migration' ELSE '' END,
			1 + i % 5, 1 + (i / 5) % 5,
			strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || i || ' minutes'),
			strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || i || ' minutes')
		FROM n`, n)
	if err != nil {
		return fmt.Errorf("synthesize %d logs: %w", n, err)
	}
	if _, err := raw.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return err
	}
	fi, _ := os.Stat(filepath.Join(dir, sqlite.FileName))
	fmt.Fprintf(os.Stderr, "synthesized %d logs (%d MB) in %s\n", n, fi.Size()>>20, time.Since(t0).Round(time.Second))
	return os.WriteFile(done, nil, 0o600)
}

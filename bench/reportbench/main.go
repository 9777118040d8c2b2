// Command reportbench times the contribution report's PDF end to end: the
// CLI process `peerplaypay report --from D --to D --pdf FILE`, from exec to
// exit, on a data folder with two years of a busy member's data: Thanks
// from three teammates on most days, accepted offers of help on goals and
// stand-ups, achieved goals with check-ins, a weekly session with
// experiments and success stories every week, and a learning log entry a
// day. The folder is synthesized once and kept in
// $TMPDIR/peerplaypay-reportbench.
//
//	reportbench -bin build/bin/peerplaypay -runs 10
//
// It times the last full quarter (the default period) and a whole year,
// the longest a report covers.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"peerplaypay/internal/keychain"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/report"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

func main() {
	bin := flag.String("bin", "build/bin/peerplaypay", "PeerPlayPay binary")
	runs := flag.Int("runs", 10, "runs per period")
	cache := flag.String("cache", filepath.Join(os.TempDir(), "peerplaypay-reportbench"), "where the synthesized data folder is kept")
	flag.Parse()
	if err := synthesize(*cache); err != nil {
		fail(err)
	}
	now := time.Now().UTC()
	quarter := report.LastFullQuarter(now)
	year := report.Period{From: now.AddDate(-1, 0, 1).Format(time.DateOnly), To: now.Format(time.DateOnly)}
	out := filepath.Join(os.TempDir(), "peerplaypay-reportbench.pdf")
	for _, c := range []struct {
		name string
		p    report.Period
	}{{"last full quarter", quarter}, {"a whole year", year}} {
		var times []time.Duration
		for i := 0; i <= *runs; i++ {
			start := time.Now()
			cmd := exec.Command(*bin, "report", "--data-dir", *cache, "--from", c.p.From, "--to", c.p.To, "--pdf", out)
			cmd.Env = append(os.Environ(), keychain.EnvVar+"=off")
			if b, err := cmd.CombinedOutput(); err != nil {
				fail(fmt.Errorf("%v: %s", err, b))
			}
			if i > 0 { // the first run warms the file cache
				times = append(times, time.Since(start))
			}
		}
		slices.Sort(times)
		st, _ := os.Stat(out)
		fmt.Printf("report PDF, %s (%s to %s): median %s, slowest %s over %d runs; %d KiB\n", c.name, c.p.From, c.p.To,
			times[len(times)/2].Round(time.Millisecond), times[len(times)-1].Round(time.Millisecond), len(times), st.Size()/1024)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "reportbench:", err)
	os.Exit(1)
}

// synthesize fills dir once with two years of the member's data, written
// as the app stores it (peers' rows as the share's appliers leave them).
func synthesize(dir string) error {
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
	path := filepath.Join(dir, sqlite.FileName)
	sdb, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	if _, err := sqlite.NewProfileService(sdb).SaveProfile(ctx, peerplaypay.ProfileInput{Name: "Åsa Ødegård", Role: "Engineer"}); err != nil {
		return err
	}
	// The member as the CLI will know them: by the laptop's identity.
	os.Setenv(keychain.EnvVar, "off")
	team := teamsync.New(dir, sqlite.NewShareStore(sdb), sqlite.NewProfileService(sdb), sqlite.NewSettingsService(sdb), keychain.New(dir),
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	me, _, _ := team.People(ctx)
	sdb.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	peers := []string{"b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0", "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1", "d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2"}
	exec := func(q string, args ...any) {
		if err == nil {
			_, err = tx.Exec(q, args...)
		}
	}
	uid := peerplaypay.NewUID
	start := time.Now().UTC().AddDate(-2, 0, 0)
	ts := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
	var peerGoals []string
	for i, peer := range peers {
		for g := range 20 {
			u := uid()
			peerGoals = append(peerGoals, u)
			exec(`INSERT INTO goals (author, uid, title, kind, level, visibility, status, created_at, updated_at) VALUES (?, ?, ?, 'result', 'team', 'team', 'on_track', ?, ?)`,
				peer, u, fmt.Sprintf("Peer %d's goal %d: ship the importer for region %d", i, g, g), ts(start), ts(start))
		}
	}
	for d := range 730 {
		day := start.AddDate(0, 0, d)
		dayS := day.Format(time.DateOnly)
		for i, peer := range peers {
			logUID := uid()
			exec(`INSERT INTO peer_logs (author, uid, day, kind, done, how, why, next, help_needed, mood, energy, duration_ms, size_bytes, sha256, manifest, media_path, created_at, updated_at)
				VALUES (?, ?, ?, 'text', ?, '', '', '', ?, 3, 3, 0, 0, '', '', '', ?, ?)`,
				peer, logUID, dayS, fmt.Sprintf("Day %d: profiled the slow path of the importer", d), "a second pair of eyes on the migration", ts(day), ts(day))
			if (d+i)%2 == 0 { // a Thanks from each teammate every other day
				exec(`INSERT INTO thanks (author, uid, to_member, reason, link_kind, link_author, link_uid, at, day) VALUES (?, ?, '', ?, 'log', ?, ?, ?, ?)`,
					peer, uid(), fmt.Sprintf("for reviewing the migration on day %d and catching the off-by-one", d), peer, logUID, ts(day.Add(time.Hour)), dayS)
			}
			if (d+i)%7 == 0 { // an offer of help on a stand-up, accepted
				exec(`INSERT INTO goal_help_offers (author, uid, goal_author, goal_uid, log_author, log_uid, text, at, accepted_at) VALUES ('', ?, '', '', ?, ?, ?, ?, ?)`,
					uid(), peer, logUID, "I can pair on it this afternoon", ts(day), ts(day.Add(2*time.Hour)))
			}
		}
		if d%5 == 0 { // an offer on a teammate's goal, accepted
			exec(`INSERT INTO goal_help_offers (author, uid, goal_author, goal_uid, text, at, accepted_at) VALUES ('', ?, ?, ?, ?, ?, ?)`,
				uid(), peers[d%3], peerGoals[d%len(peerGoals)], "I know that code: I can review the pricing part", ts(day), ts(day.Add(3*time.Hour)))
		}
		if d%6 == 0 { // a goal achieved, with check-ins
			g := uid()
			exec(`INSERT INTO goals (author, uid, title, kind, level, visibility, status, status_reason, created_at, updated_at) VALUES ('', ?, ?, 'result', 'personal', 'team', 'achieved', '', ?, ?)`,
				g, fmt.Sprintf("Cut the p95 latency of service %d below 200 ms", d), ts(day.AddDate(0, 0, -30)), ts(day))
			for c := range 40 {
				exec(`INSERT INTO goal_checkins (author, uid, goal_author, goal_uid, at, value, note) VALUES ('', ?, '', ?, ?, ?, ?)`,
					uid(), g, ts(day.AddDate(0, 0, -30).Add(time.Duration(c)*17*time.Hour)), float64(c), "cached the hot query and measured again")
			}
		}
		exec(`INSERT INTO growth_learning (day, kind, what, minutes, takeaways, item_ids, created_at) VALUES (?, 'read', ?, 30, ?, '[]', ?)`,
			dayS, fmt.Sprintf("Chapter %d of Designing Data-Intensive Applications", d%12+1), "logs are the source of truth", ts(day))
		if day.Weekday() == time.Monday { // the weekly session
			exec(`INSERT OR IGNORE INTO team_sessions (day, parts, created_at) VALUES (?, ?, ?)`, dayS,
				`[{"name":"Three success moments to achieve as a team this week","minutes":30},{"name":"Three experiments for the month","minutes":30},{"name":"How we can accelerate everything by 20 %","minutes":20},{"name":"Rethinking strategies, improvements and corrections","minutes":20},{"name":"Success stories","minutes":20}]`, ts(day))
			for part := range 5 {
				for k, who := range append([]string{me}, peers...) {
					exec(`INSERT INTO session_items (author, uid, session, part, text, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
						who, uid(), dayS, part, fmt.Sprintf("Week of %s, part %d: an item from member %d", dayS, part+1, k), ts(day))
				}
			}
			e := uid()
			exec(`INSERT INTO experiments (author, uid, session, hypothesis, owner, measure, end_day, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				peers[d%3], e, dayS, "Pairing on reviews halves their time", me, "review hours in the tracker", day.AddDate(0, 0, 28).Format(time.DateOnly), ts(day))
			exec(`INSERT INTO session_outcomes (author, of, target_author, target_uid, session, result, note, at) VALUES (?, 'experiment', ?, ?, ?, 'learned', ?, ?)`,
				me, peers[d%3], e, day.AddDate(0, 0, 28).Format(time.DateOnly), "faster reviews, but pairing all day is tiring", ts(day.AddDate(0, 0, 28)))
		}
		if err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "synthesized two years of data in %s\n", time.Since(t0).Round(time.Millisecond))
	return os.WriteFile(done, nil, 0o600)
}

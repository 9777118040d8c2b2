// Command scalebench measures the team sync of a large team: fifty
// members with two years of daily stand-ups (one batch a day each, about
// 36,500 batches) on versitygw, reached through a proxy that adds a delay
// to every request (as a distant bucket would) and counts them:
//
//   - a newcomer's first full sync (every batch verified, decrypted and
//     applied): time and requests;
//   - then syncs that find nothing new: time and requests;
//   - the same first sync from the share as a local folder: time.
//
// Each measured sync is one run of scalesync (one sync in-process),
// built from each version of the code compared (-sync, repeatable as
// name=binary), in turns, each on a fresh copy of the share and of the
// newcomer's data folder. With -limit a first sync is cut after that long
// and its time taken from the share of batches it applied by then.
//
// The share is synthesized once (members joined through the app's code,
// history written through the share package with each member's identity)
// and kept in $TMPDIR/peerplaypay-scalebench, under a name that changes
// with what is synthesized.
//
//	scalebench -sync after=/tmp/scalesync-after -sync before=/tmp/scalesync-before -limit before=60s
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"peerplaypay/bench/internal/history"
	"peerplaypay/internal/keychain"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
	"peerplaypay/internal/share/sharetest"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// cacheVersion changes with what synthesize writes (and with the share's
// format), so that an older cache is made again.
const cacheVersion = "share1-bench1"

const bucket = "team"

type variant struct{ name, bin string }

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	members := flag.Int("members", 50, "members writing history")
	days := flag.Int("days", 730, "days of history, one batch a day per member")
	cache := flag.String("cache", filepath.Join(os.TempDir(), "peerplaypay-scalebench"), "where the synthesized share is kept")
	delay := flag.Duration("delay", 30*time.Millisecond, "added to every request to the share")
	runs := flag.Int("runs", 5, "syncs with nothing new per version")
	folder := flag.Bool("folder", true, "also the first sync from the share as a local folder")
	var syncs, limits listFlag
	flag.Var(&syncs, "sync", "name=scalesync binary of a version to measure (repeatable)")
	flag.Var(&limits, "limit", "name=duration: cut that version's first syncs after this long (repeatable)")
	flag.Parse()
	os.Setenv(keychain.EnvVar, "off")
	ctx := context.Background()

	dir := filepath.Join(*cache, fmt.Sprintf("%s-m%d-d%d", cacheVersion, *members, *days))
	built, err := synthesize(ctx, dir, *members, *days)
	if err != nil {
		fail(err)
	}
	var vs []variant
	for _, s := range syncs {
		name, bin, ok := strings.Cut(s, "=")
		if !ok {
			fail(fmt.Errorf("-sync %q: give name=binary", s))
		}
		vs = append(vs, variant{name, bin})
	}
	limit := map[string]time.Duration{}
	for _, l := range limits {
		name, d, _ := strings.Cut(l, "=")
		if limit[name], err = time.ParseDuration(d); err != nil {
			fail(fmt.Errorf("-limit %q: %w", l, err))
		}
	}
	batches := *members * *days
	fmt.Printf("load: %s\n", loadavg())
	fmt.Printf("share: %d members × %d days = %d batches of history (%d events), a newcomer's first sync; %s\n",
		*members, *days, batches, (*members-1)*history.Events(*days)+3**days+(*days+6)/7, built)
	fmt.Printf("S3: versitygw on loopback behind a proxy adding %s to every request\n", *delay)
	fmt.Printf("CPU s: the syncing process's CPU (user and system); on a loaded machine its seconds run well beyond it\n\n")
	fmt.Printf("%-8s %-26s %10s %8s %9s %9s  %s\n", "version", "sync", "seconds", "CPU s", "requests", "received", "note")
	// A version whose first sync is not cut finishes the others' reading.
	finisher := ""
	for _, v := range vs {
		if limit[v.name] == 0 {
			finisher = v.bin
		}
	}
	for _, v := range vs {
		if limit[v.name] > 0 && finisher == "" {
			fail(fmt.Errorf("every version's first sync is cut: leave one without -limit to finish them"))
		}
		if err := measure(ctx, dir, v, finisher, *delay, *runs, limit[v.name], *folder); err != nil {
			fail(fmt.Errorf("%s: %w", v.name, err))
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "scalebench:", err)
	os.Exit(1)
}

// synthesize makes the team in dir once: versitygw's storage under s3/,
// the members' data folders under data/ (data/newcomer joined and was
// approved but never synced). It says how long that took.
func synthesize(ctx context.Context, dir string, members, days int) (string, error) {
	done := filepath.Join(dir, ".synthesized")
	if b, err := os.ReadFile(done); err == nil {
		return "share cached, built in " + strings.TrimSpace(string(b)), nil
	}
	os.RemoveAll(dir)
	if err := os.MkdirAll(filepath.Join(dir, "s3"), 0o700); err != nil {
		return "", err
	}
	start := time.Now()
	srv, err := sharetest.StartIn(ctx, filepath.Join(dir, "s3"))
	if err != nil {
		return "", err
	}
	defer srv.Stop()
	if err := srv.CreateBucket(ctx, bucket); err != nil {
		return "", err
	}
	loc := srv.Location(bucket, "")
	creds := srv.Credentials()
	open := func(name, sub string) (*teamsync.Service, func(), error) {
		d := filepath.Join(dir, "data", sub)
		db, err := sqlite.Open(ctx, filepath.Join(d, sqlite.FileName))
		if err != nil {
			return nil, nil, err
		}
		if _, err := sqlite.NewProfileService(db).SaveProfile(ctx, peerplaypay.ProfileInput{Name: name}); err != nil {
			db.Close()
			return nil, nil, err
		}
		set := sqlite.NewSettingsService(db)
		svc := teamsync.New(d, sqlite.NewShareStore(db), sqlite.NewProfileService(db), set, keychain.New(d), slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err := svc.SetCredentials(ctx, creds.AccessKeyID, creds.SecretAccessKey); err != nil {
			db.Close()
			return nil, nil, err
		}
		return svc, func() { db.Close() }, nil
	}
	admin, closeAdmin, err := open("Member 00", "m00")
	if err != nil {
		return "", err
	}
	defer closeAdmin()
	if _, err := admin.Create(ctx, loc, "Scale"); err != nil {
		return "", err
	}
	inv, err := admin.Invite(ctx)
	if err != nil {
		return "", err
	}
	dirs := []string{filepath.Join(dir, "data", "m00")}
	for i := 1; i <= members; i++ {
		name, sub := fmt.Sprintf("Member %02d", i), fmt.Sprintf("m%02d", i)
		if i == members {
			name, sub = "Newcomer", "newcomer"
		} else {
			dirs = append(dirs, filepath.Join(dir, "data", sub))
		}
		svc, closeSvc, err := open(name, sub)
		if err != nil {
			return "", err
		}
		st, err := svc.Join(ctx, loc, inv.Invite)
		closeSvc()
		if err != nil {
			return "", err
		}
		reqs, err := admin.Requests(ctx)
		if err != nil || len(reqs) != 1 {
			return "", fmt.Errorf("join requests: %v %v", reqs, err)
		}
		if err := admin.Approve(ctx, reqs[0].ID, st.SafetyCode); err != nil {
			return "", err
		}
	}
	joined := time.Since(start)
	be, err := backend.Open(ctx, loc, backend.Options{Credentials: creds})
	if err != nil {
		return "", err
	}
	defer be.Close()
	if err := history.Write(ctx, be, dirs, days); err != nil {
		return "", err
	}
	took := fmt.Sprintf("%.0f s (%.0f s of joins, %.0f s of history)", time.Since(start).Seconds(), joined.Seconds(), (time.Since(start) - joined).Seconds())
	if err := os.WriteFile(done, []byte(took+"\n"), 0o600); err != nil {
		return "", err
	}
	return "share built in " + took, nil
}

// measure runs one version's syncs on fresh copies of the share.
func measure(ctx context.Context, dir string, v variant, finisher string, delay time.Duration, runs int, limit time.Duration, folder bool) error {
	tmp, err := os.MkdirTemp("", "scalebench-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// A share is copied as hard links: versitygw and the folder backend
	// write new files (a temporary one renamed or linked into place) and
	// never change one in place, so the cache stays as it was. A data
	// folder (its database changes in place) is copied whole.
	copyDir := func(from, to string) error {
		flag := "-a"
		if !strings.Contains(to, "newcomer") {
			flag = "-al"
		}
		out, err := exec.Command("cp", flag, from, to).CombinedOutput()
		if err != nil {
			return fmt.Errorf("cp %s: %v %s", from, err, out)
		}
		return nil
	}
	if err := copyDir(filepath.Join(dir, "s3"), filepath.Join(tmp, "s3")); err != nil {
		return err
	}
	srv, err := sharetest.StartIn(ctx, filepath.Join(tmp, "s3"))
	if err != nil {
		return err
	}
	defer srv.Stop()
	px := newDelayProxy(srv.Endpoint, delay)
	defer px.srv.Close()
	data := filepath.Join(tmp, "newcomer")
	if err := copyDir(filepath.Join(dir, "data", "newcomer"), data); err != nil {
		return err
	}
	if err := setLocation(data, fmt.Sprintf("s3://%s/?endpoint=%s&region=us-east-1", bucket, px.srv.URL)); err != nil {
		return err
	}
	show := func(what string, r result, requests int64, note string) {
		fmt.Printf("%-8s %-26s %10.2f %8.2f %9d %9d  %s\n", v.name, what, float64(r.Millis)/1000, float64(r.CPUMs)/1000, requests, r.Received, note)
	}
	first, requests, err := px.sync(v.bin, data, limit)
	if err != nil {
		return err
	}
	note := fmt.Sprintf("%d progress reports while receiving", first.Progress)
	if first.Cut {
		// Cut by -limit: the rest is read by the syncs below, so the
		// nothing-new syncs start from the same place.
		note = fmt.Sprintf("cut after %s; whole sync ≈ %.0f s at this rate", limit, float64(first.Millis)/1000*float64(total(dir))/float64(max(first.Received, 1)))
	}
	if len(first.Problems) > 0 {
		note += "; problems: " + strings.Join(first.Problems, "; ")
	}
	show("first sync, S3", first, requests, note)
	if first.Cut {
		// The rest is read by the fastest version, so that this one's
		// syncs with nothing new start from a share read whole.
		r, _, err := px.sync(finisher, data, 0)
		if err != nil {
			return err
		}
		if r.Received == 0 {
			return fmt.Errorf("the sync after a cut one received nothing: %+v", r)
		}
	}
	var ms, cpu []float64
	var reqs []int64
	for range runs {
		r, n, err := px.sync(v.bin, data, 0)
		if err != nil {
			return err
		}
		if r.Received != 0 || r.Error != "" {
			return fmt.Errorf("a sync with nothing new: %+v", r)
		}
		ms, reqs, cpu = append(ms, float64(r.Millis)), append(reqs, n), append(cpu, float64(r.CPUMs))
	}
	slices.Sort(ms)
	slices.Sort(cpu)
	slices.Sort(reqs)
	if runs > 0 {
		fmt.Printf("%-8s %-26s %10.2f %8.2f %9d %9d  median of %d (min %.2f s, max %.2f s; requests %d..%d)\n", v.name, "nothing new, S3",
			ms[len(ms)/2]/1000, cpu[len(cpu)/2]/1000, reqs[len(reqs)/2], 0, runs, ms[0]/1000, ms[len(ms)-1]/1000, reqs[0], reqs[len(reqs)-1])
	}
	if !folder {
		return nil
	}
	share := filepath.Join(tmp, "folder")
	if err := copyDir(filepath.Join(dir, "s3", bucket), share); err != nil {
		return err
	}
	fdata := filepath.Join(tmp, "newcomer-folder")
	if err := copyDir(filepath.Join(dir, "data", "newcomer"), fdata); err != nil {
		return err
	}
	if err := setLocation(fdata, share); err != nil {
		return err
	}
	r, _, err := px.sync(v.bin, fdata, limit)
	if err != nil {
		return err
	}
	note = ""
	if r.Cut {
		note = fmt.Sprintf("cut after %s; whole sync ≈ %.0f s at this rate", limit, float64(r.Millis)/1000*float64(total(dir))/float64(max(r.Received, 1)))
	}
	show("first sync, local folder", r, 0, note)
	return nil
}

// total is how many events the newcomer's first sync applies, from the
// synthesized share's name.
func total(dir string) int {
	var m, d int
	fmt.Sscanf(filepath.Base(dir)[len(cacheVersion):], "-m%d-d%d", &m, &d)
	return (m-1)*history.Events(d) + 3*d + (d+6)/7
}

// setLocation points a data folder's team at another copy of the share.
func setLocation(dataDir, loc string) error {
	db, err := sql.Open("sqlite", filepath.Join(dataDir, sqlite.FileName))
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := db.Exec(`UPDATE share_team SET location = ?`, loc)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("%s holds %d teams", dataDir, n)
	}
	return nil
}

type result struct {
	Millis   int64    `json:"millis"`
	CPUMs    int64    `json:"cpuMs"`
	Received int      `json:"received"`
	Requests int64    `json:"requests"`
	Cut      bool     `json:"cut"`
	Progress int      `json:"progress"`
	Problems []string `json:"problems"`
	Error    string   `json:"error"`
}

// delayProxy forwards to the server after a delay and counts requests.
type delayProxy struct {
	srv      *httptest.Server
	requests atomic.Int64
}

func newDelayProxy(endpoint string, delay time.Duration) *delayProxy {
	up, _ := url.Parse(endpoint)
	p := &delayProxy{}
	rp := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(up)
		r.Out.Host = r.In.Host // the client signed it
	}, Transport: &http.Transport{MaxIdleConnsPerHost: 64}, ErrorLog: log.New(io.Discard, "", 0)}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.requests.Add(1)
		time.Sleep(delay)
		rp.ServeHTTP(w, r)
	}))
	return p
}

// sync runs one sync of dataDir with bin; it returns what the sync said
// and the requests the proxy saw.
func (p *delayProxy) sync(bin, dataDir string, limit time.Duration) (result, int64, error) {
	before := p.requests.Load()
	args := []string{"-data", dataDir}
	if limit > 0 {
		args = append(args, "-limit", limit.String())
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = slices.DeleteFunc(os.Environ(), func(v string) bool { return strings.HasPrefix(v, "AWS_") })
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	var r result
	if err == nil {
		err = json.Unmarshal(out, &r)
	}
	if err == nil && r.Error != "" && !r.Cut {
		err = fmt.Errorf("sync: %s", r.Error)
	}
	return r, p.requests.Load() - before, err
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

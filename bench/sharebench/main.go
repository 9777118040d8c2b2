// Command sharebench measures the team share against versitygw on
// loopback, driving the production binary as a person would:
//
//   - push: a sync publishing N recordings of SIZE bytes (incompressible
//     data, as video is), beside `rclone copy` of the same plain files to
//     the same server, in turns (ours, rclone, rclone, ours, ...), each run
//     on a fresh bucket: throughput, client CPU-seconds per GB, the
//     server's CPU, and our throughput over rclone's pair by pair;
//
//   - history: a team of three whose members each wrote one batch a day
//     (a text log, and a comment, a reaction, a Thanks and weekly an offer
//     of help on a peer's log) for DAYS days; one member's first sync
//     (every peer batch verified, decrypted and applied) and then syncs
//     with nothing new, and syncs with nothing new that are each the first
//     of a day (which also list the members' folders whole): time and
//     requests; with -hold, the last team stays until Ctrl+C, for a
//     whole-process timer;
//
//   - resume: a push killed with SIGKILL once half its bytes (and once
//     52.5 %) have reached the server, then the sync that finishes it,
//     through a proxy that counts the bytes of every PUT, on loopback and
//     slowed down: what was sent twice.
//
//     sharebench -bin /tmp/peerplaypay -mode push,history,resume -runs 5
//
// It starts its own versitygw and ends only that process (and the syncs
// it started); its temporary folder goes at the end, also on Ctrl+C.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"peerplaypay/bench/internal/history"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
	"peerplaypay/internal/share/sharetest"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

const chunkSize = 4 << 20

func main() {
	bin := flag.String("bin", "build/bin/peerplaypay", "PeerPlayPay binary")
	rcloneBin := flag.String("rclone", "rclone", "rclone binary")
	modes := flag.String("mode", "push,history,resume", "what to measure")
	runs := flag.Int("runs", 5, "pairs of push runs; syncs with nothing new; resume runs")
	files := flag.Int("files", 20, "recordings per push")
	size := flag.Int("size", 5_000_000, "bytes per recording")
	days := flag.String("days", "30,365", "days of history per member, one team each")
	rates := flag.String("rates", "0,8000000", "bytes per second of each PUT in the resume measurements (0: as fast as loopback goes)")
	at := flag.String("at", "0.5,0.525", "fractions of a push's bytes at which it is killed (with 20 files, 0.5 falls between two, 0.525 inside one)")
	hold := flag.Bool("hold", false, "history: once measured, keep the last team's share and data folders until interrupted, for a whole-process timer")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	tmp, err := os.MkdirTemp("", "sharebench-*")
	if err != nil {
		fail(err)
	}
	cleanups = append(cleanups, func() { os.RemoveAll(tmp) })
	srv, err := startServer(ctx, filepath.Join(tmp, "s3"))
	if err != nil {
		fail(err)
	}
	cleanups = append(cleanups, srv.stop)
	b := &bench{ctx: ctx, bin: *bin, rclone: *rcloneBin, srv: srv, tmp: tmp, hold: *hold}
	fmt.Printf("load: %s; %d CPUs\n", loadavg(), runtime.NumCPU())
	for _, mode := range strings.Split(*modes, ",") {
		switch mode {
		case "push":
			err = b.push(*runs, *files, *size)
		case "history":
			for _, d := range strings.Split(*days, ",") {
				n, _ := strconv.Atoi(d)
				if err = b.history(n, *runs); err != nil {
					break
				}
			}
		case "resume":
			for _, rs := range strings.Split(*rates, ",") {
				r, _ := strconv.ParseInt(rs, 10, 64)
				for _, f := range strings.Split(*at, ",") {
					frac, _ := strconv.ParseFloat(f, 64)
					if err = b.resume(*runs, *files, *size, r, frac); err != nil {
						break
					}
				}
			}
		default:
			err = fmt.Errorf("unknown mode %q", mode)
		}
		if err != nil {
			fail(fmt.Errorf("%s: %w", mode, err))
		}
	}
	cleanup()
}

var cleanups []func()

func cleanup() {
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	cleanups = nil
}

func fail(err error) {
	cleanup()
	fmt.Fprintln(os.Stderr, "sharebench:", err)
	os.Exit(1)
}

type bench struct {
	ctx    context.Context
	bin    string
	rclone string
	srv    *server
	tmp    string
	n      int // for unique names
	hold   bool
}

func (b *bench) dir(prefix string) string {
	b.n++
	d := filepath.Join(b.tmp, fmt.Sprintf("%s-%d", prefix, b.n))
	if err := os.MkdirAll(d, 0o700); err != nil {
		fail(err)
	}
	return d
}

// result is one finished process: wall and CPU seconds, its output.
type result struct {
	wall, cpu float64
	stdout    []byte
	stderr    string
}

// run runs a command to its end, timing it.
func (b *bench) run(env []string, name string, args ...string) (result, error) {
	cmd := exec.CommandContext(b.ctx, name, args...)
	cmd.Env = append(cleanEnv(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	r := result{wall: time.Since(start).Seconds(), stdout: out.Bytes(), stderr: errOut.String()}
	if cmd.ProcessState != nil {
		r.cpu = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	}
	if err != nil {
		return r, fmt.Errorf("%s %s: %w\n%s%s", filepath.Base(name), strings.Join(args, " "), err, out.String(), errOut.String())
	}
	return r, nil
}

// app runs the binary on dataDir.
func (b *bench) app(dataDir string, args ...string) (result, error) {
	return b.run(nil, b.bin, append([]string{"--data-dir", dataDir}, args...)...)
}

// cleanEnv is the environment without AWS settings (AWS_CA_BUNDLE
// included) nor rclone's: both tools get their keys on the command line.
func cleanEnv() []string {
	return slices.DeleteFunc(os.Environ(), func(v string) bool {
		return strings.HasPrefix(v, "AWS_") || strings.HasPrefix(v, "RCLONE_")
	})
}

type syncSummary struct {
	Published  int
	SentEvents int
	Received   int
	Downloaded int
	BytesUp    int64
	BytesDown  int64
	Requests   int64
	Problems   []string
	Millis     int64
}

func (b *bench) sync(dataDir string) (result, syncSummary, error) {
	r, err := b.app(dataDir, "sync", "--json")
	var s syncSummary
	if err == nil {
		err = json.Unmarshal(r.stdout, &s)
	}
	return r, s, err
}

// member makes a data folder with a profile, in the team on loc: created
// when invite is "", else joined with that invitation.
func (b *bench) member(name, loc, invite string) (string, error) {
	d := b.dir("member")
	if _, err := b.app(d, "profile", "set", "--name", name); err != nil {
		return "", err
	}
	args := []string{"team", "create", loc}
	if invite != "" {
		args = []string{"team", "join", loc, "--invite", invite}
	}
	secret := filepath.Join(b.dir("secret"), "s3")
	if err := os.WriteFile(secret, []byte(b.srv.secret), 0o600); err != nil {
		return "", err
	}
	_, err := b.app(d, append(args, "--access-key", b.srv.access, "--secret-key-file", secret)...)
	return d, err
}

// invitation is the code a member of the team passes on to a newcomer.
func (b *bench) invitation(member string) (string, error) {
	r, err := b.app(member, "team", "invite", "--json")
	if err != nil {
		return "", err
	}
	var inv struct{ Invite string }
	if err := json.Unmarshal(r.stdout, &inv); err != nil || inv.Invite == "" {
		return "", fmt.Errorf("team invite: %q: %v", r.stdout, err)
	}
	return inv.Invite, nil
}

// writeFiles makes n files of size incompressible bytes, different each.
func writeFiles(dir string, n, size int, seed uint64) ([]string, error) {
	var paths []string
	buf := make([]byte, size)
	for i := range n {
		rng := rand.NewChaCha8([32]byte{byte(i), byte(i >> 8), byte(seed), byte(seed >> 8)})
		rng.Read(buf)
		p := filepath.Join(dir, fmt.Sprintf("rec-%02d.webm", i))
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// addLogs gives dataDir one ready video log per file, its recording
// linked into the media folder, as `record` leaves one.
func addLogs(ctx context.Context, dataDir string, files []string) error {
	db, err := sqlite.Open(ctx, filepath.Join(dataDir, sqlite.FileName))
	if err != nil {
		return err
	}
	defer db.Close()
	logs := sqlite.NewLogService(db)
	if err := os.MkdirAll(filepath.Join(dataDir, "media"), 0o700); err != nil {
		return err
	}
	for i, f := range files {
		rel := "media/" + filepath.Base(f)
		if err := os.Link(f, filepath.Join(dataDir, rel)); err != nil {
			return err
		}
		sum, size, err := fileSHA256(f)
		if err != nil {
			return err
		}
		e := &peerplaypay.LogEntry{Kind: peerplaypay.LogVideo, MediaPath: rel,
			LogMedia: peerplaypay.LogMedia{DurationMs: 40_000, SizeBytes: size, SHA256: sum},
			LogTable: peerplaypay.LogTable{Done: fmt.Sprintf("recording %d", i)}}
		if err := logs.CreateLog(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// push: our sync of the files against rclone copy of the same files.
func (b *bench) push(runs, n, size int) error {
	src := b.dir("files")
	files, err := writeFiles(src, n, size, 1)
	if err != nil {
		return err
	}
	total := float64(n * size)
	fmt.Printf("\n== push: %d files of %.2f MB (%.0f MB) to versitygw on loopback, %d pairs, in turns\n", n, float64(size)/1e6, total/1e6, runs)
	fmt.Printf("rclone copy: defaults (4 transfers, single PUT below 200 MiB, a HEAD after each upload) and --expect-continue-timeout 0\n")
	fmt.Printf("%-5s %-7s %9s %10s %10s %10s %9s\n", "pair", "who", "wall s", "MB/s", "CPU-s/GB", "srv CPU/GB", "requests")
	var oursMB, rcloneMB, ratio, oursCPU, rcloneCPU, oursSrv, rcloneSrv []float64
	for i := range runs {
		var o, r struct{ mbs, cpu, srv float64 }
		order := []string{"ours", "rclone"}
		if i%2 == 1 {
			order = []string{"rclone", "ours"}
		}
		for _, who := range order {
			var res result
			var requests int64
			var srvCPU float64
			if who == "ours" {
				bucket := b.srv.newBucket(b.ctx)
				d, err := b.member("Bench", b.srv.location(bucket), "")
				if err != nil {
					return err
				}
				if err := addLogs(b.ctx, d, files); err != nil {
					return err
				}
				before := b.srv.cpu()
				var s syncSummary
				if res, s, err = b.sync(d); err != nil {
					return err
				}
				srvCPU = b.srv.cpu() - before
				if s.Published != n || s.BytesUp != int64(total) {
					return fmt.Errorf("the sync published %d logs, %d bytes: %+v", s.Published, s.BytesUp, s)
				}
				requests = s.Requests
				o.mbs, o.cpu, o.srv = total/1e6/res.wall, res.cpu/(total/1e9), srvCPU/(total/1e9)
			} else {
				bucket := b.srv.newBucket(b.ctx)
				before := b.srv.cpu()
				// The server does not answer "100 Continue" to the
				// Expect header; without the flag rclone 1.60 waits 1 s
				// before each PUT's body.
				res, err = b.run([]string{"RCLONE_CONFIG=" + filepath.Join(b.tmp, "no-rclone.conf")}, b.rclone, "copy", src, ":s3:"+bucket,
					"--s3-provider", "Other", "--s3-endpoint", b.srv.endpoint, "--s3-region", "us-east-1", "--s3-force-path-style",
					"--s3-access-key-id", b.srv.access, "--s3-secret-access-key", b.srv.secret,
					"--expect-continue-timeout", "0", "--stats", "0")
				if err != nil {
					return err
				}
				srvCPU = b.srv.cpu() - before
				if got, err := b.srv.bucketBytes(b.ctx, bucket); err != nil || got != int64(total) {
					return fmt.Errorf("rclone stored %d bytes (%v)", got, err)
				}
				r.mbs, r.cpu, r.srv = total/1e6/res.wall, res.cpu/(total/1e9), srvCPU/(total/1e9)
			}
			req := "-"
			if requests > 0 {
				req = strconv.FormatInt(requests, 10)
			}
			fmt.Printf("%-5d %-7s %9.3f %10.1f %10.2f %10.2f %9s\n", i+1, who, res.wall, total/1e6/res.wall, res.cpu/(total/1e9), srvCPU/(total/1e9), req)
		}
		oursMB, rcloneMB, ratio = append(oursMB, o.mbs), append(rcloneMB, r.mbs), append(ratio, o.mbs/r.mbs)
		oursCPU, rcloneCPU = append(oursCPU, o.cpu), append(rcloneCPU, r.cpu)
		oursSrv, rcloneSrv = append(oursSrv, o.srv), append(rcloneSrv, r.srv)
		b.srv.emptyBuckets()
	}
	fmt.Printf("%-34s %8s %8s %8s\n", "summary", "min", "median", "max")
	row := func(name string, v []float64) {
		fmt.Printf("%-34s %8.2f %8.2f %8.2f\n", name, slices.Min(v), median(v), slices.Max(v))
	}
	row("ours MB/s", oursMB)
	row("rclone MB/s", rcloneMB)
	row("ours/rclone throughput, by pair", ratio)
	row("ours client CPU-s/GB", oursCPU)
	row("rclone client CPU-s/GB", rcloneCPU)
	row("server CPU-s/GB, ours", oursSrv)
	row("server CPU-s/GB, rclone", rcloneSrv)
	return nil
}

// history: nothing-new syncs on a share holding days of daily batches of
// three members.
func (b *bench) history(days, runs int) error {
	bucket := b.srv.newBucket(b.ctx)
	loc := b.srv.location(bucket)
	names := []string{"Ada", "Bob", "Cyd"}
	dirs := make([]string, len(names))
	var err error
	if dirs[0], err = b.member(names[0], loc, ""); err != nil {
		return err
	}
	invite, err := b.invitation(dirs[0])
	if err != nil {
		return err
	}
	for i := 1; i < len(names); i++ {
		if dirs[i], err = b.member(names[i], loc, invite); err != nil {
			return err
		}
		r, err := b.app(dirs[i], "team", "status", "--json")
		if err != nil {
			return err
		}
		var st struct{ MemberID, SafetyCode string }
		if err := json.Unmarshal(r.stdout, &st); err != nil {
			return err
		}
		if _, err := b.app(dirs[0], "team", "approve", st.MemberID, "--code", st.SafetyCode); err != nil {
			return err
		}
		if _, _, err := b.sync(dirs[i]); err != nil {
			return err
		}
	}
	start := time.Now()
	if err := b.writeHistory(loc, dirs, days); err != nil {
		return err
	}
	fmt.Printf("\n== history: 3 members × %d days, one batch a day each (a text log; a comment, a reaction, a Thanks and weekly an offer of help on a peer's log), on versitygw (written in %.1f s)\n",
		days, time.Since(start).Seconds())
	r, s, err := b.sync(dirs[0])
	if err != nil {
		return err
	}
	if s.Received != 2*history.Events(days) || len(s.Problems) > 0 {
		return fmt.Errorf("the first sync received %d events: %+v", s.Received, s)
	}
	fmt.Printf("first sync (%d peer batches): %.3f s process, %d ms in the sync, %d requests, %.2f CPU-s\n",
		2*days, r.wall, s.Millis, s.Requests, r.cpu)
	// nothingNew times runs syncs that find nothing new, each after before.
	nothingNew := func(what string, before func() error) error {
		var walls, millis []float64
		var requests []int64
		for range runs {
			if err := before(); err != nil {
				return err
			}
			r, s, err := b.sync(dirs[0])
			if err != nil {
				return err
			}
			if s.Received != 0 {
				return fmt.Errorf("a sync with nothing new received %d events", s.Received)
			}
			walls, millis, requests = append(walls, r.wall), append(millis, float64(s.Millis)), append(requests, s.Requests)
		}
		fmt.Printf("%s, %d syncs: process min %.3f / median %.3f s; in the sync min %.0f / median %.0f ms; requests %v\n",
			what, runs, slices.Min(walls), median(walls), slices.Min(millis), median(millis), requests)
		return nil
	}
	if err := nothingNew("nothing new", func() error { return nil }); err != nil {
		return err
	}
	// The first sync of a day also lists the members' folders whole.
	if err := nothingNew("nothing new, first sync of a day", func() error { return dayLater(b.ctx, dirs[0]) }); err != nil {
		return err
	}
	if b.hold {
		fmt.Printf("holding: the share and %s stay until interrupted; `%s --data-dir %s sync --json` is a sync with nothing new\n", dirs[0], b.bin, dirs[0])
		<-b.ctx.Done()
	}
	return nil
}

// dayLater makes the member's next sync the first of a day: the last
// whole listing of the members' folders a day back.
func dayLater(ctx context.Context, dataDir string) error {
	db, err := sqlite.Open(ctx, filepath.Join(dataDir, sqlite.FileName))
	if err != nil {
		return err
	}
	defer db.Close()
	return sqlite.NewSettingsService(db).SetSettings(ctx, map[string]string{
		teamsync.SettingMembersListed: time.Now().Add(-25 * time.Hour).UTC().Format(time.RFC3339)})
}

// writeHistory writes, for each member, days batches through the share
// package with the member's own identity.
func (b *bench) writeHistory(loc string, dirs []string, days int) error {
	be, err := backend.Open(b.ctx, loc, backend.Options{Credentials: backend.Credentials{AccessKeyID: b.srv.access, SecretAccessKey: b.srv.secret}})
	if err != nil {
		return err
	}
	defer be.Close()
	return history.Write(b.ctx, be, dirs, days)
}

// resume: a push killed once the fraction at of its bytes is sent, then
// finished.
func (b *bench) resume(runs, n, size int, rate int64, at float64) error {
	src := b.dir("files")
	files, err := writeFiles(src, n, size, 2)
	if err != nil {
		return err
	}
	perFile := (size + chunkSize - 1) / chunkSize
	nChunks := n * perFile
	link := "loopback"
	if rate > 0 {
		link = fmt.Sprintf("each PUT slowed to %.0f MB/s", float64(rate)/1e6)
	}
	fmt.Printf("\n== resume (%s): a push of %d files of %.2f MB (%d chunks) killed with SIGKILL once %g %% of its bytes reached the server\n",
		link, n, float64(size)/1e6, nChunks, at*100)
	fmt.Printf("%-4s %14s %10s %14s %16s %14s %14s\n", "run", "stored at kill", "in flight", "then sent", "PUT bytes, all", "stored bytes", "sent twice")
	for i := range runs {
		bucket := b.srv.newBucket(b.ctx)
		px := newCountingProxy(b.srv.endpoint, bucket, rate)
		d, err := b.member("Bench", px.location(bucket), "")
		if err != nil {
			px.close()
			return err
		}
		if err := addLogs(b.ctx, d, files); err != nil {
			px.close()
			return err
		}
		inFlight := 0
		killed, err := b.killedSync(d, func() bool {
			if px.putBytes("members/") < int64(float64(n*size)*at) {
				return false
			}
			inFlight = px.active()
			return true
		})
		if err != nil {
			px.close()
			return err
		}
		blobs := b.srv.blobsPrefix(b.ctx, bucket)
		time.Sleep(time.Second) // what the killed process had sent lands or fails
		atKill := b.srv.count(b.ctx, bucket, blobs)
		_, s, err := b.sync(d)
		if err != nil {
			px.close()
			return err
		}
		stored, err := b.srv.bucketBytesUnder(b.ctx, bucket, blobs)
		if err != nil {
			px.close()
			return err
		}
		putBytes := px.putBytes("members/")
		px.close()
		twice := putBytes - stored - px.batchBytes()
		note := ""
		if !killed {
			note = " (the sync ended before the kill)"
		}
		fmt.Printf("%-4d %8d/%-5d %10d %11.1f MB %13.1f MB %11.1f MB %8.2f MB = %.2f chunks%s\n", i+1, atKill, nChunks, inFlight,
			float64(s.BytesUp)/1e6, float64(putBytes)/1e6, float64(stored)/1e6, float64(twice)/1e6, float64(twice)/chunkSize, note)
		b.srv.emptyBuckets()
	}
	fmt.Println("(sent twice: PUT bytes of chunks beyond what is stored; in flight: chunk PUTs under way at the kill. A sync sends")
	fmt.Println(" up to 4 files at once, 4 chunks at most; the proxy drops a PUT whose client died, so a chunk the killed")
	fmt.Println(" process had handed to its kernel counts as lost, which direct to the server it need not be)")
	return nil
}

// killedSync starts a sync of dataDir and kills it with SIGKILL once when
// returns true; it reports whether the kill came before the sync ended.
func (b *bench) killedSync(dataDir string, when func() bool) (bool, error) {
	cmd := exec.Command(b.bin, "--data-dir", dataDir, "sync")
	cmd.Env = cleanEnv()
	if err := cmd.Start(); err != nil {
		return false, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case err := <-done:
			return false, err
		case <-time.After(2 * time.Millisecond):
			if when() {
				cmd.Process.Kill()
				<-done
				return true, nil
			}
		}
	}
}

// countingProxy forwards to the server and counts the body bytes of every
// PUT that reaches it, by key; with a rate, it passes each PUT's body on at
// that many bytes per second, as a slower link would.
type countingProxy struct {
	srv    *httptest.Server
	bucket string
	mu     sync.Mutex
	puts   map[string]int64
	going  int // PUTs under way
}

func (p *countingProxy) active() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.going
}

func newCountingProxy(endpoint, bucket string, rate int64) *countingProxy {
	up, _ := url.Parse(endpoint)
	p := &countingProxy{bucket: bucket, puts: map[string]int64{}}
	rp := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(up)
		r.Out.Host = r.In.Host // the client signed it
		r.Out.Header.Del("Expect")
	}, ErrorLog: log.New(io.Discard, "", 0)} // a killed client's PUT fails there
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if key, ok := strings.CutPrefix(r.URL.Path, "/"+bucket+"/"); ok && r.Method == http.MethodPut {
			p.mu.Lock()
			p.going++
			p.mu.Unlock()
			defer func() {
				p.mu.Lock()
				p.going--
				p.mu.Unlock()
			}()
			r.Body = &countingBody{r: r.Body, rate: rate, start: time.Now(), add: func(n int) {
				p.mu.Lock()
				p.puts[key] += int64(n)
				p.mu.Unlock()
			}}
		}
		rp.ServeHTTP(w, r)
	}))
	return p
}

func (p *countingProxy) location(bucket string) string {
	return fmt.Sprintf("s3://%s?endpoint=%s&region=us-east-1", bucket, p.srv.URL)
}

func (p *countingProxy) close() { p.srv.Close() }

func (p *countingProxy) putBytes(prefix string) int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	var n int64
	for k, v := range p.puts {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}

// batchBytes counts the PUT bytes of event batches, which are not chunks.
func (p *countingProxy) batchBytes() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	var n int64
	for k, v := range p.puts {
		if strings.Contains(k, "/events/") {
			n += v
		}
	}
	return n
}

// countingBody counts a body's bytes and, with a rate, passes them on at
// that many bytes per second.
type countingBody struct {
	r     io.ReadCloser
	add   func(int)
	rate  int64
	start time.Time
	n     int64
}

func (c *countingBody) Read(p []byte) (int, error) {
	if c.rate > 0 && len(p) > 32<<10 {
		p = p[:32<<10]
	}
	n, err := c.r.Read(p)
	c.add(n)
	if c.rate > 0 {
		c.n += int64(n)
		time.Sleep(time.Until(c.start.Add(time.Duration(float64(c.n) / float64(c.rate) * float64(time.Second)))))
	}
	return n, err
}

func (c *countingBody) Close() error { return c.r.Close() }

// server is a versitygw process of our own, so that its CPU can be read.
type server struct {
	endpoint, access, secret string
	cmd                      *exec.Cmd
	dir                      string
	client                   *s3.Client
	buckets                  []string
}

func startServer(ctx context.Context, dir string) (*server, error) {
	bin, err := sharetest.FindBinary()
	if err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	s := &server{endpoint: "http://" + addr, access: "sharebench", secret: "sharebench-secret", dir: dir}
	s.cmd = exec.Command(bin, "--port", addr, "posix", dir)
	s.cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY="+s.access, "ROOT_SECRET_KEY="+s.secret)
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	var out bytes.Buffer
	s.cmd.Stdout, s.cmd.Stderr = &out, &out
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(s.endpoint + "/")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("versitygw did not answer: %s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.client = s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: aws.String(s.endpoint), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(s.access, s.secret, "")})
	return s, nil
}

func (s *server) stop() {
	if s.cmd.Process != nil {
		s.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			s.cmd.Process.Kill()
			<-done
		}
	}
}

var bucketN int

func (s *server) newBucket(ctx context.Context) string {
	bucketN++
	name := fmt.Sprintf("b%d-%s", bucketN, hex.EncodeToString(randBytes(3)))
	if _, err := s.client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		fail(fmt.Errorf("create bucket: %w", err))
	}
	s.buckets = append(s.buckets, name)
	return name
}

func randBytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rand.Uint32())
	}
	return b
}

// emptyBuckets removes the buckets' files, to keep the disk from filling
// over many runs.
func (s *server) emptyBuckets() {
	for _, name := range s.buckets {
		entries, _ := os.ReadDir(filepath.Join(s.dir, name))
		for _, e := range entries {
			os.RemoveAll(filepath.Join(s.dir, name, e.Name()))
		}
	}
	s.buckets = nil
}

func (s *server) location(bucket string) string {
	return fmt.Sprintf("s3://%s?endpoint=%s&region=us-east-1", bucket, s.endpoint)
}

func (s *server) list(ctx context.Context, bucket, prefix string) ([]struct {
	key  string
	size int64
}, error) {
	var out []struct {
		key  string
		size int64
	}
	p := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, o := range page.Contents {
			out = append(out, struct {
				key  string
				size int64
			}{aws.ToString(o.Key), aws.ToInt64(o.Size)})
		}
	}
	return out, nil
}

func (s *server) bucketBytes(ctx context.Context, bucket string) (int64, error) {
	return s.bucketBytesUnder(ctx, bucket, "")
}

func (s *server) bucketBytesUnder(ctx context.Context, bucket, prefix string) (int64, error) {
	objs, err := s.list(ctx, bucket, prefix)
	var n int64
	for _, o := range objs {
		n += o.size
	}
	return n, err
}

// blobsPrefix is the blobs folder of the only member of bucket, once its
// first object is there.
func (s *server) blobsPrefix(ctx context.Context, bucket string) string {
	objs, _ := s.list(ctx, bucket, "members/")
	for _, o := range objs {
		if i := strings.Index(o.key, "/blobs/"); i > 0 {
			return o.key[:i+len("/blobs/")]
		}
	}
	return ""
}

func (s *server) count(ctx context.Context, bucket, prefix string) int {
	objs, _ := s.list(ctx, bucket, prefix)
	return len(objs)
}

// cpu is the server's CPU-seconds so far.
func (s *server) cpu() float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	utime, _ := strconv.ParseFloat(f[11], 64)
	stime, _ := strconv.ParseFloat(f[12], 64)
	return (utime + stime) / 100 // USER_HZ
}

func fileSHA256(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, bufio.NewReaderSize(f, 1<<20))
	return hex.EncodeToString(h.Sum(nil)), n, err
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

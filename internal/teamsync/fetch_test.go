package teamsync_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
	"peerplaypay/internal/share/backend"
	"peerplaypay/internal/teamsync"
)

// faultProxy stands between the members and versitygw: it counts the
// reads of batches and refuses the read of one key while told to, as a
// share that fails halfway through a long first sync.
type faultProxy struct {
	*httptest.Server
	mu    gosync.Mutex
	fail  string // key suffix whose GET is refused
	gets  atomic.Int64
	calls atomic.Int64
}

func newFaultProxy(t *testing.T, endpoint string) *faultProxy {
	up, _ := url.Parse(endpoint)
	p := &faultProxy{}
	rp := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(up)
		r.Out.Host = r.In.Host // the client signed it
	}, ErrorLog: log.New(io.Discard, "", 0)}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.calls.Add(1)
		if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/events/") {
			p.gets.Add(1)
			p.mu.Lock()
			fail := p.fail != "" && strings.HasSuffix(r.URL.Path, p.fail)
			p.mu.Unlock()
			if fail {
				w.Header().Set("Content-Type", "application/xml")
				w.WriteHeader(http.StatusForbidden)
				fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>`)
				return
			}
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *faultProxy) failOn(key string) {
	p.mu.Lock()
	p.fail = key
	p.mu.Unlock()
}

// A newcomer's first sync fetches the batches of several members at once
// and still applies each member's in order, stopping at the first that is
// missing, out of place or replayed (nothing of that member's after it is
// applied, the other members' are); a first sync cut by a failing share
// resumes where it stopped.
func TestFirstSyncFetchesAhead(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := s3srv.Server(t)
	px := newFaultProxy(t, srv.Endpoint)
	bucket := srv.NewBucket(t)
	loc := fmt.Sprintf("s3://%s/?endpoint=%s&region=us-east-1", bucket, px.URL)
	creds := srv.Credentials()
	newS3Member := func(name string) *member {
		m := newMember(t, name)
		if err := m.svc.SetCredentials(ctx, creds.AccessKeyID, creds.SecretAccessKey); err != nil {
			t.Fatal(err)
		}
		return m
	}
	// Two writers and a newcomer: each join costs a safety code (scrypt
	// at 64 MiB, seconds under the race detector). Neither Bob nor the
	// newcomer syncs before the history is written: Bob writes through
	// the share package, and the newcomer's first sync is the one measured.
	writers := []*member{newS3Member("Ada"), newS3Member("Bob")}
	if _, err := writers[0].svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	newcomer := newS3Member("Newcomer")
	for _, m := range []*member{writers[1], newcomer} {
		st, err := m.svc.Join(ctx, loc, invitation(t, writers[0]))
		if err != nil {
			t.Fatal(err)
		}
		reqs, err := writers[0].svc.Requests(ctx)
		if err != nil || len(reqs) != 1 {
			t.Fatalf("requests = %+v, %v", reqs, err)
		}
		if err := writers[0].svc.Approve(ctx, reqs[0].ID, st.SafetyCode); err != nil {
			t.Fatal(err)
		}
	}

	// Each writer's 40 batches of one log each, written as their apps
	// would, after what their apps wrote.
	const perWriter = 40
	be, err := backend.Open(ctx, srv.Location(bucket, ""), backend.Options{Credentials: creds})
	if err != nil {
		t.Fatal(err)
	}
	defer be.Close()
	team, err := share.TeamInShare(ctx, be)
	if err != nil {
		t.Fatal(err)
	}
	r, err := share.FetchRoster(ctx, be, team)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(writers))
	first := make([]uint64, len(writers)) // each writer's first batch of the history
	var wg gosync.WaitGroup
	errs := make([]error, len(writers))
	for i, w := range writers {
		id, err := share.LoadIdentity(w.dir)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id.MemberID().String()
		wg.Go(func() {
			tm, err := share.OpenTeam(ctx, be, id, r.Team, r.Genesis, r.Versions())
			if err != nil {
				errs[i] = err
				return
			}
			pos, err := tm.RecoverPosition(ctx)
			if err != nil {
				errs[i] = err
				return
			}
			first[i] = pos.Seq + 1
			at := time.Now().UTC().AddDate(0, 0, -perWriter)
			for n := range perWriter {
				day := at.AddDate(0, 0, n)
				data, _ := json.Marshal(peerplaypay.LogPublished{UID: peerplaypay.NewUID(), Day: day.Format(time.DateOnly), Kind: peerplaypay.LogText,
					Table: peerplaypay.LogTable{Done: fmt.Sprintf("day %d", n)}, CreatedAt: day})
				sb, err := tm.SealBatch(pos, []share.Event{{ID: share.NewEventID(), Kind: share.KindLogPublished, V: 1, At: day, Data: data}})
				if err == nil {
					err = tm.PutBatch(ctx, sb)
				}
				if err != nil {
					errs[i] = err
					return
				}
				pos = sb.Position()
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	key := func(w int, n int) string { // the key of writer w's n-th batch of the history, from 1
		return fmt.Sprintf("members/%s/events/%012d", ids[w], first[w]+uint64(n)-1)
	}
	logs := func(m *member) []int {
		out := make([]int, len(ids))
		for i, id := range ids {
			out[i] = rows(t, m, `SELECT count(*) FROM peer_logs WHERE author = ?`, id)
		}
		return out
	}
	all := fmt.Sprint([]int{perWriter, perWriter})
	n := 0
	fresh := func() *member {
		n++
		return cloneMember(t, newcomer, filepath.Join(t.TempDir(), fmt.Sprint(n)), loc)
	}

	t.Run("InOrder", func(t *testing.T) {
		m := fresh()
		var seen []teamsync.Progress
		var mu gosync.Mutex
		gets := px.gets.Load()
		sum, err := m.svc.Sync(ctx, func(p teamsync.Progress) {
			mu.Lock()
			seen = append(seen, p)
			mu.Unlock()
		})
		if err != nil || len(sum.Problems) > 0 {
			t.Fatalf("sync: %+v, %v", sum, err)
		}
		if got := fmt.Sprint(logs(m)); got != all {
			t.Errorf("logs per writer = %s, want %s", got, all)
		}
		// The history, and the approvals Ada wrote before it.
		total := 0
		for w := range writers {
			total += int(first[w]) - 1 + perWriter
		}
		if got := px.gets.Load() - gets; got != int64(total) {
			t.Errorf("%d batches read, want each of the %d once", got, total)
		}
		var receiving bool
		for _, p := range seen {
			if p.Phase == "receiving" && p.TotalFiles == total && p.TotalBytes > 0 {
				receiving = true
			}
		}
		if !receiving {
			t.Errorf("no progress counting the %d batches to receive: %+v", total, seen)
		}
	})

	t.Run("CutAndResumed", func(t *testing.T) {
		m := fresh()
		px.failOn(key(1, 20))
		if _, err := m.svc.Sync(ctx, nil); err == nil {
			t.Fatal("a sync whose share refused a read succeeded")
		}
		px.failOn("")
		cut := logs(m)
		if cut[1] != 19 {
			t.Errorf("Bob's logs after the cut = %d, want the 19 before the batch that failed", cut[1])
		}
		applied := cut[0] + cut[1]
		gets := px.gets.Load()
		sum, err := m.svc.Sync(ctx, nil)
		if err != nil || len(sum.Problems) > 0 {
			t.Fatalf("sync: %+v, %v", sum, err)
		}
		if got := fmt.Sprint(logs(m)); got != all {
			t.Errorf("logs per writer = %s, want %s", got, all)
		}
		want := len(writers)*perWriter - applied
		if got := px.gets.Load() - gets; got != int64(want) || sum.Received != want {
			t.Errorf("the resumed sync read %d batches and received %d events, want the %d not applied before the cut", got, sum.Received, want)
		}
	})

	raw := func(k string) []byte {
		rc, err := be.Get(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	put := func(k string, b []byte) {
		if err := be.Put(ctx, k, strings.NewReader(string(b)), backend.PutOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	// What anyone with write access to the bucket can do to Bob's chain;
	// each case puts it back after.
	for _, c := range []struct {
		name   string
		tamper func() (restore func())
		kept   int // Bob's logs applied
		reason string
	}{
		{"Swapped", func() func() {
			a, b := raw(key(1, 10)), raw(key(1, 11))
			put(key(1, 10), b)
			put(key(1, 11), a)
			return func() { put(key(1, 10), a); put(key(1, 11), b) }
		}, 9, "not in one unbroken chain"},
		{"Replayed", func() func() {
			old := raw(key(1, 12))
			put(key(1, 12), raw(key(1, 5)))
			return func() { put(key(1, 12), old) }
		}, 11, "stored again under a new number"},
		{"Missing", func() func() {
			old := raw(key(1, 20))
			if err := be.Delete(ctx, key(1, 20)); err != nil {
				t.Fatal(err)
			}
			return func() { put(key(1, 20), old) }
		}, 19, "is missing"},
	} {
		t.Run(c.name, func(t *testing.T) {
			restore := c.tamper()
			defer restore()
			m := fresh()
			sum, err := m.svc.Sync(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := logs(m)
			if got[0] != perWriter || got[1] != c.kept {
				t.Errorf("logs per writer = %v, want Bob's %d before the bad batch and all of Ada's", got, c.kept)
			}
			if len(sum.Problems) != 1 || !strings.Contains(sum.Problems[0], "Bob") || !strings.Contains(sum.Problems[0], c.reason) {
				t.Errorf("problems = %q, want one naming Bob and saying %q", sum.Problems, c.reason)
			}
		})
	}
}

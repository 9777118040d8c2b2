//go:build e2e

package e2e

import (
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// slowS3 stands between the members and the test's versitygw. It slows
// every request and response body to rate bytes per second, so that a
// kill lands in the middle of a transfer, and counts per object the PUTs
// started and the bytes served. (Whether a PUT was stored it cannot tell:
// the server may complete one whose client was killed after sending it.)
type slowS3 struct {
	rate   int64
	bucket string

	mu   sync.Mutex
	puts map[string]int
	gets map[string]int64
}

// newSlowS3Share returns a fresh bucket that members reach through a
// slowS3 proxy; the test itself lists it directly.
func newSlowS3Share(t *testing.T, rate int64) (*teamShare, *slowS3) {
	t.Helper()
	srv := s3srv.Server(t)
	p := &slowS3{rate: rate, bucket: srv.NewBucket(t), puts: map[string]int{}, gets: map[string]int64{}}
	upstream, err := url.Parse(srv.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	rp := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(upstream)
		// The Host header stays the one the client signed; the proxy
		// answers Expect: 100-continue itself.
		r.Out.Host = r.In.Host
		r.Out.Header.Del("Expect")
	}}
	rp.ModifyResponse = func(resp *http.Response) error {
		if key, ok := p.key(resp.Request); ok && resp.Request.Method == http.MethodGet && resp.StatusCode/100 == 2 {
			resp.Body = &slowBody{r: resp.Body, rate: p.rate, start: time.Now(), counted: func(n int) {
				p.mu.Lock()
				p.gets[key] += int64(n)
				p.mu.Unlock()
			}}
		}
		return nil
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if key, ok := p.key(r); ok && r.Method == http.MethodPut {
			p.mu.Lock()
			p.puts[key]++
			p.mu.Unlock()
			r.Body = &slowBody{r: r.Body, rate: p.rate, start: time.Now()}
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	sh := &teamShare{kind: "s3", creds: srv.Credentials(), caBundle: caBundle(t),
		loc:    fmt.Sprintf("s3://%s/?endpoint=%s&region=us-east-1", p.bucket, ts.URL),
		direct: srv.Location(p.bucket, "")}
	return sh, p
}

// key is the object a request is about; lists and bucket requests have none.
func (p *slowS3) key(r *http.Request) (string, bool) {
	key, ok := strings.CutPrefix(r.URL.Path, "/"+p.bucket+"/")
	return key, ok && key != "" && !r.URL.Query().Has("list-type")
}

// tried counts the PUTs started for objects under prefix.
func (p *slowS3) tried(prefix string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for k, v := range p.puts {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}

// putCounts is the number of PUTs started so far per object.
func (p *slowS3) putCounts() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return maps.Clone(p.puts)
}

// served counts the bytes served of objects under prefix.
func (p *slowS3) served(prefix string) int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	var n int64
	for k, v := range p.gets {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}

// slowBody passes a body on at rate bytes per second.
type slowBody struct {
	r       io.ReadCloser
	rate    int64
	start   time.Time
	n       int64
	counted func(int)
}

func (b *slowBody) Read(p []byte) (int, error) {
	if len(p) > 32<<10 {
		p = p[:32<<10]
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	if b.counted != nil && n > 0 {
		b.counted(n)
	}
	time.Sleep(time.Until(b.start.Add(time.Duration(float64(b.n) / float64(b.rate) * float64(time.Second)))))
	return n, err
}

func (b *slowBody) Close() error { return b.r.Close() }

// Package backendtest is the conformance suite every share backend passes:
// the same tests against a folder and against a real S3 server, so that
// code above the Backend interface never needs to know which one it has.
package backendtest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
)

// Factory opens backends for the suite. The failure cases return what
// backend.Open returned: a backend whose first request must fail with the
// expected kind, or Open's own error. A nil case does not apply to the
// backend.
type Factory struct {
	// New opens a fresh, empty share.
	New func(t *testing.T) backend.Backend

	BadCredentials func(t *testing.T) (backend.Backend, error)
	MissingShare   func(t *testing.T) (backend.Backend, error)
	Unreachable    func(t *testing.T) (backend.Backend, error)
	// Unwritable opens a share that can be read but not written.
	Unwritable func(t *testing.T) (backend.Backend, error)

	// PutForeign stores data under a name the Backend itself refuses to
	// write, as a person or a sync tool would (nil: the case is skipped).
	PutForeign func(t *testing.T, b backend.Backend, name string, data []byte)

	// LargeSize is the size of the streaming test's object (0: 96 MiB).
	LargeSize int64
}

// Run runs the whole suite as subtests of t.
func Run(t *testing.T, f Factory) {
	t.Run("RoundTrip", func(t *testing.T) { testRoundTrip(t, f) })
	t.Run("Range", func(t *testing.T) { testRange(t, f) })
	t.Run("List", func(t *testing.T) { testList(t, f) })
	t.Run("ListPages", func(t *testing.T) { testListPages(t, f) })
	t.Run("CreateOnly", func(t *testing.T) { testCreateOnly(t, f) })
	t.Run("CreateOnlyRace", func(t *testing.T) { testCreateOnlyRace(t, f) })
	t.Run("ReadCancelled", func(t *testing.T) { testReadCancelled(t, f) })
	t.Run("Missing", func(t *testing.T) { testMissing(t, f) })
	t.Run("Delete", func(t *testing.T) { testDelete(t, f) })
	t.Run("ConcurrentWriters", func(t *testing.T) { testConcurrentWriters(t, f) })
	t.Run("FailedPutLeavesNothing", func(t *testing.T) { testFailedPut(t, f) })
	t.Run("InvalidKeys", func(t *testing.T) { testInvalidKeys(t, f) })
	t.Run("ForeignNames", func(t *testing.T) { testForeignNames(t, f) })
	t.Run("LargeStreaming", func(t *testing.T) { testLargeStreaming(t, f) })
	t.Run("Stats", func(t *testing.T) { testStats(t, f) })
	t.Run("ErrBadCredentials", func(t *testing.T) {
		testFailure(t, f.BadCredentials, backend.KindCredentials, peerplaypay.EINVALID, false)
	})
	t.Run("ErrMissingShare", func(t *testing.T) {
		testFailure(t, f.MissingShare, backend.KindNoShare, peerplaypay.ENOTFOUND, false)
	})
	t.Run("ErrUnreachable", func(t *testing.T) {
		testFailure(t, f.Unreachable, backend.KindUnreachable, peerplaypay.EUNAVAILABLE, false)
	})
	t.Run("ErrUnwritable", func(t *testing.T) {
		testFailure(t, f.Unwritable, backend.KindDenied, peerplaypay.EUNWRITABLE, true)
	})
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return c
}

func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// MustPut stores data under key or fails the test.
func MustPut(t testing.TB, b backend.Backend, key string, data []byte) {
	t.Helper()
	if err := b.Put(context.Background(), key, bytes.NewReader(data), backend.PutOptions{}); err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
}

// MustGet reads key whole or fails the test.
func MustGet(t testing.TB, b backend.Backend, key string) []byte {
	t.Helper()
	r, err := b.Get(context.Background(), key)
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("read %s: %v", key, err)
	}
	return data
}

func keys(es []backend.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Key
	}
	return out
}

func testRoundTrip(t *testing.T, f Factory) {
	b := f.New(t)
	for i, n := range []int{0, 1, 1000, 64<<10 + 1, 5<<20 + 7} {
		key := fmt.Sprintf("members/a/blobs/obj-%d", n)
		data := randomBytes(uint64(i), n)
		MustPut(t, b, key, data)
		if got := MustGet(t, b, key); !bytes.Equal(got, data) {
			t.Fatalf("size %d: got %d bytes back, not the same", n, len(got))
		}
		e, err := b.Stat(ctx(t), key)
		if err != nil || e.Size != int64(n) || e.Key != key {
			t.Fatalf("stat %s = %+v, %v; want size %d", key, e, err, n)
		}
	}
	// A plain Put replaces.
	MustPut(t, b, "x", []byte("one"))
	MustPut(t, b, "x", []byte("two"))
	if got := MustGet(t, b, "x"); string(got) != "two" {
		t.Fatalf("after overwrite got %q", got)
	}
}

func testRange(t *testing.T, f Factory) {
	b := f.New(t)
	data := randomBytes(7, 100000)
	MustPut(t, b, "r", data)
	for _, c := range []struct{ off, n int64 }{{0, 10}, {0, -1}, {500, 1000}, {99990, 10}, {99990, -1}, {12345, 0}} {
		r, err := b.GetRange(ctx(t), "r", c.off, c.n)
		if err != nil {
			t.Fatalf("range %d+%d: %v", c.off, c.n, err)
		}
		got, err := io.ReadAll(r)
		r.Close()
		end := int64(len(data))
		if c.n >= 0 {
			end = c.off + c.n
		}
		if err != nil || !bytes.Equal(got, data[c.off:end]) {
			t.Fatalf("range %d+%d: got %d bytes, %v", c.off, c.n, len(got), err)
		}
	}
}

func testList(t *testing.T, f Factory) {
	b := f.New(t)
	all := []string{
		"members/b/events/000000000002", "members/b/events/000000000001",
		"members/a/events/000000000003", "members/a/events/000000000001", "members/a/events/000000000002",
		"members/a/blobs/ff", "roster/000000000001",
		// '-' and '.' sort before '/': a folder walk visits "p/x/y" first.
		"p/x/y", "p/x-z", "p/x.1",
	}
	for i, k := range all {
		MustPut(t, b, k, []byte(fmt.Sprint(i)))
	}
	want := append([]string(nil), all...)
	sort.Strings(want)
	check := func(prefix, after string, want []string) {
		t.Helper()
		es, err := b.List(ctx(t), prefix, after)
		if err != nil {
			t.Fatalf("list %q after %q: %v", prefix, after, err)
		}
		if got := keys(es); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("list %q after %q = %v, want %v", prefix, after, got, want)
		}
	}
	check("", "", want)
	check("members/a/events/", "", []string{"members/a/events/000000000001", "members/a/events/000000000002", "members/a/events/000000000003"})
	check("members/a/events/", "members/a/events/000000000001", []string{"members/a/events/000000000002", "members/a/events/000000000003"})
	check("members/a/events/", "members/a/events/000000000003", nil)
	check("members/a/events/", "members/a/events/000000000000", []string{"members/a/events/000000000001", "members/a/events/000000000002", "members/a/events/000000000003"})
	check("members/", "members/a/events/000000000003", []string{"members/b/events/000000000001", "members/b/events/000000000002"})
	check("members/a/e", "", []string{"members/a/events/000000000001", "members/a/events/000000000002", "members/a/events/000000000003"})
	check("p/", "", []string{"p/x-z", "p/x.1", "p/x/y"})
	check("nothing/", "", nil)
	es, _ := b.List(ctx(t), "members/a/blobs/", "")
	if len(es) != 1 || es[0].Size != int64(len("5")) {
		t.Fatalf("list sizes: %+v", es)
	}
}

// testForeignNames: what others put in the share under names no app
// writes is listed as foreign, to be reported, and never read; writes in
// progress are not listed at all.
func testForeignNames(t *testing.T, f Factory) {
	if f.PutForeign == nil {
		t.Skip("this backend cannot hold foreign names")
	}
	b := f.New(t)
	MustPut(t, b, "roster/000000000001", []byte("1"))
	MustPut(t, b, "roster/000000000002.sync-conflict-20261205-090000-ABCDEFG", []byte("2"))
	foreign := []string{"roster/.DS_Store", "roster/000000000001~", "roster/a b", "members/x/events/Thumbs.db#"}
	for _, k := range foreign {
		f.PutForeign(t, b, k, []byte("x"))
	}
	f.PutForeign(t, b, "roster/.000000000003.0123456789abcdef.tmp", []byte("a write in progress"))
	es, err := b.List(ctx(t), "", "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range es {
		got[e.Key] = e.Foreign
	}
	want := map[string]bool{"roster/000000000001": false, "roster/000000000002.sync-conflict-20261205-090000-ABCDEFG": false}
	for _, k := range foreign {
		want[k] = true
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("list = %v; want (key: foreign) %v", got, want)
	}
	if es, err := b.List(ctx(t), "roster/", "roster/000000000001"); err != nil || len(es) != 3 {
		t.Fatalf("list after roster/000000000001 = %+v, %v", es, err)
	}
	if _, err := b.Get(ctx(t), "roster/.DS_Store"); err == nil {
		t.Fatal("a foreign name was read")
	}
}

// testListPages crosses S3's 1000-key page.
func testListPages(t *testing.T, f Factory) {
	b := f.New(t)
	const n = 1010
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, 16)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			errs <- b.Put(ctx(t), fmt.Sprintf("k/%06d", i), strings.NewReader("v"), backend.PutOptions{})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	before := b.Stats()
	es, err := b.List(ctx(t), "k/", "")
	if err != nil || len(es) != n {
		t.Fatalf("list = %d entries, %v; want %d", len(es), err, n)
	}
	for i, e := range es {
		if e.Key != fmt.Sprintf("k/%06d", i) {
			t.Fatalf("entry %d = %s", i, e.Key)
		}
	}
	if lists := b.Stats().Sub(before).Lists; lists < 1 || lists > 2 {
		t.Fatalf("listing %d keys took %d list requests", n, lists)
	}
	es, err = b.List(ctx(t), "k/", "k/001005")
	if err != nil || len(es) != 4 {
		t.Fatalf("list after k/001005 = %v, %v", keys(es), err)
	}
}

// readerKinds are the two ways data reaches Put: a backend may take an
// in-memory reader by a faster path than a stream, and both must behave.
var readerKinds = map[string]func([]byte) io.Reader{
	"InMemory": func(b []byte) io.Reader { return bytes.NewReader(b) },
	"Stream":   func(b []byte) io.Reader { return io.MultiReader(bytes.NewReader(b)) },
}

func testCreateOnly(t *testing.T, f Factory) {
	for kind, reader := range readerKinds {
		t.Run(kind, func(t *testing.T) {
			b := f.New(t)
			create := backend.PutOptions{CreateOnly: true}
			for _, size := range []int{0, 5, 6 << 20} {
				key := fmt.Sprintf("roster/%012d", size)
				first := randomBytes(1, size)
				if err := b.Put(ctx(t), key, reader(first), create); err != nil {
					t.Fatal(err)
				}
				err := b.Put(ctx(t), key, reader(randomBytes(2, size+1)), create)
				if !errors.Is(err, backend.ErrExists) {
					t.Fatalf("size %d: second create = %v; want ErrExists", size, err)
				}
				if code := peerplaypay.ErrorCode(err); code != peerplaypay.ECONFLICT {
					t.Fatalf("code = %s; want %s", code, peerplaypay.ECONFLICT)
				}
				if got := MustGet(t, b, key); !bytes.Equal(got, first) {
					t.Fatalf("size %d: content changed by a lost create", size)
				}
			}
		})
	}
}

// testCreateOnlyRace has writers race for one key: exactly one wins and
// the stored bytes are the winner's.
func testCreateOnlyRace(t *testing.T, f Factory) {
	b := f.New(t)
	for round := range 3 {
		key := fmt.Sprintf("race/%d", round)
		const n = 8
		var wg sync.WaitGroup
		start := make(chan struct{})
		results := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				results[i] = b.Put(ctx(t), key, bytes.NewReader(randomBytes(uint64(i), 300<<10)), backend.PutOptions{CreateOnly: true})
			}()
		}
		close(start)
		wg.Wait()
		winner := -1
		for i, err := range results {
			switch {
			case err == nil && winner >= 0:
				t.Fatalf("round %d: writers %d and %d both created %s", round, winner, i, key)
			case err == nil:
				winner = i
			case !errors.Is(err, backend.ErrExists):
				t.Fatalf("round %d: writer %d: %v", round, i, err)
			}
		}
		if winner < 0 {
			t.Fatalf("round %d: nobody won", round)
		}
		if got := MustGet(t, b, key); !bytes.Equal(got, randomBytes(uint64(winner), 300<<10)) {
			t.Fatalf("round %d: stored bytes are not the winner's", round)
		}
	}
}

// testReadCancelled: a read whose context ends midway fails; it never
// ends as a clean EOF, which would pass a cut-short object off as whole.
func testReadCancelled(t *testing.T, f Factory) {
	b := f.New(t)
	// Larger than what a loopback socket buffers, so that the end of the
	// object cannot all have arrived before the cancellation.
	MustPut(t, b, "big", bytes.Repeat([]byte("0123456789abcdef"), 1<<20))
	c, cancel := context.WithCancel(ctx(t))
	defer cancel()
	r, err := b.Get(c, "big")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := io.ReadFull(r, make([]byte, 1000)); err != nil {
		t.Fatal(err)
	}
	cancel()
	n, err := io.Copy(io.Discard, r)
	if err == nil {
		t.Fatalf("a cancelled read ended cleanly after %d more bytes", n)
	}
	if _, err := b.Get(c, "big"); err == nil {
		t.Fatal("a get with a cancelled context succeeded")
	}
}

func testMissing(t *testing.T, f Factory) {
	b := f.New(t)
	MustPut(t, b, "present", []byte("x"))
	_, err := b.Get(ctx(t), "absent")
	assertKind(t, err, backend.KindNotFound, peerplaypay.ENOTFOUND)
	_, err = b.GetRange(ctx(t), "absent", 1, 2)
	assertKind(t, err, backend.KindNotFound, peerplaypay.ENOTFOUND)
	_, err = b.Stat(ctx(t), "members/x/absent")
	assertKind(t, err, backend.KindNotFound, peerplaypay.ENOTFOUND)
	if !errors.Is(err, backend.ErrNotFound) {
		t.Fatalf("errors.Is(%v, ErrNotFound) = false", err)
	}
}

func testDelete(t *testing.T, f Factory) {
	b := f.New(t)
	MustPut(t, b, "d/1", []byte("x"))
	MustPut(t, b, "d/2", []byte("y"))
	if err := b.Delete(ctx(t), "d/1"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Stat(ctx(t), "d/1"); !errors.Is(err, backend.ErrNotFound) {
		t.Fatalf("stat after delete = %v", err)
	}
	if es, err := b.List(ctx(t), "d/", ""); err != nil || len(es) != 1 || es[0].Key != "d/2" {
		t.Fatalf("list after delete = %v, %v", keys(es), err)
	}
	if err := b.Delete(ctx(t), "d/1"); err != nil {
		t.Fatalf("second delete = %v; want nil", err)
	}
	// A deleted key can be created again.
	if err := b.Put(ctx(t), "d/1", strings.NewReader("z"), backend.PutOptions{CreateOnly: true}); err != nil {
		t.Fatal(err)
	}
}

func testConcurrentWriters(t *testing.T, f Factory) {
	b := f.New(t)
	const writers, each = 8, 6
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				key := fmt.Sprintf("members/m%d/blobs/%02d", w, i)
				errs <- b.Put(ctx(t), key, bytes.NewReader(randomBytes(uint64(w*100+i), 100<<10)), backend.PutOptions{CreateOnly: true})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	es, err := b.List(ctx(t), "members/", "")
	if err != nil || len(es) != writers*each {
		t.Fatalf("list = %d entries, %v", len(es), err)
	}
	for w := range writers {
		for i := range each {
			key := fmt.Sprintf("members/m%d/blobs/%02d", w, i)
			if !bytes.Equal(MustGet(t, b, key), randomBytes(uint64(w*100+i), 100<<10)) {
				t.Fatalf("%s has the wrong content", key)
			}
		}
	}
}

// failingReader returns n bytes, then an error.
type failingReader struct{ n int }

var errSource = errors.New("source broke")

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, errSource
	}
	if len(p) > r.n {
		p = p[:r.n]
	}
	for i := range p {
		p[i] = 'x'
	}
	r.n -= len(p)
	return len(p), nil
}

// cancellingReader cancels its context after n bytes.
type cancellingReader struct {
	n      int
	cancel context.CancelFunc
}

func (r *cancellingReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		r.cancel()
		return 0, context.Canceled
	}
	if len(p) > r.n {
		p = p[:r.n]
	}
	r.n -= len(p)
	return len(p), nil
}

func testFailedPut(t *testing.T, f Factory) {
	b := f.New(t)
	for _, create := range []bool{false, true} {
		key := fmt.Sprintf("members/a/blobs/broken-%v", create)
		err := b.Put(ctx(t), key, &failingReader{n: 1 << 20}, backend.PutOptions{CreateOnly: create})
		if !errors.Is(err, errSource) {
			t.Fatalf("put from a failing reader = %v; want the reader's error", err)
		}
		c, cancel := context.WithCancel(ctx(t))
		err = b.Put(c, key+"-cancelled", &cancellingReader{n: 1 << 20, cancel: cancel}, backend.PutOptions{CreateOnly: create})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled put = %v; want context.Canceled", err)
		}
		for _, k := range []string{key, key + "-cancelled"} {
			if _, err := b.Stat(ctx(t), k); !errors.Is(err, backend.ErrNotFound) {
				t.Fatalf("after a failed put, stat %s = %v; want not found", k, err)
			}
		}
	}
	if es, err := b.List(ctx(t), "", ""); err != nil || len(es) != 0 {
		t.Fatalf("failed puts left %v, %v", keys(es), err)
	}
}

func testInvalidKeys(t *testing.T, f Factory) {
	b := f.New(t)
	for _, k := range []string{"", "/a", "a/", "a//b", "../a", "a/../b", ".hidden", "a/.tmp", "a b", "a\\b", "é", strings.Repeat("a", backend.MaxKeyLen+1)} {
		if err := b.Put(ctx(t), k, strings.NewReader("x"), backend.PutOptions{}); err == nil {
			t.Fatalf("put %q succeeded", k)
		}
		if _, err := b.Get(ctx(t), k); err == nil {
			t.Fatalf("get %q succeeded", k)
		}
	}
	if es, err := b.List(ctx(t), "", ""); err != nil || len(es) != 0 {
		t.Fatalf("invalid puts left %v, %v", keys(es), err)
	}
}

// patternReader produces a deterministic stream without holding it.
type patternReader struct {
	left int64
	rng  *rand.Rand
}

func (p *patternReader) Read(b []byte) (int, error) {
	if p.left == 0 {
		return 0, io.EOF
	}
	if int64(len(b)) > p.left {
		b = b[:p.left]
	}
	for i := 0; i+8 <= len(b); i += 8 {
		v := p.rng.Uint64()
		for j := range 8 {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	for i := len(b) &^ 7; i < len(b); i++ {
		b[i] = byte(p.rng.Uint32())
	}
	p.left -= int64(len(b))
	return len(b), nil
}

func newPattern(n int64) *patternReader {
	return &patternReader{left: n, rng: rand.New(rand.NewPCG(42, 43))}
}

// peakHeap samples the live heap until stop is closed.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

// testLargeStreaming puts and gets an object far larger than the heap it
// may use: neither side holds the object in memory.
func testLargeStreaming(t *testing.T, f Factory) {
	b := f.New(t)
	size := f.LargeSize
	if size == 0 {
		size = 96 << 20
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	stop := make(chan struct{})
	peak := peakHeap(stop)

	if err := b.Put(ctx(t), "large", newPattern(size), backend.PutOptions{CreateOnly: true}); err != nil {
		t.Fatal(err)
	}
	r, err := b.Get(ctx(t), "large")
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	n, err := io.Copy(h, r)
	r.Close()
	close(stop)
	used := <-peak - base
	if err != nil || n != size {
		t.Fatalf("read back %d bytes, %v; want %d", n, err, size)
	}
	want := sha256.New()
	io.Copy(want, newPattern(size))
	if !bytes.Equal(h.Sum(nil), want.Sum(nil)) {
		t.Fatal("large object came back different")
	}
	// Under the race detector the heap is not what it measures; `make
	// test` runs this test once more without it.
	if limit := uint64(size) * 2 / 3; used > limit && !raceEnabled {
		t.Fatalf("moving a %d MiB object used %d MiB of heap; it must stream", size>>20, used>>20)
	}
	t.Logf("%d MiB through %d MiB of heap", size>>20, used>>20)
}

func testStats(t *testing.T, f Factory) {
	b := f.New(t)
	s0 := b.Stats()
	MustPut(t, b, "s/1", []byte("x"))
	MustGet(t, b, "s/1")
	if _, err := b.Stat(ctx(t), "s/1"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.List(ctx(t), "s/", ""); err != nil {
		t.Fatal(err)
	}
	if err := b.Delete(ctx(t), "s/1"); err != nil {
		t.Fatal(err)
	}
	d := b.Stats().Sub(s0)
	if d != (backend.Stats{Lists: 1, Gets: 1, Puts: 1, Stats: 1, Deletes: 1}) || d.Total() != 5 {
		t.Fatalf("stats = %+v; want one of each", d)
	}
}

func assertKind(t *testing.T, err error, kind backend.Kind, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %v", kind)
	}
	if k := backend.KindOf(err); k != kind {
		t.Fatalf("kind = %v (%v); want %v", k, err, kind)
	}
	if c := peerplaypay.ErrorCode(err); c != code {
		t.Fatalf("code = %s (%v); want %s", c, err, code)
	}
	if msg := peerplaypay.ErrorMessage(err); msg == "" || strings.Contains(msg, "Something went wrong") {
		t.Fatalf("no user message for %v", err)
	}
}

func testFailure(t *testing.T, open func(*testing.T) (backend.Backend, error), kind backend.Kind, code string, write bool) {
	if open == nil {
		t.Skip("does not apply to this backend")
	}
	b, err := open(t)
	if err == nil {
		defer b.Close()
		if write {
			if _, err := b.List(ctx(t), "", ""); err != nil {
				t.Fatalf("reading an unwritable share: %v", err)
			}
			err = b.Put(ctx(t), "members/a/events/000000000001", strings.NewReader("x"), backend.PutOptions{CreateOnly: true})
		} else {
			_, err = b.List(ctx(t), "roster/", "")
		}
	}
	assertKind(t, err, kind, code)
	t.Logf("message: %s", peerplaypay.ErrorMessage(err))
}

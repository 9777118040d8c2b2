package backend_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"peerplaypay/internal/share/backend"
	"peerplaypay/internal/share/backend/backendtest"
)

// TestFolderSweepTemps removes the hidden temporaries of killed writes
// under one prefix, once stale, and nothing else.
func TestFolderSweepTemps(t *testing.T) {
	dir := t.TempDir()
	b := open(t, dir, backend.Options{})
	backendtest.MustPut(t, b, "members/a/blobs/ab/chunk", []byte("x"))
	backendtest.MustPut(t, b, "members/b/blobs/ab/chunk", []byte("x"))
	old := time.Now().Add(-48 * time.Hour)
	write := func(rel string, at time.Time) string {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.WriteFile(p, []byte("partial"), 0o666); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
		return p
	}
	staleOwn := write("members/a/blobs/ab/.chunk2.0123456789abcdef.tmp", old)
	freshOwn := write("members/a/blobs/ab/.chunk3.0123456789abcdef.tmp", time.Now())
	others := write("members/b/blobs/ab/.chunk2.0123456789abcdef.tmp", old)
	notOurs := write("members/a/blobs/ab/.syncthing.chunk.tmp", old)

	sw, ok := b.(backend.Sweeper)
	if !ok {
		t.Fatal("the folder backend does not sweep")
	}
	n, err := sw.SweepTemps(context.Background(), "members/a/", time.Now().Add(-24*time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("sweep = %d, %v; want 1 removed", n, err)
	}
	if _, err := os.Stat(staleOwn); !os.IsNotExist(err) {
		t.Errorf("the stale temporary is still there: %v", err)
	}
	for _, p := range []string{freshOwn, others, notOurs, filepath.Join(dir, "members", "a", "blobs", "ab", "chunk")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", p, err)
		}
	}
	if n, err := sw.SweepTemps(context.Background(), "members/nobody/", time.Now()); err != nil || n != 0 {
		t.Errorf("sweep of an absent folder = %d, %v", n, err)
	}
	if _, err := sw.SweepTemps(context.Background(), "../", time.Now()); err == nil {
		t.Error("a prefix outside the share was swept")
	}
}

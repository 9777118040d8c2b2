//go:build !windows

package backend_test

import (
	"context"
	"errors"
	"path/filepath"
	"syscall"
	"testing"

	"peerplaypay/internal/share/backend"
	"peerplaypay/internal/share/backend/backendtest"
)

// TestFolderNonFiles: only regular files are objects. A folder or a named
// pipe under a key's name is reported missing, and reading the pipe does
// not wait forever for a writer; a name a library might keep for itself
// (".attrs") is an ordinary key.
func TestFolderNonFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	b := open(t, dir, backend.Options{})
	backendtest.MustPut(t, b, "members/a/blobs/x", []byte("x"))
	if err := syscall.Mkfifo(filepath.Join(dir, "members", "a", "pipe"), 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	for _, key := range []string{"members/a/blobs", "members/a/pipe"} {
		if _, err := b.Get(context.Background(), key); !errors.Is(err, backend.ErrNotFound) {
			t.Fatalf("get %s = %v; want not found", key, err)
		}
		if _, err := b.Stat(context.Background(), key); !errors.Is(err, backend.ErrNotFound) {
			t.Fatalf("stat %s = %v; want not found", key, err)
		}
	}
	backendtest.MustPut(t, b, "roster/x.attrs", []byte("y"))
	if got := backendtest.MustGet(t, b, "roster/x.attrs"); string(got) != "y" {
		t.Fatalf("x.attrs = %q", got)
	}
}

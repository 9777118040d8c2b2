package sqlite

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"peerplaypay/internal/lockfile"
	"peerplaypay/internal/peerplaypay"
)

// Every process that opens the database holds a lock on a mark file of its
// own in the folder beside it (peerplaypay.db.open/), and removes it when it
// closes the database. A mark whose lock can be taken belongs to a process
// that ended without closing: an unclean shutdown, which is when checking
// the pages is worth its time. Several processes (the window and commands)
// may have the file open at once; their marks are held, so they never look
// unclean to each other.

func marksDir(path string) string { return path + ".open" }

// staleMarks returns the marks of processes that ended without closing, each
// locked by us so that no other process also acts on it.
func staleMarks(path string) ([]*lockfile.Lock, error) {
	entries, err := os.ReadDir(marksDir(path))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, unwritableDB(path, err)
	}
	var stale []*lockfile.Lock
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".lock") {
			continue
		}
		l, err := lockfile.TryLock(filepath.Join(marksDir(path), e.Name()))
		if err != nil {
			continue // held: a live process; or unreadable: not ours to judge
		}
		stale = append(stale, l)
	}
	return stale, nil
}

// newMark creates and locks this process's mark. It is locked under a name
// staleMarks ignores and only then given its .lock name: a process opening
// the database at the same moment must never find it unlocked, take it for
// a dead process's mark, and hold the lock this process needs.
func newMark(path string) (*lockfile.Lock, error) {
	if err := os.MkdirAll(marksDir(path), 0o700); err != nil {
		return nil, unwritableDB(path, err)
	}
	var b [8]byte
	rand.Read(b[:])
	name := filepath.Join(marksDir(path), hex.EncodeToString(b[:]))
	l, err := lockfile.TryLock(name + ".new")
	if err != nil {
		return nil, unwritableDB(path, err)
	}
	if err := l.Rename(name + ".lock"); err != nil {
		l.Remove()
		if runtime.GOOS != "windows" {
			return nil, unwritableDB(path, err)
		}
		// Windows renames no open file: lock it in place, which leaves
		// the short window this avoids elsewhere.
		if l, err = lockfile.TryLock(name + ".lock"); err != nil {
			return nil, unwritableDB(path, err)
		}
	}
	return l, nil
}

func unwritableDB(path string, err error) error {
	return peerplaypay.Errorf(peerplaypay.EUNWRITABLE,
		"The folder of the database %s cannot be written (%v). Check that it is writable and the disk is not full, or choose another data folder with --data-dir.",
		path, err)
}

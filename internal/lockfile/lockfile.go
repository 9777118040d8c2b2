// Package lockfile holds advisory locks on files for the life of a process.
// The operating system releases a lock when its holder exits, however it
// exits (kill -9, crash, power loss), so a lock that can be taken proves
// that its last holder is gone: a fact, where a PID in a file is a guess.
package lockfile

import (
	"errors"
	"fmt"
	"os"
)

// ErrLocked is returned by TryLock when another holder, in this process or
// another, has the lock.
var ErrLocked = errors.New("locked by another process")

// Lock is a held lock. Unlock releases it; so does the process ending.
type Lock struct {
	f    *os.File
	path string
}

// TryLock creates path if needed and takes an exclusive lock on it without
// waiting. It returns ErrLocked when the lock is held elsewhere.
func TryLock(path string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := lock(f); err != nil {
		f.Close()
		return nil, err
	}
	return &Lock{f: f, path: path}, nil
}

// Rename moves the held lock's file to newpath; the lock stays held. It
// lets a lock be taken under a name no one looks at and then appear, held,
// under the name others try: they never see it unlocked. Windows renames no
// open file, and then Rename fails and the file keeps its name.
func (l *Lock) Rename(newpath string) error {
	if err := os.Rename(l.path, newpath); err != nil {
		return err
	}
	l.path = newpath
	return nil
}

// Path is the lock file's path.
func (l *Lock) Path() string { return l.path }

// Unlock releases the lock and keeps the file.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the last descriptor releases the lock
	l.f = nil
	return err
}

// Remove deletes the lock file, then releases the lock. Deleting first
// means no one can take the lock on this file and believe it free while it
// is being removed.
func (l *Lock) Remove() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := os.Remove(l.path)
	uerr := l.Unlock()
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		// Windows deletes no open file: try again now that it is closed.
		err = os.Remove(l.path)
	}
	if err == nil || errors.Is(err, os.ErrNotExist) {
		return uerr
	}
	return err
}

// Held reports whether path is locked by someone else right now. A missing
// file is not held.
func Held(path string) (bool, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	l, err := TryLock(path)
	if errors.Is(err, ErrLocked) {
		return true, nil
	} else if err != nil {
		return false, err
	}
	return false, l.Unlock()
}

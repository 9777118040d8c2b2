package lockfile_test

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"peerplaypay/internal/lockfile"
)

// A child process holds the lock until it is killed; the test is the
// parent. This is how the app uses locks: across processes.
func TestMain(m *testing.M) {
	if path := os.Getenv("LOCKFILE_TEST_HOLD"); path != "" {
		if _, err := lockfile.TryLock(path); err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("held\n")
		// Not select{}: with no other goroutine left, the runtime may end
		// the child as deadlocked, and the lock with it.
		for {
			time.Sleep(time.Hour)
		}
	}
	os.Exit(m.Run())
}

func holdInChild(t *testing.T, path string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "LOCKFILE_TEST_HOLD="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "held\n" {
		t.Fatalf("child did not take the lock: %q", line)
	}
	return cmd
}

func TestLockAcrossProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rec.lock")
	child := holdInChild(t, path)

	t.Run("ErrLocked", func(t *testing.T) {
		if _, err := lockfile.TryLock(path); !errors.Is(err, lockfile.ErrLocked) {
			t.Fatalf("TryLock while a live process holds it: err = %v, want ErrLocked", err)
		}
		if held, err := lockfile.Held(path); err != nil || !held {
			t.Fatalf("Held = %v, %v; want true", held, err)
		}
	})

	t.Run("FreeAfterKill", func(t *testing.T) {
		child.Process.Kill()
		child.Wait()
		if held, err := lockfile.Held(path); err != nil || held {
			t.Fatalf("Held after the holder was killed = %v, %v; want false", held, err)
		}
		l, err := lockfile.TryLock(path)
		if err != nil {
			t.Fatalf("TryLock after the holder was killed: %v", err)
		}
		if err := l.Remove(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("Remove left the file: %v", err)
		}
	})
}

func TestLockWithinProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rec.lock")
	l, err := lockfile.TryLock(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lockfile.TryLock(path); !errors.Is(err, lockfile.ErrLocked) {
		t.Fatalf("second TryLock in the same process: err = %v, want ErrLocked", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	l2, err := lockfile.TryLock(path)
	if err != nil {
		t.Fatalf("TryLock after Unlock: %v", err)
	}
	l2.Unlock()
	if held, err := lockfile.Held(filepath.Join(t.TempDir(), "missing.lock")); err != nil || held {
		t.Fatalf("Held(missing) = %v, %v", held, err)
	}
}

func TestRenameKeepsTheLock(t *testing.T) {
	dir := t.TempDir()
	l, err := lockfile.TryLock(filepath.Join(dir, "a.new"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Remove()
	if err := l.Rename(filepath.Join(dir, "a.lock")); err != nil {
		if runtime.GOOS == "windows" {
			return // Windows renames no open file; callers fall back
		}
		t.Fatal(err)
	}
	if held, err := lockfile.Held(filepath.Join(dir, "a.lock")); err != nil || !held {
		t.Fatalf("renamed lock held = %v, %v", held, err)
	}
	if l.Path() != filepath.Join(dir, "a.lock") {
		t.Fatalf("path = %s", l.Path())
	}
	if err := l.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.lock")); !os.IsNotExist(err) {
		t.Fatalf("renamed lock file left: %v", err)
	}
}

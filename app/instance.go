package app

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"peerplaypay/internal/datadir"
	"peerplaypay/internal/lockfile"
)

// One window per data folder: two windows on one folder would each think
// the other's recording interrupted, and the member would not know which
// one is current. The first window holds a lock in the data folder and
// listens on a local socket; a second launch asks it to come to the front
// and exits.
//
// Wails has a single-instance option, but on Linux it rests on the D-Bus
// session bus and silently allows a second window where there is none (a
// bare X session, remote X), and it is per app, not per data folder.

// ErrAlreadyOpen is returned by ClaimWindow when another window has the
// data folder and was asked to come to the front.
var ErrAlreadyOpen = errors.New("PeerPlayPay is already open for this data folder; its window was brought to the front")

// WindowClaim is held by the one window of a data folder.
type WindowClaim struct {
	dir  string
	mu   sync.Mutex
	lock *lockfile.Lock
	ln   net.Listener
	show chan struct{}
}

// ClaimWindow makes this process the window of dataDir, or, when another
// process is, asks it to show itself and returns ErrAlreadyOpen.
func ClaimWindow(dataDir string) (*WindowClaim, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, nil // the window explains an unusable folder itself
	}
	sock := windowSocket(dataDir)
	lock, err := lockfile.TryLock(filepath.Join(dataDir, "window.lock"))
	if errors.Is(err, lockfile.ErrLocked) {
		return nil, askToShow(sock)
	} else if err != nil {
		return nil, nil // an unlockable folder: the window will report it
	}
	c := &WindowClaim{dir: dataDir, lock: lock, show: make(chan struct{}, 1)}
	if err := os.MkdirAll(filepath.Dir(sock), 0o700); err == nil {
		os.Remove(sock) // left by a window that was killed; we hold the lock
		if c.ln, err = net.Listen("unix", sock); err == nil {
			go c.serve()
		}
	}
	return c, nil
}

// Show is signalled each time a second launch asks for the window.
func (c *WindowClaim) Show() <-chan struct{} { return c.show }

// Release gives up the claim.
func (c *WindowClaim) Release() {
	if c == nil {
		return
	}
	if c.ln != nil {
		c.ln.Close()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lock.Unlock()
}

// Relock claims the data folder again after it was replaced by a restore:
// the lock file held so far went aside with the data it was in.
func (c *WindowClaim) Relock() error {
	if c == nil {
		return nil
	}
	lock, err := lockfile.TryLock(filepath.Join(c.dir, "window.lock"))
	if err != nil {
		return err
	}
	c.mu.Lock()
	old := c.lock
	c.lock = lock
	c.mu.Unlock()
	old.Unlock()
	return nil
}

func (c *WindowClaim) serve() {
	for {
		conn, err := c.ln.Accept()
		if err != nil {
			return
		}
		conn.SetDeadline(time.Now().Add(2 * time.Second))
		if line, err := bufio.NewReader(conn).ReadString('\n'); err == nil && line == "show\n" {
			select {
			case c.show <- struct{}{}:
			default: // one is pending already
			}
			conn.Write([]byte("ok\n"))
		}
		conn.Close()
	}
}

// askToShow asks the window holding the folder to come forward. The other
// window may be starting and not listening yet, so it tries for a while.
func askToShow(sock string) error {
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := func() error {
			conn, err := net.DialTimeout("unix", sock, time.Second)
			if err != nil {
				return err
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(2 * time.Second))
			if _, err := conn.Write([]byte("show\n")); err != nil {
				return err
			}
			if line, err := bufio.NewReader(conn).ReadString('\n'); err != nil || line != "ok\n" {
				return fmt.Errorf("no answer (%v)", err)
			}
			return nil
		}()
		if err == nil {
			return ErrAlreadyOpen
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("PeerPlayPay is already open for this data folder, but its window did not answer (%v); close it, or end its process, and try again", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// windowSocket is a short path (sockets have a length limit of about 100
// bytes) unique to the data folder.
func windowSocket(dataDir string) string {
	sum := sha256.Sum256([]byte(dataDir))
	return filepath.Join(datadir.RuntimeDir(), "window-"+hex.EncodeToString(sum[:8])+".sock")
}

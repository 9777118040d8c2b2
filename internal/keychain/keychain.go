// Package keychain keeps the member's secrets (the S3 secret key of the
// team share) out of the database, which backups, exports and support
// requests copy: in the system keychain where there is one (Secret Service
// on Linux, Keychain on macOS, Credential Manager on Windows), else in a
// file of the data folder that only the user can read.
package keychain

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/zalando/go-keyring"

	"peerplaypay/internal/peerplaypay"
)

// service names PeerPlayPay's entries in the system keychain.
const service = "PeerPlayPay"

// Where a secret is kept.
const (
	PlaceKeychain = "keychain"
	PlaceFile     = "file"
)

// EnvVar set to "off" keeps secrets in the file even where there is a
// keychain: for a member who prefers it, and for tests, which must not
// fill the developer's own keychain.
const EnvVar = "PEERPLAYPAY_KEYCHAIN"

// maxSecret bounds what is read back: an S3 secret is 40 characters.
const maxSecret = 4 << 10

// timeout bounds one call to the keychain: a Secret Service that hangs (a
// stuck D-Bus peer) must not hang a command or the window for good. An
// unlock dialog the member has to answer fits well inside it.
const timeout = 2 * time.Minute

// probeTimeout bounds the first look at the keychain, which decides
// whether there is one.
const probeTimeout = 10 * time.Second

// Store keeps the secrets of one data folder.
type Store struct {
	dataDir string

	once   sync.Once
	ring   bool   // the system keychain answers
	noRing string // why not, when it does not
}

// New returns the Store of dataDir.
func New(dataDir string) *Store {
	if abs, err := filepath.Abs(dataDir); err == nil {
		dataDir = abs
	}
	return &Store{dataDir: dataDir}
}

// account names the secret of this data folder in the keychain: two data
// folders on one machine (two members, or tests) must not share it.
func (s *Store) account(name string) string { return name + "@" + s.dataDir }

// File is where the secret name is kept when there is no keychain.
func (s *Store) File(name string) string { return filepath.Join(s.dataDir, "secret-"+name) }

// Keychain reports whether the system keychain answers here, and if not,
// why. The answer is found once per Store.
func (s *Store) Keychain(ctx context.Context) (bool, string) {
	s.once.Do(func() {
		if os.Getenv(EnvVar) == "off" {
			s.noRing = EnvVar + "=off"
			return
		}
		if why := busMissing(); why != "" {
			s.noRing = why
			return
		}
		_, err := call(ctx, probeTimeout, func() (string, error) { return keyring.Get(service, s.account("probe")) })
		if err == nil || errors.Is(err, keyring.ErrNotFound) {
			s.ring = true
			return
		}
		s.noRing = err.Error()
	})
	return s.ring, s.noRing
}

// Place says where a secret saved now goes, in words for the member.
func (s *Store) Place(ctx context.Context, name string) (string, string) {
	if ok, _ := s.Keychain(ctx); ok {
		return PlaceKeychain, "the system keychain"
	}
	return PlaceFile, fmt.Sprintf("%s, readable by you only (no system keychain here)", s.File(name))
}

// Secret returns the secret name, or "" when none is kept. A secret found
// in the file while the keychain answers (written where there was none, or
// restored) moves into the keychain.
func (s *Store) Secret(ctx context.Context, name string) (string, error) {
	fromFile, err := s.readFile(name)
	if err != nil {
		return "", err
	}
	ring, why := s.Keychain(ctx)
	if !ring {
		return fromFile, nil
	}
	if fromFile != "" {
		if err := s.SetSecret(ctx, name, fromFile); err != nil {
			return fromFile, nil // it still works from the file
		}
		return fromFile, nil
	}
	v, err := call(ctx, timeout, func() (string, error) { return keyring.Get(service, s.account(name)) })
	if errors.Is(err, keyring.ErrNotFound) {
		return "", nil
	} else if err != nil {
		return "", unreachable(why, err)
	}
	return v, nil
}

// SetSecret keeps value as the secret name, in the keychain if there is
// one, else in the file; "" removes it from both.
func (s *Store) SetSecret(ctx context.Context, name, value string) error {
	ring, _ := s.Keychain(ctx)
	if value == "" || ring {
		if ring {
			_, err := call(ctx, timeout, func() (string, error) {
				if value == "" {
					return "", keyring.Delete(service, s.account(name))
				}
				return "", keyring.Set(service, s.account(name), value)
			})
			if err != nil && !errors.Is(err, keyring.ErrNotFound) {
				return unreachable("", err)
			}
		}
		if err := os.Remove(s.File(name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot remove %s (%v); remove it by hand.", s.File(name), err)
		}
		return nil
	}
	return s.writeFile(name, value)
}

// writeFile writes the secret through a temporary file made 0600 before a
// byte goes in, so it is never readable by others, even for a moment.
func (s *Store) writeFile(name, value string) error {
	path := s.File(name)
	tmp, err := os.CreateTemp(s.dataDir, ".secret-*")
	if err != nil {
		return unwritable(path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return unwritable(path, err)
	}
	if _, err := tmp.WriteString(value); err != nil {
		tmp.Close()
		return unwritable(path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return unwritable(path, err)
	}
	if err := tmp.Close(); err != nil {
		return unwritable(path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return unwritable(path, err)
	}
	return nil
}

// readFile returns the secret kept in the file, "" when there is none. A
// file others can read (copied by hand, restored by another tool) is made
// the user's own again before it is used.
func (s *Store) readFile(name string) (string, error) {
	path := s.File(name)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	} else if err != nil {
		return "", peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot read %s (%v); check its permissions.", path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(0o600); err != nil {
			return "", peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "%s can be read by others and cannot be made yours only (%v); run `chmod 600 %s`.", path, err, path)
		}
	}
	b := make([]byte, maxSecret+1)
	n, err := f.Read(b)
	if err != nil && n == 0 {
		return "", nil
	}
	if n > maxSecret {
		return "", peerplaypay.Errorf(peerplaypay.ECORRUPT, "%s is larger than a secret key; remove it and give the S3 keys again.", path)
	}
	return strings.TrimSpace(string(b[:n])), nil
}

// call runs f with a deadline; go-keyring takes no context.
func call(ctx context.Context, d time.Duration, f func() (string, error)) (string, error) {
	type result struct {
		v   string
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-done:
		return r.v, r.err
	case <-t.C:
		return "", fmt.Errorf("the keychain did not answer within %s", d)
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func unreachable(why string, err error) error {
	if why == "" {
		why = err.Error()
	}
	return peerplaypay.Errorf(peerplaypay.EUNAVAILABLE,
		"The system keychain, where the S3 secret key is kept, cannot be used (%s). Unlock or start it, or give the secret again (AWS_SECRET_ACCESS_KEY or --secret-key-file).", why)
}

func unwritable(path string, err error) error {
	return peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write %s (%v). Check that the data folder is writable.", path, err)
}

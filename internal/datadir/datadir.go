// Package datadir finds and prepares the folder that holds a member's
// database and recordings.
package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"peerplaypay/internal/peerplaypay"
)

// EnvVar overrides the default data folder; the --data-dir flag overrides it.
const EnvVar = "PEERPLAYPAY_HOME"

// Source says where a data folder path came from, for doctor's report.
type Source string

const (
	FromFlag    Source = "--data-dir"
	FromEnv     Source = EnvVar
	FromDefault Source = "default"
)

// Resolve returns the data folder: flag if set, else $PEERPLAYPAY_HOME, else
// the operating system's per-user data folder.
func Resolve(flag string) (string, Source, error) {
	if flag != "" {
		dir, err := filepath.Abs(flag)
		return dir, FromFlag, err
	}
	if env := os.Getenv(EnvVar); env != "" {
		dir, err := filepath.Abs(env)
		return dir, FromEnv, err
	}
	dir, err := userDataDir()
	if err != nil {
		return "", FromDefault, peerplaypay.Errorf(peerplaypay.EUNAVAILABLE,
			"Cannot find your user data folder (%v). Start PeerPlayPay with --data-dir DIR or set %s.", err, EnvVar)
	}
	return dir, FromDefault, nil
}

// userDataDir follows each system's convention for application data that is
// not configuration: recordings are large, so on Windows they belong in the
// local (not roaming) profile.
func userDataDir() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "PeerPlayPay"), nil
		}
		return "", errors.New("%LocalAppData% is not set")
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Application Support", "PeerPlayPay"), nil
	default:
		if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
			return filepath.Join(d, "peerplaypay"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, ".local", "share", "peerplaypay"), nil
	}
}

// probePattern names the files Prepare writes to prove a folder writable.
const probePattern = ".write-probe-*"

// Prepare creates dir if needed and proves it writable by writing, syncing
// and removing a probe file: permission bits alone do not tell (read-only
// mounts, full disks, root).
func Prepare(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return unwritable(dir, err)
	}
	// A start killed between the probe's creation and its removal left it:
	// probes are never data, so any found now goes.
	old, _ := filepath.Glob(filepath.Join(dir, probePattern))
	for _, p := range old {
		os.Remove(p)
	}
	f, err := os.CreateTemp(dir, probePattern)
	if err != nil {
		return unwritable(dir, err)
	}
	name := f.Name()
	_, err = f.Write([]byte("ok"))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	os.Remove(name)
	if err != nil {
		return unwritable(dir, err)
	}
	return nil
}

func unwritable(dir string, err error) error {
	reason := err
	var pe *os.PathError
	if errors.As(err, &pe) {
		reason = pe.Err
	}
	return &peerplaypay.Error{Code: peerplaypay.EUNWRITABLE, Message: fmt.Sprintf(
		"The data folder %s cannot be written (%v). Fix its permissions or free some space, or choose another folder with --data-dir DIR or %s=DIR.",
		dir, reason, EnvVar)}
}

// RuntimeDir is a per-user folder for locks that concern the whole machine
// rather than one data folder (a camera serves one recording, whichever
// folder it is for). It is not created here.
func RuntimeDir() string {
	if d := os.Getenv("XDG_RUNTIME_DIR"); runtime.GOOS == "linux" && filepath.IsAbs(d) {
		return filepath.Join(d, "peerplaypay")
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("peerplaypay-%d", os.Getuid()))
}

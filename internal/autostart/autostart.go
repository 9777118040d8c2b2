// Package autostart starts PeerPlayPay at login through the desktop's XDG
// autostart folder, so that reminders go out without opening the window.
package autostart

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FileName is the entry's name in the autostart folder.
const FileName = "peerplaypay.desktop"

// MinimisedFlag is the flag the entry starts the app with: the window
// starts minimised, and the reminders run.
const MinimisedFlag = "--minimised"

// Path is where the entry goes: $XDG_CONFIG_HOME/autostart, else
// ~/.config/autostart, as the XDG Autostart specification says.
func Path() (string, error) {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the home folder for the autostart entry: %w", err)
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "autostart", FileName), nil
}

// Enabled reports whether the entry is there.
func Enabled() bool {
	p, err := Path()
	if err != nil {
		return false
	}
	_, err = os.Stat(p)
	return err == nil
}

// Enable writes the entry that starts exe with args at login, replacing
// any earlier one whole (written aside, then renamed).
func Enable(exe string, args []string) (string, error) {
	p, err := Path()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", fmt.Errorf("create the autostart folder: %w", err)
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(Entry(exe, args)), 0o644); err != nil {
		return "", fmt.Errorf("write the autostart entry: %w", err)
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("write the autostart entry: %w", err)
	}
	return p, nil
}

// Disable removes the entry; none there is no error.
func Disable() (string, error) {
	p, err := Path()
	if err != nil {
		return "", err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("remove the autostart entry: %w", err)
	}
	return p, nil
}

// Entry is the desktop entry that starts exe with args.
func Entry(exe string, args []string) string {
	words := []string{quoteArg(exe)}
	for _, a := range args {
		words = append(words, quoteArg(a))
	}
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=PeerPlayPay\n" +
		"Comment=Reminders for your stand-up, reflection, goals and weekly session\n" +
		"Exec=" + escapeValue(strings.Join(words, " ")) + "\n" +
		"Icon=peerplaypay\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n"
}

// quoteArg quotes one word of Exec as the Desktop Entry specification asks:
// a word with a reserved character goes in double quotes, inside which ",
// `, $ and \ are escaped; a literal % is written twice.
func quoteArg(s string) string {
	s = strings.ReplaceAll(s, "%", "%%")
	if s != "" && !strings.ContainsAny(s, " \t\n\"'\\><~|&;$*?#()`") {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if strings.ContainsRune("\"`$\\", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// escapeValue escapes a string value of a desktop entry: the quoting's
// backslashes are themselves escaped once more.
func escapeValue(s string) string {
	return strings.NewReplacer("\\", "\\\\", "\n", "\\n", "\t", "\\t", "\r", "\\r").Replace(s)
}

// Switch writes (on) or removes the entry that starts this program at
// login, minimised, on dataDir ("" for the default data folder), and
// returns the entry's path.
func Switch(on bool, dataDir string) (string, error) {
	if !on {
		return Disable()
	}
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("find this program for the autostart entry: %w", err)
	}
	args := []string{MinimisedFlag}
	if dataDir != "" {
		// Login starts the app from the home folder, not from here.
		if dataDir, err = filepath.Abs(dataDir); err != nil {
			return "", err
		}
		args = append(args, "--data-dir", dataDir)
	}
	return Enable(exe, args)
}

//go:build linux || freebsd || openbsd || netbsd || dragonfly

package keychain

import (
	"os"
	"path/filepath"
)

// busMissing says why there is no D-Bus session bus, the way to the Secret
// Service, or "" when there is one. Without this check the D-Bus library
// would start a bus of its own (dbus-launch), which outlives the command.
func busMissing() string {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return ""
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "bus")); err == nil {
			return ""
		}
	}
	return "no D-Bus session bus"
}

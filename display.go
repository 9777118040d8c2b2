//go:build !bindings

package main

import (
	"errors"
	"os"
	"runtime"
)

// errNoDisplay is the one line a member sees when the window cannot open.
var errNoDisplay = errors.New("cannot open the window: no display can be reached (DISPLAY or WAYLAND_DISPLAY). Start PeerPlayPay from a desktop session; commands such as `peerplaypay help` work without one")

// checkDisplay refuses at once what the window toolkit would refuse with a
// panic: a Linux session without any display.
func checkDisplay() error {
	if runtime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errNoDisplay
	}
	return nil
}

package app

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/godbus/dbus/v5"
)

// notify sends a desktop notification over the session bus's
// org.freedesktop.Notifications, which every Linux desktop provides.
func notify(ctx context.Context, title, body string) error {
	// Without a session bus address the library would try to launch a
	// bus of its own; a missing desktop is simply no notification.
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		if _, err := os.Stat(fmt.Sprintf("/run/user/%d/bus", os.Getuid())); err != nil {
			return errors.New("no session bus")
		}
	}
	conn, err := dbus.ConnectSessionBus(dbus.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("session bus: %w", err)
	}
	defer conn.Close()
	obj := conn.Object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
	call := obj.CallWithContext(ctx, "org.freedesktop.Notifications.Notify", 0,
		"PeerPlayPay", uint32(0), "peerplaypay", title, body, []string{}, map[string]dbus.Variant{}, int32(-1))
	return call.Err
}

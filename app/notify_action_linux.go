package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"

	"github.com/godbus/dbus/v5"
)

const (
	notifyDest  = "org.freedesktop.Notifications"
	notifyPath  = dbus.ObjectPath("/org/freedesktop/Notifications")
	notifyIface = "org.freedesktop.Notifications"
)

// actionBus sends notifications that can be clicked: it keeps its session
// bus connection open, since the notification service tells the click
// (ActionInvoked) to the connection that sent the notification.
type actionBus struct {
	mu      sync.Mutex
	conn    *dbus.Conn
	actions bool
	// sent maps a notification's id to what clicking it opens.
	sent    map[uint32]string
	onClick func(target string)
}

func newActionBus(onClick func(target string)) *actionBus {
	return &actionBus{sent: map[uint32]string{}, onClick: onClick}
}

func (b *actionBus) connect(ctx context.Context) (*dbus.Conn, error) {
	if b.conn != nil && b.conn.Connected() {
		return b.conn, nil
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		if _, err := os.Stat(fmt.Sprintf("/run/user/%d/bus", os.Getuid())); err != nil {
			return nil, errors.New("no session bus")
		}
	}
	// A private connection: closing it never closes one the process
	// shares with other code.
	conn, err := dbus.SessionBusPrivate(dbus.WithContext(context.Background()))
	if err == nil {
		err = conn.Auth(nil)
	}
	if err == nil {
		err = conn.Hello()
	}
	if err != nil {
		if conn != nil {
			conn.Close()
		}
		return nil, fmt.Errorf("session bus: %w", err)
	}
	var caps []string
	if err := conn.Object(notifyDest, notifyPath).CallWithContext(ctx, notifyIface+".GetCapabilities", 0).Store(&caps); err != nil {
		conn.Close()
		return nil, fmt.Errorf("notification service: %w", err)
	}
	b.actions = slices.Contains(caps, "actions")
	if err := conn.AddMatchSignal(dbus.WithMatchInterface(notifyIface), dbus.WithMatchMember("ActionInvoked")); err != nil {
		conn.Close()
		return nil, fmt.Errorf("listen for clicks: %w", err)
	}
	signals := make(chan *dbus.Signal, 16)
	conn.Signal(signals)
	go b.listen(signals)
	b.conn = conn
	return conn, nil
}

func (b *actionBus) listen(signals chan *dbus.Signal) {
	for s := range signals {
		if s.Name != notifyIface+".ActionInvoked" || len(s.Body) < 2 {
			continue
		}
		id, _ := s.Body[0].(uint32)
		b.mu.Lock()
		target, ok := b.sent[id]
		delete(b.sent, id)
		b.mu.Unlock()
		if ok {
			b.onClick(target)
		}
	}
}

// send shows a notification whose click opens target. clickable is false
// when the service shows no actions: the window then opens target itself
// the next time it gets the focus.
func (b *actionBus) send(ctx context.Context, title, body, target string) (clickable bool, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	conn, err := b.connect(ctx)
	if err != nil {
		return false, err
	}
	var actions []string
	if b.actions {
		actions = []string{"default", "Open"}
	}
	var id uint32
	err = conn.Object(notifyDest, notifyPath).CallWithContext(ctx, notifyIface+".Notify", 0,
		"PeerPlayPay", uint32(0), "peerplaypay", title, body, actions,
		map[string]dbus.Variant{}, int32(-1)).Store(&id)
	if err != nil {
		return false, err
	}
	b.sent[id] = target
	return b.actions, nil
}

func (b *actionBus) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.conn != nil {
		b.conn.Close()
		b.conn = nil
	}
}

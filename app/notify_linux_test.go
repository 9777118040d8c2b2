package app_test

import (
	"bufio"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"peerplaypay/app"
)

// notifications stands in for the desktop's notification service.
type notifications struct {
	got chan [2]string
	// full has each notification's id and actions too, for those who ask.
	full chan notice
	last uint32
	// plain makes the service one that shows no actions: nothing to click.
	plain atomic.Bool
}

type notice struct {
	id            uint32
	summary, body string
	actions       []string
}

func (n *notifications) Notify(appName string, id uint32, icon, summary, body string, actions []string,
	hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	n.last++
	n.got <- [2]string{summary, body}
	select {
	case n.full <- notice{n.last, summary, body, actions}:
	default:
	}
	return n.last, nil
}

// GetCapabilities says the service shows actions: a notification can be clicked.
func (n *notifications) GetCapabilities() ([]string, *dbus.Error) {
	if n.plain.Load() {
		return []string{"body"}, nil
	}
	return []string{"actions", "body"}, nil
}

// sessionBus starts a real session bus with a notification service on it
// for the test, and points the app at it.
func sessionBus(t *testing.T) (*notifications, *dbus.Conn) {
	t.Helper()
	daemon, err := exec.LookPath("dbus-daemon")
	if err != nil {
		t.Skip("no dbus-daemon on this system")
	}
	addr := "unix:path=" + filepath.Join(t.TempDir(), "bus")
	cmd := exec.Command(daemon, "--session", "--nofork", "--print-address", "--address="+addr)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	if _, err := bufio.NewReader(out).ReadString('\n'); err != nil { // the bus is up once it prints its address
		t.Fatal(err)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)

	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	srv := &notifications{got: make(chan [2]string, 8), full: make(chan notice, 8)}
	conn.Export(srv, "/org/freedesktop/Notifications", "org.freedesktop.Notifications")
	if reply, err := conn.RequestName("org.freedesktop.Notifications", dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own the name: %v %v", reply, err)
	}
	return srv, conn
}

// TestNotify sends the end-of-reflection notification over a real session
// bus to a notification service on it.
func TestNotify(t *testing.T) {
	srv, conn := sessionBus(t)

	a := MustStart(t, t.TempDir())
	app.NewDailyPractice(a).Notify("Reflection done", "30 minutes of reflection")
	select {
	case got := <-srv.got:
		if got != [2]string{"Reflection done", "30 minutes of reflection"} {
			t.Errorf("notified %q", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no notification arrived")
	}

	// With the service gone, Notify returns quietly.
	conn.ReleaseName("org.freedesktop.Notifications")
	done := make(chan struct{})
	go func() { app.NewDailyPractice(a).Notify("x", strings.Repeat("y", 10)); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Notify hung without a notification service")
	}
}

package app_test

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/app"
	"peerplaypay/internal/peerplaypay"
)

// The window's dialogs cannot open without a window: the facade is given
// one that answers as the member would, and records what it was asked.
func TestDialogs(t *testing.T) {
	home := t.TempDir()
	var asked []app.DialogRequest
	answer, fail := "", error(nil)
	a := app.New(app.Config{DataDir: t.TempDir(), Version: "test", Dialog: func(r app.DialogRequest) (string, error) {
		asked = append(asked, r)
		return answer, fail
	}}, quiet)
	if err := a.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	d := app.NewDialogs(a)

	t.Run("OK", func(t *testing.T) {
		for _, tc := range []struct {
			purpose, current string
			want             app.DialogRequest
		}{
			// Nothing typed: the dialog's own start, a suggested name.
			{"recoveryKey", "", app.DialogRequest{Kind: app.DialogSave, Name: "peerplaypay-recovery.txt"}},
			// A new file typed in an existing folder: there, with that name.
			{"backup", filepath.Join(home, "monday.tar"), app.DialogRequest{Kind: app.DialogSave, Dir: home, Name: "monday.tar"}},
			// A folder typed: open in it.
			{"export", home, app.DialogRequest{Kind: app.DialogFolder, Dir: home}},
			{"shareFolder", filepath.Join(home, "team"), app.DialogRequest{Kind: app.DialogFolder, Dir: home}},
			{"restore", filepath.Join(home, "old.tar"), app.DialogRequest{Kind: app.DialogOpen, Dir: home}},
			// A path in a folder that does not exist: the dialog's own start.
			{"backup", filepath.Join(home, "gone", "x.tar"), app.DialogRequest{Kind: app.DialogSave}},
		} {
			asked = nil
			answer = filepath.Join(home, "chosen")
			got, err := d.Choose(tc.purpose, tc.current)
			if err != nil || got != answer {
				t.Fatalf("Choose(%q, %q) = %q, %v", tc.purpose, tc.current, got, err)
			}
			if len(asked) != 1 {
				t.Fatalf("Choose(%q) showed %d dialogs", tc.purpose, len(asked))
			}
			r := asked[0]
			if r.Kind != tc.want.Kind || r.Dir != tc.want.Dir || r.Name != tc.want.Name || r.Title == "" {
				t.Errorf("Choose(%q, %q) asked %+v; want kind %s, dir %q, name %q", tc.purpose, tc.current, r, tc.want.Kind, tc.want.Dir, tc.want.Name)
			}
		}
	})

	t.Run("Cancelled", func(t *testing.T) {
		answer = ""
		if got, err := d.Choose("export", ""); got != "" || err != nil {
			t.Fatalf("cancelled dialog = %q, %v", got, err)
		}
	})

	t.Run("ErrUnavailable", func(t *testing.T) {
		fail = errors.New("no portal")
		defer func() { fail = nil }()
		_, err := d.Choose("export", "")
		code, msg, _ := decode(t, err)
		if code != peerplaypay.EUNAVAILABLE || !strings.Contains(msg, "type the path") {
			t.Fatalf("failed dialog: %s %q", code, msg)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		asked = nil
		_, err := d.Choose("passwords", "")
		if code, _, _ := decode(t, err); code != peerplaypay.EINVALID || len(asked) != 0 {
			t.Fatalf("unknown purpose: code %s, %d dialogs shown", code, len(asked))
		}
	})

	t.Run("NoWindow", func(t *testing.T) {
		_, err := app.NewDialogs(MustStart(t, t.TempDir())).Choose("backup", "")
		if code, msg, _ := decode(t, err); code != peerplaypay.EUNAVAILABLE || !strings.Contains(msg, "type the path") {
			t.Fatalf("no window: %s %q", code, msg)
		}
	})
}

// TestWindowPrefs keeps the sidebar's state and "later" for the recovery
// key across starts, as the first screen's status reports them.
func TestWindowPrefs(t *testing.T) {
	dir := t.TempDir()
	s := app.NewShell(MustStart(t, dir))
	if p := s.Status().Prefs; p.SidebarCollapsed || !p.RecoveryLaterUntil.IsZero() {
		t.Fatalf("fresh prefs = %+v", p)
	}
	if err := s.SetSidebarCollapsed(true); err != nil {
		t.Fatal(err)
	}
	later, err := s.RecoveryKeyLater()
	if err != nil {
		t.Fatal(err)
	}
	until, err := time.Parse(time.RFC3339, later)
	if err != nil {
		t.Fatalf("RecoveryKeyLater = %q: %v", later, err)
	}
	if d := time.Until(until); d < 6*24*time.Hour || d > 7*24*time.Hour+time.Minute {
		t.Fatalf("later quiets the reminder for %s; want a week", d)
	}

	again := app.NewShell(MustStart(t, dir))
	p := again.Status().Prefs
	if !p.SidebarCollapsed || !p.RecoveryLaterUntil.Equal(until) {
		t.Fatalf("prefs after a restart = %+v; want collapsed, later until %s", p, until)
	}
	if err := again.SetSidebarCollapsed(false); err != nil || again.Status().Prefs.SidebarCollapsed {
		t.Fatalf("expanding again: %v, %+v", err, again.Status().Prefs)
	}
}

// TestZoom scales the window through its hook and keeps the level for the
// next start; a level outside the bounds and a window that cannot zoom are
// refused with a sentence, and the kept level stays as it was.
func TestZoom(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var got []float64
	start := func(zoom func(float64) bool) *app.Shell {
		a := app.New(app.Config{DataDir: dir, Version: "test", Zoom: zoom}, quiet)
		a.Start(context.Background())
		t.Cleanup(func() { a.Close() })
		return app.NewShell(a)
	}
	s := start(func(l float64) bool { got = append(got, l); return true })
	if z := s.Status().Prefs.Zoom; z != 1 {
		t.Fatalf("fresh zoom = %v; want 1", z)
	}
	if err := s.SetZoom(2); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []float64{0.2, 3.5, math.NaN()} {
		code, msg, field := decode(t, s.SetZoom(bad))
		if code != "invalid" || field != "zoom" || !strings.Contains(msg, "Ctrl+0") {
			t.Errorf("SetZoom(%v) = %s %s %q", bad, code, field, msg)
		}
	}
	if len(got) != 1 || got[0] != 2 {
		t.Fatalf("the window was zoomed to %v; want [2]", got)
	}
	if z := s.Status().Prefs.Zoom; z != 2 {
		t.Fatalf("zoom after SetZoom(2) = %v", z)
	}

	none := start(func(float64) bool { return false })
	if code, msg, _ := decode(t, none.SetZoom(1.5)); code != peerplaypay.EUNAVAILABLE || !strings.Contains(msg, "text size") {
		t.Fatalf("a window that cannot zoom: %s %q", code, msg)
	}
	if z := none.Status().Prefs.Zoom; z != 2 {
		t.Fatalf("a refused zoom changed the kept one to %v", z)
	}
}

package app

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"log/slog"
	"peerplaypay/internal/peerplaypay"
	"sort"
	"time"
)

// Shell is bound to the frontend: start-up status and facts about the app.
type Shell struct {
	app *App
}

// NewShell returns the Shell facade of a.
func NewShell(a *App) *Shell { return &Shell{app: a} }

// StartupStatus tells the frontend whether the data folder and database
// opened, and if not, why and what to do.
type StartupStatus struct {
	OK      bool   `json:"ok"`
	Code    string `json:"code"`
	Message string `json:"message"`
	DataDir string `json:"dataDir"`
	// MediaBase is where recordings play from: "" for /media/ on the
	// asset server, else the loopback server's base URL.
	MediaBase string `json:"mediaBase"`
	// Saved is the recording the last run saved as it closed, told once.
	Saved *CloseNotice `json:"saved"`
	// Restored is what a restore from the window just put in place, told
	// once, after the page reloaded onto it.
	Restored *RestoreNotice `json:"restored"`
	// Profile is the member's profile, nil before onboarding; sent here so
	// the first screen needs one call, not two. ProfileRead is false when
	// it could not be read (the page asks again and shows why).
	Profile     *peerplaypay.Profile `json:"profile"`
	ProfileRead bool                 `json:"profileRead"`
	// Prefs are the window's choices, so the first screen is drawn as the
	// member left it.
	Prefs UIPrefs `json:"prefs"`
}

// UIPrefs are choices the member made in the window, kept across starts.
type UIPrefs struct {
	SidebarCollapsed bool `json:"sidebarCollapsed"`
	// RecoveryLaterUntil is when the reminder to save the recovery key
	// comes back after the member said "later".
	RecoveryLaterUntil time.Time `json:"recoveryLaterUntil" ts_type:"string"`
	// Zoom is the page's scale, 1 for 100 %.
	Zoom float64 `json:"zoom"`
}

const (
	keySidebarCollapsed   = "ui.sidebarCollapsed"
	keyRecoveryLaterUntil = "ui.recoveryLaterUntil"
	keyZoom               = "ui.zoom"
	// MinZoom and MaxZoom bound the page's scale: past them text is too
	// small to read or a 800x600 window holds too little to work in.
	MinZoom = 0.5
	MaxZoom = 3
	// recoveryLater is how long "later" quiets the recovery key reminder:
	// long enough not to nag, short enough that the key is not forgotten.
	recoveryLater = 7 * 24 * time.Hour
)

// AppInfo is shown in Settings.
type AppInfo struct {
	Version string `json:"version"`
	Commit  string `json:"commit"`
	DataDir string `json:"dataDir"`
}

// Status reports the start-up result, retrying a failed start first so that
// a member who fixed the cause can go on without restarting the app.
func (s *Shell) Status() StartupStatus {
	s.app.step("status asked")
	err := s.app.retry()
	s.app.mu.Lock()
	if err == nil {
		err = s.app.damaged
	}
	st := StartupStatus{OK: err == nil, DataDir: s.app.dataDir}
	if err == nil {
		st.Saved, s.app.closeNotice = s.app.closeNotice, nil
		st.Restored, s.app.restored = s.app.restored, nil
	}
	s.app.mu.Unlock()
	if err != nil {
		ue := toUser(s.app.log, "status", err).(*userError)
		st.Code, st.Message = ue.Code, ue.Message
		return st
	}
	st.MediaBase = s.app.MediaBase()
	if svc, err := s.app.services(); err == nil {
		p, err := svc.profiles.Profile(svc.ctx)
		st.ProfileRead = err == nil || peerplaypay.ErrorCode(err) == peerplaypay.ENOTFOUND
		if err == nil {
			st.Profile = p
		}
		st.Prefs = prefs(svc)
	}
	if st.Saved != nil {
		s.app.log.Info("telling what was saved as the last run closed", "logId", st.Saved.LogID)
	}
	return st
}

// Info returns the version and data folder.
func (s *Shell) Info() AppInfo {
	s.app.mu.Lock()
	defer s.app.mu.Unlock()
	return AppInfo{Version: s.app.cfg.Version, Commit: s.app.cfg.Commit, DataDir: s.app.dataDir}
}

// PageTimes are the page's first steps, in ms since the page was asked for
// (Origin, in ms since the epoch): its HTML and main script received, the
// script running and run, the start-up status answered, the first screen.
type PageTimes struct {
	Origin    float64 `json:"origin"`
	HTML      float64 `json:"html"`
	Bundle    float64 `json:"bundle"`
	Script    float64 `json:"script"`
	Evaluated float64 `json:"evaluated"`
	Status    float64 `json:"status"`
	Rendered  float64 `json:"rendered"`
}

// Ready is called by the frontend once its first screen has rendered. The
// first call logs the start-up time, what a member waits before they can
// act, and where it went: each step in ms since the process started.
func (s *Shell) Ready(p PageTimes) {
	s.app.ready.Do(func() {
		ms := time.Since(s.app.cfg.Started).Milliseconds()
		s.app.log.Info("ui ready", "startupMs", ms, "steps", s.app.startSteps(p))
		s.app.afterFirstScreen()
	})
}

// Quit closes the app even though a recording runs: the member chose, in
// the window, to stop and save it first (or to leave it).
func (s *Shell) Quit() { s.app.QuitNow() }

// Log writes a line from the page into the app's log, so that what happens
// in the window (a player that fails, what it played) can be read where
// the rest is. Debug lines show only with PEERPLAYPAY_LOG=debug.
func (s *Shell) Log(level, message string, fields map[string]any) {
	lvl := slog.LevelInfo
	switch level {
	case "debug":
		lvl = slog.LevelDebug
	case "warn":
		lvl = slog.LevelWarn
	case "error":
		lvl = slog.LevelError
	}
	if !s.app.log.Enabled(context.Background(), lvl) {
		return
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	attrs := make([]any, 0, 2*len(keys))
	for _, k := range keys {
		attrs = append(attrs, k, fields[k])
	}
	s.app.log.Log(context.Background(), lvl, "ui: "+message, attrs...)
}

// prefs reads the window's choices; one that cannot be read is the default.
func prefs(svc services) UIPrefs {
	collapsed, _ := svc.settings.Setting(svc.ctx, keySidebarCollapsed, "")
	later, _ := svc.settings.Setting(svc.ctx, keyRecoveryLaterUntil, "")
	zoom, _ := svc.settings.Setting(svc.ctx, keyZoom, "")
	p := UIPrefs{SidebarCollapsed: collapsed == "1", Zoom: 1}
	p.RecoveryLaterUntil, _ = time.Parse(time.RFC3339, later)
	if z, err := strconv.ParseFloat(zoom, 64); err == nil && z >= MinZoom && z <= MaxZoom {
		p.Zoom = z
	}
	return p
}

// SetZoom scales the window's page (1 is 100 %, 2 is 200 %) and keeps the
// choice for the next starts.
func (s *Shell) SetZoom(level float64) error {
	if math.IsNaN(level) || level < MinZoom || level > MaxZoom {
		return &userError{Code: peerplaypay.EINVALID, Field: "zoom",
			Message: fmt.Sprintf("The zoom must be between %d %% and %d %%; %g %% is outside. Press Ctrl+0 for 100 %%.",
				int(MinZoom*100), int(MaxZoom*100), math.Round(level*100))}
	}
	if z := s.app.cfg.Zoom; z == nil || !z(level) {
		return &userError{Code: peerplaypay.EUNAVAILABLE, Message: "This system's window cannot zoom yet: use the system's text size setting instead."}
	}
	return s.setPref(keyZoom, strconv.FormatFloat(level, 'f', -1, 64))
}

// SetSidebarCollapsed keeps whether the sidebar shows icons only.
func (s *Shell) SetSidebarCollapsed(collapsed bool) error {
	v := "0"
	if collapsed {
		v = "1"
	}
	return s.setPref(keySidebarCollapsed, v)
}

// RecoveryKeyLater quiets the reminder to save the recovery key for a week
// and returns when it comes back (RFC 3339; a string, so the generated
// bindings keep Go's times as they are elsewhere).
func (s *Shell) RecoveryKeyLater() (string, error) {
	until := time.Now().Add(recoveryLater).UTC().Format(time.RFC3339)
	return until, s.setPref(keyRecoveryLaterUntil, until)
}

func (s *Shell) setPref(key, value string) error {
	svc, err := s.app.services()
	if err != nil {
		return toUser(s.app.log, "window preferences", err)
	}
	return toUser(s.app.log, "window preferences", svc.settings.SetSettings(svc.ctx, map[string]string{key: value}))
}

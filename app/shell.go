package app

import "time"

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
}

// AppInfo is shown in Settings.
type AppInfo struct {
	Version string `json:"version"`
	DataDir string `json:"dataDir"`
}

// Status reports the start-up result, retrying a failed start first so that
// a member who fixed the cause can go on without restarting the app.
func (s *Shell) Status() StartupStatus {
	err := s.app.retry()
	s.app.mu.Lock()
	if err == nil {
		err = s.app.damaged
	}
	st := StartupStatus{OK: err == nil, DataDir: s.app.dataDir}
	s.app.mu.Unlock()
	if err != nil {
		ue := toUser(s.app.log, "status", err).(*userError)
		st.Code, st.Message = ue.Code, ue.Message
		return st
	}
	st.MediaBase = s.app.MediaBase()
	return st
}

// Info returns the version and data folder.
func (s *Shell) Info() AppInfo {
	s.app.mu.Lock()
	defer s.app.mu.Unlock()
	return AppInfo{Version: s.app.cfg.Version, DataDir: s.app.dataDir}
}

// Ready is called by the frontend once its first screen has rendered. The
// first call logs the start-up time: what a member waits before they can act.
func (s *Shell) Ready() {
	s.app.ready.Do(func() {
		ms := time.Since(s.app.cfg.Started).Milliseconds()
		s.app.log.Info("ui ready", "startupMs", ms)
		s.app.scheduleCheck()
	})
}

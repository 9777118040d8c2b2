// Package app is the boundary between the desktop window and the services:
// App owns their lifecycle, and one small facade per feature is bound to the
// frontend. Errors leave this package as JSON the frontend can read, so codes
// become messages here and nowhere deeper.
package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"peerplaypay/internal/backup"
	"peerplaypay/internal/datadir"
	"peerplaypay/internal/keychain"
	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/standup"
	"peerplaypay/internal/teamsync"
)

// Config is what main learns from flags and the environment.
type Config struct {
	DataDir string // the --data-dir flag; empty to use PEERPLAYPAY_HOME or the default
	Version string
	Commit  string    // the source's commit, shown beside the version
	Started time.Time // when the process started, for the start-up time log
	// SyntheticDevices adds a test-pattern camera and a tone microphone.
	SyntheticDevices bool
	// Emit sends an event to the frontend; nil drops events (tests, CLI).
	Emit func(topic string, data any)
	// CheckAfter is how long after the first screen the daily integrity
	// check starts; 0 means 15 s, off the member's first moments.
	CheckAfter time.Duration
	// Quit ends the app (the window's runtime.Quit); nil in tests.
	Quit func()
	// LoopbackMedia serves recordings from the loopback server on every
	// system, not only where the webview needs it (tests).
	LoopbackMedia bool
	// Dialog asks the member for a file or folder through the system's
	// dialog; "" means cancelled. Nil: no dialogs (paths are typed).
	Dialog func(DialogRequest) (string, error)
	// DataReplaced is called once a restore has put a backup in the place
	// of the data folder, for the window to claim the new folder; nil in
	// tests.
	DataReplaced func() error
	// Now is the clock for quiet hours and reminders; nil is the system's
	// (tests set it).
	Now func() time.Time
	// RemindEvery is how often the reminders are checked; 0: never by
	// themselves (tests and the CLI).
	RemindEvery time.Duration
	// NextSessionAt is when the weekly session starts next, at or after a
	// time; nil: Mondays at 10:00.
	NextSessionAt func(time.Time) time.Time
	// Show brings the window forward (a clicked reminder); nil in tests.
	Show func()
	// Zoom scales the window's page (1 is 100 %) and says whether it could;
	// nil where there is no window (tests, the CLI).
	Zoom func(level float64) bool
}

// App opens the data folder and database and hands services to the facades.
// A failure to open is kept, not fatal: the window still opens and explains
// it, and the member can fix the cause and retry without restarting.
type App struct {
	cfg Config
	log *slog.Logger

	mu      sync.Mutex
	ctx     context.Context
	dataDir string
	db      *sqlite.DB
	// svc holds the services on the open database, for the facades.
	svc  services
	sync *syncer
	// recoveryProblems are interrupted recordings that could not be repaired.
	recoveryProblems []error
	startErr         error
	// damaged is set when the background check finds damage; it stops all
	// use of the database until the app restarts.
	damaged error
	ready   sync.Once

	// steps are when start-up's steps on this side happened, since
	// cfg.Started, for the "ui ready" line.
	stepsMu sync.Mutex
	steps   []startStep

	mediaOnce sync.Once
	media     *mediaServer

	// quitting is set once the member chose to quit while recording.
	quitting bool
	// closeNotice is what the last run saved as it closed, told once.
	closeNotice *CloseNotice
	// restored is what the restore just done put in place, told once.
	restored *RestoreNotice

	// staged is a backup checked and unpacked, waiting for the member to
	// confirm the restore.
	restoreMu sync.Mutex
	staged    *backup.Unpacked

	remindMu sync.Mutex
	remind   reminderState
}

// Events about closing the window.
const (
	// EventCloseRequested asks the member what to do with the recording
	// running while the window is being closed.
	EventCloseRequested = "app:closeRequested"
)

// keyCloseNotice keeps, across a restart, what was saved when the app
// closed during a recording.
const keyCloseNotice = "notice.savedOnClose"

// CloseNotice tells the next start about a recording that was running when
// the app closed, and was saved then.
type CloseNotice struct {
	LogID      int64  `json:"logId"`
	Kind       string `json:"kind"`
	DurationMs int64  `json:"durationMs"`
}

// New returns an App that is not started yet.
func New(cfg Config, log *slog.Logger) *App {
	if cfg.Emit == nil {
		cfg.Emit = func(string, any) {}
	}
	if cfg.CheckAfter == 0 {
		// Off the first seconds, when the member starts to work and the
		// window is still loading what it shows.
		cfg.CheckAfter = 15 * time.Second
	}
	if cfg.SyntheticDevices {
		media.RegisterSynthetic()
	}
	a := &App{cfg: cfg, log: log, ctx: context.Background()}
	a.sync = &syncer{app: a, kick: make(chan struct{}, 1)}
	return a
}

// Start resolves and prepares the data folder and opens the database. It
// returns the error it also keeps for Status.
func (a *App) Start(ctx context.Context) error {
	a.step("wails up")
	defer a.step("services open")
	a.mu.Lock()
	defer a.mu.Unlock()
	a.ctx = ctx
	a.startReminders(ctx)
	return a.open()
}

func (a *App) open() error {
	dir, _, err := datadir.Resolve(a.cfg.DataDir)
	if err == nil {
		a.dataDir = dir
		err = datadir.Prepare(dir)
	}
	if err == nil {
		var db *sqlite.DB
		if db, err = sqlite.Open(a.ctx, filepath.Join(dir, sqlite.FileName)); err == nil {
			a.db = db
			s := services{ctx: a.ctx, dataDir: dir, db: db,
				profiles: sqlite.NewProfileService(db), logs: sqlite.NewLogService(db),
				settings: sqlite.NewSettingsService(db), drafts: sqlite.NewDraftService(db),
				shareStore: sqlite.NewShareStore(db), growth: sqlite.NewGrowthService(db),
				reminders: sqlite.NewReminderService(db)}
			s.team = teamsync.New(dir, s.shareStore, s.profiles, s.settings, keychain.New(dir), a.log)
			s.studio = standup.New(dir, s.logs)
			s.goals = sqlite.NewGoalService(db, goalPeople(s.team))
			s.answers = sqlite.NewAnswerService(db, goalPeople(s.team))
			s.practice = sqlite.NewTeamSettingsStore(db)
			a.svc = s
			if db.Unclean {
				a.log.Warn("start", "note", "the last run ended without closing the database; its pages were checked and are sound")
			}
			err = a.recover()
			// The window still opens: the secret stays where it was, and
			// the next start tries again.
			if err := s.team.MoveSecretOut(a.ctx); err != nil {
				a.log.Warn("start", "note", "the S3 secret key could not be moved out of the database", "err", err)
			}
			a.loadCloseNotice()
			if err == nil {
				// The member's keys are made at first start, so the
				// recovery key can be offered at once.
				_, err = a.svc.team.Identity()
			}

		}
	}
	a.startErr = err
	if err != nil {
		a.log.Error("start", "dataDir", a.dataDir, "err", err)
	}
	return err
}

// recover repairs recordings an earlier run left unfinished, before any new
// recording can start; what it finds waits for the member in Logs.
func (a *App) recover() error {
	rec, err := a.svc.studio.Recover(a.ctx)
	if err != nil {
		return err
	}
	for _, p := range rec.Problems {
		a.log.Warn("recovery", "problem", p)
	}
	if len(rec.Recovered) > 0 {
		a.log.Info("recovery", "recovered", len(rec.Recovered))
	}
	a.recoveryProblems = rec.Problems
	return nil
}

// EventDamaged tells the window that the background check found the
// database damaged; the payload is the user message.
const EventDamaged = "app:damaged"

// keyLastCheck is when the full integrity check last passed.
const keyLastCheck = "db.lastIntegrityCheck"

// checkEvery is how often the full integrity check runs. It reads the whole
// file, so it runs in the background, never on the way to the first screen.
const checkEvery = 24 * time.Hour

// afterFirstScreen starts the background work once the window is up and
// settled: the daily integrity check and the team share's sync loop.
func (a *App) afterFirstScreen() {
	a.mu.Lock()
	db, settings, ctx := a.db, a.svc.settings, a.ctx
	a.mu.Unlock()
	if db == nil {
		return
	}
	time.AfterFunc(a.cfg.CheckAfter, func() { a.dailyCheck(ctx, db, settings) })
	go a.sync.loop(ctx)
	a.kickSync() // news from the team first thing
}

// dailyCheck runs the full integrity check when the last one is older than
// checkEvery. Damage found stops all further use of the database: nothing
// is written over a damaged file.
func (a *App) dailyCheck(ctx context.Context, db *sqlite.DB, settings *sqlite.SettingsService) {
	if ctx.Err() != nil {
		return
	}
	last, err := settings.Setting(ctx, keyLastCheck, "")
	if err != nil {
		return
	}
	if t, err := time.Parse(time.RFC3339, last); err == nil && time.Since(t) < checkEvery {
		return
	}
	started := time.Now()
	if err := db.IntegrityCheck(ctx); err != nil {
		if ctx.Err() != nil {
			return // closing
		}
		a.mu.Lock()
		a.damaged = err
		a.mu.Unlock()
		a.log.Error("integrity check", "err", err)
		a.cfg.Emit(EventDamaged, peerplaypay.ErrorMessage(err))
		return
	}
	a.log.Info("integrity check", "ok", true, "ms", time.Since(started).Milliseconds())
	settings.SetSettings(ctx, map[string]string{keyLastCheck: time.Now().UTC().Format(time.RFC3339)})
}

// retry opens again after a failed start, for the Retry button.
func (a *App) retry() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.startErr == nil {
		return nil
	}
	return a.open()
}

// BeforeClose is called when the window is about to close. While a
// recording runs it keeps the window open and asks the member (stop and
// save, or keep recording); true means "do not close".
func (a *App) BeforeClose() bool {
	a.mu.Lock()
	quitting, studio := a.quitting, a.svc.studio
	a.mu.Unlock()
	if quitting || studio == nil || studio.Active() == nil {
		return false
	}
	a.log.Info("close requested while recording; asking the member")
	a.cfg.Emit(EventCloseRequested, nil)
	return true
}

// QuitNow closes the window for good, whatever runs: the member decided,
// or the system asked (a signal).
func (a *App) QuitNow() {
	a.mu.Lock()
	a.quitting = true
	a.mu.Unlock()
	if a.cfg.Quit != nil {
		a.cfg.Quit()
	}
}

func (a *App) loadCloseNotice() {
	v, err := a.svc.settings.Setting(a.ctx, keyCloseNotice, "")
	if err != nil || v == "" {
		return
	}
	var n CloseNotice
	if json.Unmarshal([]byte(v), &n) == nil && n.LogID > 0 {
		a.closeNotice = &n
	}
	a.svc.settings.SetSettings(a.ctx, map[string]string{keyCloseNotice: ""})
}

// Close finishes a running recording and closes the database.
func (a *App) Close() error {
	a.stage(nil)
	a.media.close()
	a.sync.stop()
	a.closeReminders()
	// A recording in progress is finished properly, not cut off, and the
	// next start says so.
	if a.svc.studio != nil {
		if sess := a.svc.studio.Active(); sess != nil {
			if e, err := sess.Stop(); err == nil && e != nil {
				n, _ := json.Marshal(CloseNotice{LogID: e.ID, Kind: string(e.Kind), DurationMs: e.DurationMs})
				a.svc.settings.SetSettings(context.Background(), map[string]string{keyCloseNotice: string(n)})
			}
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.db == nil {
		return nil
	}
	err := a.db.Close()
	a.db = nil
	return err
}

// services is what the facades use once the app has started.
type services struct {
	ctx        context.Context
	dataDir    string
	db         *sqlite.DB
	profiles   peerplaypay.ProfileService
	logs       *sqlite.LogService
	settings   *sqlite.SettingsService
	drafts     *sqlite.DraftService
	studio     *standup.Studio
	team       *teamsync.Service
	shareStore *sqlite.ShareStore
	goals      *sqlite.GoalService
	answers    *sqlite.AnswerService
	growth     *sqlite.GrowthService
	reminders  *sqlite.ReminderService
	practice   *sqlite.TeamSettingsStore
}

// services returns what the facades need, or the start error.
func (a *App) services() (services, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.startErr != nil {
		return services{}, a.startErr
	}
	if a.damaged != nil {
		return services{}, a.damaged
	}
	if a.db == nil {
		return services{}, peerplaypay.Errorf(peerplaypay.EUNAVAILABLE, "PeerPlayPay is still starting; try again in a moment.")
	}
	return a.svc, nil
}

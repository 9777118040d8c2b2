package app

import (
	"context"
	"errors"
	"os"
	"strconv"
	"sync"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// Events of the team share.
const (
	EventShareProgress = "share:progress" // SyncProgress, while a sync runs
	EventShareDone     = "share:done"     // SyncDone, when a sync ends
)

// Team is bound to the frontend: the team share, its members and requests,
// syncing, the recovery key and the peers' logs.
type Team struct {
	app *App
}

// NewTeam returns the Team facade of a.
func NewTeam(a *App) *Team { return &Team{app: a} }

// SyncDone tells how a sync ended. Run numbers the syncs of this window:
// events may reach the page out of order (the dev server's socket), so the
// page ignores progress of a run that already ended.
type SyncDone struct {
	Run     int64            `json:"run"`
	Summary teamsync.Summary `json:"summary"`
	Error   string           `json:"error"`
}

// SyncProgress is a running sync's progress, with its run number.
type SyncProgress struct {
	Run int64 `json:"run"`
	teamsync.Progress
}

// ShareSettings are the member's choices for the team share.
type ShareSettings struct {
	ShareNewLogs bool `json:"shareNewLogs"`
	SyncMinutes  int  `json:"syncMinutes"` // 0: only on demand
	BudgetMB     int  `json:"budgetMb"`
	// HasS3Keys is whether S3 keys are kept in the settings (never sent back).
	HasS3Keys bool `json:"hasS3Keys"`
	// SecretPlace says where the S3 secret key is kept (the system
	// keychain, or a file only the member can read), in words.
	SecretPlace string `json:"secretPlace"`
	// RecoverySaved is when the recovery key was last saved; zero: never.
	RecoverySaved time.Time `json:"recoverySaved" ts_type:"string"`
}

const defaultSyncMinutes = 5

// syncer runs one sync at a time for the window: on demand, on a timer,
// and soon after something new to share was saved.
type syncer struct {
	app *App

	mu        sync.Mutex
	cancel    context.CancelFunc
	lastError string
	offline   bool
	kick      chan struct{}
	runs      int64
	// underway counts the sync running, for stopAndWait.
	underway sync.WaitGroup
}

func (s *syncer) running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cancel != nil
}

// start begins a sync unless one runs; it reports whether it started.
func (s *syncer) start(svc services) bool {
	s.mu.Lock()
	if s.cancel != nil {
		s.mu.Unlock()
		return false
	}
	ctx, cancel := context.WithCancel(svc.ctx)
	s.cancel = cancel
	s.runs++
	run := s.runs
	s.underway.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.underway.Done()
		sum, err := svc.team.Sync(ctx, func(p teamsync.Progress) {
			s.app.cfg.Emit(EventShareProgress, SyncProgress{Run: run, Progress: p})
		})
		done := SyncDone{Run: run, Summary: sum}
		s.mu.Lock()
		s.cancel = nil
		s.lastError, s.offline = "", false
		if err != nil {
			done.Error = peerplaypay.ErrorMessage(err)
			if ctx.Err() != nil {
				done.Error = "The sync was cancelled; what arrived is kept, and the next sync goes on from there."
			}
			s.lastError = done.Error
			s.offline = isOffline(err)
		}
		s.mu.Unlock()
		cancel()
		if err != nil && peerplaypay.ErrorCode(err) == peerplaypay.EINTERNAL {
			s.app.log.Error("sync", "err", err)
		} else if err != nil {
			s.app.log.Info("sync", "err", done.Error)
		} else {
			s.app.log.Info("sync done", "published", sum.Published, "sent", sum.SentEvents, "received", sum.Received,
				"downloaded", sum.Downloaded, "problems", len(sum.Problems), "ms", sum.Millis)
		}
		s.app.cfg.Emit(EventShareDone, done)
		if sum.Received > 0 {
			// Peers' events may have set, deleted or checked in goals.
			s.app.cfg.Emit(EventGoalsChanged, nil)
			// Peers' events may have brought a framework or a request
			// for our view.
			s.app.cfg.Emit(EventGrowthChanged, nil)
			// Or answered the member's logs, thanked them: the activity.
			s.app.cfg.Emit(EventAnswersChanged, nil)
			// Or added items, dots and notes to the weekly session.
			s.app.cfg.Emit(EventSessionChanged, nil)
			// Or shared a contribution report, or took one back.
			s.app.cfg.Emit(EventReportChanged, nil)
			s.app.notifyActivity(svc)
		}
	}()
	return true
}

// isOffline tells a share that cannot be reached from other failures.
func isOffline(err error) bool {
	var ue *peerplaypay.Error
	return errors.As(err, &ue) && ue.Code == peerplaypay.EUNAVAILABLE
}

func (s *syncer) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
	}
}

// stopAndWait cancels the sync under way and waits until it has ended.
func (s *syncer) stopAndWait() {
	s.stop()
	s.underway.Wait()
}

// loop syncs every interval (read from the settings each time) and soon
// after a kick, while ctx lives.
func (s *syncer) loop(ctx context.Context) {
	for {
		minutes := defaultSyncMinutes
		if svc, err := s.app.services(); err == nil {
			if v, err := svc.settings.Setting(ctx, teamsync.SettingSyncMinutes, ""); err == nil && v != "" {
				minutes, _ = strconv.Atoi(v)
			}
		}
		var tick <-chan time.Time
		if minutes > 0 {
			tick = time.After(time.Duration(minutes) * time.Minute)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick:
		case <-s.kick:
			time.Sleep(2 * time.Second) // let a burst of saves settle
		}
		if svc, err := s.app.services(); err == nil {
			if c, err := svc.shareStore.TeamConfig(ctx); err == nil && c != nil {
				s.start(svc)
			}
		}
	}
}

// Kick asks for a sync soon: something new to share was saved.
func (a *App) kickSync() {
	select {
	case a.sync.kick <- struct{}{}:
	default:
	}
}

// Status returns the team and the state of syncing; it works offline.
func (t *Team) Status() (teamsync.Status, error) {
	svc, err := t.app.services()
	if err != nil {
		return teamsync.Status{}, toUser(t.app.log, "team", err)
	}
	st, err := svc.team.Status(svc.ctx)
	st.Syncing = t.app.sync.running()
	t.app.sync.mu.Lock()
	st.LastError, st.Offline = t.app.sync.lastError, t.app.sync.offline
	t.app.sync.mu.Unlock()
	return st, toUser(t.app.log, "team", err)
}

// withKeys runs f with the S3 keys given in the form, if any, and keeps
// them only when f succeeded: a mistyped secret is not kept.
func (t *Team) withKeys(svc services, accessKey, secretKey string, f func(ctx context.Context) error) error {
	if accessKey == "" && secretKey == "" {
		return f(svc.ctx)
	}
	if err := f(teamsync.WithCredentials(svc.ctx, accessKey, secretKey)); err != nil {
		return err
	}
	return svc.team.SetCredentials(svc.ctx, accessKey, secretKey)
}

// Create starts a team on an empty folder or bucket.
func (t *Team) Create(location, teamName, accessKey, secretKey string) (teamsync.Status, error) {
	// The keys are kept only once the team is made.
	svc, err := t.app.services()
	if err == nil {
		err = t.withKeys(svc, accessKey, secretKey, func(ctx context.Context) error {
			_, err := svc.team.Create(ctx, location, teamName)
			return err
		})
	}
	if err != nil {
		return teamsync.Status{}, toUser(t.app.log, "create team", err)
	}
	t.app.kickSync()
	return t.Status()
}

// Join asks to join the team on location with the invitation a member
// gave (the code, or the whole line they sent, which also gives the
// location); the view has the safety code.
func (t *Team) Join(location, invite, accessKey, secretKey string) (teamsync.Status, error) {
	// The keys are kept only once the request is written.
	svc, err := t.app.services()
	if err == nil {
		err = t.withKeys(svc, accessKey, secretKey, func(ctx context.Context) error {
			_, err := svc.team.Join(ctx, location, invite)
			return err
		})
	}
	if err != nil {
		return teamsync.Status{}, toUser(t.app.log, "join team", err)
	}
	return t.Status()
}

// Leave forgets the team on this laptop.
func (t *Team) Leave() error {
	svc, err := t.app.services()
	if err != nil {
		return toUser(t.app.log, "leave team", err)
	}
	t.app.sync.stop()
	if err := svc.team.Leave(svc.ctx); err != nil {
		return toUser(t.app.log, "leave team", err)
	}
	t.app.cfg.Emit(EventGoalsChanged, nil)  // peers' goals are gone
	t.app.cfg.Emit(EventGrowthChanged, nil) // and their requests for our view
	return nil
}

// Requests lists who waits to join.
func (t *Team) Requests() ([]teamsync.Request, error) {
	svc, err := t.app.services()
	if err != nil {
		return nil, toUser(t.app.log, "requests", err)
	}
	reqs, err := svc.team.Requests(svc.ctx)
	return reqs, toUser(t.app.log, "requests", err)
}

// Approve admits a newcomer with the code they read out.
func (t *Team) Approve(id, code string) error {
	svc, err := t.app.services()
	if err == nil {
		err = svc.team.Approve(svc.ctx, id, code)
	}
	return toUser(t.app.log, "approve", err)
}

// Refuse refuses a request to join.
func (t *Team) Refuse(id string) error {
	svc, err := t.app.services()
	if err == nil {
		err = svc.team.Refuse(svc.ctx, id)
	}
	return toUser(t.app.log, "refuse", err)
}

// Remove removes a member.
func (t *Team) Remove(id string) error {
	svc, err := t.app.services()
	if err == nil {
		err = svc.team.Remove(svc.ctx, id)
	}
	return toUser(t.app.log, "remove", err)
}

// Sync starts a sync now; false when one is already running.
func (t *Team) Sync() (bool, error) {
	svc, err := t.app.services()
	if err != nil {
		return false, toUser(t.app.log, "sync", err)
	}
	return t.app.sync.start(svc), nil
}

// CancelSync stops the running sync; what arrived is kept.
func (t *Team) CancelSync() { t.app.sync.stop() }

// RecoveryKey returns the member's recovery key: the file's text and the
// printable form.
func (t *Team) RecoveryKey() (teamsync.RecoveryKey, error) {
	svc, err := t.app.services()
	if err != nil {
		return teamsync.RecoveryKey{}, toUser(t.app.log, "recovery key", err)
	}
	k, err := svc.team.RecoveryKey(svc.ctx)
	return k, toUser(t.app.log, "recovery key", err)
}

// SaveRecoveryKey writes the recovery file to path (never over a file).
func (t *Team) SaveRecoveryKey(path string) error {
	k, err := t.RecoveryKey()
	if err != nil {
		return err
	}
	if path == "" {
		return toUser(t.app.log, "recovery key", peerplaypay.FieldErrorf("path", "Choose where to save your recovery key."))
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return toUser(t.app.log, "recovery key", peerplaypay.FieldErrorf("path", "Cannot write %s (%v); choose another file.", path, errors.Unwrap(err)))
	}
	_, err = f.WriteString(k.File)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return toUser(t.app.log, "recovery key", peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write %s (%v).", path, err))
	}
	svc, _ := t.app.services()
	svc.settings.SetSettings(svc.ctx, map[string]string{teamsync.SettingRecoverySaved: time.Now().UTC().Format(time.RFC3339)})
	return nil
}

// ImportKey restores the identity from a recovery file's text or a
// printed key typed in.
func (t *Team) ImportKey(text string) (string, error) {
	svc, err := t.app.services()
	if err != nil {
		return "", toUser(t.app.log, "import key", err)
	}
	id, err := svc.team.ImportKey(svc.ctx, text)
	return id, toUser(t.app.log, "import key", err)
}

// PeerLogs returns the logs peers shared, newest first.
func (t *Team) PeerLogs(limit int) ([]*peerplaypay.PeerLog, error) {
	svc, err := t.app.services()
	if err != nil {
		return nil, toUser(t.app.log, "peers' logs", err)
	}
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	logs, err := svc.team.PeerLogs(svc.ctx, limit)
	return logs, toUser(t.app.log, "peers' logs", err)
}

// Usage measures the share: its size by member and by month, what a
// retention of months (-1: the team's) would free, and this laptop's
// copies. It lists the share once and downloads nothing.
func (t *Team) Usage(months int) (*teamsync.Usage, error) {
	svc, err := t.app.services()
	if err != nil {
		return nil, toUser(t.app.log, "share usage", err)
	}
	u, err := svc.team.Usage(svc.ctx, months)
	return u, toUser(t.app.log, "share usage", err)
}

// Settings returns the share's settings.
func (t *Team) Settings() (ShareSettings, error) {
	svc, err := t.app.services()
	if err != nil {
		return ShareSettings{}, toUser(t.app.log, "share settings", err)
	}
	get := func(key, def string) string {
		v, _ := svc.settings.Setting(svc.ctx, key, def)
		return v
	}
	s := ShareSettings{ShareNewLogs: get(sqlite.SettingShareNewLogs, "1") != "0"}
	s.SyncMinutes, _ = strconv.Atoi(get(teamsync.SettingSyncMinutes, strconv.Itoa(defaultSyncMinutes)))
	s.BudgetMB, _ = strconv.Atoi(get(teamsync.SettingBudgetMB, strconv.Itoa(teamsync.DefaultBudgetMB)))
	s.HasS3Keys = get(teamsync.SettingAccessKey, "") != ""
	s.SecretPlace = svc.team.SecretPlace(svc.ctx)
	s.RecoverySaved, _ = time.Parse(time.RFC3339, get(teamsync.SettingRecoverySaved, ""))
	return s, nil
}

// SaveSettings stores the share's settings.
func (t *Team) SaveSettings(s ShareSettings) (ShareSettings, error) {
	svc, err := t.app.services()
	if err != nil {
		return s, toUser(t.app.log, "share settings", err)
	}
	if s.SyncMinutes < 0 || s.SyncMinutes > 24*60 {
		return s, toUser(t.app.log, "share settings", peerplaypay.FieldErrorf("syncMinutes", "Sync every 1 to 1440 minutes, or 0 to sync only when you ask."))
	}
	if s.BudgetMB < 0 || s.BudgetMB > 1<<20 {
		return s, toUser(t.app.log, "share settings", peerplaypay.FieldErrorf("budgetMb", "The space for peers' recordings is 0 MB (none kept) to 1,048,576 MB."))
	}
	shareNew := "1"
	if !s.ShareNewLogs {
		shareNew = "0"
	}
	err = svc.settings.SetSettings(svc.ctx, map[string]string{
		sqlite.SettingShareNewLogs:  shareNew,
		teamsync.SettingSyncMinutes: strconv.Itoa(s.SyncMinutes),
		teamsync.SettingBudgetMB:    strconv.Itoa(s.BudgetMB),
	})
	if err != nil {
		return s, toUser(t.app.log, "share settings", err)
	}
	return t.Settings()
}

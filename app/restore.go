package app

import (
	"context"
	"path/filepath"
	"time"

	"peerplaypay/internal/backup"
	"peerplaypay/internal/peerplaypay"
)

// Restoring from the window replaces the data the window has open, which
// the command line never does (it restores into an empty folder only). The
// same safety holds: nothing is deleted. The backup is first read whole,
// decrypted and checked into a folder beside the data folder (CheckRestore),
// while the member goes on working; only when the member confirms
// (Restore) is the data folder moved aside, whole, under a name that says
// so, and the unpacked backup renamed into its place; then the database is
// opened again and the page reloads.

// BackupFile is what the window learns of a chosen backup before reading it.
type BackupFile struct {
	Path      string `json:"path"`
	Encrypted bool   `json:"encrypted"`
}

// RestorePlan is a backup read, checked and unpacked, waiting for the
// member's word to replace the data.
type RestorePlan struct {
	Path       string    `json:"path"`
	CreatedAt  time.Time `json:"createdAt" ts_type:"string"`
	AppVersion string    `json:"appVersion"`
	Files      int       `json:"files"`
	Bytes      int64     `json:"bytes"`
	Encrypted  bool      `json:"encrypted"`
	// DataDir is the folder whose data the backup replaces; Aside is where
	// that data will be kept.
	DataDir string `json:"dataDir"`
	Aside   string `json:"aside"`
}

// RestoreNotice says what a restore did; the page, reloaded, tells it once.
type RestoreNotice struct {
	From      string    `json:"from"`
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
	Files     int       `json:"files"`
	Bytes     int64     `json:"bytes"`
	// Aside holds the data the restore replaced, whole.
	Aside string `json:"aside"`
}

// needPassphrase is asked of the window, where there is a field for it.
var needPassphrase = peerplaypay.FieldErrorf("passphrase", "This backup is encrypted: type its passphrase.")

// InspectBackup tells whether the file at path is an encrypted backup (the
// window then asks its passphrase), or says why it is not a backup at all,
// from its first bytes.
func (d *Data) InspectBackup(path string) (BackupFile, error) {
	if path == "" {
		return BackupFile{}, toUser(d.app.log, "restore", peerplaypay.FieldErrorf("path", "Choose the backup file first (Browse…, or type its path)."))
	}
	enc, err := backup.Inspect(path)
	return BackupFile{Path: path, Encrypted: enc}, toUser(d.app.log, "restore", err)
}

// CheckRestore reads the backup at path whole, decrypting it with
// passphrase when it is encrypted, and checks and unpacks it beside the
// data folder, with progress events (op "restore"); the data is not touched.
// It returns what the backup holds, for the member to confirm with Restore.
func (d *Data) CheckRestore(path, passphrase string) (RestorePlan, error) {
	plan, err := d.checkRestore(path, passphrase)
	return plan, toUser(d.app.log, "restore", err)
}

func (d *Data) checkRestore(path, passphrase string) (RestorePlan, error) {
	if path == "" {
		return RestorePlan{}, peerplaypay.FieldErrorf("path", "Choose the backup file first (Browse…, or type its path).")
	}
	enc, err := backup.Inspect(path)
	if err != nil {
		return RestorePlan{}, err
	}
	if enc && passphrase == "" {
		return RestorePlan{}, needPassphrase
	}
	d.app.mu.Lock()
	dataDir, ctx, studio := d.app.dataDir, d.app.ctx, d.app.svc.studio
	d.app.mu.Unlock()
	// Said before the long read, not after it.
	if studio != nil && studio.Active() != nil {
		return RestorePlan{}, errRecording
	}
	if dataDir == "" {
		return RestorePlan{}, peerplaypay.Errorf(peerplaypay.EUNAVAILABLE, "PeerPlayPay is still starting; try again in a moment.")
	}
	ctx, done, err := d.begin(ctx)
	if err != nil {
		return RestorePlan{}, err
	}
	defer done()
	d.app.stage(nil)
	u, err := backup.Unpack(ctx, path, filepath.Dir(dataDir), backup.RestoreOptions{Passphrase: passphrase, OnProgress: d.progress("restore")})
	if ctx.Err() != nil && err != nil {
		return RestorePlan{}, peerplaypay.Errorf(peerplaypay.ECONFLICT, "The restore was cancelled; nothing was changed.")
	}
	if err != nil {
		return RestorePlan{}, err
	}
	d.app.stage(u)
	sum := u.Summary(dataDir)
	return RestorePlan{Path: u.Source, CreatedAt: u.Manifest.CreatedAt, AppVersion: u.Manifest.AppVersion,
		Files: sum.Files, Bytes: sum.Bytes, Encrypted: u.Encrypted,
		DataDir: dataDir, Aside: backup.AsideName(dataDir, time.Now())}, nil
}

// Restore puts the backup CheckRestore unpacked in the place of the data:
// the data folder is moved aside whole (RestoreNotice.Aside), the backup
// takes its place and the database is opened again. A recording in
// progress, or a backup or export, stops it: the member ends it first.
func (d *Data) Restore() (RestoreNotice, error) {
	u := d.app.takeStaged()
	if u == nil {
		return RestoreNotice{}, toUser(d.app.log, "restore", peerplaypay.Errorf(peerplaypay.ECONFLICT, "Choose the backup and press Restore… again; nothing was changed."))
	}
	// Nothing else reads or writes the data while it is being replaced.
	_, done, err := d.begin(context.Background())
	if err != nil {
		d.app.keepStaged(u)
		return RestoreNotice{}, toUser(d.app.log, "restore", err)
	}
	defer done()
	n, err := d.app.replaceData(u)
	if err != nil && u.Dir != "" && peerplaypay.ErrorCode(err) == peerplaypay.ECONFLICT {
		d.app.keepStaged(u) // the member can stop the recording and confirm again
	} else if err != nil {
		u.Discard()
	}
	return n, toUser(d.app.log, "restore", err)
}

// DropRestore removes the backup CheckRestore unpacked, when the member
// does not go on with it.
func (d *Data) DropRestore() { d.app.stage(nil) }

// stage keeps u, unpacked and checked, for Restore; what it replaces is
// removed. nil drops what is kept.
func (a *App) stage(u *backup.Unpacked) {
	a.restoreMu.Lock()
	old := a.staged
	a.staged = u
	a.restoreMu.Unlock()
	if old != nil && old != u {
		old.Discard()
	}
}

// takeStaged returns what is kept for Restore, and keeps it no longer.
func (a *App) takeStaged() *backup.Unpacked {
	a.restoreMu.Lock()
	defer a.restoreMu.Unlock()
	u := a.staged
	a.staged = nil
	return u
}

// keepStaged keeps u for another Restore, unless another check took its
// place meanwhile.
func (a *App) keepStaged(u *backup.Unpacked) {
	a.restoreMu.Lock()
	defer a.restoreMu.Unlock()
	if a.staged == nil {
		a.staged = u
		return
	}
	u.Discard()
}

// errRecording refuses a restore while a recording runs: the recording's
// file is in the data folder being replaced.
var errRecording = peerplaypay.Errorf(peerplaypay.ECONFLICT,
	"A recording is in progress. Stop it first (it is saved), then restore; the checked backup waits.")

// replaceData closes the data folder, moves it aside, puts the unpacked
// backup in its place and opens it. If the swap fails, the data folder as
// it was is opened again.
func (a *App) replaceData(u *backup.Unpacked) (RestoreNotice, error) {
	a.mu.Lock()
	studio := a.svc.studio
	a.mu.Unlock()
	if studio != nil && studio.Active() != nil {
		return RestoreNotice{}, errRecording
	}
	// A sync writes into the data folder; it is cancelled and waited for
	// (what it fetched is kept in the data moved aside).
	a.sync.stopAndWait()

	a.mu.Lock()
	defer a.mu.Unlock()
	if a.svc.studio != nil && a.svc.studio.Active() != nil {
		return RestoreNotice{}, errRecording
	}
	if a.db != nil {
		if err := a.db.Close(); err != nil {
			a.log.Warn("restore", "note", "closing the database before the restore", "err", err)
		}
		a.db, a.svc = nil, services{}
	}
	aside, err := u.Replace(a.dataDir, time.Now())
	if err != nil {
		if openErr := a.open(); openErr != nil {
			a.log.Error("restore", "note", "the data as it was did not open again", "err", openErr)
		}
		return RestoreNotice{}, err
	}
	// The window's claim on the folder is a lock file inside it, which
	// went aside with the data: it is taken again in the restored folder.
	if a.cfg.DataReplaced != nil {
		if err := a.cfg.DataReplaced(); err != nil {
			a.log.Warn("restore", "note", "the window's lock could not be taken in the restored folder", "err", err)
		}
	}
	sum := u.Summary(a.dataDir)
	n := RestoreNotice{From: u.Source, CreatedAt: u.Manifest.CreatedAt, Files: sum.Files, Bytes: sum.Bytes, Aside: aside}
	a.damaged, a.closeNotice = nil, nil
	a.log.Info("restored", "from", u.Source, "files", sum.Files, "aside", aside)
	if err := a.open(); err != nil {
		// The page reloads onto the start-up error, which says what to
		// do; the data before the restore is whole in aside.
		return n, nil
	}
	a.restored = &n
	return n, nil
}

// begin marks a backup, export or restore as running, so only one runs at
// a time, and returns its context and what to call when it ends.
func (d *Data) begin(parent context.Context) (context.Context, func(), error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cancel != nil {
		return nil, nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "A backup, export or restore is already running; wait for it or cancel it.")
	}
	ctx, cancel := context.WithCancel(parent)
	d.cancel = cancel
	return ctx, func() {
		d.mu.Lock()
		d.cancel = nil
		d.mu.Unlock()
		cancel()
	}, nil
}

// progress sends op's progress to the window, a few events a second.
func (d *Data) progress(op string) func(backup.Progress) {
	var last time.Time
	return func(p backup.Progress) {
		if now := time.Now(); now.Sub(last) > 150*time.Millisecond || p.Bytes == p.TotalBytes {
			last = now
			d.app.cfg.Emit(EventDataProgress, DataProgress{Op: op, Progress: p})
		}
	}
}

package app

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"peerplaypay/internal/backup"
	"peerplaypay/internal/peerplaypay"
)

// EventDataProgress reports a running backup, export or restore: DataProgress.
const EventDataProgress = "data:progress"

// Data is bound to the frontend: back up and export the member's data.
type Data struct {
	app *App

	mu     sync.Mutex
	cancel context.CancelFunc
}

// NewData returns the Data facade of a.
func NewData(a *App) *Data { return &Data{app: a} }

// DataProgress is a backup.Progress with the operation it belongs to.
type DataProgress struct {
	Op string `json:"op"` // "backup", "export" or "restore"
	backup.Progress
}

// DataDefaults are the suggested destinations: in the home folder, named
// by date, never an existing file or folder.
type DataDefaults struct {
	BackupFile   string `json:"backupFile"`
	ExportFolder string `json:"exportFolder"`
}

// Defaults returns suggested destinations for a backup and an export.
func (d *Data) Defaults() DataDefaults {
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	day := time.Now().Format(time.DateOnly)
	return DataDefaults{
		BackupFile:   freeName(filepath.Join(home, "PeerPlayPay-backup-"+day), ".tar"),
		ExportFolder: freeName(filepath.Join(home, "PeerPlayPay-export-"+day), ""),
	}
}

// freeName returns base+ext, or base-2+ext and so on, whichever is free.
func freeName(base, ext string) string {
	name := base + ext
	for i := 2; ; i++ {
		if _, err := os.Stat(name); os.IsNotExist(err) {
			return name
		}
		name = base + "-" + strconv.Itoa(i) + ext
	}
}

// Backup writes a verified backup to path, reporting progress as events;
// a passphrase ("" for none) encrypts it. The summary's Unprotected names
// the secrets an unencrypted backup holds, for the window to say so.
func (d *Data) Backup(path, passphrase string) (backup.Summary, error) {
	return d.run("backup", func(ctx context.Context, svc services, progress func(backup.Progress)) (backup.Summary, error) {
		return backup.Create(ctx, svc.dataDir, svc.db, path, backup.Options{AppVersion: d.app.cfg.Version, Passphrase: passphrase, OnProgress: progress})
	})
}

// Export writes the member's data as JSON and media into the folder dir.
func (d *Data) Export(dir string) (backup.Summary, error) {
	return d.run("export", func(ctx context.Context, svc services, progress func(backup.Progress)) (backup.Summary, error) {
		return backup.ExportJSON(ctx, svc.dataDir, svc.db, dir, backup.Options{AppVersion: d.app.cfg.Version, OnProgress: progress})
	})
}

// Cancel stops a running backup, export or restore check; what it wrote
// is removed.
func (d *Data) Cancel() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cancel != nil {
		d.cancel()
	}
}

func (d *Data) run(op string, f func(context.Context, services, func(backup.Progress)) (backup.Summary, error)) (backup.Summary, error) {
	svc, err := d.app.services()
	if err != nil {
		return backup.Summary{}, toUser(d.app.log, op, err)
	}
	ctx, done, err := d.begin(svc.ctx)
	if err != nil {
		return backup.Summary{}, toUser(d.app.log, op, err)
	}
	defer done()
	sum, err := f(ctx, svc, d.progress(op))
	if ctx.Err() != nil && err != nil {
		err = peerplaypay.Errorf(peerplaypay.ECONFLICT, "The %s was cancelled; nothing was kept.", op)
	}
	return sum, toUser(d.app.log, op, err)
}

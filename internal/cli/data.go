package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"time"

	"peerplaypay/internal/backup"
	"peerplaypay/internal/datadir"
)

func runBackup(ctx context.Context, env *Env, args []string) error {
	fs, dir := flags(env, "backup")
	pos, err := parseWith(fs, args, 1, "backup FILE")
	if err != nil {
		return err
	}
	db, dataDir, err := openDB(ctx, *dir)
	if err != nil {
		return err
	}
	defer db.Close()
	pr := newProgressPrinter(env.Stderr)
	sum, err := backup.Create(ctx, dataDir, db, pos[0], backup.Options{AppVersion: env.Version, OnProgress: pr.print})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Backed up %d files (%s) to %s; verified.\n", sum.Files, humanBytes(uint64(sum.Bytes)), sum.Path)
	return nil
}

func runRestore(ctx context.Context, env *Env, args []string) error {
	fs, dir := flags(env, "restore")
	pos, err := parseWith(fs, args, 1, "restore FILE --data-dir EMPTY-FOLDER")
	if err != nil {
		return err
	}
	dataDir, _, err := datadir.Resolve(*dir)
	if err != nil {
		return err
	}
	pr := newProgressPrinter(env.Stderr)
	sum, err := backup.Restore(ctx, pos[0], dataDir, pr.print)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Restored %d files (%s) into %s; verified.\n", sum.Files, humanBytes(uint64(sum.Bytes)), sum.Path)
	return nil
}

func runExport(ctx context.Context, env *Env, args []string) error {
	fs, dir := flags(env, "export")
	format := fs.String("format", "json", "the export format; json is the one there is")
	pos, err := parseWith(fs, args, 1, "export --format json DIR")
	if err != nil {
		return err
	}
	if *format != "json" {
		return usageError{fmt.Errorf("unknown format %q; use --format json", *format)}
	}
	db, dataDir, err := openDB(ctx, *dir)
	if err != nil {
		return err
	}
	defer db.Close()
	pr := newProgressPrinter(env.Stderr)
	dest, _ := filepath.Abs(pos[0])
	sum, err := backup.ExportJSON(ctx, dataDir, db, dest, backup.Options{AppVersion: env.Version, OnProgress: pr.print})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Exported %d files (%s) to %s; the document is %s.\n", sum.Files, humanBytes(uint64(sum.Bytes)), sum.Path, backup.ExportFile)
	return nil
}

// progressPrinter writes a progress line at most twice a second, so a
// long backup shows it is alive without flooding a log.
type progressPrinter struct {
	w     io.Writer
	mu    sync.Mutex
	last  time.Time
	start time.Time
}

func newProgressPrinter(w io.Writer) *progressPrinter {
	return &progressPrinter{w: w, start: time.Now()}
}

func (p *progressPrinter) print(pr backup.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.last) < 500*time.Millisecond && pr.Bytes != pr.TotalBytes {
		return
	}
	p.last = now
	line := fmt.Sprintf("%s: %d/%d files, %s", pr.Phase, pr.Files, pr.TotalFiles, humanBytes(uint64(pr.Bytes)))
	if pr.TotalBytes > 0 {
		line += fmt.Sprintf(" of %s (%d%%)", humanBytes(uint64(pr.TotalBytes)), pr.Bytes*100/pr.TotalBytes)
	}
	if secs := now.Sub(p.start).Seconds(); secs > 0.5 {
		line += fmt.Sprintf(", %s/s", humanBytes(uint64(float64(pr.Bytes)/secs)))
	}
	fmt.Fprintln(p.w, line)
}

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

// progressPrinter writes a progress line at most twice a second (and at
// each new phase), so long work shows it is alive without flooding a log.
type progressPrinter struct {
	w     io.Writer
	mu    sync.Mutex
	last  time.Time
	phase string
	start time.Time
}

func newProgressPrinter(w io.Writer) *progressPrinter {
	return &progressPrinter{w: w, start: time.Now()}
}

// show prints "phase: files/total files, bytes of total (pct), rate, time left".
func (p *progressPrinter) show(phase string, files, totalFiles int, bytes, totalBytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if phase == p.phase && now.Sub(p.last) < 500*time.Millisecond && bytes != totalBytes {
		return
	}
	p.last, p.phase = now, phase
	line := fmt.Sprintf("%s: %d/%d files, %s", phase, files, totalFiles, humanBytes(uint64(bytes)))
	if totalBytes > 0 {
		line += fmt.Sprintf(" of %s (%d%%)", humanBytes(uint64(totalBytes)), bytes*100/totalBytes)
	}
	if secs := now.Sub(p.start).Seconds(); secs > 0.5 && bytes > 0 {
		rate := float64(bytes) / secs
		line += fmt.Sprintf(", %s/s", humanBytes(uint64(rate)))
		if left := totalBytes - bytes; left > 0 {
			line += fmt.Sprintf(", %s left", (time.Duration(float64(left)/rate) * time.Second).Round(time.Second))
		}
	}
	fmt.Fprintln(p.w, line)
}

// print shows a backup's or an export's progress.
func (p *progressPrinter) print(pr backup.Progress) {
	p.show(pr.Phase, pr.Files, pr.TotalFiles, pr.Bytes, pr.TotalBytes)
}

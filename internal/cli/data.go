package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/backup"
	"peerplaypay/internal/datadir"
)

func backupCmd(env *Env, dir *string) *cobra.Command {
	c := leaf("backup FILE [--encrypt | --passphrase-file F]", "back up the database and recordings into one verified file", exactArgs(1), func(fs *pflag.FlagSet) runner {
		encrypt := fs.Bool("encrypt", false, "encrypt the backup with a passphrase, asked on the terminal")
		passFile := fs.String("passphrase-file", "", "encrypt the backup with the passphrase in this file (its first line)")
		return func(ctx context.Context, pos []string) error {
			var err error
			var pass string
			switch {
			case *passFile != "":
				pass, err = readSecretFile(*passFile, "--passphrase-file")
			case *encrypt:
				pass, err = askNewPassphrase(env)
			}
			if err != nil {
				return err
			}
			db, dataDir, err := openDB(ctx, *dir)
			if err != nil {
				return err
			}
			defer db.Close()
			pr := newProgressPrinter(env.Stderr)
			sum, err := backup.Create(ctx, dataDir, db, pos[0], backup.Options{AppVersion: env.Version, Passphrase: pass, WorkFactor: env.BackupWorkFactor, OnProgress: pr.print})
			if err != nil {
				return err
			}
			how := "verified"
			if sum.Encrypted {
				how = "encrypted with your passphrase and verified; without the passphrase it cannot be restored"
			}
			fmt.Fprintf(env.Stdout, "Backed up %d files (%s) to %s; %s.\n", sum.Files, humanBytes(uint64(sum.Bytes)), sum.Path, how)
			for _, u := range sum.Unprotected {
				fmt.Fprintf(env.Stderr, "warning: this backup is not encrypted and holds %s. Keep it as private as a password, or back up with --encrypt (or --passphrase-file F) instead.\n", u)
			}
			return nil
		}
	})
	c.Long = "Back up the database and recordings into one verified file (safe while the app runs); encrypted with a passphrase if asked."
	return c
}

// askNewPassphrase asks for a new passphrase twice on the terminal, so a
// typo does not lock the member out of their own backup.
func askNewPassphrase(env *Env) (string, error) {
	const noTerminal = "--encrypt asks for the passphrase on a terminal; without one, give --passphrase-file FILE"
	pass, err := askHidden(env, "Passphrase for the backup: ", noTerminal)
	if err != nil {
		return "", err
	}
	again, err := askHidden(env, "The same passphrase again: ", noTerminal)
	if err != nil {
		return "", err
	}
	if pass != again {
		return "", usageErrorf("the two passphrases differ; nothing was written, run the backup again")
	}
	return pass, nil
}

func restoreCmd(env *Env, dir *string) *cobra.Command {
	return leaf("restore FILE --data-dir EMPTY-FOLDER [--passphrase-file F]", "restore a backup into an empty data folder (choose it with --data-dir)", exactArgs(1), func(fs *pflag.FlagSet) runner {
		passFile := fs.String("passphrase-file", "", "the passphrase of an encrypted backup, in this file (else asked on the terminal)")
		return func(ctx context.Context, pos []string) error {
			dataDir, _, err := datadir.Resolve(*dir)
			if err != nil {
				return err
			}
			var pass string
			if *passFile != "" {
				pass, err = readSecretFile(*passFile, "--passphrase-file")
			} else if enc, encErr := backup.Encrypted(pos[0]); encErr == nil && enc {
				pass, err = askHidden(env, "Passphrase of the backup: ", "this backup is encrypted: give its passphrase with --passphrase-file FILE, or run restore on a terminal to be asked for it")
			}
			if err != nil {
				return err
			}
			pr := newProgressPrinter(env.Stderr)
			sum, err := backup.Restore(ctx, pos[0], dataDir, backup.RestoreOptions{Passphrase: pass, OnProgress: pr.print})
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Restored %d files (%s) into %s; verified.\n", sum.Files, humanBytes(uint64(sum.Bytes)), sum.Path)
			return nil
		}
	})
}

func exportCmd(env *Env, dir *string) *cobra.Command {
	return leaf("export --format json DIR", "export your profile, logs with their recordings, goals, growth and answers, for other tools", exactArgs(1), func(fs *pflag.FlagSet) runner {
		format := fs.String("format", "json", "the export format; json is the one there is")
		return func(ctx context.Context, pos []string) error {
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
	})
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

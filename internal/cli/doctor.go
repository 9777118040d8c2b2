package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/datadir"
	"peerplaypay/internal/keychain"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// minFreeBytes is about half an hour of 720p stand-ups: below it a member
// would run out of space within a week or two of daily recording.
const minFreeBytes = 1 << 30

func doctorCmd(env *Env, dirFlag *string) *cobra.Command {
	return leaf("doctor [--json]", "check data folder, database, codecs and devices", noArgs, func(fset *pflag.FlagSet) runner {
		asJSON := fset.Bool("json", false, "print JSON")
		return func(ctx context.Context, _ []string) error {

			checks := storageChecks(ctx, *dirFlag)
			if env.MediaChecks != nil {
				checks = append(checks, env.MediaChecks(ctx)...)
			}
			checks = append(checks, displayCheck())

			failed := 0
			for _, c := range checks {
				if c.Status == peerplaypay.CheckFail {
					failed++
				}
			}
			if *asJSON {
				if err := writeJSON(env.Stdout, struct {
					OK     bool                `json:"ok"`
					Checks []peerplaypay.Check `json:"checks"`
				}{failed == 0, checks}); err != nil {
					return err
				}
			} else {
				width := 0
				for _, c := range checks {
					width = max(width, len(c.Name))
				}
				for _, c := range checks {
					fmt.Fprintf(env.Stdout, "%-5s %-*s  %s\n", strings.ToUpper(string(c.Status)), width, c.Name, c.Detail)
					if c.Fix != "" {
						fmt.Fprintf(env.Stdout, "      %-*s  fix: %s\n", width, "", c.Fix)
					}
				}
				if failed > 0 {
					fmt.Fprintf(env.Stdout, "\n%d problem(s) found; see the fixes above.\n", failed)
				} else {
					fmt.Fprintln(env.Stdout, "\nNo problems found.")
				}
			}
			if failed > 0 {
				return errProblems
			}
			return nil
		}
	})
}

// storageChecks checks the data folder and the database without creating
// or changing the database: doctor only looks.
func storageChecks(ctx context.Context, dirFlag string) []peerplaypay.Check {
	dir, src, err := datadir.Resolve(dirFlag)
	if err != nil {
		return []peerplaypay.Check{fail("data folder", err, "")}
	}
	if err := datadir.Prepare(dir); err != nil {
		return []peerplaypay.Check{fail("data folder", err, ""),
			{Name: "database", Status: peerplaypay.CheckWarn, Detail: "not checked: the data folder is not usable"}}
	}
	checks := []peerplaypay.Check{{Name: "data folder", Status: peerplaypay.CheckOK,
		Detail: fmt.Sprintf("%s (from %s), writable", dir, src)}}
	if free, err := datadir.FreeBytes(dir); err == nil {
		c := peerplaypay.Check{Name: "disk space", Status: peerplaypay.CheckOK, Detail: humanBytes(free) + " free"}
		if free < minFreeBytes {
			c.Status, c.Fix = peerplaypay.CheckWarn, "free some space on this disk, or move the data folder with --data-dir, before recording"
		}
		checks = append(checks, c)
	}

	path := filepath.Join(dir, sqlite.FileName)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return append(checks, peerplaypay.Check{Name: "database", Status: peerplaypay.CheckOK,
			Detail: "none yet; it is created when the app first starts"})
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return append(checks, fail("database", err, path))
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		return append(checks, fail("database", err, path))
	}
	checks = append(checks, peerplaypay.Check{Name: "database", Status: peerplaypay.CheckOK, Detail: path + ", integrity ok"})
	checks = append(checks, teamCheck(ctx, db, dir))
	if c, ok := peerMediaCheck(ctx, db, dir); ok {
		checks = append(checks, c)
	}
	if c, ok := ignoredCheck(ctx, db); ok {
		checks = append(checks, c)
	}
	return checks
}

// peerMediaCheck reports peers' recordings the database lists as
// downloaded whose file is gone (deleted by hand); ok is false when no
// peer's recording was ever downloaded. Doctor only looks: the next sync
// (or opening the list) marks them and downloads them again.
func peerMediaCheck(ctx context.Context, db *sqlite.DB, dir string) (peerplaypay.Check, bool) {
	logs, err := sqlite.NewShareStore(db).PeerMedia(ctx)
	if err != nil {
		return fail("peers' recordings", err, ""), true
	}
	var here, missing int
	for _, l := range logs {
		if l.MediaPath == "" {
			continue
		}
		if teamsync.PeerMediaHere(dir, l.MediaPath) {
			here++
		} else {
			missing++
		}
	}
	switch {
	case missing > 0:
		return peerplaypay.Check{Name: "peers' recordings", Status: peerplaypay.CheckWarn,
			Detail: fmt.Sprintf("%d downloaded recording(s) of your peers are missing from %s", missing, filepath.Join(dir, "peers")),
			Fix:    "run `peerplaypay sync`: it downloads them again"}, true
	case here > 0:
		return peerplaypay.Check{Name: "peers' recordings", Status: peerplaypay.CheckOK, Detail: fmt.Sprintf("%d on this laptop", here)}, true
	}
	return peerplaypay.Check{}, false
}

// ignoredCheck lists the files the last listings of the share met that no
// app wrote: they stop nothing, but someone may want to tidy them.
func ignoredCheck(ctx context.Context, db *sqlite.DB) (peerplaypay.Check, bool) {
	v, _ := sqlite.NewSettingsService(db).Setting(ctx, teamsync.SettingIgnored, "")
	var keys []string
	if v == "" || json.Unmarshal([]byte(v), &keys) != nil || len(keys) == 0 {
		return peerplaypay.Check{}, false
	}
	for i, k := range keys {
		keys[i] = shownKey(k)
	}
	return peerplaypay.Check{Name: "team share files", Status: peerplaypay.CheckWarn,
		Detail: fmt.Sprintf("%d in the share not written by PeerPlayPay, skipped: %s", len(keys), strings.Join(keys, ", ")),
		Fix:    "nothing is blocked; remove them from the share when convenient (a synced folder's conflict copies, .DS_Store, desktop.ini, backups~)"}, true
}

// teamCheck reports the team share as the last sync left it: members whose
// data was refused, and a recovery key never saved.
func teamCheck(ctx context.Context, db *sqlite.DB, dir string) peerplaypay.Check {
	c, err := sqlite.NewShareStore(db).TeamConfig(ctx)
	if err != nil {
		return fail("team share", err, "")
	}
	if c == nil {
		return peerplaypay.Check{Name: "team share", Status: peerplaypay.CheckOK, Detail: "in no team; `peerplaypay team create` or `team join` to share your logs"}
	}
	members, err := sqlite.NewShareStore(db).Members(ctx)
	if err != nil {
		return fail("team share", err, "")
	}
	var problems []string
	for _, m := range members {
		if m.Problem != "" {
			problems = append(problems, fmt.Sprintf("member %s: %s", m.ID[:8], m.Problem))
		}
	}
	if len(problems) > 0 {
		return peerplaypay.Check{Name: "team share", Status: peerplaypay.CheckFail, Detail: strings.Join(problems, "; "),
			Fix: "nothing from the refused data was applied; tell the member concerned, and check who can write to the share"}
	}
	saved, _ := sqlite.NewSettingsService(db).Setting(ctx, teamsync.SettingRecoverySaved, "")
	if saved == "" && c.State == peerplaypay.TeamMember {
		return peerplaypay.Check{Name: "team share", Status: peerplaypay.CheckWarn, Detail: fmt.Sprintf("member of the team on %s; your recovery key was never saved", c.Location),
			Fix: "run `peerplaypay keys export FILE` and keep the file safe: without it a lost laptop means a lost place in the team"}
	}
	detail := fmt.Sprintf("%s on %s", c.State, c.Location)
	if strings.HasPrefix(c.Location, "s3://") {
		settings := sqlite.NewSettingsService(db)
		detail += "; " + teamsync.SecretPlace(ctx, settings, keychain.New(dir))
		if old, _ := settings.Setting(ctx, teamsync.SettingOldSecretKey, ""); old != "" {
			return peerplaypay.Check{Name: "team share", Status: peerplaypay.CheckWarn, Detail: detail + "; an S3 secret key is still in the database, in plain text",
				Fix: "run `peerplaypay team status` (or open the window): it moves the secret out of the database"}
		}
	}
	return peerplaypay.Check{Name: "team share", Status: peerplaypay.CheckOK, Detail: detail}
}

// fail turns a domain error into a failed check whose message already says
// what to do.
func fail(name string, err error, detail string) peerplaypay.Check {
	msg := peerplaypay.ErrorMessage(err)
	if peerplaypay.ErrorCode(err) == peerplaypay.EINTERNAL {
		msg = fmt.Sprintf("%s: %v", detail, err)
	}
	return peerplaypay.Check{Name: name, Status: peerplaypay.CheckFail, Detail: msg}
}

func displayCheck() peerplaypay.Check {
	if os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" || runtime.GOOS != "linux" {
		return peerplaypay.Check{Name: "display", Status: peerplaypay.CheckOK, Detail: "available for the app window"}
	}
	return peerplaypay.Check{Name: "display", Status: peerplaypay.CheckWarn,
		Detail: "no DISPLAY or WAYLAND_DISPLAY: the window cannot open here; commands still work",
		Fix:    "run the app from a desktop session"}
}

func humanBytes(n uint64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := uint64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

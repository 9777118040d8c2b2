package backend

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Sweeper is a backend that can remove what writes killed midway left
// behind. Only the folder has such leftovers: its Put writes a hidden
// temporary file first (see createTemp), and a process killed before the
// rename leaves it there, megabytes each and invisible to List. An S3
// upload that never completes leaves no object.
type Sweeper interface {
	// SweepTemps removes the temporary files under prefix last changed
	// before cutoff and returns how many it removed. A writer still at work
	// touches its file all the time; cutoff keeps its files safe.
	SweepTemps(ctx context.Context, prefix string, cutoff time.Time) (int, error)
}

var _ Sweeper = (*folder)(nil)

// tempName is createTemp's ".<name>.<16 hex>.tmp".
var tempName = regexp.MustCompile(`^\..+\.[0-9a-f]{16}\.tmp$`)

func (f *folder) SweepTemps(ctx context.Context, prefix string, cutoff time.Time) (int, error) {
	if !strings.HasSuffix(prefix, "/") || !ValidKey(strings.TrimSuffix(prefix, "/")) {
		return 0, fmt.Errorf("sweep temporaries: %q is not a folder of the share", prefix)
	}
	dir := filepath.Join(f.root, filepath.FromSlash(prefix))
	n := 0
	// WalkDir does not follow symbolic links: nothing outside prefix is
	// reached, whatever another member put in the share.
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if !d.Type().IsRegular() || !tempName.MatchString(d.Name()) {
			return nil
		}
		info, err := d.Info()
		if err != nil || !info.ModTime().Before(cutoff) {
			return nil
		}
		if err := os.Remove(path); err == nil {
			n++
		}
		return nil
	})
	if err != nil && ctx.Err() == nil {
		return n, classify(folderShare, "sweep", prefix, f.root, err)
	}
	return n, ctx.Err()
}

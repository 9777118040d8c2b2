// Package backup writes and restores a member's whole data folder as one
// verified archive, and exports what the member owns in an open format.
//
// A backup is a tar file, encrypted with a passphrase (age, scrypt) when
// the member gives one: the files of the data folder (a consistent copy of
// the database, made while the app may be running, and every finished
// recording), then manifest.json listing each file with its size and
// SHA-256. The manifest comes last because it is written as the files
// stream by; every file is read once. FORMATS.md describes it.
package backup

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// FormatVersion is the backup format this package writes and reads.
const FormatVersion = 1

const manifestName = "manifest.json"

// Manifest lists the files of a backup.
type Manifest struct {
	Format     string    `json:"format"` // "peerplaypay-backup"
	Version    int       `json:"version"`
	AppVersion string    `json:"appVersion"`
	CreatedAt  time.Time `json:"createdAt"`
	Files      []File    `json:"files"`
}

// File is one file of a backup, by its slash path in the data folder.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Progress reports long work: bytes and files done of the total.
type Progress struct {
	Phase      string `json:"phase"` // "copying", "verifying", "restoring"
	Files      int    `json:"files"`
	TotalFiles int    `json:"totalFiles"`
	Bytes      int64  `json:"bytes"`
	TotalBytes int64  `json:"totalBytes"`
}

// Options configure a backup.
type Options struct {
	AppVersion string
	// Passphrase, when set, encrypts the backup (age with an scrypt
	// recipient); a restore then asks for it.
	Passphrase string
	// WorkFactor is the log2 of the scrypt cost that protects the
	// passphrase; 0 is age's default (18), the one to use. A lower one
	// only suits a backup nobody keeps, such as a test's: the race
	// detector makes the default cost a minute.
	WorkFactor int
	// OnProgress is called as the work goes on; it may be nil.
	OnProgress func(Progress)
}

// RestoreOptions configure a restore.
type RestoreOptions struct {
	// Passphrase opens an encrypted backup; ignored for one that is not.
	Passphrase string
	OnProgress func(Progress)
}

// Summary describes a finished backup or restore.
type Summary struct {
	Path      string `json:"path"`
	Files     int    `json:"files"`
	Bytes     int64  `json:"bytes"`
	Encrypted bool   `json:"encrypted"`
	// Unprotected names, in words, the secrets an unencrypted backup holds
	// in plain form, for the member to be told; empty when encrypted.
	Unprotected []string `json:"unprotected"`
}

// Create writes a backup of dataDir, whose database db is open (by this
// process; others may be using it too), to the file dest. It writes to a
// temporary file beside dest, reads it back and checks every file and the
// database copy, and only then gives it its name: a backup that exists is
// a backup that verified.
func Create(ctx context.Context, dataDir string, db *sqlite.DB, dest string, o Options) (Summary, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return Summary{}, err
	}
	if _, err := os.Stat(dest); err == nil {
		return Summary{}, peerplaypay.Errorf(peerplaypay.ECONFLICT, "%s already exists; choose another name, or move the old file away first.", dest)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o700); err != nil {
		return Summary{}, unwritable(dest, err)
	}

	work, err := os.MkdirTemp(filepath.Dir(dest), ".peerplaypay-backup-*")
	if err != nil {
		return Summary{}, unwritable(dest, err)
	}
	defer os.RemoveAll(work)
	snap := filepath.Join(work, sqlite.FileName)
	if err := db.SnapshotTo(ctx, snap); err != nil {
		return Summary{}, err
	}
	files, err := filesToSave(ctx, dataDir, snap)
	if err != nil {
		return Summary{}, err
	}
	var crypt io.WriteCloser

	p := Progress{Phase: "copying", TotalFiles: len(files)}
	for _, f := range files {
		p.TotalBytes += f.size
	}
	report := func() {
		if o.OnProgress != nil {
			o.OnProgress(p)
		}
	}
	report()

	partial := filepath.Join(work, "backup.tar")
	out, err := os.OpenFile(partial, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return Summary{}, unwritable(dest, err)
	}
	defer out.Close()
	var archive io.Writer = out
	if o.Passphrase != "" {
		if crypt, err = encrypter(out, o.Passphrase, o.WorkFactor); err != nil {
			return Summary{}, err
		}
		archive = crypt
	}
	tw := tar.NewWriter(archive)
	m := Manifest{Format: "peerplaypay-backup", Version: FormatVersion, AppVersion: o.AppVersion, CreatedAt: time.Now().UTC()}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return Summary{}, err
		}
		sum, err := addFile(tw, f, func(n int64) { p.Bytes += n; report() })
		if err != nil {
			return Summary{}, err
		}
		m.Files = append(m.Files, File{Path: f.rel, Size: f.size, SHA256: sum})
		p.Files++
		report()
	}
	body, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Summary{}, err
	}
	if err := tw.WriteHeader(&tar.Header{Name: manifestName, Mode: 0o600, Size: int64(len(body)), ModTime: m.CreatedAt, Format: tar.FormatPAX}); err != nil {
		return Summary{}, unwritable(dest, err)
	}
	if _, err := tw.Write(body); err != nil {
		return Summary{}, unwritable(dest, err)
	}
	if err := tw.Close(); err != nil {
		return Summary{}, unwritable(dest, err)
	}
	if crypt != nil {
		if err := crypt.Close(); err != nil {
			return Summary{}, unwritable(dest, err)
		}
	}
	if err := out.Sync(); err != nil {
		return Summary{}, unwritable(dest, err)
	}

	p.Phase, p.Files, p.Bytes = "verifying", 0, 0
	report()
	if _, err := out.Seek(0, io.SeekStart); err != nil {
		return Summary{}, err
	}
	written, _, err := decrypter(out, o.Passphrase)
	if err == nil {
		_, err = Verify(ctx, written, func(v Progress) { p.Files, p.Bytes = v.Files, v.Bytes; report() })
	}
	if err != nil {
		return Summary{}, fmt.Errorf("the backup did not verify after writing, so it was not kept: %w", err)
	}
	out.Close()
	if err := os.Rename(partial, dest); err != nil {
		return Summary{}, unwritable(dest, err)
	}
	syncDir(filepath.Dir(dest))
	sum := Summary{Path: dest, Files: len(files), Bytes: p.TotalBytes, Encrypted: crypt != nil}
	for _, f := range files {
		if f.rel == share.IdentityFile && crypt == nil {
			sum.Unprotected = append(sum.Unprotected, "your team identity key ("+share.IdentityFile+"): with it, anyone who gets the file can read your team's data and sign as you")
		}
	}
	return sum, nil
}

type source struct {
	abs, rel string
	size     int64
}

// filesToSave lists the database copy and the recordings its logs name.
// A recording still being made is left out: it is not finished, and its
// log in the copy says so, so a restore treats it like an interrupted one.
func filesToSave(ctx context.Context, dataDir, snap string) ([]source, error) {
	fi, err := os.Stat(snap)
	if err != nil {
		return nil, err
	}
	files := []source{{abs: snap, rel: sqlite.FileName, size: fi.Size()}}
	// The team identity: restored on a new laptop, it keeps the member's
	// place in the team. It exists once the app has started.
	id := filepath.Join(dataDir, share.IdentityFile)
	if fi, err := os.Stat(id); err == nil {
		files = append(files, source{abs: id, rel: share.IdentityFile, size: fi.Size()})
	}
	db, err := sqlite.Open(ctx, snap)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	defer os.RemoveAll(snap + ".open")
	// A secret an earlier version kept in the database stays out of the
	// copy, even before the team service has moved it to the keychain.
	if err := sqlite.NewSettingsService(db).DeleteSettings(ctx, teamsync.SettingOldSecretKey); err != nil {
		return nil, err
	}
	logs := sqlite.NewLogService(db)
	for offset := 0; ; offset += 500 {
		page, _, err := logs.FindLogs(ctx, peerplaypay.LogFilter{Limit: 500, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, e := range page {
			if e.MediaPath == "" || !filepath.IsLocal(filepath.FromSlash(e.MediaPath)) {
				continue
			}
			abs := filepath.Join(dataDir, filepath.FromSlash(e.MediaPath))
			fi, err := os.Stat(abs)
			if err != nil {
				return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND,
					"The recording of log %d (%s) is missing from the data folder, so the backup would be incomplete. Delete that log or put the file back, then back up again.", e.ID, e.MediaPath)
			}
			files = append(files, source{abs: abs, rel: e.MediaPath, size: fi.Size()})
		}
		if len(page) < 500 {
			return files, nil
		}
	}
}

// addFile streams one file into the archive and returns its SHA-256.
func addFile(tw *tar.Writer, f source, progress func(int64)) (string, error) {
	in, err := os.Open(f.abs)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", f.rel, err)
	}
	defer in.Close()
	if err := tw.WriteHeader(&tar.Header{Name: f.rel, Mode: 0o600, Size: f.size, ModTime: time.Now(), Format: tar.FormatPAX}); err != nil {
		return "", err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tw, h, progressWriter(progress)), io.LimitReader(in, f.size))
	if err == nil && n != f.size {
		err = fmt.Errorf("%s changed while it was being saved", f.rel)
	}
	if err != nil {
		return "", fmt.Errorf("copy %s: %w", f.rel, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

type progressWriter func(int64)

func (p progressWriter) Write(b []byte) (int, error) {
	p(int64(len(b)))
	return len(b), nil
}

// Verify reads a whole backup, checks every file against the manifest and
// the database copy's integrity, and returns the manifest. progress may be
// nil.
func Verify(ctx context.Context, r io.Reader, progress func(Progress)) (*Manifest, error) {
	tmp, err := os.MkdirTemp("", "peerplaypay-verify-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	return extract(ctx, r, tmp, false, progress)
}

// extract reads a backup, checking each file as it goes, the manifest at
// the end, and the database copy. It writes the files into dir when keep is
// set (Restore); otherwise only the database, which must be a file to be
// checked (Verify), so verifying needs little disk.
func extract(ctx context.Context, r io.Reader, dir string, keep bool, progress func(Progress)) (*Manifest, error) {
	tr := tar.NewReader(r)
	seen := map[string]File{}
	var m *Manifest
	p := Progress{Phase: "verifying"}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, damaged("it ends early or is not a backup (%v)", err)
		}
		if m != nil {
			return nil, damaged("it has files after its manifest")
		}
		if hdr.Name == manifestName {
			m = new(Manifest)
			if err := json.NewDecoder(io.LimitReader(tr, 64<<20)).Decode(m); err != nil {
				return nil, damaged("its manifest cannot be read (%v)", err)
			}
			continue
		}
		rel := path.Clean(hdr.Name)
		if hdr.Typeflag != tar.TypeReg || !filepath.IsLocal(filepath.FromSlash(rel)) || strings.HasPrefix(rel, ".") {
			return nil, damaged("it holds %q, which is not a file of a data folder", hdr.Name)
		}
		if _, dup := seen[rel]; dup {
			return nil, damaged("it holds %s twice", rel)
		}
		h := sha256.New()
		n, err := copyOut(tr, dir, rel, keep || rel == sqlite.FileName, io.MultiWriter(h, progressWriter(func(n int64) {
			p.Bytes += n
			if progress != nil {
				progress(p)
			}
		})))
		if err != nil {
			return nil, err
		}
		seen[rel] = File{Path: rel, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}
		p.Files++
		if progress != nil {
			progress(p)
		}
	}
	if m == nil {
		return nil, damaged("it has no manifest; it may be cut short")
	}
	if m.Format != "peerplaypay-backup" {
		return nil, damaged("it is not a PeerPlayPay backup")
	}
	if m.Version > FormatVersion {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "This backup was made by a newer PeerPlayPay (format %d); update PeerPlayPay to restore it.", m.Version)
	}
	if len(m.Files) != len(seen) {
		return nil, damaged("its manifest lists %d files but it holds %d", len(m.Files), len(seen))
	}
	for _, want := range m.Files {
		got, ok := seen[want.Path]
		if !ok {
			return nil, damaged("%s is missing", want.Path)
		}
		if got != want {
			return nil, damaged("%s does not match its checksum", want.Path)
		}
	}
	if _, ok := seen[sqlite.FileName]; !ok {
		return nil, damaged("it holds no database")
	}
	if err := sqlite.CheckFile(ctx, filepath.Join(dir, sqlite.FileName)); err != nil {
		return nil, damaged("its database copy is damaged (%s)", peerplaypay.ErrorMessage(err))
	}
	return m, nil
}

// Restore unpacks the backup at src into dataDir, which must be empty or
// not exist: a restore never mixes with, or overwrites, existing data. The
// files are unpacked and checked in a folder beside dataDir, which then
// takes its name, so a failed restore leaves nothing half done.
func Restore(ctx context.Context, src, dataDir string, o RestoreOptions) (Summary, error) {
	dataDir, err := filepath.Abs(dataDir)
	if err != nil {
		return Summary{}, err
	}
	if entries, err := os.ReadDir(dataDir); err == nil && len(entries) > 0 {
		return Summary{}, peerplaypay.Errorf(peerplaypay.ECONFLICT,
			"The data folder %s is not empty; a backup is restored only into an empty folder, so nothing is overwritten. Choose a new folder with --data-dir, or move this one away first.", dataDir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Summary{}, unwritable(dataDir, err)
	}
	u, err := Unpack(ctx, src, filepath.Dir(dataDir), o)
	if err != nil {
		return Summary{}, err
	}
	defer u.Discard()
	os.Remove(dataDir) // empty, or absent
	if err := os.Rename(u.Dir, dataDir); err != nil {
		return Summary{}, unwritable(dataDir, err)
	}
	syncDir(filepath.Dir(dataDir))
	return u.summary(dataDir), nil
}

// Unpacked is a backup read whole, checked and unpacked into a folder of
// its own, waiting to become a data folder (Replace) or to be dropped
// (Discard).
type Unpacked struct {
	// Dir holds the unpacked files: a hidden folder beside the data folder,
	// on the same disk, so that taking its place is a rename.
	Dir       string
	Source    string
	Manifest  Manifest
	Encrypted bool
}

// Unpack reads the backup at src, decrypting it with the passphrase when it
// is encrypted, and unpacks it into a new hidden folder in parent, checking
// every file and the database copy. On any failure nothing is left behind.
func Unpack(ctx context.Context, src, parent string, o RestoreOptions) (*Unpacked, error) {
	src, err := filepath.Abs(src)
	if err != nil {
		return nil, err
	}
	in, err := openBackup(src)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return nil, unwritable(parent, err)
	}
	work, err := os.MkdirTemp(parent, ".peerplaypay-restore-*")
	if err != nil {
		return nil, unwritable(parent, err)
	}
	keep := false
	defer func() {
		if !keep {
			os.RemoveAll(work)
		}
	}()
	var total int64
	if fi, err := in.Stat(); err == nil {
		total = fi.Size()
	}
	archive, encrypted, err := decrypter(in, o.Passphrase)
	if err != nil {
		return nil, err
	}
	m, err := extract(ctx, archive, work, true, func(p Progress) {
		if o.OnProgress != nil {
			p.Phase, p.TotalBytes = "restoring", total
			o.OnProgress(p)
		}
	})
	if err != nil {
		return nil, err
	}
	keep = true
	return &Unpacked{Dir: work, Source: src, Manifest: *m, Encrypted: encrypted}, nil
}

// Discard removes the unpacked files, unless they became a data folder.
func (u *Unpacked) Discard() error {
	if u == nil || u.Dir == "" {
		return nil
	}
	err := os.RemoveAll(u.Dir)
	u.Dir = ""
	return err
}

// Replace puts the unpacked backup in the place of dataDir, whose files are
// not deleted but moved aside, whole, to a new folder beside it whose name
// says so; it returns that folder. Both moves are renames on one disk: if
// the second fails, the first is undone and dataDir is as it was.
func (u *Unpacked) Replace(dataDir string, now time.Time) (aside string, err error) {
	if u.Dir == "" {
		return "", peerplaypay.Errorf(peerplaypay.ECONFLICT, "This backup was already restored or dropped; choose it again.")
	}
	dataDir, err = filepath.Abs(dataDir)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(dataDir); err == nil {
		aside = AsideName(dataDir, now)
		if err := os.Rename(dataDir, aside); err != nil {
			return "", peerplaypay.Errorf(peerplaypay.EUNWRITABLE,
				"Your current data could not be moved aside to %s (%v), so nothing was restored. Check that the folder %s is writable.", aside, err, filepath.Dir(dataDir))
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", unwritable(dataDir, err)
	}
	if err := os.Rename(u.Dir, dataDir); err != nil {
		if aside != "" {
			if back := os.Rename(aside, dataDir); back != nil {
				return "", peerplaypay.Errorf(peerplaypay.EUNWRITABLE,
					"The backup could not take the place of your data (%v), and your data could not be moved back (%v): it is whole in %s; move it back to %s by hand.", err, back, aside, dataDir)
			}
		}
		return "", peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "The backup could not take the place of your data (%v); your data is as it was.", err)
	}
	u.Dir = ""
	syncDir(filepath.Dir(dataDir))
	return aside, nil
}

// AsideName is the free name, beside dataDir, that the data replaced by a
// restore at now is kept under: "peerplaypay-before-restore-2026-11-23-1400".
func AsideName(dataDir string, now time.Time) string {
	base := dataDir + "-before-restore-" + now.Format("2006-01-02-1504")
	name := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
}

func (u *Unpacked) summary(path string) Summary {
	var total int64
	for _, f := range u.Manifest.Files {
		total += f.Size
	}
	return Summary{Path: path, Files: len(u.Manifest.Files), Bytes: total, Encrypted: u.Encrypted}
}

// Summary describes what was unpacked, as restored to path.
func (u *Unpacked) Summary(path string) Summary { return u.summary(path) }

// openBackup opens the file a member named as a backup, with a sentence
// for each way it can be the wrong thing.
func openBackup(src string) (*os.File, error) {
	fi, err := os.Stat(src)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no file %s. Check the path, or choose the backup with Browse.", src)
	case err != nil:
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "The backup %s cannot be opened (%v).", src, errors.Unwrap(err))
	case fi.IsDir():
		return nil, peerplaypay.Errorf(peerplaypay.EINVALID, "%s is a folder; choose the backup file itself (it ends in .tar).", src)
	}
	in, err := os.Open(src)
	if err != nil {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "The backup %s cannot be opened (%v).", src, errors.Unwrap(err))
	}
	return in, nil
}

// Inspect looks at the start of the file at path, without reading it all:
// whether it is encrypted (so a passphrase is asked, and only then), and,
// when it is not, whether it is a tar archive at all, so that a file that
// is no backup is told at once rather than after a long read.
func Inspect(path string) (encrypted bool, err error) {
	path, err = filepath.Abs(path)
	if err != nil {
		return false, err
	}
	f, err := openBackup(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	// Enough for the first entry's headers, a PAX one included.
	head := make([]byte, 8<<10)
	n, _ := io.ReadFull(f, head)
	if n >= len(ageMagic) && string(head[:len(ageMagic)]) == ageMagic {
		return true, nil
	}
	if _, err := tar.NewReader(bytes.NewReader(head[:n])).Next(); err != nil {
		return false, peerplaypay.Errorf(peerplaypay.EINVALID, "%s is not a PeerPlayPay backup. Choose the .tar file that Back up (or `peerplaypay backup`) wrote.", path)
	}
	return false, nil
}

// copyOut copies one archived file through also, and into dir when write.
func copyOut(r io.Reader, dir, rel string, write bool, also io.Writer) (int64, error) {
	if !write {
		n, err := io.Copy(also, r)
		if err != nil {
			return n, damaged("%s cannot be read in full (%v)", rel, err)
		}
		return n, nil
	}
	dest := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(dest), 0o700); err != nil {
		return 0, unwritable(dest, err)
	}
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, unwritable(dest, err)
	}
	defer f.Close()
	n, err := io.Copy(io.MultiWriter(f, also), r)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return n, unwritable(dest, err)
		}
		return n, damaged("%s cannot be read in full (%v)", rel, err)
	}
	if err := f.Sync(); err != nil {
		return n, unwritable(dest, err)
	}
	return n, f.Close()
}

func damaged(format string, args ...any) error {
	return peerplaypay.Errorf(peerplaypay.ECORRUPT, "The backup is damaged: "+format+". Nothing was restored from it; use another copy.", args...)
}

func unwritable(path string, err error) error {
	return peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write %s (%v). Check that its folder is writable and the disk is not full.", path, err)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

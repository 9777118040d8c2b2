package backend

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// folder is a share on a local or mounted file system: a key is the file
// of the same relative path under root.
//
// A completed Put survives a power cut and a create-only Put never
// replaces what another writer created: Put writes a temporary file next to
// the target, fsyncs it, then links it into place (link fails atomically
// when the name exists, on every local and network file system that has
// hard links) or renames it, and fsyncs the directory.
type folder struct {
	counter
	root string
}

var _ Backend = (*folder)(nil)

func openFolder(_ context.Context, path string, opts Options) (Backend, error) {
	root, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open share folder: %w", err)
	}
	fi, err := os.Stat(root)
	if errors.Is(err, fs.ErrNotExist) && opts.CreateFolder {
		if err = os.MkdirAll(root, 0o777); err == nil {
			fi, err = os.Stat(root)
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, newError(KindNoShare, folderShare, "open", "", root, "", err)
	case err != nil:
		return nil, classify(folderShare, "open", "", root, err)
	case !fi.IsDir():
		return nil, newError(KindNoShare, folderShare, "open", "", root, "it is a file, not a folder", nil)
	}
	return &folder{root: root}, nil
}

func (f *folder) Location() string { return f.root }

func (f *folder) Close() error { return nil }

// path is the file of a valid key.
func (f *folder) path(key string) string {
	return filepath.Join(f.root, filepath.FromSlash(key))
}

// fail classifies err; a "not found" while the root itself is gone is a
// missing share (an unmounted drive), not a missing key.
func (f *folder) fail(op, key string, err error) error {
	err = classify(folderShare, op, key, f.root, err)
	if KindOf(err) == KindNotFound {
		if rerr := f.checkRoot(op); rerr != nil {
			return rerr
		}
	}
	return err
}

func (f *folder) checkRoot(op string) error {
	fi, err := os.Stat(f.root)
	if errors.Is(err, fs.ErrNotExist) || err == nil && !fi.IsDir() {
		return newError(KindNoShare, folderShare, op, "", f.root, "", err)
	}
	if err != nil {
		return classify(folderShare, op, "", f.root, err)
	}
	return nil
}

func (f *folder) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	return f.GetRange(ctx, key, 0, -1)
}

func (f *folder) GetRange(ctx context.Context, key string, offset, length int64) (io.ReadCloser, error) {
	f.gets.Add(1)
	if err := checkKey("get", key); err != nil {
		return nil, err
	}
	if offset < 0 {
		return nil, fmt.Errorf("get %s: negative offset %d", key, offset)
	}
	if err := ctx.Err(); err != nil {
		return nil, f.fail("get", key, err)
	}
	file, err := f.openObject(key)
	if err != nil {
		return nil, f.fail("get", key, err)
	}
	if offset > 0 {
		if _, err := file.Seek(offset, io.SeekStart); err != nil {
			file.Close()
			return nil, f.fail("get", key, err)
		}
	}
	r := io.Reader(file)
	if length >= 0 {
		r = io.LimitReader(file, length)
	}
	return &fileReader{ctx: ctx, r: r, f: file}, nil
}

// openObject opens the regular file of key. Anything else under that name
// (a folder, a device, a pipe that would block the read forever) is no
// object of the share.
func (f *folder) openObject(key string) (*os.File, error) {
	p := f.path(key)
	if _, err := f.statObject(p); err != nil {
		return nil, err
	}
	return os.Open(p)
}

func (f *folder) statObject(p string) (fs.FileInfo, error) {
	fi, err := os.Stat(p)
	if err == nil && !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
	}
	return fi, err
}

// fileReader stops a long read between two reads once ctx is done, as a
// cancelled S3 read does.
type fileReader struct {
	ctx context.Context
	r   io.Reader
	f   *os.File
}

func (r *fileReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}

func (r *fileReader) Close() error { return r.f.Close() }

func (f *folder) Stat(ctx context.Context, key string) (Entry, error) {
	f.stats.Add(1)
	if err := checkKey("stat", key); err != nil {
		return Entry{}, err
	}
	if err := ctx.Err(); err != nil {
		return Entry{}, f.fail("stat", key, err)
	}
	fi, err := f.statObject(f.path(key))
	if err != nil {
		return Entry{}, f.fail("stat", key, err)
	}
	return Entry{Key: key, Size: fi.Size()}, nil
}

func (f *folder) Delete(ctx context.Context, key string) error {
	f.deletes.Add(1)
	if err := checkKey("delete", key); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return f.fail("delete", key, err)
	}
	err := os.Remove(f.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return f.checkRoot("delete")
	}
	if err != nil {
		return f.fail("delete", key, err)
	}
	return nil
}

// List walks the directory of the prefix itself, in one pass, and sorts
// what it found: a walk visits "a/b" before "a-c", which is not key order.
// A directory it cannot read is an error, not an empty part of the share
// (an unmounted share must not list as empty).
func (f *folder) List(ctx context.Context, prefix, startAfter string) ([]Entry, error) {
	f.lists.Add(1)
	if err := checkPrefix(prefix, startAfter); err != nil {
		return nil, err
	}
	if err := f.checkRoot("list"); err != nil {
		return nil, err
	}
	start := f.root
	if i := strings.LastIndex(prefix, "/"); i >= 0 {
		start = filepath.Join(f.root, filepath.FromSlash(prefix[:i]))
	}
	var out []Entry
	err := filepath.WalkDir(start, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == start && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(f.root, path)
		if err != nil || rel == "." {
			return err
		}
		key := filepath.ToSlash(rel)
		if d.IsDir() {
			if d.Name()[0] == '.' || !strings.HasPrefix(key+"/", prefix) && !strings.HasPrefix(prefix, key+"/") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasPrefix(key, prefix) || key <= startAfter || inProgress(d.Name()) {
			return nil
		}
		if !d.Type().IsRegular() || !ValidKey(key) {
			out = append(out, Entry{Key: key, Foreign: true})
			return nil
		}
		fi, err := d.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // deleted while we walked
		} else if err != nil {
			return err
		}
		out = append(out, Entry{Key: key, Size: fi.Size()})
		return nil
	})
	if err != nil {
		return nil, f.fail("list", prefix, err)
	}
	slices.SortFunc(out, func(a, b Entry) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}

func (f *folder) Put(ctx context.Context, key string, r io.Reader, opts PutOptions) error {
	f.puts.Add(1)
	if err := checkKey("put", key); err != nil {
		return err
	}
	// The root is never created here: a missing root is an unmounted drive,
	// and writing into the empty mount point would fork the share.
	if err := f.checkRoot("put"); err != nil {
		return err
	}
	err := f.put(ctx, key, r, opts)
	var re *readError
	if errors.As(err, &re) {
		return fmt.Errorf("put %s: read data: %w", key, re.err)
	}
	if err != nil {
		return f.fail("put", key, err)
	}
	return nil
}

func (f *folder) put(ctx context.Context, key string, r io.Reader, opts PutOptions) error {
	path := f.path(key)
	dir := filepath.Dir(path)
	if err := mkdirAllSynced(f.root, dir); err != nil {
		return err
	}
	tmp, err := createTemp(dir, filepath.Base(path))
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName) // after a link or a failure; a no-op after a rename
	buf := make([]byte, 256<<10)
	src := &sourceReader{ctx: ctx, r: r}
	_, err = io.CopyBuffer(tmp, src, buf)
	if src.err != nil {
		tmp.Close()
		return &readError{src.err}
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if opts.CreateOnly {
		err = createOnly(tmpName, path)
	} else {
		err = os.Rename(tmpName, path)
	}
	if err != nil {
		return err
	}
	return syncDir(dir)
}

// createOnly links tmp to path, which fails if path exists. A file system
// without hard links (FAT, exFAT, some SMB servers) falls back to a check
// and a rename: still never a replacement of an object that was there
// before, but two writers racing within the same instant can both succeed.
func createOnly(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, serr := os.Lstat(path); serr == nil {
		return &fs.PathError{Op: "link", Path: path, Err: fs.ErrExist}
	}
	return os.Rename(tmp, path)
}

// createTemp names temporary files ".<name>.<random>.tmp" in the target's
// own directory: the rename or link never crosses a mount point, and the
// leading dot keeps them out of List.
func createTemp(dir, name string) (*os.File, error) {
	for range 10 {
		var rnd [8]byte
		if _, err := rand.Read(rnd[:]); err != nil {
			return nil, err
		}
		p := filepath.Join(dir, "."+name+"."+hex.EncodeToString(rnd[:])+".tmp")
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("create temporary file in %s: too many collisions", dir)
}

// mkdirAllSynced creates dir and its missing parents below root, fsyncing
// each parent so that a new directory survives a power cut together with
// the file written into it.
func mkdirAllSynced(root, dir string) error {
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		return nil
	}
	if dir == root || len(dir) <= len(root) {
		return &fs.PathError{Op: "mkdir", Path: dir, Err: fs.ErrNotExist}
	}
	parent := filepath.Dir(dir)
	if err := mkdirAllSynced(root, parent); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o777); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return syncDir(parent)
}

package share

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"filippo.io/age"

	"peerplaypay/internal/peerplaypay"
)

// DownloadOptions tune a Download.
type DownloadOptions struct {
	Concurrency int            // chunk GETs at once (default 4)
	Progress    func(Progress) // called after each chunk, never concurrently
}

// Download fetches the file m describes, stored by author, to name inside
// dir. Every file it touches is opened through dir (an os.Root), so no
// name, however it was built, can make it write outside that folder. It
// writes name+".part" first, verifying every chunk (it decrypts with the
// epoch's key and its keyed hash must equal its name) before writing it,
// then the whole file's SHA-256, and only then renames the file into
// place. A download that stops leaves the .part file; the next Download
// re-checks the chunks in it and fetches only the others. A chunk that
// fails its check is reported (ECORRUPT, ReasonBlobCorrupt) and never
// written; name is not created.
func (t *Team) Download(ctx context.Context, author MemberID, m *Manifest, dir *os.Root, name string, opts DownloadOptions) error {
	if err := m.Validate(); err != nil {
		return err
	}
	k, ok := t.epochKey(m.Epoch)
	if !ok {
		return refusef(ReasonNoKey, peerplaypay.EUNAVAILABLE, fmt.Sprintf("epoch %d", m.Epoch),
			"This media file is encrypted with a team key you were never given, so it cannot be downloaded.")
	}
	dest := filepath.FromSlash(name)
	part := dest + ".part"
	f, err := dir.OpenFile(part, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write %s (%v). Check the media folder's permissions and free space.", part, errReason(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	resuming := fi.Size() > 0
	if fi.Size() != m.Size {
		if err := f.Truncate(m.Size); err != nil {
			return fmt.Errorf("download: size %s: %w", part, err)
		}
	}

	n := opts.Concurrency
	if n <= 0 {
		n = 4
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	report := &progress{fn: opts.Progress}
	var wg sync.WaitGroup
	type job struct {
		i   int
		off int64
	}
	jobs := make(chan job)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, m.ChunkSize+1)
			for j := range jobs {
				c := m.Chunks[j.i]
				if resuming && chunkOnDisk(f, j.off, buf[:c.Size], k, c.Name) {
					report.chunk(c.Size, true)
					continue
				}
				if err := t.fetchChunk(ctx, author, k, c, buf, f, j.off); err != nil {
					cancel(err)
					continue
				}
				report.chunk(c.Size, false)
			}
		}()
	}
	var off int64
	for i, c := range m.Chunks {
		if ctx.Err() != nil {
			break
		}
		select {
		case jobs <- job{i, off}:
		case <-ctx.Done():
		}
		off += int64(c.Size)
	}
	close(jobs)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("download: sync %s: %w", part, err)
	}
	if err := checkWhole(f, m); err != nil {
		f.Close()
		dir.Remove(part)
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := dir.Rename(part, dest); err != nil {
		return fmt.Errorf("download: %w", err)
	}
	syncParent(dir, dest)
	return nil
}

// chunkOnDisk reports whether the .part file already holds chunk c.
func chunkOnDisk(f *os.File, off int64, buf []byte, k *EpochKey, name string) bool {
	if _, err := f.ReadAt(buf, off); err != nil {
		return false
	}
	return hmac.Equal([]byte(k.blobName(buf)), []byte(name))
}

func (t *Team) fetchChunk(ctx context.Context, author MemberID, k *EpochKey, c ChunkRef, buf []byte, f *os.File, off int64) error {
	key := blobKey(author, c.Name)
	rc, err := t.b.Get(ctx, key)
	if err != nil {
		return fmt.Errorf("download chunk %s: %w", c.Name[:12], err)
	}
	defer rc.Close()
	corrupt := func(detail string) error {
		return blobRefusal(key, detail, "A piece of this media file in the team share is damaged or was replaced, so the file cannot be trusted and was not saved. Ask its author to publish it again.")
	}
	pr, err := age.Decrypt(io.LimitReader(rc, encryptedSize(c.Size)+1), k.id)
	if err != nil {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		return corrupt(err.Error())
	}
	got, err := io.ReadFull(pr, buf[:c.Size+1])
	if err != io.ErrUnexpectedEOF || got != c.Size {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		return corrupt(fmt.Sprintf("size %d, %v", got, err))
	}
	if !hmac.Equal([]byte(k.blobName(buf[:got])), []byte(c.Name)) {
		return corrupt("content does not match its name")
	}
	if _, err := f.WriteAt(buf[:got], off); err != nil {
		return fmt.Errorf("download: write: %w", err)
	}
	return nil
}

func checkWhole(f *os.File, m *Manifest) error {
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, m.Size)); err != nil {
		return fmt.Errorf("download: hash: %w", err)
	}
	if hex.EncodeToString(h.Sum(nil)) != m.SHA256 {
		return blobRefusal("", "whole-file hash", "A media file assembled from the team share does not match its description, so it was not saved. Ask its author to publish it again.")
	}
	return nil
}

// syncParent makes the rename into place durable where a directory can be
// synced (not on Windows, nor on some network file systems); the file's
// data is synced already, so failing the download here would help nobody.
func syncParent(dir *os.Root, path string) {
	if d, err := dir.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

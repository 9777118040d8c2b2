package share

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"

	"filippo.io/age"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
)

// UploadOptions tune an Uploader.
type UploadOptions struct {
	// Concurrency is how many chunk PUTs run at once across every Upload
	// of the Uploader (default 4). Memory is about 8 MiB per unit.
	Concurrency int
}

// Uploader stores files as chunks under our blobs/ folder, encrypted to
// the current epoch. One Uploader serves a sync: call Upload from several
// goroutines to overlap files; the total of PUTs in flight stays bounded.
//
// What is already in the share is learnt with one listing of the blobs
// folder the first time it is needed (a page per 1000 chunks) rather than
// a HEAD per chunk: a sync that uploads many files asks once, and we are
// the only writer of that folder, so the listing stays true while the
// Uploader lives. Chunks are written create-only, so a stale listing
// costs at most a redundant transfer, never a wrong object.
type Uploader struct {
	t      *Team
	key    *EpochKey
	to     *age.X25519Recipient
	prefix string
	bufs   chan *chunkBuf

	mu      sync.Mutex
	listed  bool
	present map[string]int64 // chunk name -> stored size
}

type chunkBuf struct {
	plain  []byte
	cipher bytes.Buffer
}

// NewUploader returns an uploader for the current epoch.
func (t *Team) NewUploader(opts UploadOptions) (*Uploader, error) {
	r := t.Roster()
	if err := t.requireActive(r); err != nil {
		return nil, err
	}
	ep := r.CurrentEpoch()
	k, ok := t.epochKey(ep.Number)
	if !ok {
		return nil, refusef(ReasonNoKey, peerplaypay.EUNAVAILABLE, fmt.Sprintf("epoch %d", ep.Number),
			"You do not hold the team's current key, so no media can be sent. Ask a member to remove and re-add you.")
	}
	n := opts.Concurrency
	if n <= 0 {
		n = 4
	}
	u := &Uploader{t: t, key: k, to: k.Recipient(), prefix: blobsPrefix(t.me.id), bufs: make(chan *chunkBuf, n)}
	for range n {
		u.bufs <- &chunkBuf{}
	}
	return u, nil
}

func (u *Uploader) list(ctx context.Context) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.listed {
		return nil
	}
	entries, err := u.t.listOurs(ctx, u.prefix, "", isBlobKey(u.t.me.id))
	if err != nil {
		return fmt.Errorf("list stored chunks: %w", err)
	}
	u.present = make(map[string]int64, len(entries))
	for _, e := range entries {
		u.present[lastSegment(e.Key, u.prefix)] = e.Size
	}
	u.listed = true
	return nil
}

// stored reports whether a complete chunk is in the share; damaged means
// an object of the wrong size is there.
func (u *Uploader) stored(name string, plain int) (ok, damaged bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	size, found := u.present[name]
	return found && size == encryptedSize(plain), found && size != encryptedSize(plain)
}

func (u *Uploader) markStored(name string, plain int) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.present[name] = encryptedSize(plain)
}

// Upload reads r to its end, storing each chunk not already in the share,
// and returns the manifest to put in an event. It holds at most the
// uploader's buffers in memory, whatever the file's size. Cancelling ctx
// stops it between chunks and aborts the PUTs in flight; a chunk is only
// ever visible complete, so running Upload again on the same file resumes:
// the chunks already stored are not sent again. onProgress (may be nil)
// is called after each chunk, never concurrently.
func (u *Uploader) Upload(ctx context.Context, r io.Reader, onProgress func(Progress)) (*Manifest, error) {
	if err := u.list(ctx); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	m := &Manifest{Format: manifestFormat, Epoch: u.key.Epoch, ChunkSize: ChunkSize}
	names := map[string]bool{}
	whole := sha256.New()
	report := &progress{fn: onProgress}
	var wg sync.WaitGroup
	for {
		var buf *chunkBuf
		select {
		case buf = <-u.bufs:
		case <-ctx.Done():
		}
		if buf == nil {
			break
		}
		if len(buf.plain) != ChunkSize {
			buf.plain = make([]byte, ChunkSize)
		}
		n, err := io.ReadFull(r, buf.plain)
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			u.bufs <- buf
			cancel(fmt.Errorf("upload: read: %w", err))
			break
		}
		if n == 0 {
			u.bufs <- buf
			break
		}
		plain := buf.plain[:n]
		whole.Write(plain)
		name := u.key.blobName(plain)
		if names[name] {
			// Readers refuse a manifest naming a chunk twice (PROTOCOL.md
			// §12); compressed media never repeats 4 MiB, so say so now
			// rather than publish what no member would accept.
			u.bufs <- buf
			cancel(peerplaypay.Errorf(peerplaypay.EINVALID, "This file repeats the same %d MiB twice, which the team share does not accept; it was not shared.", ChunkSize>>20))
			break
		}
		names[name] = true
		m.Chunks = append(m.Chunks, ChunkRef{Name: name, Size: n})
		m.Size += int64(n)
		ok, damaged := u.stored(name, n)
		if ok {
			u.bufs <- buf
			report.chunk(n, true)
		} else {
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { u.bufs <- buf }()
				if err := u.put(ctx, buf, plain, name, damaged); err != nil {
					cancel(err)
					return
				}
				u.markStored(name, n)
				report.chunk(n, false)
			}()
		}
		if n < ChunkSize {
			break
		}
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	m.SHA256 = hex.EncodeToString(whole.Sum(nil))
	return m, nil
}

// put encrypts one chunk and stores it. An object already there under the
// name holds the same plaintext (the name is its keyed hash), so losing a
// create-only race is success. A damaged object of ours is replaced.
func (u *Uploader) put(ctx context.Context, buf *chunkBuf, plain []byte, name string, replace bool) error {
	buf.cipher.Reset()
	buf.cipher.Grow(int(encryptedSize(len(plain))))
	w, err := age.Encrypt(&buf.cipher, u.to)
	if err != nil {
		return err
	}
	if _, err := w.Write(plain); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	key := u.prefix + name
	err = u.t.b.Put(ctx, key, bytes.NewReader(buf.cipher.Bytes()), backend.PutOptions{CreateOnly: !replace})
	if errors.Is(err, backend.ErrExists) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("upload chunk %s: %w", name[:12], err)
	}
	return nil
}

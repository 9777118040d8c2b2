package share

import (
	"fmt"
	"sync"

	"peerplaypay/internal/peerplaypay"
)

// ChunkSize is the plaintext size of every chunk but a file's last.
//
// 4 MiB because: an encrypted chunk (4 MiB + 16 bytes per 64 KiB + 184) stays
// under the 5 MiB at which S3 clients switch to multipart uploads, so each
// chunk is exactly one PUT, conditional create included; a stand-up video
// of a few minutes is a handful of requests, so per-request latency does
// not dominate on a remote bucket; a resumed upload re-sends at most
// 4 MiB per chunk in flight; and memory stays bounded at two buffers of
// 4 MiB per concurrent chunk.
const ChunkSize = 4 << 20

// Manifest describes a file stored as chunks under its author's blobs/
// folder. It travels inside a signed, encrypted event (for instance
// log.published), which is what authenticates the chunks: each chunk's
// name is the keyed hash of its plaintext, and SHA256 covers the whole.
type Manifest struct {
	Format    int        `json:"format"` // 1
	Epoch     uint32     `json:"epoch"`  // the epoch whose key encrypts and names the chunks
	Size      int64      `json:"size"`
	SHA256    string     `json:"sha256"` // hex, of the whole plaintext
	ChunkSize int        `json:"chunk_size"`
	Chunks    []ChunkRef `json:"chunks"`
}

// ChunkRef is one chunk: its name in the share and its plaintext size.
type ChunkRef struct {
	Name string `json:"name"`
	Size int    `json:"size"`
}

const manifestFormat = 1

// Validate checks that the manifest is self-consistent, so that a download
// can trust its offsets and sizes before fetching anything. The author
// chose every field: the chunk size is exactly the protocol's (a larger
// one would make a reader hold larger buffers), no size is negative, no
// chunk is listed twice (the same 4 MiB named 128 times made a 512 MiB
// file), and the chunks add up to the declared size, which is then the
// truth any budget counts.
func (m *Manifest) Validate() error {
	bad := func(what string) error {
		return peerplaypay.Errorf(peerplaypay.ECORRUPT, "A media file's description is damaged (%s); the file cannot be downloaded.", what)
	}
	if m.Format != manifestFormat {
		if m.Format > manifestFormat {
			return peerplaypay.Errorf(peerplaypay.EUNAVAILABLE, "A media file was stored by a newer version of PeerPlayPay. Update PeerPlayPay to download it.")
		}
		return bad("format")
	}
	if m.ChunkSize != ChunkSize {
		return bad(fmt.Sprintf("chunk size %d, not %d", m.ChunkSize, ChunkSize))
	}
	if m.Epoch == 0 {
		return bad("epoch")
	}
	if m.Size < 0 || m.Size > maxMediaSize {
		return bad(fmt.Sprintf("size %d", m.Size))
	}
	if !isHexName(m.SHA256, 64) {
		return bad("file hash")
	}
	if want := (m.Size + ChunkSize - 1) / ChunkSize; int64(len(m.Chunks)) != want {
		return bad(fmt.Sprintf("%d chunks for a size of %d bytes", len(m.Chunks), m.Size))
	}
	seen := make(map[string]bool, len(m.Chunks))
	var total int64
	for i, c := range m.Chunks {
		if !IsBlobName(c.Name) {
			return bad(fmt.Sprintf("chunk %d name", i))
		}
		if seen[c.Name] {
			return bad(fmt.Sprintf("chunk %d repeats chunk of the same name; sizes cannot be trusted", i))
		}
		seen[c.Name] = true
		if c.Size <= 0 || c.Size > m.ChunkSize || (i < len(m.Chunks)-1 && c.Size != m.ChunkSize) {
			return bad(fmt.Sprintf("chunk %d size", i))
		}
		total += int64(c.Size)
	}
	if total != m.Size {
		return bad("chunk sizes do not add up to the file's size")
	}
	return nil
}

// maxMediaSize bounds a file a manifest may describe (1 TiB): far above
// any recording, and low enough that sizes never overflow when added.
const maxMediaSize = 1 << 40

// The size of an age file with one X25519 recipient is fixed by its
// plaintext size: a 184-byte header and nonce, then 16 bytes of tag per
// 64 KiB of plaintext (at least one). A listed chunk of another size is
// damaged and is uploaded again.
const (
	ageX25519Overhead = 168 + 16
	ageStreamChunk    = 64 << 10
)

func encryptedSize(plain int) int64 {
	chunks := max(1, (plain+ageStreamChunk-1)/ageStreamChunk)
	return int64(ageX25519Overhead + plain + 16*chunks)
}

// Progress of an upload or download, cumulative.
type Progress struct {
	Bytes        int64 // plaintext bytes done (sent, fetched, or found already there)
	Chunks       int   // chunks done
	Skipped      int   // of which were already there and not transferred
	SkippedBytes int64 // their plaintext bytes: Bytes - SkippedBytes were transferred
}

// progress accumulates per-chunk results and reports them one at a time,
// from whichever goroutine finished a chunk.
type progress struct {
	mu sync.Mutex
	p  Progress
	fn func(Progress)
}

func (r *progress) chunk(size int, skipped bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.p.Bytes += int64(size)
	r.p.Chunks++
	if skipped {
		r.p.Skipped++
		r.p.SkippedBytes += int64(size)
	}
	if r.fn != nil {
		r.fn(r.p)
	}
}

func blobRefusal(key, detail, msg string) *Error {
	return refuse(ReasonBlobCorrupt, peerplaypay.ECORRUPT, key, detail, msg)
}

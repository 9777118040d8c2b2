package share

import (
	"encoding/hex"
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
// can trust its offsets and sizes before fetching anything.
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
	if m.ChunkSize <= 0 || m.ChunkSize > 64<<20 || m.Epoch == 0 {
		return bad("chunk size or epoch")
	}
	if b, err := hex.DecodeString(m.SHA256); err != nil || len(b) != 32 {
		return bad("file hash")
	}
	var total int64
	for i, c := range m.Chunks {
		if b, err := hex.DecodeString(c.Name); err != nil || len(b) != 32 || c.Name != hex.EncodeToString(b) {
			return bad(fmt.Sprintf("chunk %d name", i))
		}
		if c.Size <= 0 || c.Size > m.ChunkSize || (i < len(m.Chunks)-1 && c.Size != m.ChunkSize) {
			return bad(fmt.Sprintf("chunk %d size", i))
		}
		total += int64(c.Size)
	}
	if total != m.Size {
		return bad("sizes do not add up")
	}
	return nil
}

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

package share

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"filippo.io/age"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
	"peerplaypay/internal/share/backend/backendtest"
)

func randomData(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func mustUploader(t testing.TB, tm *Team, concurrency int) *Uploader {
	t.Helper()
	u, err := tm.NewUploader(UploadOptions{Concurrency: concurrency})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func mustUpload(t testing.TB, u *Uploader, data []byte) *Manifest {
	t.Helper()
	m, err := u.Upload(bg(), bytes.NewReader(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func mustDownload(t testing.TB, tm *Team, author MemberID, m *Manifest) []byte {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "media.webm")
	if err := downloadTo(bg(), tm, author, m, dest, DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(dest)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// downloadTo downloads to a path, through a root on its folder as the
// app does.
func downloadTo(ctx context.Context, tm *Team, author MemberID, m *Manifest, dest string, opts DownloadOptions) error {
	dir, err := os.OpenRoot(filepath.Dir(dest))
	if err != nil {
		return err
	}
	defer dir.Close()
	return tm.Download(ctx, author, m, dir, filepath.Base(dest), opts)
}

func TestBlobRoundTrip(t *testing.T) {
	b := newFolderShare(t)
	a := mustCreate(t, b, mustIdentity(t), "Pilots", "Ada")
	bo := mustJoin(t, a, mustIdentity(t), "Bo")
	u := mustUploader(t, a, 4)
	for i, n := range []int{0, 1, ChunkSize - 1, ChunkSize, ChunkSize + 1, 2*ChunkSize + ChunkSize/2} {
		data := randomData(uint64(i), n)
		m := mustUpload(t, u, data)
		if err := m.Validate(); err != nil {
			t.Fatalf("size %d: manifest: %v", n, err)
		}
		want := (n + ChunkSize - 1) / ChunkSize
		if len(m.Chunks) != want || m.Size != int64(n) || m.Epoch != 1 {
			t.Fatalf("size %d: %d chunks, size %d", n, len(m.Chunks), m.Size)
		}
		sum := sha256.Sum256(data)
		if m.SHA256 != hex.EncodeToString(sum[:]) {
			t.Fatalf("size %d: whole hash", n)
		}
		if got := mustDownload(t, bo, a.Me().MemberID(), m); !bytes.Equal(got, data) {
			t.Fatalf("size %d: downloaded %d different bytes", n, len(got))
		}
	}
	t.Run("StoredSizesAndNames", func(t *testing.T) {
		es, err := b.List(bg(), blobsPrefix(a.Me().MemberID()), "")
		if err != nil || len(es) == 0 {
			t.Fatal(err)
		}
		sizes := map[int64]bool{}
		for _, n := range []int{1, ChunkSize - 1, ChunkSize, ChunkSize + 1 - ChunkSize, ChunkSize / 2} {
			sizes[encryptedSize(n)] = true
		}
		for _, e := range es {
			name := lastSegment(e.Key, blobsPrefix(a.Me().MemberID()))
			if _, err := hex.DecodeString(name); err != nil || len(name) != 64 {
				t.Fatalf("chunk name %q", name)
			}
			if !sizes[e.Size] {
				t.Fatalf("stored chunk of %d bytes: not what encryptedSize predicts", e.Size)
			}
		}
	})
}

func TestEncryptedSize(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	for _, n := range []int{0, 1, ageStreamChunk - 1, ageStreamChunk, ageStreamChunk + 1, ChunkSize} {
		ct, err := encryptBytes(make([]byte, n), id.Recipient())
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(ct)) != encryptedSize(n) {
			t.Fatalf("%d bytes encrypt to %d; encryptedSize says %d", n, len(ct), encryptedSize(n))
		}
	}
	if encryptedSize(ChunkSize) >= 5<<20 {
		t.Fatal("an encrypted chunk no longer fits one S3 PUT")
	}
}

func TestBlobDedup(t *testing.T) {
	b := newFolderShare(t)
	a := mustCreate(t, b, mustIdentity(t), "Pilots", "Ada")
	data := randomData(1, 3*ChunkSize+100)
	m1 := mustUpload(t, mustUploader(t, a, 4), data)

	before := b.Stats()
	var last Progress
	u := mustUploader(t, a, 4)
	m2, err := u.Upload(bg(), bytes.NewReader(data), func(p Progress) { last = p })
	d := b.Stats().Sub(before)
	if err != nil || d.Puts != 0 || d.Lists != 1 {
		t.Fatalf("re-upload: %v, %+v requests", err, d)
	}
	if last.Chunks != 4 || last.Skipped != 4 || last.Bytes != int64(len(data)) || last.SkippedBytes != last.Bytes {
		t.Fatalf("progress %+v", last)
	}
	if fmt.Sprint(m1.Chunks) != fmt.Sprint(m2.Chunks) {
		t.Fatal("the same file got other chunk names")
	}
	// A file sharing its first chunks with the first one sends only the rest.
	before = b.Stats()
	other := append(bytes.Clone(data[:2*ChunkSize]), randomData(2, 1000)...)
	mustUpload(t, u, other)
	if d := b.Stats().Sub(before); d.Puts != 1 || d.Lists != 0 {
		t.Fatalf("partly new file: %+v requests; want 1 put and no list", d)
	}
	// A chunk damaged in the share (wrong size) is sent again.
	first := blobKey(a.Me().MemberID(), m1.Chunks[0].Name)
	backendtest.MustPut(t, b, first, []byte("truncated"))
	before = b.Stats()
	mustUpload(t, mustUploader(t, a, 4), data)
	if d := b.Stats().Sub(before); d.Puts != 1 {
		t.Fatalf("repair: %+v requests; want 1 put", d)
	}
	if got := mustDownload(t, a, a.Me().MemberID(), m1); !bytes.Equal(got, data) {
		t.Fatal("repaired file differs")
	}
}

func TestBlobConcurrentUploads(t *testing.T) {
	b := newFolderShare(t)
	a := mustCreate(t, b, mustIdentity(t), "Pilots", "Ada")
	u := mustUploader(t, a, 3)
	var wg sync.WaitGroup
	ms := make([]*Manifest, 6)
	errs := make([]error, 6)
	for i := range ms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ms[i], errs[i] = u.Upload(bg(), bytes.NewReader(randomData(uint64(10+i), ChunkSize+i)), nil)
		}()
	}
	wg.Wait()
	for i, m := range ms {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if got := mustDownload(t, a, a.Me().MemberID(), m); !bytes.Equal(got, randomData(uint64(10+i), ChunkSize+i)) {
			t.Fatalf("file %d differs", i)
		}
	}
}

// TestBlobNothingLeaks: the share learns neither content nor which chunks
// are equal across epochs.
func TestBlobNothingLeaks(t *testing.T) {
	tr := sharedTrio(t)
	data := bytes.Repeat([]byte("stand-up log, day one. "), 1000)
	m1 := mustUpload(t, mustUploader(t, tr.a, 2), data)
	es, _ := tr.b.List(bg(), blobsPrefix(tr.a.Me().MemberID()), "")
	for _, e := range es {
		if bytes.Contains(backendtest.MustGet(t, tr.b, e.Key), []byte("stand-up")) {
			t.Fatal("plaintext in a stored chunk")
		}
	}
	if err := tr.a.Remove(bg(), tr.c.Me().MemberID(), Position{}); err != nil {
		t.Fatal(err)
	}
	m2 := mustUpload(t, mustUploader(t, tr.a, 2), data)
	if m2.Epoch != 2 || m2.Chunks[0].Name == m1.Chunks[0].Name {
		t.Fatal("the same chunk has the same name in a new epoch")
	}
	// The removed member cannot read what the new epoch's key encrypts.
	tr.c.Refresh(bg())
	err := downloadTo(bg(), tr.c, tr.a.Me().MemberID(), m2, filepath.Join(t.TempDir(), "x"), DownloadOptions{})
	assertReason(t, err, ReasonNoKey, peerplaypay.EUNAVAILABLE)
	// The remaining member can, and can still read the old epoch too.
	tr.bb.Refresh(bg())
	for _, m := range []*Manifest{m1, m2} {
		if got := mustDownload(t, tr.bb, tr.a.Me().MemberID(), m); !bytes.Equal(got, data) {
			t.Fatal("remaining member cannot read")
		}
	}
}

func TestBlobCorrupt(t *testing.T) {
	b := newFolderShare(t)
	a := mustCreate(t, b, mustIdentity(t), "Pilots", "Ada")
	aID := a.Me().MemberID()
	data := randomData(3, 3*ChunkSize)
	m := mustUpload(t, mustUploader(t, a, 4), data)
	keyOf := func(i int) string { return blobKey(aID, m.Chunks[i].Name) }
	originals := map[string][]byte{}
	for i := range m.Chunks {
		originals[keyOf(i)] = backendtest.MustGet(t, b, keyOf(i))
	}
	restore := func() {
		for k, v := range originals {
			backendtest.MustPut(t, b, k, v)
		}
	}
	cases := map[string]func(){
		"FlippedByte": func() {
			raw := bytes.Clone(originals[keyOf(1)])
			raw[len(raw)/2] ^= 1
			backendtest.MustPut(t, b, keyOf(1), raw)
		},
		"FlippedHeaderByte": func() {
			raw := bytes.Clone(originals[keyOf(1)])
			raw[60] ^= 1
			backendtest.MustPut(t, b, keyOf(1), raw)
		},
		"Swapped": func() {
			backendtest.MustPut(t, b, keyOf(1), originals[keyOf(2)])
		},
		"Truncated": func() {
			backendtest.MustPut(t, b, keyOf(1), originals[keyOf(1)][:ChunkSize/2])
		},
		"ForeignKey": func() {
			// A valid age file of the right size, encrypted by someone
			// who knows only the public recipient: the name check fails.
			ct, _ := encryptBytes(randomData(9, ChunkSize), a.Roster().mustRecipient(t))
			backendtest.MustPut(t, b, keyOf(1), ct)
		},
	}
	for name, damage := range cases {
		t.Run(name, func(t *testing.T) {
			restore()
			damage()
			dest := filepath.Join(t.TempDir(), "media.webm")
			err := downloadTo(bg(), a, aID, m, dest, DownloadOptions{Concurrency: 1})
			assertReason(t, err, ReasonBlobCorrupt, peerplaypay.ECORRUPT)
			if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
				t.Fatal("a file with a corrupt chunk was put in place")
			}
			// The damaged chunk was never written to the partial file.
			part, _ := os.ReadFile(dest + ".part")
			if len(part) == len(data) && bytes.Equal(part[ChunkSize:2*ChunkSize], data[ChunkSize:2*ChunkSize]) {
				t.Fatal("partial file holds chunk 1 although it failed its check")
			}
		})
	}
	t.Run("BadManifest", func(t *testing.T) {
		restore()
		bad := *m
		bad.SHA256 = strings.Repeat("0", 64)
		err := downloadTo(bg(), a, aID, &bad, filepath.Join(t.TempDir(), "x"), DownloadOptions{})
		assertReason(t, err, ReasonBlobCorrupt, peerplaypay.ECORRUPT)
		bad = *m
		bad.Size++
		if err := downloadTo(bg(), a, aID, &bad, filepath.Join(t.TempDir(), "x"), DownloadOptions{}); peerplaypay.ErrorCode(err) != peerplaypay.ECORRUPT {
			t.Fatalf("inconsistent manifest: %v", err)
		}
	})
}

func (r *Roster) mustRecipient(t testing.TB) *age.X25519Recipient {
	rec, err := parseRecipient(r.CurrentEpoch().Recipient)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestBlobResume: uploads and downloads stopped half-way by ctx resume
// without sending or fetching again what was done.
func TestBlobResume(t *testing.T) {
	b := newFolderShare(t)
	a := mustCreate(t, b, mustIdentity(t), "Pilots", "Ada")
	aID := a.Me().MemberID()
	data := randomData(4, 8*ChunkSize+5)

	ctx, cancel := context.WithCancel(bg())
	_, err := mustUploader(t, a, 1).Upload(ctx, bytes.NewReader(data), func(p Progress) {
		if p.Chunks == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled upload = %v", err)
	}
	present := storedChunks(t, a, b)
	if len(present) < 3 || len(present) >= 9 {
		t.Fatalf("%d chunks stored after cancelling at 3", len(present))
	}
	before := b.Stats()
	m := mustUpload(t, mustUploader(t, a, 4), data)
	if puts := b.Stats().Sub(before).Puts; puts != int64(9-len(present)) {
		t.Fatalf("resume sent %d chunks; %d were missing", puts, 9-len(present))
	}

	dest := filepath.Join(t.TempDir(), "media.webm")
	ctx, cancel = context.WithCancel(bg())
	err = downloadTo(ctx, a, aID, m, dest, DownloadOptions{Concurrency: 1, Progress: func(p Progress) {
		if p.Chunks == 4 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled download = %v", err)
	}
	before = b.Stats()
	var last Progress
	if err := downloadTo(bg(), a, aID, m, dest, DownloadOptions{Progress: func(p Progress) { last = p }}); err != nil {
		t.Fatal(err)
	}
	gets := b.Stats().Sub(before).Gets
	if gets != int64(9-last.Skipped) || last.Skipped < 4 {
		t.Fatalf("resumed download fetched %d chunks, skipped %d", gets, last.Skipped)
	}
	if got, _ := os.ReadFile(dest); !bytes.Equal(got, data) {
		t.Fatal("resumed download differs")
	}
	if _, err := os.Stat(dest + ".part"); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the partial file is left behind")
	}
}

// storedChunks returns the names of our chunks in the share, checking that
// each is complete: it decrypts and matches its name.
func storedChunks(t testing.TB, tm *Team, b backend.Backend) map[string]bool {
	t.Helper()
	prefix := blobsPrefix(tm.Me().MemberID())
	es, err := b.List(bg(), prefix, "")
	if err != nil {
		t.Fatal(err)
	}
	k, _ := tm.epochKey(tm.Roster().CurrentEpoch().Number)
	out := map[string]bool{}
	for _, e := range es {
		name := lastSegment(e.Key, prefix)
		pt, err := decryptBytes(backendtest.MustGet(t, b, e.Key), k.id, ChunkSize)
		if err != nil || k.blobName(pt) != name {
			t.Fatalf("chunk %s in the share is incomplete or wrong: %v", name, err)
		}
		out[name] = true
	}
	return out
}

// TestManifestRefusals: every size a manifest's author controls is held to
// the protocol, so a download never trusts a number it did not check.
func TestManifestRefusals(t *testing.T) {
	name := func(i int) string { return fmt.Sprintf("%064x", i+1) }
	good := func() *Manifest {
		return &Manifest{Format: 1, Epoch: 1, Size: 2*ChunkSize + 5, SHA256: strings.Repeat("a", 64), ChunkSize: ChunkSize,
			Chunks: []ChunkRef{{name(0), ChunkSize}, {name(1), ChunkSize}, {name(2), 5}}}
	}
	if err := good().Validate(); err != nil {
		t.Fatalf("a good manifest: %v", err)
	}
	for _, c := range []struct {
		name, want string
		change     func(*Manifest)
	}{
		{"ChunkSize64MiB", "chunk size", func(m *Manifest) {
			m.ChunkSize = 64 << 20
			m.Chunks = []ChunkRef{{name(0), 2*ChunkSize + 5}}
		}},
		{"ChunkSizeSmaller", "chunk size", func(m *Manifest) { m.ChunkSize = ChunkSize / 2 }},
		{"NegativeSize", "size", func(m *Manifest) { m.Size, m.Chunks = -1, nil }},
		{"SizeBeyondChunks", "size", func(m *Manifest) { m.Size++ }},
		{"RepeatedChunk", "repeats", func(m *Manifest) { m.Chunks[1].Name = m.Chunks[0].Name }},
		{"OneChunkManyTimes", "repeats", func(m *Manifest) {
			m.Chunks = nil
			for range 128 {
				m.Chunks = append(m.Chunks, ChunkRef{name(0), ChunkSize})
			}
			m.Size = 128 * ChunkSize
		}},
		{"NegativeChunk", "size", func(m *Manifest) { m.Chunks[2].Size, m.Size = -5, 2*ChunkSize-5 }},
		{"ShortMiddleChunk", "size", func(m *Manifest) { m.Chunks[1].Size, m.Size = 5, ChunkSize+10 }},
		{"ChunkNameNotHex", "name", func(m *Manifest) { m.Chunks[0].Name = "../" + name(0)[3:] }},
		{"ChunkNameUpperCase", "name", func(m *Manifest) { m.Chunks[0].Name = strings.ToUpper(fmt.Sprintf("%064x", 0xab)) }},
		{"EpochZero", "epoch", func(m *Manifest) { m.Epoch = 0 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := good()
			c.change(m)
			err := m.Validate()
			if peerplaypay.ErrorCode(err) != peerplaypay.ECORRUPT || !strings.Contains(peerplaypay.ErrorMessage(err), c.want) {
				t.Fatalf("Validate = %v; want ECORRUPT saying %q", err, c.want)
			}
		})
	}
}

// TestUploadRepeatedChunk: a file that repeats a whole chunk is refused by
// its uploader, since no reader would accept its manifest.
func TestUploadRepeatedChunk(t *testing.T) {
	b := newFolderShare(t)
	a := mustCreate(t, b, mustIdentity(t), "Pilots", "Ada")
	chunk := randomData(4, ChunkSize)
	_, err := mustUploader(t, a, 2).Upload(bg(), bytes.NewReader(append(bytes.Clone(chunk), chunk...)), nil)
	if peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
		t.Fatalf("upload of a file repeating a chunk = %v", err)
	}
}

package media

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// FuzzWebM feeds the WebM reader what a peer's recording, a damaged disk or
// a crashed recorder can leave: it must stop with an error or a result,
// never panic, and keep its own counts and bounds. Its seed corpus
// (testdata/fuzz/FuzzWebM) holds files made by the writer and cut or edited
// copies; write it again with
//
//	PEERPLAYPAY_WRITE_FUZZ_CORPUS=1 go test -run TestWebMFuzzCorpus ./internal/media/
func FuzzWebM(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte) {
		calls := 0
		p, err := parseWebM(bytes.NewReader(raw), func(track uint64, tsMS int64, key bool, frame []byte) error {
			calls++
			if len(frame) > maxElementInMemory || len(frame) > len(raw) {
				t.Fatalf("a %d-byte frame from %d bytes of input", len(frame), len(raw))
			}
			return nil
		})
		if err != nil {
			return
		}
		if calls != p.blocks {
			t.Fatalf("%d blocks counted, %d handed over", p.blocks, calls)
		}
		fi := p.info()
		if fi.VideoFrames+fi.AudioFrames > p.blocks || fi.VideoFrames < 0 || fi.AudioFrames < 0 {
			t.Fatalf("%d video and %d audio frames out of %d blocks", fi.VideoFrames, fi.AudioFrames, p.blocks)
		}
	})
}

// TestWebMFuzzCorpus checks that the corpus's first seed is a whole file
// the reader accepts; with PEERPLAYPAY_WRITE_FUZZ_CORPUS=1 it writes the
// corpus from files the writer makes.
func TestWebMFuzzCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzWebM")
	if os.Getenv("PEERPLAYPAY_WRITE_FUZZ_CORPUS") != "" {
		writeWebMCorpus(t, dir)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "complete"))
	if err != nil {
		t.Fatal(err)
	}
	lit := bytes.TrimSuffix(bytes.TrimPrefix(bytes.SplitN(raw, []byte("\n"), 2)[1], []byte("[]byte(")), []byte(")\n"))
	s, err := strconv.Unquote(string(lit))
	if err != nil {
		t.Fatal(err)
	}
	p, err := parseWebM(bytes.NewReader([]byte(s)), nil)
	if err != nil || !p.info().Complete || p.blocks == 0 {
		t.Fatalf("the corpus's complete file: %v", err)
	}
}

func writeWebMCorpus(t *testing.T, dir string) {
	file := func(name string, video, audio bool, blocks int, close bool) []byte {
		path := filepath.Join(t.TempDir(), name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		cfg := webmConfig{}
		if video {
			cfg.Video = &webmVideo{Width: 64, Height: 48}
		}
		if audio {
			cfg.Audio = &webmAudio{SampleRate: 48000, Channels: 1, PreSkip: 312}
		}
		w, err := newWebMWriter(f, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i := range blocks {
			if video {
				if err := w.WriteBlock(w.VideoTrack, int64(i*40), i%10 == 0, bytes.Repeat([]byte{byte(i)}, 50+i), 40); err != nil {
					t.Fatal(err)
				}
			}
			if audio {
				if err := w.WriteBlock(w.AudioTrack, int64(i*20), true, bytes.Repeat([]byte{0xfc}, 20), 20); err != nil {
					t.Fatal(err)
				}
			}
		}
		if close {
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	complete := file("av.webm", true, true, 40, true)
	crashed := file("crashed.webm", true, true, 40, false)
	flip := func(i int) []byte {
		c := bytes.Clone(complete)
		c[i] ^= 0xff
		return c
	}
	seeds := map[string][]byte{
		"complete":     complete,
		"audio-only":   file("a.webm", false, true, 30, true),
		"video-only":   file("v.webm", true, false, 30, true),
		"crashed":      crashed,
		"cut-in-block": complete[:len(complete)*2/3],
		"header-only":  complete[:60],
		"size-byte":    flip(4),
		"segment-size": flip(45),
		"late-byte":    flip(len(complete) / 2),
		"empty":        {},
	}
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, raw := range seeds {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("go test fuzz v1\n[]byte("+strconv.Quote(string(raw))+")\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

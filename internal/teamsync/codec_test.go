package teamsync_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
)

// TestPublishedCodec: a video log recorded in VP9 reaches the peer with
// "codec": "vp9" in its log.published, read from the recording's track
// list, and the peer applies it.
func TestPublishedCodec(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, ada, bob := newPair(t)
	media.RegisterSynthetic()
	rel := "media/" + peerplaypay.NewUID() + ".webm"
	abs := filepath.Join(ada.dir, rel)
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithTimeout(ctx, 1500*time.Millisecond)
	defer cancel()
	rec, err := media.StartRecording(rctx, media.RecordParams{Path: abs, VideoDeviceID: media.SyntheticID,
		Width: 640, Height: 360, Codec: peerplaypay.CodecVP9, VideoBitRate: 300_000})
	if err != nil {
		t.Fatal(err)
	}
	res, err := rec.Wait()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	e := &peerplaypay.LogEntry{Kind: peerplaypay.LogVideo, MediaPath: rel, LogTable: peerplaypay.LogTable{Done: "in VP9"},
		LogMedia: peerplaypay.LogMedia{DurationMs: res.Duration.Milliseconds(), SizeBytes: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}}
	if err := ada.logs.CreateLog(ctx, e); err != nil {
		t.Fatal(err)
	}
	sync(t, ada, bob)
	if n := rows(t, bob, `SELECT count(*) FROM share_events WHERE kind = 'log.published' AND json_extract(data, '$.codec') = 'vp9'`); n != 1 {
		t.Errorf("Bob holds %d log.published with codec vp9, want 1", n)
	}
	if l := peerLog(t, bob, "in VP9"); l == nil || l.SHA256 != e.SHA256 {
		t.Errorf("Bob's copy of the VP9 log: %+v", l)
	}
}

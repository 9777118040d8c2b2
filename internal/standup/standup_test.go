package standup_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/standup"
)

type fixture struct {
	dir    string
	logs   *sqlite.LogService
	studio *standup.Studio
}

func MustStudio(tb testing.TB) fixture {
	tb.Helper()
	media.RegisterSynthetic()
	dir := tb.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, sqlite.FileName))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	logs := sqlite.NewLogService(db)
	return fixture{dir: dir, logs: logs, studio: standup.New(dir, logs)}
}

// record records d from the synthetic devices and returns the finished log.
func (f fixture) record(t *testing.T, video bool, d time.Duration, table peerplaypay.LogTable) *peerplaypay.LogEntry {
	t.Helper()
	o := standup.Options{AudioDeviceID: "synthetic", Table: table}
	if video {
		o.VideoDeviceID = "synthetic"
	}
	sess, err := f.studio.Start(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(d)
	e, err := sess.Stop()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestRecord(t *testing.T) {
	ctx := context.Background()

	t.Run("VideoWithTable", func(t *testing.T) {
		f := MustStudio(t)
		e := f.record(t, true, 2*time.Second, peerplaypay.LogTable{Done: "paired on the importer", HelpNeeded: "review"})
		if e.Status != peerplaypay.LogReady || e.Kind != peerplaypay.LogVideo {
			t.Fatalf("entry = %+v", e)
		}
		if e.DurationMs < 1500 || e.DurationMs > 2600 {
			t.Errorf("duration %d ms for a 2 s recording", e.DurationMs)
		}
		body, err := os.ReadFile(filepath.Join(f.dir, e.MediaPath))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(body)
		if e.SHA256 != hex.EncodeToString(sum[:]) || e.SizeBytes != int64(len(body)) {
			t.Errorf("stored sha256/size %s/%d do not match the file", e.SHA256, e.SizeBytes)
		}
		info, err := media.Probe(filepath.Join(f.dir, e.MediaPath))
		if err != nil || !info.HasVideo || !info.HasAudio || !info.Complete {
			t.Errorf("probe = %+v, %v", info, err)
		}
		logs, _, _ := f.logs.FindLogs(ctx, peerplaypay.LogFilter{Query: "importer"})
		if len(logs) != 1 || logs[0].ID != e.ID {
			t.Errorf("search did not find the new log: %v", logs)
		}
	})

	t.Run("AudioOnly", func(t *testing.T) {
		f := MustStudio(t)
		e := f.record(t, false, time.Second, peerplaypay.LogTable{})
		info, err := media.Probe(filepath.Join(f.dir, e.MediaPath))
		if e.Kind != peerplaypay.LogAudio || err != nil || info.HasVideo || !info.HasAudio {
			t.Fatalf("entry %+v, probe %+v, %v", e, info, err)
		}
	})

	t.Run("ErrAlreadyRecording", func(t *testing.T) {
		f := MustStudio(t)
		sess, err := f.studio.Start(ctx, standup.Options{AudioDeviceID: "synthetic"})
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Stop()
		if _, err := f.studio.Start(ctx, standup.Options{AudioDeviceID: "synthetic"}); peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
			t.Fatalf("second start: %v", err)
		}
		if err := f.studio.Delete(ctx, sess.ID()); peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
			t.Fatalf("delete while recording: %v", err)
		}
	})

	t.Run("ErrNoDiskSpace", func(t *testing.T) {
		f := MustStudio(t)
		_, err := f.studio.Start(ctx, standup.Options{VideoDeviceID: "synthetic", AudioDeviceID: "synthetic", MaxDuration: 1_000_000 * time.Hour})
		if peerplaypay.ErrorCode(err) != peerplaypay.EUNWRITABLE {
			t.Fatalf("err = %v; want unwritable for lack of space", err)
		}
		if logs, n, _ := f.logs.FindLogs(ctx, peerplaypay.LogFilter{Status: []peerplaypay.LogStatus{peerplaypay.LogRecording, peerplaypay.LogReady}}); n != 0 {
			t.Errorf("a log row was left behind: %v", logs)
		}
	})

	t.Run("ErrNoSuchDevice", func(t *testing.T) {
		f := MustStudio(t)
		if _, err := f.studio.Start(ctx, standup.Options{VideoDeviceID: "no-such-camera"}); err == nil {
			t.Fatal("recording from a missing camera started")
		}
		if _, n, _ := f.logs.FindLogs(ctx, peerplaypay.LogFilter{Status: []peerplaypay.LogStatus{peerplaypay.LogRecording}}); n != 0 {
			t.Error("a failed start left a log row")
		}
		if entries, _ := filepath.Glob(filepath.Join(f.dir, "media", "*", "*", "*")); len(entries) != 0 {
			t.Errorf("a failed start left files: %v", entries)
		}
	})

	t.Run("Delete", func(t *testing.T) {
		f := MustStudio(t)
		e := f.record(t, false, 500*time.Millisecond, peerplaypay.LogTable{})
		if err := f.studio.Delete(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(f.dir, e.MediaPath)); !os.IsNotExist(err) {
			t.Errorf("file still there: %v", err)
		}
		if _, err := f.logs.Log(ctx, e.ID); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Errorf("row still there: %v", err)
		}
	})
}

// interrupted makes the state a killed app leaves: a row still
// "recording" and a file cut off mid-write, with no Cues and no Duration.
func (f fixture) interrupted(t *testing.T, name string, body []byte) *peerplaypay.LogEntry {
	t.Helper()
	e := &peerplaypay.LogEntry{Kind: peerplaypay.LogVideo, Status: peerplaypay.LogRecording,
		MediaPath: "media/2026/11/" + name + ".webm",
		LogTable:  peerplaypay.LogTable{Done: "said before the crash"}}
	if err := f.logs.CreateLog(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(f.dir, e.MediaPath)
	os.MkdirAll(filepath.Dir(abs), 0o700)
	if err := os.WriteFile(abs, body, 0o600); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestRecover(t *testing.T) {
	ctx := context.Background()
	f := MustStudio(t)
	done := f.record(t, true, 3*time.Second, peerplaypay.LogTable{})
	full, err := os.ReadFile(filepath.Join(f.dir, done.MediaPath))
	if err != nil {
		t.Fatal(err)
	}
	f.studio.Delete(ctx, done.ID)

	cut := f.interrupted(t, "cut", full[:len(full)*2/3])
	garbage := bytes.Repeat([]byte("not a recording "), 100)
	bad := f.interrupted(t, "garbage", garbage)
	empty := f.interrupted(t, "empty", nil)

	rec, err := f.studio.Recover(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Recovered) != 1 || rec.Recovered[0].ID != cut.ID {
		t.Fatalf("recovered %v; want the cut-off recording", rec.Recovered)
	}
	got := rec.Recovered[0]
	if got.Status != peerplaypay.LogRecovered || got.DurationMs < 1000 || got.Done != "said before the crash" {
		t.Errorf("recovered entry = %+v", got)
	}
	if info, err := media.Probe(filepath.Join(f.dir, cut.MediaPath)); err != nil || !info.Complete {
		t.Errorf("repaired file: %+v, %v", info, err)
	}

	// The garbage file is reported and left alone; the empty one is gone.
	if len(rec.Problems) != 1 {
		t.Errorf("problems = %v; want one for the garbage file", rec.Problems)
	}
	if b, _ := os.ReadFile(filepath.Join(f.dir, bad.MediaPath)); !bytes.Equal(b, garbage) {
		t.Error("the unrepairable file was changed")
	}
	if e, err := f.logs.Log(ctx, bad.ID); err != nil || e.Status != peerplaypay.LogRecording {
		t.Errorf("unrepairable log = %+v, %v; want left as recording", e, err)
	}
	if _, err := f.logs.Log(ctx, empty.ID); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
		t.Errorf("empty recording's row: %v; want deleted", err)
	}

	// Keeping it makes it a normal log, found in the list.
	if _, err := f.studio.Keep(ctx, cut.ID); err != nil {
		t.Fatal(err)
	}
	logs, _, _ := f.logs.FindLogs(ctx, peerplaypay.LogFilter{Status: []peerplaypay.LogStatus{peerplaypay.LogReady}})
	if len(logs) != 1 || logs[0].ID != cut.ID {
		t.Errorf("kept log not listed as ready: %v", logs)
	}
}

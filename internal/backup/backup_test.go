package backup_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"peerplaypay/internal/backup"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// folder is a real data folder: a database file and recordings on disk.
type folder struct {
	dir  string
	db   *sqlite.DB
	logs *sqlite.LogService
}

func mustFolder(t *testing.T) folder {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := sqlite.NewProfileService(db).SaveProfile(context.Background(), peerplaypay.ProfileInput{Name: "Ada"}); err != nil {
		t.Fatal(err)
	}
	return folder{dir: dir, db: db, logs: sqlite.NewLogService(db)}
}

// addRecording stores a log whose recording is body, as the studio does.
func (f folder) addRecording(t *testing.T, name string, body []byte, status peerplaypay.LogStatus) *peerplaypay.LogEntry {
	t.Helper()
	ctx := context.Background()
	rel := "media/2026/11/" + name + ".webm"
	abs := filepath.Join(f.dir, filepath.FromSlash(rel))
	os.MkdirAll(filepath.Dir(abs), 0o700)
	if err := os.WriteFile(abs, body, 0o600); err != nil {
		t.Fatal(err)
	}
	e := &peerplaypay.LogEntry{Kind: peerplaypay.LogVideo, Status: peerplaypay.LogRecording, MediaPath: rel, LogTable: peerplaypay.LogTable{Done: name}}
	if err := f.logs.CreateLog(ctx, e); err != nil {
		t.Fatal(err)
	}
	if status == peerplaypay.LogRecording {
		return e
	}
	sum := sha256.Sum256(body)
	e, err := f.logs.FinishLog(ctx, e.ID, peerplaypay.LogMedia{DurationMs: 1000, SizeBytes: int64(len(body)), SHA256: hex.EncodeToString(sum[:])}, status)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func noise(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*31) ^ seed
	}
	return b
}

func TestBackupRestore(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		f := mustFolder(t)
		a := f.addRecording(t, "monday", noise(3<<20, 1), peerplaypay.LogReady)
		identity := []byte("-----BEGIN PEERPLAYPAY RECOVERY KEY-----\n")
		os.WriteFile(filepath.Join(f.dir, "share-identity.key"), identity, 0o600)
		f.addRecording(t, "live", noise(1000, 2), peerplaypay.LogRecording)
		if err := f.logs.CreateLog(ctx, &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "text only"}}); err != nil {
			t.Fatal(err)
		}
		var last backup.Progress
		file := filepath.Join(t.TempDir(), "b.tar")
		sum, err := backup.Create(ctx, f.dir, f.db, file, backup.Options{AppVersion: "test", OnProgress: func(p backup.Progress) { last = p }})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Files != 3 || last.Phase != "verifying" || last.Files != 3 || last.Bytes != sum.Bytes {
			t.Errorf("summary %+v, last progress %+v; want the database and one finished recording (the live one left out)", sum, last)
		}

		dest := filepath.Join(t.TempDir(), "restored")
		if _, err := backup.Restore(ctx, file, dest, backup.RestoreOptions{}); err != nil {
			t.Fatal(err)
		}
		db, err := sqlite.Open(ctx, filepath.Join(dest, sqlite.FileName))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		got, err := sqlite.NewLogService(db).Log(ctx, a.ID)
		if err != nil || got.UID != a.UID || got.Done != "monday" {
			t.Fatalf("restored log = %+v, %v", got, err)
		}
		body, _ := os.ReadFile(filepath.Join(dest, filepath.FromSlash(a.MediaPath)))
		if !bytes.Equal(body, noise(3<<20, 1)) {
			t.Error("restored recording differs")
		}
		if p, err := sqlite.NewProfileService(db).Profile(ctx); err != nil || p.Name != "Ada" {
			t.Errorf("restored profile = %+v, %v", p, err)
		}
		if got, _ := os.ReadFile(filepath.Join(dest, "share-identity.key")); !bytes.Equal(got, identity) {
			t.Error("the team identity was not restored")
		}
	})

	t.Run("ConsistentWhileWriting", func(t *testing.T) {
		// Another writer adds logs in a tight loop during the backup: the
		// copy is of one moment and sound.
		f := mustFolder(t)
		f.addRecording(t, "a", noise(8<<20, 3), peerplaypay.LogReady)
		var stop atomic.Bool
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				f.logs.CreateLog(ctx, &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "busy"}})
			}
		}()
		file := filepath.Join(t.TempDir(), "b.tar")
		_, err := backup.Create(ctx, f.dir, f.db, file, backup.Options{})
		stop.Store(true)
		wg.Wait()
		if err != nil {
			t.Fatal(err)
		}
		in, _ := os.Open(file)
		defer in.Close()
		if _, err := backup.Verify(ctx, in, nil); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrDamaged", func(t *testing.T) {
		f := mustFolder(t)
		f.addRecording(t, "a", noise(2<<20, 4), peerplaypay.LogReady)
		file := filepath.Join(t.TempDir(), "b.tar")
		if _, err := backup.Create(ctx, f.dir, f.db, file, backup.Options{}); err != nil {
			t.Fatal(err)
		}
		good, _ := os.ReadFile(file)
		for name, bad := range map[string][]byte{
			"flipped": func() []byte { b := bytes.Clone(good); b[len(b)/2] ^= 0xff; return b }(),
			"cut":     good[:len(good)*2/3],
			"empty":   nil,
		} {
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "bad.tar")
				os.WriteFile(path, bad, 0o600)
				dest := filepath.Join(t.TempDir(), "restored")
				_, err := backup.Restore(ctx, path, dest, backup.RestoreOptions{})
				if code := peerplaypay.ErrorCode(err); code != peerplaypay.ECORRUPT {
					t.Fatalf("code = %q (%v); want %q", code, err, peerplaypay.ECORRUPT)
				}
				if _, err := os.Stat(dest); !os.IsNotExist(err) {
					t.Errorf("a failed restore left %s", dest)
				}
			})
		}
	})

	t.Run("ErrNotEmpty", func(t *testing.T) {
		f := mustFolder(t)
		file := filepath.Join(t.TempDir(), "b.tar")
		if _, err := backup.Create(ctx, f.dir, f.db, file, backup.Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := backup.Restore(ctx, file, f.dir, backup.RestoreOptions{}); peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
			t.Fatalf("restore over a data folder: %v; want a conflict", err)
		}
		if _, err := backup.Create(ctx, f.dir, f.db, file, backup.Options{}); peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
			t.Fatalf("backup over an existing file: %v; want a conflict", err)
		}
	})

	t.Run("ErrMissingRecording", func(t *testing.T) {
		f := mustFolder(t)
		e := f.addRecording(t, "gone", noise(10, 5), peerplaypay.LogReady)
		os.Remove(filepath.Join(f.dir, filepath.FromSlash(e.MediaPath)))
		file := filepath.Join(t.TempDir(), "b.tar")
		if _, err := backup.Create(ctx, f.dir, f.db, file, backup.Options{}); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Fatalf("backup with a missing recording: %v", err)
		}
		if _, err := os.Stat(file); !os.IsNotExist(err) {
			t.Error("an incomplete backup was kept")
		}
	})
}

func TestExportJSON(t *testing.T) {
	ctx := context.Background()
	f := mustFolder(t)
	e := f.addRecording(t, "tuesday", noise(4096, 6), peerplaypay.LogReady)
	goals := sqlite.NewGoalService(f.db, nil)
	outs, err := goals.SaveOutcomes(ctx, []peerplaypay.JobOutcome{{Kind: peerplaypay.OutcomeImpact, Title: "Happy clients"}})
	if err != nil {
		t.Fatal(err)
	}
	g, err := goals.CreateGoal(ctx, peerplaypay.GoalInput{Title: "Answer within a day", Kind: peerplaypay.GoalResult, OutcomeID: outs[0].ID,
		Visibility: peerplaypay.VisibilityPrivate, Measure: peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Unit: "hours", Start: 48, Target: 24}})
	if err != nil {
		t.Fatal(err)
	}
	v := 30.0
	if _, err := goals.CheckIn(ctx, g.ID, peerplaypay.CheckinInput{Value: &v, Note: "triage rota"}); err != nil {
		t.Fatal(err)
	}
	if _, err := goals.SetLogGoals(ctx, e.ID, []int64{g.ID}); err != nil {
		t.Fatal(err)
	}
	gs := sqlite.NewGrowthService(f.db)
	sess, _ := gs.CurrentSession(ctx)
	gs.Answer(ctx, sess.ID, peerplaypay.Answer{ItemID: "values.helping", Level: 4, Evidence: "paired with Bob"})
	gs.FinishSession(ctx, sess.ID, false)
	b, _ := gs.SaveBasic(ctx, &peerplaypay.Basic{Title: "Plan the day"})
	gs.Tick(ctx, b.ID, "2026-11-19", true)
	gs.AddLearning(ctx, &peerplaypay.Learning{What: "a book", Minutes: 30, Kind: "read"})
	gs.SaveReflection(ctx, &peerplaypay.Reflection{Minutes: 30, Note: "journal"})
	gs.SavePlan(ctx, &peerplaypay.Plan{Why: "to help more"})
	dest := filepath.Join(t.TempDir(), "export")
	if _, err := backup.ExportJSON(ctx, f.dir, f.db, dest, backup.Options{AppVersion: "test"}); err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(filepath.Join(dest, backup.ExportFile))
	if err != nil {
		t.Fatal(err)
	}
	var doc backup.Export
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Format != "peerplaypay-export" || doc.Version != 1 || doc.Profile.Name != "Ada" || len(doc.Logs) != 1 {
		t.Fatalf("document = %s", body)
	}
	if len(doc.Goals) != 1 || doc.Goals[0].Title != "Answer within a day" || doc.Goals[0].OutcomeTitle != "Happy clients" ||
		len(doc.Goals[0].History) != 1 || doc.Goals[0].History[0].Value != 30 || len(doc.Goals[0].Logs) != 1 ||
		doc.Goals[0].Logs[0] != e.UID || len(doc.JobOutcomes) != 1 {
		t.Errorf("exported goals = %+v, outcomes %+v", doc.Goals, doc.JobOutcomes)
	}
	gr := doc.Growth
	if gr == nil || len(gr.Frameworks) != 1 || gr.Current.ID != "default" || len(gr.Sessions) != 1 || gr.Sessions[0].Answers[0].Evidence != "paired with Bob" ||
		len(gr.Basics.Ticks) != 1 || len(gr.Learning) != 1 || gr.Reflections[0].Note != "journal" || gr.Plans[0].Why != "to help more" || gr.Settings.ReflectionMinutes != 30 {
		t.Errorf("growth = %s", body)
	}
	x := doc.Logs[0]
	media, _ := os.ReadFile(filepath.Join(dest, filepath.FromSlash(x.Media)))
	sum := sha256.Sum256(media)
	if x.UID != e.UID || x.Table.Done != "tuesday" || hex.EncodeToString(sum[:]) != x.SHA256 {
		t.Errorf("exported log %+v does not match its file", x)
	}

	t.Run("ErrChangedRecording", func(t *testing.T) {
		os.WriteFile(filepath.Join(f.dir, filepath.FromSlash(e.MediaPath)), noise(4096, 7), 0o600)
		_, err := backup.ExportJSON(ctx, f.dir, f.db, filepath.Join(t.TempDir(), "x"), backup.Options{})
		if code := peerplaypay.ErrorCode(err); code != peerplaypay.ECORRUPT {
			t.Fatalf("code = %q (%v)", code, err)
		}
	})
}

package teamsync_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// agedLog is a recording of m made months ago (not yet published).
func agedLog(t *testing.T, m *member, done string, months int) *peerplaypay.LogEntry {
	t.Helper()
	e := mediaLog(t, m, done, 3000)
	at := time.Now().UTC().AddDate(0, -months, 0)
	if n := rows(t, m, `UPDATE logs SET created_at = ?, day = ? WHERE uid = ? RETURNING 1`,
		at.Format("2006-01-02T15:04:05.000000000Z"), at.Format(time.DateOnly), e.UID); n != 1 {
		t.Fatalf("aged %d logs", n)
	}
	return e
}

// chunkFiles are the share's files of the chunks of m's published log uid.
func chunkFiles(t *testing.T, loc string, m *member, uid string) []string {
	t.Helper()
	db, err := sqlOpen(m)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var raw string
	if err := db.QueryRow(`SELECT manifest FROM logs WHERE uid = ?`, uid).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	var man struct{ Chunks []struct{ Name string } }
	if err := json.Unmarshal([]byte(raw), &man); err != nil || len(man.Chunks) == 0 {
		t.Fatalf("manifest %q: %v", raw, err)
	}
	var out []string
	for _, c := range man.Chunks {
		out = append(out, filepath.Join(loc, "members", idOf(t, m), "blobs", c.Name))
	}
	return out
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

func setRetention(t *testing.T, m *member, months string) {
	t.Helper()
	v, err := peerplaypay.ParseSettingValue(peerplaypay.KeyRetentionMonths, months)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.NewTeamSettingsStore(m.db).SetTeamSettings(context.Background(), []peerplaypay.SettingChange{{Key: peerplaypay.KeyRetentionMonths, Value: v}}); err != nil {
		t.Fatal(err)
	}
}

// TestRetention: with a 6-month retention set by Bob, each member expires
// its own older recordings from a real folder share (event first, then the
// chunks), keeps a pinned one and the new ones; peers drop their copies and
// keep the tables; a second sync does nothing; an interrupted deletion
// resumes; a recording the host deleted without an expiry is still a
// missing recording.
func TestRetention(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	loc, ada, bob := newPair(t)
	old := agedLog(t, ada, "shipped the old thing", 8)
	kept := agedLog(t, ada, "the success story", 8)
	fresh := mediaLog(t, ada, "this week's work", 3000)
	bobOld := agedLog(t, bob, "Bob's old one", 7)
	if _, err := ada.logs.SetLogPinned(ctx, kept.ID, true); err != nil {
		t.Fatal(err)
	}
	sync(t, ada, bob, ada)
	if l := peerLog(t, bob, "shipped the old thing"); l.MediaPath == "" || l.MediaExpired {
		t.Fatalf("before retention, Bob's copy: %+v", l)
	}
	if l := peerLog(t, bob, "the success story"); !l.Pinned {
		t.Fatalf("the pin did not reach Bob: %+v", l)
	}
	oldChunks := chunkFiles(t, loc, ada, old.UID)
	saved, err := os.ReadFile(oldChunks[0])
	if err != nil {
		t.Fatal(err)
	}
	if u, err := bob.svc.Usage(ctx, 6); err != nil || u.Free == 0 || u.Months != 6 || u.TeamMonths != 0 || len(u.Members) != 2 {
		t.Fatalf("usage before, for 6 months: %+v, %v", u, err)
	} else if u.Requests > 2 {
		t.Errorf("usage made %d requests; one listing is enough", u.Requests)
	}

	setRetention(t, bob, "6")
	sum, err := bob.svc.Sync(ctx, nil)
	if err != nil || sum.Expired == 0 {
		t.Fatalf("Bob's sync: %+v, %v", sum, err)
	}
	for _, f := range chunkFiles(t, loc, bob, bobOld.UID) {
		if exists(f) {
			t.Errorf("Bob's expired chunk %s is still in the share", f)
		}
	}
	sum, err = ada.svc.Sync(ctx, nil)
	if err != nil || sum.Expired != len(oldChunks) || len(sum.Problems) != 0 {
		t.Fatalf("Ada's sync: %+v, %v", sum, err)
	}
	for _, f := range oldChunks {
		if exists(f) {
			t.Errorf("Ada's expired chunk %s is still in the share", f)
		}
	}
	for _, e := range []*peerplaypay.LogEntry{kept, fresh} {
		for _, f := range chunkFiles(t, loc, ada, e.UID) {
			if !exists(f) {
				t.Errorf("a chunk of %q left the share", e.Done)
			}
		}
	}
	if e, err := ada.logs.Log(ctx, old.ID); err != nil || !e.MediaExpired || !exists(filepath.Join(ada.dir, e.MediaPath)) {
		t.Errorf("Ada's own expired log: %+v, %v (she keeps her copy)", e, err)
	}
	// Bob drops his copy, keeps the table, and does not fetch it again.
	copyPath := filepath.Join(bob.dir, peerLog(t, bob, "shipped the old thing").MediaPath)
	sum, err = bob.svc.Sync(ctx, nil)
	if err != nil || len(sum.Problems) != 0 || sum.Downloaded != 0 {
		t.Fatalf("Bob's sync after Ada's expiry: %+v, %v", sum, err)
	}
	l := peerLog(t, bob, "shipped the old thing")
	if !l.MediaExpired || l.MediaPath != "" || l.Table.Done != "shipped the old thing" {
		t.Errorf("Bob's expired copy: %+v", l)
	}
	if exists(copyPath) {
		t.Error("Bob's copy of an expired recording is still on disk")
	}
	if _, _, err := bob.svc.PeerMediaFile(ctx, l.ID); !strings.Contains(peerplaypay.ErrorMessage(err), "expired") {
		t.Errorf("an expired recording to play: %v", err)
	}
	if _, err := bob.svc.FetchPeerMedia(ctx, l.ID, nil); !strings.Contains(peerplaypay.ErrorMessage(err), "expired") {
		t.Errorf("an expired recording to fetch: %v", err)
	}
	if l := peerLog(t, bob, "the success story"); l.MediaExpired || l.MediaPath == "" {
		t.Errorf("the pinned log at Bob's: %+v", l)
	}
	if l := peerLog(t, ada, "Bob's old one"); !l.MediaExpired {
		t.Errorf("Bob's expired log at Ada's: %+v", l)
	}

	t.Run("Idempotent", func(t *testing.T) {
		sum, err := ada.svc.Sync(ctx, nil)
		if err != nil || sum.Expired != 0 || sum.SentEvents != 0 {
			t.Errorf("a second sync: %+v, %v", sum, err)
		}
	})
	t.Run("Usage", func(t *testing.T) {
		u, err := ada.svc.Usage(ctx, -1)
		if err != nil || u.Months != 6 || u.TeamMonths != 6 || u.Free != 0 || u.Total == 0 || u.Local == 0 || u.Budget != teamsync.DefaultBudgetMB<<20 {
			t.Fatalf("usage after: %+v, %v", u, err)
		}
		if len(u.ByMonth) != 2 { // the pinned log's old month, and this month
			t.Errorf("by month: %+v", u.ByMonth)
		}
		u, err = ada.svc.Usage(ctx, 1)
		if err != nil || u.Free != 0 {
			t.Errorf("a month's retention frees only what is older than a month: %+v, %v", u, err)
		}
		if _, err := ada.svc.Usage(ctx, 121); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
			t.Errorf("121 months: %v", err)
		}
	})
	t.Run("Resumes", func(t *testing.T) {
		_, team := cloneTeam(t, loc, ada, bob)
		ada := team[0]
		// A sync cut short after the event was sent: the state says queued,
		// a chunk is still there.
		if n := rows(t, ada, `UPDATE logs SET expire_state = 'queued' WHERE uid = ? RETURNING 1`, old.UID); n != 1 {
			t.Fatal("no log to put back")
		}
		back := strings.Replace(oldChunks[0], loc, locOf(t, ada), 1)
		if err := os.WriteFile(back, saved, 0o600); err != nil {
			t.Fatal(err)
		}
		sum, err := ada.svc.Sync(ctx, nil)
		if err != nil || sum.Expired == 0 || sum.SentEvents != 0 || exists(back) {
			t.Errorf("resumed: %+v, %v; chunk there %v", sum, err, exists(back))
		}
	})
	t.Run("HostDeletesWithoutEvent", func(t *testing.T) {
		cloc, team := cloneTeam(t, loc, ada, bob)
		bob := team[1]
		l := peerLog(t, bob, "this week's work")
		for _, f := range chunkFiles(t, loc, ada, fresh.UID) {
			if err := os.Remove(strings.Replace(f, loc, cloc, 1)); err != nil {
				t.Fatal(err)
			}
		}
		os.Remove(filepath.Join(bob.dir, l.MediaPath))
		sum, err := bob.svc.Sync(ctx, nil)
		if err != nil || len(sum.Problems) != 1 || !strings.Contains(sum.Problems[0], "Ada's recording of") {
			t.Fatalf("a recording the host deleted: %+v, %v", sum, err)
		}
		if l := peerLog(t, bob, "this week's work"); l.MediaExpired || l.MediaPath != "" {
			t.Errorf("taken for expired: %+v", l)
		}
	})
}

// locOf is the share location m's team is on.
func locOf(t *testing.T, m *member) string {
	t.Helper()
	db, err := sqlOpen(m)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var loc string
	if err := db.QueryRow(`SELECT location FROM share_team`).Scan(&loc); err != nil && err != sql.ErrNoRows {
		t.Fatal(err)
	}
	return loc
}

// TestForgedRetentionRefused: a modified client writes retention events an
// honest one never does; every reader refuses the batch, names its
// author, and expires nothing. A removed member's expiry and one the host
// copies into another member's folder are not applied either.
func TestForgedRetentionRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	loc := filepath.Join(t.TempDir(), "share")
	ada0, mal0, bea0 := newMember(t, "Ada"), newMember(t, "Mallory"), newMember(t, "Bea")
	if _, err := ada0.svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada0, mal0, loc)
	join(t, ada0, bea0, loc)
	malID := idOf(t, mal0)
	adaLog := mediaLog(t, ada0, "Ada's recording", 3000)
	malLog := mediaLog(t, mal0, "Mallory's recording", 3000)
	malPinned := mediaLog(t, mal0, "Mallory's story", 3000)
	if _, err := mal0.logs.SetLogPinned(ctx, malPinned.ID, true); err != nil {
		t.Fatal(err)
	}
	malText := &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "Mallory's text"}}
	if err := mal0.logs.CreateLog(ctx, malText); err != nil {
		t.Fatal(err)
	}
	sync(t, ada0, mal0, bea0, ada0)
	expired := func(t *testing.T, m *member) int {
		return rows(t, m, `SELECT count(*) FROM peer_logs WHERE media_expired_at <> ''`)
	}
	expire := func(uid, sha string) peerplaypay.LogMediaExpired {
		return peerplaypay.LogMediaExpired{UID: uid, SHA256: sha}
	}
	for _, c := range []struct {
		name  string
		forge func(t *testing.T, mal *member)
		words string
	}{
		{"ExpireOthersLog", func(t *testing.T, mal *member) {
			forgeAnswer(t, mal, peerplaypay.EventLogMediaExpired, time.Time{}, expire(adaLog.UID, adaLog.SHA256))
		}, "expires the recording of Ada's log: only a log's author"},
		{"PinOthersLog", func(t *testing.T, mal *member) {
			forgeAnswer(t, mal, peerplaypay.EventLogPinned, time.Time{}, peerplaypay.LogPinned{UID: adaLog.UID, Pinned: false})
		}, "pins Ada's log"},
		{"ExpireUnpublished", func(t *testing.T, mal *member) {
			forgeAnswer(t, mal, peerplaypay.EventLogMediaExpired, time.Time{}, expire(peerplaypay.NewUID(), adaLog.SHA256))
		}, "a log it has not published"},
		{"ExpireBadUID", func(t *testing.T, mal *member) {
			forgeAnswer(t, mal, peerplaypay.EventLogMediaExpired, time.Time{}, expire("../"+adaLog.UID, adaLog.SHA256))
		}, "is not a uid"},
		{"ExpireOtherRecording", func(t *testing.T, mal *member) {
			forgeAnswer(t, mal, peerplaypay.EventLogMediaExpired, time.Time{}, expire(malLog.UID, adaLog.SHA256))
		}, "that is not its log's"},
		{"ExpirePinned", func(t *testing.T, mal *member) {
			forgeAnswer(t, mal, peerplaypay.EventLogMediaExpired, time.Time{}, expire(malPinned.UID, malPinned.SHA256))
		}, "a log its author pinned"},
		{"ExpireTextLog", func(t *testing.T, mal *member) {
			forgeAnswer(t, mal, peerplaypay.EventLogMediaExpired, time.Time{}, expire(malText.UID, ""))
		}, "a text log"},
		{"BadMonths", func(t *testing.T, mal *member) {
			forgeAnswer(t, mal, peerplaypay.EventTeamSettings, time.Time{}, peerplaypay.TeamSettingsData{Changes: []peerplaypay.SettingChange{
				{Key: peerplaypay.KeyRetentionMonths, Value: json.RawMessage(`-3`)}}})
		}, "1 to 120"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, team := cloneTeam(t, loc, ada0, mal0, bea0)
			ada, mal, bea := team[0], team[1], team[2]
			c.forge(t, mal)
			if _, err := mal.svc.Sync(ctx, nil); err != nil {
				t.Fatal(err)
			}
			for _, reader := range []*member{bea, ada} {
				sum, err := reader.svc.Sync(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				words := c.words
				if reader == ada {
					words = strings.ReplaceAll(words, "Ada's", "your")
				}
				if len(sum.Problems) != 1 || !strings.HasPrefix(sum.Problems[0], "Mallory: ") || !strings.Contains(sum.Problems[0], words) {
					t.Fatalf("problems = %q; want one naming Mallory and saying %q", sum.Problems, words)
				}
				if n := expired(t, reader); n != 0 {
					t.Errorf("%d recordings expired", n)
				}
			}
			if l := peerLog(t, bea, "Ada's recording"); l.MediaPath == "" {
				t.Errorf("Bea lost her copy of Ada's recording: %+v", l)
			}
			if n := rows(t, bea, `SELECT count(*) FROM team_setting_changes WHERE author = ?`, malID); n != 0 {
				t.Errorf("Bea applied %d of Mallory's setting changes", n)
			}
		})
	}

	t.Run("RemovedMember", func(t *testing.T) {
		cloc, team := cloneTeam(t, loc, ada0, mal0, bea0)
		ada, mal, bea := team[0], team[1], team[2]
		before, _ := filepath.Glob(filepath.Join(cloc, "members", idOf(t, ada), "events", "*"))
		if err := ada.svc.Remove(ctx, malID); err != nil {
			t.Fatal(err)
		}
		// Mallory's app writes on, as if it had not seen the removal: the
		// version that removes her, and Ada's batch that tells of it,
		// hidden from her while she writes.
		versions, _ := filepath.Glob(filepath.Join(cloc, "roster", "*"))
		after, _ := filepath.Glob(filepath.Join(cloc, "members", idOf(t, ada), "events", "*"))
		hidden := append([]string{versions[len(versions)-1]}, after[len(before):]...)
		for _, f := range hidden {
			if err := os.Rename(f, f+".away"); err != nil {
				t.Fatal(err)
			}
		}
		forgeAnswer(t, mal, peerplaypay.EventLogMediaExpired, time.Time{}, expire(malLog.UID, malLog.SHA256))
		sum, err := mal.svc.Sync(ctx, nil)
		if err != nil || sum.SentEvents != 1 {
			t.Fatalf("Mallory's sync: %+v, %v", sum, err)
		}
		for _, f := range hidden {
			if err := os.Rename(f+".away", f); err != nil {
				t.Fatal(err)
			}
		}
		for _, reader := range []*member{bea, ada} {
			if _, err := reader.svc.Sync(ctx, nil); err != nil {
				t.Fatal(err)
			}
			if l := peerLog(t, reader, "Mallory's recording"); l.MediaExpired {
				t.Errorf("a removed member's expiry was applied: %+v", l)
			}
		}
	})

	t.Run("HostCopiesBatch", func(t *testing.T) {
		cloc, team := cloneTeam(t, loc, ada0, mal0, bea0)
		_, mal, bea := team[0], team[1], team[2]
		// Mallory's honest expiry of her own recording, copied by the host
		// into Ada's folder as Ada's next batch.
		forgeAnswer(t, mal, peerplaypay.EventLogMediaExpired, time.Time{}, expire(malLog.UID, malLog.SHA256))
		if _, err := mal.svc.Sync(ctx, nil); err != nil {
			t.Fatal(err)
		}
		malBatches, _ := filepath.Glob(filepath.Join(cloc, "members", malID, "events", "*"))
		adaBatches, _ := filepath.Glob(filepath.Join(cloc, "members", idOf(t, ada0), "events", "*"))
		raw, err := os.ReadFile(malBatches[len(malBatches)-1])
		if err != nil {
			t.Fatal(err)
		}
		next := filepath.Join(filepath.Dir(adaBatches[0]), fmt.Sprintf("%012d", len(adaBatches)+1))
		if err := os.WriteFile(next, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		sum, err := bea.svc.Sync(ctx, nil)
		if err != nil || len(sum.Problems) != 1 || !strings.HasPrefix(sum.Problems[0], "Ada: ") {
			t.Fatalf("Bea's sync: %+v, %v", sum, err)
		}
		// Mallory's own expiry, in her own folder, is hers to make.
		if l := peerLog(t, bea, "Mallory's recording"); !l.MediaExpired {
			t.Errorf("Mallory's own expiry: %+v", l)
		}
		if l := peerLog(t, bea, "Ada's recording"); l.MediaExpired || l.MediaPath == "" {
			t.Errorf("Ada's log after the host's copy: %+v", l)
		}
	})
}

// TestRetentionS3: on a bucket, usage lists without downloading and
// retention deletes the author's chunks; the peer sees the log expired.
func TestRetentionS3(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	loc, creds := s3srv.NewBucket(t)
	ada, bob := newMember(t, "Ada"), newMember(t, "Bob")
	for _, m := range []*member{ada, bob} {
		m.svc.SetCredentials(ctx, creds.AccessKeyID, creds.SecretAccessKey)
	}
	if _, err := ada.svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bob, loc)
	agedLog(t, ada, "last spring", 8)
	sync(t, ada, bob)
	recordings := func(u *teamsync.Usage) int64 {
		for _, m := range u.Members {
			if m.Me {
				return m.Recordings
			}
		}
		return -1
	}
	u, err := ada.svc.Usage(ctx, 6)
	if err != nil || u.Free == 0 || u.Free != recordings(u) || u.Requests > 2 {
		t.Fatalf("usage on a bucket: %+v, %v", u, err)
	}
	setRetention(t, ada, "6 months")
	sync(t, ada, bob)
	if u, err := ada.svc.Usage(ctx, -1); err != nil || recordings(u) != 0 || u.Free != 0 || u.Months != 6 {
		t.Errorf("after the expiry: %+v, %v", u, err)
	}
	if l := peerLog(t, bob, "last spring"); !l.MediaExpired || l.MediaPath != "" {
		t.Errorf("Bob's copy: %+v", l)
	}
}

// idOf is m's member ID, from its identity: Status would compute every
// member's safety code (scrypt), which this test does not need.
func idOf(t *testing.T, m *member) string {
	t.Helper()
	id, err := m.svc.Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id.MemberID().String()
}

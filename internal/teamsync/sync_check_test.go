package teamsync_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// mediaLog records a video log of m whose recording holds n random bytes.
func mediaLog(t *testing.T, m *member, done string, n int) *peerplaypay.LogEntry {
	t.Helper()
	data := make([]byte, n)
	for i := range data {
		data[i] = byte(rand.Uint32())
	}
	rel := "media/" + peerplaypay.NewUID() + ".webm"
	if err := os.MkdirAll(filepath.Join(m.dir, "media"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(m.dir, rel), data, 0o600); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	e := &peerplaypay.LogEntry{Kind: peerplaypay.LogVideo, MediaPath: rel, LogTable: peerplaypay.LogTable{Done: done},
		LogMedia: peerplaypay.LogMedia{DurationMs: 1000, SizeBytes: int64(n), SHA256: hex.EncodeToString(sum[:])}}
	if err := m.logs.CreateLog(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	return e
}

// peerLog is the copy of a peer's log that m holds, by its table's done.
func peerLog(t *testing.T, m *member, done string) *peerplaypay.PeerLog {
	t.Helper()
	logs, err := sqlite.NewShareStore(m.db).PeerLogs(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range logs {
		if l.Table.Done == done {
			return l
		}
	}
	return nil
}

// forge queues in m's outbox a log.published an honest client never
// writes: a modified client sends what it likes, and the share signs it as
// m's.
func forge(t *testing.T, m *member, d peerplaypay.LogPublished) {
	t.Helper()
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	ev := peerplaypay.ShareEvent{Kind: peerplaypay.EventLogPublished, V: 1, Data: raw}
	if err := sqlite.NewShareStore(m.db).Enqueue(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
}

func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// listFiles is every file under dir, relative to it.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	return out
}

// newPair is a team on a folder share: Ada, who created it, and Bob.
func newPair(t *testing.T) (location string, ada, bob *member) {
	t.Helper()
	location = filepath.Join(t.TempDir(), "share")
	ada, bob = newMember(t, "Ada"), newMember(t, "Bob")
	if _, err := ada.svc.Create(context.Background(), location, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bob, location)
	return location, ada, bob
}

// TestPeerEventsChecked plays a member with a modified client against the
// others over a real folder share: a log whose uid walks out of the
// downloads folder, one whose declared size hides what its chunks add up
// to, one whose codec is no codec name (it is shown in the window) and one
// that declares a video codec for an audio log. Each is refused as a
// problem naming its author; nothing of it is applied or written; the
// honest member's news still arrives, and so does a later version's log in
// a codec this one does not know (the window says it cannot play it).
func TestPeerEventsChecked(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	location, ada, bob := newPair(t)
	mals := map[string]*member{}
	attacks := map[string]string{"uid": "uid", "size": "size", "codec": "codec", "codecKind": "declares a video codec"}
	for attack := range attacks {
		mal := newMember(t, "Mal")
		join(t, ada, mal, location)
		mals[attack] = mal
	}
	bobLog := mediaLog(t, bob, "Bob's stand-up", 3000)
	for attack, mal := range mals {
		mediaLog(t, mal, "honest "+attack, 5000)
	}
	sync(t, bob, mals["uid"], mals["size"], mals["codec"], mals["codecKind"], ada)
	bobCopy := peerLog(t, ada, "Bob's stand-up")
	if bobCopy == nil || bobCopy.MediaPath == "" {
		t.Fatalf("Ada did not get Bob's log: %+v", bobCopy)
	}
	bobFile := filepath.Join(ada.dir, filepath.FromSlash(bobCopy.MediaPath))
	honest := func(attack string) *peerplaypay.PeerLog {
		l := peerLog(t, ada, "honest "+attack)
		if l == nil || len(l.Manifest) == 0 {
			t.Fatalf("Ada did not get Mal's honest log: %+v", l)
		}
		return l
	}

	bobID := strings.Split(bobCopy.MediaPath, "/")[1]
	walk, tiny, badCodec, audioCodec := honest("uid"), honest("size"), honest("codec"), honest("codecKind")
	forge(t, mals["uid"], peerplaypay.LogPublished{UID: "../" + bobID + "/" + bobLog.UID, Day: "2026-12-05", Kind: peerplaypay.LogVideo,
		Table: peerplaypay.LogTable{Done: "walked"}, SizeBytes: walk.SizeBytes, SHA256: walk.SHA256, Media: walk.Manifest})
	forge(t, mals["size"], peerplaypay.LogPublished{UID: peerplaypay.NewUID(), Day: "2026-12-05", Kind: peerplaypay.LogVideo,
		Table: peerplaypay.LogTable{Done: "tiny"}, SizeBytes: 1, SHA256: tiny.SHA256, Media: tiny.Manifest})
	forge(t, mals["codec"], peerplaypay.LogPublished{UID: peerplaypay.NewUID(), Day: "2026-12-05", Kind: peerplaypay.LogVideo,
		Table: peerplaypay.LogTable{Done: "bad codec"}, SizeBytes: badCodec.SizeBytes, SHA256: badCodec.SHA256, Media: badCodec.Manifest,
		Codec: "vp9\n<img src=x>"})
	forge(t, mals["codecKind"], peerplaypay.LogPublished{UID: peerplaypay.NewUID(), Day: "2026-12-05", Kind: peerplaypay.LogAudio,
		Table: peerplaypay.LogTable{Done: "audio codec"}, SizeBytes: audioCodec.SizeBytes, SHA256: audioCodec.SHA256, Media: audioCodec.Manifest,
		Codec: peerplaypay.CodecVP9})
	// A later version's log: a codec name this version does not know.
	forge(t, bob, peerplaypay.LogPublished{UID: peerplaypay.NewUID(), Day: "2026-12-05", Kind: peerplaypay.LogVideo,
		Table: peerplaypay.LogTable{Done: "future codec"}, SizeBytes: bobCopy.SizeBytes, SHA256: bobCopy.SHA256, Media: bobCopy.Manifest,
		Codec: "av2"})
	send := func() {
		for _, mal := range mals { // each sees the other's forgery: not our concern here
			if _, err := mal.svc.Sync(ctx, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	send()
	// What the modified clients write next is not applied either: their
	// chains stop at the refused batch.
	for _, mal := range mals {
		mal.logs.CreateLog(ctx, &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "after the attack"}})
	}
	send()
	mediaLog(t, bob, "Bob's next stand-up", 4000)
	if _, err := bob.svc.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}

	top := filepath.Dir(ada.dir) // every member's data folder and the share
	before := listFiles(t, top)
	sum, err := ada.svc.Sync(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range attacks {
		if !slices.ContainsFunc(sum.Problems, func(p string) bool { return strings.HasPrefix(p, "Mal") && strings.Contains(p, want) }) {
			t.Errorf("Ada's problems %q name no Mal with %q", sum.Problems, want)
		}
	}
	st, err := ada.svc.Status(ctx)
	if err != nil || len(st.Problems) < len(attacks) {
		t.Errorf("Ada's status problems %q, %v", st.Problems, err)
	}
	for _, done := range []string{"walked", "tiny", "bad codec", "audio codec", "after the attack"} {
		if l := peerLog(t, ada, done); l != nil {
			t.Errorf("Ada applied %q: %+v", done, l)
		}
	}
	if got := fileSum(t, bobFile); got != bobLog.SHA256 {
		t.Errorf("Bob's recording on Ada's laptop was replaced: sha256 %s, want %s", got, bobLog.SHA256)
	}
	future := peerLog(t, ada, "future codec")
	if future == nil {
		t.Fatal("a later version's log in a codec this version does not know was not applied")
	}
	next := peerLog(t, ada, "Bob's next stand-up")
	if next == nil || next.MediaPath == "" {
		t.Fatalf("Bob's news did not arrive beside the attacks: %+v", next)
	}
	want := filepath.ToSlash(filepath.Join(filepath.Base(ada.dir), next.MediaPath))
	wantFuture := filepath.ToSlash(filepath.Join(filepath.Base(ada.dir), future.MediaPath))
	for _, f := range listFiles(t, top) {
		if !slices.Contains(before, f) && f != want && f != wantFuture && !strings.HasPrefix(filepath.Base(f), sqlite.FileName) {
			t.Errorf("Ada's sync wrote %s", f)
		}
	}
}

// TestStoredPeerLogsChecked: logs applied before their events were checked
// (by an older app) are checked again before their recordings are fetched:
// a uid that walks out of the data folder writes nothing, and a declared
// size that hides the manifest's is not downloaded.
func TestStoredPeerLogsChecked(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, ada, bob := newPair(t)
	mediaLog(t, bob, "honest", 3000)
	sync(t, bob, ada)
	honest := peerLog(t, ada, "honest")
	if honest == nil || honest.MediaPath == "" {
		t.Fatalf("Ada did not get Bob's log: %+v", honest)
	}
	event := func(d peerplaypay.LogPublished) peerplaypay.ShareEvent {
		d.Kind, d.Day, d.SHA256, d.Media = peerplaypay.LogVideo, "2026-12-05", honest.SHA256, honest.Manifest
		raw, _ := json.Marshal(d)
		return peerplaypay.ShareEvent{ID: peerplaypay.NewUID(), Kind: peerplaypay.EventLogPublished, V: 1, Data: raw}
	}
	walk := event(peerplaypay.LogPublished{UID: "../../outside/pwned", Table: peerplaypay.LogTable{Done: "walked"}, SizeBytes: honest.SizeBytes})
	tiny := event(peerplaypay.LogPublished{UID: peerplaypay.NewUID(), Table: peerplaypay.LogTable{Done: "tiny"}, SizeBytes: 1})
	if _, err := sqlite.NewShareStore(ada.db).ApplyBatch(ctx, honest.Author, peerplaypay.SharePosition{}, []peerplaypay.ShareEvent{walk, tiny}); err != nil {
		t.Fatal(err)
	}

	top := filepath.Dir(ada.dir)
	before := listFiles(t, top)
	sum, err := ada.svc.Sync(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"uid", "size"} {
		if !slices.ContainsFunc(sum.Problems, func(p string) bool { return strings.HasPrefix(p, "Bob") && strings.Contains(p, want) }) {
			t.Errorf("Ada's problems %q name no Bob with %q", sum.Problems, want)
		}
	}
	for _, f := range listFiles(t, top) {
		if !slices.Contains(before, f) && !strings.HasPrefix(filepath.Base(f), sqlite.FileName) {
			t.Errorf("Ada's sync wrote %s", f)
		}
	}
	if l := peerLog(t, ada, "tiny"); l == nil || l.MediaPath != "" {
		t.Errorf("the log declaring 1 byte: %+v", l)
	}
}

//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
	"peerplaypay/internal/share/backend"
	"peerplaypay/internal/sqlite"
)

// chunkSize is the team share's media chunk (PROTOCOL.md section 12).
const chunkSize = 4 << 20

// addLongRecording gives m a real recording of about 24 MB, six chunks
// long: a 2 s synthetic recording looped without re-encoding (recording
// that much would take minutes). It is stored the
// way `record` leaves a finished recording: a ready video log with its
// size and checksum.
func addLongRecording(t *testing.T, m *member, done string) (ownLog, string) {
	t.Helper()
	scratch := t.TempDir()
	r := startRecordAlone(t, scratch, "--seconds", "2", "--video", "synthetic", "--audio", "synthetic")
	seed := filepath.Join(scratch, showLog(t, scratch, r.wait(t)).MediaPath)
	rel := "media/long.webm"
	path := filepath.Join(m.dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(seed)
	if err != nil {
		t.Fatal(err)
	}
	loops := strconv.FormatInt(23<<20/fi.Size(), 10) // 5.75 chunks: more than run at once
	if out, err := exec.Command("ffmpeg", "-v", "error", "-stream_loop", loops, "-i", seed, "-c", "copy", "-y", path).CombinedOutput(); err != nil {
		t.Fatalf("loop the recording: %v\n%s", err, out)
	}
	if fi, err = os.Stat(path); err != nil {
		t.Fatal(err)
	}
	_, secs := ffprobe(t, path)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(m.dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	e := &peerplaypay.LogEntry{Kind: peerplaypay.LogVideo, MediaPath: rel, LogTable: peerplaypay.LogTable{Done: done},
		LogMedia: peerplaypay.LogMedia{DurationMs: int64(secs * 1000), SizeBytes: fi.Size(), SHA256: fileSHA256(t, path)}}
	if err := sqlite.NewLogService(db).CreateLog(ctx, e); err != nil {
		t.Fatal(err)
	}
	return ownLog{ID: e.ID, UID: e.UID, Kind: string(e.Kind), MediaPath: rel, SizeBytes: e.SizeBytes, SHA256: e.SHA256, Done: done}, path
}

// killedSync starts a sync of m and sends it SIGKILL as soon as onLine
// accepts a line of its progress output or poll (checked every few
// milliseconds) returns true; either may be nil. It reports whether the
// kill came before the sync ended by itself.
func (m *member) killedSync(onLine func(string) bool, poll func() bool) bool {
	m.t.Helper()
	cmd := exec.Command(binary(m.t), "--data-dir", m.dir, "sync", "--json")
	cmd.Env = hermeticEnv(m.env)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		m.t.Fatal(err)
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		m.t.Fatal(err)
	}
	var once sync.Once
	kill := func() { once.Do(func() { cmd.Process.Kill() }) }
	ended := make(chan struct{})
	var seen []string
	go func() {
		defer close(ended)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			seen = append(seen, sc.Text())
			if onLine != nil && onLine(sc.Text()) {
				kill()
			}
		}
	}()
	if poll != nil {
		go func() {
			for {
				select {
				case <-ended:
					return
				case <-time.After(3 * time.Millisecond):
					if poll() {
						kill()
						return
					}
				}
			}
		}()
	}
	select {
	case <-ended:
	case <-time.After(2 * time.Minute):
		kill()
		<-ended
		m.t.Fatalf("%s's sync did not end", m.name)
	}
	err = cmd.Wait()
	ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	killed := ws.Signaled() && ws.Signal() == syscall.SIGKILL
	if !killed && err != nil {
		m.t.Fatalf("%s's sync, to be killed, failed by itself: %v\n%s%s", m.name, err, out.String(), strings.Join(seen, "\n"))
	}
	m.t.Logf("%s's sync killed: %v; its progress: %q", m.name, killed, seen)
	return killed
}

// plainSize is the plaintext size of a chunk stored with size enc
// (PROTOCOL.md section 12: 184 + p + 16·max(1, ⌈p/65536⌉)).
func plainSize(enc int64) int64 {
	for n := int64(1); ; n++ {
		p := enc - 184 - 16*n
		if p < 0 {
			return -1
		}
		if max(1, (p+65535)/65536) == n {
			return p
		}
	}
}

// chunksOnDisk counts the bytes of a partial download that already equal
// the original, chunk by chunk.
func chunksOnDisk(part string, orig []byte) int64 {
	got, err := os.ReadFile(part)
	if err != nil {
		return 0
	}
	var n int64
	for off := 0; off < len(orig) && off < len(got); off += chunkSize {
		end := min(off+chunkSize, len(orig))
		if end <= len(got) && bytes.Equal(got[off:end], orig[off:end]) {
			n += int64(end - off)
		}
	}
	return n
}

// TestShareKill kills syncs with SIGKILL while they send and while they
// download a recording of several chunks, then lets them finish: each
// log arrives exactly once, the recording is whole, and what was already
// sent or fetched is not moved again. On S3 the members go through a
// proxy that slows transfers to 4 MiB/s per request, so that each kill
// lands midway, and counts what the server stored and served.
func TestShareKill(t *testing.T) {
	t.Parallel()
	t.Run("s3", func(t *testing.T) {
		sh, px := newSlowS3Share(t, 4<<20)
		testKill(t, sh, px)
	})
	t.Run("folder", func(t *testing.T) { testKill(t, newFolderShare(t), nil) })
}

// testKill is TestShareKill on sh; px, if not nil, is the slowing proxy
// between the members and sh, and each kill must then land midway.
func testKill(t *testing.T, sh *teamShare, px *slowS3) {
	team := newTeam(t, sh, "Ada", "Bob")
	ada, bob := team[0], team[1]
	long, longPath := addLongRecording(t, ada, "Ada's long video")
	text := ada.addLog("Ada's text") // newer: published first
	blobs, events := "members/"+ada.id+"/blobs/", "members/"+ada.id+"/events/"
	// Ada has told of Bob's approval already: her logs go after it.
	told := len(sh.objects(t, events))
	nChunks := int((long.SizeBytes + chunkSize - 1) / chunkSize)
	stored := func(prefix string) int {
		c, _ := sh.list(prefix)
		return len(c)
	}
	mustLand := func(landed bool, what string) {
		t.Helper()
		if !landed && px != nil {
			t.Fatalf("%s ended before it was killed %s", ada.name, what)
		} else if !landed {
			t.Logf("the sync ended before it could be killed %s", what)
		}
	}

	// Killed as the sending starts, then once two more chunks are
	// stored, then as the batch lands.
	mustLand(ada.killedSync(func(l string) bool { return strings.HasPrefix(l, "sending:") }, nil), "as it started sending")
	n0 := stored(blobs)
	mustLand(ada.killedSync(nil, func() bool { return stored(blobs) >= n0+2 }), "with two chunks more stored")
	if px != nil {
		if n := stored(blobs); n >= nChunks {
			t.Fatalf("all %d chunks were stored before the kill: it did not stop the upload midway", n)
		}
	}
	ada.killedSync(nil, func() bool { return stored(events) > 0 })

	before := sh.objects(t, blobs)
	var have int64
	for _, size := range before {
		have += plainSize(size)
	}
	var putsBefore map[string]int
	if px != nil {
		putsBefore = px.putCounts()
	}
	s := ada.sync()
	if px == nil && s.BytesUp != long.SizeBytes-have {
		t.Errorf("the sync after the kills sent %d bytes; %d of %d were in the share already, so want %d", s.BytesUp, have, long.SizeBytes, long.SizeBytes-have)
	}
	if px != nil {
		// A PUT whose client was killed may still be stored by the server
		// after the listing above: such a chunk is rightly not sent again,
		// so what was sent is counted from the PUTs this sync made.
		var sent int64
		stored := sh.objects(t, blobs)
		for k, n := range px.putCounts() {
			if !strings.HasPrefix(k, blobs) || n == putsBefore[k] {
				continue
			}
			if _, ok := before[k]; ok || n > putsBefore[k]+1 {
				t.Errorf("chunk %s was sent again (%d PUTs, %d before this sync)", k, n, putsBefore[k])
			}
			sent += plainSize(stored[k])
		}
		if s.BytesUp != sent || sent > long.SizeBytes-have {
			t.Errorf("the sync after the kills sent %d bytes, its PUTs %d; %d of %d were in the share already", s.BytesUp, sent, have, long.SizeBytes)
		}
	}
	// Lists of the roster, the blobs and Bob's events, a put per missing
	// chunk, and at most the batch, with a read to compare it.
	if missing := int64(nChunks - len(before)); s.Requests > 3+missing+2 {
		t.Errorf("the sync after the kills made %d requests with %d chunks missing: %+v", s.Requests, missing, s)
	}
	after := sh.objects(t, blobs)
	if len(after) != nChunks {
		t.Errorf("the share holds %d chunks of a %d-chunk recording", len(after), nChunks)
	}
	for k, size := range before {
		if after[k] != size {
			t.Errorf("chunk %s changed from %d to %d bytes", k, size, after[k])
		}
	}
	if e := sh.objects(t, events); len(e) != told+1 {
		t.Errorf("Ada's two logs went out in %d batches; want 1", len(e)-told)
	}
	if st := ada.status(); st.Waiting != 0 {
		t.Errorf("Ada still has %d waiting", st.Waiting)
	}
	if px != nil {
		// A kill loses the chunks in flight, four at most; the others are
		// never sent again.
		tried := px.tried(blobs)
		t.Logf("chunk PUTs: %d for %d chunks and two kills midway", tried, nChunks)
		if tried > nChunks+2*4 {
			t.Errorf("%d chunk PUTs for %d chunks and two kills", tried, nChunks)
		}
	}

	// Bob's download is killed as it starts, then with a chunk on disk.
	orig, err := os.ReadFile(longPath)
	if err != nil {
		t.Fatal(err)
	}
	part := filepath.Join(bob.dir, "peers", ada.id, long.UID+".webm.part")
	mustLand(bob.killedSync(func(l string) bool { return strings.HasPrefix(l, "media:") }, nil), "as the download started")
	mustLand(bob.killedSync(nil, func() bool { return chunksOnDisk(part, orig) > 0 }), "with a chunk downloaded")
	have = chunksOnDisk(part, orig)
	if px != nil && have == int64(len(orig)) {
		t.Fatal("the whole recording was downloaded before the kill")
	}
	wantDown := long.SizeBytes - have
	if _, err := os.Stat(part); err != nil {
		wantDown = 0 // the kill came after the download had ended
	}
	s = bob.sync()
	if s.BytesDown != wantDown || s.Received != 0 {
		t.Errorf("Bob's sync after the kills: %+v; want the recording, with the %d bytes on disk not fetched again", s, have)
	}
	checkReceived(t, bob, ada, long)
	checkReceived(t, bob, ada, text)
	if _, err := os.Stat(part); !os.IsNotExist(err) {
		t.Errorf("the partial file is still there: %v", err)
	}
	if n := len(bob.peerLogs()); n != 2 {
		t.Errorf("Bob has %d logs from Ada; want 2, each once", n)
	}
	if s := bob.sync(); s.Received != 0 || s.Downloaded != 0 {
		t.Errorf("Bob's next sync: %+v", s)
	}
	if px != nil {
		var total int64
		for _, size := range after {
			total += size
		}
		t.Logf("chunks served to Bob: %d bytes for %d stored", px.served(blobs), total)
	}
}

// writeHistory writes n batches of one text log each as m, through the
// share package with m's identity: what m's app would have sent over n
// days, written at once. It returns the logs' UIDs.
func writeHistory(t *testing.T, sh *teamShare, m *member, n int) []string {
	t.Helper()
	ctx := context.Background()
	b, err := backend.Open(ctx, sh.loc, backend.Options{Credentials: sh.creds})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	id, err := share.LoadIdentity(m.dir)
	if err != nil {
		t.Fatal(err)
	}
	teamID, err := share.TeamInShare(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	r, err := share.FetchRoster(ctx, b, teamID)
	if err != nil {
		t.Fatal(err)
	}
	team, err := share.OpenTeam(ctx, b, id, r.Team, r.Genesis, r.Versions())
	if err != nil {
		t.Fatal(err)
	}
	// After what m already wrote (its approval of a newcomer, say).
	pos, err := team.RecoverPosition(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var uids []string
	first := time.Now().UTC().AddDate(0, 0, -n)
	for day := range n {
		at := first.AddDate(0, 0, day)
		uid := share.NewEventID().String()
		data, _ := json.Marshal(peerplaypay.LogPublished{UID: uid, Day: at.Format(time.DateOnly), Kind: peerplaypay.LogText,
			Table: peerplaypay.LogTable{Done: fmt.Sprintf("day %d", day)}, CreatedAt: at})
		sb, err := team.SealBatch(pos, []share.Event{{ID: share.NewEventID(), Kind: share.KindLogPublished, V: 1, At: at, Data: data}})
		if err != nil {
			t.Fatal(err)
		}
		if err := team.PutBatch(ctx, sb); err != nil {
			t.Fatal(err)
		}
		pos = sb.Position()
		uids = append(uids, uid)
	}
	return uids
}

// peerLogCount reads, beside a running sync, how many peers' logs m has.
func peerLogCount(m *member) int {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(m.dir, sqlite.FileName)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	db.QueryRow(`SELECT count(*) FROM peer_logs`).Scan(&n)
	return n
}

// TestShareKillWhileApplying kills a sync with SIGKILL while it applies a
// long history of a peer's batches, then lets it finish: every log
// arrives, once, and each event is applied once.
func TestShareKillWhileApplying(t *testing.T) {
	t.Parallel()
	sh := newFolderShare(t)
	team := newTeam(t, sh, "Ada", "Bob")
	ada, bob := team[0], team[1]
	const n = 365
	uids := writeHistory(t, sh, ada, n)

	if !bob.killedSync(nil, func() bool { return peerLogCount(bob) >= 40 }) {
		t.Fatal("Bob's sync ended before it could be killed")
	}
	before := peerLogCount(bob)
	if before == 0 || before == n {
		t.Fatalf("the kill came with %d of %d logs applied; want it midway", before, n)
	}
	t.Logf("killed with %d of %d logs applied", before, n)
	s := bob.sync()
	if s.Received != n-before {
		t.Errorf("the sync after the kill applied %d events; %d of %d were applied before it", s.Received, before, n)
	}
	got := map[string]int{}
	for _, l := range bob.peerLogs() {
		got[l.UID]++
	}
	for _, uid := range uids {
		if got[uid] != 1 {
			t.Errorf("Bob has log %s %d times", uid, got[uid])
		}
	}
	if len(got) != n {
		t.Errorf("Bob has %d logs of Ada's; want %d", len(got), n)
	}
}

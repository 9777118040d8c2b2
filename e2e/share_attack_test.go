//go:build e2e

package e2e

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// trio is Ada, Bob and Cyd on a folder share, each holding the others'
// first log (Ada's is a recording).
type trio struct {
	sh            *teamShare
	ada, bob, cyd *member
	adaFirst      ownLog
}

// trioFixture builds the team once and hands each test a copy of it.
type trioFixture struct {
	base     trio
	snapshot string // the share as the team left it
}

func newTrioFixture(t *testing.T) *trioFixture {
	t.Helper()
	sh := newFolderShare(t)
	m := newTeam(t, sh, "Ada", "Bob", "Cyd")
	f := &trioFixture{base: trio{sh: sh, ada: m[0], bob: m[1], cyd: m[2]}}
	f.base.adaFirst = f.base.ada.record("Ada's first")
	f.base.bob.addLog("Bob's first")
	f.base.cyd.addLog("Cyd's first")
	for _, m := range []*member{m[0], m[1], m[2], m[0], m[1]} {
		m.sync()
	}
	f.snapshot = filepath.Join(t.TempDir(), "snapshot")
	copyDir(t, sh.dir, f.snapshot)
	return f
}

// clone puts the share back as the fixture left it and gives t copies of
// the members' data folders. The share keeps its path, which each member's
// database holds: clones are used one after the other.
func (f *trioFixture) clone(t *testing.T) *trio {
	t.Helper()
	if err := os.RemoveAll(f.base.sh.dir); err != nil {
		t.Fatal(err)
	}
	copyDir(t, f.snapshot, f.base.sh.dir)
	cp := func(m *member) *member {
		c := &member{t: t, name: m.name, dir: t.TempDir(), env: m.env, id: m.id}
		copyDir(t, m.dir, c.dir)
		return c
	}
	return &trio{sh: f.base.sh, ada: cp(f.base.ada), bob: cp(f.base.bob), cyd: cp(f.base.cyd), adaFirst: f.base.adaFirst}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("cp", "-a", from+"/.", to).CombinedOutput(); err != nil {
		t.Fatalf("copy %s: %v\n%s", from, err, out)
	}
}

// batches returns the keys of m's batches in the share, in order.
func (tr *trio) batches(t *testing.T, m *member) []string {
	t.Helper()
	var keys []string
	for k := range tr.sh.objects(t, "members/"+m.id+"/events/") {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (tr *trio) path(key string) string { return filepath.Join(tr.sh.dir, filepath.FromSlash(key)) }

// flipByte changes one byte in the middle of an object, as a faulty disk
// or a malicious host would.
func (tr *trio) flipByte(t *testing.T, key string) {
	t.Helper()
	b, err := os.ReadFile(tr.path(key))
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x40
	if err := os.WriteFile(tr.path(key), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func (tr *trio) copyObject(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(tr.path(from))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(tr.path(to)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tr.path(to), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// cydNews has Cyd share a log before the share is tampered with: it must
// reach Bob whatever happens to Ada's data.
func (tr *trio) cydNews(t *testing.T) ownLog {
	t.Helper()
	l := tr.cyd.addLog("Cyd's news")
	tr.cyd.sync()
	return l
}

// nextBatchKey is the key m's next batch would have.
func nextBatchKey(m *member, keys []string) string {
	return fmt.Sprintf("members/%s/events/%012d", m.id, len(keys)+1)
}

// reported checks that watcher's sync reports a problem naming who, on the
// command's stderr, in its summary and in `team status`.
func reported(t *testing.T, watcher *member, who, want string) syncSummary {
	t.Helper()
	s, errOut := watcher.syncProblems()
	if !strings.Contains(errOut, "problem: "+who) || !slices.ContainsFunc(s.Problems, func(p string) bool {
		return strings.HasPrefix(p, who) && strings.Contains(p, want)
	}) {
		t.Errorf("%s's sync: problems %q, stderr:\n%s\nwant one naming %s with %q", watcher.name, s.Problems, errOut, who, want)
	}
	if st := watcher.status(); !slices.ContainsFunc(st.Problems, func(p string) bool { return strings.HasPrefix(p, who) }) {
		t.Errorf("%s's team status after the attack: problems %q; want one naming %s", watcher.name, st.Problems, who)
	}
	return s
}

// hasNot checks that m did not apply the log whose table says done.
func hasNot(t *testing.T, m *member, done string) {
	t.Helper()
	for _, l := range m.peerLogs() {
		if l.Table.Done == done {
			t.Errorf("%s applied %q from a tampered share: %+v", m.name, done, l)
		}
	}
}

// TestShareAttacks changes the folder share behind the members' backs, as
// a malicious host could. Each change must be reported naming the member
// whose data it touched, nothing from it may be applied, and the other
// members' news must still arrive.
func TestShareAttacks(t *testing.T) {
	t.Parallel()
	f := newTrioFixture(t)

	t.Run("BatchByteFlipped", func(t *testing.T) {
		tr := f.clone(t)
		still := tr.cydNews(t)
		tr.ada.addLog("Ada's tampered log")
		tr.ada.sync()
		keys := tr.batches(t, tr.ada)
		tr.flipByte(t, keys[len(keys)-1])

		reported(t, tr.bob, "Ada", "")
		hasNot(t, tr.bob, "Ada's tampered log")
		checkReceived(t, tr.bob, tr.cyd, still)
		checkReceived(t, tr.bob, tr.ada, tr.adaFirst)
	})

	t.Run("BlobChunkFlipped", func(t *testing.T) {
		tr := f.clone(t)
		still := tr.cydNews(t)
		before := tr.sh.objects(t, "members/"+tr.ada.id+"/blobs/")
		rec := tr.ada.record("Ada's damaged recording", "--audio-only", "--audio", "synthetic")
		tr.ada.sync()
		var fresh []string
		for k := range tr.sh.objects(t, "members/"+tr.ada.id+"/blobs/") {
			if _, ok := before[k]; !ok {
				fresh = append(fresh, k)
			}
		}
		if len(fresh) != 1 {
			t.Fatalf("a short recording made %d new chunks; want 1", len(fresh))
		}
		tr.flipByte(t, fresh[0])

		for range 2 { // reported again at the next sync, not forgotten
			s := reported(t, tr.bob, "Ada's recording", "damaged")
			if s.Downloaded != 0 {
				t.Errorf("Bob's sync downloaded %d recordings; the only one is damaged", s.Downloaded)
			}
		}
		p, ok := tr.bob.peerLog(rec.UID)
		if !ok || p.MediaPath != "" {
			t.Fatalf("Bob's copy of the damaged recording's log: %+v, %v; want the log without its file", p, ok)
		}
		matches, _ := filepath.Glob(filepath.Join(tr.bob.dir, "peers", tr.ada.id, rec.UID+"*"))
		for _, m := range matches {
			if !strings.HasSuffix(m, ".part") {
				t.Errorf("the damaged recording was put in place: %s", m)
			}
		}
		checkReceived(t, tr.bob, tr.ada, tr.adaFirst)
		checkReceived(t, tr.bob, tr.cyd, still)

		// Repaired, the chunk is fetched and the problem is gone.
		tr.flipByte(t, fresh[0])
		if s := tr.bob.sync(); s.Downloaded != 1 {
			t.Errorf("Bob's sync after the chunk was repaired: %+v", s)
		}
		checkReceived(t, tr.bob, tr.ada, rec)
		if st := tr.bob.status(); len(st.Problems) != 0 {
			t.Errorf("Bob's team status once the recording arrived: problems %q", st.Problems)
		}
	})

	t.Run("BatchCopiedToAnotherFolder", func(t *testing.T) {
		tr := f.clone(t)
		tr.ada.addLog("Ada's log, also copied as Bob's")
		tr.ada.sync()
		adaKeys, bobKeys := tr.batches(t, tr.ada), tr.batches(t, tr.bob)
		tr.copyObject(t, adaKeys[len(adaKeys)-1], nextBatchKey(tr.bob, bobKeys))

		reported(t, tr.cyd, "Bob", "")
		logs := tr.cyd.peerLogs()
		fromBob := slices.DeleteFunc(slices.Clone(logs), func(l peerLog) bool { return l.Author != tr.bob.id })
		if len(fromBob) != 1 {
			t.Errorf("Cyd has %d logs from Bob after Ada's batch was copied into Bob's folder; want his 1: %+v", len(fromBob), fromBob)
		}
		if n := len(logs); n != 3 {
			t.Errorf("Cyd has %d peers' logs; want Ada's 2 and Bob's 1", n)
		}
	})

	t.Run("BatchReplayed", func(t *testing.T) {
		tr := f.clone(t)
		still := tr.cydNews(t)
		keys := tr.batches(t, tr.ada)
		tr.copyObject(t, keys[0], nextBatchKey(tr.ada, keys))

		reported(t, tr.bob, "Ada", "")
		checkReceived(t, tr.bob, tr.cyd, still)
		if n := len(tr.bob.peerLogs()); n != 3 {
			t.Errorf("Bob has %d peers' logs after a replay; want 3", n)
		}
	})

	t.Run("BatchMissing", func(t *testing.T) {
		tr := f.clone(t)
		still := tr.cydNews(t)
		tr.ada.addLog("Ada's second")
		tr.ada.sync()
		tr.ada.addLog("Ada's third")
		tr.ada.sync()
		keys := tr.batches(t, tr.ada)
		if err := os.Remove(tr.path(keys[len(keys)-2])); err != nil {
			t.Fatal(err)
		}

		reported(t, tr.bob, "Ada", "")
		hasNot(t, tr.bob, "Ada's second")
		hasNot(t, tr.bob, "Ada's third") // it follows a gap: never applied
		checkReceived(t, tr.bob, tr.cyd, still)
	})

	t.Run("StrangerFolder", func(t *testing.T) {
		tr := f.clone(t)
		still := tr.cydNews(t)
		var id [16]byte
		rand.Read(id[:])
		// A well-formed batch, signed by a member, in a folder of nobody's:
		// the roster says whose folders exist, so it is never read.
		keys := tr.batches(t, tr.ada)
		tr.copyObject(t, keys[0], "members/"+hex.EncodeToString(id[:])+"/events/000000000001")

		if s := tr.bob.sync(); s.Received != 1 {
			t.Errorf("Bob's sync beside a stranger's folder: %+v; want Cyd's 1 event", s)
		}
		checkReceived(t, tr.bob, tr.cyd, still)
		if n := len(tr.bob.peerLogs()); n != 3 {
			t.Errorf("Bob has %d peers' logs beside a stranger's folder; want 3", n)
		}
		if st := tr.bob.status(); len(st.Members) != 3 || len(st.Problems) != 0 {
			t.Errorf("Bob's team beside a stranger's folder: %+v", st)
		}
	})
}

//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// crew is a team of four on one share, each holding the others' first
// logs; Bob's is a recording, of which every peer holds a copy.
type crew struct {
	sh                 *teamShare
	ada, bob, cyd, dan *member
	bobRec             ownLog
}

// crewFixture builds the team once per share and hands each attack a
// copy: the share put back as it was, and copies of the data folders.
type crewFixture struct {
	base crew
	snap shareSnapshot
}

func newCrewFixture(t *testing.T, sh *teamShare) *crewFixture {
	t.Helper()
	m := newTeam(t, sh, "Ada", "Bob", "Cyd", "Dan")
	f := &crewFixture{base: crew{sh: sh, ada: m[0], bob: m[1], cyd: m[2], dan: m[3]}}
	f.base.bobRec = f.base.bob.record("Bob's recording", "--audio-only", "--audio", "synthetic")
	for _, x := range []*member{m[0], m[2], m[3]} {
		x.addLog(x.name + "'s first")
	}
	for _, x := range []*member{m[0], m[1], m[2], m[3], m[0], m[1], m[2]} {
		x.sync()
	}
	for _, x := range []*member{m[0], m[2], m[3]} {
		checkReceived(t, x, m[1], f.base.bobRec)
	}
	f.snap = takeSnapshot(t, sh)
	return f
}

// clone is used by one subtest at a time: the members' databases hold the
// share's location, so every clone uses the same share.
func (f *crewFixture) clone(t *testing.T) *crew {
	t.Helper()
	f.snap.restore(t, f.base.sh)
	cp := func(m *member) *member {
		c := &member{t: t, name: m.name, dir: t.TempDir(), env: m.env, id: m.id}
		copyDir(t, m.dir, c.dir)
		return c
	}
	b := f.base
	return &crew{sh: b.sh, ada: cp(b.ada), bob: cp(b.bob), cyd: cp(b.cyd), dan: cp(b.dan), bobRec: b.bobRec}
}

// syncAttacked runs m's sync after an attack and checks that it reports
// a problem starting with who ("" for any) and holding every word: exit
// 1, a "problem:" line on stderr, the summary, and `team status`.
func syncAttacked(t *testing.T, m *member, who string, words ...string) {
	t.Helper()
	out, errOut, code := m.run("sync", "--json")
	var s syncSummary
	_ = json.Unmarshal([]byte(out), &s)
	match := func(p string) bool {
		if !strings.HasPrefix(p, who) {
			return false
		}
		for _, w := range words {
			if !strings.Contains(p, w) {
				return false
			}
		}
		return true
	}
	if code != 1 || !slices.ContainsFunc(s.Problems, match) || !strings.Contains(errOut, "problem: "+who) {
		t.Errorf("%s's sync after the attack: exit %d, problems %q; want exit 1 and a problem starting with %q holding %q\n%s",
			m.name, code, s.Problems, who, words, errOut)
	}
	if st := m.status(); !slices.ContainsFunc(st.Problems, match) {
		t.Errorf("%s's team status after the attack: problems %q; want one starting with %q holding %q", m.name, st.Problems, who, words)
	}
}

// setBudgetMB sets the disk budget for peers' recordings, as the Team
// area's settings do.
func setBudgetMB(t *testing.T, m *member, mb int) {
	t.Helper()
	setSetting(t, m, teamsync.SettingBudgetMB, strconv.Itoa(mb))
}

// setSetting sets one of m's settings in its database, between commands.
func setSetting(t *testing.T, m *member, key, value string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(m.dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := sqlite.NewSettingsService(db).SetSettings(ctx, map[string]string{key: value}); err != nil {
		t.Fatal(err)
	}
}

// noMedia checks that m wrote no file for the peer's log uid, and no
// peer's file larger than limit bytes.
func noMedia(t *testing.T, m, author *member, uid string, limit int64) {
	t.Helper()
	if p, ok := m.peerLog(uid); ok && p.MediaPath != "" {
		t.Errorf("%s downloaded the forged recording to %s", m.name, p.MediaPath)
	}
	matches, _ := filepath.Glob(filepath.Join(m.dir, "peers", author.id, uid+"*"))
	if len(matches) > 0 {
		t.Errorf("%s wrote %v for the forged recording", m.name, matches)
	}
	filepath.WalkDir(filepath.Join(m.dir, "peers"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil && fi.Size() > limit {
				t.Errorf("%s holds %s of %d MiB; nothing may exceed %d MiB", m.name, p, fi.Size()>>20, limit>>20)
			}
		}
		return nil
	})
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

func textLog(done string) peerplaypay.LogPublished {
	return peerplaypay.LogPublished{UID: randomHex(16), Day: time.Now().Format(time.DateOnly), Kind: peerplaypay.LogText,
		Table: peerplaypay.LogTable{Done: done}, CreatedAt: time.Now().UTC()}
}

// joinArgs is `team join LOCATION [--invite CODE]`.
func joinArgs(loc, invite string) []string {
	args := []string{"team", "join", loc}
	if invite != "" {
		args = append(args, "--invite", invite)
	}
	return args
}

// removedReadsNothing checks that the removed member, with every key she
// ever held, decrypts none of the logs written after her removal.
func removedReadsNothing(t *testing.T, atk *attacker, after map[*member][]string) {
	t.Helper()
	for m, logs := range after {
		got := atk.readable(m)
		for _, l := range logs {
			if slices.Contains(got, l) {
				t.Errorf("the removed member decrypts %q, which %s wrote after her removal", l, m.name)
			}
		}
	}
}

// stillMember checks that every view holds who as an active member.
func stillMember(t *testing.T, who *member, views ...*member) {
	t.Helper()
	if st := who.status(); st.State != "member" {
		t.Errorf("%s's own state after the attack: %q; want member", who.name, st.State)
	}
	for _, v := range views {
		for _, mv := range v.status().Members {
			if mv.ID == who.id && mv.Removed {
				t.Errorf("%s shows %s as removed after the attack", v.name, who.name)
			}
		}
	}
}

// TestShareAttacks6 plays the six attacks of a member, a removed member,
// the host and a stranger on a team of four, on a folder share and on a
// bucket, through the production binary. Each must be reported to the
// honest members, apply and write nothing, and leave the others' news
// arriving.
func TestShareAttacks6(t *testing.T) {
	t.Parallel()
	shareKinds(t, func(t *testing.T, sh *teamShare) {
		f := newCrewFixture(t, sh)

		// 1. Cyd publishes logs whose uids walk out of her peers folder:
		// onto Bob's recording, and out of the data folder.
		t.Run("UIDWalk", func(t *testing.T) {
			c := f.clone(t)
			news := c.bob.addLog("Bob's news")
			c.bob.sync()
			sentinel := t.TempDir()
			atk := newAttacker(t, c.sh, c.cyd)
			m := atk.upload(randomBytes(64 << 10))
			onBob := forgedRecording("Cyd's recording as Bob's", m, m.Size)
			onBob.UID = "../" + c.bob.id + "/" + c.bobRec.UID
			out := forgedRecording("Cyd's recording outside", m, m.Size)
			// Every data folder of this test is a sibling of the sentinel.
			rel, err := filepath.Rel(filepath.Join(c.ada.dir, "peers", c.cyd.id), filepath.Join(sentinel, "new", "pwned"))
			if err != nil {
				t.Fatal(err)
			}
			out.UID = filepath.ToSlash(rel)
			atk.publish(logEvent(share.KindLogPublished, onBob), logEvent(share.KindLogPublished, out))

			for _, v := range []*member{c.ada, c.dan} {
				syncAttacked(t, v, "Cyd", "uid")
			}
			if entries, _ := os.ReadDir(sentinel); len(entries) > 0 {
				t.Errorf("the sync wrote outside the data folder: %v in %s", entries, sentinel)
			}
			for _, v := range []*member{c.ada, c.dan} {
				hasNot(t, v, onBob.Table.Done)
				hasNot(t, v, out.Table.Done)
				checkReceived(t, v, c.bob, news)
				checkReceived(t, v, c.bob, c.bobRec) // its sha256 is still Bob's
			}
		})

		// 2a. Ada removes Cyd; Cyd, who has not synced since, deletes that
		// roster version and writes her own, removing Ada.
		t.Run("ForkRemovedMemberRewrites", func(t *testing.T) {
			c := f.clone(t)
			c.ada.ok("team", "remove", c.cyd.id)
			c.bob.sync()
			rawDelete(t, c.sh, "roster/000000000005")
			if _, errOut, code := c.cyd.run("team", "remove", c.ada.id); code != 0 {
				t.Logf("Cyd's app would not remove Ada (%s): she writes the version herself", strings.TrimSpace(errOut))
				newAttacker(t, c.sh, c.cyd).removeMember(c.ada)
			}
			atk := newAttacker(t, c.sh, c.cyd)
			after := map[*member][]string{c.ada: {"Ada after Cyd left"}, c.bob: {"Bob after Cyd left"}, c.dan: {"Dan after Cyd left"}}

			c.ada.addLog("Ada after Cyd left")
			syncAttacked(t, c.ada, "", "fork", "roster version 5", "Ada", "Cyd")
			c.bob.addLog("Bob after Cyd left")
			syncAttacked(t, c.bob, "", "fork", "roster version 5", "Ada", "Cyd")
			syncAttacked(t, c.dan, "", "fork", "roster version 5", "Ada", "Cyd")
			c.dan.addLog("Dan after Cyd left")
			syncAttacked(t, c.dan, "", "fork", "roster version 5") // still reported, not forgotten

			removedReadsNothing(t, atk, after)
			stillMember(t, c.ada, c.bob, c.dan)
		})

		// 2b. The host (or Cyd) only deletes the version that removed Cyd.
		// Dan, who never saw it, learns of it from Ada's batch; Bob, who
		// pinned it, finds it gone and puts his copy back (create-only, as
		// PROTOCOL.md section 8.3 says), after which the share holds again
		// the very version Ada signed: Ada's own sync has nothing left to
		// report, and no one can tell the deletion from no attack.
		t.Run("ForkVersionDeleted", func(t *testing.T) {
			c := f.clone(t)
			c.ada.ok("team", "remove", c.cyd.id)
			c.ada.addLog("Ada after Cyd left")
			c.ada.sync()
			c.bob.sync()
			atk := newAttacker(t, c.sh, c.cyd)
			rawDelete(t, c.sh, "roster/000000000005")

			for _, v := range []*member{c.dan, c.bob} {
				syncAttacked(t, v, "", "fork", "roster version 5")
			}
			if s := c.ada.sync(); len(s.Problems) != 0 {
				t.Errorf("Ada's sync once Bob put the version back: problems %q", s.Problems)
			}
			c.bob.addLog("Bob after Cyd left")
			c.bob.run("sync", "--json")
			c.dan.addLog("Dan after Cyd left")
			c.dan.run("sync", "--json")

			removedReadsNothing(t, atk, map[*member][]string{c.ada: {"Ada after Cyd left"}, c.bob: {"Bob after Cyd left"}, c.dan: {"Dan after Cyd left"}})
			stillMember(t, c.ada, c.bob, c.dan)
		})

		// 2c. The roster folder is put back to a copy from before Cyd's
		// removal while Bob restores on a new laptop from his recovery key.
		t.Run("ForkOldRosterRestored", func(t *testing.T) {
			c := f.clone(t)
			before := rawList(t, c.sh, "roster/")
			c.ada.ok("team", "remove", c.cyd.id)
			c.bob.addLog("Bob before his laptop died")
			c.bob.sync()
			keyFile := filepath.Join(t.TempDir(), "bob.key")
			c.bob.ok("keys", "export", keyFile)
			invite := c.ada.invitation().Invite
			atk := newAttacker(t, c.sh, c.cyd)
			for _, k := range rawList(t, c.sh, "roster/") {
				if !slices.Contains(before, k) {
					rawDelete(t, c.sh, k)
				}
			}

			bob := newMember(t, "Bob", c.sh.env())
			bob.id = c.bob.id
			bob.ok("keys", "import", keyFile)
			out, errOut, code := bob.run(joinArgs(c.sh.loc, invite)...)
			if code == 0 {
				syncAttacked(t, bob, "", "fork", "roster version 5")
				bob.addLog("Bob on his new laptop")
				bob.run("sync", "--json")
			} else if !strings.Contains(out+errOut, "fork") {
				t.Errorf("Bob's join on his new laptop: exit %d; want a fork reported\n%s%s", code, out, errOut)
			}
			syncAttacked(t, c.ada, "", "fork", "roster version 5")
			removedReadsNothing(t, atk, map[*member][]string{bob: {"Bob on his new laptop"}})
		})

		// 3. A stranger makes a team at the location the newcomer is given:
		// the real team's ID and name, a member called Ada, and approves
		// the request with the code computed from the request itself.
		t.Run("FakeTeam", func(t *testing.T) {
			c := f.clone(t)
			invite := c.ada.invitation().Invite
			realTeam, err := share.TeamInShare(atkCtx(t), openShare(t, c.sh))
			if err != nil {
				t.Fatal(err)
			}
			fake := newFolderShare(t)
			if sh.kind == "s3" {
				fake = newS3Share(t)
			} else if err := os.MkdirAll(fake.dir, 0o700); err != nil {
				t.Fatal(err)
			}
			fb := openShare(t, fake)
			stranger := fakeGenesis(t, fb, realTeam, "Crew", "Ada")
			before := rawList(t, fake, "")

			eve := newMember(t, "Eve", fake.env())
			out, errOut, code := eve.run("team", "join", fake.loc)
			if code != 2 || !strings.Contains(errOut, "peerplaypay team invite") {
				t.Errorf("join without an invitation: exit %d; want 2 and a pointer to `peerplaypay team invite`\n%s%s", code, out, errOut)
			}
			if code != 0 {
				out, errOut, code = eve.run(joinArgs(fake.loc, invite)...)
				if code != 1 || !strings.Contains(errOut, "invitation") {
					t.Errorf("join of the fake team with the real invitation: exit %d; want 1 and a sentence about the invitation\n%s%s", code, out, errOut)
				}
			}
			if len(rawList(t, fake, "join/")) > 0 {
				approveAll(t, fb, stranger, realTeam)
			}
			eve.run("sync", "--json")
			eve.addLog("Eve's first stand-up")
			eve.run("sync", "--json")
			if st := eve.status(); st.State == "member" {
				t.Errorf("Eve is a member of the fake team %q with %+v", st.TeamName, st.Members)
			}
			if after := rawList(t, fake, ""); !slices.Equal(before, after) {
				t.Errorf("Eve wrote to the fake share:\nbefore %q\nafter  %q", before, after)
			}
		})

		// 4. Ada, read first by everyone (she is first in the roster),
		// reuses the ids of Bob's tombstone and of Bob's publish.
		t.Run("EventIDCopied", func(t *testing.T) {
			c := f.clone(t)
			doomed := c.bob.addLog("Bob's doomed log")
			kept := c.bob.addLog("Bob's kept log")
			c.bob.sync()
			c.dan.sync()
			c.bob.ok("logs", "delete", strconv.FormatInt(doomed.ID, 10))
			c.bob.sync()
			atk := newAttacker(t, c.sh, c.ada)
			decoyTomb, decoyPub := logEvent(share.KindLogPublished, textLog("Ada's decoy one")), logEvent(share.KindLogPublished, textLog("Ada's decoy two"))
			var found int
			for _, e := range atk.events(c.bob) {
				switch {
				case e.Kind == share.KindLogDeleted && bytes.Contains(e.Data, []byte(doomed.UID)):
					decoyTomb.ID = e.ID
					found++
				case e.Kind == share.KindLogPublished && bytes.Contains(e.Data, []byte(kept.UID)):
					decoyPub.ID = e.ID
					found++
				}
			}
			if found != 2 {
				t.Fatalf("found %d of Bob's two events to copy", found)
			}
			atk.publish(decoyTomb, decoyPub)

			eve := newMember(t, "Eve", c.sh.env())
			join(t, c.sh, c.dan, eve)
			for _, v := range []*member{c.cyd, c.dan, eve} {
				v.sync()
				hasNot(t, v, "Bob's doomed log")
				if _, ok := v.peerLog(kept.UID); !ok {
					t.Errorf("%s lacks Bob's kept log: Ada's copy of its id hid it", v.name)
				}
			}
		})

		// 5. Names a sync tool, an editor or a file manager leaves in the
		// share, the first a Syncthing conflict copy of a roster version.
		t.Run("ForeignNames", func(t *testing.T) {
			c := f.clone(t)
			adaFirst := rawList(t, c.sh, "members/"+c.ada.id+"/events/")[0]
			// Names the backend can list, and names it never lists
			// (they start with a dot or hold a '~').
			listed := []string{
				"roster/000000000002.sync-conflict-20261205-090000-ABCDEFG",
				"roster/desktop.ini",
				"join/desktop.ini",
				"members/" + c.ada.id + "/desktop.ini",
				adaFirst + ".sync-conflict-20261205-090000-ABCDEFG",
				"members/" + c.bob.id + "/blobs/desktop.ini",
			}
			hidden := []string{
				"roster/.DS_Store",
				"roster/000000000003~",
				"join/.DS_Store",
				"members/" + c.ada.id + "/events/.DS_Store",
				"members/" + c.bob.id + "/events/000000000001~",
			}
			rawPut(t, c.sh, listed[0], rawGet(t, c.sh, "roster/000000000002"))
			rawPut(t, c.sh, listed[4], rawGet(t, c.sh, adaFirst))
			for _, k := range append(slices.Clone(listed[1:4]), append(listed[5:], hidden...)...) {
				rawPut(t, c.sh, k, []byte("[.ShellClassInfo]\n"))
			}

			news := c.bob.addLog("Bob's news beside the copies")
			// A day later for Ada: her next sync lists the members' folders
			// whole, as the first sync of each day does.
			setSetting(t, c.ada, teamsync.SettingMembersListed, time.Now().Add(-25*time.Hour).UTC().Format(time.RFC3339))
			for _, v := range []*member{c.bob, c.ada, c.cyd, c.dan} {
				v.sync()
			}
			checkReceived(t, c.ada, c.bob, news)
			c.ada.ok("team", "requests")
			eve := newMember(t, "Eve", c.sh.env())
			join(t, c.sh, c.dan, eve)
			checkReceived(t, eve, c.bob, news)

			eve.ok("team", "requests") // what lists join/
			// Every sync shows what the share holds that is not ours, the
			// names of the members' folders too (as the last whole listing
			// found them), though it lists them whole once a day only.
			for _, v := range []*member{c.ada, eve} {
				var s struct{ Ignored []string }
				v.decode(&s, "sync", "--json")
				for _, k := range listed {
					if n := countOf(s.Ignored, k); n != 1 {
						t.Errorf("%s's sync lists %s %d times in Ignored; want once: %q", v.name, k, n, s.Ignored)
					}
				}
			}
			for _, v := range []*member{c.ada, eve} {
				var st struct{ Ignored []string }
				v.decode(&st, "team", "status", "--json")
				for _, k := range listed {
					if n := countOf(st.Ignored, k); n != 1 {
						t.Errorf("%s's team status lists %s %d times in Ignored; want once: %q", v.name, k, n, st.Ignored)
					}
				}
				for _, k := range hidden {
					if n := countOf(st.Ignored, k); n > 1 {
						t.Errorf("%s's team status lists %s %d times in Ignored", v.name, k, n)
					}
				}
				out, errOut, _ := v.run("doctor")
				for _, k := range listed {
					if !strings.Contains(out+errOut, k) {
						t.Errorf("%s's doctor does not list %s:\n%s%s", v.name, k, out, errOut)
					}
				}
			}
		})

		// 6. Sizes the author controls. Each forged recording is refused,
		// its file never written, and the budget stays in force.
		t.Run("SizeDeclaredSmall", func(t *testing.T) {
			c := f.clone(t)
			setBudgetMB(t, c.ada, 1)
			atk := newAttacker(t, c.sh, c.cyd)
			m := atk.upload(randomBytes(2 << 20))
			l := forgedRecording("Cyd's 2 MiB declared as 1 byte", m, 1)
			atk.publish(logEvent(share.KindLogPublished, l))

			syncAttacked(t, c.ada, "Cyd", "size")
			noMedia(t, c.ada, c.cyd, l.UID, 1<<20)
		})

		t.Run("SizeRepeatedChunks", func(t *testing.T) {
			c := f.clone(t)
			news := c.bob.addLog("Bob's news")
			c.bob.sync()
			setBudgetMB(t, c.ada, 10)
			atk := newAttacker(t, c.sh, c.cyd)
			chunk := randomBytes(share.ChunkSize)
			m := atk.upload(chunk)
			// One chunk listed eight times: 32 MiB from one 4 MiB object,
			// declared as one byte to pass the budget.
			h := sha256.New()
			for range 8 {
				h.Write(chunk)
			}
			m.Chunks = slices.Repeat(m.Chunks, 8)
			m.Size, m.SHA256 = 8*share.ChunkSize, hex.EncodeToString(h.Sum(nil))
			l := forgedRecording("Cyd's one chunk eight times", m, 1)
			atk.publish(logEvent(share.KindLogPublished, l))

			syncAttacked(t, c.ada, "Cyd", "size")
			noMedia(t, c.ada, c.cyd, l.UID, 10<<20)
			checkReceived(t, c.ada, c.bob, news)
		})

		t.Run("SizeNegative", func(t *testing.T) {
			c := f.clone(t)
			setBudgetMB(t, c.ada, 1)
			atk := newAttacker(t, c.sh, c.cyd)
			big := forgedRecording("Cyd's 2 MiB recording", atk.upload(randomBytes(2<<20)), 2<<20)
			big.CreatedAt = big.CreatedAt.Add(-time.Hour)
			atk.publish(logEvent(share.KindLogPublished, big))
			// Newer, so counted first: with a negative size the budget
			// would make room for everything after it.
			neg := forgedRecording("Cyd's negative size", atk.upload(randomBytes(1<<10)), -1<<40)
			atk.publish(logEvent(share.KindLogPublished, neg))

			syncAttacked(t, c.ada, "Cyd", "size")
			noMedia(t, c.ada, c.cyd, neg.UID, 1<<20)
			noMedia(t, c.ada, c.cyd, big.UID, 1<<20)
		})

		t.Run("SizeChunk64MiB", func(t *testing.T) {
			c := f.clone(t)
			atk := newAttacker(t, c.sh, c.cyd)
			m := atk.upload(randomBytes(1 << 20))
			m.ChunkSize = 64 << 20
			l := forgedRecording("Cyd's 64 MiB chunk size", m, m.Size)
			atk.publish(logEvent(share.KindLogPublished, l))

			syncAttacked(t, c.ada, "Cyd", "size")
			noMedia(t, c.ada, c.cyd, l.UID, 64<<20)
		})
	})
}

func countOf(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

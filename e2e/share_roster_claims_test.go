//go:build e2e

package e2e

import (
	"crypto/sha256"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"peerplaypay/internal/share"
)

// report is one problem a sync must show: it starts with who (the author
// named) and holds every word.
type report struct {
	who   string
	words []string
}

func (r report) matches(p string) bool {
	if !strings.HasPrefix(p, r.who) {
		return false
	}
	for _, w := range r.words {
		if !strings.Contains(p, w) {
			return false
		}
	}
	return true
}

// syncReports runs m's sync and checks that it exits 1 with each report
// among its problems, on stderr and in `team status`, and that none is a
// fork: a false claim is the author's, and stops nobody else.
func syncReports(t *testing.T, m *member, wants ...report) syncSummary {
	t.Helper()
	out, errOut, code := m.run("sync", "--json")
	var s syncSummary
	_ = json.Unmarshal([]byte(out), &s)
	st := m.status()
	for _, w := range wants {
		if code != 1 || !slices.ContainsFunc(s.Problems, w.matches) || !strings.Contains(errOut, "problem: "+w.who) {
			t.Errorf("%s's sync: exit %d, problems %q; want exit 1 and a problem starting with %q holding %q\n%s", m.name, code, s.Problems, w.who, w.words, errOut)
		}
		if !slices.ContainsFunc(st.Problems, w.matches) {
			t.Errorf("%s's team status: problems %q; want one starting with %q holding %q", m.name, st.Problems, w.who, w.words)
		}
	}
	for _, p := range append(s.Problems, st.Problems...) {
		if strings.Contains(p, "fork") {
			t.Errorf("%s reports a fork for a false claim: %q", m.name, p)
		}
	}
	return s
}

// rosterUnchanged checks that m's team list is still the crew's four,
// all active, with who removed if given.
func rosterUnchanged(t *testing.T, m *member, removed *member) {
	t.Helper()
	st := m.status()
	if st.State != "member" || len(st.Members) != 4 {
		t.Errorf("%s after the attack: state %q, %d members; want member, 4", m.name, st.State, len(st.Members))
	}
	for _, mv := range st.Members {
		if want := removed != nil && mv.ID == removed.id; mv.Removed != want {
			t.Errorf("%s shows %s (%s) removed=%v; want %v", m.name, mv.Name, mv.ID, mv.Removed, want)
		}
	}
}

func rosterClaim(c share.RosterChanged) share.Event {
	return logEvent(share.KindRosterChanged, c)
}

// TestShareRosterClaims plays what a modified client can say about the
// team list in a batch, on a folder share and on a bucket, through the
// production binary: a roster.changed event naming a version that does
// not exist, far ahead, with a wrong hash, one that another member
// signed, a removal that never happened; a batch header naming the head
// with a signer of its own, or a version far ahead; and a removed
// member's batch written after her removal. Every reader checks the claim
// against the roster it verified: the author is named, nothing of the
// batch is applied, the team list stays as verified, and the others' news
// still arrives, except where the claim cannot be told from a fork (a
// version far ahead in the header), which stops the members' sending
// until the team settles it.
func TestShareRosterClaims(t *testing.T) {
	t.Parallel()
	shareKinds(t, func(t *testing.T, sh *teamShare) {
		f := newCrewFixture(t, sh)

		// Cyd announces version 99, which does not exist; Dan announces
		// version 4 with a hash of his own.
		t.Run("NoSuchVersionWrongHash", func(t *testing.T) {
			c := f.clone(t)
			wrong := share.Hash(sha256.Sum256([]byte("no roster version")))
			newAttacker(t, c.sh, c.cyd).publish(logEvent(share.KindLogPublished, textLog("Cyd's decoy")), rosterClaim(share.RosterChanged{Version: 99}))
			newAttacker(t, c.sh, c.dan).publish(logEvent(share.KindLogPublished, textLog("Dan's decoy")), rosterClaim(share.RosterChanged{Version: 4, Hash: &wrong}))
			news := c.ada.addLog("Ada's news")

			cyd := report{"Cyd", []string{"roster version 99", "names version 4"}}
			dan := report{"Dan", []string{"roster version 4", "another hash"}}
			syncReports(t, c.ada, cyd, dan)
			syncReports(t, c.bob, cyd, dan)
			syncReports(t, c.cyd, dan)
			syncReports(t, c.dan, cyd)
			for _, v := range []*member{c.ada, c.bob, c.cyd, c.dan} {
				hasNot(t, v, "Cyd's decoy")
				hasNot(t, v, "Dan's decoy")
				rosterUnchanged(t, v, nil)
			}
			for _, v := range []*member{c.bob, c.cyd, c.dan} {
				checkReceived(t, v, c.ada, news)
			}
		})

		// Dan announces version 4 as his change (Cyd signed it, approving
		// him); Cyd announces that version 4 removed Bob (it added Dan).
		t.Run("OthersChangeRemovalNeverMade", func(t *testing.T) {
			c := f.clone(t)
			four := rosterHead(t, c.sh, 4)
			bob, err := share.ParseMemberID(c.bob.id)
			if err != nil {
				t.Fatal(err)
			}
			newAttacker(t, c.sh, c.dan).publish(logEvent(share.KindLogPublished, textLog("Dan's decoy")), rosterClaim(share.RosterChanged{Version: 4, Hash: &four.Hash}))
			newAttacker(t, c.sh, c.cyd).publish(logEvent(share.KindLogPublished, textLog("Cyd's decoy")),
				rosterClaim(share.RosterChanged{Version: 4, Hash: &four.Hash, Op: share.ChangeRemove, Member: &bob}))
			news := c.bob.addLog("Bob's news")

			dan := report{"Dan", []string{"roster version 4", "signed by Cyd"}}
			cyd := report{"Cyd", []string{"roster version 4 removed Bob", "added Dan"}}
			syncReports(t, c.bob, dan, cyd)
			syncReports(t, c.ada, dan, cyd)
			for _, v := range []*member{c.ada, c.bob} {
				hasNot(t, v, "Cyd's decoy")
				hasNot(t, v, "Dan's decoy")
				rosterUnchanged(t, v, nil)
			}
			stillMember(t, c.bob, c.ada, c.cyd, c.dan)
			checkReceived(t, c.ada, c.bob, news)
		})

		// Cyd's batch names the real head, with its hash, as signed by
		// Dan: a lie about who changed the team that a fork message would
		// repeat.
		t.Run("HeadSignerForged", func(t *testing.T) {
			c := f.clone(t)
			head := rosterHead(t, c.sh, 4)
			dan, err := share.ParseMemberID(c.dan.id)
			if err != nil {
				t.Fatal(err)
			}
			head.Signer = dan
			newAttacker(t, c.sh, c.cyd).publishHead(head, logEvent(share.KindLogPublished, textLog("Cyd's decoy")))
			news := c.ada.addLog("Ada's news")

			forged := report{"Cyd", []string{"roster version 4 was signed by Dan", "signed by Cyd"}}
			for _, v := range []*member{c.ada, c.bob, c.dan} {
				syncReports(t, v, forged)
				hasNot(t, v, "Cyd's decoy")
				rosterUnchanged(t, v, nil)
			}
			for _, v := range []*member{c.bob, c.dan} {
				checkReceived(t, v, c.ada, news)
			}
		})

		// Cyd's batch names version 99, "signed by Ada", which nobody can
		// verify: no reader can tell it from a version deleted before it
		// saw it, so each reports a fork naming Cyd and sends nothing until
		// the team settles it (PROTOCOL.md, section 8.3).
		t.Run("HeadFarAhead", func(t *testing.T) {
			c := f.clone(t)
			ada, err := share.ParseMemberID(c.ada.id)
			if err != nil {
				t.Fatal(err)
			}
			head := share.Head{Version: 99, Hash: sha256.Sum256([]byte("no roster version")), Signer: ada}
			newAttacker(t, c.sh, c.cyd).publishHead(head, logEvent(share.KindLogPublished, textLog("Cyd's decoy")), rosterClaim(share.RosterChanged{Version: 99}))
			before := rawList(t, c.sh, "roster/")
			for _, v := range []*member{c.ada, c.bob, c.dan} {
				v.addLog(v.name + " during the claimed fork")
				forkReported(t, v, 99, "Cyd", "Ada as it says")
				hasNot(t, v, "Cyd's decoy")
				rosterUnchanged(t, v, nil)
			}
			if after := rawList(t, c.sh, "roster/"); !slices.Equal(before, after) {
				t.Errorf("the roster folder changed: %q -> %q", before, after)
			}
		})

		// Ada removes Cyd; once everyone knows, Cyd writes a batch naming
		// the very version that removed her, announcing that she removed
		// Ada.
		t.Run("RemovedAfterRemoval", func(t *testing.T) {
			c := f.clone(t)
			c.ada.ok("team", "remove", c.cyd.id)
			for _, v := range []*member{c.bob, c.dan, c.cyd} {
				v.run("sync", "--json")
			}
			five := rosterHead(t, c.sh, 5)
			ada, err := share.ParseMemberID(c.ada.id)
			if err != nil {
				t.Fatal(err)
			}
			atk := newAttacker(t, c.sh, c.cyd)
			atk.publishHead(five, logEvent(share.KindLogPublished, textLog("Cyd's decoy")),
				rosterClaim(share.RosterChanged{Version: 5, Hash: &five.Hash, Op: share.ChangeRemove, Member: &ada}))
			news := c.bob.addLog("Bob after Cyd left")

			after := report{"Cyd", []string{"after their removal", "roster version 5", "Ada removed them"}}
			syncReports(t, c.bob, after)
			syncReports(t, c.ada, after)
			syncReports(t, c.dan, after)
			for _, v := range []*member{c.ada, c.bob, c.dan} {
				hasNot(t, v, "Cyd's decoy")
				rosterUnchanged(t, v, c.cyd)
			}
			stillMember(t, c.ada, c.bob, c.dan)
			checkReceived(t, c.ada, c.bob, news)
			checkReceived(t, c.dan, c.bob, news)
			removedReadsNothing(t, atk, map[*member][]string{c.bob: {"Bob after Cyd left"}})
		})
	})
}

//go:build e2e

package e2e

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// rosterFile is the path of roster version v in a folder share.
func rosterFile(sh *teamShare, v int) string {
	return filepath.Join(sh.dir, "roster", fmt.Sprintf("%012d", v))
}

func rosterCount(t *testing.T, sh *teamShare) int {
	t.Helper()
	es, err := os.ReadDir(filepath.Join(sh.dir, "roster"))
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

// forkReported checks that m's sync exits 1 reporting the fork at roster
// version v, naming the signers, and that team status lists it too.
func forkReported(t *testing.T, m *member, v int, signers ...string) {
	t.Helper()
	s, errOut := m.syncProblems()
	want := func(p string) bool {
		ok := strings.Contains(p, "fork") && strings.Contains(p, fmt.Sprintf("roster version %d", v))
		for _, who := range signers {
			ok = ok && strings.Contains(p, who)
		}
		return ok
	}
	if !slices.ContainsFunc(s.Problems, want) || !strings.Contains(errOut, "fork") {
		t.Fatalf("%s's sync: problems %q; want the fork at roster version %d naming %v\n%s", m.name, s.Problems, v, signers, errOut)
	}
	if s.SentEvents != 0 || s.Published != 0 {
		t.Fatalf("%s sent %d events and %d logs during a fork", m.name, s.SentEvents, s.Published)
	}
	if st := m.status(); !slices.ContainsFunc(st.Problems, want) {
		t.Fatalf("%s's team status: problems %q; want the fork", m.name, st.Problems)
	}
}

// removalDeleted makes Ada, Cyd and Mal a team on a folder share, all
// synced; Ada removes Mal (roster version v), and the file of version v is
// then deleted from the share, as Mal or the host can.
func removalDeleted(t *testing.T) (ada, cyd, mal *member, v int) {
	t.Helper()
	sh := newFolderShare(t)
	team := newTeam(t, sh, "Ada", "Cyd", "Mal")
	for _, m := range team {
		m.sync()
	}
	ada, cyd, mal = team[0], team[1], team[2]
	v = rosterCount(t, sh) + 1
	ada.ok("team", "remove", mal.id)
	if err := os.Remove(rosterFile(sh, v)); err != nil {
		t.Fatal(err)
	}
	return ada, cyd, mal, v
}

func readsDone(m *member, done string) bool {
	return slices.ContainsFunc(m.peerLogs(), func(l peerLog) bool { return l.Table.Done == done })
}

// TestShareForkAttack plays attack 2 through real processes on a folder
// share: Ada removes Mal; Mal, who had not synced since, deletes the
// version that removes her and runs an unmodified `team remove` of Ada.
// Ada and Cyd (who had not synced either) report the fork naming both
// signers and send nothing; Mal reads nothing written after her removal;
// Ada stays a member.
func TestShareForkAttack(t *testing.T) {
	t.Parallel()
	ada, cyd, mal, v := removalDeleted(t)
	mal.ok("team", "remove", ada.id)

	ada.addLog("Ada after removing Mal")
	cyd.addLog("Cyd after Mal's removal")
	forkReported(t, ada, v, "Ada", "Mal")
	forkReported(t, cyd, v, "Ada", "Mal")

	mal.run("sync", "--json")
	if readsDone(mal, "Ada after removing Mal") || readsDone(mal, "Cyd after Mal's removal") {
		t.Fatal("Mal read a log written after her removal")
	}
	if st := ada.status(); st.State != "member" {
		t.Fatalf("Ada is %s after the attack", st.State)
	}
}

// TestShareForkDeletedVersion: the host (or Mal) only deletes the version
// that removes Mal before Cyd's sync. Cyd reports the fork from Ada's batch
// instead of writing to the epoch Mal reads; Ada's sync reports it and puts
// the version back; Cyd's next sync sends in the new epoch, which Mal
// cannot read.
func TestShareForkDeletedVersion(t *testing.T) {
	t.Parallel()
	ada, cyd, mal, v := removalDeleted(t)
	cyd.addLog("Cyd after Mal's removal")
	forkReported(t, cyd, v, "Ada")
	forkReported(t, ada, v, "Ada", "put its copy back")
	if s := cyd.sync(); s.Published != 1 {
		t.Fatalf("Cyd's sync once the version is back: %+v", s)
	}
	ada.sync()
	if !readsDone(ada, "Cyd after Mal's removal") {
		t.Fatal("Ada did not receive Cyd's log")
	}
	mal.run("sync", "--json")
	if readsDone(mal, "Cyd after Mal's removal") {
		t.Fatal("Mal read a log written after her removal")
	}
}

// TestShareFakeTeamAttack plays attack 3: someone who is not a member
// sets up a team named like the real one, with a member called Ada, at the
// location given to the newcomer. The newcomer's invitation names the real
// team: the join exits 1 saying so and writes nothing there. Without an
// invitation, the join is a usage error that says where to get one.
func TestShareFakeTeamAttack(t *testing.T) {
	t.Parallel()
	real := newFolderShare(t)
	ada := newTeam(t, real, "Ada")[0]
	inv := ada.invitation()
	if inv.Location != real.loc || !strings.Contains(inv.Command, "--invite "+inv.Invite) {
		t.Fatalf("invitation %+v", inv)
	}
	if out := ada.ok("team", "invite"); !strings.Contains(out, inv.Command) {
		t.Fatalf("team invite printed %q; want the line %q", out, inv.Command)
	}

	fake := newFolderShare(t)
	eve := newMember(t, "Ada", nil)
	eve.ok("team", "create", fake.loc, "--name", "Crew")
	before := fake.objects(t, "")
	bob := newMember(t, "Bob", nil)
	out, errOut, code := bob.run("team", "join", fake.loc, "--invite", inv.Invite)
	if code != 1 || !strings.Contains(errOut, "invitation") {
		t.Fatalf("join of the fake team: exit %d\n%s%s", code, out, errOut)
	}
	if after := fake.objects(t, ""); !maps.Equal(before, after) {
		t.Fatalf("the join wrote to the fake share: %v -> %v", before, after)
	}
	if st := bob.status(); st.State != "none" {
		t.Fatalf("Bob is %s after refusing the fake team", st.State)
	}

	_, errOut, code = bob.run("team", "join", real.loc)
	if code != 2 || !strings.Contains(errOut, "peerplaypay team invite") {
		t.Fatalf("join without an invitation: exit %d\n%s", code, errOut)
	}

	// The whole printed line works as the invitation, too.
	bob.ok("team", "join", real.loc, "--invite", inv.Command)
	if st := bob.status(); st.State != "pending" {
		t.Fatalf("Bob after joining the real team: %+v", st)
	}
}

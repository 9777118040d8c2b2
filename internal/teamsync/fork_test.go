package teamsync_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// forkTeam is Ada, Cy and Mal on a folder share; Ada is about to remove Mal.
type forkTeam struct {
	loc           string
	ada, cy, mal  *member
	adaID, malID  string
	removalNumber int // the roster version of Mal's removal
}

func newForkTeam(t *testing.T) *forkTeam {
	t.Helper()
	ctx := context.Background()
	f := &forkTeam{loc: filepath.Join(t.TempDir(), "share"), ada: newMember(t, "Ada"), cy: newMember(t, "Cy"), mal: newMember(t, "Mal")}
	st, err := f.ada.svc.Create(ctx, f.loc, "Engines")
	if err != nil {
		t.Fatal(err)
	}
	f.adaID = st.MemberID
	join(t, f.ada, f.cy, f.loc)
	join(t, f.ada, f.mal, f.loc)
	for _, m := range []*member{f.ada, f.cy, f.mal} {
		mustSync(t, m)
	}
	st, _ = f.mal.svc.Status(ctx)
	f.malID = st.MemberID
	f.removalNumber = f.rosterVersions(t) + 1
	if err := f.ada.svc.Remove(ctx, f.malID); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *forkTeam) rosterPath(v int) string {
	return filepath.Join(f.loc, "roster", strings.Repeat("0", 12-len(strconv.Itoa(v)))+strconv.Itoa(v))
}

func (f *forkTeam) rosterVersions(t *testing.T) int {
	es, err := os.ReadDir(filepath.Join(f.loc, "roster"))
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

func mustSync(t *testing.T, m *member) teamsync.Summary {
	t.Helper()
	sum, err := m.svc.Sync(context.Background(), nil)
	if err != nil || len(sum.Problems) > 0 {
		t.Fatalf("sync: %+v, %v", sum, err)
	}
	return sum
}

// forkReported checks that m's sync and status report the fork at version
// v naming both signers, and that m sent nothing.
func forkReported(t *testing.T, m *member, v int, signers ...string) teamsync.Summary {
	t.Helper()
	ctx := context.Background()
	sum, err := m.svc.Sync(ctx, nil)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	has := func(ps []string) bool {
		return slices.ContainsFunc(ps, func(p string) bool {
			ok := strings.Contains(p, "fork") && strings.Contains(p, "roster version "+strconv.Itoa(v))
			for _, s := range signers {
				ok = ok && strings.Contains(p, s)
			}
			return ok
		})
	}
	if !has(sum.Problems) {
		t.Fatalf("sync problems %q; want the fork at roster version %d naming %v", sum.Problems, v, signers)
	}
	if sum.SentEvents != 0 || sum.Published != 0 {
		t.Fatalf("sent %d events, %d logs during a fork", sum.SentEvents, sum.Published)
	}
	if st, err := m.svc.Status(ctx); err != nil || !has(st.Problems) {
		t.Fatalf("status problems %q, %v", st.Problems, err)
	}
	return sum
}

func addLog(t *testing.T, m *member, done string) {
	t.Helper()
	if err := m.logs.CreateLog(context.Background(), &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: done}}); err != nil {
		t.Fatal(err)
	}
}

func readsLog(t *testing.T, m *member, done string) bool {
	t.Helper()
	logs, err := m.svc.PeerLogs(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(logs, func(l *peerplaypay.PeerLog) bool { return l.Table.Done == done })
}

// TestRosterForkReplaced: Mal, removed by Ada, had not synced since; she
// deletes the version that removes her and writes her own, which removes
// Ada. Ada (who wrote the real one) and Cy (who had not synced either)
// both report the fork and send nothing; Mal reads nothing new; Ada stays
// a member.
func TestRosterForkReplaced(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newForkTeam(t)
	v := f.removalNumber
	if err := os.Remove(f.rosterPath(v)); err != nil {
		t.Fatal(err)
	}
	if err := f.mal.svc.Remove(ctx, f.adaID); err != nil {
		t.Fatalf("Mal's own removal of Ada: %v", err)
	}
	addLog(t, f.ada, "Ada after removing Mal")
	addLog(t, f.cy, "Cy after Mal's removal")

	forkReported(t, f.ada, v, "Ada", "Mal")
	forkReported(t, f.cy, v, "Ada", "Mal")
	forkReported(t, f.cy, v, "Ada", "Mal") // and again, until it is settled

	f.mal.svc.Sync(ctx, nil)
	if readsLog(t, f.mal, "Ada after removing Mal") || readsLog(t, f.mal, "Cy after Mal's removal") {
		t.Fatal("Mal read a log written after her removal")
	}
	if st, _ := f.ada.svc.Status(ctx); st.State != string(peerplaypay.TeamMember) {
		t.Fatalf("Ada is %s", st.State)
	}
	// The pins survive the fork: Ada's laptop keeps the version she signed.
	c, err := sqlite.NewShareStore(f.ada.db).TeamConfig(ctx)
	if err != nil || len(c.Roster) != v {
		t.Fatalf("Ada's pinned roster: %d versions, %v", len(c.Roster), err)
	}
}

// TestRosterForkDeleted: the version that removes Mal is deleted before Cy
// saw it. Cy reports the fork from Ada's batch that names it, instead of
// writing to the epoch Mal still reads; Ada reports it and puts her copy
// back; then Cy's next sync goes on in the new epoch, which Mal cannot read.
func TestRosterForkDeleted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newForkTeam(t)
	v := f.removalNumber
	if err := os.Remove(f.rosterPath(v)); err != nil {
		t.Fatal(err)
	}
	addLog(t, f.cy, "Cy after Mal's removal")

	forkReported(t, f.cy, v, "Ada")
	forkReported(t, f.ada, v, "Ada", "put its copy back")
	if _, err := os.Stat(f.rosterPath(v)); err != nil {
		t.Fatalf("Ada's copy was not put back: %v", err)
	}

	if sum := mustSync(t, f.cy); sum.Published != 1 {
		t.Fatalf("Cy after the version came back: %+v", sum)
	}
	if sum := mustSync(t, f.ada); sum.Received == 0 || !readsLog(t, f.ada, "Cy after Mal's removal") {
		t.Fatalf("Ada did not receive Cy's log: %+v", sum)
	}
	f.mal.svc.Sync(ctx, nil)
	if readsLog(t, f.mal, "Cy after Mal's removal") {
		t.Fatal("Mal read a log written after her removal")
	}
}

// TestRestoreRefusesOldRoster: the roster folder is put back to a copy from
// before Ada removed Mal; Ada restores on a new laptop. Her last batch
// names the removal, which that roster lacks: the join is refused and
// nothing is sent to the old epoch.
func TestRestoreRefusesOldRoster(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newForkTeam(t)
	if err := os.Remove(f.rosterPath(f.removalNumber)); err != nil {
		t.Fatal(err)
	}
	key, err := f.ada.svc.RecoveryKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	inv := invitation(t, f.ada)
	laptop := newMember(t, "Ada")
	if _, err := laptop.svc.ImportKey(ctx, key.File); err != nil {
		t.Fatal(err)
	}
	_, err = laptop.svc.Join(ctx, f.loc, inv)
	if err == nil || !strings.Contains(peerplaypay.ErrorMessage(err), "fork at roster version "+strconv.Itoa(f.removalNumber)) {
		t.Fatalf("join on the old roster: %v", err)
	}
	if st, _ := laptop.svc.Status(ctx); st.State != "none" {
		t.Fatalf("the new laptop is %s", st.State)
	}
}

// TestJoinRefusesFakeTeam: someone sets up a team at the location given to
// the newcomer, with the real team's ID and names. The invitation names
// the real genesis: the newcomer refuses and writes nothing there.
func TestJoinRefusesFakeTeam(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ada := newMember(t, "Ada")
	real := filepath.Join(t.TempDir(), "real")
	if _, err := ada.svc.Create(ctx, real, "Engines"); err != nil {
		t.Fatal(err)
	}
	inv := invitation(t, ada)

	// The fake: the real roster's first version replaced by one of the
	// attacker's, made with the same team ID (here, a second team whose
	// genesis is copied over the real one's, the simplest fake to build).
	fake := filepath.Join(t.TempDir(), "fake")
	eve := newMember(t, "Ada")
	if _, err := eve.svc.Create(ctx, fake, "Engines"); err != nil {
		t.Fatal(err)
	}
	bob := newMember(t, "Bob")
	before := listAll(t, fake)
	_, err := bob.svc.Join(ctx, fake, inv)
	if err == nil || !strings.Contains(peerplaypay.ErrorMessage(err), "invitation") {
		t.Fatalf("join of another team = %v", err)
	}
	if after := listAll(t, fake); !slices.Equal(before, after) {
		t.Fatalf("the join wrote to the fake share: %q", after)
	}
	t.Run("ErrNoInvitation", func(t *testing.T) {
		_, err := bob.svc.Join(ctx, real, "")
		if peerplaypay.ErrorCode(err) != peerplaypay.EINVALID || !strings.Contains(peerplaypay.ErrorMessage(err), "team invite") {
			t.Fatalf("join without invitation = %v", err)
		}
	})
	t.Run("WholeLine", func(t *testing.T) {
		line, _ := ada.svc.Invite(ctx)
		st, err := bob.svc.Join(ctx, "", line.Command)
		if err != nil || st.State != string(peerplaypay.TeamPending) || st.Location != real {
			t.Fatalf("join with the printed line: %+v, %v", st, err)
		}
	})
}

func listAll(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

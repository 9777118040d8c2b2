package teamsync_test

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

func goalsOf(m *member) *sqlite.GoalService {
	// No RememberMe: the sync records the member's ID for the appliers.
	return sqlite.NewGoalService(m.db, func(ctx context.Context) sqlite.People {
		me, name, names := m.svc.People(ctx)
		return sqlite.People{Me: me, MyName: name, Names: names}
	})
}

func sync(t *testing.T, ms ...*member) {
	t.Helper()
	for _, m := range ms {
		sum, err := m.svc.Sync(context.Background(), nil)
		if err != nil || len(sum.Problems) > 0 {
			t.Fatalf("sync: %+v, %v", sum, err)
		}
	}
}

func findGoal(t *testing.T, s *sqlite.GoalService, title string) *peerplaypay.Goal {
	t.Helper()
	gs, err := s.Goals(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if g.Title == title {
			return g
		}
	}
	t.Fatalf("no goal %q among %d", title, len(gs))
	return nil
}

// rows counts the rows of a query on m's database file, read beside the
// service as any other process would.
func rows(t *testing.T, m *member, query string, args ...any) int {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(m.dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// shareFiles lists the files of the share and whether any holds needle.
func shareFiles(t *testing.T, root, needle string) (files []string, found bool) {
	t.Helper()
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files = append(files, filepath.ToSlash(rel))
		b, _ := os.ReadFile(p)
		found = found || strings.Contains(string(b), needle)
		return nil
	})
	return files, found
}

// TestGoalsThroughTheShare: Ada's team goal, Bob's personal goal aligned
// to it, his check-ins and Ada's help offer reach both laptops; Bob's
// private goal never leaves his.
func TestGoalsThroughTheShare(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	loc := filepath.Join(t.TempDir(), "share")
	ada, bob := newMember(t, "Ada"), newMember(t, "Bob")
	if _, err := ada.svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bob, loc)
	adaGoals, bobGoals := goalsOf(ada), goalsOf(bob)
	adaID, _, _ := ada.svc.People(ctx)
	bobID, _, _ := bob.svc.People(ctx)

	team, err := adaGoals.CreateGoal(ctx, peerplaypay.GoalInput{Title: "Checkout under 1 s", Kind: peerplaypay.GoalResult,
		Level: peerplaypay.LevelTeam, Measure: peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Unit: "s", Start: 3, Target: 1, Current: 3}})
	if err != nil {
		t.Fatal(err)
	}
	sync(t, ada, bob)

	seen := findGoal(t, bobGoals, "Checkout under 1 s")
	if seen.Mine || seen.Owner != adaID || seen.OwnerName != "Ada" || seen.Level != peerplaypay.LevelTeam {
		t.Fatalf("Bob sees Ada's goal as %+v", seen)
	}
	mine, err := bobGoals.CreateGoal(ctx, peerplaypay.GoalInput{Title: "Cache the catalogue", Kind: peerplaypay.GoalAction,
		ParentUID: seen.UID, NeedHelp: "someone who knows the CDN",
		Measure: peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Unit: "hit rate %", Start: 0, Target: 90}})
	if err != nil {
		t.Fatal(err)
	}
	standup := &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "profiled checkout"}}
	if err := bob.logs.CreateLog(ctx, standup); err != nil {
		t.Fatal(err)
	}
	if _, err := bobGoals.SetLogGoals(ctx, standup.ID, []int64{seen.ID}); err != nil {
		t.Fatal(err)
	}
	for _, v := range []float64{40, 70} {
		if _, err := bobGoals.CheckIn(ctx, mine.ID, peerplaypay.CheckinInput{Value: &v, Confidence: 4, Note: "warming up"}); err != nil {
			t.Fatal(err)
		}
	}
	sync(t, bob, ada)

	bobsAtAda := findGoal(t, adaGoals, "Cache the catalogue")
	if bobsAtAda.Mine || bobsAtAda.Owner != bobID || bobsAtAda.OwnerName != "Bob" || bobsAtAda.ParentUID != team.UID ||
		bobsAtAda.Checkins != 2 || bobsAtAda.Measure.Current != 70 {
		t.Fatalf("Ada sees Bob's goal as %+v", bobsAtAda)
	}
	d, err := adaGoals.Goal(ctx, team.ID)
	if err != nil || len(d.Children) != 1 || d.Children[0].UID != mine.UID {
		t.Fatalf("Ada's goal's children: %+v, %v", d, err)
	}
	if len(d.Logs) != 1 || d.Logs[0].PeerLogID == 0 || d.Logs[0].AuthorName != "Bob" || d.Logs[0].Done != "profiled checkout" {
		t.Errorf("Ada's goal's logs: %+v", d.Logs)
	}

	offer, err := adaGoals.OfferHelp(ctx, bobsAtAda.ID, "I set up the CDN last year; let's pair")
	if err != nil {
		t.Fatal(err)
	}
	sync(t, ada, bob)
	reqs, err := bobGoals.HelpRequests(ctx)
	if err != nil || len(reqs) != 1 || len(reqs[0].Offers) != 1 || reqs[0].Offers[0].AuthorName != "Ada" || reqs[0].Offers[0].UID != offer.UID {
		t.Fatalf("Bob's help requests: %+v, %v", reqs, err)
	}
	if _, err := bobGoals.AcceptHelp(ctx, reqs[0].Offers[0].ID); err != nil {
		t.Fatal(err)
	}
	sync(t, bob, ada)

	for who, s := range map[string]*sqlite.GoalService{"Ada": adaGoals, "Bob": bobGoals} {
		g := findGoal(t, s, "Cache the catalogue")
		d, err := s.Goal(ctx, g.ID)
		if err != nil || len(d.Checkins) != 2 || d.Checkins[1].Value != 70 || d.Checkins[0].AuthorName != "Bob" ||
			len(d.Offers) != 1 || !d.Offers[0].Accepted || d.Offers[0].AuthorName != "Ada" || d.Parent == nil || d.Parent.UID != team.UID {
			t.Errorf("%s sees %+v (checkins %d, offers %d), %v", who, d.Goal, len(d.Checkins), len(d.Offers), err)
		}
		if g.OpenHelpOffers != 0 {
			t.Errorf("%s: the accepted offer still counts as open", who)
		}
	}

	// A check-in conversation: only Ada and Bob read it.
	agenda, err := bobGoals.Agenda(ctx, adaID)
	if err != nil || len(agenda) == 0 {
		t.Fatalf("agenda: %q, %v", agenda, err)
	}
	note, err := bobGoals.SaveConversation(ctx, peerplaypay.ConversationNote{With: adaID, MyRole: "coachee", Agenda: agenda, Notes: "pair on the CDN config", ShareMine: true})
	if err != nil {
		t.Fatal(err)
	}
	sync(t, bob, ada)
	notes, err := adaGoals.Conversations(ctx)
	if err != nil || len(notes) != 1 || notes[0].UID != note.UID || notes[0].With != bobID || notes[0].WithName != "Bob" ||
		notes[0].MyRole != "coach" || notes[0].Notes != "pair on the CDN config" || !notes[0].ShareTheirs || notes[0].ShareMine {
		t.Fatalf("Ada's conversations: %+v, %v", notes, err)
	}

	// A private goal of Bob's: checked in, its status changed, synced.
	batchesBefore, _ := shareFiles(t, loc, "")
	private, err := bobGoals.CreateGoal(ctx, peerplaypay.GoalInput{Title: "Ask for a raise", Kind: peerplaypay.GoalAction,
		Visibility: peerplaypay.VisibilityPrivate, Measure: peerplaypay.Measure{Type: peerplaypay.MeasureMilestones,
			Milestones: []peerplaypay.Milestone{{Title: "gather figures"}, {Title: "book the talk"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bobGoals.CheckIn(ctx, private.ID, peerplaypay.CheckinInput{MilestonesDone: []string{private.Measure.Milestones[0].ID}, Note: "figures ready"}); err != nil {
		t.Fatal(err)
	}
	if _, err := bobGoals.SetGoalStatus(ctx, private.ID, peerplaypay.StatusAtRisk, ""); err != nil {
		t.Fatal(err)
	}
	// The published log worked on it too: that link stays here as well.
	if _, err := bobGoals.SetLogGoals(ctx, standup.ID, []int64{seen.ID, private.ID}); err != nil {
		t.Fatal(err)
	}
	if n := rows(t, bob, `SELECT count(*) FROM share_outbox WHERE data LIKE '%' || ? || '%'`, private.UID); n != 0 {
		t.Fatalf("Bob's outbox holds %d event(s) of his private goal", n)
	}
	sync(t, bob, ada)
	batchesAfter, found := shareFiles(t, loc, "Ask for a raise")
	if len(batchesAfter) != len(batchesBefore) {
		t.Errorf("a sync after only a private change wrote to the share: %d files before, %d after", len(batchesBefore), len(batchesAfter))
	}
	if found {
		t.Error("the share holds the private goal's title in clear")
	}
	if n := rows(t, ada, `SELECT count(*) FROM share_events WHERE data LIKE '%' || ? || '%'`, private.UID); n != 0 {
		t.Errorf("Ada received %d event(s) of Bob's private goal", n)
	}
	if n := rows(t, ada, `SELECT count(*) FROM goals WHERE uid = ?`, private.UID); n != 0 {
		t.Error("Ada has Bob's private goal")
	}

	// Taking a shared goal back: peers drop it with its check-ins and offers.
	in := peerplaypay.GoalInput{Title: mine.Title, Kind: mine.Kind, Level: peerplaypay.LevelPersonal, Visibility: peerplaypay.VisibilityPrivate,
		ParentUID: "", Measure: mine.Measure}
	if _, err := bobGoals.UpdateGoal(ctx, mine.ID, in); err != nil {
		t.Fatal(err)
	}
	sync(t, bob, ada)
	if n := rows(t, ada, `SELECT (SELECT count(*) FROM goals WHERE uid = ?) + (SELECT count(*) FROM goal_checkins WHERE goal_uid = ?)
		+ (SELECT count(*) FROM goal_help_offers WHERE goal_uid = ?)`, mine.UID, mine.UID, mine.UID); n != 0 {
		t.Errorf("Ada keeps %d row(s) of the goal Bob took back", n)
	}
}

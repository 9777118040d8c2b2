package teamsync_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

func sessionsOf(m *member) *sqlite.SessionService {
	return sqlite.NewSessionService(m.db, func(ctx context.Context) sqlite.SessionPeople {
		me, name, names := m.svc.People(ctx)
		return sqlite.SessionPeople{People: sqlite.People{Me: me, MyName: name, Names: names}, Active: m.svc.ActiveMembers(ctx)}
	})
}

func mustSession(t *testing.T, m *member, day string) *peerplaypay.TeamSession {
	t.Helper()
	ts, err := sessionsOf(m).Session(context.Background(), day)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// itemID is reader's local ID of the item with text.
func itemID(t *testing.T, ts *peerplaypay.TeamSession, text string) *peerplaypay.SessionItem {
	t.Helper()
	for _, p := range ts.Parts {
		for _, it := range p.Items {
			if it.Text == text {
				return it
			}
		}
	}
	t.Fatalf("no item %q in the session of %s", text, ts.Day)
	return nil
}

// TestSessionAmongThree: three members add items, put dots, write notes
// at once and follow an experiment up a week later; all see the same.
func TestSessionAmongThree(t *testing.T) {
	ctx := context.Background()
	loc := filepath.Join(t.TempDir(), "share")
	ada, bea, cem := newMember(t, "Ada"), newMember(t, "Bea"), newMember(t, "Cem")
	if _, err := ada.svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bea, loc)
	join(t, ada, cem, loc)
	sync(t, ada, bea, cem)
	const day, next = "2026-12-07", "2026-12-14"
	for i, m := range []*member{ada, bea, cem} {
		name := []string{"Ada", "Bea", "Cem"}[i]
		if _, err := sessionsOf(m).AddItem(ctx, day, 0, name+"'s moment"); err != nil {
			t.Fatal(err)
		}
		if _, err := sessionsOf(m).AddItem(ctx, day, 1, name+"'s experiment"); err != nil {
			t.Fatal(err)
		}
	}
	sync(t, ada, bea, cem, ada, bea)
	for _, m := range []*member{ada, bea, cem} {
		ts := mustSession(t, m, day)
		if len(ts.Parts) != 5 || len(ts.Parts[0].Items) != 3 || len(ts.Parts[1].Items) != 3 {
			t.Fatalf("parts %d, items %d/%d; want 5 parts and 3 items in the first two", len(ts.Parts), len(ts.Parts[0].Items), len(ts.Parts[1].Items))
		}
	}
	// Everyone puts a dot on Bea's experiment; Ada puts two, and votes again
	// and again: her dots count once.
	for _, m := range []*member{ada, bea, cem} {
		it := itemID(t, mustSession(t, m, day), "Bea's experiment")
		if err := sessionsOf(m).Vote(ctx, it.ID, false); err != nil {
			t.Fatal(err)
		}
	}
	s := sessionsOf(ada)
	beaExp := itemID(t, mustSession(t, ada, day), "Bea's experiment")
	for range 3 {
		s.Vote(ctx, beaExp.ID, false)
		s.Vote(ctx, beaExp.ID, true)
	}
	if err := s.Vote(ctx, beaExp.ID, false); err != nil {
		t.Fatal(err)
	}
	err := s.Vote(ctx, itemID(t, mustSession(t, ada, day), "Ada's experiment").ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Vote(ctx, beaExp.ID, false); peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
		t.Fatalf("a fourth dot: %v; want it refused", err)
	}
	// A note both Ada and Cem change from the same revision.
	n, err := s.Note(ctx, day, 1, peerplaypay.NoteDecision, "Try pairing", "", "")
	if err != nil {
		t.Fatal(err)
	}
	sync(t, ada, bea, cem)
	if _, err := s.Note(ctx, day, 1, peerplaypay.NoteDecision, "Try pairing on Tuesdays", n.UID, n.Rev); err != nil {
		t.Fatal(err)
	}
	if _, err := sessionsOf(cem).Note(ctx, day, 1, peerplaypay.NoteDecision, "Try pairing for a month", n.UID, n.Rev); err != nil {
		t.Fatal(err)
	}
	// Bea and Cem edit their own items at the same time.
	if err := sessionsOf(bea).EditItem(ctx, itemID(t, mustSession(t, bea, day), "Bea's moment").ID, "Bea's moment, sharper"); err != nil {
		t.Fatal(err)
	}
	if err := sessionsOf(cem).EditItem(ctx, itemID(t, mustSession(t, cem, day), "Cem's moment").ID, "Cem's moment, sharper"); err != nil {
		t.Fatal(err)
	}
	if err := sessionsOf(bea).EditItem(ctx, itemID(t, mustSession(t, bea, day), "Ada's moment").ID, "Bea writes for Ada"); peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
		t.Fatalf("Bea edits Ada's item: %v; want it refused", err)
	}
	sync(t, ada, bea, cem, ada, bea)
	for _, m := range []*member{ada, bea, cem} {
		ts := mustSession(t, m, day)
		if it := itemID(t, ts, "Bea's experiment"); it.Votes != 4 {
			t.Errorf("Bea's experiment has %d dots; want 4 (Ada 2, Bea 1, Cem 1)", it.Votes)
		}
		if ts.Voters != 3 {
			t.Errorf("%d voters; want 3", ts.Voters)
		}
		itemID(t, ts, "Bea's moment, sharper")
		itemID(t, ts, "Cem's moment, sharper")
		notes := ts.Parts[1].Notes
		if len(notes) != 2 || !notes[0].Conflict || !notes[1].Conflict {
			t.Fatalf("notes %+v; want both versions, marked", notes)
		}
		if ts.Facilitator != mustSession(t, ada, day).Facilitator {
			t.Error("members suggest different facilitators")
		}
	}
	// Bea's experiment is chosen, and followed up the next week.
	e, err := sessionsOf(bea).CreateExperiment(ctx, day, itemID(t, mustSession(t, bea, day), "Bea's experiment").ID, "Pairing halves review time", "", "review hours in the tracker", "2027-01-04")
	if err != nil {
		t.Fatal(err)
	}
	sync(t, bea, ada, cem)
	ts := mustSession(t, cem, next)
	if len(ts.Running) != 1 || ts.Running[0].Hypothesis != "Pairing halves review time" || ts.Running[0].OwnerName != "Bea" {
		t.Fatalf("next session opens with %+v; want Bea's experiment", ts.Running)
	}
	if ts.LastDay != day || len(ts.LastMoments) != 3 {
		t.Fatalf("next session's last moments: %q %d", ts.LastDay, len(ts.LastMoments))
	}
	if err := sessionsOf(cem).ExperimentOutcome(ctx, next, ts.Running[0].ID, peerplaypay.OutcomeLearned, "reviews got faster, pairing got tiring"); err != nil {
		t.Fatal(err)
	}
	sync(t, cem, bea)
	list, err := sessionsOf(bea).Experiments(ctx, "tiring")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != e.ID || list[0].Outcome == nil || list[0].Outcome.Result != "learned" || list[0].Outcome.AuthorName != "Cem" {
		t.Fatalf("ended experiments found by words: %+v", list)
	}
	if ts := mustSession(t, bea, "2026-12-21"); len(ts.Running) != 0 {
		t.Errorf("an ended experiment still runs: %+v", ts.Running)
	}

	// A modified client of Cem's edits Ada's item in its own batch: Ada
	// refuses the batch, names Cem, and her item stays hers (every rule
	// one by one: TestSessionChecker).
	adaMoment := itemID(t, mustSession(t, ada, day), "Ada's moment")
	forgeAnswer(t, cem, peerplaypay.EventSessionItem, time.Time{}, peerplaypay.SessionItemData{UID: adaMoment.UID, Session: day, Part: 0, Text: "Ada agrees with Cem"})
	if _, err := cem.svc.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	sum, err := ada.svc.Sync(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Problems) != 1 || !strings.HasPrefix(sum.Problems[0], "Cem: ") || !strings.Contains(sum.Problems[0], "edits Ada's session item") {
		t.Fatalf("problems = %q; want one naming Cem's edit of Ada's item", sum.Problems)
	}
	if got := itemID(t, mustSession(t, ada, day), "Ada's moment"); got.Author != adaMoment.Author {
		t.Errorf("Ada's item after the forgery: %+v", got)
	}
	if n := rows(t, ada, `SELECT count(*) FROM session_items WHERE text = 'Ada agrees with Cem'`); n != 0 {
		t.Errorf("the forged edit was applied (%d rows)", n)
	}
}

func setParts(t *testing.T, m *member, parts string) {
	t.Helper()
	v, err := peerplaypay.ParseSettingValue(peerplaypay.KeySessionParts, parts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.NewTeamSettingsStore(m.db).SetTeamSettings(context.Background(), []peerplaypay.SettingChange{{Key: peerplaypay.KeySessionParts, Value: v}}); err != nil {
		t.Fatal(err)
	}
}

// partsOf is a session's parts as "name minutes", with their items' texts.
func partsOf(ts *peerplaypay.TeamSession) string {
	var b strings.Builder
	for _, p := range ts.Parts {
		fmt.Fprintf(&b, "%s %d [", p.Name, p.Minutes)
		for _, it := range p.Items {
			b.WriteString(it.Text + ";")
		}
		b.WriteString("] ")
	}
	return b.String()
}

// TestSessionPartsFromTeamSettings: the session's parts are the team's.
// Bea renames, reorders, drops and adds parts while Ada adds items; after a
// sync both see the same parts, each item on its part whatever its new
// place; an item Ada put on the part Bea dropped is kept and not shown;
// two members who change the parts at once end with the same parts; a
// session before the change keeps its parts.
func TestSessionPartsFromTeamSettings(t *testing.T) {
	ctx := context.Background()
	loc := filepath.Join(t.TempDir(), "share")
	ada, bea := newMember(t, "Ada"), newMember(t, "Bea")
	if _, err := ada.svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bea, loc)
	sync(t, ada, bea)
	now := time.Now()
	day := now.AddDate(0, 0, 14).Format(time.DateOnly)
	past := now.AddDate(0, 0, -7).Format(time.DateOnly)
	s := sessionsOf(ada)
	for _, it := range []struct {
		day  string
		part int
		text string
	}{{day, 0, "a moment"}, {day, 2, "go faster"}, {day, 3, "rethink reviews"}, {day, 4, "a story"}, {past, 4, "an old story"}} {
		if _, err := s.AddItem(ctx, it.day, it.part, it.text); err != nil {
			t.Fatal(err)
		}
	}
	// Bea has not seen Ada's items: she reorders, renames the fourth part
	// in place, drops the third and adds one, with new time boxes.
	setParts(t, bea, "Success stories = 15\nThree success moments for this week = 25\nThree experiments for the month = 30\nRetro = 40\nDemos = 10")
	sync(t, ada, bea, ada)
	want := "Success stories 15 [a story;] Three success moments for this week 25 [a moment;] Three experiments for the month 30 [] Retro 40 [rethink reviews;] Demos 10 [] "
	for i, m := range []*member{ada, bea} {
		name := []string{"Ada", "Bea"}[i]
		if got := partsOf(mustSession(t, m, day)); got != want {
			t.Errorf("%s sees %s\nwant %s", name, got, want)
		}
		if got := mustSession(t, m, past); len(got.Parts) != 5 || got.Parts[4].Name != "Success stories" || len(got.Parts[4].Items) != 1 {
			t.Errorf("%s: the past session's parts changed: %s", name, partsOf(got))
		}
	}
	if n := rows(t, bea, `SELECT count(*) FROM session_items WHERE text = 'go faster'`); n != 1 {
		t.Errorf("the item on the dropped part is not kept (%d rows)", n)
	}
	// Adding to a part by its place follows the team's order.
	if _, err := sessionsOf(bea).AddItem(ctx, day, 4, "demo the importer"); err != nil {
		t.Fatal(err)
	}
	// Both change the parts at once: one change wins everywhere.
	setParts(t, ada, "Success stories = 15\nRetro = 40")
	setParts(t, bea, "Demos = 10\nRetro = 30")
	sync(t, ada, bea, ada)
	a, b := partsOf(mustSession(t, ada, day)), partsOf(mustSession(t, bea, day))
	if a != b {
		t.Fatalf("after concurrent changes Ada sees %s and Bea %s", a, b)
	}
	if !strings.Contains(a, "Retro") || (!strings.Contains(a, "demo the importer") && !strings.Contains(a, "a story")) {
		t.Errorf("after concurrent changes: %s", a)
	}
}

func setAgreements(t *testing.T, m *member, list ...string) {
	t.Helper()
	v, err := peerplaypay.ParseSettingValue(peerplaypay.KeyTeamAgreements, strings.Join(list, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.NewTeamSettingsStore(m.db).SetTeamSettings(context.Background(), []peerplaypay.SettingChange{{Key: peerplaypay.KeyTeamAgreements, Value: v}}); err != nil {
		t.Fatal(err)
	}
}

func agreementsOf(t *testing.T, m *member) string {
	t.Helper()
	s, err := sqlite.NewTeamSettingsStore(m.db).TeamSettings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(s.Agreements, " | ")
}

// TestConcurrentAgreements: Ada and Bea each add one agreement and remove
// another at the same time; after a sync both have both adds and neither
// removed agreement, in the same order.
func TestConcurrentAgreements(t *testing.T) {
	ctx := context.Background()
	loc := filepath.Join(t.TempDir(), "share")
	ada, bea := newMember(t, "Ada"), newMember(t, "Bea")
	if _, err := ada.svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bea, loc)
	setAgreements(t, ada, "Stand-up by 10:00", "Thanks with a reason", "Cameras on")
	sync(t, ada, bea)
	if got := agreementsOf(t, bea); got != "Stand-up by 10:00 | Thanks with a reason | Cameras on" {
		t.Fatalf("Bea holds %q", got)
	}
	setAgreements(t, ada, "Thanks with a reason", "Cameras on", "Pair on Fridays")
	setAgreements(t, bea, "Stand-up by 10:00", "Cameras on", "No meetings after 16:00")
	sync(t, ada, bea, ada)
	a, b := agreementsOf(t, ada), agreementsOf(t, bea)
	if a != b {
		t.Fatalf("Ada holds %q and Bea %q", a, b)
	}
	for _, want := range []string{"Cameras on", "Pair on Fridays", "No meetings after 16:00"} {
		if !strings.Contains(a, want) {
			t.Errorf("%q is lost: %q", want, a)
		}
	}
	for _, gone := range []string{"Stand-up", "Thanks"} {
		if strings.Contains(a, gone) {
			t.Errorf("a removed agreement (%s) is back: %q", gone, a)
		}
	}
}

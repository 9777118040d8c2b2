package sqlite_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

const (
	meID   = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	peerID = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
)

func newGoals(tb testing.TB) (*sqlite.DB, *sqlite.GoalService) {
	tb.Helper()
	db := MustOpenDB(tb)
	s := sqlite.NewGoalService(db, func(context.Context) sqlite.People {
		return sqlite.People{Me: meID, MyName: "Ada", Names: map[string]string{peerID: "Bob"}}
	})
	if err := s.RememberMe(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return db, s
}

func numberGoal(title string) peerplaypay.GoalInput {
	return peerplaypay.GoalInput{Title: title, Kind: peerplaypay.GoalResult,
		Measure: peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Unit: "p95 latency ms", Start: 800, Target: 200, Current: 800}}
}

func mustGoal(tb testing.TB, s *sqlite.GoalService, in peerplaypay.GoalInput) *peerplaypay.Goal {
	tb.Helper()
	g, err := s.CreateGoal(context.Background(), in)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func outbox(tb testing.TB, db *sqlite.DB) []peerplaypay.ShareEvent {
	tb.Helper()
	evs, err := sqlite.NewShareStore(db).Outbox(context.Background(), 10000)
	if err != nil {
		tb.Fatal(err)
	}
	return evs
}

func kinds(evs []peerplaypay.ShareEvent) string {
	var k []string
	for _, e := range evs {
		k = append(k, e.Kind)
	}
	return strings.Join(k, " ")
}

func wantInvalid(t *testing.T, err error, field, words string) {
	t.Helper()
	if peerplaypay.ErrorCode(err) != peerplaypay.EINVALID && peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
		t.Fatalf("err = %v; want invalid input", err)
	}
	if field != "" && peerplaypay.ErrorField(err) != field {
		t.Errorf("field = %q; want %q (%v)", peerplaypay.ErrorField(err), field, err)
	}
	if !strings.Contains(peerplaypay.ErrorMessage(err), words) {
		t.Errorf("message %q does not say %q", peerplaypay.ErrorMessage(err), words)
	}
}

func TestGoalValidation(t *testing.T) {
	ctx := context.Background()
	_, s := newGoals(t)
	yesterday := time.Now().AddDate(0, 0, -1).Format("2006-01-02")
	for _, c := range []struct {
		name, field, words string
		edit               func(*peerplaypay.GoalInput)
	}{
		{"NoTitle", "title", "title", func(in *peerplaypay.GoalInput) { in.Title = "  " }},
		{"BadKind", "kind", "result, action or behaviour", func(in *peerplaypay.GoalInput) { in.Kind = "wish" }},
		{"TargetIsStart", "measure", "target equals the start", func(in *peerplaypay.GoalInput) { in.Measure.Target = 800 }},
		{"DuePast", "due", "in the past", func(in *peerplaypay.GoalInput) { in.Due = yesterday }},
		{"DueNotADate", "due", "YYYY-MM-DD", func(in *peerplaypay.GoalInput) { in.Due = "31/12/2026" }},
		{"Confidence", "confidence", "1 (unlikely) to 5", func(in *peerplaypay.GoalInput) { in.Confidence = 6 }},
		{"ScaleThreeLevels", "measure", "each of the 5 levels", func(in *peerplaypay.GoalInput) {
			in.Kind, in.Measure = peerplaypay.GoalBehaviour, peerplaypay.Measure{Type: peerplaypay.MeasureScale, Levels: []string{"a", "b", "c"}}
		}},
		{"ScaleBlankLevel", "measure", "Level 3 is not described", func(in *peerplaypay.GoalInput) {
			in.Kind, in.Measure = peerplaypay.GoalBehaviour, peerplaypay.Measure{Type: peerplaypay.MeasureScale, Levels: []string{"a", "b", "", "d", "e"}}
		}},
		{"NoMilestones", "measure", "at least one milestone", func(in *peerplaypay.GoalInput) {
			in.Measure = peerplaypay.Measure{Type: peerplaypay.MeasureMilestones, Milestones: []peerplaypay.Milestone{{Title: " "}}}
		}},
		{"PrivateTeamGoal", "visibility", "cannot be private", func(in *peerplaypay.GoalInput) {
			in.Level, in.Visibility = peerplaypay.LevelTeam, peerplaypay.VisibilityPrivate
		}},
		{"UnknownParent", "parentUid", "not on this laptop", func(in *peerplaypay.GoalInput) { in.ParentUID = strings.Repeat("c", 32) }},
		{"BadContributor", "contributors", "not a member's ID", func(in *peerplaypay.GoalInput) { in.Contributors = []string{"bob"} }},
		{"UnknownOutcome", "outcomeId", "no longer in your profile", func(in *peerplaypay.GoalInput) { in.OutcomeID = "x" }},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := numberGoal("Cut latency")
			c.edit(&in)
			_, err := s.CreateGoal(ctx, in)
			wantInvalid(t, err, c.field, c.words)
		})
	}
	if gs, _ := s.Goals(ctx); len(gs) != 0 {
		t.Errorf("refused goals were stored: %d", len(gs))
	}

	t.Run("ScaleWithoutLevelsOK", func(t *testing.T) {
		in := peerplaypay.GoalInput{Title: "Listen first", Kind: peerplaypay.GoalBehaviour, Measure: peerplaypay.Measure{Type: peerplaypay.MeasureScale}}
		g := mustGoal(t, s, in)
		if g.Measure.Start != 1 || g.Measure.Target != 5 || len(g.Measure.Levels) != 0 {
			t.Errorf("scale = %+v", g.Measure)
		}
	})

	t.Run("PrivateParentOfTeamGoal", func(t *testing.T) {
		in := numberGoal("Secret")
		in.Visibility = peerplaypay.VisibilityPrivate
		p := mustGoal(t, s, in)
		child := numberGoal("Shared child")
		child.ParentUID = p.UID
		_, err := s.CreateGoal(ctx, child)
		wantInvalid(t, err, "parentUid", "is private")
		child.Visibility = peerplaypay.VisibilityPrivate
		mustGoal(t, s, child) // private under private is fine
	})

	t.Run("TeamGoalWithSharedChildCannotTurnPrivate", func(t *testing.T) {
		p := mustGoal(t, s, numberGoal("Parent"))
		child := numberGoal("Child")
		child.ParentUID = p.UID
		mustGoal(t, s, child)
		in := numberGoal("Parent")
		in.Visibility = peerplaypay.VisibilityPrivate
		_, err := s.UpdateGoal(ctx, p.ID, in)
		wantInvalid(t, err, "visibility", "cannot become private")
	})

	t.Run("DroppedNeedsReason", func(t *testing.T) {
		g := mustGoal(t, s, numberGoal("Drop me"))
		_, err := s.SetGoalStatus(ctx, g.ID, peerplaypay.StatusDropped, " ")
		wantInvalid(t, err, "statusReason", "why")
		_, err = s.SetGoalStatus(ctx, g.ID, "done", "")
		wantInvalid(t, err, "status", "on_track")
		g, err = s.SetGoalStatus(ctx, g.ID, peerplaypay.StatusDropped, "the service is retired")
		if err != nil || g.Status != peerplaypay.StatusDropped || g.StatusReason != "the service is retired" {
			t.Fatalf("drop: %+v, %v", g, err)
		}
	})

	t.Run("PastDueMayStayOnUpdate", func(t *testing.T) {
		g := mustGoal(t, s, numberGoal("Keep due"))
		in := numberGoal("Keep due")
		in.Due = yesterday
		_, err := s.UpdateGoal(ctx, g.ID, in)
		wantInvalid(t, err, "due", "in the past")
	})

	t.Run("CheckinInput", func(t *testing.T) {
		g := mustGoal(t, s, numberGoal("Check me"))
		_, err := s.CheckIn(ctx, g.ID, peerplaypay.CheckinInput{Note: "no value"})
		wantInvalid(t, err, "value", "new value")
		v := 3.5
		beh := mustGoal(t, s, peerplaypay.GoalInput{Title: "Calm", Kind: peerplaypay.GoalBehaviour, Measure: peerplaypay.Measure{Type: peerplaypay.MeasureScale}})
		_, err = s.CheckIn(ctx, beh.ID, peerplaypay.CheckinInput{Value: &v})
		wantInvalid(t, err, "value", "1 to 5")
		v = 500
		_, err = s.CheckIn(ctx, g.ID, peerplaypay.CheckinInput{Value: &v, Confidence: 9})
		wantInvalid(t, err, "confidence", "1 (unlikely) to 5")
	})
}

func TestGoalCycles(t *testing.T) {
	ctx := context.Background()
	_, s := newGoals(t)
	a := mustGoal(t, s, numberGoal("A"))
	bIn := numberGoal("B")
	bIn.ParentUID = a.UID
	b := mustGoal(t, s, bIn)
	cIn := numberGoal("C")
	cIn.ParentUID = b.UID
	c := mustGoal(t, s, cIn)

	in := numberGoal("A")
	in.ParentUID = c.UID
	_, err := s.UpdateGoal(ctx, a.ID, in)
	wantInvalid(t, err, "parentUid", "circle")
	in.ParentUID = a.UID
	_, err = s.UpdateGoal(ctx, a.ID, in)
	wantInvalid(t, err, "parentUid", "cannot serve itself")

	// Moving C up to A is fine: no circle.
	cIn.ParentUID = a.UID
	if g, err := s.UpdateGoal(ctx, c.ID, cIn); err != nil || g.ParentUID != a.UID {
		t.Fatalf("move C under A: %+v, %v", g, err)
	}
}

func TestDeleteGoalChildren(t *testing.T) {
	ctx := context.Background()
	// tree: top > mid > (leaf1, leaf2 > deep)
	build := func(t *testing.T) (*sqlite.DB, *sqlite.GoalService, map[string]*peerplaypay.Goal) {
		db, s := newGoals(t)
		gs := map[string]*peerplaypay.Goal{}
		add := func(name, parent string) {
			in := numberGoal(name)
			if parent != "" {
				in.ParentUID = gs[parent].UID
			}
			gs[name] = mustGoal(t, s, in)
		}
		add("top", "")
		add("mid", "top")
		add("leaf1", "mid")
		add("leaf2", "mid")
		add("deep", "leaf2")
		return db, s, gs
	}
	parents := func(t *testing.T, s *sqlite.GoalService) map[string]string {
		gs, err := s.Goals(ctx)
		if err != nil {
			t.Fatal(err)
		}
		byUID := map[string]string{}
		for _, g := range gs {
			byUID[g.UID] = g.Title
		}
		out := map[string]string{}
		for _, g := range gs {
			out[g.Title] = byUID[g.ParentUID]
		}
		return out
	}

	t.Run("Refuse", func(t *testing.T) {
		_, s, gs := build(t)
		err := s.DeleteGoal(ctx, gs["mid"].ID, peerplaypay.ChildrenRefuse)
		if peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT || !strings.Contains(peerplaypay.ErrorMessage(err), "2 goal(s)") {
			t.Fatalf("refuse: %v", err)
		}
		if len(parents(t, s)) != 5 {
			t.Error("refused delete deleted")
		}
	})
	t.Run("Lift", func(t *testing.T) {
		_, s, gs := build(t)
		if err := s.DeleteGoal(ctx, gs["mid"].ID, peerplaypay.ChildrenLift); err != nil {
			t.Fatal(err)
		}
		p := parents(t, s)
		if len(p) != 4 || p["leaf1"] != "top" || p["leaf2"] != "top" || p["deep"] != "leaf2" {
			t.Errorf("after lift: %v", p)
		}
	})
	t.Run("Detach", func(t *testing.T) {
		_, s, gs := build(t)
		if err := s.DeleteGoal(ctx, gs["mid"].ID, peerplaypay.ChildrenDetach); err != nil {
			t.Fatal(err)
		}
		p := parents(t, s)
		if len(p) != 4 || p["leaf1"] != "" || p["leaf2"] != "" || p["deep"] != "leaf2" {
			t.Errorf("after detach: %v", p)
		}
	})
	t.Run("Delete", func(t *testing.T) {
		db, s, gs := build(t)
		v := 500.0
		if _, err := s.CheckIn(ctx, gs["deep"].ID, peerplaypay.CheckinInput{Value: &v}); err != nil {
			t.Fatal(err)
		}
		before := len(outbox(t, db))
		if err := s.DeleteGoal(ctx, gs["mid"].ID, peerplaypay.ChildrenDelete); err != nil {
			t.Fatal(err)
		}
		p := parents(t, s)
		if len(p) != 1 || p["top"] != "" {
			t.Errorf("after delete: %v", p)
		}
		if _, err := s.Goal(ctx, gs["deep"].ID); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Errorf("deep goal still there: %v", err)
		}
		evs := outbox(t, db)[before:]
		if kinds(evs) != "goal.deleted goal.deleted goal.deleted goal.deleted" {
			t.Errorf("events = %s", kinds(evs))
		}
	})
}

func TestPrivateGoalQueuesNothing(t *testing.T) {
	ctx := context.Background()
	db, s := newGoals(t)
	in := numberGoal("Private")
	in.Visibility = peerplaypay.VisibilityPrivate
	g := mustGoal(t, s, in)
	v := 600.0
	if _, err := s.CheckIn(ctx, g.ID, peerplaypay.CheckinInput{Value: &v, Note: "secret progress"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetGoalStatus(ctx, g.ID, peerplaypay.StatusAtRisk, ""); err != nil {
		t.Fatal(err)
	}
	in.Title = "Private, renamed"
	if _, err := s.UpdateGoal(ctx, g.ID, in); err != nil {
		t.Fatal(err)
	}
	if evs := outbox(t, db); len(evs) != 0 {
		t.Fatalf("a private goal queued %s", kinds(evs))
	}

	// Shared, it travels with its history; taken back, peers drop it.
	in.Visibility = peerplaypay.VisibilityTeam
	if _, err := s.UpdateGoal(ctx, g.ID, in); err != nil {
		t.Fatal(err)
	}
	if k := kinds(outbox(t, db)); k != "goal.set checkin.added" {
		t.Errorf("shared: %s", k)
	}
	in.Visibility = peerplaypay.VisibilityPrivate
	if _, err := s.UpdateGoal(ctx, g.ID, in); err != nil {
		t.Fatal(err)
	}
	if k := kinds(outbox(t, db)); k != "goal.set checkin.added goal.deleted" {
		t.Errorf("taken back: %s", k)
	}
	if err := s.DeleteGoal(ctx, g.ID, peerplaypay.ChildrenRefuse); err != nil {
		t.Fatal(err)
	}
	if n := len(outbox(t, db)); n != 3 {
		t.Errorf("deleting a private goal queued an event: %d", n)
	}
}

func event(kind string, data any) peerplaypay.ShareEvent {
	b, _ := json.Marshal(data)
	return peerplaypay.ShareEvent{ID: peerplaypay.NewUID(), Kind: kind, V: 1, At: time.Now().UTC(), Data: b}
}

func TestApplyGoalEvents(t *testing.T) {
	ctx := context.Background()
	db, s := newGoals(t)
	store := sqlite.NewShareStore(db)
	mine := mustGoal(t, s, numberGoal("Mine"))

	peerUID := peerplaypay.NewUID()
	set := peerplaypay.GoalSet{UID: peerUID, Title: "Bob's goal", Kind: peerplaypay.GoalAction, Level: peerplaypay.LevelPersonal,
		Status: peerplaypay.StatusOnTrack, ParentUID: mine.UID, NeedHelp: "a reviewer",
		Measure:   peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Unit: "tests", Start: 0, Target: 10, Current: 5},
		UpdatedAt: time.Now().UTC()}
	hijack := set
	hijack.UID, hijack.Title, hijack.ParentUID = mine.UID, "Bob renames Ada's goal", ""
	cin := peerplaypay.CheckinAdded{UID: peerplaypay.NewUID(), GoalUID: peerUID, At: time.Now().UTC(), Value: 5, Note: "half"}
	myOffer := peerplaypay.HelpOffered{UID: peerplaypay.NewUID(), GoalAuthor: meID, GoalUID: mine.UID, Text: "I can review"}
	batch := []peerplaypay.ShareEvent{
		event(peerplaypay.EventGoalSet, set), event(peerplaypay.EventGoalSet, hijack), event(peerplaypay.EventCheckinAdded, cin),
		event(peerplaypay.EventHelpOffered, myOffer), event(peerplaypay.EventGoalSet, map[string]any{"uid": "nope"}),
	}
	for i := 1; i <= 2; i++ { // the same events again: nothing changes
		if _, err := store.ApplyBatch(ctx, peerID, peerplaypay.SharePosition{Seq: uint64(i), Hash: "x"}, batch); err != nil {
			t.Fatal(err)
		}
	}
	// The same data under new event IDs (a resend) is still applied once.
	again := []peerplaypay.ShareEvent{event(peerplaypay.EventCheckinAdded, cin), event(peerplaypay.EventHelpOffered, myOffer)}
	if _, err := store.ApplyBatch(ctx, peerID, peerplaypay.SharePosition{Seq: 3, Hash: "y"}, again); err != nil {
		t.Fatal(err)
	}

	gs, err := s.Goals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 3 {
		t.Fatalf("goals = %d; want mine, Bob's and Bob's copy of my uid", len(gs))
	}
	var bob *peerplaypay.Goal
	for _, g := range gs {
		switch {
		case g.ID == mine.ID:
			if g.Title != "Mine" || !g.Mine || g.OpenHelpOffers != 1 {
				t.Errorf("my goal after Bob's events: %+v", g)
			}
		case g.UID == peerUID:
			bob = g
		case g.UID == mine.UID && (g.Mine || g.Owner != peerID):
			t.Errorf("a peer's goal.set with my uid became mine: %+v", g)
		}
	}
	if bob == nil || bob.Mine || bob.OwnerName != "Bob" || bob.Checkins != 1 || bob.Progress != 0.5 || bob.ParentUID != mine.UID {
		t.Fatalf("Bob's goal = %+v", bob)
	}
	d, err := s.Goal(ctx, mine.ID)
	if err != nil || len(d.Children) != 1 || len(d.Offers) != 1 || d.Offers[0].AuthorName != "Bob" || d.Offers[0].Mine {
		t.Fatalf("my goal's detail: %+v, %v", d, err)
	}

	// Accepting sends help.accepted naming Bob's offer.
	if _, err := s.AcceptHelp(ctx, d.Offers[0].ID); err != nil {
		t.Fatal(err)
	}
	evs := outbox(t, db)
	last := evs[len(evs)-1]
	var acc peerplaypay.HelpAccepted
	json.Unmarshal(last.Data, &acc)
	if last.Kind != peerplaypay.EventHelpAccepted || acc.OfferAuthor != peerID || acc.OfferUID != myOffer.UID {
		t.Errorf("accept event = %s %s", last.Kind, last.Data)
	}
	// Offering help on a peer's goal is open to anyone.
	if _, err := s.OfferHelp(ctx, bob.ID, "pairing on Friday"); err != nil {
		t.Fatal(err)
	}

	// A tombstone drops Bob's goal, its check-ins and offers.
	if _, err := store.ApplyBatch(ctx, peerID, peerplaypay.SharePosition{Seq: 4, Hash: "z"},
		[]peerplaypay.ShareEvent{event(peerplaypay.EventGoalDeleted, peerplaypay.GoalDeleted{UID: peerUID})}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Goal(ctx, bob.ID); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
		t.Errorf("Bob's goal after its tombstone: %v", err)
	}
	reqs, _ := s.HelpRequests(ctx)
	for _, r := range reqs {
		if r.Goal.UID == peerUID {
			t.Errorf("deleted goal still asks for help")
		}
	}
}

func TestGoalListAggregates(t *testing.T) {
	ctx := context.Background()
	db, s := newGoals(t)
	a := mustGoal(t, s, numberGoal("A"))
	ms := mustGoal(t, s, peerplaypay.GoalInput{Title: "Ship", Kind: peerplaypay.GoalAction, Measure: peerplaypay.Measure{Type: peerplaypay.MeasureMilestones,
		Milestones: []peerplaypay.Milestone{{Title: "design"}, {Title: "build"}, {Title: "release"}, {Title: "announce"}}}})
	for _, v := range []float64{700, 500} {
		if _, err := s.CheckIn(ctx, a.ID, peerplaypay.CheckinInput{Value: &v, Confidence: 4}); err != nil {
			t.Fatal(err)
		}
	}
	c, err := s.CheckIn(ctx, ms.ID, peerplaypay.CheckinInput{MilestonesDone: []string{ms.Measure.Milestones[0].ID}})
	if err != nil || c.Value != 1 {
		t.Fatalf("milestone check-in: %+v, %v", c, err)
	}
	// A month later, with a weekly cadence, both are due.
	db.Now = func() time.Time { return time.Now().Add(30 * 24 * time.Hour) }
	gs, err := s.Goals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if g := gs[0]; g.Checkins != 2 || g.LastCheckinAt == "" || g.Progress != 0.5 || g.Confidence != 4 || !g.CheckinDue || g.OwnerName != "Ada" || g.Owner != meID {
		t.Errorf("A = %+v", g)
	}
	if g := gs[1]; g.Checkins != 1 || g.Progress != 0.25 || !g.CheckinDue {
		t.Errorf("Ship = %+v", g)
	}
	if _, err := s.SaveGoalsSettings(ctx, peerplaypay.GoalsSettings{CheckinEveryDays: 0}); err != nil {
		t.Fatal(err)
	}
	if gs, _ := s.Goals(ctx); gs[0].CheckinDue {
		t.Error("no reminders asked, yet a check-in is due")
	}
	d, err := s.Goal(ctx, a.ID)
	if err != nil || len(d.Checkins) != 2 || d.Checkins[0].Value != 700 || d.Checkins[1].AuthorName != "Ada" {
		t.Fatalf("detail: %+v, %v", d, err)
	}
}

func TestLogGoalsAndOutcomes(t *testing.T) {
	ctx := context.Background()
	db, s := newGoals(t)
	outs, err := s.SaveOutcomes(ctx, []peerplaypay.JobOutcome{{Kind: peerplaypay.OutcomeDeliverable, Title: "A fast API"}})
	if err != nil || len(outs) != 1 || outs[0].ID == "" {
		t.Fatalf("outcomes: %+v, %v", outs, err)
	}
	in := numberGoal("Latency")
	in.OutcomeID = outs[0].ID
	g := mustGoal(t, s, in)
	if g.OutcomeTitle != "A fast API" {
		t.Errorf("outcome title = %q", g.OutcomeTitle)
	}
	if _, err := s.SaveOutcomes(ctx, []peerplaypay.JobOutcome{{Kind: "dream", Title: "x"}}); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
		t.Errorf("bad outcome kind: %v", err)
	}
	l := MustCreateLog(t, sqlite.NewLogService(db), peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "profiled the API"}})
	ids, err := s.SetLogGoals(ctx, l.ID, []int64{g.ID})
	if err != nil || len(ids) != 1 || ids[0] != g.ID {
		t.Fatalf("links: %v, %v", ids, err)
	}
	d, _ := s.Goal(ctx, g.ID)
	if len(d.Logs) != 1 || d.Logs[0].LogID != l.ID || d.Logs[0].Done != "profiled the API" {
		t.Errorf("linked logs: %+v", d.Logs)
	}
	if _, err := s.SetLogGoals(ctx, l.ID, []int64{9999}); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
		t.Errorf("link to a missing goal: %v", err)
	}
}

func TestConversations(t *testing.T) {
	ctx := context.Background()
	db, s := newGoals(t)
	g := mustGoal(t, s, numberGoal("Latency"))
	v := 500.0
	s.CheckIn(ctx, g.ID, peerplaypay.CheckinInput{Value: &v, Confidence: 3, Note: "cache helped"})
	agenda, err := s.Agenda(ctx, peerID)
	if err != nil || len(agenda) < 2 || !strings.Contains(strings.Join(agenda, "\n"), "500 p95 latency ms") {
		t.Fatalf("agenda = %q, %v", agenda, err)
	}
	_, err = s.SaveConversation(ctx, peerplaypay.ConversationNote{With: peerID, MyRole: "boss"})
	wantInvalid(t, err, "myRole", "coach or coachee")
	n, err := s.SaveConversation(ctx, peerplaypay.ConversationNote{With: peerID, MyRole: "coachee", Agenda: agenda, Notes: "try a CDN"})
	if err != nil || n.ID == 0 || n.WithName != "Bob" || n.Day == "" {
		t.Fatalf("save: %+v, %v", n, err)
	}
	// Bob's edit arrives: his share choice is kept apart from mine.
	store := sqlite.NewShareStore(db)
	bobs := peerplaypay.ConversationNoteData{UID: n.UID, With: meID, AuthorRole: "coach", Day: n.Day, Agenda: agenda,
		Notes: "try a CDN; measure first", Share: true, UpdatedAt: time.Now().Add(time.Minute).UTC()}
	if _, err := store.ApplyBatch(ctx, peerID, peerplaypay.SharePosition{Seq: 1, Hash: "x"},
		[]peerplaypay.ShareEvent{event(peerplaypay.EventConversationNote, bobs)}); err != nil {
		t.Fatal(err)
	}
	ns, _ := s.Conversations(ctx)
	if len(ns) != 1 || ns[0].Notes != "try a CDN; measure first" || !ns[0].ShareTheirs || ns[0].ShareMine || ns[0].MyRole != "coachee" {
		t.Errorf("after Bob's edit: %+v", ns[0])
	}
}

func TestForgetTeamKeepsOwnGoals(t *testing.T) {
	ctx := context.Background()
	db, s := newGoals(t)
	mine := mustGoal(t, s, numberGoal("Mine"))
	peerUID := peerplaypay.NewUID()
	store := sqlite.NewShareStore(db)
	if _, err := store.ApplyBatch(ctx, peerID, peerplaypay.SharePosition{Seq: 1, Hash: "x"}, []peerplaypay.ShareEvent{
		event(peerplaypay.EventGoalSet, peerplaypay.GoalSet{UID: peerUID, Title: "Theirs", Kind: peerplaypay.GoalAction,
			Level: peerplaypay.LevelTeam, Status: peerplaypay.StatusOnTrack}),
		event(peerplaypay.EventHelpOffered, peerplaypay.HelpOffered{UID: peerplaypay.NewUID(), GoalAuthor: meID, GoalUID: mine.UID, Text: "pairing"}),
	}); err != nil {
		t.Fatal(err)
	}
	gs, _ := s.Goals(ctx)
	if len(gs) != 2 {
		t.Fatalf("goals before = %d", len(gs))
	}
	if _, err := s.OfferHelp(ctx, gs[1].ID, "I can test it"); err != nil {
		t.Fatal(err)
	}
	if err := store.ForgetTeam(ctx); err != nil {
		t.Fatal(err)
	}
	gs, _ = s.Goals(ctx)
	if len(gs) != 1 || gs[0].ID != mine.ID || gs[0].OpenHelpOffers != 0 {
		t.Fatalf("after leaving the team: %+v", gs)
	}
	// Mine waits for the next team.
	if k := kinds(outbox(t, db)); k != "goal.set" {
		t.Errorf("outbox after leaving: %s", k)
	}
}

func TestParentDeletedByItsOwner(t *testing.T) {
	ctx := context.Background()
	db, s := newGoals(t)
	store := sqlite.NewShareStore(db)
	theirs := peerplaypay.NewUID()
	if _, err := store.ApplyBatch(ctx, peerID, peerplaypay.SharePosition{Seq: 1, Hash: "x"}, []peerplaypay.ShareEvent{
		event(peerplaypay.EventGoalSet, peerplaypay.GoalSet{UID: theirs, Title: "Team goal", Kind: peerplaypay.GoalResult,
			Level: peerplaypay.LevelTeam, Status: peerplaypay.StatusOnTrack})}); err != nil {
		t.Fatal(err)
	}
	in := numberGoal("Serves the team")
	in.ParentUID = theirs
	g := mustGoal(t, s, in)
	if _, err := store.ApplyBatch(ctx, peerID, peerplaypay.SharePosition{Seq: 2, Hash: "y"},
		[]peerplaypay.ShareEvent{event(peerplaypay.EventGoalDeleted, peerplaypay.GoalDeleted{UID: theirs})}); err != nil {
		t.Fatal(err)
	}
	// Editing keeps the vanished parent (the tree shows the goal at the top)...
	in.Title = "Serves the team, renamed"
	if _, err := s.UpdateGoal(ctx, g.ID, in); err != nil {
		t.Fatalf("edit with a parent its owner deleted: %v", err)
	}
	// ...but it cannot be chosen anew.
	other := numberGoal("New")
	other.ParentUID = theirs
	_, err := s.CreateGoal(ctx, other)
	wantInvalid(t, err, "parentUid", "not on this laptop")
}

func TestLogLinksTravelForTeamGoalsOnly(t *testing.T) {
	ctx := context.Background()
	db, s := newGoals(t)
	store := sqlite.NewShareStore(db)
	team := mustGoal(t, s, numberGoal("Team-visible"))
	in := numberGoal("Private")
	in.Visibility = peerplaypay.VisibilityPrivate
	private := mustGoal(t, s, in)
	l := MustCreateLog(t, sqlite.NewLogService(db), peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "worked"}})
	if _, err := s.SetLogGoals(ctx, l.ID, []int64{team.ID, private.ID}); err != nil {
		t.Fatal(err)
	}
	before := len(outbox(t, db))
	pub := event(peerplaypay.EventLogPublished, peerplaypay.LogPublished{UID: l.UID, Day: l.Day, Kind: l.Kind, Table: l.LogTable})
	if err := store.MarkPublished(ctx, l.UID, pub); err != nil {
		t.Fatal(err)
	}
	evs := outbox(t, db)[before:]
	var d peerplaypay.LogPublished
	if len(evs) != 1 || json.Unmarshal(evs[0].Data, &d) != nil || len(d.Goals) != 1 || d.Goals[0] != team.UID || d.Table.Done != "worked" {
		t.Fatalf("published: %s", kinds(evs))
	}
	// Dropping the private link changes nothing peers see: nothing is sent.
	if _, err := s.SetLogGoals(ctx, l.ID, []int64{team.ID}); err != nil {
		t.Fatal(err)
	}
	if n := len(outbox(t, db)); n != before+1 {
		t.Errorf("a private link change queued %d event(s)", n-before-1)
	}
	// Dropping the team link does.
	if _, err := s.SetLogGoals(ctx, l.ID, nil); err != nil {
		t.Fatal(err)
	}
	evs = outbox(t, db)
	var e peerplaypay.LogEdited
	last := evs[len(evs)-1]
	if json.Unmarshal(last.Data, &e); last.Kind != peerplaypay.EventLogEdited || e.Goals == nil || len(*e.Goals) != 0 {
		t.Errorf("last event %s %s", last.Kind, last.Data)
	}
}

// TestGoalSuggestedStatus: the list and the detail carry the status the
// goal's figures point to, beside the one its owner set.
func TestGoalSuggestedStatus(t *testing.T) {
	ctx := context.Background()
	db, s := newGoals(t)
	start := time.Now()
	db.Now = func() time.Time { return start }
	in := numberGoal("Cut the search API p95 latency")
	in.Due = start.AddDate(0, 0, 100).Format(time.DateOnly)
	g := mustGoal(t, s, in)
	if g.Status != peerplaypay.StatusOnTrack || g.SuggestedStatus != peerplaypay.StatusOnTrack {
		t.Fatalf("a new goal: status %q, suggested %q (%s)", g.Status, g.SuggestedStatus, g.SuggestedReason)
	}

	// 59 days on and nothing done: the owner's "on track" stays, the
	// suggestion says otherwise and why.
	db.Now = func() time.Time { return start.AddDate(0, 0, 59) }
	list, err := s.Goals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := list[0]
	if got.Status != peerplaypay.StatusOnTrack || got.SuggestedStatus != peerplaypay.StatusOffTrack ||
		!strings.Contains(got.SuggestedReason, "0 % done with 59 % of the time gone (41 days left)") {
		t.Fatalf("after 59 days: status %q, suggested %q (%s)", got.Status, got.SuggestedStatus, got.SuggestedReason)
	}
	d, err := s.Goal(ctx, g.ID)
	if err != nil || d.Goal.SuggestedStatus != peerplaypay.StatusOffTrack {
		t.Fatalf("detail: %+v, %v", d, err)
	}

	// A check-in on pace brings the suggestion back to on track.
	v := 500.0
	if _, err := s.CheckIn(ctx, g.ID, peerplaypay.CheckinInput{Value: &v}); err != nil {
		t.Fatal(err)
	}
	if d, err = s.Goal(ctx, g.ID); err != nil || d.Goal.SuggestedStatus != peerplaypay.StatusOnTrack {
		t.Fatalf("after a check-in at %v: %+v, %v", v, d.Goal, err)
	}
}

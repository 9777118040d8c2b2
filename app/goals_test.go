package app_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"peerplaypay/app"
	"peerplaypay/internal/peerplaypay"
)

// keys returns the JSON object keys of v, sorted.
func keys(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, " ")
}

func sorted(s string) string {
	f := strings.Fields(s)
	sort.Strings(f)
	return strings.Join(f, " ")
}

// TestGoalsFacade checks the window's Goals API: its JSON is the one the
// frontend is written against, changes are announced, and bad input comes
// back as a user error.
func TestGoalsFacade(t *testing.T) {
	changed := make(chan struct{}, 16)
	a := app.New(app.Config{DataDir: t.TempDir(), Version: "test", Emit: func(topic string, data any) {
		if topic == app.EventGoalsChanged {
			changed <- struct{}{}
		}
	}}, quiet)
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	if _, err := app.NewProfiles(a).Save(peerplaypay.ProfileInput{Name: "Ada"}); err != nil {
		t.Fatal(err)
	}
	st, _ := app.NewTeam(a).Status()
	goals := app.NewGoals(a)

	g, err := goals.Create(peerplaypay.GoalInput{Title: "Cut latency", Kind: peerplaypay.GoalResult,
		Measure: peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Unit: "ms", Start: 800, Target: 200, Current: 800}})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-changed:
	default:
		t.Error("no goals:changed after a create")
	}
	if g.Owner != st.MemberID || g.OwnerName != "Ada" || !g.Mine || g.Level != peerplaypay.LevelPersonal || g.Visibility != peerplaypay.VisibilityTeam {
		t.Errorf("created %+v", g)
	}
	v := 500.0
	if _, err := goals.CheckIn(g.ID, peerplaypay.CheckinInput{Value: &v, Confidence: 3}); err != nil {
		t.Fatal(err)
	}
	d, err := goals.Get(g.ID)
	if err != nil {
		t.Fatal(err)
	}

	for name, c := range map[string]struct {
		v    any
		want string
	}{
		"Goal": {g, `id uid title kind description measure confidence due owner ownerName contributors proposedBy proposedByName level
			parentUid outcomeId outcomeTitle visibility status statusReason suggestedStatus suggestedReason needHelp progress mine checkins lastCheckinAt checkinDue
			openHelpOffers createdAt updatedAt`},
		"Measure":            {g.Measure, "type unit start target current milestones levels"},
		"GoalDetail":         {d, "goal checkins offers logs children parent"},
		"Checkin":            {d.Checkins[0], "id uid goalUid at author authorName value milestonesDone confidence note"},
		"HelpOffer":          {peerplaypay.HelpOffer{}, "id uid goalUid goalTitle author authorName text at accepted acceptedAt mine log"},
		"LinkedLog":          {peerplaypay.LinkedLog{}, "logId peerLogId day author authorName done"},
		"JobOutcome":         {peerplaypay.JobOutcome{}, "id kind title description"},
		"HelpRequest":        {peerplaypay.HelpRequest{}, "goal offers"},
		"ConversationNote":   {peerplaypay.ConversationNote{}, "id uid with withName myRole day agenda notes shareMine shareTheirs updatedAt"},
		"SharedConversation": {peerplaypay.SharedConversation{}, "uid coach coachName coachee coacheeName day agenda notes updatedAt"},
		"GoalsSettings":      {peerplaypay.GoalsSettings{}, "checkinEveryDays"},
		"GoalInput":          {peerplaypay.GoalInput{}, "title kind description measure confidence due contributors level parentUid outcomeId visibility needHelp"},
		"CheckinInput":       {peerplaypay.CheckinInput{}, "value milestonesDone confidence note"},
	} {
		if got := keys(t, c.v); got != sorted(c.want) {
			t.Errorf("%s JSON keys:\n got %s\nwant %s", name, got, sorted(c.want))
		}
	}
	// Lists are arrays, never null, for the page.
	b, _ := json.Marshal(d)
	for _, k := range []string{`"offers":[]`, `"logs":[]`, `"children":[]`, `"parent":null`, `"milestones":[]`, `"contributors":[]`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("detail JSON lacks %s: %s", k, b)
		}
	}

	_, err = goals.Create(peerplaypay.GoalInput{Kind: peerplaypay.GoalResult})
	var ue struct{ Code, Message, Field string }
	if err == nil || json.Unmarshal([]byte(err.Error()), &ue) != nil || ue.Code != peerplaypay.EINVALID || ue.Field != "title" {
		t.Errorf("bad input: %v", err)
	}
	if err := goals.Delete(g.ID, "sideways"); err == nil || !strings.Contains(err.Error(), "lift") {
		t.Errorf("unknown children option: %v", err)
	}
	if cs, err := goals.SharedConversations(); err != nil || cs == nil || len(cs) != 0 {
		t.Errorf("shared conversations of a new member = %v, %v", cs, err)
	}
	if s, err := goals.Settings(); err != nil || s.CheckinEveryDays != 7 {
		t.Errorf("settings = %+v, %v", s, err)
	}
}

// window is one member's app with the events it emitted.
type window struct {
	a        *app.App
	done     chan app.SyncDone
	changed  chan struct{}
	answered chan struct{}
}

func openWindow(t *testing.T, name string) *window {
	t.Helper()
	return openWindowWith(t, name, nil)
}

// openWindowWith opens a window whose Config is changed by with first.
func openWindowWith(t *testing.T, name string, with func(*app.Config)) *window {
	t.Helper()
	w := &window{done: make(chan app.SyncDone, 8), changed: make(chan struct{}, 64), answered: make(chan struct{}, 64)}
	cfg := app.Config{DataDir: t.TempDir(), Version: "test", Emit: func(topic string, data any) {
		switch topic {
		case app.EventShareDone:
			w.done <- data.(app.SyncDone)
		case app.EventGoalsChanged:
			w.changed <- struct{}{}
		case app.EventAnswersChanged:
			select {
			case w.answered <- struct{}{}:
			default:
			}
		}
	}}
	if with != nil {
		with(&cfg)
	}
	w.a = app.New(cfg, quiet)
	if err := w.a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.a.Close() })
	if _, err := app.NewProfiles(w.a).Save(peerplaypay.ProfileInput{Name: name}); err != nil {
		t.Fatal(err)
	}
	return w
}

// sync runs a sync from the window and waits for its end.
func (w *window) sync(t *testing.T) app.SyncDone {
	t.Helper()
	for len(w.changed) > 0 {
		<-w.changed
	}
	for {
		if started, err := app.NewTeam(w.a).Sync(); err != nil {
			t.Fatal(err)
		} else if started {
			break
		}
		time.Sleep(20 * time.Millisecond) // a sync kicked by a change is running
	}
	select {
	case d := <-w.done:
		if d.Error != "" {
			t.Fatalf("sync: %s", d.Error)
		}
		return d
	case <-time.After(20 * time.Second):
		t.Fatal("the sync did not end")
	}
	return app.SyncDone{}
}

// TestGoalsChangedAfterSync: a peer's goal arriving by a sync refreshes
// the goals view.
func TestGoalsChangedAfterSync(t *testing.T) {
	share := filepath.Join(t.TempDir(), "share")
	ada, bob := openWindow(t, "Ada"), openWindow(t, "Bob")
	created, err := app.NewTeam(ada.a).Create(share, "Engines", "", "")
	if err != nil {
		t.Fatal(err)
	}
	st, err := app.NewTeam(bob.a).Join(share, created.Invitation.Invite, "", "")
	if err != nil {
		t.Fatal(err)
	}
	reqs, err := app.NewTeam(ada.a).Requests()
	if err != nil || len(reqs) != 1 {
		t.Fatalf("requests: %+v, %v", reqs, err)
	}
	if err := app.NewTeam(ada.a).Approve(reqs[0].ID, st.SafetyCode); err != nil {
		t.Fatal(err)
	}
	bob.sync(t)

	if _, err := app.NewGoals(ada.a).Create(peerplaypay.GoalInput{Title: "Checkout under 1 s", Kind: peerplaypay.GoalResult, Level: peerplaypay.LevelTeam}); err != nil {
		t.Fatal(err)
	}
	ada.sync(t)
	if d := bob.sync(t); d.Summary.Received == 0 {
		t.Fatalf("Bob received nothing: %+v", d.Summary)
	}
	select {
	case <-bob.changed:
	case <-time.After(5 * time.Second):
		t.Fatal("no goals:changed after a sync that brought a goal")
	}
	gs, err := app.NewGoals(bob.a).List()
	if err != nil || len(gs) != 1 || gs[0].Mine || gs[0].OwnerName != "Ada" {
		t.Fatalf("Bob's goals: %+v, %v", gs, err)
	}
}

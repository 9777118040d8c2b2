package sqlite_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/insights"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// TestInsightsOnlyShared: the team's insights read only what members
// shared (peers' events, the member's shared logs and team goals), while
// the member's own insights read everything of theirs.
func TestInsightsOnlyShared(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, goals := newGoals(t)
	people := func(context.Context) sqlite.SessionPeople {
		return sqlite.SessionPeople{People: sqlite.People{Me: meID, MyName: "Ada", Names: map[string]string{peerID: "Bob"}}, Active: []string{peerID, meID}}
	}
	store := sqlite.NewInsightsStore(db, people)
	now := time.Now()
	today := now.Format(time.DateOnly)
	p := insights.Period{From: now.AddDate(0, 0, -29).Format(time.DateOnly), To: today}

	private := numberGoal("Secret plan to change jobs")
	private.Visibility = peerplaypay.VisibilityPrivate
	mustGoal(t, goals, private)
	shared := numberGoal("Team latency")
	shared.Visibility, shared.Due = peerplaypay.VisibilityTeam, now.AddDate(0, 0, 41).Format(time.DateOnly)
	mustGoal(t, goals, shared)

	logs := sqlite.NewLogService(db)
	mine := &peerplaypay.LogEntry{Kind: peerplaypay.LogText, Shared: true, LogTable: peerplaypay.LogTable{Done: "shipped", HelpNeeded: "a reviewer", Mood: 4}}
	hidden := &peerplaypay.LogEntry{Kind: peerplaypay.LogText, Shared: false, LogTable: peerplaypay.LogTable{Done: "my private day", HelpNeeded: "private worry", Mood: 2}}
	for _, l := range []*peerplaypay.LogEntry{mine, hidden} {
		if err := logs.CreateLog(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := logs.SetLogShared(ctx, hidden.ID, false); err != nil {
		t.Fatal(err)
	}
	// A private assessment: never the team's.
	growth := sqlite.NewGrowthService(db)
	x, err := growth.CurrentSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := growth.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: peerplaypay.DefaultFramework().Groups[0].Items[0].ID, Level: 3, Evidence: "private evidence of growth"}); err != nil {
		t.Fatal(err)
	}
	if _, err := growth.FinishSession(ctx, x.ID, false); err != nil {
		t.Fatal(err)
	}

	// Bob's shared stand-up, his goal, an offer on Ada's request three
	// hours after it, and a Thanks each way.
	asked := mine.CreatedAt
	bobLog := peerplaypay.LogPublished{UID: peerplaypay.NewUID(), Day: today, Kind: peerplaypay.LogText, CreatedAt: now.UTC(),
		Table: peerplaypay.LogTable{Done: "bob's work", HelpNeeded: "a pair"}}
	bobGoal := peerplaypay.GoalSet{UID: peerplaypay.NewUID(), Title: "Bob's goal", Kind: peerplaypay.GoalResult, Level: peerplaypay.LevelTeam,
		Status: peerplaypay.StatusAtRisk, UpdatedAt: now.UTC(), Measure: peerplaypay.Measure{Type: peerplaypay.MeasureNumber, Start: 0, Target: 10, Current: 1}}
	offer := event(peerplaypay.EventHelpOffered, peerplaypay.LogHelpOffered{UID: peerplaypay.NewUID(), LogAuthor: meID, LogUID: mine.UID, Text: "I can review"})
	offer.At = asked.Add(3 * time.Hour)
	thanks := event(peerplaypay.EventThanksGiven, peerplaypay.ThanksGivenData{UID: peerplaypay.NewUID(), From: peerID, To: meID, Reason: "for the pairing"})
	if _, err := sqlite.NewShareStore(db).ApplyBatch(ctx, peerID, peerplaypay.SharePosition{Seq: 1, Hash: "x"}, []peerplaypay.ShareEvent{
		event(peerplaypay.EventLogPublished, bobLog), event(peerplaypay.EventGoalSet, bobGoal), offer, thanks}); err != nil {
		t.Fatal(err)
	}
	answers := sqlite.NewAnswerService(db, func(ctx context.Context) sqlite.People { return people(ctx).People })
	if _, err := answers.GiveThanks(ctx, peerplaypay.ThanksInput{To: peerID, Reason: "for the review"}); err != nil {
		t.Fatal(err)
	}

	team, err := store.Team(ctx, p, now)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(team)
	for _, secret := range []string{"Secret plan", "private worry", "my private day", "private evidence"} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("the team's insights show %q: %s", secret, raw)
		}
	}
	total := 0
	for _, w := range team.StandupsPerWeek {
		total += w.Count
	}
	if total != 2 {
		t.Errorf("team stand-ups = %d; want Ada's shared one and Bob's", total)
	}
	open := 0
	for _, s := range team.GoalsByStatus {
		open += s.Count
	}
	if open != 2 || len(team.AtRiskGoals) != 1 || team.AtRiskGoals[0].OwnerName != "Bob" {
		t.Errorf("team goals = %+v, at risk %+v; want Ada's team goal and Bob's", team.GoalsByStatus, team.AtRiskGoals)
	}
	if team.Help.Asked != 2 || team.Help.Answered != 1 || team.Help.Median != 3 {
		t.Errorf("team help = %+v", team.Help)
	}
	if len(team.Network.People) != 2 || team.Network.People[0].Name != "Ada" || len(team.Network.Links) != 2 {
		t.Errorf("network = %+v", team.Network)
	}

	me, err := store.Me(ctx, p, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(me.Goals.Goals) != 2 || me.Help.Asked != 2 || me.Help.Answered != 1 || me.Streak.Days != 1 || !me.Streak.TodayDone {
		t.Errorf("my insights: goals %+v, help %+v, streak %+v", me.Goals, me.Help, me.Streak)
	}
	if len(me.Thanks.Given) != 1 || me.Thanks.Given[0].Reason != "for the review" || len(me.Thanks.Received) != 1 || me.Thanks.Received[0].FromName != "Bob" {
		t.Errorf("my thanks = %+v", me.Thanks)
	}
}

// TestInsightsTeamStories: the team's success stories are the items on the
// session's stories part, found by its id or its name whatever its place,
// and not the items of other parts.
func TestInsightsTeamStories(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := MustOpenDB(t)
	store := sqlite.NewInsightsStore(db, func(context.Context) sqlite.SessionPeople {
		return sqlite.SessionPeople{People: sqlite.People{Me: meID, MyName: "Ada", Names: map[string]string{peerID: "Bob"}}, Active: []string{peerID, meID}}
	})
	raw, err := sql.Open("sqlite", db.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	day := time.Now().AddDate(0, 0, -3).Format(time.DateOnly)
	for _, q := range []struct{ part, text string }{
		{"stories", "The customer renewed"},
		{"moments", "A moment, not a story"},
		{"rethink", "A correction, not a story"},
	} {
		if _, err := raw.Exec(`INSERT INTO session_items (author, uid, session, part, part_id, text, created_at) VALUES (?, ?, ?, 0, ?, ?, ?)`,
			peerID, q.part+strings.Repeat("0", 32-len(q.part)), day, q.part, q.text, day+"T09:00:00Z"); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	team, err := store.Team(ctx, insights.Period{From: now.AddDate(0, 0, -29).Format(time.DateOnly), To: now.Format(time.DateOnly)}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(team.Stories) != 1 || team.Stories[0].Text != "The customer renewed" || team.Stories[0].AuthorName != "Bob" {
		t.Errorf("the team's stories: %+v; want Bob's one item on the stories part", team.Stories)
	}
}

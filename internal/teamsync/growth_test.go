package teamsync_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// synced syncs m and returns what the sync did.
func synced(t *testing.T, m *member) teamsync.Summary {
	t.Helper()
	sum, err := m.svc.Sync(context.Background(), nil)
	if err != nil || len(sum.Problems) > 0 {
		t.Fatalf("sync: %+v, %v", sum, err)
	}
	return sum
}

func memberID(t *testing.T, m *member) string {
	t.Helper()
	st, err := m.svc.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.MemberID
}

// TestGrowthThroughShare: private growth sends nothing through a real
// share; a shared session summary and a published framework reach the
// team; a peer assessment request and its answer reach only the two
// members concerned.
func TestGrowthThroughShare(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	share := filepath.Join(t.TempDir(), "share")
	ada, bob, cleo := newMember(t, "Ada"), newMember(t, "Bob"), newMember(t, "Cleo")
	if _, err := ada.svc.Create(ctx, share, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bob, share)
	join(t, ada, cleo, share)
	synced(t, ada)
	synced(t, bob)
	synced(t, cleo)
	adaG, bobG, cleoG := sqlite.NewGrowthService(ada.db), sqlite.NewGrowthService(bob.db), sqlite.NewGrowthService(cleo.db)

	t.Run("PrivateSendsNothing", func(t *testing.T) {
		before, _ := shareFiles(t, share, "")
		x, _ := adaG.CurrentSession(ctx)
		if _, err := adaG.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: "values.helping", Level: 4, Evidence: "private"}); err != nil {
			t.Fatal(err)
		}
		if _, err := adaG.FinishSession(ctx, x.ID, false); err != nil {
			t.Fatal(err)
		}
		b, _ := adaG.SaveBasic(ctx, &peerplaypay.Basic{Title: "Plan the day"})
		adaG.Tick(ctx, b.ID, "2026-11-19", true)
		adaG.AddLearning(ctx, &peerplaypay.Learning{What: "book", Minutes: 20, Kind: "read"})
		adaG.SaveReflection(ctx, &peerplaypay.Reflection{Minutes: 30, Note: "private"})
		adaG.SavePlan(ctx, &peerplaypay.Plan{ItemIDs: []string{"values.helping"}, Why: "private"})
		f, _ := adaG.Framework(ctx)
		f.Name = "Ada's own"
		if _, err := adaG.SaveFramework(ctx, f); err != nil {
			t.Fatal(err)
		}
		if sum := synced(t, ada); sum.SentEvents != 0 {
			t.Errorf("private growth sent %d events", sum.SentEvents)
		}
		if after, _ := shareFiles(t, share, ""); len(after) != len(before) {
			t.Errorf("the share gained files: %d -> %d", len(before), len(after))
		}
	})

	t.Run("SharedSession", func(t *testing.T) {
		x, _ := adaG.CurrentSession(ctx)
		adaG.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: "values.coaching", Level: 3, Evidence: "not for the team"})
		if _, err := adaG.FinishSession(ctx, x.ID, true); err != nil {
			t.Fatal(err)
		}
		if sum := synced(t, ada); sum.SentEvents != 1 {
			t.Errorf("sharing one session sent %d events", sum.SentEvents)
		}
		if sum := synced(t, bob); sum.Received != 1 {
			t.Errorf("Bob received %d events", sum.Received)
		}
	})

	t.Run("PublishedFramework", func(t *testing.T) {
		pub, err := adaG.PublishFramework(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if pub.Source != peerplaypay.FrameworkTeam || pub.Name != "Ada's own" {
			t.Fatalf("published %+v", pub)
		}
		synced(t, ada)
		synced(t, bob)
		got, _ := bobG.Framework(ctx)
		if got.ID != pub.ID || got.Version != pub.Version || got.Source != peerplaypay.FrameworkTeam || got.Author != memberID(t, ada) || got.Name != "Ada's own" {
			t.Fatalf("Bob's framework = %s@%d %s by %s", got.ID, got.Version, got.Source, got.Author)
		}
		// Bob assesses against it, and the session keeps its version.
		x, _ := bobG.CurrentSession(ctx)
		if x.FrameworkID != pub.ID || x.FrameworkVersion != pub.Version {
			t.Errorf("Bob's session uses %s@%d", x.FrameworkID, x.FrameworkVersion)
		}
		bobG.DiscardSession(ctx, x.ID)
	})

	t.Run("PeerAssessment", func(t *testing.T) {
		bobID := memberID(t, bob)
		v, err := adaG.AskPeer(ctx, bobID, []string{"values.helping", "communication.listening"})
		if err != nil {
			t.Fatal(err)
		}
		synced(t, ada)
		synced(t, bob)
		reqs, _ := bobG.PeerRequests(ctx)
		if len(reqs) != 1 || reqs[0].RequestUID != v.RequestUID || reqs[0].From != memberID(t, ada) || len(reqs[0].Items) != 2 || reqs[0].Items[0].Name == "" {
			t.Fatalf("Bob's requests = %+v", reqs)
		}
		if err := bobG.AnswerPeer(ctx, v.RequestUID, []peerplaypay.Answer{{ItemID: "values.helping", Level: 5, Evidence: "helped me on Tuesday"}}); err != nil {
			t.Fatal(err)
		}
		if err := bobG.AnswerPeer(ctx, v.RequestUID, []peerplaypay.Answer{{ItemID: "values.helping", Level: 5}}); peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
			t.Errorf("second answer: %v", err)
		}
		synced(t, bob)
		synced(t, ada)
		views, _ := adaG.PeerViews(ctx)
		if len(views) != 1 || views[0].AnsweredAt == "" || len(views[0].Answers) != 1 || views[0].Answers[0].Level != 5 ||
			views[0].Answers[0].Evidence != "helped me on Tuesday" {
			t.Fatalf("Ada's views = %+v", views)
		}
		if r, _ := bobG.PeerRequests(ctx); !r[0].Answered {
			t.Errorf("Bob's request not marked answered")
		}
		// Cleo's laptop carries the events but can read neither.
		if sum := synced(t, cleo); sum.Received < 2 {
			t.Errorf("Cleo received %d events; want the two envelopes at least", sum.Received)
		}
		if r, _ := cleoG.PeerRequests(ctx); len(r) != 0 {
			t.Errorf("Cleo sees Ada's request to Bob: %+v", r)
		}
	})

	t.Run("Leave", func(t *testing.T) {
		// Leaving drops what came from the team but keeps the framework
		// Bob's assessments may have been made against.
		if err := bob.svc.Leave(ctx); err != nil {
			t.Fatal(err)
		}
		if r, _ := bobG.PeerRequests(ctx); len(r) != 0 {
			t.Errorf("after leaving, Bob keeps %d requests", len(r))
		}
		if f, err := bobG.Framework(ctx); err != nil || f.Source != peerplaypay.FrameworkTeam {
			t.Errorf("after leaving, Bob's framework = %+v, %v", f, err)
		}
	})
}

// TestSharedSummariesThroughShare: of Ada's two sessions, only the one she
// shares reaches Bob, as levels without evidence; taking it back removes
// Bob's copy, and sharing it again brings it back.
func TestSharedSummariesThroughShare(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	share := filepath.Join(t.TempDir(), "share")
	ada, bob := newMember(t, "Ada"), newMember(t, "Bob")
	if _, err := ada.svc.Create(ctx, share, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bob, share)
	synced(t, ada)
	synced(t, bob)
	adaG, bobG := sqlite.NewGrowthService(ada.db), sqlite.NewGrowthService(bob.db)

	const sharedEvidence, privateEvidence = "paired with Bob on the parser", "a private doubt about the release"
	session := func(evidence string, level int) *peerplaypay.Session {
		t.Helper()
		x, _ := adaG.CurrentSession(ctx)
		for _, a := range []peerplaypay.Answer{
			{ItemID: "values.helping", Level: level, Evidence: evidence},
			{ItemID: "communication.listening", Level: level - 1, Evidence: evidence},
		} {
			if _, err := adaG.Answer(ctx, x.ID, a); err != nil {
				t.Fatal(err)
			}
		}
		if x, err := adaG.FinishSession(ctx, x.ID, false); err != nil {
			t.Fatal(err)
		} else {
			return x
		}
		return nil
	}
	private := session(privateEvidence, 3)
	public := session(sharedEvidence, 5)

	if _, err := adaG.ShareSession(ctx, public.ID); err != nil {
		t.Fatal(err)
	}
	if x, err := adaG.ShareSession(ctx, public.ID); err != nil || !x.Shared {
		t.Fatalf("sharing again: %+v, %v", x, err)
	}
	if sum := synced(t, ada); sum.SentEvents != 1 {
		t.Errorf("sharing one session (twice) sent %d events", sum.SentEvents)
	}
	synced(t, bob)
	got, err := bobG.TeamSummaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("Bob has %d summaries: %+v", len(got), got)
	}
	x := got[0]
	if x.UID != public.UID || x.Member != memberID(t, ada) || x.Day != public.Day || x.FrameworkID != peerplaypay.DefaultFrameworkID ||
		x.FrameworkName == "" || len(x.Levels) != 2 {
		t.Fatalf("Bob's summary = %+v", x)
	}
	// The default framework is on both laptops: names resolve, in its order.
	want := map[string]int{"values.helping": 5, "communication.listening": 4}
	for _, l := range x.Levels {
		if want[l.ItemID] != l.Level || l.ItemName == "" || l.GroupName == "" {
			t.Errorf("level %+v", l)
		}
	}
	if x.Levels[0].ItemID != "communication.listening" {
		t.Errorf("levels not in the framework's order: %+v", x.Levels)
	}
	noEvidence := func(when string) {
		t.Helper()
		for _, text := range []string{privateEvidence, sharedEvidence} {
			if _, found := shareFiles(t, share, text); found {
				t.Errorf("%s: evidence %q is in the share's files", when, text)
			}
		}
		// The share is sealed, so also read what Bob's laptop opened.
		evs, _ := sqlite.NewShareStore(bob.db).ReceivedEvents(ctx)
		for _, e := range evs {
			if strings.Contains(string(e.Data), sharedEvidence) || strings.Contains(string(e.Data), privateEvidence) ||
				strings.Contains(string(e.Data), private.UID) {
				t.Errorf("%s: Bob received %s %s", when, e.Kind, e.Data)
			}
		}
	}
	noEvidence("shared")

	t.Run("TakeBack", func(t *testing.T) {
		if x, err := adaG.UnshareSession(ctx, public.ID); err != nil || x.Shared {
			t.Fatalf("unshare: %+v, %v", x, err)
		}
		if sum := synced(t, ada); sum.SentEvents != 1 {
			t.Errorf("taking back sent %d events", sum.SentEvents)
		}
		if sum := synced(t, bob); sum.Received != 1 {
			t.Errorf("Bob received %d events", sum.Received)
		}
		if got, _ := bobG.TeamSummaries(ctx); len(got) != 0 {
			t.Errorf("after the take-back Bob still has %+v", got)
		}
		// Taking back what is not shared sends nothing.
		if _, err := adaG.UnshareSession(ctx, private.ID); err != nil {
			t.Fatal(err)
		}
		if sum := synced(t, ada); sum.SentEvents != 0 {
			t.Errorf("taking back a private session sent %d events", sum.SentEvents)
		}
		noEvidence("taken back")
	})

	t.Run("ShareAgain", func(t *testing.T) {
		if _, err := adaG.ShareSession(ctx, public.ID); err != nil {
			t.Fatal(err)
		}
		synced(t, ada)
		synced(t, bob)
		if got, _ := bobG.TeamSummaries(ctx); len(got) != 1 || got[0].UID != public.UID {
			t.Errorf("after sharing again Bob has %+v", got)
		}
		noEvidence("shared again")
	})

	t.Run("ErrInProgress", func(t *testing.T) {
		x, _ := adaG.CurrentSession(ctx)
		if _, err := adaG.ShareSession(ctx, x.ID); peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
			t.Errorf("sharing a session in progress: %v", err)
		}
	})
}

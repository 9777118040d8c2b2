package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// clock makes db's time start at t and advance a second per call, so rows
// written in order have times in order.
func clock(db *sqlite.DB, t time.Time) {
	db.Now = func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

func must[T any](tb testing.TB) func(T, error) T {
	return func(v T, err error) T {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		return v
	}
}

func joinTeam(t *testing.T, db *sqlite.DB) {
	t.Helper()
	if err := sqlite.NewShareStore(db).SaveTeamConfig(context.Background(),
		&peerplaypay.TeamConfig{Location: t.TempDir(), TeamID: "aa", State: peerplaypay.TeamMember}); err != nil {
		t.Fatal(err)
	}
}

func TestGrowthFramework(t *testing.T) {
	ctx := context.Background()

	t.Run("VersionsKeptByOldSessions", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewGrowthService(db)
		f := must[*peerplaypay.Framework](t)(s.Framework(ctx))
		if f.ID != peerplaypay.DefaultFrameworkID || f.Version != 1 || f.Source != peerplaypay.FrameworkDefault {
			t.Fatalf("first framework = %s@%d %s", f.ID, f.Version, f.Source)
		}
		x := must[*peerplaypay.Session](t)(s.CurrentSession(ctx))
		must[*peerplaypay.Session](t)(s.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: "craft.quality", Level: 3, Evidence: "the importer"}))
		must[*peerplaypay.Session](t)(s.FinishSession(ctx, x.ID, false))

		// Rename an item and drop another: a new version.
		f.Groups[0].Items[0].Name = "Craftsmanship"
		f.Groups[0].Items = f.Groups[0].Items[:3]
		v2 := must[*peerplaypay.Framework](t)(s.SaveFramework(ctx, f))
		if v2.Version != 2 || v2.Source != peerplaypay.FrameworkLocal || v2.ID == peerplaypay.DefaultFrameworkID {
			t.Fatalf("saved = %s@%d %s", v2.ID, v2.Version, v2.Source)
		}
		v3 := must[*peerplaypay.Framework](t)(s.SaveFramework(ctx, v2))
		if v3.ID != v2.ID || v3.Version != 3 {
			t.Fatalf("second save = %s@%d; want %s@3", v3.ID, v3.Version, v2.ID)
		}
		if cur := must[*peerplaypay.Framework](t)(s.Framework(ctx)); cur.Version != 3 || cur.Groups[0].Items[0].Name != "Craftsmanship" {
			t.Fatalf("current = %s@%d", cur.ID, cur.Version)
		}
		old := must[[]*peerplaypay.Session](t)(s.Sessions(ctx))
		if len(old) != 1 || old[0].FrameworkID != peerplaypay.DefaultFrameworkID || old[0].FrameworkVersion != 1 {
			t.Fatalf("old session = %+v", old)
		}
		// The old session is shown against its own version, names and all.
		ofV1 := must[*peerplaypay.Framework](t)(s.FrameworkVersion(ctx, old[0].FrameworkID, old[0].FrameworkVersion))
		if ofV1.Groups[0].Items[0].Name != "Quality of work" || ofV1.Item("craft.current") == nil {
			t.Errorf("version 1 changed: %+v", ofV1.Groups[0].Items[0])
		}
		// A new session uses the new version.
		if x := must[*peerplaypay.Session](t)(s.CurrentSession(ctx)); x.FrameworkID != v3.ID || x.FrameworkVersion != 3 {
			t.Errorf("new session on %s@%d", x.FrameworkID, x.FrameworkVersion)
		}
		if r := must[*peerplaypay.Framework](t)(s.ResetFramework(ctx)); r.ID != peerplaypay.DefaultFrameworkID {
			t.Errorf("reset to %s", r.ID)
		}
	})

	t.Run("PublishedKeepsItsID", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewGrowthService(db)
		if _, err := s.PublishFramework(ctx); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
			t.Errorf("publish without a team: %v", err)
		}
		joinTeam(t, db)
		pub := must[*peerplaypay.Framework](t)(s.PublishFramework(ctx))
		if pub.ID == peerplaypay.DefaultFrameworkID || pub.Source != peerplaypay.FrameworkTeam || pub.Version != 1 {
			t.Fatalf("published = %s@%d %s", pub.ID, pub.Version, pub.Source)
		}
		// Our own team framework, edited and published again, stays one
		// framework with a new version.
		next := must[*peerplaypay.Framework](t)(s.SaveFramework(ctx, pub))
		again := must[*peerplaypay.Framework](t)(s.PublishFramework(ctx))
		if next.ID != pub.ID || again.ID != pub.ID || again.Version != 2 || again.Source != peerplaypay.FrameworkTeam {
			t.Errorf("edited = %s@%d, published again = %s@%d %s", next.ID, next.Version, again.ID, again.Version, again.Source)
		}
		if ev := outbox(t, db); len(ev) != 2 || ev[1].Kind != peerplaypay.EventFrameworkPublished {
			t.Errorf("outbox = %+v", ev)
		}
	})

	t.Run("BadImportLeavesCurrent", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewGrowthService(db)
		f := must[*peerplaypay.Framework](t)(s.Framework(ctx))
		f.Name = "Ours"
		must[*peerplaypay.Framework](t)(s.SaveFramework(ctx, f))
		var file strings.Builder
		must[*peerplaypay.Framework](t)(peerplaypay.ExportFramework(ctx, s, &file))
		good := file.String()
		for _, c := range []struct{ name, old, new, want string }{
			{"Syntax", `"name": "Ours",`, `"name": "Ours"`, "line 4: the JSON is not well formed"},
			{"WrongType", `"behaviour": false`, `"behaviour": "no"`, "line 20: the field groups.items.behaviour must be true or false"},
			{"DuplicateItem", `"id": "craft.tools"`, `"id": "craft.quality"`, `line 23: the item id "craft.quality" is used twice`},
		} {
			bad := strings.Replace(good, c.old, c.new, 1)
			_, err := peerplaypay.ImportFramework(ctx, s, []byte(bad))
			if peerplaypay.ErrorCode(err) != peerplaypay.EINVALID || !strings.HasPrefix(peerplaypay.ErrorMessage(err), c.want) {
				t.Errorf("%s: err = %v; want %q", c.name, err, c.want)
			}
			if cur := must[*peerplaypay.Framework](t)(s.Framework(ctx)); cur.Version != 2 || cur.Name != "Ours" {
				t.Errorf("%s: a bad file changed the current framework to %s@%d", c.name, cur.Name, cur.Version)
			}
		}
		g := must[*peerplaypay.Framework](t)(peerplaypay.ImportFramework(ctx, s, []byte(strings.Replace(good, `"Ours"`, `"Imported"`, 1))))
		if g.Name != "Imported" || g.Version != 3 {
			t.Errorf("good import = %s@%d", g.Name, g.Version)
		}
	})
}

func TestGrowthSessionKillSafe(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s := sqlite.NewGrowthService(db)
	x := must[*peerplaypay.Session](t)(s.CurrentSession(ctx))
	must[*peerplaypay.Session](t)(s.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: "craft.quality", Level: 2, Evidence: "first"}))
	must[*peerplaypay.Session](t)(s.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: "values.helping", Level: 4}))
	// A second rating of the same item replaces the first.
	must[*peerplaypay.Session](t)(s.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: "craft.quality", Level: 3, Evidence: "better"}))
	if _, err := s.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: "craft.quality", Level: 6}); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
		t.Errorf("level 6: %v", err)
	}
	if _, err := s.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: "no.such", Level: 2}); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
		t.Errorf("unknown item: %v", err)
	}
	db.Close() // nothing was finished: as if the app were killed here

	db = MustReopen(t, path)
	s = sqlite.NewGrowthService(db)
	y := must[*peerplaypay.Session](t)(s.CurrentSession(ctx))
	if y.ID != x.ID || y.FinishedAt != "" || len(y.Answers) != 2 {
		t.Fatalf("resumed session = %+v", y)
	}
	byItem := map[string]peerplaypay.Answer{}
	for _, a := range y.Answers {
		byItem[a.ItemID] = a
	}
	if a := byItem["craft.quality"]; a.Level != 3 || a.Evidence != "better" {
		t.Errorf("craft.quality = %+v", a)
	}
	done := must[*peerplaypay.Session](t)(s.FinishSession(ctx, y.ID, false))
	if done.FinishedAt == "" || done.Shared {
		t.Errorf("finished = %+v", done)
	}
	if _, err := s.Answer(ctx, y.ID, peerplaypay.Answer{ItemID: "craft.quality", Level: 1}); peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
		t.Errorf("answer into a finished session: %v", err)
	}
	last := must[[]peerplaypay.LastRating](t)(s.LastRatings(ctx))
	if len(last) != 2 {
		t.Errorf("last ratings = %+v", last)
	}
	// An empty session cannot be finished; it can be discarded.
	z := must[*peerplaypay.Session](t)(s.CurrentSession(ctx))
	if _, err := s.FinishSession(ctx, z.ID, false); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
		t.Errorf("finish empty: %v", err)
	}
	if err := s.DiscardSession(ctx, z.ID); err != nil {
		t.Fatal(err)
	}
	if n := len(must[[]*peerplaypay.Session](t)(s.Sessions(ctx))); n != 1 {
		t.Errorf("%d finished sessions", n)
	}
}

// MustReopen opens the database at path again.
func MustReopen(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestGrowthPractice(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	// Thursday 2026-11-19, at noon.
	clock(db, time.Date(2026, 11, 19, 12, 0, 0, 0, time.Local))
	s := sqlite.NewGrowthService(db)

	p := must[*peerplaypay.Practice](t)(s.Practice(ctx, "2026-11-19"))
	if *p != (peerplaypay.Practice{Day: "2026-11-19", ReflectionTarget: 30}) {
		t.Fatalf("empty practice = %+v", p)
	}

	plan := must[*peerplaypay.Basic](t)(s.SaveBasic(ctx, &peerplaypay.Basic{Title: " Plan the day "}))
	walk := must[*peerplaypay.Basic](t)(s.SaveBasic(ctx, &peerplaypay.Basic{Title: "Walk"}))
	old := must[*peerplaypay.Basic](t)(s.SaveBasic(ctx, &peerplaypay.Basic{Title: "Old habit"}))
	if plan.Title != "Plan the day" || walk.Order <= plan.Order {
		t.Errorf("basics = %+v %+v", plan, walk)
	}
	for _, d := range []string{"2026-11-16", "2026-11-17", "2026-11-19"} {
		if err := s.Tick(ctx, plan.ID, d, true); err != nil {
			t.Fatal(err)
		}
	}
	s.Tick(ctx, plan.ID, "2026-11-19", true) // twice is once
	s.Tick(ctx, walk.ID, "2026-11-18", true)
	s.Tick(ctx, old.ID, "2026-11-19", true)
	old.Archived = true
	must[*peerplaypay.Basic](t)(s.SaveBasic(ctx, old))
	s.Tick(ctx, walk.ID, "2026-11-19", true)
	if err := s.Tick(ctx, walk.ID, "2026-11-19", false); err != nil { // undone
		t.Fatal(err)
	}
	if err := s.Tick(ctx, 999, "2026-11-19", true); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
		t.Errorf("tick of no basic: %v", err)
	}

	// The heat map's data: the days each basic was done, a missed day absent.
	r := must[*peerplaypay.BasicsRange](t)(s.Basics(ctx, "2026-11-16", "2026-11-19"))
	var got []string
	for _, tk := range r.Ticks {
		if tk.BasicID == plan.ID {
			got = append(got, tk.Day)
		}
	}
	if strings.Join(got, ",") != "2026-11-16,2026-11-17,2026-11-19" || len(r.Basics) != 3 || len(r.Ticks) != 5 {
		t.Errorf("range = %+v", r)
	}

	// Learning: last Sunday is another week; Monday to today counts.
	for _, l := range []peerplaypay.Learning{
		{Day: "2026-11-15", What: "Sunday book", Minutes: 50, Kind: "read"},
		{Day: "2026-11-16", What: "Monday talk", Minutes: 20, Kind: "watched"},
		{Day: "2026-11-19", What: "Kata", Minutes: 15, Kind: "practised", ItemIDs: []string{"craft.tools"}},
		{What: "Podcast", Minutes: 10, Kind: "listened"}, // today
	} {
		must[*peerplaypay.Learning](t)(s.AddLearning(ctx, &l))
	}
	if _, err := s.AddLearning(ctx, &peerplaypay.Learning{What: "x", Minutes: 0}); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
		t.Errorf("0 minutes: %v", err)
	}
	must[*peerplaypay.Reflection](t)(s.SaveReflection(ctx, &peerplaypay.Reflection{Minutes: 20, Note: "calm"}))
	must[*peerplaypay.Reflection](t)(s.SaveReflection(ctx, &peerplaypay.Reflection{Day: "2026-11-19", Minutes: 7}))
	must[*peerplaypay.GrowthSettings](t)(s.SaveSettings(ctx, &peerplaypay.GrowthSettings{ReflectionMinutes: 25}))
	logs := sqlite.NewLogService(db)
	MustCreateLog(t, logs, peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: "x"}})

	p = must[*peerplaypay.Practice](t)(s.Practice(ctx, ""))
	want := peerplaypay.Practice{Day: "2026-11-19", Standup: true, BasicsDone: 1, BasicsTotal: 2, ReflectionMinutes: 27,
		ReflectionTarget: 25, LearningMinutes: 25, WeekLearningMinutes: 45}
	if *p != want {
		t.Errorf("practice = %+v\nwant       %+v", *p, want)
	}
	if p := must[*peerplaypay.Practice](t)(s.Practice(ctx, "2026-11-15")); p.Standup || p.WeekLearningMinutes != 50 {
		t.Errorf("Sunday's practice = %+v", p)
	}
	if l := must[[]*peerplaypay.Learning](t)(s.Learning(ctx, "2026-11-16", "2026-11-19")); len(l) != 3 || l[0].Day != "2026-11-19" {
		t.Errorf("learning of the week = %d", len(l))
	}

	// A reflection is kept while the timer runs and updated at its end.
	refl := must[*peerplaypay.Reflection](t)(s.SaveReflection(ctx, &peerplaypay.Reflection{StartedAt: "2026-11-19T11:00:00Z", Minutes: 1, Prompt: "p"}))
	refl.Minutes, refl.Note = 30, "done"
	must[*peerplaypay.Reflection](t)(s.SaveReflection(ctx, refl))
	if rs := must[[]*peerplaypay.Reflection](t)(s.Reflections(ctx, "2026-11-19", "2026-11-19")); len(rs) != 3 || rs[0].Minutes+rs[1].Minutes+rs[2].Minutes != 57 {
		t.Errorf("reflections = %d", len(rs))
	}
	if _, err := s.SaveReflection(ctx, &peerplaypay.Reflection{StartedAt: "yesterday", Minutes: 3}); peerplaypay.ErrorField(err) != "startedAt" {
		t.Errorf("bad start: %v", err)
	}

	// The prompt rotates with every saved reflection.
	p1 := must[string](t)(s.Prompt(ctx))
	must[*peerplaypay.Reflection](t)(s.SaveReflection(ctx, &peerplaypay.Reflection{Minutes: 1}))
	if p2 := must[string](t)(s.Prompt(ctx)); p2 == p1 || p2 == "" {
		t.Errorf("prompt stayed %q", p1)
	}
}

// TestGrowthPrivate does everything the growth area offers privately and
// checks that nothing reaches the outbox; then shares one session and
// checks that exactly its summary does, without evidence.
func TestGrowthPrivate(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	joinTeam(t, db)
	s := sqlite.NewGrowthService(db)

	f := must[*peerplaypay.Framework](t)(s.Framework(ctx))
	f.Name = "Edited"
	must[*peerplaypay.Framework](t)(s.SaveFramework(ctx, f))
	x := must[*peerplaypay.Session](t)(s.CurrentSession(ctx))
	must[*peerplaypay.Session](t)(s.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: "craft.quality", Level: 3, Evidence: "secret evidence"}))
	must[*peerplaypay.Session](t)(s.FinishSession(ctx, x.ID, false))
	plan := must[*peerplaypay.Plan](t)(s.SavePlan(ctx, &peerplaypay.Plan{ItemIDs: []string{"craft.quality"}, Why: "w", Actions: []string{"a"}, Target: "2026-12-31"}))
	must[*peerplaypay.Plan](t)(s.SetPlanGoal(ctx, plan.ID, 7))
	b := must[*peerplaypay.Basic](t)(s.SaveBasic(ctx, &peerplaypay.Basic{Title: "Plan the day"}))
	s.Tick(ctx, b.ID, "2026-11-19", true)
	must[*peerplaypay.Learning](t)(s.AddLearning(ctx, &peerplaypay.Learning{What: "book", Minutes: 30, Kind: "read"}))
	must[*peerplaypay.Reflection](t)(s.SaveReflection(ctx, &peerplaypay.Reflection{Minutes: 30, Note: "private"}))
	must[*peerplaypay.GrowthSettings](t)(s.SaveSettings(ctx, &peerplaypay.GrowthSettings{ReflectionMinutes: 20}))
	y := must[*peerplaypay.Session](t)(s.CurrentSession(ctx))
	must[*peerplaypay.Session](t)(s.Answer(ctx, y.ID, peerplaypay.Answer{ItemID: "values.helping", Level: 4, Evidence: "helped Ada"}))
	if ev := outbox(t, db); len(ev) != 0 {
		t.Fatalf("private growth wrote %d share events: %+v", len(ev), ev)
	}

	must[*peerplaypay.Session](t)(s.FinishSession(ctx, y.ID, true))
	ev := outbox(t, db)
	if len(ev) != 1 || ev[0].Kind != peerplaypay.EventAssessmentShared {
		t.Fatalf("after sharing one session: %+v", ev)
	}
	if data := string(ev[0].Data); !strings.Contains(data, `"values.helping"`) || strings.Contains(data, "helped Ada") || strings.Contains(data, "craft.quality") {
		t.Errorf("shared summary = %s", data)
	}
}

func TestGrowthPlans(t *testing.T) {
	ctx := context.Background()
	s := sqlite.NewGrowthService(MustOpenDB(t))
	if _, err := s.SavePlan(ctx, &peerplaypay.Plan{}); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
		t.Errorf("empty plan: %v", err)
	}
	if _, err := s.SavePlan(ctx, &peerplaypay.Plan{Why: "x", Target: "soon"}); peerplaypay.ErrorField(err) != "target" {
		t.Errorf("bad target: %v", err)
	}
	p := must[*peerplaypay.Plan](t)(s.SavePlan(ctx, &peerplaypay.Plan{ItemIDs: []string{"craft.quality", " "}, Actions: []string{"pair weekly", ""}}))
	p.Done = true
	must[*peerplaypay.Plan](t)(s.SavePlan(ctx, p))
	all := must[[]*peerplaypay.Plan](t)(s.Plans(ctx))
	if len(all) != 1 || !all[0].Done || len(all[0].ItemIDs) != 1 || len(all[0].Actions) != 1 {
		t.Errorf("plans = %+v", all[0])
	}
	if err := s.DeletePlan(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SavePlan(ctx, p); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
		t.Errorf("save deleted: %v", err)
	}
}

// BenchmarkAnswer measures saving one rating, which happens on every
// keypress-confirmed answer of a session.
func BenchmarkAnswer(b *testing.B) {
	ctx := context.Background()
	s := sqlite.NewGrowthService(MustOpenDB(b))
	x, err := s.CurrentSession(ctx)
	if err != nil {
		b.Fatal(err)
	}
	items := []string{"craft.quality", "craft.tools", "values.helping"}
	for i := 0; b.Loop(); i++ {
		if _, err := s.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: items[i%3], Level: i%5 + 1, Evidence: "evidence"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPractice measures Today's practice over a year of data.
func BenchmarkPractice(b *testing.B) {
	ctx := context.Background()
	s := sqlite.NewGrowthService(MustOpenDB(b))
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	bs := []*peerplaypay.Basic{}
	for _, t := range []string{"Plan", "Walk", "Read"} {
		bb, _ := s.SaveBasic(ctx, &peerplaypay.Basic{Title: t})
		bs = append(bs, bb)
	}
	for i := range 365 {
		d := day.AddDate(0, 0, i).Format(time.DateOnly)
		for _, bb := range bs {
			s.Tick(ctx, bb.ID, d, true)
		}
		s.AddLearning(ctx, &peerplaypay.Learning{Day: d, What: "x", Minutes: 20, Kind: "read"})
		s.SaveReflection(ctx, &peerplaypay.Reflection{Day: d, Minutes: 30})
	}
	for b.Loop() {
		if _, err := s.Practice(ctx, "2026-12-31"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestGrowthTeamSummaries: peers' shared summaries are applied once, a
// take-back removes only its author's copy, malformed events are skipped,
// and names resolve only against a framework version this laptop has.
func TestGrowthTeamSummaries(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	clock(db, time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC))
	s, store := sqlite.NewGrowthService(db), sqlite.NewShareStore(db)
	seq := uint64(0)
	apply := func(author string, events ...peerplaypay.ShareEvent) {
		t.Helper()
		seq++
		if _, err := store.ApplyBatch(ctx, author, peerplaypay.SharePosition{Seq: seq, Hash: "h"}, events); err != nil {
			t.Fatal(err)
		}
	}
	ev := func(id, kind, data string) peerplaypay.ShareEvent {
		return peerplaypay.ShareEvent{ID: id, Kind: kind, V: 1, At: time.Now(), Data: []byte(data)}
	}
	must[*peerplaypay.Framework](t)(s.Framework(ctx)) // the default framework is stored on first use
	shared := ev("e1", peerplaypay.EventAssessmentShared, `{"uid":"u1","frameworkId":"default","frameworkVersion":1,"day":"2026-11-18",
		"levels":[{"itemId":"values.helping","level":4},{"itemId":"craft.quality","level":3}]}`)
	apply("bob", shared, ev("e2", peerplaypay.EventAssessmentShared, `{"uid":"u2","frameworkId":"theirs","frameworkVersion":7,"day":"2026-11-19",
		"levels":[{"itemId":"ops.oncall","level":2}]}`), ev("e3", peerplaypay.EventAssessmentShared, `not json`),
		ev("e4", peerplaypay.EventAssessmentUnshared, `{}`))
	apply("bob", shared) // replayed: applied once

	got := must[[]*peerplaypay.TeamSummary](t)(s.TeamSummaries(ctx))
	if len(got) != 2 || got[0].UID != "u2" || got[1].UID != "u1" {
		t.Fatalf("summaries, newest first = %+v", got)
	}
	if x := got[0]; x.FrameworkName != "" || x.Levels[0].ItemID != "ops.oncall" || x.Levels[0].ItemName != "" || x.Member != "bob" {
		t.Errorf("a framework not here: %+v", x)
	}
	// Named, and in the framework's order: craft before values.
	if x := got[1]; x.FrameworkName == "" || x.Levels[0].ItemID != "craft.quality" || x.Levels[0].ItemName == "" || x.Levels[0].GroupName == "" ||
		x.Levels[1].Level != 4 {
		t.Errorf("a framework here: %+v", x)
	}

	// Cleo cannot take back Bob's summary; Bob can, and again is no error.
	apply("cleo", ev("e5", peerplaypay.EventAssessmentUnshared, `{"uid":"u1"}`))
	if got := must[[]*peerplaypay.TeamSummary](t)(s.TeamSummaries(ctx)); len(got) != 2 {
		t.Fatalf("another member took back Bob's summary: %+v", got)
	}
	apply("bob", ev("e6", peerplaypay.EventAssessmentUnshared, `{"uid":"u1"}`), ev("e7", peerplaypay.EventAssessmentUnshared, `{"uid":"u1"}`))
	if got := must[[]*peerplaypay.TeamSummary](t)(s.TeamSummaries(ctx)); len(got) != 1 || got[0].UID != "u2" {
		t.Fatalf("after Bob's take-back: %+v", got)
	}
	// Shared again later: a new event of the same uid.
	apply("bob", ev("e8", peerplaypay.EventAssessmentShared, string(shared.Data)))
	if got := must[[]*peerplaypay.TeamSummary](t)(s.TeamSummaries(ctx)); len(got) != 2 {
		t.Fatalf("after sharing again: %+v", got)
	}
}

// TestGrowthShareLater: a finished private session can be shared later and
// taken back; each change is one event, and the summary has no evidence.
func TestGrowthShareLater(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s := sqlite.NewGrowthService(db)
	x := must[*peerplaypay.Session](t)(s.CurrentSession(ctx))
	must[*peerplaypay.Session](t)(s.Answer(ctx, x.ID, peerplaypay.Answer{ItemID: "values.helping", Level: 4, Evidence: "helped Ada"}))
	must[*peerplaypay.Session](t)(s.FinishSession(ctx, x.ID, false))

	t.Run("ErrNoTeam", func(t *testing.T) {
		if _, err := s.ShareSession(ctx, x.ID); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
			t.Errorf("share without a team: %v", err)
		}
		if _, err := s.ShareSession(ctx, 999); peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Errorf("share of no session: %v", err)
		}
	})
	joinTeam(t, db)
	t.Run("OK", func(t *testing.T) {
		if y := must[*peerplaypay.Session](t)(s.ShareSession(ctx, x.ID)); !y.Shared {
			t.Errorf("not shared: %+v", y)
		}
		must[*peerplaypay.Session](t)(s.ShareSession(ctx, x.ID))
		if y := must[*peerplaypay.Session](t)(s.UnshareSession(ctx, x.ID)); y.Shared {
			t.Errorf("still shared: %+v", y)
		}
		must[*peerplaypay.Session](t)(s.UnshareSession(ctx, x.ID))
		ev := outbox(t, db)
		if len(ev) != 2 || ev[0].Kind != peerplaypay.EventAssessmentShared || ev[1].Kind != peerplaypay.EventAssessmentUnshared {
			t.Fatalf("outbox = %+v", ev)
		}
		if strings.Contains(string(ev[0].Data), "helped Ada") || string(ev[1].Data) != `{"uid":"`+x.UID+`"}` {
			t.Errorf("events: %s %s", ev[0].Data, ev[1].Data)
		}
		if xs := must[[]*peerplaypay.Session](t)(s.Sessions(ctx)); xs[0].Shared {
			t.Errorf("stored as shared after the take-back")
		}
	})
}

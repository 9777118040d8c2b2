package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"peerplaypay/app"
	"peerplaypay/internal/peerplaypay"
)

// jsonKeys returns the JSON field names of v, sorted.
func jsonKeys(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func TestGrowthFacade(t *testing.T) {
	dir := t.TempDir()
	var changed atomic.Int32
	exportTo := filepath.Join(t.TempDir(), "framework")
	var importFrom string
	a := app.New(app.Config{DataDir: dir, Version: "test",
		Emit: func(topic string, _ any) {
			if topic == app.EventGrowthChanged {
				changed.Add(1)
			}
		},
		Dialog: func(r app.DialogRequest) (string, error) {
			if r.Kind == app.DialogSave {
				return exportTo, nil
			}
			return importFrom, nil
		},
	}, quiet)
	if err := a.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	gf, asm, dp := app.NewGrowthFramework(a), app.NewAssessment(a), app.NewDailyPractice(a)

	f, err := gf.Framework()
	if err != nil {
		t.Fatal(err)
	}
	x, err := asm.CurrentSession()
	if err != nil {
		t.Fatal(err)
	}
	if x, err = asm.Answer(x.ID, peerplaypay.Answer{ItemID: "craft.quality", Level: 3, Evidence: "e"}); err != nil {
		t.Fatal(err)
	}
	if changed.Load() != 0 {
		t.Errorf("reading and answering emitted growth:changed")
	}
	if x, err = asm.FinishSession(x.ID, false); err != nil {
		t.Fatal(err)
	}
	if changed.Load() != 1 {
		t.Errorf("finishing emitted growth:changed %d times", changed.Load())
	}
	// Without a team, a summary cannot be shared; taking back one that is
	// not shared is nothing to do; teammates' summaries are [] for the page.
	if _, err := asm.ShareSession(x.ID); err == nil || !strings.Contains(err.Error(), "team") {
		t.Errorf("share without a team: %v", err)
	}
	before := changed.Load()
	if s, err := asm.UnshareSession(x.ID); err != nil || s.Shared || s.ID != x.ID {
		t.Errorf("unshare: %+v, %v", s, err)
	}
	if changed.Load() != before+1 {
		t.Errorf("taking back did not emit growth:changed")
	}
	if ts, err := asm.TeamSummaries(); err != nil || ts == nil || len(ts) != 0 {
		t.Errorf("team summaries = %#v, %v", ts, err)
	}
	changed.Store(1)
	p, _ := dp.Day("")
	b, _ := dp.Basics("", "")
	views, _ := asm.PeerViews()
	reqs, _ := asm.PeerRequests()
	plan, _ := asm.SavePlan(peerplaypay.Plan{Why: "w"})
	l, _ := dp.AddLearning(peerplaypay.Learning{What: "w", Minutes: 5, Kind: "read"})
	r, _ := dp.SaveReflection(peerplaypay.Reflection{Minutes: 5})
	last, _ := asm.LastRatings()
	set, _ := dp.Settings()
	if views == nil || reqs == nil {
		t.Errorf("empty lists must be [] for the page, not null")
	}

	// The JSON names are the contract with the page.
	for _, c := range []struct {
		v    any
		want string
	}{
		{f, "author,authorName,groups,id,name,source,updatedAt,version"},
		{f.Groups[0], "id,items,name"},
		{f.Groups[0].Items[0], "behaviour,description,id,levels,name"},
		{x, "answers,day,finishedAt,frameworkId,frameworkVersion,id,shared,startedAt,uid"},
		{x.Answers[0], "at,evidence,itemId,level"},
		{last[0], "day,evidence,itemId,level"},
		{peerplaypay.PeerView{}, "answeredAt,answers,askedAt,itemIds,peer,peerName,requestUid"},
		{peerplaypay.PeerRequest{}, "answered,askedAt,from,fromName,items,requestUid"},
		{peerplaypay.TeamSummary{}, "day,frameworkId,frameworkName,frameworkVersion,levels,member,memberName,uid"},
		{peerplaypay.TeamLevel{}, "groupId,groupName,itemId,itemName,level"},
		{plan, "actions,done,goalId,id,itemIds,resources,target,updatedAt,why"},
		{l, "day,id,itemIds,kind,minutes,takeaways,what"},
		{b, "basics,from,ticks,to"},
		{peerplaypay.Basic{}, "archived,id,order,title"},
		{peerplaypay.Tick{}, "basicId,day"},
		{r, "day,id,minutes,note,prompt,startedAt"},
		{p, "basicsDone,basicsTotal,day,learningMinutes,reflectionMinutes,reflectionTarget,standup,weekLearningMinutes"},
		{set, "reflectionMinutes"},
	} {
		if got := jsonKeys(t, c.v); got != c.want {
			t.Errorf("%T: %s\nwant %s", c.v, got, c.want)
		}
	}

	// What the page sends, with its empty strings, decodes into the
	// arguments (Wails decodes them with encoding/json).
	var ans peerplaypay.Answer
	var pl peerplaypay.Plan
	var fw peerplaypay.Framework
	for _, c := range []struct {
		js string
		v  any
	}{
		{`{"itemId": "craft.tools", "level": 2, "evidence": "", "at": ""}`, &ans},
		{`{"id": 0, "itemIds": [], "why": "w", "actions": [], "resources": [], "target": "", "goalId": 0, "done": false, "updatedAt": ""}`, &pl},
		{`{"id": "", "name": "N", "version": 0, "groups": [], "source": "local", "authorName": "", "updatedAt": ""}`, &fw},
	} {
		if err := json.Unmarshal([]byte(c.js), c.v); err != nil {
			t.Errorf("%T from the page: %v", c.v, err)
		}
	}
	x2, _ := asm.CurrentSession()
	if s, err := asm.Answer(x2.ID, ans); err != nil || s.Answers[0].At == "" {
		t.Errorf("answer from the page: %v", err)
	}
	if p, err := asm.SavePlan(pl); err != nil || p.UpdatedAt == "" {
		t.Errorf("plan from the page: %v", err)
	}
	fw.Groups = f.Groups
	if saved, err := gf.SaveFramework(fw); err != nil || saved.Version != 2 {
		t.Errorf("framework from the page: %v", err)
	}
	gf.ResetFramework()

	// A plan becomes a private behaviour goal scaled by the item's levels.
	withItems, err := asm.SavePlan(peerplaypay.Plan{ItemIDs: []string{"craft.quality"}, Why: "fewer bugs", Actions: []string{"review daily"}, Target: "2099-01-31"})
	if err != nil {
		t.Fatal(err)
	}
	linked, err := asm.PlanGoal(withItems.ID)
	if err != nil || linked.GoalID == 0 {
		t.Fatalf("plan goal = %+v, %v", linked, err)
	}
	goal, err := app.NewGoals(a).Get(linked.GoalID)
	if err != nil {
		t.Fatal(err)
	}
	if gl := goal.Goal; gl.Title != "Grow: Quality of work" || gl.Kind != peerplaypay.GoalBehaviour || gl.Visibility != peerplaypay.VisibilityPrivate ||
		gl.Measure.Type != peerplaypay.MeasureScale || len(gl.Measure.Levels) != 5 || gl.Due != "2099-01-31" || !strings.Contains(gl.Description, "- review daily") {
		t.Errorf("goal from the plan = %+v", gl)
	}
	if again, err := asm.PlanGoal(withItems.ID); err != nil || again.GoalID != linked.GoalID {
		t.Errorf("a second goal from the same plan: %+v, %v", again, err)
	}
	if _, err := asm.PlanGoal(9999); err == nil {
		t.Error("a goal from no plan")
	}

	// Export and import through the dialogs; a bad file changes nothing.
	path, err := gf.ExportFramework()
	if err != nil || path != exportTo+".json" {
		t.Fatalf("export = %q, %v", path, err)
	}
	data, _ := os.ReadFile(path)
	importFrom = filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(importFrom, []byte(strings.Replace(string(data), `"Craft"`, `""`, 1)), 0o644)
	_, err = gf.ImportFramework()
	if code, msg, _ := decode(t, err); code != peerplaypay.EINVALID || !strings.HasPrefix(msg, `line 7: the group "craft" needs a name`) {
		t.Errorf("bad import: %s %q", code, msg)
	}
	if cur, _ := gf.Framework(); cur.Version != 1 || cur.Groups[0].Name != "Craft" {
		t.Errorf("a bad import changed the framework")
	}
	importFrom = ""
	if cur, err := gf.ImportFramework(); err != nil || cur.Version != 1 {
		t.Errorf("cancelled import: %v", err)
	}
	exportTo = ""
	if path, err := gf.ExportFramework(); err != nil || path != "" {
		t.Errorf("cancelled export = %q, %v", path, err)
	}

	// Asking someone who is not in the team is refused.
	_, err = asm.AskPeer("abcd", []string{"craft.quality"})
	if code, _, field := decode(t, err); code != peerplaypay.EINVALID || field != "peer" {
		t.Errorf("ask a stranger: %s %s", code, field)
	}
	if _, err := dp.SaveSettings(peerplaypay.GrowthSettings{ReflectionMinutes: 0}); err == nil {
		t.Error("0 minutes of reflection accepted")
	}
	if !slices.ContainsFunc(peerplaypay.JournalPrompts, func(s string) bool { p, _ := dp.Prompt(); return s == p }) {
		t.Error("the prompt is not one of the journal prompts")
	}
	// Without a desktop notification service this only logs.
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "none"))
	dp.Notify("Reflection done", "30 minutes")
}

package app

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"peerplaypay/internal/frameworkfile"
	"peerplaypay/internal/peerplaypay"
)

// EventGrowthChanged tells the page to read the growth area again: after
// any change, including one a sync brought (a published framework, a
// peer's request or answer). It has no payload.
const EventGrowthChanged = "growth:changed"

// Growth is bound to the frontend: the skills framework, self-assessment,
// peer views, the development plan, learning, daily basics and reflection.
// All of it is private unless a method shares something on purpose.
type Growth struct {
	app *App
}

// NewGrowth returns the Growth facade of a.
func NewGrowth(a *App) *Growth { return &Growth{app: a} }

// do runs f on the services; changed emits growth:changed after a success,
// shares also asks for a sync soon.
func do[T any](g *Growth, what string, changed, shares bool, f func(svc services) (T, error)) (T, error) {
	var zero T
	svc, err := g.app.services()
	if err != nil {
		return zero, toUser(g.app.log, what, err)
	}
	v, err := f(svc)
	if err != nil {
		return zero, toUser(g.app.log, what, err)
	}
	if changed {
		g.app.cfg.Emit(EventGrowthChanged, nil)
	}
	if shares {
		g.app.kickSync()
	}
	return v, nil
}

// names maps member IDs to names, from the roster kept on this laptop.
func (g *Growth) names(svc services) map[string]string {
	m := map[string]string{}
	if svc.team == nil {
		return m
	}
	st, err := svc.team.Status(svc.ctx)
	if err != nil {
		return m
	}
	for _, mem := range st.Members {
		if !mem.Me && !mem.Removed {
			m[mem.ID] = mem.Name
		}
	}
	return m
}

func (g *Growth) named(svc services, f *peerplaypay.Framework) *peerplaypay.Framework {
	if f != nil && f.Author != "" {
		f.AuthorName = g.names(svc)[f.Author]
	}
	return f
}

// Framework returns the current framework.
func (g *Growth) Framework() (*peerplaypay.Framework, error) {
	return do(g, "framework", false, false, func(svc services) (*peerplaypay.Framework, error) {
		f, err := svc.growth.Framework(svc.ctx)
		return g.named(svc, f), err
	})
}

// FrameworkVersion returns an old version, to show an old session against.
func (g *Growth) FrameworkVersion(id string, version int) (*peerplaypay.Framework, error) {
	return do(g, "framework", false, false, func(svc services) (*peerplaypay.Framework, error) {
		f, err := svc.growth.FrameworkVersion(svc.ctx, id, version)
		return g.named(svc, f), err
	})
}

// SaveFramework stores f as the framework's next version.
func (g *Growth) SaveFramework(f peerplaypay.Framework) (*peerplaypay.Framework, error) {
	return do(g, "save framework", true, false, func(svc services) (*peerplaypay.Framework, error) {
		return svc.growth.SaveFramework(svc.ctx, &f)
	})
}

// ResetFramework goes back to the built-in framework.
func (g *Growth) ResetFramework() (*peerplaypay.Framework, error) {
	return do(g, "reset framework", true, false, func(svc services) (*peerplaypay.Framework, error) {
		return svc.growth.ResetFramework(svc.ctx)
	})
}

// ExportFramework asks where to save the current framework as a file and
// writes it; "" means the member cancelled.
func (g *Growth) ExportFramework() (string, error) {
	return do(g, "export framework", false, false, func(svc services) (string, error) {
		path, err := g.app.choose("framework", "")
		if err != nil || path == "" {
			return "", err
		}
		if filepath.Ext(path) == "" {
			path += ".json"
		}
		return path, frameworkfile.Export(svc.ctx, svc.growth, path)
	})
}

// ImportFramework asks for a framework file and makes it the current
// framework's next version. A cancelled dialog returns the current one.
func (g *Growth) ImportFramework() (*peerplaypay.Framework, error) {
	return do(g, "import framework", true, false, func(svc services) (*peerplaypay.Framework, error) {
		path, err := g.app.choose("frameworkIn", "")
		if err != nil {
			return nil, err
		}
		if path == "" {
			return svc.growth.Framework(svc.ctx)
		}
		return frameworkfile.Import(svc.ctx, svc.growth, path)
	})
}

// PublishFramework sends the current framework to the team.
func (g *Growth) PublishFramework() (*peerplaypay.Framework, error) {
	return do(g, "publish framework", true, true, func(svc services) (*peerplaypay.Framework, error) {
		return svc.growth.PublishFramework(svc.ctx)
	})
}

// CurrentSession returns the session in progress, or a new one.
func (g *Growth) CurrentSession() (*peerplaypay.Session, error) {
	return do(g, "assessment", false, false, func(svc services) (*peerplaypay.Session, error) {
		return svc.growth.CurrentSession(svc.ctx)
	})
}

// Answer saves one rating at once.
func (g *Growth) Answer(sessionID int64, a peerplaypay.Answer) (*peerplaypay.Session, error) {
	return do(g, "save answer", false, false, func(svc services) (*peerplaypay.Session, error) {
		return svc.growth.Answer(svc.ctx, sessionID, a)
	})
}

// FinishSession makes the session a dated snapshot; share sends its
// summary (levels, no evidence) to the team.
func (g *Growth) FinishSession(sessionID int64, share bool) (*peerplaypay.Session, error) {
	return do(g, "finish assessment", true, share, func(svc services) (*peerplaypay.Session, error) {
		return svc.growth.FinishSession(svc.ctx, sessionID, share)
	})
}

// DiscardSession deletes the session in progress.
func (g *Growth) DiscardSession(sessionID int64) error {
	_, err := do(g, "discard assessment", true, false, func(svc services) (struct{}, error) {
		return struct{}{}, svc.growth.DiscardSession(svc.ctx, sessionID)
	})
	return err
}

// ShareSession sends a finished session's summary (levels, no evidence)
// to the team.
func (g *Growth) ShareSession(sessionID int64) (*peerplaypay.Session, error) {
	return do(g, "share assessment", true, true, func(svc services) (*peerplaypay.Session, error) {
		return svc.growth.ShareSession(svc.ctx, sessionID)
	})
}

// UnshareSession takes a shared summary back: peers drop their copy at
// their next sync.
func (g *Growth) UnshareSession(sessionID int64) (*peerplaypay.Session, error) {
	return do(g, "take back assessment", true, true, func(svc services) (*peerplaypay.Session, error) {
		return svc.growth.UnshareSession(svc.ctx, sessionID)
	})
}

// TeamSummaries returns the summaries teammates shared, newest first.
func (g *Growth) TeamSummaries() ([]*peerplaypay.TeamSummary, error) {
	return do(g, "team summaries", false, false, func(svc services) ([]*peerplaypay.TeamSummary, error) {
		xs, err := svc.growth.TeamSummaries(svc.ctx)
		names := g.rosterNames(svc)
		for _, x := range xs {
			x.MemberName = names[x.Member]
		}
		return xs, err
	})
}

// rosterNames maps every member ID of the roster to a name, including
// members who left: what they shared while in the team stays theirs.
func (g *Growth) rosterNames(svc services) map[string]string {
	m := map[string]string{}
	if svc.team == nil {
		return m
	}
	if st, err := svc.team.Status(svc.ctx); err == nil {
		for _, mem := range st.Members {
			m[mem.ID] = mem.Name
		}
	}
	return m
}

// Sessions returns the finished sessions, oldest first.
func (g *Growth) Sessions() ([]*peerplaypay.Session, error) {
	return do(g, "assessments", false, false, func(svc services) ([]*peerplaypay.Session, error) {
		return svc.growth.Sessions(svc.ctx)
	})
}

// LastRatings returns each item's previous rating.
func (g *Growth) LastRatings() ([]peerplaypay.LastRating, error) {
	return do(g, "last ratings", false, false, func(svc services) ([]peerplaypay.LastRating, error) {
		return svc.growth.LastRatings(svc.ctx)
	})
}

// AskPeer asks a team member for their view of some items.
func (g *Growth) AskPeer(peer string, itemIDs []string) (*peerplaypay.PeerView, error) {
	return do(g, "ask peer", true, true, func(svc services) (*peerplaypay.PeerView, error) {
		names := g.names(svc)
		if _, ok := names[peer]; !ok {
			return nil, peerplaypay.FieldErrorf("peer", "Choose a current member of your team to ask.")
		}
		v, err := svc.growth.AskPeer(svc.ctx, peer, itemIDs)
		if v != nil {
			v.PeerName = names[peer]
		}
		return v, err
	})
}

// PeerViews returns our requests for peers' views and their answers.
func (g *Growth) PeerViews() ([]*peerplaypay.PeerView, error) {
	return do(g, "peer views", false, false, func(svc services) ([]*peerplaypay.PeerView, error) {
		vs, err := svc.growth.PeerViews(svc.ctx)
		names := g.names(svc)
		for _, v := range vs {
			v.PeerName = names[v.Peer]
		}
		return vs, err
	})
}

// PeerRequests returns peers' requests for our view.
func (g *Growth) PeerRequests() ([]*peerplaypay.PeerRequest, error) {
	return do(g, "peer requests", false, false, func(svc services) ([]*peerplaypay.PeerRequest, error) {
		rs, err := svc.growth.PeerRequests(svc.ctx)
		names := g.names(svc)
		for _, r := range rs {
			r.FromName = names[r.From]
		}
		return rs, err
	})
}

// AnswerPeer sends our view to the member who asked, only to them.
func (g *Growth) AnswerPeer(requestUID string, answers []peerplaypay.Answer) error {
	_, err := do(g, "answer peer", true, true, func(svc services) (struct{}, error) {
		return struct{}{}, svc.growth.AnswerPeer(svc.ctx, requestUID, answers)
	})
	return err
}

// Plans returns the development plans.
func (g *Growth) Plans() ([]*peerplaypay.Plan, error) {
	return do(g, "plans", false, false, func(svc services) ([]*peerplaypay.Plan, error) {
		return svc.growth.Plans(svc.ctx)
	})
}

// SavePlan creates (ID 0) or updates a plan.
func (g *Growth) SavePlan(p peerplaypay.Plan) (*peerplaypay.Plan, error) {
	return do(g, "save plan", true, false, func(svc services) (*peerplaypay.Plan, error) {
		return svc.growth.SavePlan(svc.ctx, &p)
	})
}

// DeletePlan deletes a plan.
func (g *Growth) DeletePlan(id int64) error {
	_, err := do(g, "delete plan", true, false, func(svc services) (struct{}, error) {
		return struct{}{}, svc.growth.DeletePlan(svc.ctx, id)
	})
	return err
}

// PlanGoal makes a private, personal behaviour goal from a plan: its
// title names the items to grow, its scale is the first item's levels, its
// due date the plan's target. A plan that has its goal keeps it.
func (g *Growth) PlanGoal(id int64) (*peerplaypay.Plan, error) {
	return do(g, "plan goal", true, false, func(svc services) (*peerplaypay.Plan, error) {
		plans, err := svc.growth.Plans(svc.ctx)
		if err != nil {
			return nil, err
		}
		var p *peerplaypay.Plan
		for _, x := range plans {
			if x.ID == id {
				p = x
			}
		}
		if p == nil {
			return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no plan %d; it may have been deleted.", id)
		}
		if p.GoalID != 0 {
			if _, err := svc.goals.Goal(svc.ctx, p.GoalID); err == nil {
				return p, nil
			}
		}
		f, err := svc.growth.Framework(svc.ctx)
		if err != nil {
			return nil, err
		}
		in := planGoalInput(p, f, time.Now().Format(time.DateOnly))
		goal, err := svc.goals.CreateGoal(svc.ctx, in)
		if err != nil {
			return nil, err
		}
		g.app.cfg.Emit(EventGoalsChanged, nil)
		return svc.growth.SetPlanGoal(svc.ctx, p.ID, goal.ID)
	})
}

// planGoalInput is the goal a plan becomes. It stays private: growth is
// shared only when the member chooses to.
func planGoalInput(p *peerplaypay.Plan, f *peerplaypay.Framework, today string) peerplaypay.GoalInput {
	in := peerplaypay.GoalInput{Kind: peerplaypay.GoalBehaviour, Level: peerplaypay.LevelPersonal,
		Visibility: peerplaypay.VisibilityPrivate, Contributors: []string{}}
	var names []string
	for _, id := range p.ItemIDs {
		it := f.Item(id)
		if it == nil {
			continue
		}
		names = append(names, it.Name)
		if in.Measure.Type == "" {
			in.Measure = peerplaypay.Measure{Type: peerplaypay.MeasureScale, Levels: append([]string(nil), it.Levels...)}
		}
	}
	in.Title = "Grow: " + strings.Join(names, ", ")
	if len(names) == 0 {
		in.Title = "Grow: " + firstWords(p.Why, 60)
	}
	if r := []rune(in.Title); len(r) > 200 {
		in.Title = string(r[:199]) + "…"
	}
	var d strings.Builder
	if p.Why != "" {
		d.WriteString(p.Why + "\n")
	}
	for _, a := range p.Actions {
		d.WriteString("- " + a + "\n")
	}
	for _, r := range p.Resources {
		d.WriteString("Resource: " + r + "\n")
	}
	in.Description = strings.TrimSpace(d.String())
	if p.Target >= today {
		in.Due = p.Target
	}
	return in
}

func firstWords(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// Learning returns the learning log between two days.
func (g *Growth) Learning(from, to string) ([]*peerplaypay.Learning, error) {
	return do(g, "learning", false, false, func(svc services) ([]*peerplaypay.Learning, error) {
		return svc.growth.Learning(svc.ctx, from, to)
	})
}

// AddLearning adds an entry to the learning log.
func (g *Growth) AddLearning(l peerplaypay.Learning) (*peerplaypay.Learning, error) {
	return do(g, "add learning", true, false, func(svc services) (*peerplaypay.Learning, error) {
		return svc.growth.AddLearning(svc.ctx, &l)
	})
}

// DeleteLearning deletes an entry of the learning log.
func (g *Growth) DeleteLearning(id int64) error {
	_, err := do(g, "delete learning", true, false, func(svc services) (struct{}, error) {
		return struct{}{}, svc.growth.DeleteLearning(svc.ctx, id)
	})
	return err
}

// Basics returns the daily basics and their ticks between two days.
func (g *Growth) Basics(from, to string) (*peerplaypay.BasicsRange, error) {
	return do(g, "daily basics", false, false, func(svc services) (*peerplaypay.BasicsRange, error) {
		return svc.growth.Basics(svc.ctx, from, to)
	})
}

// SaveBasic creates (ID 0) or updates a daily basic.
func (g *Growth) SaveBasic(b peerplaypay.Basic) (*peerplaypay.Basic, error) {
	return do(g, "save daily basic", true, false, func(svc services) (*peerplaypay.Basic, error) {
		return svc.growth.SaveBasic(svc.ctx, &b)
	})
}

// Tick marks a basic done or not on a day.
func (g *Growth) Tick(basicID int64, day string, done bool) error {
	_, err := do(g, "tick daily basic", true, false, func(svc services) (struct{}, error) {
		return struct{}{}, svc.growth.Tick(svc.ctx, basicID, day, done)
	})
	return err
}

// Reflections returns the reflections between two days.
func (g *Growth) Reflections(from, to string) ([]*peerplaypay.Reflection, error) {
	return do(g, "reflections", false, false, func(svc services) ([]*peerplaypay.Reflection, error) {
		return svc.growth.Reflections(svc.ctx, from, to)
	})
}

// SaveReflection creates (ID 0) or updates a reflection.
func (g *Growth) SaveReflection(r peerplaypay.Reflection) (*peerplaypay.Reflection, error) {
	return do(g, "save reflection", true, false, func(svc services) (*peerplaypay.Reflection, error) {
		return svc.growth.SaveReflection(svc.ctx, &r)
	})
}

// Prompt returns the journal prompt of now.
func (g *Growth) Prompt() (string, error) {
	return do(g, "prompt", false, false, func(svc services) (string, error) {
		return svc.growth.Prompt(svc.ctx)
	})
}

// ReflectionTimer returns the reflection under way, nil when none: the
// window puts it back at start, after a crash too.
func (g *Growth) ReflectionTimer() (*peerplaypay.ReflectionTimer, error) {
	return do(g, "reflection timer", false, false, func(svc services) (*peerplaypay.ReflectionTimer, error) {
		return svc.growth.ReflectionTimer(svc.ctx)
	})
}

// SaveReflectionTimer keeps the reflection under way (nil forgets it).
func (g *Growth) SaveReflectionTimer(t *peerplaypay.ReflectionTimer) error {
	_, err := do(g, "save reflection timer", false, false, func(svc services) (struct{}, error) {
		return struct{}{}, svc.growth.SaveReflectionTimer(svc.ctx, t)
	})
	return err
}

// Practice returns a day's daily practice ("" = today).
func (g *Growth) Practice(day string) (*peerplaypay.Practice, error) {
	return do(g, "practice", false, false, func(svc services) (*peerplaypay.Practice, error) {
		return svc.growth.Practice(svc.ctx, day)
	})
}

// Settings returns the growth settings.
func (g *Growth) Settings() (*peerplaypay.GrowthSettings, error) {
	return do(g, "growth settings", false, false, func(svc services) (*peerplaypay.GrowthSettings, error) {
		return svc.growth.Settings(svc.ctx)
	})
}

// SaveSettings stores the growth settings.
func (g *Growth) SaveSettings(s peerplaypay.GrowthSettings) (*peerplaypay.GrowthSettings, error) {
	return do(g, "save growth settings", true, false, func(svc services) (*peerplaypay.GrowthSettings, error) {
		return svc.growth.SaveSettings(svc.ctx, &s)
	})
}

// Notify shows a desktop notification, such as the end of a reflection.
// Where the desktop has no notification service it is only logged: the
// page's own chime and message still tell the member.
func (g *Growth) Notify(title, body string) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := notify(ctx, title, body); err != nil {
		g.app.log.Info("notification not shown", "reason", err)
	}
}

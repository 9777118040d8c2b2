package app

import (
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// Assessment is bound to the frontend: self-assessment sessions, the
// summaries teammates share, peers' views and the development plan.
type Assessment struct {
	app *App
}

// NewAssessment returns the Assessment facade of a.
func NewAssessment(a *App) *Assessment { return &Assessment{app: a} }

// CurrentSession returns the session in progress, or a new one.
func (as *Assessment) CurrentSession() (*peerplaypay.Session, error) {
	return growthDo(as.app, "assessment", false, false, func(svc services) (*peerplaypay.Session, error) {
		return svc.growth.CurrentSession(svc.ctx)
	})
}

// Answer saves one rating at once.
func (as *Assessment) Answer(sessionID int64, a peerplaypay.Answer) (*peerplaypay.Session, error) {
	return growthDo(as.app, "save answer", false, false, func(svc services) (*peerplaypay.Session, error) {
		return svc.growth.Answer(svc.ctx, sessionID, a)
	})
}

// FinishSession makes the session a dated snapshot; share sends its
// summary (levels, no evidence) to the team.
func (as *Assessment) FinishSession(sessionID int64, share bool) (*peerplaypay.Session, error) {
	return growthDo(as.app, "finish assessment", true, share, func(svc services) (*peerplaypay.Session, error) {
		return svc.growth.FinishSession(svc.ctx, sessionID, share)
	})
}

// DiscardSession deletes the session in progress.
func (as *Assessment) DiscardSession(sessionID int64) error {
	_, err := growthDo(as.app, "discard assessment", true, false, func(svc services) (struct{}, error) {
		return struct{}{}, svc.growth.DiscardSession(svc.ctx, sessionID)
	})
	return err
}

// ShareSession sends a finished session's summary (levels, no evidence)
// to the team.
func (as *Assessment) ShareSession(sessionID int64) (*peerplaypay.Session, error) {
	return growthDo(as.app, "share assessment", true, true, func(svc services) (*peerplaypay.Session, error) {
		return svc.growth.ShareSession(svc.ctx, sessionID)
	})
}

// UnshareSession takes a shared summary back: peers drop their copy at
// their next sync.
func (as *Assessment) UnshareSession(sessionID int64) (*peerplaypay.Session, error) {
	return growthDo(as.app, "take back assessment", true, true, func(svc services) (*peerplaypay.Session, error) {
		return svc.growth.UnshareSession(svc.ctx, sessionID)
	})
}

// TeamSummaries returns the summaries teammates shared, newest first.
func (as *Assessment) TeamSummaries() ([]*peerplaypay.TeamSummary, error) {
	return growthDo(as.app, "team summaries", false, false, func(svc services) ([]*peerplaypay.TeamSummary, error) {
		xs, err := svc.growth.TeamSummaries(svc.ctx)
		names := rosterNames(svc)
		for _, x := range xs {
			x.MemberName = names[x.Member]
		}
		return xs, err
	})
}

// Sessions returns the finished sessions, oldest first.
func (as *Assessment) Sessions() ([]*peerplaypay.Session, error) {
	return growthDo(as.app, "assessments", false, false, func(svc services) ([]*peerplaypay.Session, error) {
		return svc.growth.Sessions(svc.ctx)
	})
}

// LastRatings returns each item's previous rating.
func (as *Assessment) LastRatings() ([]peerplaypay.LastRating, error) {
	return growthDo(as.app, "last ratings", false, false, func(svc services) ([]peerplaypay.LastRating, error) {
		return svc.growth.LastRatings(svc.ctx)
	})
}

// AskPeer asks a team member for their view of some items.
func (as *Assessment) AskPeer(peer string, itemIDs []string) (*peerplaypay.PeerView, error) {
	return growthDo(as.app, "ask peer", true, true, func(svc services) (*peerplaypay.PeerView, error) {
		names := memberNames(svc)
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
func (as *Assessment) PeerViews() ([]*peerplaypay.PeerView, error) {
	return growthDo(as.app, "peer views", false, false, func(svc services) ([]*peerplaypay.PeerView, error) {
		vs, err := svc.growth.PeerViews(svc.ctx)
		names := memberNames(svc)
		for _, v := range vs {
			v.PeerName = names[v.Peer]
		}
		return vs, err
	})
}

// PeerRequests returns peers' requests for our view.
func (as *Assessment) PeerRequests() ([]*peerplaypay.PeerRequest, error) {
	return growthDo(as.app, "peer requests", false, false, func(svc services) ([]*peerplaypay.PeerRequest, error) {
		rs, err := svc.growth.PeerRequests(svc.ctx)
		names := memberNames(svc)
		for _, r := range rs {
			r.FromName = names[r.From]
		}
		return rs, err
	})
}

// AnswerPeer sends our view to the member who asked, only to them.
func (as *Assessment) AnswerPeer(requestUID string, answers []peerplaypay.Answer) error {
	_, err := growthDo(as.app, "answer peer", true, true, func(svc services) (struct{}, error) {
		return struct{}{}, svc.growth.AnswerPeer(svc.ctx, requestUID, answers)
	})
	return err
}

// Plans returns the development plans.
func (as *Assessment) Plans() ([]*peerplaypay.Plan, error) {
	return growthDo(as.app, "plans", false, false, func(svc services) ([]*peerplaypay.Plan, error) {
		return svc.growth.Plans(svc.ctx)
	})
}

// SavePlan creates (ID 0) or updates a plan.
func (as *Assessment) SavePlan(p peerplaypay.Plan) (*peerplaypay.Plan, error) {
	return growthDo(as.app, "save plan", true, false, func(svc services) (*peerplaypay.Plan, error) {
		return svc.growth.SavePlan(svc.ctx, &p)
	})
}

// DeletePlan deletes a plan.
func (as *Assessment) DeletePlan(id int64) error {
	_, err := growthDo(as.app, "delete plan", true, false, func(svc services) (struct{}, error) {
		return struct{}{}, svc.growth.DeletePlan(svc.ctx, id)
	})
	return err
}

// PlanGoal makes a private, personal behaviour goal from a plan: its
// title names the items to grow, its scale is the first item's levels, its
// due date the plan's target. A plan that has its goal keeps it.
func (as *Assessment) PlanGoal(id int64) (*peerplaypay.Plan, error) {
	return growthDo(as.app, "plan goal", true, false, func(svc services) (*peerplaypay.Plan, error) {
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
		as.app.cfg.Emit(EventGoalsChanged, nil)
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

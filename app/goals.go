package app

import (
	"context"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// EventGoalsChanged tells the page that goals changed, here or by a sync.
const EventGoalsChanged = "goals:changed"

// Goals is bound to the frontend: goals, check-ins, help, job outcomes,
// "worked on" links and check-in conversations.
type Goals struct {
	app *App
}

// NewGoals returns the Goals facade of a.
func NewGoals(a *App) *Goals { return &Goals{app: a} }

// goalPeople names the members for the goal service: the share identity
// is "me", the roster gives peers' names.
func goalPeople(team *teamsync.Service) func(context.Context) sqlite.People {
	return func(ctx context.Context) sqlite.People {
		me, name, names := team.People(ctx)
		return sqlite.People{Me: me, MyName: name, Names: names}
	}
}

// changed tells the page and asks for a sync: a change of a team goal has
// events waiting.
func (g *Goals) changed() {
	g.app.cfg.Emit(EventGoalsChanged, nil)
	g.app.kickSync()
}

// List returns every goal this laptop knows, without check-ins.
func (g *Goals) List() ([]*peerplaypay.Goal, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "goals", err)
	}
	gs, err := svc.goals.Goals(svc.ctx)
	return gs, toUser(g.app.log, "goals", err)
}

// Get returns one goal with its check-ins, offers, logs and neighbours.
func (g *Goals) Get(id int64) (*peerplaypay.GoalDetail, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "goal", err)
	}
	d, err := svc.goals.Goal(svc.ctx, id)
	return d, toUser(g.app.log, "goal", err)
}

// Create stores a new goal.
func (g *Goals) Create(in peerplaypay.GoalInput) (*peerplaypay.Goal, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "create goal", err)
	}
	out, err := svc.goals.CreateGoal(svc.ctx, in)
	if err != nil {
		return nil, toUser(g.app.log, "create goal", err)
	}
	g.changed()
	return out, nil
}

// Update replaces a goal of the member.
func (g *Goals) Update(id int64, in peerplaypay.GoalInput) (*peerplaypay.Goal, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "edit goal", err)
	}
	out, err := svc.goals.UpdateGoal(svc.ctx, id, in)
	if err != nil {
		return nil, toUser(g.app.log, "edit goal", err)
	}
	g.changed()
	return out, nil
}

// SetStatus changes a goal's status; dropping needs a reason. Plain
// strings: the bindings have no types for named strings.
func (g *Goals) SetStatus(id int64, status string, reason string) (*peerplaypay.Goal, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "goal status", err)
	}
	out, err := svc.goals.SetGoalStatus(svc.ctx, id, peerplaypay.GoalStatus(status), reason)
	if err != nil {
		return nil, toUser(g.app.log, "goal status", err)
	}
	g.changed()
	return out, nil
}

// Delete deletes a goal; children is refuse, lift, detach or delete.
func (g *Goals) Delete(id int64, children string) error {
	svc, err := g.app.services()
	if err != nil {
		return toUser(g.app.log, "delete goal", err)
	}
	if err := svc.goals.DeleteGoal(svc.ctx, id, peerplaypay.DeleteChildren(children)); err != nil {
		return toUser(g.app.log, "delete goal", err)
	}
	g.changed()
	return nil
}

// CheckIn records progress on a goal.
func (g *Goals) CheckIn(id int64, in peerplaypay.CheckinInput) (*peerplaypay.Checkin, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "check in", err)
	}
	out, err := svc.goals.CheckIn(svc.ctx, id, in)
	if err != nil {
		return nil, toUser(g.app.log, "check in", err)
	}
	g.changed()
	return out, nil
}

// OfferHelp offers help on a peer's goal.
func (g *Goals) OfferHelp(goalID int64, text string) (*peerplaypay.HelpOffer, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "offer help", err)
	}
	out, err := svc.goals.OfferHelp(svc.ctx, goalID, text)
	if err != nil {
		return nil, toUser(g.app.log, "offer help", err)
	}
	g.changed()
	return out, nil
}

// AcceptHelp accepts an offer on one of the member's goals.
func (g *Goals) AcceptHelp(offerID int64) (*peerplaypay.HelpOffer, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "accept help", err)
	}
	out, err := svc.goals.AcceptHelp(svc.ctx, offerID)
	if err != nil {
		return nil, toUser(g.app.log, "accept help", err)
	}
	g.changed()
	return out, nil
}

// HelpRequests lists goals that ask for help, with their offers.
func (g *Goals) HelpRequests() ([]*peerplaypay.HelpRequest, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "help requests", err)
	}
	out, err := svc.goals.HelpRequests(svc.ctx)
	return out, toUser(g.app.log, "help requests", err)
}

// Outcomes returns the member's job outcomes.
func (g *Goals) Outcomes() ([]peerplaypay.JobOutcome, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "job outcomes", err)
	}
	out, err := svc.goals.Outcomes(svc.ctx)
	return out, toUser(g.app.log, "job outcomes", err)
}

// SaveOutcomes replaces the member's job outcomes.
func (g *Goals) SaveOutcomes(outcomes []peerplaypay.JobOutcome) ([]peerplaypay.JobOutcome, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "job outcomes", err)
	}
	out, err := svc.goals.SaveOutcomes(svc.ctx, outcomes)
	if err != nil {
		return nil, toUser(g.app.log, "job outcomes", err)
	}
	g.changed()
	return out, nil
}

// LogGoals returns the goals a log of the member worked on.
func (g *Goals) LogGoals(logID int64) ([]int64, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "log goals", err)
	}
	out, err := svc.goals.LogGoals(svc.ctx, logID)
	return out, toUser(g.app.log, "log goals", err)
}

// SetLogGoals replaces the goals a log of the member worked on.
func (g *Goals) SetLogGoals(logID int64, goalIDs []int64) ([]int64, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "log goals", err)
	}
	out, err := svc.goals.SetLogGoals(svc.ctx, logID, goalIDs)
	if err != nil {
		return nil, toUser(g.app.log, "log goals", err)
	}
	g.app.cfg.Emit(EventGoalsChanged, nil)
	return out, nil
}

// Conversations returns the member's check-in conversations.
func (g *Goals) Conversations() ([]*peerplaypay.ConversationNote, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "conversations", err)
	}
	out, err := svc.goals.Conversations(svc.ctx)
	return out, toUser(g.app.log, "conversations", err)
}

// SharedConversations returns the conversations between two other members
// that both of them shared with the team, read-only.
func (g *Goals) SharedConversations() ([]*peerplaypay.SharedConversation, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "shared conversations", err)
	}
	out, err := svc.goals.SharedConversations(svc.ctx)
	return out, toUser(g.app.log, "shared conversations", err)
}

// Agenda proposes the points of a new conversation with member.
func (g *Goals) Agenda(member string) ([]string, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "agenda", err)
	}
	out, err := svc.goals.Agenda(svc.ctx, member)
	return out, toUser(g.app.log, "agenda", err)
}

// SaveConversation creates (ID 0) or updates a conversation note.
func (g *Goals) SaveConversation(n peerplaypay.ConversationNote) (*peerplaypay.ConversationNote, error) {
	svc, err := g.app.services()
	if err != nil {
		return nil, toUser(g.app.log, "conversation", err)
	}
	out, err := svc.goals.SaveConversation(svc.ctx, n)
	if err != nil {
		return nil, toUser(g.app.log, "conversation", err)
	}
	g.changed()
	return out, nil
}

// Settings returns the member's goal settings.
func (g *Goals) Settings() (peerplaypay.GoalsSettings, error) {
	svc, err := g.app.services()
	if err != nil {
		return peerplaypay.GoalsSettings{}, toUser(g.app.log, "goal settings", err)
	}
	out, err := svc.goals.GoalsSettings(svc.ctx)
	return out, toUser(g.app.log, "goal settings", err)
}

// SaveSettings stores the member's goal settings.
func (g *Goals) SaveSettings(s peerplaypay.GoalsSettings) (peerplaypay.GoalsSettings, error) {
	svc, err := g.app.services()
	if err != nil {
		return s, toUser(g.app.log, "goal settings", err)
	}
	out, err := svc.goals.SaveGoalsSettings(svc.ctx, s)
	if err != nil {
		return s, toUser(g.app.log, "goal settings", err)
	}
	g.app.cfg.Emit(EventGoalsChanged, nil)
	return out, nil
}

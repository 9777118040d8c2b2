package app

import (
	"os"
	"time"

	"peerplaypay/internal/insights"
	"peerplaypay/internal/sqlite"
)

// Insights is bound to the frontend: the member's own insights, worked
// out on this laptop and shown to them alone, and the team's, from what
// members shared.
type Insights struct {
	app *App
	// now is the clock "today" is read from; tests set it through
	// PEERPLAYPAY_FAKE_NOW.
	now func() time.Time
}

// NewInsights returns the Insights facade of a.
func NewInsights(a *App) *Insights {
	now := time.Now
	if v := os.Getenv("PEERPLAYPAY_FAKE_NOW"); v != "" {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			now = func() time.Time { return t }
		}
	}
	return &Insights{app: a, now: now}
}

// InsightsPeriod is the period the page asks for: a kind (week, month,
// quarter) ending today, or custom from From to To (YYYY-MM-DD).
type InsightsPeriod struct {
	Kind string `json:"kind" ts_type:"'week' | 'month' | 'quarter' | 'custom'"`
	From string `json:"from"`
	To   string `json:"to"`
}

func (s *Insights) store() (*sqlite.InsightsStore, services, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, svc, err
	}
	return sqlite.NewInsightsStore(svc.db, sessionPeople(svc.team)), svc, nil
}

// Me returns the member's own insights over the period.
func (s *Insights) Me(p InsightsPeriod) (*insights.Me, error) {
	now := s.now().Local()
	period, err := insights.PeriodOf(p.Kind, p.From, p.To, now)
	if err != nil {
		return nil, toUser(s.app.log, "my insights", err)
	}
	store, svc, err := s.store()
	if err != nil {
		return nil, toUser(s.app.log, "my insights", err)
	}
	out, err := store.Me(svc.ctx, period, now)
	return out, toUser(s.app.log, "my insights", err)
}

// Team returns the team's insights over the period.
func (s *Insights) Team(p InsightsPeriod) (*insights.Team, error) {
	now := s.now().Local()
	period, err := insights.PeriodOf(p.Kind, p.From, p.To, now)
	if err != nil {
		return nil, toUser(s.app.log, "team insights", err)
	}
	store, svc, err := s.store()
	if err != nil {
		return nil, toUser(s.app.log, "team insights", err)
	}
	out, err := store.Team(svc.ctx, period, now)
	return out, toUser(s.app.log, "team insights", err)
}

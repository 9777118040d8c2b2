package app

import "peerplaypay/internal/peerplaypay"

// The growth area is bound to the frontend as three facades, one per part
// of the page: GrowthFramework (the skills framework), Assessment
// (self-assessment, peer views and the development plan) and DailyPractice
// (learning, daily basics and reflection). All of it is private unless a
// method shares something on purpose.

// EventGrowthChanged tells the page to read the growth area again: after
// any change, including one a sync brought (a published framework, a
// peer's request or answer). It has no payload.
const EventGrowthChanged = "growth:changed"

// growthDo runs f on the services; changed emits growth:changed after a success,
// shares also asks for a sync soon.
func growthDo[T any](a *App, what string, changed, shares bool, f func(svc services) (T, error)) (T, error) {
	var zero T
	svc, err := a.services()
	if err != nil {
		return zero, toUser(a.log, what, err)
	}
	v, err := f(svc)
	if err != nil {
		return zero, toUser(a.log, what, err)
	}
	if changed {
		a.cfg.Emit(EventGrowthChanged, nil)
	}
	if shares {
		a.kickSync()
	}
	return v, nil
}

// memberNames maps the current members' IDs to names, from the roster kept on
// this laptop; this member and removed members are left out.
func memberNames(svc services) map[string]string {
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

// rosterNames maps every member ID of the roster to a name, including
// members who left: what they shared while in the team stays theirs.
func rosterNames(svc services) map[string]string {
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

func named(svc services, f *peerplaypay.Framework) *peerplaypay.Framework {
	if f != nil && f.Author != "" {
		f.AuthorName = memberNames(svc)[f.Author]
	}
	return f
}

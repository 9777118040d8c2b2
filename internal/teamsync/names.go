package teamsync

import (
	"context"
	"sync"
)

// namesCache keeps the members' names by roster version count: the roster
// is verified once per version, not on every read of a list.
type namesCache struct {
	mu       sync.Mutex
	versions int
	names    map[string]string
}

// MemberNames returns the team's members' names by member ID, from the
// stored roster (offline); empty when there is no team.
func (s *Service) MemberNames(ctx context.Context) map[string]string {
	c, err := s.store.TeamConfig(ctx)
	if err != nil || c == nil || len(c.Roster) == 0 {
		return map[string]string{}
	}
	s.names.mu.Lock()
	defer s.names.mu.Unlock()
	if s.names.names != nil && s.names.versions == len(c.Roster) {
		return s.names.names
	}
	t, err := s.openTeam(ctx, c, nil)
	if err != nil {
		return map[string]string{}
	}
	names := map[string]string{}
	for _, m := range t.Roster().Members() {
		names[m.ID.String()] = t.MemberName(m.ID)
	}
	s.names.versions, s.names.names = len(c.Roster), names
	return names
}

// People returns this laptop's member ID (the share identity's, else the
// profile's), the member's name, and the team's names by member ID.
func (s *Service) People(ctx context.Context) (me, myName string, names map[string]string) {
	if id, err := s.Identity(); err == nil {
		me = id.MemberID().String()
	}
	if p, err := s.profiles.Profile(ctx); err == nil {
		myName = p.Name
		if me == "" {
			me = p.MemberID
		}
	}
	return me, myName, s.MemberNames(ctx)
}

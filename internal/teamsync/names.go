package teamsync

import (
	"context"
	"slices"
	"strings"
	"sync"
)

// namesCache keeps the members' names by roster version count: the roster
// is verified once per version, not on every read of a list.
type namesCache struct {
	mu       sync.Mutex
	versions int
	names    map[string]string
	active   []string // members not removed, in roster order
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
	var active []string
	for _, m := range t.Roster().Members() {
		names[m.ID.String()] = t.MemberName(m.ID)
		if !m.Removed() {
			active = append(active, m.ID.String())
		}
	}
	s.names.versions, s.names.names, s.names.active = len(c.Roster), names, active
	return names
}

// Peer is a member of the team other than this laptop's.
type Peer struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Peers returns the team's members, removed ones and this laptop's member
// left out, by name; from the stored roster (offline).
func (s *Service) Peers(ctx context.Context) []Peer {
	names := s.MemberNames(ctx)
	me := ""
	if id, err := s.Identity(); err == nil {
		me = id.MemberID().String()
	}
	s.names.mu.Lock()
	active := s.names.active
	s.names.mu.Unlock()
	out := []Peer{}
	for _, id := range active {
		if id != me {
			out = append(out, Peer{ID: id, Name: names[id]})
		}
	}
	slices.SortStableFunc(out, func(a, b Peer) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return out
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

// ActiveMembers returns the member IDs of the team not removed, this
// laptop's member included, in roster order; from the stored roster.
func (s *Service) ActiveMembers(ctx context.Context) []string {
	s.MemberNames(ctx)
	s.names.mu.Lock()
	defer s.names.mu.Unlock()
	return append([]string(nil), s.names.active...)
}

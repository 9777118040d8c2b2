package teamsync

import (
	"context"

	"peerplaypay/internal/peerplaypay"
)

// CanChangeTeamSettings says whether this member may change the team's
// settings: only a member of a team, since the change travels to it in
// this member's signed batches, and readers refuse a removed member's
// batches (PROTOCOL.md §11.2).
func (s *Service) CanChangeTeamSettings(ctx context.Context) error {
	c, err := s.store.TeamConfig(ctx)
	if err != nil {
		return err
	}
	switch {
	case c == nil:
		return peerplaypay.Errorf(peerplaypay.ECONFLICT, "The team settings belong to a team: start one (`peerplaypay team create LOCATION`) or join one first.")
	case c.State == peerplaypay.TeamRemoved:
		return peerplaypay.Errorf(peerplaypay.ECONFLICT, "You were removed from the team: its settings are no longer yours to change.")
	case c.State != peerplaypay.TeamMember:
		return peerplaypay.Errorf(peerplaypay.ECONFLICT, "You are not a member of the team yet: once a member approved you, you can change its settings.")
	}
	return nil
}

// NameSettingsHistory fills in the authors' names of a history: "" (this
// member) reads as you.
func (s *Service) NameSettingsHistory(ctx context.Context, h []peerplaypay.SettingHistoryEntry) {
	names := s.MemberNames(ctx)
	for i := range h {
		switch {
		case h[i].Author == "":
			h[i].AuthorName = "you"
		case names[h[i].Author] != "":
			h[i].AuthorName = names[h[i].Author]
		case len(h[i].Author) >= 8:
			h[i].AuthorName = "member " + h[i].Author[:8]
		default:
			h[i].AuthorName = "a member"
		}
	}
}

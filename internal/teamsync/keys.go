package teamsync

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
)

// RecoveryKey is this member's recovery key, as a file and in the printable
// form (groups of characters with a check character per line).
type RecoveryKey struct {
	MemberID  string `json:"memberId"`
	File      string `json:"file"`
	Printable string `json:"printable"`
}

// RecoveryKey returns the recovery key of this laptop's identity, for the
// team it is in (or none yet).
func (s *Service) RecoveryKey(ctx context.Context) (RecoveryKey, error) {
	id, err := s.Identity()
	if err != nil {
		return RecoveryKey{}, err
	}
	var team share.TeamID
	if c, err := s.store.TeamConfig(ctx); err != nil {
		return RecoveryKey{}, err
	} else if c != nil {
		team = mustTeam(c.TeamID)
	}
	return RecoveryKey{MemberID: id.MemberID().String(), File: string(id.RecoveryFile(team)), Printable: id.PrintableKey(team)}, nil
}

// ImportKey restores an identity from a recovery file or a printed key. On
// a laptop that is already in a team, only that member's key is accepted;
// otherwise the key replaces the identity made at first start (kept aside,
// never deleted). Then `team join LOCATION --invite CODE` reconnects to the team.
func (s *Service) ImportKey(ctx context.Context, text string) (string, error) {
	var want share.RecoveryExpect
	c, err := s.store.TeamConfig(ctx)
	if err != nil {
		return "", err
	}
	current, err := s.Identity()
	if err != nil {
		return "", err
	}
	if c != nil && c.State != peerplaypay.TeamRefused {
		want = share.RecoveryExpect{Member: current.MemberID(), Team: mustTeam(c.TeamID)}
	}
	id, _, err := share.ImportRecovery(text, want)
	if err != nil {
		return "", err
	}
	if id.MemberID() == current.MemberID() {
		return id.MemberID().String(), nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	path := filepath.Join(s.dataDir, share.IdentityFile)
	aside := fmt.Sprintf("%s.replaced-%s", path, time.Now().UTC().Format("20060102-150405"))
	if err := os.Rename(path, aside); err != nil && !os.IsNotExist(err) {
		return "", peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot keep the current identity aside (%v); nothing was changed.", err)
	}
	if err := share.SaveIdentity(s.dataDir, id); err != nil {
		os.Rename(aside, path)
		return "", err
	}
	s.id = id
	s.log.Info("identity restored from a recovery key", "member", id.MemberID(), "previous", aside)
	return id.MemberID().String(), nil
}

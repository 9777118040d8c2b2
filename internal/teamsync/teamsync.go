// Package teamsync is the team share as the app uses it: this laptop's
// identity, creating and joining a team, approving and removing members,
// and the sync that publishes the member's logs and applies the peers'
// events to the local database. The protocol itself (formats, signatures,
// encryption, verification) is package share's; this package decides what
// travels and keeps the local side consistent.
package teamsync

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"peerplaypay/internal/lockfile"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
	"peerplaypay/internal/share/backend"
)

// Settings keys of the team share.
const (
	SettingAccessKey = "share.s3AccessKey"
	// SettingSecretPlace says where the S3 secret key went ("keychain" or
	// "file"), so that a keychain that stops answering is told apart from a
	// secret never given.
	SettingSecretPlace = "share.s3SecretPlace"
	SettingBudgetMB    = "share.mediaBudgetMB"
	SettingSyncMinutes = "share.syncMinutes"
	SettingLastSync    = "share.lastSync"
	// SettingRecoverySaved is when the member last saved the recovery key.
	SettingRecoverySaved = "share.recoverySaved"
	// SettingProblems holds, as a JSON list, the last sync's problems that
	// no member's chain records (the roster, damaged recordings), so that
	// the Team area shows them until a sync finds them gone.
	SettingProblems = "share.problems"
	// SettingIgnored holds, as a JSON list, the share keys of the foreign
	// names (conflict copies, .DS_Store, backups~) the last listings met.
	SettingIgnored = "share.ignored"
	// SettingMembersListed is when a sync last listed the members' folders
	// whole (RFC 3339), which it does once a day for the foreign names in
	// them.
	SettingMembersListed = "share.membersListed"
	// SettingMemberID is this laptop's member ID; the same key as
	// sqlite.SettingMemberID, read when peers' goal events are applied.
	SettingMemberID = "member.id"
	// SettingSafetyCodes keeps the members' safety codes computed so far.
	SettingSafetyCodes = "share.safetyCodes"
)

// DefaultBudgetMB bounds the peers' recordings kept for offline watching:
// about two weeks of a seven-member team's daily stand-ups at Standard.
const DefaultBudgetMB = 2048

// Settings is where the share's options are kept (the member's settings).
type Settings interface {
	Setting(ctx context.Context, key, def string) (string, error)
	SetSettings(ctx context.Context, values map[string]string) error
	DeleteSettings(ctx context.Context, keys ...string) error
}

// Service is the team share of one data folder.
type Service struct {
	dataDir  string
	store    peerplaypay.ShareStore
	profiles peerplaypay.ProfileService
	settings Settings
	secrets  Secrets
	log      *slog.Logger

	mu        sync.Mutex
	id        *share.Identity
	codes     map[string]string // members' safety codes, by genesis, member and key
	codesRead bool              // codes holds the kept ones
	names     namesCache
}

// New returns the Service of dataDir; secrets keeps its S3 secret key.
func New(dataDir string, store peerplaypay.ShareStore, profiles peerplaypay.ProfileService, settings Settings, secrets Secrets, log *slog.Logger) *Service {
	return &Service{dataDir: dataDir, store: store, profiles: profiles, settings: settings, secrets: secrets, log: log, codes: map[string]string{}}
}

// Identity returns this laptop's member identity, made at first use and
// kept in the data folder.
func (s *Service) Identity() (*share.Identity, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.id != nil {
		return s.id, nil
	}
	id, err := share.LoadIdentity(s.dataDir)
	if peerplaypay.ErrorCode(err) == peerplaypay.ENOTFOUND || errors.Is(err, os.ErrNotExist) {
		if id, err = share.NewIdentity(); err == nil {
			err = share.SaveIdentity(s.dataDir, id)
		}
	}
	if err != nil {
		return nil, err
	}
	s.id = id
	return id, nil
}

// open opens the share at location with the S3 keys given for this call
// (WithCredentials), else the member's kept ones, else the AWS environment
// variables.
func (s *Service) open(ctx context.Context, location string, create bool) (backend.Backend, error) {
	creds, err := s.credentials(ctx, location)
	if err != nil {
		return nil, err
	}
	return backend.Open(ctx, location, backend.Options{Credentials: creds, CreateFolder: create})
}

// normalize makes a folder location absolute: commands run from anywhere.
func normalize(location string) string {
	loc := strings.TrimSpace(location)
	if loc == "" || strings.Contains(loc, "://") {
		return loc
	}
	if abs, err := filepath.Abs(loc); err == nil {
		return abs
	}
	return loc
}

// myName is how the member appears to the team.
func (s *Service) myName(ctx context.Context) (string, error) {
	p, err := s.profiles.Profile(ctx)
	if peerplaypay.ErrorCode(err) == peerplaypay.ENOTFOUND {
		return "", peerplaypay.Errorf(peerplaypay.EINVALID, "Set up your profile first (`peerplaypay profile set --name N`, or the window): the team sees your name.")
	} else if err != nil {
		return "", err
	}
	return p.Name, nil
}

// config returns the team this laptop belongs to, or an error saying how
// to get one.
func (s *Service) config(ctx context.Context) (*peerplaypay.TeamConfig, error) {
	c, err := s.store.TeamConfig(ctx)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "This laptop is in no team yet: create one (`peerplaypay team create LOCATION`) or join one (`peerplaypay team join LOCATION --invite CODE`, with the invitation a member gives you).")
	}
	return c, nil
}

// connect opens the share at the team's location and the team on it;
// closeShare closes the share.
func (s *Service) connect(ctx context.Context, c *peerplaypay.TeamConfig) (t *share.Team, closeShare func(), err error) {
	b, err := s.open(ctx, c.Location, false)
	if err != nil {
		return nil, nil, err
	}
	if t, err = s.openTeam(ctx, c, b); err != nil {
		b.Close()
		return nil, nil, err
	}
	return t, func() { b.Close() }, nil
}

// openTeam opens the configured team offline, from the stored roster.
func (s *Service) openTeam(ctx context.Context, c *peerplaypay.TeamConfig, b backend.Backend) (*share.Team, error) {
	id, err := s.Identity()
	if err != nil {
		return nil, err
	}
	team, err := share.ParseTeamID(c.TeamID)
	if err != nil {
		return nil, fmt.Errorf("stored team: %w", err)
	}
	genesis, err := share.ParseHash(c.Genesis)
	if err != nil {
		return nil, fmt.Errorf("stored genesis: %w", err)
	}
	return share.OpenTeam(ctx, b, id, team, genesis, c.Roster)
}

// syncLock keeps two syncs of one data folder (the window and a command)
// from running at once.
func (s *Service) syncLock() (*lockfile.Lock, error) {
	l, err := lockfile.TryLock(filepath.Join(s.dataDir, "share-sync.lock"))
	if errors.Is(err, lockfile.ErrLocked) {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "A sync of this data folder is already running (in the window or another command); wait for it to finish.")
	}
	return l, err
}

func toPosition(p share.Position) peerplaypay.SharePosition {
	if p.Seq == 0 {
		return peerplaypay.SharePosition{}
	}
	return peerplaypay.SharePosition{Seq: p.Seq, Hash: p.Hash.String()}
}

func fromPosition(p peerplaypay.SharePosition) (share.Position, error) {
	if p.Seq == 0 {
		return share.Position{}, nil
	}
	h, err := share.ParseHash(p.Hash)
	return share.Position{Seq: p.Seq, Hash: h}, err
}

// saveRoster stores the team's roster versions and state.
func (s *Service) saveRoster(ctx context.Context, c *peerplaypay.TeamConfig, t *share.Team) error {
	r := t.Roster()
	c.Roster = r.Versions()
	c.Genesis = r.Genesis.String()
	if r.IsActive(t.Me().MemberID()) {
		c.State = peerplaypay.TeamMember
	} else if _, ok := r.Member(t.Me().MemberID()); ok {
		c.State = peerplaypay.TeamRemoved
	}
	return s.store.SaveTeamConfig(ctx, c)
}

func nowUTC() time.Time { return time.Now().UTC() }

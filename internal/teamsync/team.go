package teamsync

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"filippo.io/age"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
	"peerplaypay/internal/share/backend"
)

// Status is what this laptop knows of its team, without asking the share.
type Status struct {
	State    string `json:"state" ts_type:"'none' | 'pending' | 'member' | 'refused' | 'removed'"` // "none", or a peerplaypay.TeamState
	Location string `json:"location"`
	TeamID   string `json:"teamId"`
	TeamName string `json:"teamName"`
	MemberID string `json:"memberId"` // ours
	// SafetyCode is shown while our join request waits: the newcomer reads
	// it out to the member who approves.
	SafetyCode string       `json:"safetyCode"`
	Waiting    int          `json:"waiting"` // events and logs not yet in the share
	LastSync   time.Time    `json:"lastSync" ts_type:"string"`
	Members    []MemberView `json:"members"`
	// Problems are members' chains that stopped being read, in words.
	Problems []string `json:"problems"`
	// Ignored are share keys of files in the share that no app wrote (a
	// sync tool's conflict copy, a .DS_Store): skipped, shown so that
	// someone can tidy them.
	Ignored []string `json:"ignored"`
	// Invitation is what a member gives a newcomer; nil unless a member.
	Invitation *Invitation `json:"invitation"`

	// The window's background syncer fills these in.
	Syncing   bool   `json:"syncing"`
	LastError string `json:"lastError"` // why the last sync failed; work goes on, nothing is lost
	Offline   bool   `json:"offline"`   // the share could not be reached
}

// MemberView is one member as the Team area lists them.
type MemberView struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Me      bool   `json:"me"`
	Removed bool   `json:"removed"`
	// LastEventAt is the newest thing they shared that reached us.
	LastEventAt time.Time `json:"lastEventAt" ts_type:"string"`
	Problem     string    `json:"problem"`
	// SafetyCode covers the team and this member's keys, as when they
	// joined: two members can compare it at any time to check that the
	// keys each laptop holds for a member are the same.
	SafetyCode string `json:"safetyCode"`
}

// Status reports the team from the local database: it works offline.
func (s *Service) Status(ctx context.Context) (Status, error) {
	id, err := s.Identity()
	if err != nil {
		return Status{}, err
	}
	st := Status{State: "none", MemberID: id.MemberID().String(), Members: []MemberView{}, Problems: []string{}, Ignored: s.ignored(ctx)}
	if v, _ := s.settings.Setting(ctx, SettingLastSync, ""); v != "" {
		st.LastSync, _ = time.Parse(time.RFC3339, v)
	}
	c, err := s.store.TeamConfig(ctx)
	if err != nil || c == nil {
		return st, err
	}
	st.State, st.Location, st.TeamID = string(c.State), c.Location, c.TeamID
	if st.Waiting, err = s.store.Waiting(ctx); err != nil {
		return st, err
	}
	if c.State == peerplaypay.TeamPending && len(c.Roster) > 0 {
		if team, err := share.ParseTeamID(c.TeamID); err == nil {
			if r, err := share.VerifyRoster(team, share.Hash{}, c.Roster); err == nil {
				st.SafetyCode = share.SafetyCode(r.Team, r.Genesis, id.Public())
			}
		}
		return st, nil
	}
	if c.State == peerplaypay.TeamPending || c.State == peerplaypay.TeamRefused {
		return st, nil
	}
	t, err := s.openTeam(ctx, c, nil)
	if err != nil {
		return st, err
	}
	st.TeamName = t.TeamName()
	if c.State == peerplaypay.TeamMember {
		st.Invitation = invitationOf(c, t.TeamName())
	}
	known, err := s.store.Members(ctx)
	if err != nil {
		return st, err
	}
	byID := map[string]peerplaypay.ShareMember{}
	for _, m := range known {
		byID[m.ID] = m
	}
	for _, m := range t.Roster().Members() {
		k := byID[m.ID.String()]
		mv := MemberView{ID: m.ID.String(), Name: t.MemberName(m.ID), Me: m.ID == id.MemberID(), Removed: m.Removed(),
			LastEventAt: k.LastEventAt, Problem: k.Problem, SafetyCode: s.memberCode(ctx, t.Roster(), m)}
		if mv.Me {
			mv.LastEventAt = st.LastSync
		}
		if mv.Problem != "" {
			st.Problems = append(st.Problems, fmt.Sprintf("%s: %s", nameOr(mv.Name, mv.ID), mv.Problem))
		}
		st.Members = append(st.Members, mv)
	}
	sort.SliceStable(st.Members, func(i, j int) bool { return st.Members[i].Me && !st.Members[j].Me })
	if v, _ := s.settings.Setting(ctx, SettingProblems, ""); v != "" {
		var kept []string
		if json.Unmarshal([]byte(v), &kept) == nil {
			st.Problems = append(st.Problems, kept...)
		}
	}
	return st, nil
}

// memberCode is a member's safety code. It costs a deliberately slow key
// derivation, and status shows every member's, so each is computed once
// per data folder and kept (SettingSafetyCodes): it derives from public
// parts of the roster alone.
func (s *Service) memberCode(ctx context.Context, r *share.Roster, m share.Member) string {
	key := r.Genesis.String() + m.ID.String() + m.Recipient
	s.mu.Lock()
	if !s.codesRead {
		s.codesRead = true
		if v, _ := s.settings.Setting(ctx, SettingSafetyCodes, ""); v != "" {
			json.Unmarshal([]byte(v), &s.codes) // a damaged copy is computed again
		}
	}
	code, ok := s.codes[key]
	s.mu.Unlock()
	if ok {
		return code
	}
	rcpt, err := age.ParseX25519Recipient(m.Recipient)
	if err != nil {
		return ""
	}
	code = share.SafetyCode(r.Team, r.Genesis, share.MemberKeys{ID: m.ID, Signing: m.Signing, Recipient: rcpt})
	s.mu.Lock()
	s.codes[key] = code
	kept, _ := json.Marshal(s.codes)
	s.mu.Unlock()
	if err := s.settings.SetSettings(ctx, map[string]string{SettingSafetyCodes: string(kept)}); err != nil {
		s.log.Warn("safety codes not kept", "err", err)
	}
	return code
}

func nameOr(name, id string) string {
	if name != "" {
		return name
	}
	return "member " + id[:8]
}

// newcomer is what creating or joining a team starts from: this laptop in
// no team yet, the member's name and identity, and the share opened.
type newcomer struct {
	name     string
	id       *share.Identity
	location string
	b        backend.Backend
}

func (s *Service) newcomer(ctx context.Context, location string, create bool) (*newcomer, error) {
	n := &newcomer{location: normalize(location)}
	if c, err := s.store.TeamConfig(ctx); err != nil {
		return nil, err
	} else if c != nil && c.State == peerplaypay.TeamPending && !create && c.Location == n.location {
		// Asking again where we wait: the request may have been dropped
		// from the share, and a sync said to join again.
	} else if c != nil && c.State != peerplaypay.TeamRefused {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "This laptop is already in a team, or waiting to join one (%s). PeerPlayPay keeps one team per data folder; `peerplaypay team leave` forgets it.", c.Location)
	}
	var err error
	if n.name, err = s.myName(ctx); err != nil {
		return nil, err
	}
	if n.id, err = s.Identity(); err != nil {
		return nil, err
	}
	if n.b, err = s.open(ctx, n.location, create); err != nil {
		return nil, err
	}
	return n, nil
}

// Create starts a team on an empty share, with this member alone in it.
func (s *Service) Create(ctx context.Context, location, teamName string) (Status, error) {
	n, err := s.newcomer(ctx, location, true)
	if err != nil {
		return Status{}, err
	}
	defer n.b.Close()
	t, err := share.CreateTeam(ctx, n.b, n.id, teamName, n.name)
	if err != nil {
		return Status{}, err
	}
	r := t.Roster()
	c := &peerplaypay.TeamConfig{Location: n.location, TeamID: r.Team.String(), Genesis: r.Genesis.String(), State: peerplaypay.TeamMember, Roster: r.Versions()}
	if err := s.store.SaveTeamConfig(ctx, c); err != nil {
		return Status{}, err
	}
	s.log.Info("team created", "team", r.Team, "location", n.b.Location())
	return s.Status(ctx)
}

// Join asks to join the team on the share at location and returns the
// status with the safety code to read out. invite is the invitation a
// member gave (the code, or the whole line `team invite` printed, which
// also gives the location when location is ""): a share whose team is not
// the invitation's is refused before anything is written to it. With an
// identity restored from a recovery key that is a member already, it
// reconnects at once.
func (s *Service) Join(ctx context.Context, location, invite string) (Status, error) {
	if strings.TrimSpace(invite) == "" {
		return Status{}, peerplaypay.Errorf(peerplaypay.EINVALID, "Joining needs the invitation: ask a member for it (`peerplaypay team invite` prints it, and the Team area shows it).")
	}
	inv, err := share.ParseInvitation(invite)
	if err != nil {
		return Status{}, err
	}
	if strings.TrimSpace(location) == "" {
		location = inv.Location
	}
	if strings.TrimSpace(location) == "" {
		return Status{}, peerplaypay.Errorf(peerplaypay.EINVALID, "Say where the team's share is: the location is in the invitation line a member's `peerplaypay team invite` prints.")
	}
	n, err := s.newcomer(ctx, location, false)
	if err != nil {
		return Status{}, err
	}
	b, id, name, location := n.b, n.id, n.name, n.location
	defer b.Close()
	r, err := share.FetchInvitedRoster(ctx, b, inv)
	if err != nil {
		return Status{}, err
	}
	team := r.Team
	c := &peerplaypay.TeamConfig{Location: location, TeamID: team.String(), Genesis: r.Genesis.String(), State: peerplaypay.TeamPending, Roster: r.Versions()}
	if m, ok := r.Member(id.MemberID()); ok {
		if m.Removed() {
			return Status{}, peerplaypay.Errorf(peerplaypay.EINVALID, "You were removed from this team. To come back, ask a member; you will join with a new identity.")
		}
		// Our keys are in the roster: a restore on a new laptop.
		return s.reconnect(ctx, c, n)
	}
	if err := s.store.ForgetTeam(ctx); err != nil { // a refused earlier request
		return Status{}, err
	}
	if _, err := share.RequestJoin(ctx, b, id, r, name); err != nil && peerplaypay.ErrorCode(err) != peerplaypay.ECONFLICT {
		return Status{}, err
	}
	if err := s.store.SaveTeamConfig(ctx, c); err != nil {
		return Status{}, err
	}
	return s.Status(ctx)
}

// reconnect makes a member whose identity was restored a member here
// again: it pins the roster and finds where its own chain of batches ends.
func (s *Service) reconnect(ctx context.Context, c *peerplaypay.TeamConfig, n *newcomer) (Status, error) {
	bk := n.b
	r, err := share.VerifyRoster(mustTeam(c.TeamID), share.Hash{}, c.Roster)
	if err != nil {
		return Status{}, err
	}
	c.Genesis, c.State = r.Genesis.String(), peerplaypay.TeamMember
	t, err := s.openTeam(ctx, c, bk)
	if err != nil {
		return Status{}, err
	}
	// Our own last batch names the roster head we had verified: a roster
	// put back to an older copy, or another branch, lacks it and is
	// refused (ReasonRosterFork) before anything is stored or sent.
	pos, err := t.RecoverPosition(ctx)
	if err != nil {
		return Status{}, err
	}
	if err := s.store.ForgetTeam(ctx); err != nil {
		return Status{}, err
	}
	if err := s.saveRoster(ctx, c, t); err != nil {
		return Status{}, err
	}
	if err := s.store.SetPosition(ctx, t.Me().MemberID().String(), toPosition(pos)); err != nil {
		return Status{}, err
	}
	return s.Status(ctx)
}

func mustTeam(s string) share.TeamID {
	t, _ := share.ParseTeamID(s)
	return t
}

// checkJoin asks the share whether our pending request was answered.
func (s *Service) checkJoin(ctx context.Context, c *peerplaypay.TeamConfig) (*peerplaypay.TeamConfig, error) {
	id, err := s.Identity()
	if err != nil {
		return c, err
	}
	b, err := s.open(ctx, c.Location, false)
	if err != nil {
		return c, err
	}
	defer b.Close()
	genesis, _ := share.ParseHash(c.Genesis) // the invitation's
	r, err := share.VerifyRoster(mustTeam(c.TeamID), genesis, c.Roster)
	if err != nil {
		return c, err
	}
	state, r2, err := share.JoinStatus(ctx, b, id, r)
	if err != nil {
		return c, err
	}
	c.Roster = r2.Versions()
	switch state {
	case share.JoinApproved:
		c.Genesis, c.State = r2.Genesis.String(), peerplaypay.TeamMember
		s.log.Info("join approved", "team", c.TeamID)
	case share.JoinRefused:
		c.State = peerplaypay.TeamRefused
	case share.JoinNotRequested:
		return c, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "Your request to join is no longer in the share; join again.")
	}
	return c, s.store.SaveTeamConfig(ctx, c)
}

// Request is a newcomer's request as members see it.
type Request struct {
	ID   string    `json:"id"`
	Name string    `json:"name"`
	At   time.Time `json:"at" ts_type:"string"`
}

// withTeam opens the share and the team (roster refreshed) for a change.
func (s *Service) withTeam(ctx context.Context, f func(*share.Team, *peerplaypay.TeamConfig) error) error {
	c, err := s.config(ctx)
	if err != nil {
		return err
	}
	if c.State != peerplaypay.TeamMember {
		return peerplaypay.Errorf(peerplaypay.ECONFLICT, "Only a member of the team can do that; this laptop is %s.", c.State)
	}
	t, closeShare, err := s.connect(ctx, c)
	if err != nil {
		return err
	}
	defer closeShare()
	if _, err := t.Refresh(ctx); err != nil {
		return err
	}
	if err := f(t, c); err != nil {
		return err
	}
	return s.saveRoster(ctx, c, t)
}

// Requests lists the join requests waiting for a member.
func (s *Service) Requests(ctx context.Context) ([]Request, error) {
	out := []Request{}
	err := s.withTeam(ctx, func(t *share.Team, _ *peerplaypay.TeamConfig) error {
		pending, rejected, err := t.JoinRequests(ctx)
		for _, r := range rejected {
			s.log.Warn("join request ignored", "err", r)
		}
		for _, r := range pending {
			out = append(out, Request{ID: r.Keys.ID.String(), Name: t.RequestName(r), At: r.At})
		}
		if err == nil {
			s.keepIgnored(ctx, t, "roster/", "join/")
		}
		return err
	})
	return out, err
}

func (s *Service) request(ctx context.Context, t *share.Team, id string) (*share.JoinRequest, error) {
	pending, _, err := t.JoinRequests(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range pending {
		if r.Keys.ID.String() == id || (len(id) >= 8 && len(id) < 32 && r.Keys.ID.String()[:len(id)] == id) {
			return r, nil
		}
	}
	return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no waiting request with the ID %q; `peerplaypay team requests` lists them.", id)
}

// Approve adds the newcomer whose request has id, once the code the
// newcomer reads out matches.
func (s *Service) Approve(ctx context.Context, id, code string) error {
	return s.withTeam(ctx, func(t *share.Team, _ *peerplaypay.TeamConfig) error {
		req, err := s.request(ctx, t, id)
		if err != nil {
			return err
		}
		if err := t.Approve(ctx, req, code); err != nil {
			return err
		}
		return s.announce(ctx, t)
	})
}

// Refuse refuses the request with id.
func (s *Service) Refuse(ctx context.Context, id string) error {
	return s.withTeam(ctx, func(t *share.Team, _ *peerplaypay.TeamConfig) error {
		req, err := s.request(ctx, t, id)
		if err != nil {
			return err
		}
		return t.Refuse(ctx, req)
	})
}

// Remove removes a member: a new key epoch; what they had stays theirs,
// nothing new reaches them.
func (s *Service) Remove(ctx context.Context, id string) error {
	return s.withTeam(ctx, func(t *share.Team, _ *peerplaypay.TeamConfig) error {
		m, err := findMember(t, id)
		if err != nil {
			return err
		}
		if m == t.Me().MemberID() {
			return peerplaypay.Errorf(peerplaypay.EINVALID, "You cannot remove yourself; ask another member.")
		}
		known, err := s.store.Members(ctx)
		if err != nil {
			return err
		}
		var last share.Position
		for _, k := range known {
			if k.ID == m.String() {
				if last, err = fromPosition(k.Position); err != nil {
					return err
				}
			}
		}
		if err := t.Remove(ctx, m, last); err != nil {
			return err
		}
		return s.announce(ctx, t)
	})
}

// announce sends, right after we changed the team, a batch naming the new
// roster version. Whoever can write to the share can delete that version;
// our batch then still tells every member that it existed, so none of
// them goes on writing to the epoch before it (which the removed member
// can read): they report a fork instead. A sync running in the window
// holds the lock; the event then waits in the outbox for the next one.
func (s *Service) announce(ctx context.Context, t *share.Team) error {
	r := t.Roster()
	head := r.Head()
	if head.Signer != t.Me().MemberID() {
		// An approval that found the newcomer already added (another
		// member approved at the same time) changed nothing: announcing
		// another member's change is a false claim, which readers refuse.
		return nil
	}
	data, err := json.Marshal(share.RosterChangedOf(r))
	if err != nil {
		return err
	}
	ev := peerplaypay.ShareEvent{ID: newEventID(), Kind: peerplaypay.EventRosterChanged, V: 1, At: nowUTC(), Data: data}
	if err := s.store.Enqueue(ctx, ev); err != nil {
		return err
	}
	lock, err := s.syncLock()
	if err != nil {
		s.log.Info("team change announced at the next sync", "version", head.Version)
		return nil
	}
	defer lock.Unlock()
	var sum Summary
	return s.sendOutbox(ctx, t, &sum)
}

// Invitation is what a member gives a newcomer to join: the share's
// location and the team, by its ID and genesis hash, in one code.
type Invitation struct {
	Location string `json:"location"`
	Team     string `json:"team"`     // team ID, hex
	TeamName string `json:"teamName"` // for the person; not checked
	Genesis  string `json:"genesis"`  // hex hash of roster version 1
	Invite   string `json:"invite"`   // the code: `team join LOCATION --invite CODE`
	Command  string `json:"command"`  // the whole line to send the newcomer
}

func invitationOf(c *peerplaypay.TeamConfig, teamName string) *Invitation {
	team, err1 := share.ParseTeamID(c.TeamID)
	genesis, err2 := share.ParseHash(c.Genesis)
	if err1 != nil || err2 != nil {
		return nil
	}
	code := share.Invitation{Location: c.Location, Team: team, Genesis: genesis}.Code()
	return &Invitation{Location: c.Location, Team: c.TeamID, TeamName: teamName, Genesis: c.Genesis, Invite: code,
		Command: "peerplaypay team join " + shellQuote(c.Location) + " --invite " + code}
}

// Invite returns the invitation to the team, for a member to pass on.
func (s *Service) Invite(ctx context.Context) (*Invitation, error) {
	st, err := s.Status(ctx)
	if err != nil {
		return nil, err
	}
	if st.Invitation == nil {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "Only a member of a team can invite: this laptop is %s.", st.State)
	}
	return st.Invitation, nil
}

// shellQuote quotes a location for a shell when it needs it, so that the
// printed line runs as it is; share.ParseInvitation reads it back.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"$&;|<>()*?[]#~`!{}\\") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func findMember(t *share.Team, id string) (share.MemberID, error) {
	for _, m := range t.Roster().Members() {
		if s := m.ID.String(); s == id || (len(id) >= 8 && len(id) < 32 && s[:len(id)] == id) {
			return m.ID, nil
		}
	}
	return share.MemberID{}, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "No member has the ID %q; `peerplaypay team members` lists them.", id)
}

// Leave forgets the team on this laptop (after a refusal, or to start
// again); the share is not changed.
func (s *Service) Leave(ctx context.Context) error {
	if err := s.store.ForgetTeam(ctx); err != nil {
		return err
	}
	return s.settings.SetSettings(ctx, map[string]string{SettingProblems: "", SettingIgnored: "", SettingMembersListed: ""})
}

// ignored reads the foreign names the last listings stored.
func (s *Service) ignored(ctx context.Context) []string {
	out := []string{}
	if v, _ := s.settings.Setting(ctx, SettingIgnored, ""); v != "" {
		json.Unmarshal([]byte(v), &out)
	}
	return out
}

// keepIgnored stores the foreign names t's listings met, and returns all
// those stored. Only the folders listed whole (by their prefixes) are
// replaced; in the others, what t met is added: a sync lists the roster
// whole, the members' folders whole once a day and their new batches
// otherwise, the request list the roster and join/, and each keeps what
// the other found.
func (s *Service) keepIgnored(ctx context.Context, t *share.Team, listed ...string) []string {
	under := func(k string) bool {
		return slices.ContainsFunc(listed, func(p string) bool { return strings.HasPrefix(k, p) })
	}
	keep := slices.DeleteFunc(s.ignored(ctx), under)
	all := slices.Compact(slices.Sorted(slices.Values(append(keep, t.Ignored()...))))
	if all == nil {
		all = []string{} // a list, in the summary and the setting alike
	}
	raw, _ := json.Marshal(all)
	s.settings.SetSettings(context.WithoutCancel(ctx), map[string]string{SettingIgnored: string(raw)})
	return all
}

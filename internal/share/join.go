package share

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/scrypt"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
)

// JoinRequest is a newcomer's signed request, stored at
// join/<member>/request. The host sees the member ID and public keys; the
// name is sealed to the team's current epoch recipient, which is public in
// the roster, so only members read it.
type JoinRequest struct {
	Team    TeamID
	Genesis Hash // the roster history the newcomer saw
	Keys    MemberKeys
	Epoch   uint32 // the epoch the name is sealed to
	At      time.Time
	Hash    Hash

	name     []byte
	codeOnce sync.Once
	code     string
}

type joinDoc struct {
	Team      TeamID    `json:"team"`
	Genesis   Hash      `json:"genesis"`
	Member    MemberID  `json:"member"`
	Signing   []byte    `json:"signing"`
	Recipient string    `json:"recipient"`
	Epoch     uint32    `json:"epoch"`
	Name      []byte    `json:"name"`
	At        time.Time `json:"at"`
}

// refusalDoc is a member's signed "no" to one request.
type refusalDoc struct {
	Team    TeamID    `json:"team"`
	Member  MemberID  `json:"member"`
	Request Hash      `json:"request"`
	By      MemberID  `json:"by"`
	At      time.Time `json:"at"`
}

// FetchRoster reads and verifies a team's whole roster for a newcomer, who
// has nothing to pin it to yet: the safety code, which covers the genesis
// hash, is what later proves that newcomer and approver saw the same team.
func FetchRoster(ctx context.Context, b backend.Backend, team TeamID) (*Roster, error) {
	r, _, err := readRoster(ctx, b, team, Hash{}, nil)
	if r == nil && err == nil {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "The share at %s holds no team. Check the share's location with the member who invited you.", b.Location())
	}
	return r, err
}

// RequestJoin writes me's request to join the team of roster, with the
// display name the members will see. It is create-only: a second request
// while the first is pending is refused with ECONFLICT.
func RequestJoin(ctx context.Context, b backend.Backend, me *Identity, roster *Roster, name string) (*JoinRequest, error) {
	if _, ok := roster.Member(me.id); ok {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "You are already in this team's roster.")
	}
	ep := roster.CurrentEpoch()
	to, err := parseRecipient(ep.Recipient)
	if err != nil {
		return nil, err
	}
	sealed, err := encryptBytes([]byte(name), to)
	if err != nil {
		return nil, err
	}
	pub := me.Public()
	doc := joinDoc{
		Team: roster.Team, Genesis: roster.Genesis, Member: me.id, Signing: pub.Signing,
		Recipient: pub.Recipient.String(), Epoch: ep.Number, Name: sealed, At: time.Now().UTC(),
	}
	header, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	raw := sealFrame(magicJoin, header, nil, me)
	err = b.Put(ctx, joinRequestKey(me.id), bytes.NewReader(raw), backend.PutOptions{CreateOnly: true})
	if errors.Is(err, backend.ErrExists) {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "Your request to join is already waiting in the share. A member still has to approve it.")
	} else if err != nil {
		return nil, fmt.Errorf("write join request: %w", err)
	}
	return parseJoinRequest(raw, joinRequestKey(me.id))
}

// parseJoinRequest checks a request's frame, self-signature and place.
func parseJoinRequest(raw []byte, key string) (*JoinRequest, error) {
	f, err := parseFrame(raw, magicJoin, "join request", key)
	if err != nil {
		return nil, err
	}
	var doc joinDoc
	if err := decodeStrict(f.header, &doc); err != nil || len(f.body) != 0 {
		return nil, refuse(ReasonMalformed, peerplaypay.ECORRUPT, key, fmt.Sprint(err), "A join request in the team share is damaged. It was ignored.")
	}
	if !f.verify(doc.Signing) {
		return nil, refuse(ReasonBadSignature, peerplaypay.ECORRUPT, key, "self-signature",
			"A join request in the team share was changed after it was signed. It was ignored; the newcomer should ask again.")
	}
	if key != joinRequestKey(doc.Member) {
		return nil, refuse(ReasonWrongAuthor, peerplaypay.ECORRUPT, key, "stored under another member's name",
			"A join request in the team share is stored under another member's name. It was ignored.")
	}
	rec, err := parseRecipient(doc.Recipient)
	if err != nil || len(doc.Name) == 0 {
		return nil, refuse(ReasonMalformed, peerplaypay.ECORRUPT, key, "keys", "A join request in the team share is damaged. It was ignored.")
	}
	return &JoinRequest{
		Team: doc.Team, Genesis: doc.Genesis, Epoch: doc.Epoch, At: doc.At, Hash: f.hash, name: doc.Name,
		Keys: MemberKeys{ID: doc.Member, Signing: ed25519.PublicKey(doc.Signing), Recipient: rec},
	}, nil
}

// Safety code parameters. The code is short so that people can read it to
// each other; scrypt makes each guess cost a fraction of a second and 64 MiB,
// so that a host who swaps the request's keys cannot grind keys until its
// code matches the newcomer's within the minutes before approval.
const (
	safetyCodeDigits = 8
	safetyLabel      = "peerplaypay/v1/safety-code"
	safetyCodeCost   = 1 << 16 // scrypt's N, as PROTOCOL.md §9 fixes it
)

// safetyScryptN is the cost codes are made with: safetyCodeCost, except in
// test binaries built with the race detector (safety_race.go).
var safetyScryptN = safetyCodeCost

// SafetyCode is the code the newcomer and the approver compare out of band.
// It covers the team, the roster history (genesis hash) and the newcomer's
// ID and keys: if anyone changed any of them on the way, the codes differ.
func SafetyCode(team TeamID, genesis Hash, keys MemberKeys) string {
	return safetyCode(team, genesis, keys, safetyScryptN)
}

func safetyCode(team TeamID, genesis Hash, keys MemberKeys, cost int) string {
	in := make([]byte, 0, 16+32+16+32+80)
	in = append(in, team[:]...)
	in = append(in, genesis[:]...)
	in = append(in, keys.ID[:]...)
	in = append(in, keys.Signing...)
	in = append(in, keys.Recipient.String()...)
	salt := sha256.Sum256([]byte(safetyLabel))
	out, err := scrypt.Key(in, salt[:], cost, 8, 1, 8)
	if err != nil {
		panic(err) // fixed, valid parameters
	}
	n := binary.BigEndian.Uint64(out) % 100_000_000
	s := fmt.Sprintf("%0*d", safetyCodeDigits, n)
	return s[:4] + " " + s[4:]
}

// SafetyCode is this request's code (computed once).
func (r *JoinRequest) SafetyCode() string {
	r.codeOnce.Do(func() { r.code = SafetyCode(r.Team, r.Genesis, r.Keys) })
	return r.code
}

func normalizeCode(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// JoinRequests lists the pending requests (one list request, plus one read
// per request and per refusal naming one). Requests that fail verification
// are returned apart, for the UI to mention, and so are refusals that do:
// anyone who can write to the share can put a file under a refusal's name,
// so only a refusal signed by a member of the roster hides a request.
func (t *Team) JoinRequests(ctx context.Context) (pending []*JoinRequest, rejected []error, err error) {
	entries, err := t.listOurs(ctx, joinPrefix, "", isJoinKey)
	if err != nil {
		return nil, nil, fmt.Errorf("list join requests: %w", err)
	}
	refused := map[string]bool{}
	for _, e := range entries {
		if strings.Contains(e.Key, "/refused-") {
			refused[e.Key] = true
		}
	}
	r := t.Roster()
	for _, e := range entries {
		m, ok := strings.CutSuffix(strings.TrimPrefix(e.Key, joinPrefix), "/request")
		if !ok {
			continue
		}
		id, perr := ParseMemberID(m)
		if perr != nil {
			continue
		}
		if _, member := r.Member(id); member {
			continue // approved (or removed) already; the request is stale
		}
		raw, err := readObject(ctx, t.b, e.Key, maxJoinObject)
		if err != nil {
			rejected = append(rejected, err)
			continue
		}
		req, err := parseJoinRequest(raw, e.Key)
		if err == nil {
			err = t.checkRequest(r, req, e.Key)
		}
		if err != nil {
			rejected = append(rejected, err)
			continue
		}
		if key := refusalKey(id, req.Hash); refused[key] {
			hidden, err := t.refusedBy(ctx, r, req, key)
			if err != nil {
				rejected = append(rejected, err)
			}
			if hidden {
				continue
			}
		}
		pending = append(pending, req)
	}
	return pending, rejected, nil
}

// refusedBy reads the refusal at key and reports whether it refuses req: a
// refusal that does not verify, or names another request, is an error and
// hides nothing. A refusal gone since the listing hides nothing either. A
// failed read is no verdict: it hides the request until the next look, as
// an approval must not follow a refusal that could not be read.
func (t *Team) refusedBy(ctx context.Context, r *Roster, req *JoinRequest, key string) (bool, error) {
	raw, err := readObject(ctx, t.b, key, maxJoinObject)
	switch {
	case backend.KindOf(err) == backend.KindNotFound:
		return false, nil
	case ReasonOf(err) != "":
		return false, err
	case err != nil:
		return true, fmt.Errorf("read refusal %s: %w", key, err)
	}
	doc, err := verifyRefusal(r, raw, key)
	if err != nil {
		return false, err
	}
	if doc.Member != req.Keys.ID || doc.Request != req.Hash {
		return false, refuse(ReasonWrongTeam, peerplaypay.ECORRUPT, key, "request "+doc.Request.String(),
			"A refusal in the team share does not belong where it is. It was ignored.")
	}
	return true, nil
}

// checkRequest refuses requests made for another team or after seeing
// another roster history (a host showing the newcomer a fake team).
func (t *Team) checkRequest(r *Roster, req *JoinRequest, key string) error {
	if req.Team != r.Team {
		return refuse(ReasonWrongTeam, peerplaypay.ECORRUPT, key, "team "+req.Team.String(), "A join request in the team share is for another team. It was ignored.")
	}
	if req.Genesis != r.Genesis {
		return refuse(ReasonGenesisMismatch, peerplaypay.ECORRUPT, key, "genesis "+req.Genesis.String(),
			"A join request in the team share was made against a different history of this team: the newcomer may have been shown a fake share. Do not approve it; check the share's location with the newcomer.")
	}
	return nil
}

// RequestName is the display name a newcomer asked to join with, "" if it
// cannot be read (sealed to an epoch we do not hold).
func (t *Team) RequestName(req *JoinRequest) string {
	k, ok := t.epochKey(req.Epoch)
	if !ok {
		return ""
	}
	name, err := decryptBytes(req.name, k.id, 1024)
	if err != nil {
		return ""
	}
	return string(name)
}

// Approve adds the newcomer after the approver typed the code the newcomer
// reads out. The new roster version grants the newcomer every epoch key
// the approver holds, so it can read the team's history. A wrong code is
// refused (ReasonWrongCode) and nothing is written. Approving someone
// already in the roster is a no-op, so a retry after a lost answer is safe.
func (t *Team) Approve(ctx context.Context, req *JoinRequest, code string) error {
	if err := t.refreshForChange(ctx); err != nil {
		return err
	}
	r := t.Roster()
	if err := t.requireActive(r); err != nil {
		return err
	}
	if err := t.checkRequest(r, req, joinRequestKey(req.Keys.ID)); err != nil {
		return err
	}
	if m, ok := r.Member(req.Keys.ID); ok {
		if m.Removed() {
			return peerplaypay.Errorf(peerplaypay.EINVALID, "This person was removed from the team. To come back they must start again with a new identity.")
		}
		return nil
	}
	if subtle.ConstantTimeCompare([]byte(normalizeCode(code)), []byte(normalizeCode(req.SafetyCode()))) != 1 {
		return refusef(ReasonWrongCode, peerplaypay.EINVALID, "safety code",
			"The safety code does not match the one on the newcomer's screen. Nothing was changed. Check the code with them again; if it still differs, someone may have tampered with the request: refuse it.")
	}
	doc, err := t.additionDoc(r, req)
	if err != nil {
		return err
	}
	if err := t.commit(ctx, r, doc); err != nil {
		return err
	}
	// The roster now says it all; the request is only clutter.
	_ = t.b.Delete(ctx, joinRequestKey(req.Keys.ID))
	return nil
}

// additionDoc builds the roster version after r that adds the newcomer,
// granting it every epoch key we hold.
func (t *Team) additionDoc(r *Roster, req *JoinRequest) (*rosterDoc, error) {
	cur := r.CurrentEpoch().Number
	curKey, ok := t.epochKey(cur)
	if !ok {
		return nil, refusef(ReasonNoKey, peerplaypay.EUNAVAILABLE, fmt.Sprintf("epoch %d", cur),
			"You do not hold the team's current key, so you cannot approve newcomers. Ask another member to approve.")
	}
	doc := t.nextDoc(r, ChangeAdd, req.Keys.ID)
	doc.Members = append(doc.Members, rosterMember{
		ID: req.Keys.ID, Signing: req.Keys.Signing, Recipient: req.Keys.Recipient.String(),
		AddedBy: t.me.id, AddedEpoch: cur, AddedVersion: doc.Version,
	})
	for n := uint32(1); n <= cur; n++ {
		k, ok := t.epochKey(n)
		if !ok {
			continue
		}
		g, err := k.grant(r.Team, req.Keys.Recipient)
		if err != nil {
			return nil, err
		}
		doc.Grants = append(doc.Grants, rosterGrant{Member: req.Keys.ID, Epoch: n, Key: g})
	}
	name := t.RequestName(req)
	var err error
	doc.Sealed, err = t.sealedFor(func(n map[MemberID]string) { n[req.Keys.ID] = name }, curKey)
	return doc, err
}

// Refuse writes a signed refusal of this request and deletes the request.
// The newcomer's app sees the refusal (JoinStatus); a later, new request
// from the same newcomer is not covered by it.
func (t *Team) Refuse(ctx context.Context, req *JoinRequest) error {
	r := t.Roster()
	if err := t.requireActive(r); err != nil {
		return err
	}
	header, err := json.Marshal(refusalDoc{Team: r.Team, Member: req.Keys.ID, Request: req.Hash, By: t.me.id, At: t.now().UTC()})
	if err != nil {
		return err
	}
	raw := sealFrame(magicRefusal, header, nil, t.me)
	err = t.b.Put(ctx, refusalKey(req.Keys.ID, req.Hash), bytes.NewReader(raw), backend.PutOptions{CreateOnly: true})
	if err != nil && !errors.Is(err, backend.ErrExists) {
		return fmt.Errorf("write refusal: %w", err)
	}
	if err := t.b.Delete(ctx, joinRequestKey(req.Keys.ID)); err != nil {
		return fmt.Errorf("delete refused request: %w", err)
	}
	return nil
}

// JoinState is where a newcomer's request stands.
type JoinState int

const (
	JoinNotRequested JoinState = iota // no request in the share
	JoinPending                       // waiting for a member
	JoinApproved                      // in the roster: open the team
	JoinRefused                       // a member refused it
)

// JoinStatus tells the newcomer where its request stands, reading the
// roster versions after roster and the newcomer's join folder. Once
// approved, the returned roster's Versions and Genesis open the team.
func JoinStatus(ctx context.Context, b backend.Backend, me *Identity, roster *Roster) (JoinState, *Roster, error) {
	r, _, err := readRoster(ctx, b, roster.Team, roster.Genesis, roster)
	if err != nil {
		return JoinPending, r, err
	}
	if r.IsActive(me.id) {
		return JoinApproved, r, nil
	}
	entries, _, err := listOurs(ctx, b, joinMemberPrefix(me.id), "", isJoinKey)
	if err != nil {
		return JoinPending, r, fmt.Errorf("join status: %w", err)
	}
	var request Hash
	var haveRequest bool
	for _, e := range entries {
		if e.Key == joinRequestKey(me.id) {
			raw, err := readObject(ctx, b, e.Key, maxJoinObject)
			if err != nil {
				return JoinPending, r, err
			}
			req, err := parseJoinRequest(raw, e.Key)
			if err != nil {
				return JoinPending, r, err
			}
			request, haveRequest = req.Hash, true
		}
	}
	for _, e := range entries {
		if !strings.Contains(e.Key, "/refused-") {
			continue
		}
		raw, err := readObject(ctx, b, e.Key, maxJoinObject)
		if err != nil {
			return JoinPending, r, err
		}
		// A refusal that does not verify is no refusal: skip it.
		if doc, err := verifyRefusal(r, raw, e.Key); err == nil && doc.Member == me.id && (!haveRequest || doc.Request == request) {
			return JoinRefused, r, nil
		}
	}
	if haveRequest {
		return JoinPending, r, nil
	}
	return JoinNotRequested, r, nil
}

func verifyRefusal(r *Roster, raw []byte, key string) (*refusalDoc, error) {
	f, err := parseFrame(raw, magicRefusal, "refusal", key)
	if err != nil {
		return nil, err
	}
	var doc refusalDoc
	if err := decodeStrict(f.header, &doc); err != nil || len(f.body) != 0 {
		return nil, refuse(ReasonMalformed, peerplaypay.ECORRUPT, key, fmt.Sprint(err), "A refusal in the team share is damaged. It was ignored.")
	}
	m, ok := r.Member(doc.By)
	if !ok || m.Removed() {
		return nil, refuse(ReasonNotMember, peerplaypay.ECORRUPT, key, "by "+doc.By.String(), "A refusal in the team share was not signed by a member. It was ignored.")
	}
	if !f.verify(m.Signing) {
		return nil, refuse(ReasonBadSignature, peerplaypay.ECORRUPT, key, "signature", "A refusal in the team share was changed after it was signed. It was ignored.")
	}
	if doc.Team != r.Team || key != refusalKey(doc.Member, doc.Request) {
		return nil, refuse(ReasonWrongTeam, peerplaypay.ECORRUPT, key, "place", "A refusal in the team share does not belong where it is. It was ignored.")
	}
	return &doc, nil
}

// TeamInShare reads which team a share holds, from its roster's version 1,
// for a newcomer who was given only the share's location. The answer is
// not trusted: FetchRoster verifies that roster, and the safety code proves
// that the newcomer and the approver saw the same one.
func TeamInShare(ctx context.Context, b backend.Backend) (TeamID, error) {
	raw, err := readObject(ctx, b, rosterKey(1), maxRosterVersion)
	if backend.KindOf(err) == backend.KindNotFound {
		return TeamID{}, peerplaypay.Errorf(peerplaypay.ENOTFOUND,
			"The share at %s holds no team yet. Check its location with the member who invited you, or create a team there.", b.Location())
	} else if err != nil {
		return TeamID{}, err
	}
	f, err := parseFrame(raw, magicRoster, "roster version", rosterKey(1))
	if err != nil {
		return TeamID{}, err
	}
	var doc struct {
		Team TeamID `json:"team"`
	}
	if err := json.Unmarshal(f.header, &doc); err != nil || doc.Team.IsZero() {
		return TeamID{}, rosterRefusal(ReasonMalformed, 1, "team", "The share's roster cannot be read; it is not a PeerPlayPay team share, or it is damaged.")
	}
	return doc.Team, nil
}

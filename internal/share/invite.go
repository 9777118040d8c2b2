package share

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"strings"
	"unicode"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
)

// Invitation is what a member hands a newcomer, out of band: where the
// share is and which team it must hold, by the team's genesis hash. The
// newcomer checks the share against it before writing anything there, so
// a team set up by someone else at that location (with the real team's ID,
// name and members' names) is refused: only the real genesis has the real
// hash.
type Invitation struct {
	Location string
	Team     TeamID
	Genesis  Hash
}

// The invitation code is "PPI1" followed by Crockford's base32 of
// version (1) | team ID (16) | genesis hash (32) | check (3), the check
// being the first 3 bytes of SHA-256(invitationLabel | the 49 bytes before).
const (
	invitationPrefix  = "PPI1"
	invitationLabel   = "peerplaypay/v1/invitation"
	invitationBodyLen = 1 + 16 + 32
	invitationLen     = invitationBodyLen + 3
)

func invitationCheck(body []byte) []byte {
	sum := sha256.Sum256(append([]byte(invitationLabel), body...))
	return sum[:3]
}

// Code is the invitation code (without the location).
func (inv Invitation) Code() string {
	p := make([]byte, 0, invitationLen)
	p = append(p, 1)
	p = append(p, inv.Team[:]...)
	p = append(p, inv.Genesis[:]...)
	p = append(p, invitationCheck(p)...)
	return invitationPrefix + crockfordEncoding.EncodeToString(p)
}

var errInvitationDamaged = peerplaypay.Errorf(peerplaypay.EINVALID,
	"The invitation code is damaged (a character is wrong or missing). Copy it again from the member who invited you (`peerplaypay team invite` prints it).")

// ParseInvitation reads an invitation from what a newcomer pasted: the
// code alone, or the whole line a member's app printed
// (`peerplaypay team join LOCATION --invite CODE`), in which case the
// location comes with it. Case, spaces and dashes inside the code do not
// matter.
func ParseInvitation(text string) (Invitation, error) {
	var inv Invitation
	fields := strings.Fields(text)
	at := -1
	for i, f := range fields {
		f = strings.TrimPrefix(strings.Trim(f, `'"`), "--invite=")
		if len(f) >= len(invitationPrefix) && strings.EqualFold(f[:len(invitationPrefix)], invitationPrefix) {
			at = i
		}
	}
	if at < 0 {
		return inv, peerplaypay.Errorf(peerplaypay.EINVALID,
			"That is not an invitation: it starts with %s. Ask a member for the invitation (`peerplaypay team invite` prints it).", invitationPrefix)
	}
	code, _, ok := normalizeCrockford(strings.TrimPrefix(strings.Trim(fields[at], `'"`), "--invite=")[len(invitationPrefix):])
	if !ok {
		return inv, errInvitationDamaged
	}
	p, err := crockfordEncoding.DecodeString(code)
	if err != nil || len(p) != invitationLen || p[0] != 1 ||
		subtle.ConstantTimeCompare(p[invitationBodyLen:], invitationCheck(p[:invitationBodyLen])) != 1 {
		if err == nil && len(p) == invitationLen && p[0] > 1 {
			return inv, peerplaypay.Errorf(peerplaypay.EUNAVAILABLE, "This invitation was made by a newer version of PeerPlayPay; update PeerPlayPay to use it.")
		}
		return inv, errInvitationDamaged
	}
	inv.Team, inv.Genesis = TeamID(p[1:17]), Hash(p[17:49])
	inv.Location = invitationLocation(fields[:at])
	return inv, nil
}

// invitationLocation finds the location in the words before the code of a
// printed command line: what follows "join", without the "--invite" flag
// and the shell quotes the printer added.
func invitationLocation(words []string) string {
	for i, w := range words {
		if w == "join" {
			words = words[i+1:]
			break
		}
	}
	words = slicesWithout(words, "--invite", "-invite")
	loc := strings.Join(words, " ")
	if len(loc) >= 2 && loc[0] == '\'' && loc[len(loc)-1] == '\'' {
		loc = strings.ReplaceAll(loc[1:len(loc)-1], `'\''`, `'`)
	}
	return strings.TrimFunc(loc, unicode.IsSpace)
}

func slicesWithout(words []string, drop ...string) []string {
	out := words[:0:0]
	for _, w := range words {
		keep := true
		for _, d := range drop {
			if w == d || strings.HasPrefix(w, d+"=") {
				keep = false
			}
		}
		if keep {
			out = append(out, w)
		}
	}
	return out
}

// FetchInvitedRoster reads and verifies the roster of the team the
// invitation names. A share holding another team, or this team's ID on
// another genesis (a fake team set up at the location), is refused with
// ReasonWrongTeam or ReasonGenesisMismatch before anything is written.
func FetchInvitedRoster(ctx context.Context, b backend.Backend, inv Invitation) (*Roster, error) {
	team, err := TeamInShare(ctx, b)
	if err != nil {
		return nil, err
	}
	if team != inv.Team {
		return nil, refuse(ReasonWrongTeam, peerplaypay.EINVALID, rosterKey(1), "team "+team.String(), "The share at "+b.Location()+
			" holds another team than the one your invitation names. Nothing was written there. Check the location and the invitation with the member who invited you.")
	}
	r, _, err := readRoster(ctx, b, team, inv.Genesis, nil)
	if ReasonOf(err) == ReasonGenesisMismatch {
		return nil, refuse(ReasonGenesisMismatch, peerplaypay.EINVALID, rosterKey(1), "genesis differs from the invitation's", "The team in the share at "+b.Location()+
			" is not the team of your invitation: its history does not start where the invitation says, so someone else may have set up a team there under the same name. Nothing was written there. Check the location and the invitation with the member who invited you.")
	}
	if r == nil {
		return nil, err
	}
	return r, err
}

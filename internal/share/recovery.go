package share

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"peerplaypay/internal/peerplaypay"
)

// The recovery payload, the same in the file and on paper:
//
//	version (1) | seed (32) | team ID (16, zero: none) | check (4)
//
// check is the first 4 bytes of SHA-256(recoveryCheckLabel || the 49
// bytes before it).
const (
	recoveryVersion    = 1
	recoveryPayloadLen = 1 + 32 + 16 + 4
	recoveryCheckLabel = "peerplaypay/v1/recovery-check"

	recoveryBegin = "-----BEGIN PEERPLAYPAY RECOVERY KEY-----"
	recoveryEnd   = "-----END PEERPLAYPAY RECOVERY KEY-----"
)

// RecoveryExpect says whose key the caller expects; zero fields accept any.
type RecoveryExpect struct {
	Member MemberID
	Team   TeamID
}

func recoveryPayload(seed [32]byte, team TeamID) []byte {
	p := make([]byte, 0, recoveryPayloadLen)
	p = append(p, recoveryVersion)
	p = append(p, seed[:]...)
	p = append(p, team[:]...)
	return append(p, recoveryCheck(p)...)
}

func recoveryCheck(body []byte) []byte {
	h := sha256.New()
	h.Write([]byte(recoveryCheckLabel))
	h.Write(body)
	return h.Sum(nil)[:4]
}

func parseRecoveryPayload(p []byte) (seed [32]byte, team TeamID, err error) {
	if len(p) > 0 && p[0] > recoveryVersion {
		return seed, team, refuse(ReasonNewerFormat, peerplaypay.EUNAVAILABLE, "", fmt.Sprintf("version %d", p[0]),
			"This recovery key was made by a newer version of PeerPlayPay. Update PeerPlayPay, then import it again.")
	}
	if len(p) != recoveryPayloadLen || p[0] != recoveryVersion {
		return seed, team, recoveryDamaged("wrong length or version", "The recovery key is incomplete or damaged. Check that you copied all of it.")
	}
	if subtle.ConstantTimeCompare(recoveryCheck(p[:recoveryPayloadLen-4]), p[recoveryPayloadLen-4:]) != 1 {
		return seed, team, recoveryDamaged("checksum", "The recovery key does not check out: a character is wrong somewhere. Compare it carefully with the original.")
	}
	copy(seed[:], p[1:33])
	copy(team[:], p[33:49])
	return seed, team, nil
}

func recoveryDamaged(detail, msg string) *Error {
	return refuse(ReasonRecoveryDamaged, peerplaypay.EINVALID, "", detail, msg)
}

// RecoveryFile returns the identity as an armored text file. team is the
// team the member belongs to (zero if none yet): importing the file into
// another team is then refused with a clear message.
func (i *Identity) RecoveryFile(team TeamID) []byte {
	var b bytes.Buffer
	b.WriteString(recoveryBegin + "\n")
	b.WriteString("# Keep this file secret: with it, anyone can read your team's data and sign as you.\n")
	fmt.Fprintf(&b, "Member: %s\n", i.id)
	if team.IsZero() {
		b.WriteString("Team: none\n")
	} else {
		fmt.Fprintf(&b, "Team: %s\n", team)
	}
	b.WriteString("\n")
	b.WriteString(base64.StdEncoding.EncodeToString(recoveryPayload(i.seed, team)) + "\n")
	b.WriteString(recoveryEnd + "\n")
	return b.Bytes()
}

// ImportRecovery reads a recovery file or a printed recovery key, checks it,
// and checks that it is the one expected.
func ImportRecovery(text string, want RecoveryExpect) (*Identity, TeamID, error) {
	var seed [32]byte
	var team TeamID
	var err error
	if strings.Contains(text, recoveryBegin) {
		seed, team, err = parseRecoveryFile(text)
	} else {
		seed, team, err = parsePrintable(text)
	}
	if err != nil {
		return nil, TeamID{}, err
	}
	id, err := identityFromSeed(seed)
	if err != nil {
		return nil, TeamID{}, err
	}
	if !want.Member.IsZero() && id.id != want.Member {
		return nil, TeamID{}, refuse(ReasonRecoveryOtherMember, peerplaypay.EINVALID, "", "member "+id.id.String(), fmt.Sprintf(
			"This recovery key belongs to another member (%s…), not to the one being restored (%s…). Use your own recovery key.",
			id.id.String()[:8], want.Member.String()[:8]))
	}
	if !want.Team.IsZero() && !team.IsZero() && team != want.Team {
		return nil, TeamID{}, refuse(ReasonRecoveryOtherTeam, peerplaypay.EINVALID, "", "team "+team.String(), fmt.Sprintf(
			"This recovery key was made for another team (%s…), not for this one (%s…). Use the key you saved for this team.",
			team.String()[:8], want.Team.String()[:8]))
	}
	return id, team, nil
}

func parseRecoveryFile(text string) (seed [32]byte, team TeamID, err error) {
	_, rest, _ := strings.Cut(text, recoveryBegin)
	body, _, found := strings.Cut(rest, recoveryEnd)
	if !found {
		return seed, team, recoveryDamaged("no end line", "The recovery file is cut short: its last line is missing. Use a complete copy of the file.")
	}
	var headerMember, headerTeam, data string
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "Member:"):
			headerMember = strings.TrimSpace(strings.TrimPrefix(line, "Member:"))
		case strings.HasPrefix(line, "Team:"):
			headerTeam = strings.TrimSpace(strings.TrimPrefix(line, "Team:"))
		default:
			data += line
		}
	}
	p, derr := base64.StdEncoding.DecodeString(data)
	if derr != nil {
		return seed, team, recoveryDamaged("base64: "+derr.Error(), "The recovery file is damaged: its key text has been changed. Use an unmodified copy of the file.")
	}
	if seed, team, err = parseRecoveryPayload(p); err != nil {
		return seed, team, err
	}
	// The readable lines must say what the key says: an edited header is a
	// damaged file, not a key of another member.
	id, err := identityFromSeed(seed)
	if err != nil {
		return seed, team, err
	}
	wantTeam := "none"
	if !team.IsZero() {
		wantTeam = team.String()
	}
	if headerMember != id.id.String() || headerTeam != wantTeam {
		return seed, team, recoveryDamaged("header does not match key", "The recovery file is damaged: its Member or Team line does not match its key. Use an unmodified copy of the file.")
	}
	return seed, team, nil
}

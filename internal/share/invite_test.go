package share

import (
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
)

func TestInvitationCode(t *testing.T) {
	inv := Invitation{Team: TeamID{0xa0, 1}, Genesis: Hash{0x40, 2}}
	code := inv.Code()
	for name, text := range map[string]string{
		"Code":       code,
		"LowerCase":  "  " + strings.ToLower(code) + "\n",
		"PrintedCmd": "peerplaypay team join '/mnt/team share/it'\\''s' --invite " + code,
		"EqualsFlag": "peerplaypay team join s3://bucket?endpoint=http://127.0.0.1:9000 --invite=" + code,
	} {
		t.Run(name, func(t *testing.T) {
			got, err := ParseInvitation(text)
			if err != nil || got.Team != inv.Team || got.Genesis != inv.Genesis {
				t.Fatalf("parse %q = %+v, %v", text, got, err)
			}
			want := map[string]string{"PrintedCmd": "/mnt/team share/it's", "EqualsFlag": "s3://bucket?endpoint=http://127.0.0.1:9000"}[name]
			if got.Location != want {
				t.Fatalf("location %q; want %q", got.Location, want)
			}
		})
	}
	t.Run("ErrDamaged", func(t *testing.T) {
		typo := []byte(code)
		typo[20] = map[bool]byte{true: 'A', false: 'B'}[typo[20] != 'A']
		for _, text := range []string{string(typo), code[:len(code)-1], code + "0", "peerplaypay team join /x"} {
			if _, err := ParseInvitation(text); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID || !strings.Contains(peerplaypay.ErrorMessage(err), "invitation") {
				t.Fatalf("parse %q = %v", text, err)
			}
		}
	})
}

func TestFetchInvitedRoster(t *testing.T) {
	b := newFolderShare(t)
	a := mustCreate(t, b, mustIdentity(t), "Pilots", "Ada")
	r := a.Roster()
	inv := Invitation{Location: b.Location(), Team: r.Team, Genesis: r.Genesis}

	t.Run("OK", func(t *testing.T) {
		got, err := FetchInvitedRoster(bg(), b, inv)
		if err != nil || got.Hash != r.Hash {
			t.Fatalf("fetch = %v", err)
		}
	})
	t.Run("ErrFakeTeam", func(t *testing.T) {
		// Someone set up a team at the location given to the newcomer,
		// with the real team's ID and names: its genesis differs.
		fake := newFolderShare(t)
		mustCreateWithTeam(t, fake, mustIdentity(t), r.Team)
		before := fake.Stats()
		_, err := FetchInvitedRoster(bg(), fake, inv)
		assertReason(t, err, ReasonGenesisMismatch, peerplaypay.EINVALID)
		if !strings.Contains(peerplaypay.ErrorMessage(err), "invitation") {
			t.Fatalf("message %q does not mention the invitation", peerplaypay.ErrorMessage(err))
		}
		if fake.Stats().Sub(before).Puts != 0 {
			t.Fatal("wrote to the fake share")
		}
	})
	t.Run("ErrOtherTeam", func(t *testing.T) {
		other := newFolderShare(t)
		mustCreate(t, other, mustIdentity(t), "Other", "Eve")
		_, err := FetchInvitedRoster(bg(), other, inv)
		assertReason(t, err, ReasonWrongTeam, peerplaypay.EINVALID)
	})
}

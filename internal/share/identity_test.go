package share

import (
	"bytes"
	"encoding/base64"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"filippo.io/age"

	"peerplaypay/internal/peerplaypay"
)

func mustIdentity(t testing.TB) *Identity {
	t.Helper()
	id, err := NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestIdentity(t *testing.T) {
	t.Run("Distinct", func(t *testing.T) {
		a, b := mustIdentity(t), mustIdentity(t)
		if a.MemberID() == b.MemberID() || bytes.Equal(a.Public().Signing, b.Public().Signing) || a.Public().Recipient.String() == b.Public().Recipient.String() {
			t.Fatal("two new identities share a key or an ID")
		}
	})

	t.Run("AgeKeyWorks", func(t *testing.T) {
		id := mustIdentity(t)
		if got := bech32Encode("age", mustScalarPublic(t, id), false); got != id.Public().Recipient.String() {
			t.Fatalf("our bech32 %s != age's %s", got, id.Public().Recipient)
		}
		var ct bytes.Buffer
		w, err := age.Encrypt(&ct, id.Public().Recipient)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "hello")
		w.Close()
		r, err := age.Decrypt(&ct, id.ageID)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := io.ReadAll(r); string(b) != "hello" {
			t.Fatalf("decrypted %q", b)
		}
	})

	t.Run("SaveLoad", func(t *testing.T) {
		dir := t.TempDir()
		id := mustIdentity(t)
		if err := SaveIdentity(dir, id); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(filepath.Join(dir, IdentityFile))
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Fatalf("identity file mode %v; want 0600", fi.Mode().Perm())
		}
		got, err := LoadIdentity(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got.MemberID() != id.MemberID() || !bytes.Equal(got.signKey, id.signKey) {
			t.Fatal("loaded identity differs")
		}
	})

	t.Run("ErrLoadMissing", func(t *testing.T) {
		_, err := LoadIdentity(t.TempDir())
		if peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("ErrLoadDamaged", func(t *testing.T) {
		dir := t.TempDir()
		if err := SaveIdentity(dir, mustIdentity(t)); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, IdentityFile)
		data, _ := os.ReadFile(path)
		os.WriteFile(path, data[:len(data)/2], 0o600)
		_, err := LoadIdentity(dir)
		if peerplaypay.ErrorCode(err) != peerplaypay.ECORRUPT {
			t.Fatalf("err = %v", err)
		}
	})
}

// mustScalarPublic decodes the recipient's point from age's own text.
func mustScalarPublic(t *testing.T, id *Identity) []byte {
	t.Helper()
	return bech32DecodeForTest(t, id.Public().Recipient.String())
}

func bech32DecodeForTest(t *testing.T, s string) []byte {
	t.Helper()
	_, data, _ := strings.Cut(s, "1")
	data = data[:len(data)-6]
	var out []byte
	acc, bits := 0, 0
	for _, c := range data {
		acc = acc<<5 | strings.IndexRune(bech32Charset, c)
		bits += 5
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
	}
	return out
}

func TestRecovery(t *testing.T) {
	id := mustIdentity(t)
	team := newTeamID()
	other := mustIdentity(t)
	expect := RecoveryExpect{Member: id.MemberID(), Team: team}

	t.Run("FileRoundTrip", func(t *testing.T) {
		for _, tm := range []TeamID{{}, team} {
			got, gotTeam, err := ImportRecovery(string(id.RecoveryFile(tm)), RecoveryExpect{Member: id.MemberID()})
			if err != nil {
				t.Fatal(err)
			}
			if got.MemberID() != id.MemberID() || gotTeam != tm || got.seed != id.seed {
				t.Fatal("round trip lost something")
			}
		}
	})

	t.Run("PrintableRoundTrip", func(t *testing.T) {
		text := id.PrintableKey(team)
		t.Logf("\n%s", text)
		got, gotTeam, err := ImportRecovery(text, expect)
		if err != nil || got.seed != id.seed || gotTeam != team {
			t.Fatalf("import printed key: %v", err)
		}
		// Typed back by hand: lower case, no line numbers, O for 0 and l
		// for 1, no title.
		var typed []string
		for _, line := range strings.Split(text, "\n") {
			if m := lineNumber.FindString(line); m != "" {
				line = strings.ToLower(line[len(m):])
				line = strings.ReplaceAll(strings.ReplaceAll(line, "0", "o"), "1", "l")
				typed = append(typed, line)
			}
		}
		if len(typed) != printableLines() {
			t.Fatalf("printed %d key lines; want %d", len(typed), printableLines())
		}
		if got, _, err := ImportRecovery(strings.Join(typed, "\n"), expect); err != nil || got.seed != id.seed {
			t.Fatalf("import typed key: %v", err)
		}
	})

	t.Run("ErrOtherMember", func(t *testing.T) {
		for _, text := range []string{string(other.RecoveryFile(team)), other.PrintableKey(team)} {
			_, _, err := ImportRecovery(text, expect)
			assertReason(t, err, ReasonRecoveryOtherMember, peerplaypay.EINVALID)
		}
	})

	t.Run("ErrOtherTeam", func(t *testing.T) {
		for _, text := range []string{string(id.RecoveryFile(newTeamID())), id.PrintableKey(newTeamID())} {
			_, _, err := ImportRecovery(text, expect)
			assertReason(t, err, ReasonRecoveryOtherTeam, peerplaypay.EINVALID)
		}
	})

	t.Run("ErrPrintableTypo", func(t *testing.T) {
		lines := keyLines(id.PrintableKey(team))
		// Every single-character substitution on every line is caught, and
		// the message names the line.
		for n, line := range lines {
			prefix := lineNumber.FindString(line)
			for i := len(prefix); i < len(line); i++ {
				if line[i] == ' ' {
					continue
				}
				for _, c := range []byte("0Z7K") {
					if c == line[i] || (c == '0' && line[i] == 'Z') || (c == 'Z' && line[i] == '0') {
						continue
					}
					bad := append([]string(nil), lines...)
					bad[n] = line[:i] + string(c) + line[i+1:]
					_, _, err := ImportRecovery(strings.Join(bad, "\n"), expect)
					if err == nil {
						t.Fatalf("line %d char %d %q -> %q accepted", n+1, i, line, bad[n])
					}
					assertReason(t, err, ReasonRecoveryDamaged, peerplaypay.EINVALID)
				}
			}
		}
		bad := append([]string(nil), lines...)
		p := len(lineNumber.FindString(bad[2]))
		bad[2] = bad[2][:p] + bad[2][p+1:] // one character left out
		_, _, err := ImportRecovery(strings.Join(bad, "\n"), expect)
		assertReason(t, err, ReasonRecoveryDamaged, peerplaypay.EINVALID)
		if !strings.Contains(peerplaypay.ErrorMessage(err), "Line 3") {
			t.Fatalf("message does not name line 3: %s", peerplaypay.ErrorMessage(err))
		}
	})

	t.Run("ErrPrintableLines", func(t *testing.T) {
		lines := keyLines(id.PrintableKey(team))
		cases := map[string][]string{
			"missing":      append(append([]string(nil), lines[:2]...), lines[3:]...),
			"swapped":      append([]string{lines[1], lines[0]}, lines[2:]...),
			"last missing": lines[:len(lines)-1],
			"bad char":     append([]string{lines[0][:4] + "U" + lines[0][5:]}, lines[1:]...),
		}
		// Swapped lines without their numbers are caught by the line checks.
		var bare []string
		for _, l := range lines {
			bare = append(bare, l[len(lineNumber.FindString(l)):])
		}
		cases["swapped unnumbered"] = append([]string{bare[1], bare[0]}, bare[2:]...)
		for name, c := range cases {
			_, _, err := ImportRecovery(strings.Join(c, "\n"), expect)
			if ReasonOf(err) != ReasonRecoveryDamaged {
				t.Fatalf("%s: err = %v", name, err)
			}
		}
	})

	t.Run("ErrFileDamaged", func(t *testing.T) {
		file := string(id.RecoveryFile(team))
		payload := base64.StdEncoding.EncodeToString(recoveryPayload(id.seed, team))
		flipped := []byte(payload)
		flipped[10] ^= 1
		cases := map[string]string{
			"truncated":      file[:len(file)-20],
			"cut in key":     strings.Replace(file, payload, payload[:40], 1),
			"changed char":   strings.Replace(file, payload, string(flipped), 1),
			"edited member":  strings.Replace(file, id.MemberID().String(), other.MemberID().String(), 1),
			"not base64":     strings.Replace(file, payload, "!!!"+payload[3:], 1),
			"empty":          "",
			"only the start": recoveryBegin + "\n",
		}
		for name, text := range cases {
			_, _, err := ImportRecovery(text, expect)
			if ReasonOf(err) != ReasonRecoveryDamaged || peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
				t.Fatalf("%s: err = %v", name, err)
			}
		}
	})

	t.Run("ErrNewerVersion", func(t *testing.T) {
		p := recoveryPayload(id.seed, team)
		p[0] = 2
		file := strings.Replace(string(id.RecoveryFile(team)), base64.StdEncoding.EncodeToString(recoveryPayload(id.seed, team)), base64.StdEncoding.EncodeToString(p), 1)
		_, _, err := ImportRecovery(file, expect)
		assertReason(t, err, ReasonNewerFormat, peerplaypay.EUNAVAILABLE)
	})
}

func keyLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if lineNumber.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

func assertReason(t testing.TB, err error, reason Reason, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %s", reason)
	}
	if r := ReasonOf(err); r != reason {
		t.Fatalf("reason = %q (%v); want %q", r, err, reason)
	}
	if c := peerplaypay.ErrorCode(err); c != code {
		t.Fatalf("code = %s (%v); want %s", c, err, code)
	}
	if m := peerplaypay.ErrorMessage(err); m == "" || strings.HasPrefix(m, "Something went wrong") {
		t.Fatalf("no user message: %v", err)
	}
}

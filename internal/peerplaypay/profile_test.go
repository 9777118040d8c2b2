package peerplaypay_test

import (
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
)

func TestProfileInputValidate(t *testing.T) {
	long := strings.Repeat("é", peerplaypay.MaxNameLen)
	for _, tc := range []struct {
		name  string
		in    peerplaypay.ProfileInput
		field string // "" means valid
	}{
		{"OK", peerplaypay.ProfileInput{Name: "Ada", Role: "Engineer", TeamName: "Engines"}, ""},
		{"OKNameOnly", peerplaypay.ProfileInput{Name: "Ada"}, ""},
		{"OKMaxLengthInCharacters", peerplaypay.ProfileInput{Name: long}, ""},
		{"ErrEmptyName", peerplaypay.ProfileInput{Name: ""}, "name"},
		{"ErrBlankName", peerplaypay.ProfileInput{Name: " \t "}, "name"},
		{"ErrLongName", peerplaypay.ProfileInput{Name: long + "x"}, "name"},
		{"ErrNewlineInName", peerplaypay.ProfileInput{Name: "Ada\nLovelace"}, "name"},
		{"ErrLongRole", peerplaypay.ProfileInput{Name: "Ada", Role: strings.Repeat("r", 81)}, "role"},
		{"ErrControlInTeam", peerplaypay.ProfileInput{Name: "Ada", TeamName: "a\x00b"}, "teamName"},
		{"ErrInvalidUTF8", peerplaypay.ProfileInput{Name: "Ada", Role: "\xff"}, "role"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.Normalize()
			err := in.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v; want nil", err)
				}
				return
			}
			if peerplaypay.ErrorCode(err) != peerplaypay.EINVALID || peerplaypay.ErrorField(err) != tc.field {
				t.Fatalf("Validate() = %v (field %q); want invalid on %q", err, peerplaypay.ErrorField(err), tc.field)
			}
			if peerplaypay.ErrorMessage(err) == "" {
				t.Error("no message for the user")
			}
		})
	}
}

func TestErrorHelpers(t *testing.T) {
	if peerplaypay.ErrorCode(nil) != "" || peerplaypay.ErrorMessage(nil) != "" {
		t.Error("nil error has a code or message")
	}
	plain := strings.NewReader("").UnreadByte() // an internal error from the standard library
	if peerplaypay.ErrorCode(plain) != peerplaypay.EINTERNAL {
		t.Errorf("code of %v = %q; want internal", plain, peerplaypay.ErrorCode(plain))
	}
	if strings.Contains(peerplaypay.ErrorMessage(plain), plain.Error()) {
		t.Error("internal error text leaked into the user message")
	}
}

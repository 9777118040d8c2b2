package peerplaypay

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits on profile text. Names longer than this do not fit the team views.
const (
	MaxNameLen = 80
	MaxRoleLen = 80
	MaxTeamLen = 80
)

// Profile is the member using this laptop. There is exactly one per data
// directory; it is created on first start and edited later.
type Profile struct {
	// MemberID identifies the member across the team share. It is made once,
	// at creation, and never changes even when the name does.
	MemberID  string    `json:"memberId"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	TeamName  string    `json:"teamName"`
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
	UpdatedAt time.Time `json:"updatedAt" ts_type:"string"`
}

// ProfileInput is what the member types: the editable part of a Profile.
type ProfileInput struct {
	Name     string `json:"name"`
	Role     string `json:"role"`
	TeamName string `json:"teamName"`
}

// Normalize trims surrounding white space, which is never meaningful in a
// name and only makes equal names look different.
func (in *ProfileInput) Normalize() {
	in.Name = trimSpace(in.Name)
	in.Role = trimSpace(in.Role)
	in.TeamName = trimSpace(in.TeamName)
}

func trimSpace(s string) string { return strings.TrimSpace(s) }

// Validate reports the first problem with the input, as an EINVALID error
// naming the field. Call Normalize first.
func (in *ProfileInput) Validate() error {
	if in.Name == "" {
		return FieldErrorf("name", "Please enter your name.")
	}
	if err := validateText("name", "Your name", in.Name, MaxNameLen); err != nil {
		return err
	}
	if err := validateText("role", "Your role", in.Role, MaxRoleLen); err != nil {
		return err
	}
	return validateText("teamName", "The team name", in.TeamName, MaxTeamLen)
}

func validateText(field, label, s string, max int) error {
	if !utf8.ValidString(s) {
		return FieldErrorf(field, "%s contains characters that are not valid text; please retype it.", label)
	}
	if n := utf8.RuneCountInString(s); n > max {
		return FieldErrorf(field, "%s is %d characters long; please keep it to %d.", label, n, max)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return FieldErrorf(field, "%s contains a line break or control character; please keep it on one line.", label)
		}
	}
	return nil
}

// ProfileService stores the member's own profile.
type ProfileService interface {
	// Profile returns the profile, or ENOTFOUND before onboarding.
	Profile(ctx context.Context) (*Profile, error)
	// SaveProfile creates the profile on first call and updates it after,
	// returning the stored result.
	SaveProfile(ctx context.Context, in ProfileInput) (*Profile, error)
}

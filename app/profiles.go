package app

import "peerplaypay/internal/peerplaypay"

// Profiles is bound to the frontend: the member's own profile.
type Profiles struct {
	app *App
}

// NewProfiles returns the Profiles facade of a.
func NewProfiles(a *App) *Profiles { return &Profiles{app: a} }

// Get returns the profile, or nil before onboarding.
func (p *Profiles) Get() (*peerplaypay.Profile, error) {
	svc, err := p.app.services()
	if err != nil {
		return nil, toUser(p.app.log, "profile get", err)
	}
	prof, err := svc.profiles.Profile(svc.ctx)
	if peerplaypay.ErrorCode(err) == peerplaypay.ENOTFOUND {
		return nil, nil
	}
	return prof, toUser(p.app.log, "profile get", err)
}

// Save creates or updates the profile and returns what was stored.
func (p *Profiles) Save(in peerplaypay.ProfileInput) (*peerplaypay.Profile, error) {
	svc, err := p.app.services()
	if err != nil {
		return nil, toUser(p.app.log, "profile save", err)
	}
	prof, err := svc.profiles.SaveProfile(svc.ctx, in)
	return prof, toUser(p.app.log, "profile save", err)
}

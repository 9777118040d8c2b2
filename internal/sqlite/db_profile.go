package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"peerplaypay/internal/peerplaypay"
)

// ProfileService stores the member's profile.
type ProfileService struct {
	db *DB
}

var _ peerplaypay.ProfileService = (*ProfileService)(nil)

// NewProfileService returns a ProfileService on db.
func NewProfileService(db *DB) *ProfileService {
	return &ProfileService{db: db}
}

// Profile returns the profile, or ENOTFOUND before onboarding.
func (s *ProfileService) Profile(ctx context.Context) (*peerplaypay.Profile, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findProfile(ctx, tx)
}

// SaveProfile validates in and creates or updates the profile.
func (s *ProfileService) SaveProfile(ctx context.Context, in peerplaypay.ProfileInput) (*peerplaypay.Profile, error) {
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	p, err := findProfile(ctx, tx)
	switch peerplaypay.ErrorCode(err) {
	case "":
		p.Name, p.Role, p.TeamName, p.UpdatedAt = in.Name, in.Role, in.TeamName, tx.now
		if _, err := tx.ExecContext(ctx,
			`UPDATE profile SET name = ?, role = ?, team_name = ?, updated_at = ? WHERE id = 1`,
			p.Name, p.Role, p.TeamName, formatTime(p.UpdatedAt)); err != nil {
			return nil, classify(s.db.Path, fmt.Errorf("update profile: %w", err))
		}
	case peerplaypay.ENOTFOUND:
		p = &peerplaypay.Profile{MemberID: peerplaypay.NewUID(), Name: in.Name, Role: in.Role, TeamName: in.TeamName,
			CreatedAt: tx.now, UpdatedAt: tx.now}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO profile (id, member_id, name, role, team_name, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?)`,
			p.MemberID, p.Name, p.Role, p.TeamName, formatTime(p.CreatedAt), formatTime(p.UpdatedAt)); err != nil {
			return nil, classify(s.db.Path, fmt.Errorf("insert profile: %w", err))
		}
	default:
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, classify(s.db.Path, fmt.Errorf("commit profile: %w", err))
	}
	return p, nil
}

func findProfile(ctx context.Context, tx *Tx) (*peerplaypay.Profile, error) {
	var p peerplaypay.Profile
	var created, updated string
	err := tx.QueryRowContext(ctx,
		`SELECT member_id, name, role, team_name, created_at, updated_at FROM profile WHERE id = 1`).
		Scan(&p.MemberID, &p.Name, &p.Role, &p.TeamName, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "No profile yet: finish the welcome screen (or run the app once) to create it.")
	} else if err != nil {
		return nil, fmt.Errorf("select profile: %w", err)
	}
	if p.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if p.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	return &p, nil
}

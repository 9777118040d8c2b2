package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"peerplaypay/internal/peerplaypay"
)

// --- frameworks

func insertFramework(ctx context.Context, tx *Tx, f *peerplaypay.Framework) error {
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO growth_frameworks (uid, version, name, source, author, groups, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, f.ID, f.Version, f.Name, f.Source, f.Author, toJSON(f.Groups), f.UpdatedAt)
	return err
}

func loadFramework(ctx context.Context, tx *Tx, uid string, version int) (*peerplaypay.Framework, error) {
	f := &peerplaypay.Framework{ID: uid, Version: version}
	var groups, created string
	err := tx.QueryRowContext(ctx, `SELECT name, source, author, groups, created_at FROM growth_frameworks WHERE uid = ? AND version = ?`,
		uid, version).Scan(&f.Name, &f.Source, &f.Author, &groups, &created)
	if errors.Is(err, sql.ErrNoRows) {
		if uid == peerplaypay.DefaultFrameworkID && version == 1 {
			return ensureDefault(ctx, tx)
		}
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "Version %d of the framework %s is not on this laptop.", version, uid)
	} else if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(groups), &f.Groups); err != nil {
		return nil, fmt.Errorf("read framework %s@%d: %w", uid, version, err)
	}
	f.UpdatedAt = created
	return f, nil
}

// ensureDefault stores the built-in framework on first use, so sessions
// made against it keep its text even if a later version of the app
// changes the built-in one.
func ensureDefault(ctx context.Context, tx *Tx) (*peerplaypay.Framework, error) {
	f := peerplaypay.DefaultFramework()
	f.UpdatedAt = formatTime(tx.now)
	if err := insertFramework(ctx, tx, f); err != nil {
		return nil, err
	}
	return loadFramework(ctx, tx, f.ID, f.Version)
}

func currentFramework(ctx context.Context, tx *Tx) (*peerplaypay.Framework, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, settingFramework).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return ensureDefault(ctx, tx)
	} else if err != nil {
		return nil, err
	}
	uid, ver, _ := strings.Cut(v, "@")
	n, _ := strconv.Atoi(ver)
	return loadFramework(ctx, tx, uid, n)
}

func setCurrentFramework(ctx context.Context, tx *Tx, f *peerplaypay.Framework) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingFramework, fmt.Sprintf("%s@%d", f.ID, f.Version))
	return err
}

// Framework returns the current framework.
func (s *GrowthService) Framework(ctx context.Context) (f *peerplaypay.Framework, err error) {
	err = s.run(ctx, "read framework", func(tx *Tx) error {
		f, err = currentFramework(ctx, tx)
		return err
	})
	return f, err
}

// FrameworkVersion returns one stored version of a framework.
func (s *GrowthService) FrameworkVersion(ctx context.Context, id string, version int) (f *peerplaypay.Framework, err error) {
	err = s.run(ctx, "read framework", func(tx *Tx) error {
		f, err = loadFramework(ctx, tx, id, version)
		return err
	})
	return f, err
}

// SaveFramework stores f as a new version and makes it current. Editing
// our own framework (published by us or not) adds a version to it; editing
// the built-in or another member's one starts our own from there, so
// versions never clash with a publisher's.
func (s *GrowthService) SaveFramework(ctx context.Context, f *peerplaypay.Framework) (saved *peerplaypay.Framework, err error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	err = s.run(ctx, "save framework", func(tx *Tx) error {
		cur, err := currentFramework(ctx, tx)
		if err != nil {
			return err
		}
		n := &peerplaypay.Framework{ID: cur.ID, Name: strings.TrimSpace(f.Name), Groups: f.Groups,
			Source: peerplaypay.FrameworkLocal, UpdatedAt: formatTime(tx.now)}
		if ours := cur.Source == peerplaypay.FrameworkLocal || (cur.Source == peerplaypay.FrameworkTeam && cur.Author == ""); !ours {
			n.ID = peerplaypay.NewUID()
		}
		if err := tx.QueryRowContext(ctx, `SELECT max(coalesce((SELECT max(version) FROM growth_frameworks WHERE uid = ?), 0), ?) + 1`,
			n.ID, cur.Version).Scan(&n.Version); err != nil {
			return err
		}
		if err := insertFramework(ctx, tx, n); err != nil {
			return err
		}
		saved = n
		return setCurrentFramework(ctx, tx, n)
	})
	return saved, err
}

// ResetFramework makes the built-in framework current again.
func (s *GrowthService) ResetFramework(ctx context.Context) (f *peerplaypay.Framework, err error) {
	err = s.run(ctx, "reset framework", func(tx *Tx) error {
		if f, err = ensureDefault(ctx, tx); err != nil {
			return err
		}
		return setCurrentFramework(ctx, tx, f)
	})
	return f, err
}

// PublishFramework sends the current framework to the team
// (framework.published). The built-in one is published under a new ID.
func (s *GrowthService) PublishFramework(ctx context.Context) (f *peerplaypay.Framework, err error) {
	err = s.run(ctx, "publish framework", func(tx *Tx) error {
		if err := needTeam(ctx, tx); err != nil {
			return err
		}
		if f, err = currentFramework(ctx, tx); err != nil {
			return err
		}
		if f.ID == peerplaypay.DefaultFrameworkID {
			f.ID, f.Source, f.UpdatedAt = peerplaypay.NewUID(), peerplaypay.FrameworkTeam, formatTime(tx.now)
			if err := insertFramework(ctx, tx, f); err != nil {
				return err
			}
			if err := setCurrentFramework(ctx, tx, f); err != nil {
				return err
			}
		} else if f.Source == peerplaypay.FrameworkLocal {
			f.Source = peerplaypay.FrameworkTeam
			if _, err := tx.ExecContext(ctx, `UPDATE growth_frameworks SET source = 'team' WHERE uid = ? AND version = ?`, f.ID, f.Version); err != nil {
				return err
			}
		}
		return enqueue(ctx, tx, peerplaypay.EventFrameworkPublished,
			peerplaypay.FrameworkPublished{UID: f.ID, Version: f.Version, Name: f.Name, Groups: f.Groups})
	})
	return f, err
}

func needTeam(ctx context.Context, tx *Tx) error {
	var state string
	err := tx.QueryRowContext(ctx, `SELECT state FROM share_team WHERE id = 1`).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && state != string(peerplaypay.TeamMember)) {
		return peerplaypay.Errorf(peerplaypay.EINVALID, "This needs a team share: create or join a team first (Team area, or `peerplaypay team`).")
	}
	return err
}

// Frameworks returns every stored version of every framework, oldest
// first: the export keeps what each assessment was made against.
func (s *GrowthService) Frameworks(ctx context.Context) (out []*peerplaypay.Framework, err error) {
	err = s.run(ctx, "read frameworks", func(tx *Tx) error {
		if _, err := currentFramework(ctx, tx); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT uid, version FROM growth_frameworks ORDER BY id`)
		if err != nil {
			return err
		}
		type key struct {
			uid string
			v   int
		}
		var keys []key
		for rows.Next() {
			var k key
			if err := rows.Scan(&k.uid, &k.v); err != nil {
				rows.Close()
				return err
			}
			keys = append(keys, k)
		}
		rows.Close()
		for _, k := range keys {
			f, err := loadFramework(ctx, tx, k.uid, k.v)
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return nil
	})
	return out, err
}

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// Settings keys of growth.
const (
	settingFramework         = "growth.framework" // "uid@version" of the current framework
	settingReflectionMinutes = "growth.reflectionMinutes"
)

// GrowthService stores the growth area. It is private by default: only
// FinishSession with share, ShareSession, UnshareSession, PublishFramework,
// AskPeer and AnswerPeer queue share events.
type GrowthService struct {
	db *DB
}

var _ peerplaypay.GrowthService = (*GrowthService)(nil)

// NewGrowthService returns a GrowthService on db.
func NewGrowthService(db *DB) *GrowthService { return &GrowthService{db: db} }

func (s *GrowthService) run(ctx context.Context, what string, fn func(*Tx) error) error {
	return s.db.write(ctx, what, fn)
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func fromJSON[T any](s string) T {
	var v T
	json.Unmarshal([]byte(s), &v)
	return v
}

// --- today's practice and settings

func reflectionTarget(ctx context.Context, tx *Tx) (int, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, settingReflectionMinutes).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return peerplaypay.DefaultReflectionMinutes, nil
	} else if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return peerplaypay.DefaultReflectionMinutes, nil
	}
	return n, nil
}

// Practice returns a day's daily practice (day empty: today). The week of
// learning runs from that day's Monday to the day.
func (s *GrowthService) Practice(ctx context.Context, day string) (p *peerplaypay.Practice, err error) {
	if day != "" && !peerplaypay.ValidDay(day) {
		return nil, peerplaypay.FieldErrorf("day", "%q is not a date like 2026-03-31.", day)
	}
	err = s.run(ctx, "read practice", func(tx *Tx) error {
		if day == "" {
			day = localDay(tx.now)
		}
		d, _ := time.Parse(time.DateOnly, day)
		monday := d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)).Format(time.DateOnly)
		p = &peerplaypay.Practice{Day: day}
		if p.ReflectionTarget, err = reflectionTarget(ctx, tx); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT
			EXISTS (SELECT 1 FROM logs WHERE day = ?1 AND status <> 'recording'),
			(SELECT count(*) FROM growth_ticks t JOIN growth_basics b ON b.id = t.basic_id WHERE t.day = ?1 AND b.archived = 0),
			(SELECT count(*) FROM growth_basics WHERE archived = 0),
			(SELECT coalesce(sum(minutes), 0) FROM growth_reflections WHERE day = ?1),
			(SELECT coalesce(sum(minutes), 0) FROM growth_learning WHERE day = ?1),
			(SELECT coalesce(sum(minutes), 0) FROM growth_learning WHERE day BETWEEN ?2 AND ?1)`, day, monday).
			Scan(&p.Standup, &p.BasicsDone, &p.BasicsTotal, &p.ReflectionMinutes, &p.LearningMinutes, &p.WeekLearningMinutes)
	})
	return p, err
}

// Settings returns the growth settings.
func (s *GrowthService) Settings(ctx context.Context) (g *peerplaypay.GrowthSettings, err error) {
	err = s.run(ctx, "read growth settings", func(tx *Tx) error {
		n, err := reflectionTarget(ctx, tx)
		g = &peerplaypay.GrowthSettings{ReflectionMinutes: n}
		return err
	})
	return g, err
}

// SaveSettings stores the growth settings.
func (s *GrowthService) SaveSettings(ctx context.Context, g *peerplaypay.GrowthSettings) (*peerplaypay.GrowthSettings, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	return g, s.run(ctx, "save growth settings", func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingReflectionMinutes, strconv.Itoa(g.ReflectionMinutes))
		return err
	})
}

package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// Settings of desktop notifications shared by the activity notifications
// and the reminders: one set of quiet hours for everything the app says.
const (
	SettingQuietOn   = "notify.quietHours"
	SettingQuietFrom = "notify.quietFrom"
	SettingQuietTo   = "notify.quietTo"
)

// DefaultQuiet are the quiet hours until the member changes them.
var DefaultQuiet = peerplaypay.QuietHours{From: "19:00", To: "08:00"}

const (
	settingRemindDaysOff = "remind.daysOff"
	// A reminder's switch is "remind.NAME", its time "remind.NAME.at",
	// and the last day it was sent "remind.sent.NAME": kept in the
	// database so that a restart never sends the same reminder twice a day.
	settingRemindPrefix = "remind."
	settingRemindSent   = "remind.sent."
)

// ReminderService stores the reminders' settings and what was sent.
type ReminderService struct {
	db *DB
}

// NewReminderService returns a ReminderService on db.
func NewReminderService(db *DB) *ReminderService { return &ReminderService{db: db} }

func readSettings(ctx context.Context, tx *Tx, prefix string) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT key, value FROM settings WHERE key >= ? AND key < ?`, prefix, prefix+"\xff")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// Settings returns the reminders' settings, defaults where none was chosen.
func (s *ReminderService) Settings(ctx context.Context) (*peerplaypay.ReminderSettings, error) {
	out := &peerplaypay.ReminderSettings{Reminders: peerplaypay.DefaultReminders()}
	err := s.db.read(ctx, "read reminder settings", func(tx *Tx) error {
		remind, err := readSettings(ctx, tx, settingRemindPrefix)
		if err != nil {
			return err
		}
		notify, err := readSettings(ctx, tx, "notify.")
		if err != nil {
			return err
		}
		for i := range out.Reminders {
			r := &out.Reminders[i]
			if v, ok := remind[settingRemindPrefix+r.Name]; ok {
				r.On = v != "0"
			}
			if v, ok := remind[settingRemindPrefix+r.Name+".at"]; ok && r.At != "" && peerplaypay.ValidClock(v) {
				r.At = v
			}
		}
		out.DaysOff = slices.Clone(peerplaypay.DefaultDaysOff)
		if v, ok := remind[settingRemindDaysOff]; ok {
			out.DaysOff = splitDays(v)
		}
		get := func(k, def string) string {
			if v, ok := notify[k]; ok {
				return v
			}
			return def
		}
		out.QuietHours = get(SettingQuietOn, "1") != "0"
		out.QuietFrom, out.QuietTo = get(SettingQuietFrom, DefaultQuiet.From), get(SettingQuietTo, DefaultQuiet.To)
		return nil
	})
	return out, err
}

func splitDays(v string) []string {
	out := []string{}
	for d := range strings.SplitSeq(v, ",") {
		if d = strings.TrimSpace(d); d != "" {
			out = append(out, d)
		}
	}
	return out
}

// SaveSettings stores the reminders' settings, all or nothing: a choice
// that cannot be kept is refused with what to write instead.
func (s *ReminderService) SaveSettings(ctx context.Context, in *peerplaypay.ReminderSettings) (*peerplaypay.ReminderSettings, error) {
	in.DaysOff = slices.Clone(in.DaysOff)
	for i, d := range in.DaysOff {
		if w, ok := peerplaypay.ParseWeekday(d); ok {
			in.DaysOff[i] = peerplaypay.WeekdayName(w)
		}
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	err := s.db.write(ctx, "save reminder settings", func(tx *Tx) error {
		set := func(k, v string) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v)
			return err
		}
		bit := map[bool]string{true: "1", false: "0"}
		for _, r := range in.Reminders {
			if err := set(settingRemindPrefix+r.Name, bit[r.On]); err != nil {
				return err
			}
			if r.At != "" {
				if err := set(settingRemindPrefix+r.Name+".at", r.At); err != nil {
					return err
				}
			}
		}
		for k, v := range map[string]string{settingRemindDaysOff: strings.Join(in.DaysOff, ","),
			SettingQuietOn: bit[in.QuietHours], SettingQuietFrom: in.QuietFrom, SettingQuietTo: in.QuietTo} {
			if err := set(k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Settings(ctx)
}

// Sent returns each reminder's last day sent.
func (s *ReminderService) Sent(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	err := s.db.read(ctx, "read reminders sent", func(tx *Tx) error {
		m, err := readSettings(ctx, tx, settingRemindSent)
		for k, v := range m {
			out[strings.TrimPrefix(k, settingRemindSent)] = v
		}
		return err
	})
	return out, err
}

// ClaimSent records that reminder name goes out on day and reports
// whether this call was the first to do so: two processes on one data
// folder (the window and a second start) never send it both.
func (s *ReminderService) ClaimSent(ctx context.Context, name, day string) (claimed bool, err error) {
	err = s.db.write(ctx, "record reminder sent", func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE settings.value <> excluded.value`, settingRemindSent+name, day)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		claimed = n == 1
		return err
	})
	return claimed, err
}

// DoneOn reports whether the day's stand-up is recorded and whether a
// reflection was kept that day or one is under way.
func (s *ReminderService) DoneOn(ctx context.Context, day string) (standup, reflection bool, err error) {
	err = s.db.read(ctx, "read the day's practice", func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT
			EXISTS (SELECT 1 FROM logs WHERE day = ?1 AND status <> 'recording'),
			EXISTS (SELECT 1 FROM growth_reflections WHERE day = ?1) OR EXISTS (SELECT 1 FROM growth_timer)`, day).
			Scan(&standup, &reflection)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return standup, reflection, err
}

// Facts reads what the reminders' schedule needs at now: what is done
// today, how many check-ins are due and what was sent. The weekly
// session's time is the caller's to add.
func (s *ReminderService) Facts(ctx context.Context, now time.Time, goals *GoalService) (peerplaypay.ReminderFacts, error) {
	var f peerplaypay.ReminderFacts
	var err error
	if f.StandupDone, f.ReflectionDone, err = s.DoneOn(ctx, now.Format(time.DateOnly)); err != nil {
		return f, err
	}
	list, err := goals.Goals(ctx)
	if err != nil {
		return f, err
	}
	set, err := goals.GoalsSettings(ctx)
	if err != nil {
		return f, err
	}
	f.CheckinsDue, f.CheckinDueAt = peerplaypay.CheckinsDue(list, set.CheckinEveryDays, now)
	f.Sent, err = s.Sent(ctx)
	return f, err
}

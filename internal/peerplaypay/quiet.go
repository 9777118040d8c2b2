package peerplaypay

import (
	"fmt"
	"time"
)

// QuietHours is a daily stretch of local time in which the app sends no
// desktop notification: From included, To excluded, each "HH:MM". A From
// after To runs over midnight (19:00 to 08:00); equal times mean none.
type QuietHours struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// clockMinutes reads "HH:MM" as minutes after midnight.
func clockMinutes(s string) (int, bool) {
	t, err := time.Parse("15:04", s)
	if err != nil || len(s) != 5 {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

// Validate says, as a field error, which time cannot be read.
func (q QuietHours) Validate() error {
	if _, ok := clockMinutes(q.From); !ok {
		return FieldErrorf("quietFrom", "Write when quiet hours start as HH:MM, such as 19:00 (“%s” is not a time).", q.From)
	}
	if _, ok := clockMinutes(q.To); !ok {
		return FieldErrorf("quietTo", "Write when quiet hours end as HH:MM, such as 08:00 (“%s” is not a time).", q.To)
	}
	return nil
}

// Covers reports whether t, in its own location's wall clock, falls in
// the quiet hours. Unreadable hours cover nothing.
func (q QuietHours) Covers(t time.Time) bool {
	from, ok1 := clockMinutes(q.From)
	to, ok2 := clockMinutes(q.To)
	if !ok1 || !ok2 || from == to {
		return false
	}
	m := t.Hour()*60 + t.Minute()
	if from < to {
		return m >= from && m < to
	}
	return m >= from || m < to
}

// String is the hours in words, for the log.
func (q QuietHours) String() string { return fmt.Sprintf("%s–%s", q.From, q.To) }

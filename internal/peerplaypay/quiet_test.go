package peerplaypay_test

import (
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
)

func TestQuietHoursCovers(t *testing.T) {
	at := func(hhmm string) time.Time {
		c, err := time.ParseInLocation("2006-01-02 15:04", "2026-11-23 "+hhmm, time.Local)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		from, to, now string
		want          bool
	}{
		{"19:00", "08:00", "18:59", false},
		{"19:00", "08:00", "19:00", true},
		{"19:00", "08:00", "23:59", true},
		{"19:00", "08:00", "00:00", true},
		{"19:00", "08:00", "07:59", true},
		{"19:00", "08:00", "08:00", false},
		{"12:00", "13:30", "11:59", false},
		{"12:00", "13:30", "12:00", true},
		{"12:00", "13:30", "13:29", true},
		{"12:00", "13:30", "13:30", false},
		{"09:00", "09:00", "09:00", false},
		{"bad", "08:00", "03:00", false},
	}
	for _, tt := range tests {
		q := peerplaypay.QuietHours{From: tt.from, To: tt.to}
		if got := q.Covers(at(tt.now)); got != tt.want {
			t.Errorf("%s covers %s = %v; want %v", q, tt.now, got, tt.want)
		}
	}
}

func TestQuietHoursValidate(t *testing.T) {
	if err := (peerplaypay.QuietHours{From: "19:00", To: "08:00"}).Validate(); err != nil {
		t.Errorf("valid hours refused: %v", err)
	}
	for _, q := range []peerplaypay.QuietHours{{From: "7pm", To: "08:00"}, {From: "19:00", To: "25:00"}, {From: "9:00", To: "10:00"}, {From: "", To: ""}} {
		err := q.Validate()
		if err == nil {
			t.Errorf("%+v accepted", q)
			continue
		}
		if peerplaypay.ErrorField(err) == "" || peerplaypay.ErrorCode(err) != peerplaypay.EINVALID {
			t.Errorf("%+v: %v is not a field error", q, err)
		}
	}
}

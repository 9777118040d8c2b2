package teamsync

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
)

func TestCheckSettingsEvent(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	ev := func(at time.Time, data string) peerplaypay.ShareEvent {
		return peerplaypay.ShareEvent{Kind: peerplaypay.EventTeamSettings, V: 1, At: at, Data: json.RawMessage(data)}
	}
	for _, c := range []struct {
		name string
		e    peerplaypay.ShareEvent
		why  string
		hold bool
	}{
		{"OK", ev(now, `{"changes":[{"key":"session.time","value":"09:30"}]}`), "", false},
		{"UnknownKeyKept", ev(now, `{"changes":[{"key":"future.colour","value":{"hue":1}}]}`), "", false},
		{"BadValue", ev(now, `{"changes":[{"key":"session.weekday","value":"funday"}]}`), "weekday", false},
		{"NoChange", ev(now, `{"changes":[]}`), "a change names 1 to 32", false},
		{"DatedAhead", ev(now.Add(11*time.Minute), `{"changes":[{"key":"team.cause","value":"later"}]}`), "ahead of this laptop's clock", true},
		{"WithinSkew", ev(now.Add(9*time.Minute), `{"changes":[{"key":"team.cause","value":"soon"}]}`), "", false},
		{"Unparsable", ev(now, `[1,2]`), "", false}, // kept and not applied, as any event that does not parse
		{"NewerVersion", peerplaypay.ShareEvent{Kind: peerplaypay.EventTeamSettings, V: 2, At: now, Data: json.RawMessage(`{"x":1}`)}, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			why, hold := checkSettingsEvent(c.e, now)
			if hold != c.hold || (c.why == "") != (why == "") || !strings.Contains(why, c.why) {
				t.Errorf("checkSettingsEvent = %q, %v; want %q, %v", why, hold, c.why, c.hold)
			}
		})
	}
}

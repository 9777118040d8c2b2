package teamsync

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
)

var elevenParts = `[` + strings.TrimSuffix(strings.Repeat(`{"name":"P","minutes":5},`, 11), ",") + `]`

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
		// The session's parts, as a modified client might write them.
		{"PartsWithIDs", ev(now, `{"changes":[{"key":"session.parts","value":[{"id":"stories","name":"Stories","minutes":15},{"id":"d3mo","name":"Demos","minutes":10}]}]}`), "", false},
		{"PartsNone", ev(now, `{"changes":[{"key":"session.parts","value":[]}]}`), "has 0 parts", false},
		{"PartsEleven", ev(now, `{"changes":[{"key":"session.parts","value":`+elevenParts+`}]}`), "has 11 parts", false},
		{"PartZeroMinutes", ev(now, `{"changes":[{"key":"session.parts","value":[{"name":"A","minutes":0}]}]}`), "time box is 0 minutes", false},
		{"PartTooLong", ev(now, `{"changes":[{"key":"session.parts","value":[{"name":"A","minutes":241}]}]}`), "time box is 241 minutes", false},
		{"PartsOverEightHours", ev(now, `{"changes":[{"key":"session.parts","value":[{"name":"A","minutes":240},{"name":"B","minutes":240},{"name":"C","minutes":1}]}]}`), "481 minutes", false},
		{"PartLongName", ev(now, `{"changes":[{"key":"session.parts","value":[{"name":"`+strings.Repeat("x", 101)+`","minutes":5}]}]}`), "101 characters", false},
		{"PartBadID", ev(now, `{"changes":[{"key":"session.parts","value":[{"id":"../x","name":"A","minutes":5}]}]}`), "is not an id", false},
		{"PartIDTwice", ev(now, `{"changes":[{"key":"session.parts","value":[{"id":"a","name":"A","minutes":5},{"id":"a","name":"B","minutes":5}]}]}`), "repeats the id", false},
		{"PartIDTwiceByPlace", ev(now, `{"changes":[{"key":"session.parts","value":[{"name":"A","minutes":5},{"id":"moments","name":"B","minutes":5}]}]}`), "repeats the id", false},
		// One agreement per key: the key is that of its text.
		{"Agreement", ev(now, `{"changes":[{"key":"`+peerplaypay.AgreementKey("Cameras on")+`","value":"Cameras on"}]}`), "", false},
		{"AgreementRemoved", ev(now, `{"changes":[{"key":"`+peerplaypay.AgreementKey("Cameras on")+`","value":null}]}`), "", false},
		{"AgreementOtherKey", ev(now, `{"changes":[{"key":"`+peerplaypay.AgreementKey("Cameras on")+`","value":"Cameras off"}]}`), "not that of its text", false},
		{"AgreementLong", ev(now, `{"changes":[{"key":"agreements.00000000","value":"`+strings.Repeat("x", 201)+`"}]}`), "201 characters", false},
		{"AgreementNotText", ev(now, `{"changes":[{"key":"agreements.00000000","value":{"a":1}}]}`), "is a text", false},
		{"SessionTime", ev(now, `{"changes":[{"key":"session.time","value":"9am"}]}`), "the session time must be HH:MM", false},
		// Retention: a whole number of months, 0 (keep all) to 120.
		{"Retention", ev(now, `{"changes":[{"key":"retention.months","value":6}]}`), "", false},
		{"RetentionAll", ev(now, `{"changes":[{"key":"retention.months","value":0}]}`), "", false},
		{"RetentionNegative", ev(now, `{"changes":[{"key":"retention.months","value":-1}]}`), "1 to 120", false},
		{"RetentionTooLong", ev(now, `{"changes":[{"key":"retention.months","value":121}]}`), "1 to 120", false},
		{"RetentionFraction", ev(now, `{"changes":[{"key":"retention.months","value":1.5}]}`), "whole number", false},
		{"RetentionText", ev(now, `{"changes":[{"key":"retention.months","value":"6"}]}`), "whole number", false},
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

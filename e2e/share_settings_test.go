//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
)

// teamSettingsOut is `team settings show --json`.
type teamSettingsOut struct {
	Settings struct {
		Questions      []peerplaypay.Question
		Mood           bool
		SessionParts   []peerplaypay.SessionPart
		SessionWeekday string
		SessionTime    string
		Cause          string
		Agreements     []string
		Unknown        map[string]json.RawMessage
	}
	History []struct {
		Author     string
		AuthorName string
		Key        string
		Value      json.RawMessage
		Current    bool
	}
}

func (m *member) teamSettings() teamSettingsOut {
	m.t.Helper()
	var s teamSettingsOut
	m.decode(&s, "team", "settings", "show", "--json", "--history", "100")
	return s
}

// TestShareTeamSettings: three members on a folder share and on a bucket.
// Bob and Cyd change different keys at once and both changes survive; Ada
// and Bob change the cause at once and every laptop picks the same winner,
// the loser kept in the history with its author. Bad input is refused with
// the valid keys and changes nothing. Changing the stand-up questions
// changes new logs only: an old log still shows its own.
func TestShareTeamSettings(t *testing.T) {
	shareKinds(t, func(t *testing.T, sh *teamShare) {
		m := newTeam(t, sh, "Ada", "Bob", "Cyd")
		ada, bob, cyd := m[0], m[1], m[2]
		oldLog := ada.addLog("fixed the importer")

		bob.refused(1, "The settings are: reminders.reflect", "team", "settings", "set", "standup.colour", "blue")
		bob.refused(1, "1 to 240", "team", "settings", "set", "session.parts", "Wins = 0")
		bob.refused(1, "HH:MM", "team", "settings", "set", "session.time", "25:00")
		bob.refused(1, "1 to 10", "team", "settings", "set", "standup.questions", `["1","2","3","4","5","6","7","8","9","10","11"]`)
		bob.refused(1, "no agreement", "team", "agreements", "remove", "3")

		bob.ok("team", "settings", "set", "session.time", "09:30")
		cyd.ok("team", "settings", "set", "session.weekday", "Friday")
		ada.ok("team", "cause", "set", "We learn faster together than alone.")
		bob.ok("team", "cause", "set", "We grow by helping each other.")
		ada.ok("team", "agreements", "add", "stand-up by 10:00")
		ada.ok("team", "agreements", "add", "thanks with a reason")
		for _, x := range []*member{ada, bob, cyd, ada, bob} {
			x.sync()
		}
		var cause string
		for _, x := range []*member{ada, bob, cyd} {
			s := x.teamSettings()
			if s.Settings.SessionTime != "09:30" || s.Settings.SessionWeekday != "friday" {
				t.Errorf("%s: session %s %s; both changes of different keys must survive", x.name, s.Settings.SessionWeekday, s.Settings.SessionTime)
			}
			if cause == "" {
				cause = s.Settings.Cause
			}
			if s.Settings.Cause != cause || cause == "" {
				t.Errorf("%s's cause is %q, another's %q: every laptop must pick the same winner", x.name, s.Settings.Cause, cause)
			}
			if strings.Join(s.Settings.Agreements, "|") != "stand-up by 10:00|thanks with a reason" {
				t.Errorf("%s's agreements: %q", x.name, s.Settings.Agreements)
			}
			var causes, lost int
			for _, h := range s.History {
				if h.Key == "team.cause" {
					causes++
					if !h.Current {
						lost++
						if h.AuthorName != "Ada" && h.AuthorName != "Bob" && h.AuthorName != "you" {
							t.Errorf("%s: the losing cause is by %q", x.name, h.AuthorName)
						}
					}
				}
			}
			if causes != 2 || lost != 1 || len(s.History) != 6 {
				t.Errorf("%s's history: %d changes, %d of the cause, %d replaced; want 6, 2, 1: %+v", x.name, len(s.History), causes, lost, s.History)
			}
		}
		if out := cyd.ok("team", "settings", "show"); !strings.Contains(out, "Bob set session.time to \"09:30\"") ||
			!strings.Contains(out, "Cause: "+cause) || !strings.Contains(out, "2. thanks with a reason") {
			t.Errorf("Cyd's team settings show:\n%s", out)
		}

		// New questions: Ada's next log is made with them; her old log,
		// on her laptop and on Bob's, keeps the five it was made with.
		bob.ok("team", "settings", "set", "standup.questions", `[{"id":"done","text":"What did I ship?"},{"id":"extra1","text":"Who did I thank?"}]`)
		bob.sync()
		ada.sync()
		bob.refused(2, "want --answer extraN=TEXT", "logs", "add", "--done", "x", "--answer", "colour=blue")
		newID := ada.idOut("logs", "add", "--done", "the parser", "--answer", "extra1=Bob, for the review")
		ada.sync()
		bob.sync()
		if out := ada.ok("logs", "show", strconv.FormatInt(oldLog.ID, 10)); !strings.Contains(out, "What I did:") || strings.Contains(out, "What did I ship?") {
			t.Errorf("Ada's old log shows other questions than its own:\n%s", out)
		}
		if out := ada.ok("logs", "show", strconv.FormatInt(newID, 10)); !strings.Contains(out, "What did I ship?:") || !strings.Contains(out, "the parser") ||
			!strings.Contains(out, "Who did I thank?:") || !strings.Contains(out, "Bob, for the review") || strings.Contains(out, "What I did") {
			t.Errorf("Ada's new log:\n%s", out)
		}
		newUID := ada.log(newID).UID
		for _, uid := range []string{oldLog.UID, newUID} {
			p, ok := bob.peerLog(uid)
			if !ok {
				t.Fatalf("Bob lacks Ada's log %s", uid)
			}
			out := bob.ok("peers", "watch", strconv.FormatInt(p.ID, 10))
			if uid == oldLog.UID && (!strings.Contains(out, "What I did:") || strings.Contains(out, "ship")) {
				t.Errorf("Bob's copy of Ada's old log:\n%s", out)
			}
			if uid == newUID && (!strings.Contains(out, "What did I ship?") || !strings.Contains(out, "Bob, for the review")) {
				t.Errorf("Bob's copy of Ada's new log:\n%s", out)
			}
		}
	})
}

func settingsEvent(at time.Time, kv ...string) share.Event {
	var d peerplaypay.TeamSettingsData
	for i := 0; i < len(kv); i += 2 {
		d.Changes = append(d.Changes, peerplaypay.SettingChange{Key: kv[i], Value: json.RawMessage(kv[i+1])})
	}
	return answerEvent(peerplaypay.EventTeamSettings, at, d)
}

// TestShareTeamSettingsAttacks: Mal runs a modified client. Values out of
// bounds (one of each kind here; every bound is a unit test of
// peerplaypay.CheckSetting, which is what readers run), a change dated ahead to win every later one, a batch of hers
// passed off as Bob's, and a change signed after her removal: Ada and Bob
// apply none of them, name who wrote it where that is an attack, and the
// honest members' news still arrives. A key of a newer app is no attack:
// it is kept.
func TestShareTeamSettingsAttacks(t *testing.T) {
	shareKinds(t, func(t *testing.T, sh *teamShare) {
		m := newTeam(t, sh, "Ada", "Bob", "Mal")
		base := answersCrew{sh: sh, ada: m[0], bob: m[1], mal: m[2]}
		base.ada.ok("team", "cause", "set", "We learn faster together.")
		for _, x := range []*member{base.ada, base.bob, base.mal} {
			x.sync()
		}
		f := &answersFixture{base: base, snap: takeSnapshot(t, sh)}
		now := time.Now()
		unchanged := func(t *testing.T, c *answersCrew) {
			t.Helper()
			for _, v := range []*member{c.ada, c.bob} {
				s := v.teamSettings()
				if s.Settings.Cause != "We learn faster together." || s.Settings.SessionTime != "10:00" || len(s.Settings.SessionParts) != 5 || len(s.History) != 1 {
					t.Errorf("%s's settings after the attack: %+v", v.name, s)
				}
			}
		}
		for _, c := range []struct {
			name, words string
			events      []share.Event
		}{
			{"ZeroTimeBox", "time box is 0 minutes", []share.Event{settingsEvent(now, "session.parts", `[{"name":"Everything","minutes":0}]`)}},
			{"BadTime", "HH:MM", []share.Event{settingsEvent(now, "team.cause", `"Mal's cause"`, "session.time", `"25:61"`)}},
			{"ElevenQuestions", "11 questions", []share.Event{settingsEvent(now, "standup.questions", func() string {
				b, _ := json.Marshal(peerplaypay.QuestionsFromTexts(strings.Split("1 2 3 4 5 6 7 8 9 10 11", " ")))
				return string(b)
			}())}},
			{"DatedAhead", "waits", []share.Event{settingsEvent(now.Add(48*time.Hour), "team.cause", `"Mal's cause, forever"`)}},
		} {
			t.Run(c.name, func(t *testing.T) {
				cr := f.clone(t)
				news := cr.bob.addLog("Bob's news beside the attack")
				cr.bob.sync()
				newAttacker(t, sh, cr.mal).publish(c.events...)
				for _, v := range []*member{cr.ada, cr.bob} {
					syncAttacked(t, v, "Mal", c.words)
				}
				unchanged(t, cr)
				checkReceived(t, cr.ada, cr.bob, news)
			})
		}

		// Mal signs a change and stores it as Bob's next batch: Bob's key
		// does not verify it, so nobody takes it for Bob's.
		t.Run("ForgedAuthor", func(t *testing.T) {
			cr := f.clone(t)
			atk := newAttacker(t, sh, cr.mal)
			sb, err := atk.team.SealBatch(atk.lastPosition(cr.mal), []share.Event{settingsEvent(now, "team.cause", `"Bob says: Mal decides"`)})
			if err != nil {
				t.Fatal(err)
			}
			pos := atk.lastPosition(cr.bob)
			rawPut(t, sh, fmt.Sprintf("members/%s/events/%012d", cr.bob.id, pos.Seq+1), sb.Raw)
			syncAttacked(t, cr.ada, "Bob", "written by another member")
			unchanged(t, cr)
		})

		// Ada removes Mal; a change Mal's old client signs afterwards is
		// never applied (PROTOCOL.md §11.2).
		t.Run("AfterRemoval", func(t *testing.T) {
			cr := f.clone(t)
			atk := newAttacker(t, sh, cr.mal)
			cr.ada.ok("team", "remove", cr.mal.id)
			cr.bob.sync()
			atk.publish(settingsEvent(now, "team.cause", `"Mal's parting cause"`))
			for _, v := range []*member{cr.ada, cr.bob} {
				if s := v.sync(); len(s.Problems) != 0 {
					t.Errorf("%s: problems %q", v.name, s.Problems)
				}
			}
			unchanged(t, cr)
			cr.mal.run("sync") // learns of the removal
			cr.mal.refused(1, "removed from the team", "team", "cause", "set", "Mine")
		})

		// A key this app does not know, from a newer app: kept, shown, and
		// the known key beside it applied.
		t.Run("UnknownKeyKept", func(t *testing.T) {
			cr := f.clone(t)
			newAttacker(t, sh, cr.mal).publish(settingsEvent(now, "session.time", `"08:45"`, "future.colour", `{"hue":200}`))
			for _, v := range []*member{cr.ada, cr.bob} {
				v.sync()
				s := v.teamSettings()
				var kept bytes.Buffer
				_ = json.Compact(&kept, s.Settings.Unknown["future.colour"])
				if s.Settings.SessionTime != "08:45" || kept.String() != `{"hue":200}` {
					t.Errorf("%s: session.time %q, unknown %v", v.name, s.Settings.SessionTime, s.Settings.Unknown)
				}
				if out := v.ok("team", "settings", "show"); !strings.Contains(out, `future.colour: {"hue":200}`) {
					t.Errorf("%s's show lacks the kept key:\n%s", v.name, out)
				}
			}
		})
	})
}

//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
)

// The weekly session as `session show --json` prints it.
type cliSession struct {
	Day     string
	Time    string
	Minutes int
	Parts   []struct {
		Index   int
		ID      string
		Name    string
		Minutes int
		Items   []cliSessionItem
		Notes   []struct {
			UID, Rev, Kind, Text, AuthorName string
			Conflict                         bool
		}
		MyDots int
	}
	Facilitator string
	Running     []struct {
		ID         int64
		Hypothesis string
		OwnerName  string
	}
	LastDay     string
	LastMoments []cliSessionItem
	Voters      int
}

type cliSessionItem struct {
	ID         int64
	Author     string
	AuthorName string
	Text       string
	Votes      int
	Comments   []struct {
		ID                         int64
		AuthorName, Text, EditedAt string
	}
}

type cliExperiment struct {
	ID         int64
	Hypothesis string
	OwnerName  string
	Outcome    *struct{ Result, Note, AuthorName string }
}

func (m *member) session(day string) cliSession {
	m.t.Helper()
	var s cliSession
	m.decode(&s, "session", "show", "--json", "--day", day)
	return s
}

// item finds the item with text in s.
func (s cliSession) item(t *testing.T, text string) cliSessionItem {
	t.Helper()
	for _, p := range s.Parts {
		for _, it := range p.Items {
			if it.Text == text {
				return it
			}
		}
	}
	t.Fatalf("no item %q in the session of %s", text, s.Day)
	return cliSessionItem{}
}

func itemArg(it cliSessionItem) string { return strconv.FormatInt(it.ID, 10) }

// TestShareSession: three members, each a data folder driven through the
// binary, on a folder share and on a bucket, prepare the weekly session:
// each adds items, all see them after a sync; everyone's dots count once,
// however often a member votes again; edits of different items and of one
// note made at the same time are all kept; an experiment chosen is followed
// up at the next session and ends in the searchable list; the summary is
// exported as Markdown and PDF with the members' names in their scripts.
func TestShareSession(t *testing.T) {
	shareKinds(t, func(t *testing.T, sh *teamShare) {
		m := newTeam(t, sh, "Åsa Ødegård", "Bob", "Сергей")
		asa, bob, ser := m[0], m[1], m[2]
		const day, next = "2026-12-07", "2026-12-14"
		for _, x := range m {
			x.idOut("session", "add-item", "--day", day, "--part", "1", x.name+": ship the importer")
			x.idOut("session", "add-item", "--day", day, "--part", "2", x.name+": pair on reviews")
		}
		syncAll := func() {
			for _, x := range []*member{asa, bob, ser, asa, bob} {
				x.sync()
			}
		}
		syncAll()
		views := map[*member]cliSession{}
		for _, x := range m {
			s := x.session(day)
			views[x] = s
			if len(s.Parts) != 5 || len(s.Parts[0].Items) != 3 || len(s.Parts[1].Items) != 3 {
				t.Fatalf("%s sees %d parts, %d and %d items; want 5 parts and everyone's 3 items in parts 1 and 2", x.name, len(s.Parts), len(s.Parts[0].Items), len(s.Parts[1].Items))
			}
			if s.Facilitator != views[asa].Facilitator {
				t.Errorf("%s suggests another facilitator", x.name)
			}
		}

		// Each laptop puts a dot on Bob's experiment; Åsa votes again, and
		// syncs in between: each member counts once.
		for _, x := range m {
			x.ok("session", "vote", itemArg(views[x].item(t, "Bob: pair on reviews")), "--day", day)
		}
		asa.sync()
		onAsa := itemArg(views[asa].item(t, "Bob: pair on reviews"))
		asa.ok("session", "vote", onAsa, "--undo")
		asa.ok("session", "vote", onAsa)
		// Concurrent edits: Bob and Сергей each edit their own item, and both
		// change Åsa's note from the same version.
		noteUID := strings.TrimSpace(asa.ok("session", "note", "--day", day, "--part", "2", "Pairing: try it for a month"))
		asa.ok("session", "note", "--day", day, "--part", "2", "--decision", "Bob's pairing is this month's experiment")
		syncAll()
		bob.ok("session", "edit-item", itemArg(views[bob].item(t, "Bob: ship the importer")), "Bob: ship the importer by Friday")
		ser.ok("session", "edit-item", itemArg(views[ser].item(t, "Сергей: ship the importer")), "Сергей: ship the importer docs")
		bob.ok("session", "note", "--day", day, "--edit", noteUID, "Pairing: Tuesdays and Thursdays")
		ser.ok("session", "note", "--day", day, "--edit", noteUID, "Pairing: two hours a day")
		bob.ok("session", "comment", itemArg(views[bob].item(t, "Bob: pair on reviews")), "I'll book the room")
		syncAll()
		for _, x := range m {
			s := x.session(day)
			if it := s.item(t, "Bob: pair on reviews"); it.Votes != 3 || len(it.Comments) != 1 {
				t.Errorf("%s: Bob's experiment has %d dots and %d comments; want 3 (one per member) and 1", x.name, it.Votes, len(it.Comments))
			}
			if s.Voters != 3 {
				t.Errorf("%s counts %d voters; want 3", x.name, s.Voters)
			}
			s.item(t, "Bob: ship the importer by Friday")
			s.item(t, "Сергей: ship the importer docs")
			var conflicts, decisions int
			for _, n := range s.Parts[1].Notes {
				if n.Conflict {
					conflicts++
				}
				if n.Kind == "decision" {
					decisions++
				}
			}
			if conflicts != 2 || decisions != 1 || len(s.Parts[1].Notes) != 3 {
				t.Errorf("%s's notes: %+v; want both versions of the note, marked, and the decision", x.name, s.Parts[1].Notes)
			}
		}

		// Bad input: a sentence that says what to do, nothing queued (the
		// same on either share).
		if sh.kind == "folder" {
			bob.refused(1, "there is no part 7", "session", "add-item", "--day", day, "--part", "7", "x")
			bob.refused(2, "say which part", "session", "add-item", "--day", day, "x")
			bob.refused(1, "only its author edits it", "session", "edit-item", itemArg(views[bob].item(t, "Åsa Ødegård: ship the importer")), "mine now")
			bob.refused(1, "no item 9999", "session", "vote", "9999")
			bob.refused(2, "not an outcome", "experiments", "outcome", "1", "great", "--note", "x")
			bob.refused(2, "--format md or --format pdf", "session", "export", "--format", "doc", filepath.Join(t.TempDir(), "x.doc"))
			bob.refused(2, "is not a day", "session", "show", "--day", "2026-13-40")
		}

		// The experiment chosen is followed up at the next session.
		exp := bob.idOut("experiments", "add", "--day", day, "--item", itemArg(views[bob].item(t, "Bob: pair on reviews")),
			"--hypothesis", "Pairing halves review time", "--measure", "review hours in the tracker", "--end", "2027-01-04", "--owner", "Bob")
		bob.sync()
		ser.sync()
		s := ser.session(next)
		if len(s.Running) != 1 || s.Running[0].Hypothesis != "Pairing halves review time" || s.Running[0].OwnerName != "Bob" ||
			s.LastDay != day || len(s.LastMoments) != 3 {
			t.Fatalf("Сергей's next session opens with %+v and %q %d moments; want Bob's experiment and the 3 moments of %s", s.Running, s.LastDay, len(s.LastMoments), day)
		}
		ser.ok("experiments", "outcome", strconv.FormatInt(s.Running[0].ID, 10), "learned", "--note", "reviews got faster, pairing got tiring", "--day", next)
		ser.ok("session", "outcome", itemArg(s.LastMoments[0]), "worked", "--note", "shipped", "--day", next)
		ser.sync()
		asa.sync()
		var ended []cliExperiment
		asa.decode(&ended, "experiments", "list", "--json", "--query", "tiring")
		if len(ended) != 1 || ended[0].Outcome == nil || ended[0].Outcome.Result != "learned" || ended[0].Outcome.AuthorName != "Сергей" {
			t.Errorf("Åsa finds the ended experiment as %+v", ended)
		}
		var mine []cliExperiment
		bob.decode(&mine, "experiments", "list", "--json")
		if len(mine) != 1 || mine[0].ID != exp {
			t.Errorf("Bob's experiments: %+v", mine)
		}

		// The summary, as Markdown and as PDF, read back (the same on either
		// share).
		if sh.kind != "folder" {
			return
		}
		dir := t.TempDir()
		md, pdf := filepath.Join(dir, "session.md"), filepath.Join(dir, "session.pdf")
		asa.ok("session", "export", "--day", day, "--format", "md", md)
		start := time.Now()
		asa.ok("session", "export", "--day", day, "--format", "pdf", pdf)
		took := time.Since(start)
		t.Logf("%s: PDF export of a session (a whole CLI process): %v", sh.kind, took.Round(time.Millisecond))
		if took > 3*time.Second {
			t.Errorf("the PDF export took %v", took)
		}
		raw, err := os.ReadFile(md)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, pdf)
		for _, want := range []string{"Bob: pair on reviews (Bob) — 3 dots", "Decision: Bob's pairing is this month's experiment",
			"Åsa Ødegård", "Сергей: ship the importer docs", "Pairing: two hours a day", "I'll book the room"} {
			if !strings.Contains(string(raw), want) {
				t.Errorf("the Markdown summary lacks %q:\n%s", want, raw)
			}
			if !strings.Contains(text, want) {
				t.Errorf("the PDF's text lacks %q:\n%s", want, text)
			}
		}
		png := pdfPage(t, pdf)
		t.Logf("first page rendered: %s", png)
	})
}

// pdfText is the text pdftotext reads from a PDF, on one line per line.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v (install poppler-utils)", path, err)
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(string(out), "\n", " \n ")), " ")
}

// pdfPage renders a PDF's first page as a PNG (kept with the test's
// screenshots) and checks that something is drawn on it.
func pdfPage(t *testing.T, path string) string {
	t.Helper()
	dir := artifacts(t)
	prefix := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "-")+"-page")
	if out, err := exec.Command("pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", path, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm %s: %v\n%s", path, err, out)
	}
	fi, err := os.Stat(prefix + ".png")
	if err != nil || fi.Size() < 5000 {
		t.Fatalf("the rendered page %s.png is missing or blank (%v)", prefix, err)
	}
	return prefix + ".png"
}

// sessionCrew is a team of three whose Ada has an item in the session,
// held by every member.
type sessionCrew struct {
	sh            *teamShare
	ada, bob, mal *member
	adaItem       string // its uid
	adaComment    string // the uid of Ada's comment on it
}

// TestShareSessionAttacks: Mal runs a modified client and signs session
// events the app refuses to write (parts that are no parts, the team's
// parts out of bounds, Ada's comment edited); Ada and Bob refuse each
// batch, name Mal, and apply nothing of it. An item on a part the session
// does not have is kept and shown nowhere. Once removed, Mal's dots and
// parts are never taken.
func TestShareSessionAttacks(t *testing.T) {
	shareKinds(t, func(t *testing.T, sh *teamShare) {
		const day = "2026-12-07"
		team := newTeam(t, sh, "Ada", "Bob", "Mal")
		base := sessionCrew{sh: sh, ada: team[0], bob: team[1], mal: team[2]}
		itemID := base.ada.idOut("session", "add-item", "--day", day, "--part", "1", "Ada's moment")
		base.ada.ok("session", "comment", strconv.FormatInt(itemID, 10), "Ada's comment")
		for _, x := range []*member{base.ada, base.bob, base.mal} {
			x.sync()
		}
		base.adaItem = uidOf(t, base.ada, `SELECT uid FROM session_items`)
		base.adaComment = uidOf(t, base.ada, `SELECT uid FROM session_comments`)
		snap := takeSnapshot(t, sh)
		clone := func(t *testing.T) *sessionCrew {
			snap.restore(t, sh)
			cp := func(m *member) *member {
				c := &member{t: t, name: m.name, dir: t.TempDir(), env: m.env, id: m.id}
				copyDir(t, m.dir, c.dir)
				return c
			}
			return &sessionCrew{sh: sh, ada: cp(base.ada), bob: cp(base.bob), mal: cp(base.mal), adaItem: base.adaItem, adaComment: base.adaComment}
		}
		ev := func(kind string, data any) share.Event { return answerEvent(kind, time.Now(), data) }
		stranger := strings.Repeat("ab", 16)
		for _, c := range []struct {
			name   string
			events func(c *sessionCrew) []share.Event
			words  string
		}{
			{"PartOutOfRange", func(c *sessionCrew) []share.Event {
				return []share.Event{ev(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: peerplaypay.NewUID(), Session: day, Part: 5, Text: "a sixth part"})}
			}, "part 5"},
			{"LongItem", func(c *sessionCrew) []share.Event {
				return []share.Event{ev(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: peerplaypay.NewUID(), Session: day, Part: 0, Text: strings.Repeat("ж", 501)})}
			}, "over 500"},
			{"EditOthersItem", func(c *sessionCrew) []share.Event {
				return []share.Event{ev(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: c.adaItem, Session: day, Part: 0, Text: "Ada agrees with Mal"})}
			}, "edits Ada's session item"},
			{"FourDots", func(c *sessionCrew) []share.Event {
				d := peerplaypay.ItemRef{Author: c.ada.id, UID: c.adaItem}
				return []share.Event{ev(peerplaypay.EventSessionVote, peerplaypay.SessionVoteData{Session: day, Part: 0, Dots: []peerplaypay.ItemRef{d, d, d, d}})}
			}, "4 dots"},
			{"DotOnStranger", func(c *sessionCrew) []share.Event {
				return []share.Event{ev(peerplaypay.EventSessionVote, peerplaypay.SessionVoteData{Session: day, Part: 0, Dots: []peerplaypay.ItemRef{{Author: stranger, UID: peerplaypay.NewUID()}}})}
			}, "no member"},
			// Parts named by id (the team's parts): a part id that is no id,
			// and the team's parts themselves out of bounds. Every other rule
			// of the parts, agreements and comments, one by one:
			// teamsync's TestSessionChecker and TestCheckSettingsEvent.
			{"PartIDNotAnID", func(c *sessionCrew) []share.Event {
				return []share.Event{ev(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: peerplaypay.NewUID(), Session: day, Part: 0, PartID: "../moments", Text: "x"})}
			}, "is not an id"},
			{"ElevenParts", func(c *sessionCrew) []share.Event {
				parts := make([]peerplaypay.SessionPart, 11)
				for i := range parts {
					parts[i] = peerplaypay.SessionPart{Name: "Part", Minutes: 5}
				}
				return []share.Event{settingsChange(peerplaypay.KeySessionParts, parts)}
			}, "has 11 parts"},
			{"EditOthersComment", func(c *sessionCrew) []share.Event {
				return []share.Event{ev(peerplaypay.EventSessionCommentEdit, peerplaypay.SessionCommentEditData{UID: c.adaComment, Text: "Ada agrees with Mal"})}
			}, "edits Ada's session comment"},
			{"OwnerStranger", func(c *sessionCrew) []share.Event {
				return []share.Event{ev(peerplaypay.EventExperimentSet, peerplaypay.ExperimentData{UID: peerplaypay.NewUID(), Session: day, Hypothesis: "h", Owner: stranger, Measure: "m", EndDay: "2027-01-04"})}
			}, "owner"},
		} {
			t.Run(c.name, func(t *testing.T) {
				cr := clone(t)
				atk := newAttacker(t, sh, cr.mal)
				atk.publish(c.events(cr)...)
				for _, v := range []*member{cr.ada, cr.bob} {
					syncAttacked(t, v, "Mal", c.words)
					s := v.session(day)
					if it := s.item(t, "Ada's moment"); it.Votes != 0 || it.Author != cr.ada.id {
						t.Errorf("%s's view of Ada's item after the attack: %+v", v.name, it)
					}
					if n := len(s.Parts[0].Items); n != 1 {
						t.Errorf("%s holds %d items; want Ada's alone", v.name, n)
					}
					if cs := s.item(t, "Ada's moment").Comments; len(cs) != 1 || cs[0].Text != "Ada's comment" {
						t.Errorf("%s's view of Ada's comment after the attack: %+v", v.name, cs)
					}
					if len(s.Parts) != 5 || s.Parts[0].Name != peerplaypay.DefaultSessionParts[0].Name || s.Minutes != 120 {
						t.Errorf("%s's parts after the attack: %+v", v.name, s.Parts)
					}
				}
			})
		}
		// An item on a part the session does not have (dropped, or not
		// here yet) is kept, not refused, and shown nowhere.
		t.Run("ItemOnDroppedPart", func(t *testing.T) {
			cr := clone(t)
			atk := newAttacker(t, sh, cr.mal)
			atk.publish(ev(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: peerplaypay.NewUID(), Session: day, Part: 0, PartID: "dropped", Text: "on a dropped part"}))
			for _, v := range []*member{cr.ada, cr.bob} {
				if sum := v.sync(); len(sum.Problems) != 0 {
					t.Errorf("%s: %q", v.name, sum.Problems)
				}
				for _, p := range v.session(day).Parts {
					for _, it := range p.Items {
						if it.Text == "on a dropped part" {
							t.Errorf("%s shows the item on a dropped part in %q", v.name, p.Name)
						}
					}
				}
			}
		})
		t.Run("RemovedMembersDots", func(t *testing.T) {
			cr := clone(t)
			atk := newAttacker(t, sh, cr.mal)
			cr.ada.ok("team", "remove", cr.mal.id)
			cr.bob.sync()
			d := peerplaypay.ItemRef{Author: cr.ada.id, UID: cr.adaItem}
			atk.publish(ev(peerplaypay.EventSessionVote, peerplaypay.SessionVoteData{Session: day, Part: 0, Dots: []peerplaypay.ItemRef{d, d, d}}),
				settingsChange(peerplaypay.KeySessionParts, []peerplaypay.SessionPart{{Name: "Mal's only part", Minutes: 240}}))
			for _, v := range []*member{cr.ada, cr.bob} {
				v.sync()
				s := v.session(day)
				if it := s.item(t, "Ada's moment"); it.Votes != 0 {
					t.Errorf("%s counts %d dots of the removed member", v.name, it.Votes)
				}
				if len(s.Parts) != 5 {
					t.Errorf("%s takes the removed member's parts: %+v", v.name, s.Parts)
				}
			}
		})
	})
}

// settingsChange is a team.settings event setting key to value.
func settingsChange(key string, value any) share.Event {
	raw, _ := json.Marshal(value)
	return answerEvent(peerplaypay.EventTeamSettings, time.Now(), peerplaypay.TeamSettingsData{Changes: []peerplaypay.SettingChange{{Key: key, Value: raw}}})
}

// TestShareSessionParts: two members on a folder share and on a bucket.
// Bob renames, reorders, drops and adds parts and moves the session to
// Wednesday 14:30 while Ada adds items; after a sync both see the same
// session: the team's parts with their time boxes, each item on its part.
// Comments on items are edited and deleted by their author alone. Bad
// input says what to do.
func TestShareSessionParts(t *testing.T) {
	shareKinds(t, func(t *testing.T, sh *teamShare) {
		m := newTeam(t, sh, "Ada", "Bob")
		ada, bob := m[0], m[1]
		day := time.Now().AddDate(0, 0, 14).Format(time.DateOnly)
		ada.idOut("session", "add-item", "--day", day, "--part", "1", "ship the importer")
		ada.idOut("session", "add-item", "--day", day, "--part", "3", "go faster")
		ada.idOut("session", "add-item", "--day", day, "--part", "4", "rethink reviews")
		ada.idOut("session", "add-item", "--day", day, "--part", "5", "the demo went well")
		if sh.kind == "folder" {
			bob.refused(1, "The session time must be HH:MM, like 09:30", "team", "settings", "set", "session.time", "9am")
		}
		// Plain lines keep each part's id by its name, else by its place:
		// "Retro" takes the place of the fourth part, and its items.
		bob.ok("team", "settings", "set", "session.parts", "Success stories = 15\nThree success moments for this week = 25\nThree experiments for the month = 30\nRetro = 40\nDemos = 10")
		bob.ok("team", "settings", "set", "session.weekday", "wednesday")
		bob.ok("team", "settings", "set", "session.time", "14:30")
		for _, x := range []*member{ada, bob, ada} {
			x.sync()
		}
		want := "Success stories 15 [the demo went well] | Three success moments for this week 25 [ship the importer] | Three experiments for the month 30 [] | Retro 40 [rethink reviews] | Demos 10 []"
		for _, x := range m {
			s := x.session(day)
			if got := partsLine(s); got != want {
				t.Errorf("%s sees %s\nwant %s", x.name, got, want)
			}
			if s.Time != "14:30" || s.Minutes != 120 {
				t.Errorf("%s: the session is at %s for %d minutes; want 14:30 for 120", x.name, s.Time, s.Minutes)
			}
		}
		// Comments: Bob's own, edited and deleted by him alone.
		s := bob.session(day)
		retro := itemArg(s.item(t, "rethink reviews"))
		bob.ok("session", "comment", retro, "let's time-box it")
		c := bob.session(day).item(t, "rethink reviews").Comments[0]
		bob.ok("session", "edit-comment", strconv.FormatInt(c.ID, 10), "let's time-box it to 20 minutes")
		bob.sync()
		ada.sync()
		got := ada.session(day).item(t, "rethink reviews").Comments
		if len(got) != 1 || got[0].Text != "let's time-box it to 20 minutes" || got[0].EditedAt == "" {
			t.Fatalf("Ada sees Bob's comments as %+v; want the edited one", got)
		}
		if sh.kind == "folder" {
			ada.refused(1, "only its author edits it", "session", "edit-comment", strconv.FormatInt(got[0].ID, 10), "mine now")
			ada.refused(1, "only its author deletes it", "session", "delete-comment", strconv.FormatInt(got[0].ID, 10))
			ada.refused(1, "no comment 9999", "session", "delete-comment", "9999")
			ada.refused(2, "--part N (1 to 5", "session", "add-item", "--day", day, "x")
			loner := newMember(t, "Loner", nil)
			loner.refused(1, "create or join a team first", "session", "add-item", "x")
			loner.refused(1, "create or join a team first", "session", "add-item", "--part", "3", "x")
		}
		bob.ok("session", "delete-comment", strconv.FormatInt(c.ID, 10))
		bob.sync()
		ada.sync()
		if got := ada.session(day).item(t, "rethink reviews").Comments; len(got) != 0 {
			t.Errorf("Ada still sees a deleted comment: %+v", got)
		}
	})
}

// partsLine is a session's parts as "name minutes [items]".
func partsLine(s cliSession) string {
	var out []string
	for _, p := range s.Parts {
		var items []string
		for _, it := range p.Items {
			items = append(items, it.Text)
		}
		out = append(out, fmt.Sprintf("%s %d [%s]", p.Name, p.Minutes, strings.Join(items, "; ")))
	}
	return strings.Join(out, " | ")
}

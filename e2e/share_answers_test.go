//go:build e2e

package e2e

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
	"peerplaypay/internal/sqlite"
)

// The answers as the CLI's --json prints them.
type cliComment struct {
	ID         int64
	UID        string
	Author     string
	AuthorName string
	ReplyTo    int64
	AtMs       *int64
	Text       string
	EditedAt   string
	Deleted    bool
	Replies    []cliComment
}

type cliThanks struct {
	ID       int64
	UID      string
	From     string
	FromName string
	To       string
	ToName   string
	Reason   string
	Link     *struct{ Kind, Author, UID string }
	Day      string
	Editable bool
}

type cliOffer struct {
	ID         int64
	UID        string
	Author     string
	AuthorName string
	Text       string
	Accepted   bool
}

type cliAnswers struct {
	Log       struct{ Author, UID string }
	Comments  []cliComment
	Reactions []struct {
		Reaction string
		Members  []string
		Names    []string
	}
	Offers []cliOffer
	Thanks []cliThanks
}

type cliActivity struct {
	Kind      string
	Actor     string
	ActorName string
	Text      string
	Unread    bool
}

func (m *member) answers(log string) cliAnswers {
	m.t.Helper()
	var a cliAnswers
	m.decode(&a, "comments", log, "--json")
	return a
}

func (m *member) thanks(which ...string) []cliThanks {
	m.t.Helper()
	var list []cliThanks
	m.decode(&list, append([]string{"thanks", "list", "--json"}, which...)...)
	return list
}

func (m *member) activity() []cliActivity {
	m.t.Helper()
	var list []cliActivity
	m.decode(&list, "activity", "--json")
	return list
}

// idOut is the ID a command prints on its own line.
func (m *member) idOut(args ...string) int64 {
	m.t.Helper()
	out := m.ok(args...)
	id, err := strconv.ParseInt(strings.TrimSpace(out), 10, 64)
	if err != nil {
		m.t.Fatalf("%s: %v printed %q, not an ID", m.name, args, out)
	}
	return id
}

// refused runs a command that must fail with words in its message, exit
// code and all, and checks that it changed nothing the member would send.
func (m *member) refused(code int, words string, args ...string) {
	m.t.Helper()
	before := m.status().Waiting
	out, errOut, got := m.run(args...)
	if got != code || !strings.Contains(errOut, words) {
		m.t.Errorf("%s: %v: exit %d, %q%q; want exit %d saying %q", m.name, args, got, out, errOut, code, words)
	}
	if after := m.status().Waiting; after != before {
		m.t.Errorf("%s: %v was refused but queued %d events for the team", m.name, args, after-before)
	}
}

func thanksLines(list []cliThanks) []string {
	out := []string{}
	for _, t := range list {
		out = append(out, t.FromName+">"+t.ToName+": "+t.Reason)
	}
	return out
}

func activityLines(list []cliActivity) []string {
	out := []string{}
	for _, a := range list {
		out = append(out, a.Kind+" "+a.ActorName)
	}
	slices.Sort(out)
	return out
}

// TestShareAnswers: three members, each a data folder driven through the
// binary, on a folder share and on a bucket. Ada records a stand-up that
// asks for help; Bob comments at 0:02, offers help, reacts and thanks her;
// Cyd thanks Bob for the offer. After syncs each sees exactly that; edits,
// a reply, an acceptance and a deletion travel; bad input is refused by
// the CLI and changes nothing; a Thanks Cyd signs after her removal is
// refused by the others.
func TestShareAnswers(t *testing.T) {
	t.Parallel()
	shareKinds(t, func(t *testing.T, sh *teamShare) {
		m := newTeam(t, sh, "Ada", "Bob", "Cyd")
		ada, bob, cyd := m[0], m[1], m[2]
		r := startRecordAlone(t, ada.dir, "--seconds", "3", "--audio-only", "--audio", "synthetic",
			"--done", "fixed the importer", "--help-needed", "a review of the parser")
		adaLog := ada.log(r.wait(t))
		mine := "my:" + strconv.FormatInt(adaLog.ID, 10)
		ada.sync()
		bob.sync()
		cyd.sync()
		bobsCopy, ok := bob.peerLog(adaLog.UID)
		if !ok {
			t.Fatal("Ada's stand-up did not reach Bob")
		}
		onBob := strconv.FormatInt(bobsCopy.ID, 10)

		comment := bob.idOut("comment", "add", onBob, "the parser fix at two seconds is the key", "--at", "0:02")
		bob.idOut("logs", "help-offer", onBob, "I wrote the parser; I can review it today")
		bob.ok("react", onBob, "clap")
		bob.idOut("thanks", "give", "Ada", "for fixing the importer", "--log", onBob)
		bob.sync()
		cyd.sync()
		cydsCopy, _ := cyd.peerLog(adaLog.UID)
		onCyd := strconv.FormatInt(cydsCopy.ID, 10)
		offers := cyd.answers(onCyd).Offers
		if len(offers) != 1 || offers[0].AuthorName != "Bob" {
			t.Fatalf("Cyd sees the offers %+v", offers)
		}
		cyd.idOut("thanks", "give", "Bob", "for offering to review the parser", "--offer", strconv.FormatInt(offers[0].ID, 10))
		cyd.sync()
		ada.sync()
		bob.sync()

		wantFeed := "Cyd>Bob: for offering to review the parser|Bob>Ada: for fixing the importer"
		for _, v := range []struct {
			m   *member
			log string
		}{{ada, mine}, {bob, onBob}, {cyd, onCyd}} {
			a := v.m.answers(v.log)
			if len(a.Comments) != 1 || a.Comments[0].AuthorName != "Bob" || a.Comments[0].Author != bob.id || a.Comments[0].AtMs == nil ||
				*a.Comments[0].AtMs != 2000 || a.Comments[0].Text != "the parser fix at two seconds is the key" {
				t.Errorf("%s sees the comments %+v", v.m.name, a.Comments)
			}
			if len(a.Reactions) != 1 || a.Reactions[0].Reaction != "clap" || !slices.Equal(a.Reactions[0].Members, []string{bob.id}) {
				t.Errorf("%s sees the reactions %+v", v.m.name, a.Reactions)
			}
			if len(a.Offers) != 1 || a.Offers[0].Author != bob.id || a.Offers[0].Text != "I wrote the parser; I can review it today" || a.Offers[0].Accepted {
				t.Errorf("%s sees the offers %+v", v.m.name, a.Offers)
			}
			if len(a.Thanks) != 1 || a.Thanks[0].From != bob.id || a.Thanks[0].To != ada.id {
				t.Errorf("%s sees the Thanks on the log %+v", v.m.name, a.Thanks)
			}
			if got := strings.Join(thanksLines(v.m.thanks()), "|"); got != wantFeed {
				t.Errorf("%s's Thanks feed: %q; want %q", v.m.name, got, wantFeed)
			}
		}
		for _, c := range []struct {
			m     *member
			which string
			want  string
		}{
			{ada, "--received", "Bob>Ada: for fixing the importer"}, {ada, "--given", ""},
			{bob, "--received", "Cyd>Bob: for offering to review the parser"}, {bob, "--given", "Bob>Ada: for fixing the importer"},
			{cyd, "--received", ""}, {cyd, "--given", "Cyd>Bob: for offering to review the parser"},
		} {
			if got := strings.Join(thanksLines(c.m.thanks(c.which)), "|"); got != c.want {
				t.Errorf("%s's thanks list %s: %q; want %q", c.m.name, c.which, got, c.want)
			}
		}
		cydThanks := ada.thanks()[0]
		if cydThanks.Link == nil || cydThanks.Link.Kind != "offer" || cydThanks.Link.Author != bob.id {
			t.Errorf("Cyd's Thanks links to %+v; want Bob's offer", cydThanks.Link)
		}
		if got := strings.Join(activityLines(ada.activity()), ","); got != "comment Bob,offer Bob,reaction Bob,thanks Bob" {
			t.Errorf("Ada's activity: %s", got)
		}
		if got := strings.Join(activityLines(bob.activity()), ","); got != "thanks Cyd" {
			t.Errorf("Bob's activity: %s", got)
		}
		if got := cyd.activity(); len(got) != 0 {
			t.Errorf("Cyd's activity: %+v; nothing of hers was answered", got)
		}

		// With this history, a sync that finds nothing new still costs one
		// list and one read for the roster and one list per peer.
		for _, v := range []*member{ada, bob, cyd} {
			if s := v.sync(); s.Received != 0 || s.SentEvents != 0 || s.Requests != 2+2 {
				t.Errorf("%s's sync with nothing new: %d requests, %+v; want 4", v.name, s.Requests, s)
			}
		}

		// Bad input: refused with what to do, nothing queued.
		bob.refused(1, "cannot thank yourself", "thanks", "give", "Bob", "for me")
		bob.refused(2, "say what you thank them for", "thanks", "give", "Ada", "  ")
		bob.refused(1, "no peer's log 9999", "comment", "add", "9999", "hello")
		bob.refused(2, "is not a moment of the recording", "comment", "add", onBob, "hello", "--at", "1:7x")
		bob.refused(2, "is not a reaction", "react", onBob, "poop")
		bob.refused(1, "not a member of your team", "thanks", "give", "Zed", "for nothing")
		comments := cyd.answers(onCyd).Comments
		cyd.refused(1, "only its author can edit it", "comment", "edit", strconv.FormatInt(comments[0].ID, 10), "Cyd's words")
		cyd.refused(1, "only its author can delete it", "comment", "delete", strconv.FormatInt(comments[0].ID, 10))
		cyd.refused(1, "only the log's author accepts it", "logs", "help-accept", strconv.FormatInt(offers[0].ID, 10))

		// Edits, a reply, an acceptance and a deletion travel.
		bob.ok("comment", "edit", strconv.FormatInt(comment, 10), "the parser fix at 0:02 is the key")
		adaComments := ada.answers(mine).Comments
		ada.idOut("comment", "add", mine, "thanks, let's pair at three", "--reply", strconv.FormatInt(adaComments[0].ID, 10))
		adaOffers := ada.answers(mine).Offers
		ada.ok("logs", "help-accept", strconv.FormatInt(adaOffers[0].ID, 10))
		ada.sync()
		bob.sync()
		cyd.sync()
		ada.sync()
		for _, v := range []struct {
			m   *member
			log string
		}{{ada, mine}, {bob, onBob}, {cyd, onCyd}} {
			a := v.m.answers(v.log)
			if len(a.Comments) != 1 || a.Comments[0].Text != "the parser fix at 0:02 is the key" || a.Comments[0].EditedAt == "" ||
				len(a.Comments[0].Replies) != 1 || a.Comments[0].Replies[0].Text != "thanks, let's pair at three" || a.Comments[0].Replies[0].Author != ada.id {
				t.Errorf("%s after the edit and the reply: %+v", v.m.name, a.Comments)
			}
			if len(a.Offers) != 1 || !a.Offers[0].Accepted {
				t.Errorf("%s: the offer is not accepted: %+v", v.m.name, a.Offers)
			}
		}
		if got := strings.Join(activityLines(bob.activity()), ","); got != "accepted Ada,reply Ada,thanks Cyd" {
			t.Errorf("Bob's activity: %s", got)
		}
		bob.ok("comment", "delete", strconv.FormatInt(comment, 10))
		bob.sync()
		ada.sync()
		cyd.sync()
		for _, v := range []struct {
			m   *member
			log string
		}{{ada, mine}, {cyd, onCyd}} {
			a := v.m.answers(v.log)
			if len(a.Comments) != 1 || !a.Comments[0].Deleted || a.Comments[0].Text != "" || len(a.Comments[0].Replies) != 1 {
				t.Errorf("%s after the deletion: %+v", v.m.name, a.Comments)
			}
		}

		// The daily cap: Bob's second and third Thanks to Ada today pass,
		// the fourth is refused.
		bob.idOut("thanks", "give", ada.id, "for the pairing")
		last := bob.idOut("thanks", "give", "ada", "for the review notes")
		bob.refused(1, "at most 3 Thanks a day", "thanks", "give", "Ada", "a fourth time")
		// Within the 10 minutes a Thanks can be changed and withdrawn.
		bob.ok("thanks", "edit", strconv.FormatInt(last, 10), "for the careful review notes")
		bob.ok("thanks", "withdraw", strconv.FormatInt(last, 10))
		bob.sync()
		ada.sync()
		if got := strings.Join(thanksLines(ada.thanks("--received")), "|"); got != "Bob>Ada: for the pairing|Bob>Ada: for fixing the importer" {
			t.Errorf("Ada's received Thanks after the edit and withdrawal: %q", got)
		}

		// Ada removes Cyd. A Thanks Cyd's identity signs afterwards, by a
		// client that keeps the team as it was before her removal (her old
		// key, her old roster), is never applied by the others. It names a
		// roster from before her removal, as the batch of an app that had
		// not synced since would: ignored without a word (a removed member
		// whose batch names her own removal is reported, in the roster
		// claims' attack test).
		atk := newAttacker(t, sh, cyd)
		ada.ok("team", "remove", cyd.id)
		bob.sync()
		atk.publish(thanksEvent(time.Now(), peerplaypay.ThanksGivenData{UID: peerplaypay.NewUID(), From: cyd.id, To: bob.id, Reason: "after my removal"}))
		for _, v := range []*member{ada, bob} {
			if s := v.sync(); len(s.Problems) != 0 {
				t.Errorf("%s's sync after the removed member's Thanks: problems %q", v.name, s.Problems)
			}
			got := thanksLines(v.thanks())
			if strings.Contains(strings.Join(got, "|"), "after my removal") || len(got) != 3 {
				t.Errorf("%s's feed after the removed member's Thanks: %q; want the three standing Thanks", v.name, got)
			}
		}
	})
}

func thanksEvent(at time.Time, d peerplaypay.ThanksGivenData) share.Event {
	return answerEvent(peerplaypay.EventThanksGiven, at, d)
}

func answerEvent(kind string, at time.Time, data any) share.Event {
	raw, _ := json.Marshal(data)
	return share.Event{ID: share.NewEventID(), Kind: kind, V: 1, At: at.UTC(), Data: raw}
}

// answersCrew is a team of three whose Ada has a stand-up with a comment,
// a reply to it and an offer of help on Bob's log, held by every member.
type answersCrew struct {
	sh            *teamShare
	ada, bob, mal *member
	adaLog        ownLog
}

type answersFixture struct {
	base answersCrew
	snap shareSnapshot
}

func newAnswersFixture(t *testing.T, sh *teamShare) *answersFixture {
	t.Helper()
	m := newTeam(t, sh, "Ada", "Bob", "Mal")
	c := answersCrew{sh: sh, ada: m[0], bob: m[1], mal: m[2]}
	c.adaLog = c.ada.addLog("fixed the importer")
	bobLog := c.bob.addLog("wrote the parser docs")
	c.bob.ok("logs", "edit", strconv.FormatInt(bobLog.ID, 10), "--help-needed", "a reader for the docs")
	for _, x := range []*member{c.ada, c.bob, c.mal, c.ada} {
		x.sync()
	}
	mine := "my:" + strconv.FormatInt(c.adaLog.ID, 10)
	top := c.ada.idOut("comment", "add", mine, "context: the importer choked on BOMs")
	c.ada.idOut("comment", "add", mine, "and on CRLF", "--reply", strconv.FormatInt(top, 10))
	onBob, _ := c.ada.peerLog(bobLog.UID)
	c.ada.idOut("logs", "help-offer", strconv.FormatInt(onBob.ID, 10), "I can read them tonight")
	for _, x := range []*member{c.ada, c.bob, c.mal} {
		x.sync()
	}
	return &answersFixture{base: c, snap: takeSnapshot(t, sh)}
}

func (f *answersFixture) clone(t *testing.T) *answersCrew {
	t.Helper()
	f.snap.restore(t, f.base.sh)
	cp := func(m *member) *member {
		c := &member{t: t, name: m.name, dir: t.TempDir(), env: m.env, id: m.id}
		copyDir(t, m.dir, c.dir)
		return c
	}
	b := f.base
	return &answersCrew{sh: b.sh, ada: cp(b.ada), bob: cp(b.bob), mal: cp(b.mal), adaLog: b.adaLog}
}

// uidOf returns the uid of the row a query on m's database finds.
func uidOf(t *testing.T, m *member, query string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(m.dir, sqlite.FileName)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var uid string
	if err := db.QueryRow(query).Scan(&uid); err != nil {
		t.Fatalf("%s: %s: %v", m.name, query, err)
	}
	return uid
}

// TestShareAnswerAttacks: Mal runs a modified client and signs answers the
// app refuses to write; Ada and Bob refuse each batch, name Mal, and apply
// nothing of it.
func TestShareAnswerAttacks(t *testing.T) {
	t.Parallel()
	shareKinds(t, func(t *testing.T, sh *teamShare) {
		f := newAnswersFixture(t, sh)
		now := time.Now()
		for _, c := range []struct {
			name   string
			events func(c *answersCrew) []share.Event
			words  string
		}{
			{"ForgedGiver", func(c *answersCrew) []share.Event {
				return []share.Event{thanksEvent(now, peerplaypay.ThanksGivenData{UID: peerplaypay.NewUID(), From: c.bob.id, To: c.mal.id, Reason: "from Bob, truly"})}
			}, "names Bob as the giver"},
			{"SelfThanks", func(c *answersCrew) []share.Event {
				return []share.Event{thanksEvent(now, peerplaypay.ThanksGivenData{UID: peerplaypay.NewUID(), From: c.mal.id, To: c.mal.id, Reason: "for me"})}
			}, "nobody thanks themselves"},
			{"EmptyReason", func(c *answersCrew) []share.Event {
				return []share.Event{thanksEvent(now, peerplaypay.ThanksGivenData{UID: peerplaypay.NewUID(), From: c.mal.id, To: c.ada.id, Reason: ""})}
			}, "says nothing of what it is for"},
			{"OverTheCap", func(c *answersCrew) []share.Event {
				var evs []share.Event
				for i := range 4 {
					evs = append(evs, thanksEvent(now, peerplaypay.ThanksGivenData{UID: peerplaypay.NewUID(), From: c.mal.id, To: c.ada.id, Reason: fmt.Sprintf("thanks %d", i+1)}))
				}
				return evs
			}, "Thanks number 4"},
			{"LateEdit", func(c *answersCrew) []share.Event {
				uid := peerplaypay.NewUID()
				// Dated after Mal's last event, as the rules ask, and edited
				// 11 minutes after giving.
				given := now.Add(-20 * time.Minute)
				return []share.Event{
					thanksEvent(given, peerplaypay.ThanksGivenData{UID: uid, From: c.mal.id, To: c.ada.id, Reason: "for the review"}),
					answerEvent(peerplaypay.EventThanksEdited, given.Add(11*time.Minute), peerplaypay.ThanksEditedData{UID: uid, Reason: "for everything, ever"}),
				}
			}, "fixed 10 minutes after"},
			{"DatedAhead", func(c *answersCrew) []share.Event {
				return []share.Event{thanksEvent(now.Add(30*time.Hour), peerplaypay.ThanksGivenData{UID: peerplaypay.NewUID(), From: c.mal.id, To: c.ada.id, Reason: "tomorrow's quota"})}
			}, "waits"},
			{"EditOthersComment", func(c *answersCrew) []share.Event {
				uid := uidOf(t, c.ada, `SELECT uid FROM comments WHERE author = '' AND reply_uid = ''`)
				return []share.Event{answerEvent(peerplaypay.EventCommentEdited, now, peerplaypay.CommentEditedData{UID: uid, Text: "Ada agrees with Mal"})}
			}, "edits Ada's comment"},
			{"DeleteOthersComment", func(c *answersCrew) []share.Event {
				uid := uidOf(t, c.ada, `SELECT uid FROM comments WHERE author = '' AND reply_uid = ''`)
				return []share.Event{answerEvent(peerplaypay.EventCommentDeleted, now, peerplaypay.CommentDeletedData{UID: uid})}
			}, "deletes Ada's comment"},
			{"UnknownReaction", func(c *answersCrew) []share.Event {
				return []share.Event{answerEvent(peerplaypay.EventReactionSet, now, peerplaypay.ReactionSetData{LogAuthor: c.ada.id, LogUID: c.adaLog.UID, Reaction: "poop", On: true})}
			}, "is not one of"},
			{"ReplyToReply", func(c *answersCrew) []share.Event {
				uid := uidOf(t, c.ada, `SELECT uid FROM comments WHERE author = '' AND reply_uid <> ''`)
				return []share.Event{answerEvent(peerplaypay.EventCommentAdded, now, peerplaypay.CommentAddedData{UID: peerplaypay.NewUID(),
					LogAuthor: c.ada.id, LogUID: c.adaLog.UID, ReplyAuthor: c.ada.id, ReplyUID: uid, Text: "deeper still"})}
			}, "replies to a reply"},
			{"AcceptOthersOffer", func(c *answersCrew) []share.Event {
				uid := uidOf(t, c.ada, `SELECT uid FROM goal_help_offers WHERE author = ''`)
				return []share.Event{answerEvent(peerplaypay.EventHelpAccepted, now, peerplaypay.HelpAccepted{OfferAuthor: c.ada.id, OfferUID: uid, At: now.UTC()})}
			}, "only a log's author accepts"},
		} {
			t.Run(c.name, func(t *testing.T) {
				cr := f.clone(t)
				news := cr.bob.addLog("Bob's news beside the attack")
				cr.bob.sync()
				atk := newAttacker(t, sh, cr.mal)
				atk.publish(c.events(cr)...)
				for _, v := range []*member{cr.ada, cr.bob} {
					syncAttacked(t, v, "Mal", c.words)
					for _, th := range v.thanks() {
						if th.From == cr.mal.id || th.To == cr.mal.id {
							t.Errorf("%s applied Mal's forged Thanks: %+v", v.name, th)
						}
					}
				}
				mine := "my:" + strconv.FormatInt(cr.adaLog.ID, 10)
				a := cr.ada.answers(mine)
				if len(a.Comments) != 1 || a.Comments[0].Text != "context: the importer choked on BOMs" || a.Comments[0].Deleted ||
					len(a.Comments[0].Replies) != 1 || a.Comments[0].Replies[0].Text != "and on CRLF" || len(a.Reactions) != 0 {
					t.Errorf("Ada's log after the attack: %+v", a)
				}
				if got := cr.ada.activity(); len(got) != 0 {
					t.Errorf("Ada's activity holds the attack: %+v", got)
				}
				// The honest member's news still arrives.
				checkReceived(t, cr.ada, cr.bob, news)
			})
		}
	})
}

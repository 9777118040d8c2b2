package teamsync_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

func answersOf(m *member) *sqlite.AnswerService {
	return sqlite.NewAnswerService(m.db, func(ctx context.Context) sqlite.People {
		me, name, names := m.svc.People(ctx)
		return sqlite.People{Me: me, MyName: name, Names: names}
	})
}

// helpLog adds a text log of m's that asks for help, and sends it.
func helpLog(t *testing.T, m *member, done, help string) *peerplaypay.LogEntry {
	t.Helper()
	e := &peerplaypay.LogEntry{Kind: peerplaypay.LogText, LogTable: peerplaypay.LogTable{Done: done, HelpNeeded: help, Mood: 4, Energy: 3}}
	if err := m.logs.CreateLog(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	return e
}

func thanksFeed(t *testing.T, m *member) []string {
	t.Helper()
	list, err := answersOf(m).ThanksFeed(context.Background(), 0)
	return lines(t, list, err)
}

func received(t *testing.T, m *member) []string {
	t.Helper()
	list, err := answersOf(m).MyThanks(context.Background(), true, 0)
	return lines(t, list, err)
}

// peerRef is how reader names author's log uid.
func peerRef(t *testing.T, reader, author *member, uid string) peerplaypay.LogRef {
	t.Helper()
	logs, err := reader.svc.PeerLogs(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range logs {
		if l.UID == uid {
			return peerplaypay.LogRef{Author: l.Author, UID: l.UID}
		}
	}
	t.Fatalf("the log %s has not reached the reader", uid)
	return peerplaypay.LogRef{}
}

func logAnswers(t *testing.T, m *member, ref peerplaypay.LogRef) *peerplaypay.LogAnswers {
	t.Helper()
	la, err := answersOf(m).LogAnswers(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	return la
}

func activityKinds(t *testing.T, m *member) []string {
	t.Helper()
	list, err := answersOf(m).Activity(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range list {
		out = append(out, a.Kind+":"+a.ActorName)
	}
	return out
}

func lines(t *testing.T, list []*peerplaypay.Thanks, err error) []string {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, th := range list {
		out = append(out, th.FromName+">"+th.ToName+":"+th.Reason)
	}
	return out
}

// TestAnswersThroughTheShare: Bob comments on Ada's stand-up at 0:02,
// offers help on its request, reacts and thanks her; Cy thanks Bob for the
// offer; each laptop sees exactly that, with Ada's activity; then an
// acceptance, a reply, an edit, a deletion and a withdrawal travel.
func TestAnswersThroughTheShare(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	loc := filepath.Join(t.TempDir(), "share")
	ada, bob, cy := newMember(t, "Ada"), newMember(t, "Bob"), newMember(t, "Cy")
	if _, err := ada.svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bob, loc)
	join(t, ada, cy, loc)
	adaID, _, _ := ada.svc.People(ctx)
	bobID, _, _ := bob.svc.People(ctx)
	log := helpLog(t, ada, "profiled checkout", "someone who knows the CDN")
	sync(t, ada, bob, cy)

	ref := peerRef(t, bob, ada, log.UID)
	at := int64(2000)
	b := answersOf(bob)
	comment, err := b.AddComment(ctx, peerplaypay.CommentInput{Log: ref, Text: "the p95 jump is the CDN miss", AtMs: &at})
	if err != nil {
		t.Fatal(err)
	}
	offer, err := b.OfferLogHelp(ctx, ref, "I set up the CDN rules last year")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.React(ctx, ref, "clap", true); err != nil {
		t.Fatal(err)
	}
	bobThanks, err := b.GiveThanks(ctx, peerplaypay.ThanksInput{To: adaID, Reason: "for the profile numbers",
		Link: &peerplaypay.ThanksLinkInput{Kind: peerplaypay.LinkLog, Log: &ref}})
	if err != nil {
		t.Fatal(err)
	}
	sync(t, bob, cy)
	cyOffer := logAnswers(t, cy, ref).Offers
	if len(cyOffer) != 1 || cyOffer[0].AuthorName != "Bob" {
		t.Fatalf("Cy sees the offers %+v", cyOffer)
	}
	if _, err := answersOf(cy).GiveThanks(ctx, peerplaypay.ThanksInput{To: bobID, Reason: "for offering the CDN help",
		Link: &peerplaypay.ThanksLinkInput{Kind: peerplaypay.LinkOffer, ID: cyOffer[0].ID}}); err != nil {
		t.Fatal(err)
	}
	sync(t, cy, ada, bob)

	for _, m := range []*member{ada, bob, cy} {
		la := logAnswers(t, m, peerplaypay.LogRef{Author: adaID, UID: log.UID})
		if len(la.Comments) != 1 || la.Comments[0].Text != "the p95 jump is the CDN miss" || la.Comments[0].AtMs == nil ||
			*la.Comments[0].AtMs != 2000 || la.Comments[0].AuthorName != "Bob" || la.Comments[0].Author != bobID {
			t.Errorf("%s sees the comments %+v", m.dir, la.Comments)
		}
		if len(la.Reactions) != 1 || la.Reactions[0].Reaction != "clap" || strings.Join(la.Reactions[0].Names, ",") != "Bob" {
			t.Errorf("%s sees the reactions %+v", m.dir, la.Reactions)
		}
		if len(la.Offers) != 1 || la.Offers[0].Text != "I set up the CDN rules last year" || la.Offers[0].Accepted {
			t.Errorf("%s sees the offers %+v", m.dir, la.Offers)
		}
		if len(la.Thanks) != 1 || la.Thanks[0].Reason != "for the profile numbers" {
			t.Errorf("%s sees the Thanks on the log %+v", m.dir, la.Thanks)
		}
		feed := thanksFeed(t, m)
		if strings.Join(feed, "|") != "Cy>Bob:for offering the CDN help|Bob>Ada:for the profile numbers" {
			t.Errorf("feed = %q", feed)
		}
	}
	if got := received(t, ada); strings.Join(got, "|") != "Bob>Ada:for the profile numbers" {
		t.Errorf("Ada received %q", got)
	}
	if got := received(t, bob); strings.Join(got, "|") != "Cy>Bob:for offering the CDN help" {
		t.Errorf("Bob received %q", got)
	}
	cyThanks, _ := answersOf(ada).ThanksFeed(ctx, 0)
	if l := cyThanks[0].Link; l == nil || l.Kind != "offer" || l.UID != offer.UID || cyThanks[0].LinkText != "I set up the CDN rules last year" {
		t.Errorf("Cy's Thanks links to %+v (%q); want Bob's offer", l, cyThanks[0].LinkText)
	}
	if got := strings.Join(activityKinds(t, ada), ","); got != "thanks:Bob,reaction:Bob,offer:Bob,comment:Bob" {
		t.Errorf("Ada's activity = %s", got)
	}
	if got := activityKinds(t, cy); len(got) != 0 {
		t.Errorf("Cy's activity = %q; nothing of hers was answered", got)
	}
	if n, _ := answersOf(ada).UnreadActivity(ctx); n != 4 {
		t.Errorf("Ada has %d unread; want 4", n)
	}
	if err := answersOf(ada).MarkActivityRead(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := answersOf(ada).UnreadActivity(ctx); n != 0 {
		t.Errorf("Ada has %d unread after marking all read", n)
	}

	// Help wanted: Ada's stand-up request beside goals', with Bob's offer.
	hw, err := answersOf(cy).HelpWanted(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(hw) != 1 || hw[0].Kind != "log" || hw[0].Need != "someone who knows the CDN" || hw[0].AuthorName != "Ada" || len(hw[0].Offers) != 1 {
		t.Fatalf("Cy's help wanted = %+v", hw)
	}

	// Ada accepts the offer and replies; Bob edits his comment.
	a := answersOf(ada)
	adaOffers := logAnswers(t, ada, peerplaypay.LogRef{UID: log.UID}).Offers
	if _, err := a.AcceptLogHelp(ctx, adaOffers[0].ID); err != nil {
		t.Fatal(err)
	}
	adaComment := logAnswers(t, ada, peerplaypay.LogRef{UID: log.UID}).Comments[0]
	if _, err := a.AddComment(ctx, peerplaypay.CommentInput{Log: peerplaypay.LogRef{UID: log.UID}, Text: "yes, let's pair", ReplyTo: adaComment.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.EditComment(ctx, comment.ID, "the p95 jump is the CDN cache miss"); err != nil {
		t.Fatal(err)
	}
	if err := b.WithdrawThanks(ctx, bobThanks.ID); err != nil {
		t.Fatal(err)
	}
	sync(t, ada, bob, cy, ada)
	for _, m := range []*member{ada, bob, cy} {
		la := logAnswers(t, m, peerplaypay.LogRef{Author: adaID, UID: log.UID})
		if len(la.Comments) != 1 || la.Comments[0].Text != "the p95 jump is the CDN cache miss" || la.Comments[0].EditedAt == "" ||
			len(la.Comments[0].Replies) != 1 || la.Comments[0].Replies[0].Text != "yes, let's pair" {
			t.Errorf("after the edit and reply: %+v", la.Comments)
		}
		if len(la.Offers) != 1 || !la.Offers[0].Accepted {
			t.Errorf("the offer is not accepted: %+v", la.Offers)
		}
		if len(la.Thanks) != 0 {
			t.Errorf("the withdrawn Thanks still shows: %+v", la.Thanks)
		}
	}
	if got := strings.Join(activityKinds(t, bob), ","); got != "reply:Ada,accepted:Ada,thanks:Cy" {
		t.Errorf("Bob's activity = %s", got)
	}
	if got := strings.Join(activityKinds(t, ada), ","); got != "reaction:Bob,offer:Bob,comment:Bob" {
		t.Errorf("Ada's activity after the withdrawal = %s", got)
	}

	// Bob deletes his comment: its place stays for Ada's reply.
	if err := b.DeleteComment(ctx, comment.ID); err != nil {
		t.Fatal(err)
	}
	sync(t, bob, ada, cy)
	for _, m := range []*member{ada, cy} {
		la := logAnswers(t, m, peerplaypay.LogRef{Author: adaID, UID: log.UID})
		if len(la.Comments) != 1 || !la.Comments[0].Deleted || la.Comments[0].Text != "" || len(la.Comments[0].Replies) != 1 {
			t.Errorf("after the deletion: %+v", la.Comments[0])
		}
	}
	if got := strings.Join(activityKinds(t, ada), ","); got != "reaction:Bob,offer:Bob" {
		t.Errorf("Ada's activity after the deletion = %s", got)
	}
}

// TestAnswersRefusedByWriter: the writer refuses what readers would, and
// writes nothing.
func TestAnswersRefusedByWriter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	loc := filepath.Join(t.TempDir(), "share")
	ada, bob := newMember(t, "Ada"), newMember(t, "Bob")
	if _, err := ada.svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada, bob, loc)
	adaID, _, _ := ada.svc.People(ctx)
	bobID, _, _ := bob.svc.People(ctx)
	log := helpLog(t, ada, "profiled", "")
	sync(t, ada, bob)
	ref := peerRef(t, bob, ada, log.UID)
	b := answersOf(bob)
	before := rows(t, bob, `SELECT count(*) FROM share_outbox`)

	for _, c := range []struct {
		name  string
		do    func() error
		words string
	}{
		{"self", func() error {
			_, err := b.GiveThanks(ctx, peerplaypay.ThanksInput{To: bobID, Reason: "me"})
			return err
		}, "cannot thank yourself"},
		{"empty reason", func() error {
			_, err := b.GiveThanks(ctx, peerplaypay.ThanksInput{To: adaID, Reason: "  "})
			return err
		}, "say what you thank them for"},
		{"stranger", func() error {
			_, err := b.GiveThanks(ctx, peerplaypay.ThanksInput{To: strings.Repeat("ab", 16), Reason: "x"})
			return err
		}, "not a member"},
		{"no help asked", func() error { _, err := b.OfferLogHelp(ctx, ref, "I can"); return err }, "asks for no help"},
		{"unknown reaction", func() error { _, err := b.React(ctx, ref, "poop", true); return err }, "not a reaction"},
		{"unknown log", func() error {
			_, err := b.AddComment(ctx, peerplaypay.CommentInput{Log: peerplaypay.LogRef{Author: adaID, UID: strings.Repeat("0", 32)}, Text: "hi"})
			return err
		}, "no such log"},
		{"beyond the recording", func() error {
			at := int64(-5)
			_, err := b.AddComment(ctx, peerplaypay.CommentInput{Log: ref, Text: "hi", AtMs: &at})
			return err
		}, "within the recording"},
	} {
		if err := c.do(); err == nil || !strings.Contains(peerplaypay.ErrorMessage(err), c.words) {
			t.Errorf("%s: %v; want an error saying %q", c.name, err, c.words)
		}
	}
	for i := range 3 {
		if _, err := b.GiveThanks(ctx, peerplaypay.ThanksInput{To: adaID, Reason: "thanks " + string(rune('a'+i))}); err != nil {
			t.Fatal(err)
		}
	}
	queued := rows(t, bob, `SELECT count(*) FROM share_outbox`)
	if _, err := b.GiveThanks(ctx, peerplaypay.ThanksInput{To: adaID, Reason: "a fourth"}); err == nil || !strings.Contains(err.Error(), "at most 3") {
		t.Errorf("a fourth Thanks in a day: %v", err)
	}
	if queued != before+3 || rows(t, bob, `SELECT count(*) FROM share_outbox`) != queued || rows(t, bob, `SELECT count(*) FROM thanks`) != 3 {
		t.Errorf("refusals queued or stored something: outbox %d -> %d, thanks %d", before, rows(t, bob, `SELECT count(*) FROM share_outbox`), rows(t, bob, `SELECT count(*) FROM thanks`))
	}
	// Ada's comment is hers alone to change.
	c, err := answersOf(ada).AddComment(ctx, peerplaypay.CommentInput{Log: peerplaypay.LogRef{UID: log.UID}, Text: "context: checkout"})
	if err != nil {
		t.Fatal(err)
	}
	sync(t, ada, bob)
	var bobsCopy int64
	for _, x := range logAnswers(t, bob, ref).Comments {
		bobsCopy = x.ID
	}
	if _, err := b.EditComment(ctx, bobsCopy, "mine now"); err == nil || !strings.Contains(err.Error(), "Ada's") {
		t.Errorf("Bob edits Ada's comment: %v", err)
	}
	if err := b.DeleteComment(ctx, bobsCopy); err == nil || !strings.Contains(err.Error(), "only its author") {
		t.Errorf("Bob deletes Ada's comment: %v", err)
	}
	_ = c
}

// forgeAnswer puts in m's outbox an event an honest client never writes,
// dated at (zero: now), straight into the table as a modified client
// would: none of the writer's rules, not even its clock, applies. The share
// signs it as m's.
func forgeAnswer(t *testing.T, m *member, kind string, at time.Time, data any) {
	t.Helper()
	raw, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if at.IsZero() {
		at = time.Now().UTC()
	}
	db, err := sqlOpen(m)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO share_outbox (id, kind, v, at, data, recipients) VALUES (?, ?, 1, ?, ?, '')`,
		peerplaypay.NewUID(), kind, at.UTC().Format(time.RFC3339Nano), string(raw)); err != nil {
		t.Fatal(err)
	}
}

func sqlOpen(m *member) (*sql.DB, error) {
	return sql.Open("sqlite", filepath.Join(m.dir, sqlite.FileName))
}

// TestForgedAnswersRefused: a modified client writes what the writer
// refuses; every reader refuses the batch, names its author, and applies
// nothing of it.
func TestForgedAnswersRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	uid := peerplaypay.NewUID
	// One team, copied for each forgery.
	loc := filepath.Join(t.TempDir(), "share")
	ada0, mal0, bea0 := newMember(t, "Ada"), newMember(t, "Mallory"), newMember(t, "Bea")
	if _, err := ada0.svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada0, mal0, loc)
	join(t, ada0, bea0, loc)
	adaID, _, _ := ada0.svc.People(ctx)
	malID, _, _ := mal0.svc.People(ctx)
	adaLog := helpLog(t, ada0, "profiled", "CDN")
	beaLog := helpLog(t, bea0, "wrote docs", "reviews")
	sync(t, ada0, bea0, mal0, ada0)
	// Ada's own answers, for the forgeries that name them.
	a := answersOf(ada0)
	top, err := a.AddComment(ctx, peerplaypay.CommentInput{Log: peerplaypay.LogRef{UID: adaLog.UID}, Text: "context"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddComment(ctx, peerplaypay.CommentInput{Log: peerplaypay.LogRef{UID: adaLog.UID}, Text: "more", ReplyTo: top.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.OfferLogHelp(ctx, peerRef(t, ada0, bea0, beaLog.UID), "I review docs"); err != nil {
		t.Fatal(err)
	}
	sync(t, ada0, bea0, mal0)
	if !beaNews(t, mal0) {
		t.Fatal("Bea's news did not reach Mallory before the attack")
	}
	for _, c := range []struct {
		name  string
		forge func(t *testing.T, ada, mal *member, adaID, malID, logUID string)
		words string
		held  bool
	}{
		{"SelfThanks", func(t *testing.T, ada, mal *member, adaID, malID, logUID string) {
			forgeAnswer(t, mal, "thanks.given", time.Time{}, peerplaypay.ThanksGivenData{UID: uid(), From: malID, To: malID, Reason: "me"})
		}, "nobody thanks themselves", false},
		{"EmptyReason", func(t *testing.T, ada, mal *member, adaID, malID, logUID string) {
			forgeAnswer(t, mal, "thanks.given", time.Time{}, peerplaypay.ThanksGivenData{UID: uid(), From: malID, To: adaID, Reason: " "})
		}, "says nothing of what it is for", false},
		{"ForgedGiver", func(t *testing.T, ada, mal *member, adaID, malID, logUID string) {
			forgeAnswer(t, mal, "thanks.given", time.Time{}, peerplaypay.ThanksGivenData{UID: uid(), From: adaID, To: malID, Reason: "from Ada, really"})
		}, "names Ada as the giver", false},
		{"OverTheCap", func(t *testing.T, ada, mal *member, adaID, malID, logUID string) {
			for range 4 {
				forgeAnswer(t, mal, "thanks.given", time.Time{}, peerplaypay.ThanksGivenData{UID: uid(), From: malID, To: adaID, Reason: "again"})
			}
		}, "Thanks number 4", false},
		{"LateEdit", func(t *testing.T, ada, mal *member, adaID, malID, logUID string) {
			given := time.Now().UTC().Add(-time.Hour)
			id := uid()
			forgeAnswer(t, mal, "thanks.given", given, peerplaypay.ThanksGivenData{UID: id, From: malID, To: adaID, Reason: "for the review"})
			forgeAnswer(t, mal, "thanks.edited", given.Add(11*time.Minute), peerplaypay.ThanksEditedData{UID: id, Reason: "for everything"})
		}, "fixed 10 minutes after", false},
		{"DatedBack", func(t *testing.T, ada, mal *member, adaID, malID, logUID string) {
			forgeAnswer(t, mal, "reaction.set", time.Time{}, peerplaypay.ReactionSetData{LogAuthor: adaID, LogUID: logUID, Reaction: "clap", On: true})
			forgeAnswer(t, mal, "thanks.given", time.Now().UTC().Add(-48*time.Hour), peerplaypay.ThanksGivenData{UID: uid(), From: malID, To: adaID, Reason: "old"})
		}, "never dated back", false},
		{"DatedAhead", func(t *testing.T, ada, mal *member, adaID, malID, logUID string) {
			forgeAnswer(t, mal, "thanks.given", time.Now().UTC().Add(26*time.Hour), peerplaypay.ThanksGivenData{UID: uid(), From: malID, To: adaID, Reason: "tomorrow's"})
		}, "ahead of this laptop's clock", true},
		{"UnknownReaction", func(t *testing.T, ada, mal *member, adaID, malID, logUID string) {
			forgeAnswer(t, mal, "reaction.set", time.Time{}, peerplaypay.ReactionSetData{LogAuthor: adaID, LogUID: logUID, Reaction: "poop", On: true})
		}, "is not one of", false},
		{"EditOthersComment", func(t *testing.T, ada, mal *member, adaID, malID, logUID string) {
			forgeAnswer(t, mal, "comment.edited", time.Time{}, peerplaypay.CommentEditedData{UID: adaCommentUID(t, ada), Text: "Ada says I'm great"})
		}, "edits Ada's comment", false},
		{"DeleteOthersComment", func(t *testing.T, ada, mal *member, adaID, malID, logUID string) {
			forgeAnswer(t, mal, "comment.deleted", time.Time{}, peerplaypay.CommentDeletedData{UID: adaCommentUID(t, ada)})
		}, "deletes Ada's comment", false},
		{"ReplyToReply", func(t *testing.T, ada, mal *member, adaID, malID, logUID string) {
			forgeAnswer(t, mal, "comment.added", time.Time{}, peerplaypay.CommentAddedData{UID: uid(), LogAuthor: adaID, LogUID: logUID,
				ReplyAuthor: adaID, ReplyUID: adaReplyUID(t, ada), Text: "deeper"})
		}, "replies to a reply", false},
		{"AcceptOthersOffer", func(t *testing.T, ada, mal *member, adaID, malID, logUID string) {
			forgeAnswer(t, mal, "help.accepted", time.Time{}, peerplaypay.HelpAccepted{OfferAuthor: adaID, OfferUID: adaOfferUID(t, ada), At: time.Now().UTC()})
		}, "only a log's author accepts", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, team := cloneTeam(t, loc, ada0, mal0, bea0)
			ada, mal, bea := team[0], team[1], team[2]
			c.forge(t, ada, mal, adaID, malID, adaLog.UID)
			before := rows(t, bea, `SELECT count(*) FROM share_events WHERE author = ?`, malID)
			if _, err := mal.svc.Sync(ctx, nil); err != nil {
				t.Fatal(err)
			}
			beaNews(t, ada)
			for _, reader := range []*member{bea, ada} {
				sum, err := reader.svc.Sync(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				if len(sum.Problems) != 1 || !strings.HasPrefix(sum.Problems[0], "Mallory: ") || !strings.Contains(sum.Problems[0], c.words) {
					t.Fatalf("problems = %q; want one naming Mallory and saying %q", sum.Problems, c.words)
				}
				if c.held != strings.Contains(sum.Problems[0], "waits") {
					t.Errorf("held %v, problem %q", c.held, sum.Problems[0])
				}
			}
			if n := rows(t, bea, `SELECT count(*) FROM share_events WHERE author = ?`, malID); n != before {
				t.Errorf("Bea applied %d of Mallory's forged events", n-before)
			}
			for _, q := range []string{`SELECT count(*) FROM thanks WHERE author = ?`, `SELECT count(*) FROM reactions WHERE author = ?`,
				`SELECT count(*) FROM comments WHERE author = ?`, `SELECT count(*) FROM activity WHERE actor = ?`} {
				if n := rows(t, ada, q, malID); n != 0 {
					t.Errorf("%s: %d of Mallory's rows at Ada's", q, n)
				}
			}
			la := logAnswers(t, ada, peerplaypay.LogRef{UID: adaLog.UID})
			if len(la.Comments) != 1 || la.Comments[0].Text != "context" || len(la.Comments[0].Replies) != 1 || la.Comments[0].Replies[0].Text != "more" {
				t.Errorf("Ada's comments after the forgery: %+v", la.Comments)
			}
		})
	}
}

// beaNews reports whether m applied anything (a sanity check that the
// honest chain moves while the forger's stops).
func beaNews(t *testing.T, m *member) bool {
	t.Helper()
	return rows(t, m, `SELECT count(*) FROM peer_logs`) > 0
}

func adaCommentUID(t *testing.T, ada *member) string {
	return oneUID(t, ada, `SELECT uid FROM comments WHERE author = '' AND reply_uid = ''`)
}
func adaReplyUID(t *testing.T, ada *member) string {
	return oneUID(t, ada, `SELECT uid FROM comments WHERE author = '' AND reply_uid <> ''`)
}
func adaOfferUID(t *testing.T, ada *member) string {
	return oneUID(t, ada, `SELECT uid FROM goal_help_offers WHERE author = ''`)
}
func oneUID(t *testing.T, m *member, q string) string {
	t.Helper()
	db, err := sqlOpen(m)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s string
	if err := db.QueryRow(q).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

package teamsync

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// TestSessionChecker: every rule of §11.12, against a real store holding
// Ada's item; one batch at a time, as a reader meets them.
func TestSessionChecker(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	store := sqlite.NewShareStore(db)
	ada, mal, gone := strings.Repeat("a", 32), strings.Repeat("b", 32), strings.Repeat("c", 32)
	const day = "2026-12-07"
	adaItem, adaExp, adaComment := peerplaypay.NewUID(), peerplaypay.NewUID(), peerplaypay.NewUID()
	event := func(kind string, data any) peerplaypay.ShareEvent {
		raw, _ := json.Marshal(data)
		return peerplaypay.ShareEvent{ID: peerplaypay.NewUID(), Kind: kind, V: 1, At: time.Now().UTC(), Data: raw}
	}
	if _, err := store.ApplyBatch(ctx, ada, peerplaypay.SharePosition{Seq: 1, Hash: strings.Repeat("0", 64)}, []peerplaypay.ShareEvent{
		event(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: adaItem, Session: day, Part: 0, Text: "Ada's moment"}),
		event(peerplaypay.EventExperimentSet, peerplaypay.ExperimentData{UID: adaExp, Session: day, Hypothesis: "h", Owner: ada, Measure: "m", EndDay: "2027-01-01"}),
		event(peerplaypay.EventSessionComment, peerplaypay.SessionCommentData{UID: adaComment, Item: peerplaypay.ItemRef{Author: ada, UID: adaItem}, Text: "Ada's comment"}),
	}); err != nil {
		t.Fatal(err)
	}
	members := map[string]bool{ada: true, mal: true}
	names := map[string]string{ada: "Ada", mal: "Mallory"}
	adaRef := peerplaypay.ItemRef{Author: ada, UID: adaItem}
	uid := peerplaypay.NewUID
	item := func(part int, text string) peerplaypay.ShareEvent {
		return event(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: uid(), Session: day, Part: part, Text: text})
	}
	for _, c := range []struct {
		name  string
		batch []peerplaypay.ShareEvent
		want  string // "" when the batch passes
	}{
		{"GoodItem", []peerplaypay.ShareEvent{item(4, "a story")}, ""},
		{"PartTooHigh", []peerplaypay.ShareEvent{item(5, "x")}, "part 5"},
		{"PartNegative", []peerplaypay.ShareEvent{item(-1, "x")}, "part -1"},
		{"EmptyItem", []peerplaypay.ShareEvent{item(0, "  ")}, "is empty"},
		{"LongItem", []peerplaypay.ShareEvent{item(0, strings.Repeat("ж", 501))}, "over 500"},
		{"BadDay", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: uid(), Session: "2026-13-01", Part: 0, Text: "x"})}, "not a day"},
		{"BadUID", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: "../x", Session: day, Part: 0, Text: "x"})}, "not a uid"},
		{"EditOthersItem", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: adaItem, Session: day, Part: 0, Text: "mine now"})}, "edits Ada's session item"},
		{"DeleteOthersItem", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionItemDeleted, peerplaypay.SessionItemDeletedData{UID: adaItem})}, "deletes Ada's session item"},
		{"EditAfterDelete", func() []peerplaypay.ShareEvent {
			u := uid()
			return []peerplaypay.ShareEvent{
				event(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: u, Session: day, Part: 0, Text: "x"}),
				event(peerplaypay.EventSessionItemDeleted, peerplaypay.SessionItemDeletedData{UID: u}),
				event(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: u, Session: day, Part: 0, Text: "back"}),
			}
		}(), "it deleted"},
		// Parts named by id (the team's parts, §11.11).
		{"GoodPartID", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: uid(), Session: day, Part: 0, PartID: "stories", Text: "x"})}, ""},
		// A part the reader's settings do not have (dropped, or added by a
		// change in a chain not read yet) is kept, and shown nowhere.
		{"UnknownPartIDKept", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: uid(), Session: day, Part: 2, PartID: "dropped-part", Text: "x"})}, ""},
		{"PartIDNotAnID", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: uid(), Session: day, Part: 0, PartID: "../x", Text: "x"})}, "is not an id"},
		{"PartIDLong", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: uid(), Session: day, Part: 0, PartID: strings.Repeat("a", 25), Text: "x"})}, "is not an id"},
		{"PartIndexAbsurd", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionItem, peerplaypay.SessionItemData{UID: uid(), Session: day, Part: 4000, PartID: "stories", Text: "x"})}, "at most 10 parts"},
		{"NotePartIDNotAnID", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionNote, peerplaypay.SessionNoteData{UID: uid(), Rev: uid(), Session: day, Part: 0, PartID: "A B", Kind: "note", Text: "x"})}, "is not an id"},
		{"DotOtherPartID", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionVote, peerplaypay.SessionVoteData{Session: day, Part: 0, PartID: "stories", Dots: []peerplaypay.ItemRef{adaRef}})}, "another part"},
		{"DotSamePartByID", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionVote, peerplaypay.SessionVoteData{Session: day, Part: 3, PartID: "moments", Dots: []peerplaypay.ItemRef{adaRef}})}, ""},
		// Comments on items: only their author edits or deletes them.
		{"EditOthersComment", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionCommentEdit, peerplaypay.SessionCommentEditData{UID: adaComment, Text: "Ada was wrong"})}, "edits Ada's session comment"},
		{"DeleteOthersComment", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionCommentDel, peerplaypay.SessionCommentDeletedData{UID: adaComment})}, "deletes Ada's session comment"},
		{"EditOwnComment", func() []peerplaypay.ShareEvent {
			u := uid()
			return []peerplaypay.ShareEvent{
				event(peerplaypay.EventSessionComment, peerplaypay.SessionCommentData{UID: u, Item: adaRef, Text: "first"}),
				event(peerplaypay.EventSessionCommentEdit, peerplaypay.SessionCommentEditData{UID: u, Text: "second"}),
				event(peerplaypay.EventSessionCommentDel, peerplaypay.SessionCommentDeletedData{UID: u}),
			}
		}(), ""},
		{"EditCommentAfterDelete", func() []peerplaypay.ShareEvent {
			u := uid()
			return []peerplaypay.ShareEvent{
				event(peerplaypay.EventSessionComment, peerplaypay.SessionCommentData{UID: u, Item: adaRef, Text: "first"}),
				event(peerplaypay.EventSessionCommentDel, peerplaypay.SessionCommentDeletedData{UID: u}),
				event(peerplaypay.EventSessionCommentEdit, peerplaypay.SessionCommentEditData{UID: u, Text: "back"}),
			}
		}(), "edits a session comment it deleted"},
		{"EditCommentEmpty", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionCommentEdit, peerplaypay.SessionCommentEditData{UID: uid(), Text: " "})}, "is empty"},
		{"EditCommentLong", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionCommentEdit, peerplaypay.SessionCommentEditData{UID: uid(), Text: strings.Repeat("x", 2001)})}, "over 2000"},
		{"EditCommentBadUID", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionCommentDel, peerplaypay.SessionCommentDeletedData{UID: "../x"})}, "not a uid"},
		{"GoodVote", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionVote, peerplaypay.SessionVoteData{Session: day, Part: 0, Dots: []peerplaypay.ItemRef{adaRef, adaRef, adaRef}})}, ""},
		{"FourDots", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionVote, peerplaypay.SessionVoteData{Session: day, Part: 0, Dots: []peerplaypay.ItemRef{adaRef, adaRef, adaRef, adaRef}})}, "4 dots"},
		{"DotOtherPart", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionVote, peerplaypay.SessionVoteData{Session: day, Part: 1, Dots: []peerplaypay.ItemRef{adaRef}})}, "another part"},
		{"DotOfRemoved", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionVote, peerplaypay.SessionVoteData{Session: day, Part: 0, Dots: []peerplaypay.ItemRef{{Author: gone, UID: uid()}}})}, "no member"},
		{"VotePartTooHigh", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionVote, peerplaypay.SessionVoteData{Session: day, Part: 9})}, "part 9"},
		{"CommentOnStranger", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionComment, peerplaypay.SessionCommentData{UID: uid(), Item: peerplaypay.ItemRef{Author: gone, UID: uid()}, Text: "hi"})}, "no member"},
		{"LongComment", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionComment, peerplaypay.SessionCommentData{UID: uid(), Item: adaRef, Text: strings.Repeat("x", 2001)})}, "over 2000"},
		{"NoteKind", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionNote, peerplaypay.SessionNoteData{UID: uid(), Rev: uid(), Session: day, Part: 0, Kind: "order", Text: "x"})}, "not note or decision"},
		{"NoteRevReused", func() []peerplaypay.ShareEvent {
			r := uid()
			n := peerplaypay.SessionNoteData{UID: uid(), Rev: r, Session: day, Part: 0, Kind: "note", Text: "x"}
			return []peerplaypay.ShareEvent{event(peerplaypay.EventSessionNote, n), event(peerplaypay.EventSessionNote, n)}
		}(), "uid already used"},
		{"ExperimentOwner", []peerplaypay.ShareEvent{event(peerplaypay.EventExperimentSet, peerplaypay.ExperimentData{UID: uid(), Session: day, Hypothesis: "h", Owner: gone, Measure: "m", EndDay: "2027-01-01"})}, "owner"},
		{"ExperimentFromMoment", []peerplaypay.ShareEvent{event(peerplaypay.EventExperimentSet, peerplaypay.ExperimentData{UID: uid(), Session: day, Item: &adaRef, Hypothesis: "h", Owner: mal, Measure: "m", EndDay: "2027-01-01"})}, "outside the experiments' part"},
		{"ChangeOthersExperiment", []peerplaypay.ShareEvent{event(peerplaypay.EventExperimentSet, peerplaypay.ExperimentData{UID: adaExp, Session: day, Hypothesis: "h2", Owner: mal, Measure: "m", EndDay: "2027-01-01"})}, "changes Ada's experiment"},
		{"OutcomeResult", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionOutcome, peerplaypay.SessionOutcomeData{Of: "experiment", Target: peerplaypay.ItemRef{Author: ada, UID: adaExp}, Session: day, Result: "great"})}, "not worked, failed or learned"},
		{"GoodOutcome", []peerplaypay.ShareEvent{event(peerplaypay.EventSessionOutcome, peerplaypay.SessionOutcomeData{Of: "experiment", Target: peerplaypay.ItemRef{Author: ada, UID: adaExp}, Session: day, Result: "learned", Note: "n"})}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			ch := newSessionChecker(store, mal, func(id string) bool { return members[id] }, func(id string) string { return names[id] })
			why := ""
			for _, e := range c.batch {
				w, err := ch.check(ctx, e)
				if err != nil {
					t.Fatal(err)
				}
				if w != "" {
					why = w
					break
				}
			}
			if (c.want == "") != (why == "") || !strings.Contains(why, c.want) {
				t.Fatalf("check says %q; want %q", why, c.want)
			}
		})
	}
}

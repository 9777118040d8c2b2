// Package history writes days of a team's stand-ups into a share, one
// batch a day per member, through the share package with each member's
// own identity: what a long-lived team's share holds, made in seconds.
package history

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
	"peerplaypay/internal/share/backend"
)

// Write writes, for each member whose data folder is in dirs, days
// batches ending yesterday, after the batches the member's app wrote (an
// approval sends one). Each day a member answers the previous member's log
// of that day; dirs[0] is the member who approved the others.
func Write(ctx context.Context, be backend.Backend, dirs []string, days int) error {
	team, err := share.TeamInShare(ctx, be)
	if err != nil {
		return err
	}
	r, err := share.FetchRoster(ctx, be, team)
	if err != nil {
		return err
	}
	// Every member's log uids and IDs first: each day a member answers
	// the previous member's log of that day.
	ids := make([]*share.Identity, len(dirs))
	for i, d := range dirs {
		if ids[i], err = share.LoadIdentity(d); err != nil {
			return err
		}
	}
	uids := make([][]string, len(dirs))
	for i := range dirs {
		for range days {
			uids[i] = append(uids[i], peerplaypay.NewUID())
		}
	}
	errs := make([]error, len(dirs))
	var wg sync.WaitGroup
	for i := range dirs {
		wg.Go(func() {
			id := ids[i]
			t, err := share.OpenTeam(ctx, be, id, r.Team, r.Genesis, r.Versions())
			if err != nil {
				errs[i] = err
				return
			}
			pos, err := t.RecoverPosition(ctx)
			if err != nil {
				errs[i] = err
				return
			}
			prev := (i + len(dirs) - 1) % len(dirs)
			peer := ids[prev].MemberID().String()
			first := time.Now().UTC().AddDate(0, 0, -days)
			for day := range days {
				// The approver's chain already holds today's roster.changed,
				// and readers refuse a Thanks dated before an earlier event
				// of its author: her past days carry none.
				events := Day(first.AddDate(0, 0, day), day, id.MemberID().String(), uids[i][day], peer, uids[prev][day], i != 0)
				sb, err := t.SealBatch(pos, events)
				if err == nil {
					err = t.PutBatch(ctx, sb)
				}
				if err != nil {
					errs[i] = err
					return
				}
				pos = sb.Position()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Day is one member's batch of a day: a text log (asking for help every
// seventh day), and answers to a peer's log of that day: a comment at a
// moment, a reaction, a Thanks for it, and on every seventh day an offer
// of help.
func Day(at time.Time, day int, me, uid, peer, peerUID string, thanks bool) []share.Event {
	ev := func(kind string, data any) share.Event {
		raw, _ := json.Marshal(data)
		return share.Event{ID: share.NewEventID(), Kind: kind, V: 1, At: at, Data: raw}
	}
	help := ""
	if day%7 == 0 {
		help = "a second pair of eyes on the importer"
	}
	atMs := int64(2000)
	events := []share.Event{
		ev(share.KindLogPublished, peerplaypay.LogPublished{UID: uid, Day: at.Format(time.DateOnly), Kind: peerplaypay.LogText,
			Table:     peerplaypay.LogTable{Done: fmt.Sprintf("Day %d: reviewed two pull requests and paired on the parser", day), Next: "Finish the importer", HelpNeeded: help, Mood: 4},
			CreatedAt: at}),
		ev(share.KindCommentAdded, peerplaypay.CommentAddedData{UID: peerplaypay.NewUID(), LogAuthor: peer, LogUID: peerUID, AtMs: &atMs, Text: "the parser change reads well"}),
		ev(share.KindReactionSet, peerplaypay.ReactionSetData{LogAuthor: peer, LogUID: peerUID, Reaction: "clap", On: true}),
	}
	if thanks {
		events = append(events, ev(share.KindThanksGiven, peerplaypay.ThanksGivenData{UID: peerplaypay.NewUID(), From: me, To: peer, Reason: "for pairing on the parser",
			Link: &peerplaypay.ThanksLink{Kind: peerplaypay.LinkLog, Author: peer, UID: peerUID}}))
	}
	if day%7 == 0 {
		events = append(events, ev(share.KindHelpOffered, peerplaypay.LogHelpOffered{UID: peerplaypay.NewUID(), LogAuthor: peer, LogUID: peerUID, Text: "I can review the importer", At: at}))
	}
	return events
}

// Events is how many events the days of history of a member other than
// the approver hold.
func Events(days int) int {
	return 4*days + (days+6)/7
}

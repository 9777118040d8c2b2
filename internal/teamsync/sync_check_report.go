package teamsync

import (
	"context"
	"encoding/json"
	"fmt"

	"peerplaypay/internal/peerplaypay"
)

// reportChecker checks a peer's report events by the rules the writer
// keeps (PROTOCOL.md §11.13), against what this reader holds and what came
// before in the same batch. A modified client writes what it likes: a
// report in another member's name, a tombstone of another member's report,
// a page of megabytes, a period that is no period. Any of those refuses the
// batch, naming its author (§11.3). The author is the batch's, which §11.2
// has already checked is a member at that point of the roster: a removed
// member's events after its removal never reach this.
type reportChecker struct {
	facts  peerplaypay.ReportFacts
	author string
	name   func(id string) string
	uids   map[string]bool // shared by the author in this batch
}

func newReportChecker(facts peerplaypay.ReportFacts, author string, name func(string) string) *reportChecker {
	return &reportChecker{facts: facts, author: author, name: name, uids: map[string]bool{}}
}

func (c *reportChecker) who(id string) string {
	return memberCalled(c.name, id)
}

// otherHolder is a member other than the author who holds a report with
// uid ("" when none does).
func (c *reportChecker) otherHolder(ctx context.Context, uid string) (string, error) {
	if c.uids[uid] {
		return "", nil
	}
	authors, err := c.facts.ReportUIDAuthors(ctx, uid)
	if err != nil {
		return "", err
	}
	for _, a := range authors {
		if a != c.author {
			return a, nil
		}
	}
	return "", nil
}

// check says what is wrong with e ("" when nothing is).
func (c *reportChecker) check(ctx context.Context, e peerplaypay.ShareEvent) (string, error) {
	switch e.Kind {
	case peerplaypay.EventReportShared:
		var d peerplaypay.ReportShared
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		if d.Author != c.author {
			return fmt.Sprintf("it shares a report in the name of %s: a report is shared only by its author", c.who(d.Author)), nil
		}
		if why := peerplaypay.CheckReportShared(d, e.At); why != "" {
			return why, nil
		}
		other, err := c.otherHolder(ctx, d.UID)
		if err != nil || other != "" {
			if other != "" {
				return fmt.Sprintf("it shares a report under the uid of %s's report", c.who(other)), err
			}
			return "", err
		}
		c.uids[d.UID] = true
	case peerplaypay.EventReportUnshared:
		var d peerplaypay.ReportUnshared
		if json.Unmarshal(e.Data, &d) != nil {
			return "", nil
		}
		if !peerplaypay.IsUID(d.UID) {
			return fmt.Sprintf("the report's uid %s is not a uid", quoted(d.UID)), nil
		}
		other, err := c.otherHolder(ctx, d.UID)
		if err != nil {
			return "", err
		}
		if other != "" {
			return fmt.Sprintf("it takes back %s's report: only a report's author takes it back", c.who(other)), nil
		}
	}
	return "", nil
}

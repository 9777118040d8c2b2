package peerplaypay

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"peerplaypay/internal/report"
)

// A contribution report is the member's own: written on this laptop from
// the member's data, and sent to the team only when the member shares it
// (PROTOCOL.md §11.13). A peer's copy is what its author chose to send,
// word for word; nobody can write another member's report from data that
// member did not share.
const (
	EventReportShared   = "report.shared"   // the author's report, as they saw and shared it
	EventReportUnshared = "report.unshared" // tombstone: the author takes the report back
)

// Limits of a shared report, the same for the writer and every reader.
const (
	MaxReportSections  = 10
	MaxReportTitle     = 100
	MaxReportParagraph = 5000    // one sentence of the narrative, members' quotes included
	MaxReportText      = 400_000 // all the paragraphs together, in characters
	MaxReportWords     = 5000    // the member's own words
)

// ReportShared is the data of report.shared (v1): the whole report. A
// report shared again (new words) replaces the copy of the same uid.
type ReportShared struct {
	UID      string           `json:"uid"`
	Author   string           `json:"author"` // the sharer's member ID: the batch's author
	From     string           `json:"from"`
	To       string           `json:"to"`
	Sections []report.Section `json:"sections"`
	Words    string           `json:"words"`
}

// ReportUnshared is the data of report.unshared (v1).
type ReportUnshared struct {
	UID string `json:"uid"`
}

// CheckReportShared says what is wrong with a shared report whose event
// is dated at ("" when nothing is): every limit a writer keeps, for the
// writer before it queues it and for every reader before applying it.
func CheckReportShared(d ReportShared, at time.Time) string {
	if !IsUID(d.UID) {
		return fmt.Sprintf("the report's uid %q is not a uid", d.UID)
	}
	p := report.Period{From: d.From, To: d.To}
	if why := p.Check(); why != "" {
		return why
	}
	// A report tells what happened: a period starting after the day it
	// was shared (a day's grace for time zones) is no report.
	if !at.IsZero() && d.From > at.UTC().AddDate(0, 0, 1).Format(time.DateOnly) {
		return fmt.Sprintf("the period starts on %s, after the report was shared", d.From)
	}
	if len(d.Sections) > MaxReportSections {
		return fmt.Sprintf("the report has %d sections, over %d", len(d.Sections), MaxReportSections)
	}
	total := 0
	for _, s := range d.Sections {
		if why := CheckText("section's title", s.Title, MaxReportTitle, true); why != "" {
			return why
		}
		for _, p := range s.Paragraphs {
			if why := CheckText("report's paragraph", p, MaxReportParagraph, true); why != "" {
				return why
			}
			total += utf8.RuneCountInString(p)
		}
	}
	if total > MaxReportText {
		return fmt.Sprintf("the report is %d characters long, over %d", total, MaxReportText)
	}
	return CheckText("report's own words", d.Words, MaxReportWords, false)
}

// SharedReport is a report as a list shows it: the member's own or one a
// teammate shared.
type SharedReport struct {
	ID         int64         `json:"id"` // local
	UID        string        `json:"uid"`
	Author     string        `json:"author"`
	AuthorName string        `json:"authorName"`
	Mine       bool          `json:"mine"`
	Shared     bool          `json:"shared"`
	SharedAt   string        `json:"sharedAt,omitempty"`
	Report     report.Report `json:"report"`
}

// ReportFacts is what a reader checks peers' report events against.
type ReportFacts interface {
	// ReportUIDAuthors returns who holds a report with uid (this member
	// included).
	ReportUIDAuthors(ctx context.Context, uid string) ([]string, error)
}

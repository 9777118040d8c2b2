package peerplaypay

import (
	"context"
	"time"
)

// PeerLogFilter selects peers' logs for the inbox, a search, or the CLI.
// Zero values select everything.
type PeerLogFilter struct {
	Unwatched  bool   `json:"unwatched"`
	HelpNeeded bool   `json:"helpNeeded"` // logs whose "Where I need help" is filled in
	Author     string `json:"author"`     // a member's hex ID
	From       string `json:"from"`       // first day, YYYY-MM-DD
	To         string `json:"to"`         // last day, YYYY-MM-DD
	Query      string `json:"query"`      // words to find in the table
	Limit      int    `json:"limit"`      // default 200, at most MaxPeerLogsPage
	Offset     int    `json:"offset"`
}

// MaxPeerLogsPage bounds one page of peers' logs: a year of a team of
// seven fits in two.
const MaxPeerLogsPage = 2000

// Validate checks the dates and bounds and applies defaults.
func (f *PeerLogFilter) Validate() error {
	for _, d := range []struct{ field, s string }{{"from", f.From}, {"to", f.To}} {
		if d.s == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.s); err != nil {
			return FieldErrorf(d.field, "The date %q is not a date like 2026-11-23.", d.s)
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return FieldErrorf("to", "The end date is before the start date.")
	}
	if f.Limit <= 0 {
		f.Limit = 200
	} else if f.Limit > MaxPeerLogsPage {
		f.Limit = MaxPeerLogsPage
	}
	f.Offset = max(f.Offset, 0)
	return nil
}

// PeerLogCounts are what waits in the inbox.
type PeerLogCounts struct {
	Unwatched int `json:"unwatched"`
	// HelpNeeded counts the unwatched logs that ask for help.
	HelpNeeded int `json:"helpNeeded"`
}

// PeerLogService is the inbox of peers' logs: what the member watched of
// them, kept on this laptop only.
type PeerLogService interface {
	// FindPeerLogs returns the matching logs, unwatched first, then newest
	// first, and how many match.
	FindPeerLogs(ctx context.Context, f PeerLogFilter) ([]*PeerLog, int, error)
	PeerLogCounts(ctx context.Context) (PeerLogCounts, error)
	// SetPeerLogWatched marks a log watched (its position goes back to the
	// start) or not.
	SetPeerLogWatched(ctx context.Context, id int64, watched bool) (*PeerLog, error)
	// SavePeerLogPosition keeps where the member stopped in a recording.
	SavePeerLogPosition(ctx context.Context, id int64, positionMs int64) error
}

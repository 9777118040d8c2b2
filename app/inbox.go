package app

import (
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/teamsync"
)

// EventInboxFetch reports a recording downloaded on demand: InboxFetch.
const EventInboxFetch = "inbox:fetch"

// Settings keys of the player, the member's own.
const (
	SettingPlayerSpeed = "player.speed"
	SettingSkipSilence = "player.skipSilence"
)

// Inbox is bound to the frontend: catching up on the peers' stand-ups. What
// the member watched, and where they stopped, stays on this laptop.
type Inbox struct {
	app *App
}

// NewInbox returns the Inbox facade of a.
func NewInbox(a *App) *Inbox { return &Inbox{app: a} }

// InboxPage is one page of the inbox with what waits in it.
type InboxPage struct {
	Logs   []*peerplaypay.PeerLog    `json:"logs"`
	Total  int                       `json:"total"`
	Counts peerplaypay.PeerLogCounts `json:"counts"`
	// Peers are the team's members but this one, for the person filter.
	Peers []teamsync.Peer `json:"peers"`
	// InTeam is false before this laptop is in a team: the inbox then says
	// how to get one.
	InTeam bool `json:"inTeam"`
}

// InboxFetch is the progress of a recording downloaded on demand.
type InboxFetch struct {
	ID         int64 `json:"id"`
	Bytes      int64 `json:"bytes"`
	TotalBytes int64 `json:"totalBytes"`
}

// PlayerPrefs are the player's settings, remembered across logs and starts.
type PlayerPrefs struct {
	Speed       float64 `json:"speed"` // 1, 1.5 or 2
	SkipSilence bool    `json:"skipSilence"`
}

// SearchFilter selects logs in a search across the member's own tables and
// the peers'.
type SearchFilter struct {
	Query string `json:"query"`
	// Person is "" for everyone, "me" for the member's own logs, or a
	// peer's member ID.
	Person string `json:"person"`
	From   string `json:"from"`
	To     string `json:"to"`
	Limit  int    `json:"limit"` // default 50, at most 200
}

// SearchHit is one log a search found: the member's own (Mine) or a
// peer's; ID is the log's in its own list.
type SearchHit struct {
	Mine       bool                  `json:"mine"`
	ID         int64                 `json:"id"`
	Author     string                `json:"author"`
	AuthorName string                `json:"authorName"`
	Day        string                `json:"day"`
	Kind       peerplaypay.LogKind   `json:"kind" ts_type:"'video' | 'audio' | 'text'"`
	DurationMs int64                 `json:"durationMs"`
	Table      peerplaypay.LogTable  `json:"table"`
	Match      *peerplaypay.LogMatch `json:"match"`
	CreatedAt  time.Time             `json:"createdAt" ts_type:"string"`
}

// TeamDay is how a peer's day stands, for the line on Today.
type TeamDay struct {
	Member string `json:"member"`
	Name   string `json:"name"`
	// Logs they shared today, and how many of them are unwatched.
	Logs      int `json:"logs"`
	Unwatched int `json:"unwatched"`
	// HelpNeeded is what they need help with today, "" when nothing.
	HelpNeeded string `json:"helpNeeded"`
	// LogID is their newest log of today, 0 when none.
	LogID int64 `json:"logId"`
}

// Logs returns the peers' logs f selects, unwatched first, then newest
// first, with the counts of what waits.
func (i *Inbox) Logs(f peerplaypay.PeerLogFilter) (InboxPage, error) {
	svc, err := i.app.services()
	if err != nil {
		return InboxPage{}, toUser(i.app.log, "inbox", err)
	}
	started := time.Now()
	page := InboxPage{Logs: []*peerplaypay.PeerLog{}, Peers: []teamsync.Peer{}}
	if c, err := svc.shareStore.TeamConfig(svc.ctx); err != nil {
		return page, toUser(i.app.log, "inbox", err)
	} else if c == nil || (c.State != peerplaypay.TeamMember && c.State != peerplaypay.TeamRemoved) {
		return page, nil
	}
	page.InTeam = true
	page.Logs, page.Total, err = svc.team.Inbox(svc.ctx, svc.shareStore, f)
	for _, l := range page.Logs {
		// A map is 1.8 kB for 3 minutes: the list needs those of the
		// logs still to watch (the time to catch up, play all); a watched
		// one's comes with it when it is opened.
		if l.Watched {
			l.Loudness = ""
		}
	}
	if err == nil {
		page.Counts, err = svc.shareStore.PeerLogCounts(svc.ctx)
	}
	if err != nil {
		return page, toUser(i.app.log, "inbox", err)
	}
	page.Peers = svc.team.Peers(svc.ctx)
	i.app.log.Debug("inbox", "logs", len(page.Logs), "total", page.Total, "unwatched", page.Counts.Unwatched, "ms", time.Since(started).Milliseconds())
	return page, nil
}

// Counts returns what waits in the inbox, for the sidebar's badge.
func (i *Inbox) Counts() (peerplaypay.PeerLogCounts, error) {
	svc, err := i.app.services()
	if err != nil {
		return peerplaypay.PeerLogCounts{}, toUser(i.app.log, "inbox", err)
	}
	c, err := svc.shareStore.PeerLogCounts(svc.ctx)
	return c, toUser(i.app.log, "inbox", err)
}

// Log returns one peer's log, with its author's name; MediaPath is "" when
// its recording is not on this laptop.
func (i *Inbox) Log(id int64) (*peerplaypay.PeerLog, error) {
	svc, err := i.app.services()
	if err != nil {
		return nil, toUser(i.app.log, "peer's log", err)
	}
	l, err := svc.shareStore.PeerLog(svc.ctx, id)
	if err != nil {
		return nil, toUser(i.app.log, "peer's log", err)
	}
	return i.complete(svc, l), nil
}

func (i *Inbox) complete(svc services, l *peerplaypay.PeerLog) *peerplaypay.PeerLog {
	l.AuthorName = svc.team.MemberNames(svc.ctx)[l.Author]
	if l.MediaPath != "" && !teamsync.PeerMediaHere(svc.dataDir, l.MediaPath) {
		l.MediaPath = ""
	}
	if l.Kind == peerplaypay.LogVideo && l.MediaPath != "" {
		l.Codec = peerMediaCodec(svc.dataDir, l.MediaPath)
	}
	return l
}

// peerMediaCodec reads the video codec from the header of a peer's
// downloaded recording: what the window is asked to decode, whatever the
// log's event declared. A codec this version does not know keeps its
// Matroska name ("V_AV1" is "av1") for the window's sentence.
func peerMediaCodec(dataDir, rel string) peerplaypay.VideoCodec {
	root, err := os.OpenRoot(dataDir)
	if err != nil {
		return ""
	}
	defer root.Close()
	fi, err := media.ProbeIn(root, filepath.FromSlash(rel))
	if err != nil || !fi.HasVideo {
		return ""
	}
	if c := peerplaypay.CodecOfTrack(fi.VideoCodec); c != "" {
		return c
	}
	c := peerplaypay.VideoCodec(strings.ToLower(strings.TrimPrefix(fi.VideoCodec, "V_")))
	if peerplaypay.CheckCodecName(c) != "" {
		return "unknown"
	}
	return c
}

// SetWatched marks a peer's log watched (or read), or not.
func (i *Inbox) SetWatched(id int64, watched bool) (*peerplaypay.PeerLog, error) {
	svc, err := i.app.services()
	if err != nil {
		return nil, toUser(i.app.log, "mark watched", err)
	}
	l, err := svc.shareStore.SetPeerLogWatched(svc.ctx, id, watched)
	if err != nil {
		return nil, toUser(i.app.log, "mark watched", err)
	}
	i.app.log.Info("peer log watched", "log", id, "watched", watched)
	return i.complete(svc, l), nil
}

// SavePosition keeps where the member stopped in a peer's recording.
func (i *Inbox) SavePosition(id int64, positionMs int64) error {
	svc, err := i.app.services()
	if err == nil {
		err = svc.shareStore.SavePeerLogPosition(svc.ctx, id, positionMs)
	}
	return toUser(i.app.log, "keep position", err)
}

// Fetch downloads a peer's recording now and returns the log with it.
func (i *Inbox) Fetch(id int64) (*peerplaypay.PeerLog, error) {
	svc, err := i.app.services()
	if err != nil {
		return nil, toUser(i.app.log, "download recording", err)
	}
	l, err := svc.team.FetchPeerMedia(svc.ctx, id, func(p teamsync.Progress) {
		i.app.cfg.Emit(EventInboxFetch, InboxFetch{ID: id, Bytes: p.Bytes, TotalBytes: p.TotalBytes})
	})
	if err != nil {
		return nil, toUser(i.app.log, "download recording", err)
	}
	return i.complete(svc, l), nil
}

// Search finds words in the member's own tables and the peers', newest
// first.
func (i *Inbox) Search(f SearchFilter) ([]SearchHit, error) {
	svc, err := i.app.services()
	if err != nil {
		return nil, toUser(i.app.log, "search", err)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	f.Limit = min(f.Limit, 200)
	hits := []SearchHit{}
	if f.Person == "" || f.Person == "me" {
		mine, _, err := svc.logs.FindLogs(svc.ctx, peerplaypay.LogFilter{Query: f.Query, From: f.From, To: f.To, Limit: f.Limit})
		if err != nil {
			return nil, toUser(i.app.log, "search", err)
		}
		_, myName, _ := svc.team.People(svc.ctx)
		for _, e := range mine {
			hits = append(hits, SearchHit{Mine: true, ID: e.ID, AuthorName: myName, Day: e.Day, Kind: e.Kind, DurationMs: e.DurationMs,
				Table: e.LogTable, Match: e.Match, CreatedAt: e.CreatedAt})
		}
	}
	if f.Person != "me" {
		peers, _, err := svc.team.Inbox(svc.ctx, svc.shareStore, peerplaypay.PeerLogFilter{Query: f.Query, From: f.From, To: f.To, Author: f.Person, Limit: f.Limit})
		if err != nil {
			return nil, toUser(i.app.log, "search", err)
		}
		for _, l := range peers {
			hits = append(hits, SearchHit{ID: l.ID, Author: l.Author, AuthorName: l.AuthorName, Day: l.Day, Kind: l.Kind, DurationMs: l.DurationMs,
				Table: l.Table, Match: l.Match, CreatedAt: l.CreatedAt})
		}
	}
	slices.SortStableFunc(hits, func(a, b SearchHit) int {
		return cmp.Or(cmp.Compare(b.Day, a.Day), b.CreatedAt.Compare(a.CreatedAt))
	})
	return hits[:min(len(hits), f.Limit)], nil
}

// Today returns a line per peer for the member's today: what they shared
// and whether they need help. Empty outside a team.
func (i *Inbox) Today() ([]TeamDay, error) {
	svc, err := i.app.services()
	if err != nil {
		return nil, toUser(i.app.log, "team today", err)
	}
	out := []TeamDay{}
	if c, err := svc.shareStore.TeamConfig(svc.ctx); err != nil || c == nil || c.State != peerplaypay.TeamMember {
		return out, toUser(i.app.log, "team today", err)
	}
	// Peers' days are their own local dates; a day apart from ours at most.
	today := time.Now().Format(time.DateOnly)
	logs, _, err := svc.shareStore.FindPeerLogs(svc.ctx, peerplaypay.PeerLogFilter{From: today, To: today, Limit: peerplaypay.MaxPeerLogsPage})
	if err != nil {
		return nil, toUser(i.app.log, "team today", err)
	}
	for _, p := range svc.team.Peers(svc.ctx) {
		d := TeamDay{Member: p.ID, Name: p.Name}
		var newest time.Time
		for _, l := range logs {
			if l.Author != p.ID {
				continue
			}
			d.Logs++
			if !l.Watched {
				d.Unwatched++
			}
			if d.HelpNeeded == "" {
				d.HelpNeeded = l.Table.HelpNeeded
			}
			if l.CreatedAt.After(newest) {
				newest, d.LogID = l.CreatedAt, l.ID
			}
		}
		out = append(out, d)
	}
	return out, nil
}

// PlayerPrefs returns the player's remembered settings.
func (i *Inbox) PlayerPrefs() PlayerPrefs {
	p := PlayerPrefs{Speed: 1, SkipSilence: true}
	svc, err := i.app.services()
	if err != nil {
		return p
	}
	if v, _ := svc.settings.Setting(svc.ctx, SettingPlayerSpeed, ""); v != "" {
		if s, err := strconv.ParseFloat(v, 64); err == nil && validSpeed(s) {
			p.Speed = s
		}
	}
	if v, _ := svc.settings.Setting(svc.ctx, SettingSkipSilence, "1"); v == "0" {
		p.SkipSilence = false
	}
	return p
}

func validSpeed(s float64) bool { return s == 1 || s == 1.5 || s == 2 }

// SavePlayerPrefs remembers the player's settings.
func (i *Inbox) SavePlayerPrefs(p PlayerPrefs) (PlayerPrefs, error) {
	svc, err := i.app.services()
	if err != nil {
		return p, toUser(i.app.log, "player settings", err)
	}
	if !validSpeed(p.Speed) {
		return p, toUser(i.app.log, "player settings", peerplaypay.FieldErrorf("speed", "The speed is 1, 1.5 or 2."))
	}
	skip := "1"
	if !p.SkipSilence {
		skip = "0"
	}
	err = svc.settings.SetSettings(svc.ctx, map[string]string{SettingPlayerSpeed: strconv.FormatFloat(p.Speed, 'f', -1, 64), SettingSkipSilence: skip})
	return i.PlayerPrefs(), toUser(i.app.log, "player settings", err)
}

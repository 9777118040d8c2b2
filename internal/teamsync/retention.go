package teamsync

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
)

// expire applies the team's retention to our own recordings in the share
// (PROTOCOL.md §11.6): each of our published recordings made before the
// cutoff, and not pinned, gets a log.media_expired event, sent in this
// sync; once the share has the event, the recording's chunks are deleted
// from our folder. Event first: a reader that meets the chunks gone has
// the event that says why, never a missing recording. Both steps are kept
// in the database, so a sync cut short resumes at the next one; with
// nothing to expire it costs two queries and no request.
func (s *Service) expire(ctx context.Context, t *share.Team, sum *Summary) error {
	rs, ok := s.store.(peerplaypay.RetentionStore)
	if !ok {
		return nil
	}
	months, err := rs.RetentionMonths(ctx)
	if err != nil {
		return err
	}
	if months > 0 {
		due, err := rs.LogsToExpire(ctx, peerplaypay.RetentionCutoff(nowUTC(), months))
		if err != nil {
			return err
		}
		for _, m := range due {
			if err := rs.QueueMediaExpired(ctx, m.UID); err != nil {
				return err
			}
		}
		if len(due) > 0 {
			if err := s.sendOutbox(ctx, t, sum); err != nil {
				return err
			}
		}
	}
	gone, err := rs.ExpiredToDelete(ctx)
	if err != nil || len(gone) == 0 {
		return err
	}
	kept, err := rs.KeptChunks(ctx)
	if err != nil {
		return err
	}
	for _, m := range gone {
		man, err := parseManifest(m.Manifest)
		if err != nil {
			// Ours and checked when it was published: not expected. Its
			// chunks cannot be named, so they stay; the table still says
			// expired.
			s.log.Warn("an expired recording's manifest does not parse; its chunks stay", "log", m.UID, "err", err)
		} else {
			var names []string
			for _, c := range man.Chunks {
				if !kept[c.Name] {
					names = append(names, c.Name)
				}
			}
			n, err := t.DeleteOwnChunks(ctx, names)
			sum.Expired += n
			if err != nil {
				return err
			}
		}
		if err := rs.MarkExpiryDone(ctx, m.UID); err != nil {
			return err
		}
	}
	return nil
}

// Usage is the share's size, by member and by month, what a retention
// would free, and this laptop's copies of the members' recordings.
type Usage struct {
	Location string `json:"location"`
	// Months is the retention the "free" figures are for: the team's, or
	// the one asked (0: keep all, nothing would be freed).
	Months     int         `json:"months"`
	TeamMonths int         `json:"teamMonths"` // the team's setting
	Total      int64       `json:"totalBytes"`
	Free       int64       `json:"freeBytes"` // what that retention deletes now
	Members    []MemberUse `json:"members"`
	ByMonth    []MonthUse  `json:"byMonth"`
	// Local is this laptop's copies of recordings, all members'; Budget
	// the space for peers' copies (bytes; 0 when none is kept).
	Local     int64     `json:"localBytes"`
	Budget    int64     `json:"budgetBytes"`
	Requests  int64     `json:"requests"`
	Unplaced  int64     `json:"unplacedBytes"` // chunks no log known here names
	Millis    int64     `json:"millis"`
	Generated time.Time `json:"generatedAt" ts_type:"string"`
}

// MemberUse is one member's folder in the share.
type MemberUse struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Me          bool   `json:"me"`
	Removed     bool   `json:"removed"`
	Events      int64  `json:"eventBytes"`
	Recordings  int64  `json:"recordingBytes"`
	Total       int64  `json:"totalBytes"`
	Free        int64  `json:"freeBytes"`
	Local       int64  `json:"localBytes"` // this laptop's copies of their recordings
	LocalCopies int    `json:"localCopies"`
}

// MonthUse is the recordings of one month (the logs' creation, UTC) still
// in the share.
type MonthUse struct {
	Month string `json:"month"` // YYYY-MM
	Bytes int64  `json:"bytes"`
	Logs  int    `json:"logs"`
	Free  bool   `json:"free"` // some of it before the retention's cutoff (not pinned)
	// FreeBytes is what the retention deletes of this month now: a month
	// can hold a pinned log beside the ones that go.
	FreeBytes int64 `json:"freeBytes"`
}

// Usage measures the share with one listing of the members' folders (one
// request per 1000 objects; nothing is downloaded), placing each chunk by
// the log this laptop knows it from. months < 0 takes the team's retention.
func (s *Service) Usage(ctx context.Context, months int) (*Usage, error) {
	started := time.Now()
	c, err := s.config(ctx)
	if err != nil {
		return nil, err
	}
	if c.State == peerplaypay.TeamPending {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "You are not a member of the team yet: once a member approved your request, sync, then ask again.")
	}
	rs, ok := s.store.(peerplaypay.RetentionStore)
	if !ok {
		return nil, peerplaypay.Errorf(peerplaypay.EINTERNAL, "This data folder keeps no retention state.")
	}
	teamMonths, err := rs.RetentionMonths(ctx)
	if err != nil {
		return nil, err
	}
	if months < 0 {
		months = teamMonths
	}
	if months > peerplaypay.MaxRetentionMonths {
		return nil, peerplaypay.Errorf(peerplaypay.EINVALID, "A retention is 1 to %d months, or 0 to keep every recording; %d is not one.", peerplaypay.MaxRetentionMonths, months)
	}
	uses, err := rs.MediaUses(ctx)
	if err != nil {
		return nil, err
	}
	b, err := s.open(ctx, c.Location, false)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	t, err := s.openTeam(ctx, c, b)
	if err != nil {
		return nil, err
	}
	folders, err := t.Usage(ctx)
	if err != nil {
		return nil, err
	}
	me := t.Me().MemberID().String()
	cutoff := peerplaypay.RetentionCutoff(nowUTC(), months)
	// Each chunk is placed by the log that names it: its author's folder,
	// its month, and whether the retention frees it.
	type place struct {
		month string
		free  bool
	}
	placed := map[string]map[string]place{} // author → chunk → place
	logsByMonth := map[string]int{}
	u := &Usage{Location: b.Location(), Months: months, TeamMonths: teamMonths, Generated: nowUTC()}
	local := map[string]int64{}
	copies := map[string]int{}
	for _, m := range uses {
		author := m.Author
		if author == "" {
			author = me
		}
		if m.LocalPath != "" && s.mediaHere(m.LocalPath) {
			local[author] += m.Local
			copies[author]++
			u.Local += m.Local
		}
		if m.Expired {
			continue
		}
		man, err := parseManifest(m.Manifest)
		if err != nil {
			continue
		}
		month := m.CreatedAt.UTC().Format("2006-01")
		free := !cutoff.IsZero() && m.CreatedAt.Before(cutoff) && !m.Pinned
		if placed[author] == nil {
			placed[author] = map[string]place{}
		}
		for _, ch := range man.Chunks {
			if p, ok := placed[author][ch.Name]; !ok || p.free && !free {
				placed[author][ch.Name] = place{month, free}
			}
		}
		logsByMonth[month]++
	}
	months2 := map[string]*MonthUse{}
	r := t.Roster()
	var members []MemberUse
	for _, m := range r.Members() {
		id := m.ID.String()
		mu := MemberUse{ID: id, Name: nameOr(t.MemberName(m.ID), "member "+id[:8]), Me: id == me, Removed: m.Removed(),
			Local: local[id], LocalCopies: copies[id]}
		if f := folders[m.ID]; f != nil {
			mu.Events = f.EventBytes
			mu.Recordings = f.ChunkBytes
			for name, size := range f.Chunks {
				p, ok := placed[id][name]
				if !ok {
					u.Unplaced += size
					continue
				}
				mo := months2[p.month]
				if mo == nil {
					mo = &MonthUse{Month: p.month, Logs: logsByMonth[p.month]}
					months2[p.month] = mo
				}
				mo.Bytes += size
				if p.free {
					mu.Free += size
					mo.Free = true
					mo.FreeBytes += size
				}
			}
		}
		mu.Total = mu.Events + mu.Recordings
		u.Total += mu.Total
		u.Free += mu.Free
		members = append(members, mu)
	}
	sort.SliceStable(members, func(i, j int) bool { return members[i].Total > members[j].Total })
	u.Members = members
	for _, mo := range months2 {
		u.ByMonth = append(u.ByMonth, *mo)
	}
	slices.SortFunc(u.ByMonth, func(a, b MonthUse) int {
		if a.Month < b.Month {
			return -1
		}
		if a.Month > b.Month {
			return 1
		}
		return 0
	})
	u.Budget = s.budgetBytes(ctx)
	u.Requests = b.Stats().Total()
	u.Millis = time.Since(started).Milliseconds()
	return u, nil
}

// budgetBytes is the space this laptop gives peers' recordings.
func (s *Service) budgetBytes(ctx context.Context) int64 {
	v, _ := s.settings.Setting(ctx, SettingBudgetMB, fmt.Sprint(DefaultBudgetMB))
	var mb int64
	if _, err := fmt.Sscan(v, &mb); err != nil || mb < 0 {
		mb = DefaultBudgetMB
	}
	return mb << 20
}

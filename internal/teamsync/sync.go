package teamsync

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
	"peerplaypay/internal/share/backend"
)

// Progress is a sync's state for a progress bar: files and bytes of media
// to move, and what is done; while receiving, the files are the peers'
// batches of events.
type Progress struct {
	Phase      string  `json:"phase"` // "roster", "sending", "receiving", "media"
	Files      int     `json:"files"`
	TotalFiles int     `json:"totalFiles"`
	Bytes      int64   `json:"bytes"`
	TotalBytes int64   `json:"totalBytes"`
	Rate       float64 `json:"rate"`       // bytes per second so far
	ETASeconds float64 `json:"etaSeconds"` // 0 when unknown
}

// Summary is what a sync did.
type Summary struct {
	State      string   `json:"state"`
	Published  int      `json:"published"`  // our logs newly in the share
	SentEvents int      `json:"sentEvents"` // our events written
	Received   int      `json:"received"`   // peers' events applied
	Downloaded int      `json:"downloaded"` // peers' recordings fetched
	BytesUp    int64    `json:"bytesUp"`    // media sent; chunks the share had already are not
	BytesDown  int64    `json:"bytesDown"`  // media fetched; chunks resumed from disk are not
	Requests   int64    `json:"requests"`   // to the share
	Waiting    int      `json:"waiting"`    // still to send (a sync cut short)
	Expired    int      `json:"expired"`    // our chunks deleted from the share by retention
	Problems   []string `json:"problems"`   // members' chains refused, corrupt media
	Ignored    []string `json:"ignored"`    // foreign names met in the share, skipped
	Millis     int64    `json:"millis"`
}

// progress tracks bytes and files over a sync, for rate and ETA.
type progress struct {
	mu    sync.Mutex
	p     Progress
	start time.Time
	last  time.Time
	emit  func(Progress)
}

func (pr *progress) phase(name string, files int, bytes int64) {
	pr.mu.Lock()
	if name == "receiving" || pr.p.Phase == "receiving" {
		// Batches are counted on their own: they are not the files that
		// sending and media count, nor is their rate a download's.
		pr.p = Progress{}
		pr.start = time.Now()
	}
	pr.p.Phase = name
	pr.p.TotalFiles += files
	pr.p.TotalBytes += bytes
	pr.mu.Unlock()
	pr.send(true)
}

func (pr *progress) add(files int, bytes int64) {
	pr.mu.Lock()
	pr.p.Files += files
	pr.p.Bytes += bytes
	pr.mu.Unlock()
	pr.send(files > 0)
}

// received counts one batch of peers' events applied. Not sent each
// time: a newcomer's first sync applies tens of thousands.
func (pr *progress) received(bytes int64) {
	pr.mu.Lock()
	pr.p.Files++
	pr.p.Bytes += bytes
	pr.mu.Unlock()
	pr.send(false)
}

func (pr *progress) send(force bool) {
	if pr.emit == nil {
		return
	}
	pr.mu.Lock()
	now := time.Now()
	if !force && now.Sub(pr.last) < 200*time.Millisecond {
		pr.mu.Unlock()
		return
	}
	pr.last = now
	p := pr.p
	if secs := now.Sub(pr.start).Seconds(); secs > 0.2 && p.Bytes > 0 {
		p.Rate = float64(p.Bytes) / secs
		if left := p.TotalBytes - p.Bytes; left > 0 {
			p.ETASeconds = float64(left) / p.Rate
		}
	}
	pr.mu.Unlock()
	pr.emit(p)
}

// Sync sends what waits (our logs and events) and applies what peers
// shared, then fetches peers' recordings within the disk budget. It can be
// cancelled and killed at any point: the next sync resumes without sending
// again what arrived (chunks are named by content, a sealed batch is kept
// until the share has it, a batch is applied with its position in one
// transaction, a download resumes from its partial file).
func (s *Service) Sync(ctx context.Context, onProgress func(Progress)) (sum Summary, err error) {
	started := time.Now()
	sum.Problems, sum.Ignored = []string{}, []string{}
	lock, err := s.syncLock()
	if err != nil {
		return sum, err
	}
	defer lock.Unlock()
	defer func() { sum.Millis = time.Since(started).Milliseconds() }()
	c, err := s.config(ctx)
	if err != nil {
		return sum, err
	}
	sum.State = string(c.State)
	if c.State == peerplaypay.TeamPending {
		if c, err = s.checkJoin(ctx, c); err != nil {
			return sum, err
		}
		sum.State = string(c.State)
		if c.State == peerplaypay.TeamPending {
			return sum, nil
		}
	}
	if c.State == peerplaypay.TeamRefused {
		return sum, peerplaypay.Errorf(peerplaypay.ECONFLICT, "A member refused your request to join. Ask the team, then join again.")
	}
	b, err := s.open(ctx, c.Location, false)
	if err != nil {
		return sum, err
	}
	defer b.Close()
	pr := &progress{start: time.Now(), emit: onProgress}
	defer func() {
		sum.Requests = b.Stats().Total()
		sum.Waiting, _ = s.store.Waiting(context.WithoutCancel(ctx))
	}()

	kept := []string{} // for Status, beside the problems stored per member
	pr.phase("roster", 0, 0)
	t, err := s.openTeam(ctx, c, b)
	if err != nil {
		return sum, err
	}
	pinned := len(c.Roster)
	if _, err := t.Refresh(ctx); err != nil {
		// A bad roster version is reported; the team goes on at the last
		// good one, and nothing is written on top of an incomplete view.
		if share.ReasonOf(err) == "" {
			return sum, err
		}
		sum.Problems = append(sum.Problems, peerplaypay.ErrorMessage(err))
		kept = append(kept, peerplaypay.ErrorMessage(err))
	}
	if err := s.saveRoster(ctx, c, t); err != nil {
		return sum, err
	}
	sum.State = string(c.State)
	me := t.Me().MemberID()
	// Peers' events name this member's goals and offers by member ID;
	// applying them maps it back to the member's own rows.
	if v, _ := s.settings.Setting(ctx, SettingMemberID, ""); v != me.String() {
		if err := s.settings.SetSettings(ctx, map[string]string{SettingMemberID: me.String()}); err != nil {
			return sum, err
		}
	}
	s.sweep(ctx, b, me)
	var listing *share.MembersListing
	if s.membersListingDue(ctx) {
		if listing, err = t.ListMembers(ctx); err != nil {
			return sum, err
		}
	}
	// Peers first: a peer's batch naming a roster version we do not hold
	// reveals a fork, and nothing may be sent before we know there is none
	// (our batch would be encrypted to a branch a removed member may hold
	// the key of). Applying can also queue events of ours (a conversation
	// both members now share is published by each): they go in this sync.
	if err := s.pull(ctx, t, me, listing, pr, &sum); err != nil {
		return sum, err
	}
	if err := s.unpinForked(ctx, c, t, pinned); err != nil {
		return sum, err
	}
	sum.State = string(c.State)
	if c.State == peerplaypay.TeamMember && len(kept) == 0 && t.Fork() == nil {
		if err := s.push(ctx, t, pr, &sum); err != nil {
			return sum, err
		}
		if err := s.expire(ctx, t, &sum); err != nil {
			return sum, err
		}
	}
	media, err := s.fetchMedia(ctx, t, pr, &sum)
	if err != nil {
		return sum, err
	}
	// The roster is listed whole at every sync, the members' folders once
	// a day: what the other syncs meet there (among new batches) is added
	// to what the last whole listing found, never taken from it.
	listed := []string{"roster/"}
	if listing != nil {
		listed = append(listed, "members/")
	}
	sum.Ignored = s.keepIgnored(ctx, t, listed...)
	now := nowUTC()
	done := map[string]string{SettingLastSync: now.Format(time.RFC3339), SettingProblems: string(keptJSON(append(kept, media...)))}
	if listing != nil {
		done[SettingMembersListed] = now.Format(time.RFC3339)
	}
	s.settings.SetSettings(context.WithoutCancel(ctx), done)
	return sum, nil
}

func keptJSON(problems []string) []byte {
	raw, _ := json.Marshal(problems)
	return raw
}

// membersListedEvery is how often a sync lists the members' folders whole,
// for the foreign names at their top, among their chunks, and among
// batches already read (the listing of a member's new batches meets none
// of them). On a bucket it costs one request per 1000 objects of all the
// folders, in place of the one per member that lists their new batches.
const membersListedEvery = 24 * time.Hour

// membersListingDue says whether this sync lists the members' folders
// whole: never done on this laptop, done over a day ago, or the clock went
// back since.
func (s *Service) membersListingDue(ctx context.Context) bool {
	v, _ := s.settings.Setting(ctx, SettingMembersListed, "")
	last, err := time.Parse(time.RFC3339, v)
	now := nowUTC()
	return err != nil || now.Sub(last) >= membersListedEvery || now.Before(last)
}

// staleTemp is how old a temporary file of ours must be to be removed: a
// sync of ours on another laptop of this identity (a restored one) may be
// writing it, and it touches its files far more often than this.
const staleTemp = 24 * time.Hour

// sweep removes the temporary files our killed syncs left in a folder
// share, under our own folder only: another member's are theirs to remove.
func (s *Service) sweep(ctx context.Context, b backend.Backend, me share.MemberID) {
	sw, ok := b.(backend.Sweeper)
	if !ok {
		return
	}
	n, err := sw.SweepTemps(ctx, "members/"+me.String()+"/", time.Now().Add(-staleTemp))
	if err != nil {
		s.log.Warn("stale temporary files not removed", "err", err)
	} else if n > 0 {
		s.log.Info("stale temporary files removed", "files", n)
	}
}

// maxBatchEvents keeps a batch well under the protocol's 4 MiB payload.
const maxBatchEvents = 200

// push sends our sealed batch if one waits, publishes our logs, then seals
// and sends the queued events.
func (s *Service) push(ctx context.Context, t *share.Team, pr *progress, sum *Summary) error {
	if err := s.sendSealed(ctx, t, sum); err != nil {
		return err
	}
	if err := s.publish(ctx, t, pr, sum); err != nil {
		return err
	}
	return s.sendOutbox(ctx, t, sum)
}

// sendOutbox seals and sends the queued events, one batch at a time.
func (s *Service) sendOutbox(ctx context.Context, t *share.Team, sum *Summary) error {
	me := t.Me().MemberID()
	for {
		events, err := s.store.Outbox(ctx, maxBatchEvents)
		if err != nil || len(events) == 0 {
			return err
		}
		pos, err := s.myPosition(ctx, me)
		if err != nil {
			return err
		}
		out := make([]share.Event, 0, len(events))
		ids := make([]string, 0, len(events))
		for _, e := range events {
			id, err := parseEventID(e.ID)
			if err != nil {
				return err
			}
			ev := share.Event{ID: id, Kind: e.Kind, V: e.V, At: e.At, Data: e.Data}
			if len(e.To) > 0 {
				if ev, err = sealDirect(t, ev, e.To); err != nil {
					return err
				}
			}
			out = append(out, ev)
			ids = append(ids, e.ID)
		}
		sb, err := t.SealBatch(pos, out)
		if err != nil {
			return err
		}
		// Kept before it is sent: a crash and a retry send these bytes.
		if err := s.store.SaveSealed(ctx, peerplaypay.SealedBatch{Seq: sb.Seq, Hash: sb.Hash.String(), Raw: sb.Raw, EventIDs: ids}); err != nil {
			return err
		}
		if err := s.sendSealed(ctx, t, sum); err != nil {
			return err
		}
	}
}

// sealDirect seals an event for the members named by hex ID. A recipient
// who has left the team since is dropped; with none left the event goes to
// ourselves alone, so the outbox never stalls on it.
func sealDirect(t *share.Team, e share.Event, to []string) (share.Event, error) {
	r := t.Roster()
	ids := make([]share.MemberID, 0, len(to))
	for _, h := range to {
		var id share.MemberID
		if err := id.UnmarshalText([]byte(h)); err != nil {
			return share.Event{}, fmt.Errorf("event %s: recipient %q: %w", e.ID, h, err)
		}
		if r.IsActive(id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		ids = append(ids, t.Me().MemberID())
	}
	return t.SealDirect(e, ids)
}

func parseEventID(s string) (share.EventID, error) {
	var id share.EventID
	err := id.UnmarshalText([]byte(s))
	return id, err
}

func (s *Service) myPosition(ctx context.Context, me share.MemberID) (share.Position, error) {
	members, err := s.store.Members(ctx)
	if err != nil {
		return share.Position{}, err
	}
	for _, m := range members {
		if m.ID == me.String() {
			return fromPosition(m.Position)
		}
	}
	return share.Position{}, nil
}

// sendSealed writes the kept sealed batch, if any, and confirms it.
func (s *Service) sendSealed(ctx context.Context, t *share.Team, sum *Summary) error {
	sealed, err := s.store.Sealed(ctx)
	if err != nil || sealed == nil {
		return err
	}
	h, err := share.ParseHash(sealed.Hash)
	if err != nil {
		return err
	}
	me := t.Me().MemberID()
	sb := &share.SealedBatch{Author: me, Seq: sealed.Seq, Epoch: 0, Hash: h, Raw: sealed.Raw}
	err = t.PutBatch(ctx, sb)
	if share.ReasonOf(err) == share.ReasonSeqTaken {
		// Another copy of this identity wrote that number (a restored
		// laptop): take up its position and seal our events again after it.
		s.log.Warn("batch number taken; recovering our position", "seq", sealed.Seq)
		pos, rerr := t.RecoverPosition(ctx)
		if rerr != nil {
			return rerr
		}
		if err := s.store.DropSealed(ctx); err != nil {
			return err
		}
		return s.store.SetPosition(ctx, me.String(), toPosition(pos))
	}
	if err != nil {
		return err
	}
	if err := s.store.ConfirmSealed(ctx, me.String(), *sealed); err != nil {
		return err
	}
	sum.SentEvents += len(sealed.EventIDs)
	return nil
}

// filesAtOnce is how many recordings a sync uploads at once. The uploader
// bounds the chunks in flight; overlapping files keeps them all busy when
// recordings are a chunk or two long, where one file at a time waited for
// each file's last chunk before reading the next file.
const filesAtOnce = 4

// publish uploads our shared logs not yet in the share, newest first, and
// queues their log.published events.
func (s *Service) publish(ctx context.Context, t *share.Team, pr *progress, sum *Summary) error {
	logs, err := s.store.LogsToPublish(ctx)
	if err != nil || len(logs) == 0 {
		return err
	}
	files, bytes := 0, int64(0)
	for _, e := range logs {
		if e.MediaPath != "" {
			files++
			bytes += e.SizeBytes
		}
	}
	pr.phase("sending", files, bytes)
	up, err := t.NewUploader(share.UploadOptions{})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var mu sync.Mutex // sum, and one MarkPublished at a time
	var wg sync.WaitGroup
	slots := make(chan struct{}, filesAtOnce)
	for _, e := range logs {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-slots }()
			if err := s.publishOne(ctx, up, e, pr, sum, &mu); err != nil {
				cancel(err)
			}
		})
	}
	wg.Wait()
	return context.Cause(ctx)
}

// publishOne uploads one log's recording, if it has one, and queues its
// log.published event.
func (s *Service) publishOne(ctx context.Context, up *share.Uploader, e *peerplaypay.LogEntry, pr *progress, sum *Summary, mu *sync.Mutex) error {
	d := peerplaypay.LogPublished{UID: e.UID, Day: e.Day, Kind: e.Kind, Table: e.LogTable, DurationMs: e.DurationMs,
		SizeBytes: e.SizeBytes, SHA256: e.SHA256, CreatedAt: e.CreatedAt, Questions: e.Questions}
	if e.Loudness.Check(e.DurationMs) == nil {
		d.Loudness = e.Loudness
	}
	var sent int64
	if e.MediaPath != "" {
		m, n, err := s.upload(ctx, up, e, pr)
		if err != nil {
			return err
		}
		if d.Media, err = json.Marshal(m); err != nil {
			return err
		}
		sent = n
		if e.Kind == peerplaypay.LogVideo {
			d.Codec = s.codecOf(e)
		}
	}
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	ev := peerplaypay.ShareEvent{ID: newEventID(), Kind: peerplaypay.EventLogPublished, V: 1, At: nowUTC(), Data: data}
	mu.Lock()
	defer mu.Unlock()
	if err := s.store.MarkPublished(ctx, e.UID, ev); err != nil {
		return err
	}
	sum.BytesUp += sent
	sum.Published++
	return nil
}

// codecOf reads the video codec from a log's recording, so a peer's window
// can tell a VP9 log it cannot play before downloading it; "" when the
// file says nothing we know (the log then goes without the optional field).
func (s *Service) codecOf(e *peerplaypay.LogEntry) peerplaypay.VideoCodec {
	root, err := os.OpenRoot(s.dataDir)
	if err != nil {
		return ""
	}
	defer root.Close()
	fi, err := media.ProbeIn(root, filepath.FromSlash(e.MediaPath))
	if err != nil {
		return ""
	}
	return peerplaypay.CodecOfTrack(fi.VideoCodec)
}

// upload stores a log's recording and returns its manifest and the bytes
// sent (less than its size when an earlier sync stored some chunks).
func (s *Service) upload(ctx context.Context, up *share.Uploader, e *peerplaypay.LogEntry, pr *progress) (*share.Manifest, int64, error) {
	if !filepath.IsLocal(filepath.FromSlash(e.MediaPath)) {
		return nil, 0, peerplaypay.Errorf(peerplaypay.ECORRUPT, "The recording path of log %d points outside the data folder; it was not shared.", e.ID)
	}
	f, err := os.OpenInRoot(s.dataDir, filepath.FromSlash(e.MediaPath))
	if err != nil {
		return nil, 0, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "The recording of log %d (%s) is missing, so it cannot be shared. Take the log back from the team (Logs) or put the file back.", e.ID, e.MediaPath)
	}
	defer f.Close()
	var done, sent int64
	m, err := up.Upload(ctx, f, func(p share.Progress) {
		pr.add(0, p.Bytes-done)
		done, sent = p.Bytes, p.Bytes-p.SkippedBytes
	})
	if err != nil {
		return nil, 0, err
	}
	if m.SHA256 != e.SHA256 && e.SHA256 != "" {
		return nil, 0, peerplaypay.Errorf(peerplaypay.ECORRUPT, "The recording of log %d (%s) changed since it was recorded (its checksum differs); it was not shared. Run `peerplaypay doctor`.", e.ID, e.MediaPath)
	}
	pr.add(1, 0)
	return m, sent, nil
}

// fetchParallel is how many of the members' batches a sync fetches at
// once, and how many members' folders it lists at once. Why: each request
// to a distant bucket is a round trip, so one at a time a team of fifty
// costs seconds when nothing is new and half an hour for a newcomer to two
// years of history; sixteen keeps both short without flooding the share
// or the link (PROTOCOL.md 11.3, 13).
const fetchParallel = 16

// pull applies each member's new batches, member by member, listing them
// unless listing holds them. A member whose chain fails a check is
// reported and skipped; the others go on. The batches are fetched ahead,
// several at once, and still verified and applied one by one in order.
func (s *Service) pull(ctx context.Context, t *share.Team, me share.MemberID, listing *share.MembersListing, pr *progress, sum *Summary) error {
	root, err := s.openDataRoot()
	if err != nil {
		return err
	}
	defer root.Close()
	known, err := s.store.Members(ctx)
	if err != nil {
		return err
	}
	positions := map[string]peerplaypay.SharePosition{}
	for _, k := range known {
		positions[k.ID] = k.Position
	}
	var reads []share.BatchRead
	for _, m := range t.Roster().Members() {
		if m.ID == me {
			continue
		}
		after, err := fromPosition(positions[m.ID.String()])
		if err != nil {
			return err
		}
		reads = append(reads, share.BatchRead{Member: m.ID, After: after})
	}
	br := t.NewBatchReader(ctx, reads, listing, fetchParallel)
	defer br.Close()
	if n, bytes := br.Batches(); n > 0 {
		pr.phase("receiving", n, bytes)
	}
	for _, rd := range reads {
		m, _ := t.Roster().Member(rd.Member)
		_, err := br.Read(ctx, m.ID, func(b *share.Batch) error {
			events := make([]peerplaypay.ShareEvent, 0, len(b.Events))
			answers, err := s.answerChecker(ctx, t, m.ID)
			if err != nil {
				return err
			}
			sessions := s.sessionChecker(t, m.ID)
			reports := s.reportChecker(t, m.ID)
			retention := s.retentionChecker(t, m.ID)
			for _, e := range b.Events {
				e.Author = m.ID
				if opened, ok, err := t.OpenDirect(e); share.ReasonOf(err) != "" {
					return err // another member's box passed off as this member's
				} else if err != nil {
					// Signed by its author but broken: kept sealed, not applied.
					s.log.Warn("direct event not opened", "member", m.ID, "err", err)
				} else if ok {
					e = opened
				}
				if e.Kind == share.KindRosterChanged {
					// A claim about the team list: checked against the
					// roster this laptop verified, never followed.
					if err := t.CheckRosterChanged(b, e); err != nil {
						return err
					}
				}
				ev := peerplaypay.ShareEvent{ID: e.ID.String(), Kind: e.Kind, V: e.V, At: e.At, Data: e.Data, Author: m.ID.String()}
				if why := checkPeerEvent(ev); why != "" {
					return share.RefuseEvent(b, e, why)
				}
				if why, hold := checkSettingsEvent(ev, nowUTC()); hold {
					return share.HoldEvent(b, e, why)
				} else if why != "" {
					return share.RefuseEvent(b, e, why)
				}
				if answers != nil {
					why, hold, err := answers.check(ctx, ev)
					if err != nil {
						return err
					}
					if hold {
						return share.HoldEvent(b, e, why)
					}
					if why != "" {
						return share.RefuseEvent(b, e, why)
					}
				}
				if sessions != nil {
					why, err := sessions.check(ctx, ev)
					if err != nil {
						return err
					}
					if why != "" {
						return share.RefuseEvent(b, e, why)
					}
				}
				if retention != nil {
					why, err := retention.check(ctx, ev)
					if err != nil {
						return err
					}
					if why != "" {
						return share.RefuseEvent(b, e, why)
					}
				}
				if reports != nil {
					why, err := reports.check(ctx, ev)
					if err != nil {
						return err
					}
					if why != "" {
						return share.RefuseEvent(b, e, why)
					}
				}
				events = append(events, ev)
			}
			removed, err := s.store.ApplyBatch(ctx, m.ID.String(), toPosition(b.Position()), events)
			if err != nil {
				return err
			}
			for _, p := range removed {
				s.removeMedia(root, p)
			}
			sum.Received += len(events)
			pr.received(b.Size)
			return nil
		})
		if err == nil {
			continue
		}
		if share.ReasonOf(err) == share.ReasonNoKey && !t.Roster().IsActive(me) {
			continue // removed: what came after our removal is not for us
		}
		if share.ReasonOf(err) != "" {
			msg := peerplaypay.ErrorMessage(err)
			s.log.Warn("member's batches refused", "member", m.ID, "reason", share.ReasonOf(err), "err", err)
			sum.Problems = append(sum.Problems, fmt.Sprintf("%s: %s", nameOr(t.MemberName(m.ID), m.ID.String()), msg))
			if perr := s.store.SetMemberProblem(ctx, m.ID.String(), msg); perr != nil {
				return perr
			}
			continue
		}
		return err // the share or the database failed: stop here, resume later
	}
	return nil
}

// rosterLookups are the checkers' questions about a member ID as text:
// whether it is in t's roster, and the name it goes by ("" when unknown).
func rosterLookups(t *share.Team) (isMember func(string) bool, name func(string) string) {
	r := t.Roster()
	isMember = func(id string) bool {
		mid, err := share.ParseMemberID(id)
		if err != nil {
			return false
		}
		_, ok := r.Member(mid)
		return ok
	}
	name = func(id string) string {
		if mid, err := share.ParseMemberID(id); err == nil {
			return t.MemberName(mid)
		}
		return ""
	}
	return isMember, name
}

// answerChecker checks the answers in one batch of member's, against what
// this laptop holds; nil when the store keeps no answers.
func (s *Service) answerChecker(ctx context.Context, t *share.Team, member share.MemberID) (*answerChecker, error) {
	facts, ok := s.store.(peerplaypay.AnswerFacts)
	if !ok {
		return nil, nil
	}
	isMember, name := rosterLookups(t)
	return newAnswerChecker(ctx, facts, member.String(), isMember, name, nowUTC())
}

// sessionChecker checks the weekly-session events in one batch of
// member's; nil when the store keeps no sessions.
func (s *Service) sessionChecker(t *share.Team, member share.MemberID) *sessionChecker {
	facts, ok := s.store.(peerplaypay.SessionFacts)
	if !ok {
		return nil
	}
	isMember, name := rosterLookups(t)
	return newSessionChecker(facts, member.String(), isMember, name)
}

// reportChecker checks the report events in one batch of member's; nil
// when the store keeps no reports.
func (s *Service) reportChecker(t *share.Team, member share.MemberID) *reportChecker {
	facts, ok := s.store.(peerplaypay.ReportFacts)
	if !ok {
		return nil
	}
	_, name := rosterLookups(t)
	return newReportChecker(facts, member.String(), name)
}

// retentionChecker checks the retention events in one batch of member's;
// nil when the store keeps no retention state.
func (s *Service) retentionChecker(t *share.Team, member share.MemberID) *retentionChecker {
	facts, ok := s.store.(peerplaypay.RetentionStore)
	if !ok {
		return nil
	}
	_, name := rosterLookups(t)
	return newRetentionChecker(facts, member.String(), t.Me().MemberID().String(), name)
}

// openDataRoot opens the data folder as the only place a sync writes
// peers' media: whatever name reaches a path, it cannot leave the folder.
func (s *Service) openDataRoot() (*os.Root, error) {
	root, err := os.OpenRoot(s.dataDir)
	if err != nil {
		return nil, peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot open the data folder %s (%v). Check that it exists and is yours.", s.dataDir, err)
	}
	return root, nil
}

// removeMedia deletes a peer's recording copy, if it is one of ours: a
// name of the form peerMediaName makes, never another file of the folder.
func (s *Service) removeMedia(root *os.Root, rel string) {
	parts := strings.Split(rel, "/")
	if len(parts) != 3 || parts[0] != "peers" {
		return
	}
	uid, ok := strings.CutSuffix(parts[2], ".webm")
	if name, err := peerMediaName(parts[1], uid); !ok || err != nil || name != rel {
		return
	}
	root.Remove(filepath.FromSlash(rel))
}

// peerMediaName is where a peer's recording is kept, relative to the data
// folder: both names are checked, each by its own parser, since both come
// from the share.
func peerMediaName(author, uid string) (string, error) {
	id, err := share.ParseMemberID(author)
	if err != nil {
		return "", err
	}
	if why := checkLogUID(uid); why != "" {
		return "", fmt.Errorf("%s", why)
	}
	return "peers/" + id.String() + "/" + uid + ".webm", nil
}

// fetchMedia downloads peers' recordings for offline watching, newest first,
// while they fit the budget, and removes copies of older ones beyond it. It
// returns the problems it met, which it also adds to sum. The budget counts
// each manifest's size, the bytes a download really writes, never the size
// a log declares.
func (s *Service) fetchMedia(ctx context.Context, t *share.Team, pr *progress, sum *Summary) ([]string, error) {
	var problems []string
	report := func(msg string) {
		problems = append(problems, msg)
		sum.Problems = append(sum.Problems, msg)
	}
	budgetMB, _ := s.settings.Setting(ctx, SettingBudgetMB, strconv.Itoa(DefaultBudgetMB))
	budget, err := strconv.ParseInt(budgetMB, 10, 64)
	if err != nil || budget < 0 {
		budget = DefaultBudgetMB
	}
	budget <<= 20
	logs, err := s.store.PeerMedia(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.forgetMissing(ctx, logs); err != nil {
		return nil, err
	}
	root, err := s.openDataRoot()
	if err != nil {
		return nil, err
	}
	defer root.Close()
	type fetch struct {
		l    *peerplaypay.PeerLog
		m    *share.Manifest
		name string
	}
	var used, total int64
	var want []fetch
	for _, l := range logs {
		m, name, err := peerRecording(l)
		if err != nil {
			// Applied before its batch could be refused: never fetched,
			// and a copy kept under its name is not trusted to be its own.
			report(fmt.Sprintf("%s's recording of %s: %s", s.authorName(t, l.Author), l.Day, peerplaypay.ErrorMessage(err)))
			if l.MediaPath != "" {
				if err := s.store.SetPeerMedia(ctx, l.ID, ""); err != nil {
					return nil, err
				}
			}
			continue
		}
		if used+m.Size <= budget {
			used += m.Size
			if l.MediaPath == "" {
				want = append(want, fetch{l, m, name})
				total += m.Size
			}
			continue
		}
		if l.MediaPath != "" { // over budget: the oldest copies go
			s.removeMedia(root, l.MediaPath)
			if err := s.store.SetPeerMedia(ctx, l.ID, ""); err != nil {
				return nil, err
			}
		}
	}
	if len(want) == 0 {
		return problems, nil
	}
	pr.phase("media", len(want), total)
	for _, w := range want {
		author, _ := share.ParseMemberID(w.l.Author) // checked by peerRecording
		if err := root.MkdirAll(path.Dir(w.name), 0o700); err != nil {
			return nil, peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot make the folder for peers' recordings in %s (%v). Check the data folder's permissions and free space.", s.dataDir, err)
		}
		var done, fetched int64
		err = t.Download(ctx, author, w.m, root, w.name, share.DownloadOptions{Progress: func(p share.Progress) {
			pr.add(0, p.Bytes-done)
			done, fetched = p.Bytes, p.Bytes-p.SkippedBytes
		}})
		if share.ReasonOf(err) != "" || backend.KindOf(err) == backend.KindNotFound {
			// A corrupt or missing recording is reported, not trusted, and
			// does not stop the others.
			report(fmt.Sprintf("%s's recording of %s: %s", s.authorName(t, w.l.Author), w.l.Day, peerplaypay.ErrorMessage(err)))
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := s.store.SetPeerMedia(ctx, w.l.ID, w.name); err != nil {
			return nil, err
		}
		pr.add(1, 0)
		sum.Downloaded++
		sum.BytesDown += fetched
	}
	return problems, nil
}

// peerRecording checks what a peer's log says of its recording, by the
// rules checkPeerEvent applies when it arrives: its manifest, its declared
// size, and the names its local copy is made of.
func peerRecording(l *peerplaypay.PeerLog) (*share.Manifest, string, error) {
	bad := func(why string) error {
		return peerplaypay.Errorf(peerplaypay.ECORRUPT, "it was not downloaded: %s.", why)
	}
	m, err := parseManifest(l.Manifest)
	if err != nil {
		return nil, "", err
	}
	if m.Size != l.SizeBytes {
		return nil, "", bad(fmt.Sprintf("the log's declared size (%d) is not its recording's size (%d bytes)", l.SizeBytes, m.Size))
	}
	name, err := peerMediaName(l.Author, l.UID)
	if err != nil {
		return nil, "", bad(err.Error())
	}
	return m, name, nil
}

// authorName is a peer's display name for a message, from its hex ID.
func (s *Service) authorName(t *share.Team, author string) string {
	if id, err := share.ParseMemberID(author); err == nil {
		return nameOr(t.MemberName(id), author)
	}
	return quoted(author)
}

func newEventID() string { return share.NewEventID().String() }

// forgetMissing marks the peers' recordings whose copy is no longer on
// disk (deleted by hand, a cleaned disk) as not downloaded, so that they
// are not shown as here and the next sync fetches them again.
func (s *Service) forgetMissing(ctx context.Context, logs []*peerplaypay.PeerLog) error {
	for _, l := range logs {
		if l.MediaPath == "" || s.mediaHere(l.MediaPath) {
			continue
		}
		s.log.Warn("a peer's recording is missing; it is downloaded again", "log", l.ID, "path", l.MediaPath)
		if err := s.store.SetPeerMedia(ctx, l.ID, ""); err != nil {
			return err
		}
		l.MediaPath = ""
	}
	return nil
}

// mediaHere tells whether a peer's recording copy is on disk.
func (s *Service) mediaHere(rel string) bool { return PeerMediaHere(s.dataDir, rel) }

// PeerMediaHere tells whether the copy of a peer's recording at rel (a
// path under the data folder dir, as the database keeps it) is on disk.
func PeerMediaHere(dir, rel string) bool {
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return false
	}
	fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
	return err == nil && fi.Mode().IsRegular()
}

// PeerLogs returns peers' logs, newest first, with their authors' names.
func (s *Service) PeerLogs(ctx context.Context, limit int) ([]*peerplaypay.PeerLog, error) {
	logs, err := s.store.PeerLogs(ctx, limit)
	if err != nil || len(logs) == 0 {
		return logs, err
	}
	if err := s.forgetMissing(ctx, logs); err != nil {
		return nil, err
	}
	c, err := s.store.TeamConfig(ctx)
	if err != nil || c == nil {
		return logs, err
	}
	if t, err := s.openTeam(ctx, c, nil); err == nil {
		for _, l := range logs {
			if id, err := share.ParseMemberID(l.Author); err == nil {
				l.AuthorName = t.MemberName(id)
			}
		}
	}
	return logs, nil
}

// PeerMediaFile returns the local copy of a peer's recording, for playback.
func (s *Service) PeerMediaFile(ctx context.Context, id int64) (string, *peerplaypay.PeerLog, error) {
	l, err := s.store.PeerLog(ctx, id)
	if err != nil {
		return "", nil, err
	}
	if l.MediaPath != "" && !s.mediaHere(l.MediaPath) {
		if err := s.forgetMissing(ctx, []*peerplaypay.PeerLog{l}); err != nil {
			return "", l, err
		}
		return "", l, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "This recording was removed from this laptop; the next sync downloads it again.")
	}
	if l.MediaExpired {
		return "", l, errExpired
	}
	if l.MediaPath == "" {
		return "", l, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "This recording is not on this laptop yet; sync to download it.")
	}
	return filepath.Join(s.dataDir, filepath.FromSlash(l.MediaPath)), l, nil
}

// Repair puts back into the share those of our batches that are damaged or
// gone there, from the bytes kept when they were written, and returns how
// many it put back. Readers stopped at a damaged batch of ours go on at
// their next sync. Batches written before this laptop kept them (or by
// another copy of this identity) cannot be put back.
func (s *Service) Repair(ctx context.Context) (int, error) {
	lock, err := s.syncLock()
	if err != nil {
		return 0, err
	}
	defer lock.Unlock()
	c, err := s.config(ctx)
	if err != nil {
		return 0, err
	}
	if c.State != peerplaypay.TeamMember {
		return 0, peerplaypay.Errorf(peerplaypay.ECONFLICT, "Only a member of the team has batches to repair; this laptop is %s.", c.State)
	}
	sent, err := s.store.SentBatches(ctx)
	if err != nil || len(sent) == 0 {
		return 0, err
	}
	t, closeShare, err := s.connect(ctx, c)
	if err != nil {
		return 0, err
	}
	defer closeShare()
	me := t.Me().MemberID()
	n := 0
	for _, kept := range sent {
		h, err := share.ParseHash(kept.Hash)
		if err != nil {
			return n, err
		}
		wrote, err := t.RestoreBatch(ctx, &share.SealedBatch{Author: me, Seq: kept.Seq, Hash: h, Raw: kept.Raw})
		if err != nil {
			return n, err
		}
		if wrote {
			s.log.Warn("our batch was damaged in the share; put back", "seq", kept.Seq)
			n++
		}
	}
	return n, nil
}

// unpinForked keeps this laptop from following a branch it only learned of
// in this sync: when a peer's batch names another roster version at a
// number this sync's refresh just took from the share, the versions from
// that number on are not pinned (the ones verified before this sync stay).
// The members and the state shown are then those of the last version both
// branches share, until the fork is settled.
func (s *Service) unpinForked(ctx context.Context, c *peerplaypay.TeamConfig, t *share.Team, pinned int) error {
	e := t.Fork()
	if e == nil || e.Fork == nil || e.Fork.Version == 0 {
		return nil
	}
	keep := max(int(e.Fork.Version)-1, pinned, 1)
	if keep >= len(c.Roster) {
		return nil
	}
	team, err := share.ParseTeamID(c.TeamID)
	if err != nil {
		return fmt.Errorf("stored team: %w", err)
	}
	genesis, err := share.ParseHash(c.Genesis)
	if err != nil {
		return fmt.Errorf("stored genesis: %w", err)
	}
	r, err := share.VerifyRoster(team, genesis, c.Roster[:keep])
	if err != nil {
		return nil // not expected: a prefix of a verified roster; keep the pin as is
	}
	u, ok := s.store.(interface {
		UnpinRosterFrom(ctx context.Context, version uint64) error
	})
	if !ok {
		return nil
	}
	if err := u.UnpinRosterFrom(ctx, uint64(keep)+1); err != nil {
		return err
	}
	c.Roster = c.Roster[:keep]
	if r.IsActive(t.Me().MemberID()) {
		c.State = peerplaypay.TeamMember
	} else if _, ok := r.Member(t.Me().MemberID()); ok {
		c.State = peerplaypay.TeamRemoved
	}
	return s.store.SaveTeamConfig(ctx, c)
}

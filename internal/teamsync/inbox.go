package teamsync

import (
	"context"
	"fmt"
	"path"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
	"peerplaypay/internal/share/backend"
)

// Inbox returns the peers' logs f selects, unwatched first, with their
// authors' names, and how many match. A copy gone from the disk counts as
// not downloaded.
func (s *Service) Inbox(ctx context.Context, store peerplaypay.PeerLogService, f peerplaypay.PeerLogFilter) ([]*peerplaypay.PeerLog, int, error) {
	logs, total, err := store.FindPeerLogs(ctx, f)
	if err != nil || len(logs) == 0 {
		return logs, total, err
	}
	if err := s.forgetMissing(ctx, logs); err != nil {
		return nil, 0, err
	}
	names := s.MemberNames(ctx)
	for _, l := range logs {
		l.AuthorName = names[l.Author]
	}
	return logs, total, nil
}

// FetchPeerMedia downloads one peer's recording now, for a member who wants
// to watch a log the syncs have not brought (it came beyond the space for
// peers' recordings, or the sync has not reached it yet). The next sync may
// remove it again if it is among the oldest beyond that space.
func (s *Service) FetchPeerMedia(ctx context.Context, id int64, onProgress func(Progress)) (*peerplaypay.PeerLog, error) {
	l, err := s.store.PeerLog(ctx, id)
	if err != nil {
		return nil, err
	}
	if l.Kind == peerplaypay.LogText || len(l.Manifest) == 0 {
		return nil, peerplaypay.Errorf(peerplaypay.EINVALID, "This log has no recording to download: its table is all there is.")
	}
	if l.MediaExpired {
		return nil, errExpired
	}
	if l.MediaPath != "" && s.mediaHere(l.MediaPath) {
		return l, nil
	}
	m, name, err := peerRecording(l)
	if err != nil {
		return nil, err
	}
	lock, err := s.syncLock()
	if err != nil {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "A sync is running; it downloads the team's recordings, newest first. Wait for it to end, then download this one if it is still missing.")
	}
	defer lock.Unlock()
	c, err := s.config(ctx)
	if err != nil {
		return nil, err
	}
	t, closeShare, err := s.connect(ctx, c)
	if err != nil {
		return nil, err
	}
	defer closeShare()
	root, err := s.openDataRoot()
	if err != nil {
		return nil, err
	}
	defer root.Close()
	if err := root.MkdirAll(path.Dir(name), 0o700); err != nil {
		return nil, peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot make the folder for peers' recordings in %s (%v). Check the data folder's permissions and free space.", s.dataDir, err)
	}
	pr := &progress{emit: onProgress, start: time.Now()}
	pr.phase("media", 1, m.Size)
	author, _ := share.ParseMemberID(l.Author) // checked by peerRecording
	var done int64
	err = t.Download(ctx, author, m, root, name, share.DownloadOptions{Progress: func(p share.Progress) {
		pr.add(0, p.Bytes-done)
		done = p.Bytes
	}})
	switch {
	case backend.KindOf(err) == backend.KindNotFound:
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "%s's recording of %s is no longer in the share: its author may have taken it back.", nameOr(t.MemberName(author), l.Author), l.Day)
	case share.ReasonOf(err) != "":
		s.log.Warn("peer recording refused", "log", id, "reason", share.ReasonOf(err), "err", err)
		return nil, fmt.Errorf("%s's recording of %s: %w", nameOr(t.MemberName(author), l.Author), l.Day, err)
	case err != nil:
		return nil, err
	}
	pr.add(1, 0)
	if err := s.store.SetPeerMedia(ctx, id, name); err != nil {
		return nil, err
	}
	l.MediaPath = name
	return l, nil
}

// errExpired says why an expired recording cannot be had any more.
var errExpired = peerplaypay.Errorf(peerplaypay.EINVALID, "This recording expired: its author's app removed it from the team share under the team's retention. The table and what the team said stay.")

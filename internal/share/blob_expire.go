package share

import (
	"context"
	"fmt"
	"strings"
)

// DeleteOwnChunks deletes chunks of this member's own folder from the
// share: retention (PROTOCOL.md §12) removes an expired recording's chunks,
// and only its author can (each member writes only under its own folder).
// A chunk already gone is no error, so an interrupted deletion is simply
// run again. It returns how many deletions it asked for.
func (t *Team) DeleteOwnChunks(ctx context.Context, names []string) (int, error) {
	me := t.me.MemberID()
	n := 0
	for _, name := range names {
		if !IsBlobName(name) {
			return n, fmt.Errorf("delete chunk: %q is not a chunk name", name)
		}
		if err := t.b.Delete(ctx, blobKey(me, name)); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// FolderUse is what one member's folder holds in the share: its batches
// and its chunks, each by name with its stored size.
type FolderUse struct {
	Member     MemberID
	EventBytes int64
	Batches    int
	ChunkBytes int64
	Chunks     map[string]int64 // chunk name → stored (encrypted) size
}

// Usage lists members/ whole (one request per 1000 objects, nothing is
// read) and returns each member folder's use, keyed by member.
func (t *Team) Usage(ctx context.Context) (map[MemberID]*FolderUse, error) {
	entries, err := t.listOurs(ctx, membersPrefix, "", isMemberKey)
	if err != nil {
		return nil, fmt.Errorf("list the members' folders: %w", err)
	}
	out := map[MemberID]*FolderUse{}
	for _, e := range entries {
		parts := strings.Split(e.Key, "/")
		id, err := ParseMemberID(parts[1])
		if err != nil {
			continue
		}
		u := out[id]
		if u == nil {
			u = &FolderUse{Member: id, Chunks: map[string]int64{}}
			out[id] = u
		}
		if parts[2] == "blobs" {
			u.ChunkBytes += e.Size
			u.Chunks[parts[3]] = e.Size
		} else {
			u.EventBytes += e.Size
			u.Batches++
		}
	}
	return out, nil
}

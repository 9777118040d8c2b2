package share

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"peerplaypay/internal/share/backend"
)

// Where everything lives in the share (see PROTOCOL.md, "Layout"). Numbers
// are zero-padded to 12 digits so that lexical order, the order S3 lists
// in, is numeric order.
const (
	rosterPrefix  = "roster/"
	joinPrefix    = "join/"
	membersPrefix = "members/"
	seqDigits     = 12
	maxSeq        = 999_999_999_999
)

func seqName(n uint64) string { return fmt.Sprintf("%0*d", seqDigits, n) }

func parseSeqName(s string) (uint64, bool) {
	if len(s) != seqDigits {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}

func rosterKey(version uint64) string { return rosterPrefix + seqName(version) }

func memberPrefix(m MemberID) string { return membersPrefix + m.String() + "/" }

func eventsPrefix(m MemberID) string { return memberPrefix(m) + "events/" }

func batchKey(m MemberID, seq uint64) string { return eventsPrefix(m) + seqName(seq) }

func blobsPrefix(m MemberID) string { return memberPrefix(m) + "blobs/" }

func blobKey(m MemberID, name string) string { return blobsPrefix(m) + name }

// IsBlobName reports whether s can name a chunk: the 64 lowercase hex
// digits of a keyed hash. A name read off the share (in a manifest, in a
// listing) is checked with it before it reaches a key or a path.
func IsBlobName(s string) bool { return isHexName(s, 64) }

// isHexName reports whether s is exactly n lowercase hex digits: one
// spelling per value, nothing a path could misread.
func isHexName(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func joinMemberPrefix(m MemberID) string { return joinPrefix + m.String() + "/" }

func joinRequestKey(m MemberID) string { return joinMemberPrefix(m) + "request" }

// A refusal names the request it refuses, so that a later request by the
// same newcomer is not refused by it.
func refusalKey(m MemberID, request Hash) string {
	return joinMemberPrefix(m) + "refused-" + request.String()[:16]
}

// lastSegment returns what follows prefix in key.
func lastSegment(key, prefix string) string { return strings.TrimPrefix(key, prefix) }

// The names that are ours, one parser per kind of key. Anything else found
// under our prefixes (a sync tool's conflict copy such as
// "000000000002.sync-conflict-20261205-090000-ABCDEFG", a file manager's
// .DS_Store or desktop.ini, an editor's backup~) is foreign.

func isRosterKey(key string) bool {
	rest, ok := strings.CutPrefix(key, rosterPrefix)
	_, isSeq := parseSeqName(rest)
	return ok && isSeq
}

func isBatchKey(m MemberID) func(string) bool {
	return func(key string) bool {
		rest, ok := strings.CutPrefix(key, eventsPrefix(m))
		_, isSeq := parseSeqName(rest)
		return ok && isSeq
	}
}

func isBlobKey(m MemberID) func(string) bool {
	return func(key string) bool {
		rest, ok := strings.CutPrefix(key, blobsPrefix(m))
		return ok && IsBlobName(rest)
	}
}

// isMemberKey accepts what a member writes in its folder: a batch or a
// chunk, under the folder of a member ID. Whose ID it is, the roster says;
// a name is foreign by its form alone.
func isMemberKey(key string) bool {
	parts := strings.Split(key, "/")
	if len(parts) != 4 || parts[0]+"/" != membersPrefix {
		return false
	}
	if _, err := ParseMemberID(parts[1]); err != nil {
		return false
	}
	_, isSeq := parseSeqName(parts[3])
	return parts[2] == "events" && isSeq || parts[2] == "blobs" && IsBlobName(parts[3])
}

// isJoinKey accepts join/<member>/request and join/<member>/refused-<16 hex>.
func isJoinKey(key string) bool {
	parts := strings.Split(key, "/")
	if len(parts) != 3 || parts[0]+"/" != joinPrefix {
		return false
	}
	if _, err := ParseMemberID(parts[1]); err != nil {
		return false
	}
	h, refusal := strings.CutPrefix(parts[2], "refused-")
	return parts[2] == "request" || refusal && isHexName(h, 16)
}

// listOurs lists prefix and keeps the entries whose key ours accepts; the
// other names are returned apart, to be reported once and skipped: a file
// someone else put in the share is never a reason to stop.
func listOurs(ctx context.Context, b backend.Backend, prefix, startAfter string, ours func(string) bool) (entries []backend.Entry, foreign []string, err error) {
	all, err := b.List(ctx, prefix, startAfter)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range all {
		if !e.Foreign && ours(e.Key) {
			entries = append(entries, e)
		} else {
			foreign = append(foreign, e.Key)
		}
	}
	return entries, foreign, nil
}

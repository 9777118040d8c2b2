package share

import (
	"fmt"
	"strconv"
	"strings"
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

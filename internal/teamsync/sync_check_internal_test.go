package teamsync

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
)

// TestCheckPeerEvent: a reader refuses what an honest writer never writes,
// whatever kind of log event carries it.
func TestCheckPeerEvent(t *testing.T) {
	t.Parallel()
	uid := peerplaypay.NewUID()
	manifest := func(size int64, chunks ...share.ChunkRef) json.RawMessage {
		raw, _ := json.Marshal(share.Manifest{Format: 1, Epoch: 1, Size: size, SHA256: strings.Repeat("a", 64), ChunkSize: share.ChunkSize, Chunks: chunks})
		return raw
	}
	chunk := func(i, size int) share.ChunkRef { return share.ChunkRef{Name: fmt.Sprintf("%064x", i), Size: size} }
	event := func(kind string, data any) peerplaypay.ShareEvent {
		raw, _ := json.Marshal(data)
		return peerplaypay.ShareEvent{Kind: kind, V: 1, Data: raw}
	}
	published := func(uid string, size int64, media json.RawMessage) peerplaypay.ShareEvent {
		return event(peerplaypay.EventLogPublished, peerplaypay.LogPublished{UID: uid, Kind: peerplaypay.LogVideo, SizeBytes: size, Media: media})
	}
	for _, c := range []struct {
		name, want string
		e          peerplaypay.ShareEvent
	}{
		{"Good", "", published(uid, 5, manifest(5, chunk(1, 5)))},
		{"GoodText", "", published(uid, 0, nil)},
		{"Unparsable", "", peerplaypay.ShareEvent{Kind: peerplaypay.EventLogPublished, V: 1, Data: []byte(`{"uid": 3`)}},
		{"OtherKind", "", event("thanks.given", map[string]string{"uid": "../x"})},
		{"UIDWalksToPeer", "uid", published("../"+strings.Repeat("b", 32)+"/"+uid, 5, manifest(5, chunk(1, 5)))},
		{"UIDWalksOut", "uid", published("../../../../../tmp/pwned", 5, manifest(5, chunk(1, 5)))},
		{"UIDAbsolute", "uid", published("/tmp/pwned", 0, nil)},
		{"UIDEmpty", "uid", published("", 0, nil)},
		{"UIDUpperCase", "uid", published(strings.ToUpper(strings.Repeat("ab", 16)), 0, nil)},
		{"UIDWithNewline", "uid", published(uid[:31]+"\n", 0, nil)},
		{"EditedUID", "uid", event(peerplaypay.EventLogEdited, peerplaypay.LogEdited{UID: "../" + uid})},
		{"DeletedUID", "uid", event(peerplaypay.EventLogDeleted, peerplaypay.LogDeleted{UID: "..\\" + uid})},
		{"DeclaredSizeTiny", "size", published(uid, 1, manifest(2*share.ChunkSize, chunk(1, share.ChunkSize), chunk(2, share.ChunkSize)))},
		{"DeclaredSizeNegative", "size", published(uid, -1, nil)},
		{"ManifestSizeNegative", "size", published(uid, -1, manifest(-1))},
		{"RepeatedChunks", "size", published(uid, 2*share.ChunkSize, manifest(2*share.ChunkSize, chunk(1, share.ChunkSize), chunk(1, share.ChunkSize)))},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := checkPeerEvent(c.e)
			if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
				t.Fatalf("checkPeerEvent = %q; want %q", got, c.want)
			}
			if strings.ContainsAny(got, "\n\r") {
				t.Fatalf("the reason %q spans lines", got)
			}
		})
	}
}

package teamsync

import (
	"encoding/json"
	"fmt"
	"strconv"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
)

// checkPeerEvent applies to a peer's event the rules our own writer keeps,
// before anything of its batch is applied, and says what is wrong ("" when
// nothing is). A modified client writes what it likes: a log's uid becomes
// a file name under peers/, and its declared size is what the media budget
// counts, so both are checked here rather than trusted. An event whose
// data does not parse at all is left to the applier, which keeps it and
// skips it (PROTOCOL.md §11.3).
func checkPeerEvent(e peerplaypay.ShareEvent) string {
	switch e.Kind {
	case peerplaypay.EventLogPublished:
		var d peerplaypay.LogPublished
		if json.Unmarshal(e.Data, &d) != nil {
			return ""
		}
		if why := checkLogUID(d.UID); why != "" {
			return why
		}
		if why := checkLogCodec(d); why != "" {
			return why
		}
		return checkLogMedia(d)
	case peerplaypay.EventLogEdited:
		var d peerplaypay.LogEdited
		if json.Unmarshal(e.Data, &d) != nil {
			return ""
		}
		return checkLogUID(d.UID)
	case peerplaypay.EventLogDeleted:
		var d peerplaypay.LogDeleted
		if json.Unmarshal(e.Data, &d) != nil {
			return ""
		}
		return checkLogUID(d.UID)
	}
	return ""
}

// memberCalled names member id in a checker's sentence: by the name this
// laptop knows, else by the start of its ID (quoted whole when short, as a
// forged ID may be anything).
func memberCalled(name func(string) string, id string) string {
	if n := name(id); n != "" {
		return n
	}
	if len(id) > 8 {
		return "member " + id[:8]
	}
	return "member " + quoted(id)
}

func checkLogUID(uid string) string {
	if !peerplaypay.IsUID(uid) {
		return fmt.Sprintf("the log's uid %s is not a uid (32 lowercase hex digits)", quoted(uid))
	}
	return ""
}

// checkLogCodec refuses a codec that is no codec name, or that comes with
// a log that has no video: our writer sends one only for a video
// recording. A name this version does not know is let through: a later
// version's log, whose table is shown with a sentence instead of a player.
func checkLogCodec(d peerplaypay.LogPublished) string {
	if d.Codec == "" {
		return ""
	}
	if why := peerplaypay.CheckCodecName(d.Codec); why != "" {
		return fmt.Sprintf("the log's codec %s is refused: %s", quoted(string(d.Codec)), why)
	}
	if d.Kind != peerplaypay.LogVideo {
		return fmt.Sprintf("the log declares a video codec (%s) but is a %s log", quoted(string(d.Codec)), quoted(string(d.Kind)))
	}
	return ""
}

// checkLogMedia holds the declared size to the manifest's: the chunks are
// what a download writes, so their sum is the truth.
func checkLogMedia(d peerplaypay.LogPublished) string {
	if d.SizeBytes < 0 {
		return fmt.Sprintf("the log's declared size (sizeBytes %d) is negative", d.SizeBytes)
	}
	if len(d.Media) == 0 || string(d.Media) == "null" {
		return ""
	}
	m, err := parseManifest(d.Media)
	if err != nil {
		return "its recording's description is refused: " + peerplaypay.ErrorMessage(err)
	}
	if m.Size != d.SizeBytes {
		return fmt.Sprintf("the log's declared size (sizeBytes %d) is not the size its recording's chunks add up to (%d bytes)", d.SizeBytes, m.Size)
	}
	return ""
}

// parseManifest reads and validates a recording's manifest as stored with
// a peer's log.
func parseManifest(raw json.RawMessage) (*share.Manifest, error) {
	var m share.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, peerplaypay.Errorf(peerplaypay.ECORRUPT, "A media file's description cannot be read (%v); the file cannot be downloaded.", err)
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return &m, nil
}

// quoted shows a name from the share in a message: escaped, so that no
// byte of it can forge a line of the report, and cut short.
func quoted(s string) string {
	if len(s) > 48 {
		s = s[:48] + "..."
	}
	return strconv.QuoteToASCII(s)
}

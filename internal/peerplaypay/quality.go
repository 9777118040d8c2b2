package peerplaypay

// Quality is a recording preset: a size and bit rate chosen so that a team
// can sync everyone's stand-ups every day.
type Quality string

const (
	// QualityStandard is 720p at about 1 Mbit/s, what video-call products
	// use for 720p: 7.5 MB a minute.
	QualityStandard Quality = "standard"
	// QualitySmall is 360p at about 450 kbit/s, for slow shares and small
	// disks: 3.4 MB a minute.
	QualitySmall Quality = "small"
	// QualityCompact is 720p in VP9 at the quality of Standard in a third
	// less space. VP9 costs more CPU than VP8, so it is offered only where
	// the machine encodes it at 30 fps with room to spare (media.VP9Speed).
	QualityCompact Quality = "compact"
	// QualityAudio is sound only: 0.4 MB a minute.
	QualityAudio Quality = "audio"
)

// VideoCodec names the video codec of a recording, as in a log event's
// "codec" field (share PROTOCOL §11.6).
type VideoCodec string

const (
	CodecVP8 VideoCodec = "vp8"
	CodecVP9 VideoCodec = "vp9"
)

// KnownVideoCodec reports whether this version can record and play c.
func KnownVideoCodec(c VideoCodec) bool { return c == CodecVP8 || c == CodecVP9 }

// CheckCodecName says what is wrong with a codec name from a peer ("" when
// nothing is): 1 to 16 lowercase letters and digits. A later version may
// name a codec this one does not know, which is kept (the window then
// says it cannot play it); anything else is no codec name at all.
func CheckCodecName(c VideoCodec) string {
	if len(c) == 0 || len(c) > 16 {
		return "a codec name is 1 to 16 characters"
	}
	for _, r := range c {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return "a codec name has only lowercase letters and digits"
		}
	}
	return ""
}

// CodecOfTrack maps a Matroska codec ID ("V_VP9") to a VideoCodec, "" for
// one that is not ours.
func CodecOfTrack(id string) VideoCodec {
	switch id {
	case "V_VP8":
		return CodecVP8
	case "V_VP9":
		return CodecVP9
	}
	return ""
}

// DefaultQuality is Standard: a five-minute stand-up is about 38 MB, so a
// team of seven moves well under 300 MB a day through its share.
const DefaultQuality = QualityStandard

// QualityPreset is what a Quality means for the recorder.
type QualityPreset struct {
	Quality Quality `json:"quality" ts_type:"'standard' | 'compact' | 'small' | 'audio'"`
	Label   string  `json:"label"`
	Width   int     `json:"width"`  // 0 for audio only
	Height  int     `json:"height"` // 0 for audio only
	// Codec is the video codec, "" for audio only.
	Codec        VideoCodec `json:"codec"`
	VideoBitRate int        `json:"videoBitRate"`
	AudioBitRate int        `json:"audioBitRate"`
	// Unavailable says why this machine does not record this preset (""
	// when it does): Compact where VP9 cannot hold 30 fps. A member may
	// still choose it; recordings then use Standard.
	Unavailable string `json:"unavailable,omitempty"`
}

// AudioOnly reports whether the preset records no video.
func (p QualityPreset) AudioOnly() bool { return p.Width == 0 }

// BitsPerSecond is the preset's target rate, video and sound together.
func (p QualityPreset) BitsPerSecond() int { return p.VideoBitRate + p.AudioBitRate }

// QualityPresets lists the presets, best first.
func QualityPresets() []QualityPreset {
	return []QualityPreset{
		{QualityStandard, "Standard: 720p, about 7.5 MB a minute", 1280, 720, CodecVP8, 1_000_000, 48_000, ""},
		{QualityCompact, "Compact: 720p in VP9, about 5 MB a minute", 1280, 720, CodecVP9, 600_000, 48_000, ""},
		{QualitySmall, "Small: 360p, about 3.4 MB a minute", 640, 360, CodecVP8, 400_000, 48_000, ""},
		{QualityAudio, "Audio only: about 0.4 MB a minute", 0, 0, "", 0, 48_000, ""},
	}
}

// PresetOf returns the preset of q, or an EINVALID error naming the choices.
func PresetOf(q Quality) (QualityPreset, error) {
	for _, p := range QualityPresets() {
		if p.Quality == q {
			return p, nil
		}
	}
	return QualityPreset{}, FieldErrorf("quality", "Unknown recording quality %q; choose standard, compact, small or audio.", q)
}

// SettingQuality is the settings key of the member's chosen Quality, read
// by the window and by `peerplaypay record`.
const SettingQuality = "recording.quality"

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
	// QualityAudio is sound only: 0.4 MB a minute.
	QualityAudio Quality = "audio"
)

// DefaultQuality is Standard: a five-minute stand-up is about 38 MB, so a
// team of seven moves well under 300 MB a day through its share.
const DefaultQuality = QualityStandard

// QualityPreset is what a Quality means for the recorder.
type QualityPreset struct {
	Quality      Quality `json:"quality"`
	Label        string  `json:"label"`
	Width        int     `json:"width"`  // 0 for audio only
	Height       int     `json:"height"` // 0 for audio only
	VideoBitRate int     `json:"videoBitRate"`
	AudioBitRate int     `json:"audioBitRate"`
}

// AudioOnly reports whether the preset records no video.
func (p QualityPreset) AudioOnly() bool { return p.Width == 0 }

// BitsPerSecond is the preset's target rate, video and sound together.
func (p QualityPreset) BitsPerSecond() int { return p.VideoBitRate + p.AudioBitRate }

// QualityPresets lists the presets, best first.
func QualityPresets() []QualityPreset {
	return []QualityPreset{
		{QualityStandard, "Standard: 720p, about 7.5 MB a minute", 1280, 720, 1_000_000, 48_000},
		{QualitySmall, "Small: 360p, about 3.4 MB a minute", 640, 360, 400_000, 48_000},
		{QualityAudio, "Audio only: about 0.4 MB a minute", 0, 0, 0, 48_000},
	}
}

// PresetOf returns the preset of q, or an EINVALID error naming the choices.
func PresetOf(q Quality) (QualityPreset, error) {
	for _, p := range QualityPresets() {
		if p.Quality == q {
			return p, nil
		}
	}
	return QualityPreset{}, FieldErrorf("quality", "Unknown recording quality %q; choose standard, small or audio.", q)
}

// SettingQuality is the settings key of the member's chosen Quality, read
// by the window and by `peerplaypay record`.
const SettingQuality = "recording.quality"

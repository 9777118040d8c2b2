package app

import (
	"strconv"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/standup"
)

// Settings keys for recording.
const (
	keyVideoDevice = "recording.videoDevice"
	keyAudioDevice = "recording.audioDevice"
	keyMaxSeconds  = "recording.maxSeconds"
	keyQuality     = peerplaypay.SettingQuality
)

// Devices is bound to the frontend: cameras, microphones and the recording
// settings, remembered in the database.
type Devices struct {
	app *App
}

// NewDevices returns the Devices facade of a.
func NewDevices(a *App) *Devices { return &Devices{app: a} }

// DeviceView is a camera or microphone.
type DeviceView struct {
	Kind  string `json:"kind" ts_type:"'video' | 'audio'"`
	ID    string `json:"id"`
	Label string `json:"label"`
}

// DeviceList is what can be recorded from. With no device at all, Message
// says so and what still works: the list is not an error, text logs need
// no device.
type DeviceList struct {
	Devices []DeviceView `json:"devices"`
	Message string       `json:"message"`
}

// RecordingSettings are the member's choices for recording.
type RecordingSettings struct {
	VideoDeviceID string `json:"videoDeviceId"` // "" = the first camera
	AudioDeviceID string `json:"audioDeviceId"` // "" = the first microphone
	MaxSeconds    int    `json:"maxSeconds"`
	// Quality is the preset: standard, compact, small or audio.
	Quality peerplaypay.Quality `json:"quality" ts_type:"'standard' | 'compact' | 'small' | 'audio'"`
	// Presets lists the choices, with what each costs; read only.
	Presets []peerplaypay.QualityPreset `json:"presets"`
}

// Limits of the maximum recording length: a stand-up is short, but a
// member may need longer on a day with much to say.
const (
	minMaxSeconds     = 10
	maxMaxSeconds     = 60 * 60
	defaultMaxSeconds = int(media.DefaultMaxDuration / 1e9)
)

// List returns the cameras and microphones.
func (d *Devices) List() DeviceList {
	svc, err := d.app.services()
	if err != nil {
		return DeviceList{Devices: []DeviceView{}, Message: peerplaypay.ErrorMessage(err)}
	}
	devs, err := media.Devices(svc.ctx)
	list := DeviceList{Devices: []DeviceView{}}
	if err != nil {
		list.Message = peerplaypay.ErrorMessage(err)
	}
	for _, dev := range devs {
		list.Devices = append(list.Devices, DeviceView{Kind: string(dev.Kind), ID: dev.ID, Label: dev.Label})
	}
	return list
}

// Settings returns the recording settings.
func (d *Devices) Settings() (RecordingSettings, error) {
	svc, err := d.app.services()
	if err != nil {
		return RecordingSettings{}, toUser(d.app.log, "settings", err)
	}
	return loadRecordingSettings(svc)
}

func loadRecordingSettings(svc services) (RecordingSettings, error) {
	var rs RecordingSettings
	var err error
	if rs.VideoDeviceID, err = svc.settings.Setting(svc.ctx, keyVideoDevice, ""); err != nil {
		return rs, err
	}
	if rs.AudioDeviceID, err = svc.settings.Setting(svc.ctx, keyAudioDevice, ""); err != nil {
		return rs, err
	}
	max, err := svc.settings.Setting(svc.ctx, keyMaxSeconds, "")
	if err != nil {
		return rs, err
	}
	if rs.MaxSeconds, err = strconv.Atoi(max); err != nil || rs.MaxSeconds < minMaxSeconds || rs.MaxSeconds > maxMaxSeconds {
		rs.MaxSeconds = defaultMaxSeconds
	}
	q, err := svc.settings.Setting(svc.ctx, keyQuality, string(peerplaypay.DefaultQuality))
	if err != nil {
		return rs, err
	}
	rs.Quality = peerplaypay.Quality(q)
	if _, err := peerplaypay.PresetOf(rs.Quality); err != nil {
		rs.Quality = peerplaypay.DefaultQuality
	}
	rs.Presets = standup.PresetsFor(svc.ctx, svc.settings)
	return rs, nil
}

// SaveSettings validates and stores the recording settings.
func (d *Devices) SaveSettings(rs RecordingSettings) (RecordingSettings, error) {
	svc, err := d.app.services()
	if err != nil {
		return rs, toUser(d.app.log, "settings", err)
	}
	if rs.MaxSeconds < minMaxSeconds || rs.MaxSeconds > maxMaxSeconds {
		return rs, toUser(d.app.log, "settings", peerplaypay.FieldErrorf("maxSeconds",
			"The maximum length must be between %d seconds and %d minutes.", minMaxSeconds, maxMaxSeconds/60))
	}
	if rs.Quality == "" {
		rs.Quality = peerplaypay.DefaultQuality
	}
	if _, err := peerplaypay.PresetOf(rs.Quality); err != nil {
		return rs, toUser(d.app.log, "settings", err)
	}
	rs.Presets = standup.PresetsFor(svc.ctx, svc.settings)
	err = svc.settings.SetSettings(svc.ctx, map[string]string{
		keyVideoDevice: rs.VideoDeviceID,
		keyAudioDevice: rs.AudioDeviceID,
		keyMaxSeconds:  strconv.Itoa(rs.MaxSeconds),
		keyQuality:     string(rs.Quality),
	})
	return rs, toUser(d.app.log, "settings", err)
}

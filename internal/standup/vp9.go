package standup

import (
	"context"
	"encoding/json"
	"runtime"
	"time"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
)

// SettingVP9Check keeps the VP9 speed check's answer (media.VP9Check as
// JSON), so it runs once per machine and libvpx rather than per start.
const SettingVP9Check = "recording.vp9Check"

// vp9CheckMaxAge bounds how long a kept answer holds: a laptop's power
// settings or a libvpx update between package versions may change it.
const vp9CheckMaxAge = 30 * 24 * time.Hour

// Settings is what the VP9 check needs of the settings store.
type Settings interface {
	Setting(ctx context.Context, key, def string) (string, error)
	SetSettings(ctx context.Context, values map[string]string) error
}

// VP9 returns whether this machine records Compact (VP9 at 30 fps): the
// answer kept in settings when it was made here with this libvpx within
// 30 days, else this process's own check (about half a second, once per
// process), which is then kept.
func VP9(ctx context.Context, settings Settings) media.VP9Check {
	if raw, err := settings.Setting(ctx, SettingVP9Check, ""); err == nil && raw != "" {
		var c media.VP9Check
		if json.Unmarshal([]byte(raw), &c) == nil && c.Libvpx == media.LibvpxVersion() && c.CPUs == runtime.NumCPU() &&
			time.Since(c.At) < vp9CheckMaxAge && c.At.Before(time.Now().Add(time.Minute)) {
			media.RememberVP9(c)
			return c
		}
	}
	// This process's own measure, never an answer kept elsewhere: that may
	// be the one just found stale.
	c := media.MeasuredVP9()
	media.RememberVP9(c)
	if b, err := json.Marshal(c); err == nil {
		_ = settings.SetSettings(ctx, map[string]string{SettingVP9Check: string(b)}) // only a cache
	}
	return c
}

// ResolvePreset returns the preset to record with: p itself, or Standard
// when p is VP9 and this machine cannot hold 30 fps with it, with the
// sentence that says so.
func ResolvePreset(ctx context.Context, settings Settings, p peerplaypay.QualityPreset) (peerplaypay.QualityPreset, string) {
	if p.Codec != peerplaypay.CodecVP9 {
		return p, ""
	}
	c := VP9(ctx, settings)
	if c.OK {
		return p, ""
	}
	std, _ := peerplaypay.PresetOf(peerplaypay.QualityStandard)
	return std, c.Reason
}

// PresetsFor lists the presets with, on Compact, why it is not offered on
// this machine ("" when it is).
func PresetsFor(ctx context.Context, settings Settings) []peerplaypay.QualityPreset {
	ps := peerplaypay.QualityPresets()
	for i := range ps {
		if ps[i].Codec == peerplaypay.CodecVP9 {
			if c := VP9(ctx, settings); !c.OK {
				ps[i].Unavailable = c.Reason
			}
		}
	}
	return ps
}

package standup_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/standup"
)

// TestVP9CheckKept: the speed check's answer is kept in the real settings
// table and trusted while it fits this machine and libvpx; a kept "too
// slow" turns Compact into Standard with its sentence, and one made with
// another libvpx is checked again.
func TestVP9CheckKept(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	settings := sqlite.NewSettingsService(db)
	compact, _ := peerplaypay.PresetOf(peerplaypay.QualityCompact)
	keep := func(c media.VP9Check) {
		b, _ := json.Marshal(c)
		if err := settings.SetSettings(ctx, map[string]string{standup.SettingVP9Check: string(b)}); err != nil {
			t.Fatal(err)
		}
	}

	slow := media.VP9Check{MsPerFrame: 40, Reason: "This computer needs 40 ms to encode a 720p frame in VP9.",
		Libvpx: media.LibvpxVersion(), CPUs: runtime.NumCPU(), At: time.Now().UTC()}
	keep(slow)
	p, note := standup.ResolvePreset(ctx, settings, compact)
	if p.Quality != peerplaypay.QualityStandard || p.Codec != peerplaypay.CodecVP8 || note != slow.Reason {
		t.Errorf("a machine too slow for VP9 records %+v (%q), want Standard and the check's sentence", p, note)
	}
	for _, ps := range standup.PresetsFor(ctx, settings) {
		if (ps.Quality == peerplaypay.QualityCompact) != (ps.Unavailable != "") {
			t.Errorf("preset %s unavailable = %q", ps.Quality, ps.Unavailable)
		}
	}
	if p, note := standup.ResolvePreset(ctx, settings, mustPreset(t, peerplaypay.QualitySmall)); p.Quality != peerplaypay.QualitySmall || note != "" {
		t.Errorf("Small became %s (%q)", p.Quality, note)
	}

	// Made with another libvpx: checked again here, and the new answer kept.
	slow.Libvpx = "v0.0.1-old"
	keep(slow)
	c := standup.VP9(ctx, settings)
	if c.MsPerFrame == 40 || c.Libvpx != media.LibvpxVersion() {
		t.Errorf("a check of another libvpx was trusted: %+v", c)
	}
	raw, _ := settings.Setting(ctx, standup.SettingVP9Check, "")
	if !strings.Contains(raw, media.LibvpxVersion()) {
		t.Errorf("the new answer was not kept: %s", raw)
	}
}

func mustPreset(t *testing.T, q peerplaypay.Quality) peerplaypay.QualityPreset {
	t.Helper()
	p, err := peerplaypay.PresetOf(q)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

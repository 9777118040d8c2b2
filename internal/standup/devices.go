package standup

import (
	"context"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
)

// ChooseDevices picks the wanted camera and microphone, or the first of
// each kind when none is wanted or the wanted one is gone (unplugged). With
// audioOnly no camera is chosen.
func ChooseDevices(ctx context.Context, wantVideo, wantAudio string, audioOnly bool) (video, audio string, err error) {
	devs, err := media.Devices(ctx)
	if err != nil {
		return "", "", err
	}
	pick := func(kind media.DeviceKind, want string) string {
		first := ""
		for _, d := range devs {
			if d.Kind != kind {
				continue
			}
			if d.ID == want {
				return d.ID
			}
			if first == "" {
				first = d.ID
			}
		}
		return first
	}
	audio = pick(media.KindAudio, wantAudio)
	if audio == "" {
		return "", "", peerplaypay.Errorf(peerplaypay.EUNAVAILABLE, "No microphone found. Connect one (and check Settings), or write a text log instead.")
	}
	if !audioOnly {
		if video = pick(media.KindVideo, wantVideo); video == "" {
			return "", "", peerplaypay.Errorf(peerplaypay.EUNAVAILABLE, "No camera found. Record audio only, or connect a camera and check Settings.")
		}
	}
	return video, audio, nil
}

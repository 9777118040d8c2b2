package media

import (
	"context"
	"fmt"
	"peerplaypay/internal/peerplaypay"
)

const codecFix = "Install the codec libraries (Debian/Ubuntu: sudo apt-get install libvpx-dev libopus-dev pkg-config; " +
	"Fedora: sudo dnf install libvpx-devel opus-devel; macOS: brew install libvpx opus pkg-config), then rebuild PeerPlayPay."

// CheckDevices reports whether any camera or microphone can be recorded
// from, for `doctor`.
func CheckDevices(ctx context.Context) peerplaypay.Check {
	c := peerplaypay.Check{Name: "Cameras and microphones", Status: peerplaypay.CheckWarn}
	devs, err := Devices(ctx)
	if err != nil {
		c.Detail = "none found: audio and video logs need them; text logs work without"
		c.Fix = "Connect a camera or microphone and allow PeerPlayPay to use it (Linux: add your user to the video and audio groups); " +
			"to try the app without hardware set PEERPLAYPAY_SYNTHETIC_DEVICES=1."
		return c
	}
	var v, a int
	for _, d := range devs {
		if d.Kind == KindVideo {
			v++
		} else {
			a++
		}
	}
	c.Status = peerplaypay.CheckOK
	c.Detail = fmt.Sprintf("%d camera(s), %d microphone(s)", v, a)
	if a == 0 {
		c.Status = peerplaypay.CheckWarn
		c.Fix = "No microphone was found; a stand-up needs one. Connect a microphone or headset."
	}
	return c
}

//go:build nocodecs

package media

import (
	"context"

	"github.com/pion/mediadevices"

	"peerplaypay/internal/peerplaypay"
)

// missing is what a build without the codec libraries says when asked to
// record: what is missing and how to get it.
func missing() error {
	return peerplaypay.Errorf(peerplaypay.EUNAVAILABLE,
		"This copy of PeerPlayPay was built without its video and audio encoders (libvpx and libopus were missing), so it cannot record; text logs work. %s", codecFix)
}

func newCodecSelector(RecordParams) (*mediadevices.CodecSelector, error) {
	return nil, missing()
}

// ProbeCodecs reports the encoders as missing from this build.
func ProbeCodecs(ctx context.Context) []peerplaypay.Check {
	return []peerplaypay.Check{
		{Name: "VP8 video encoder (libvpx)", Status: peerplaypay.CheckFail, Detail: "not in this build: the libvpx library was missing when PeerPlayPay was built", Fix: codecFix},
		{Name: "Opus audio encoder (libopus)", Status: peerplaypay.CheckFail, Detail: "not in this build: the libopus library was missing when PeerPlayPay was built", Fix: codecFix},
	}
}

// CheckVP9 says VP9 is missing from this build.
func CheckVP9() VP9Check {
	return VP9Check{Reason: "This copy of PeerPlayPay was built without libvpx, so it cannot record VP9. " + codecFix}
}

// LibvpxVersion is "": no libvpx in this build.
func LibvpxVersion() string { return "" }

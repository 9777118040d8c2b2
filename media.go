package main

import (
	"context"
	"os"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
)

// syntheticDevices reports whether the test-pattern camera and tone
// microphone were asked for, to try the app on a machine without devices.
func syntheticDevices() bool {
	return os.Getenv("PEERPLAYPAY_SYNTHETIC_DEVICES") == "1"
}

// mediaChecks is doctor's view of recording: the encoders really encode,
// and the devices are listed.
func mediaChecks(ctx context.Context) []peerplaypay.Check {
	return append(media.ProbeCodecs(ctx), media.CheckDevices(ctx))
}

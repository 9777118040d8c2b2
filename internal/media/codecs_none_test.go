//go:build nocodecs

package media

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
)

// A build without libvpx and libopus must say what is missing and how to
// install it, and refuse to record with that message rather than fail.
func TestBuildWithoutCodecs(t *testing.T) {
	checks := ProbeCodecs(context.Background())
	if len(checks) != 2 {
		t.Fatalf("%d checks", len(checks))
	}
	for _, c := range checks {
		if c.Status != peerplaypay.CheckFail || !strings.Contains(c.Fix, "apt-get install libvpx-dev libopus-dev") {
			t.Errorf("check = %+v", c)
		}
	}
	RegisterSynthetic()
	_, err := StartRecording(context.Background(), RecordParams{Path: filepath.Join(t.TempDir(), "x.webm"), AudioDeviceID: SyntheticID})
	if peerplaypay.ErrorCode(err) != peerplaypay.EUNAVAILABLE || !strings.Contains(peerplaypay.ErrorMessage(err), "libopus") {
		t.Fatalf("record without codecs: %v", err)
	}
}

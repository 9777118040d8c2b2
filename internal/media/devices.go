package media

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"

	"github.com/pion/mediadevices/pkg/driver"
	// Real capture drivers register themselves with the driver manager.
	_ "github.com/pion/mediadevices/pkg/driver/camera"
	_ "github.com/pion/mediadevices/pkg/driver/microphone"

	"peerplaypay/internal/peerplaypay"
)

// DeviceKind says whether a device captures video or audio.
type DeviceKind string

const (
	KindVideo DeviceKind = "video"
	KindAudio DeviceKind = "audio"
)

// Device is a camera or microphone that can be recorded from. ID is stable
// across runs for the same hardware (mediadevices' own IDs are random UUIDs
// made at every start, so we use the driver label, which names the device
// node or the audio backend's device), and is "synthetic" for the test
// devices.
type Device struct {
	Kind  DeviceKind
	ID    string
	Label string
}

// Devices lists the cameras and microphones that can be recorded from.
// Placeholder devices such as the audio backend's "null" device on a
// headless machine are left out: they produce no sound and have crashed the
// Opus encoder. With no device at all it returns an EUNAVAILABLE error.
func Devices(ctx context.Context) ([]Device, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Device
	for _, d := range usableDrivers() {
		out = append(out, deviceOf(d))
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind != b.Kind {
			return a.Kind == KindVideo
		}
		if IsSynthetic(a.ID) != IsSynthetic(b.ID) {
			return IsSynthetic(b.ID) // real devices first
		}
		return a.Label < b.Label
	})
	if len(out) == 0 {
		return nil, peerplaypay.Errorf(peerplaypay.EUNAVAILABLE,
			"No camera or microphone was found. Connect one and check that PeerPlayPay may use it "+
				"(on Linux your user must be in the video and audio groups); to try the app without "+
				"hardware, start it with PEERPLAYPAY_SYNTHETIC_DEVICES=1.")
	}
	return out, nil
}

func deviceOf(d driver.Driver) Device {
	info := d.Info()
	dev := Device{ID: info.Label, Label: info.Name}
	if dev.Label == "" {
		dev.Label = info.Label
	}
	if info.DeviceType == driver.Microphone {
		dev.Kind = KindAudio
	} else {
		dev.Kind = KindVideo
	}
	return dev
}

// usableDrivers returns the camera and microphone drivers worth offering.
func usableDrivers() []driver.Driver {
	all := driver.GetManager().Query(func(d driver.Driver) bool {
		info := d.Info()
		switch {
		case info.DeviceType == driver.Screen:
			return false
		case driver.FilterVideoRecorder()(d):
			return true
		case driver.FilterAudioRecorder()(d):
			return !isPlaceholderMic(info)
		}
		return false
	})
	return all
}

// isPlaceholderMic recognises miniaudio's null backend device. Its label is
// the hex of the backend's device ID ("6e756c6c" is "null").
func isPlaceholderMic(info driver.Info) bool {
	label := strings.ToLower(info.Label)
	if b, err := hex.DecodeString(label); err == nil {
		label = strings.ToLower(string(b))
	}
	name := strings.ToLower(info.Name)
	return label == "null" || strings.Contains(name, "discard all samples") ||
		strings.HasPrefix(name, "null")
}

// findDriver resolves one of our device IDs to a registered driver.
func findDriver(kind DeviceKind, id string) (driver.Driver, error) {
	for _, d := range usableDrivers() {
		if dev := deviceOf(d); dev.Kind == kind && dev.ID == id {
			return d, nil
		}
	}
	what := "camera"
	if kind == KindAudio {
		what = "microphone"
	}
	return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND,
		"The %s %q is not available. Check that it is connected, or pick another one in Settings.", what, id)
}

// guard runs f and turns a panic inside it (mediadevices drivers and
// codecs panic on some device failures) into an error.
func guard(what string, f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%s: panic: %v\n%s", what, v, debug.Stack())
		}
	}()
	return f()
}

// ErrCameraInUse is the error for a camera another recording holds.
func ErrCameraInUse(id string) error {
	return peerplaypay.Errorf(peerplaypay.ECONFLICT,
		"The camera %q is in use by another recording (another PeerPlayPay window or command, or another app). Stop that recording first, record audio only, or choose another camera in Settings.", id)
}

// cameraBusy reports whether a driver's error means that another program
// holds the camera (V4L2 answers EBUSY to a second reader).
func cameraBusy(err error) bool {
	return errors.Is(err, syscall.EBUSY) || strings.Contains(strings.ToLower(err.Error()), "device or resource busy")
}

package media

import (
	"fmt"
	"sync"
	"time"
)

// VP9Check is what the VP9 speed check found on this computer.
type VP9Check struct {
	OK bool `json:"ok"`
	// MsPerFrame is the CPU time one 720p frame took to encode, keyframe
	// excluded; 0 if the check could not encode.
	MsPerFrame float64 `json:"msPerFrame"`
	// Reason says, for a member, why VP9 is not offered; "" when it is.
	Reason string `json:"reason,omitempty"`
	// Libvpx and CPUs are what the answer depends on: a cached answer
	// made with another libvpx or on another machine is checked again.
	Libvpx string    `json:"libvpx"`
	CPUs   int       `json:"cpus"`
	At     time.Time `json:"at"`
}

// VP9Budget is the share of one core VP9 may take: at most half the frame
// interval per frame, so capture, sound, muxing and the window keep up and
// a busy moment does not drop the recording below 30 fps.
const VP9Budget = 0.5

func vp9Verdict(c VP9Check) VP9Check {
	limit := VP9Budget * 1000 / 30
	c.OK = c.MsPerFrame > 0 && c.MsPerFrame <= limit
	if !c.OK && c.Reason == "" {
		c.Reason = fmt.Sprintf("This computer needs %.0f ms to encode a 720p frame in VP9, more than the %.0f ms that 30 frames a second allow alongside everything else; Compact would drop frames, so recordings use Standard (VP8).", c.MsPerFrame, limit)
	}
	return c
}

var (
	vp9Mu       sync.Mutex
	vp9Measured *VP9Check // this process's own check
	vp9Known    *VP9Check // the latest answer: measured, or kept from an earlier run
)

// MeasuredVP9 returns this process's own VP9 check, running it on first
// use (about half a second of CPU; several under the race detector).
func MeasuredVP9() VP9Check {
	vp9Mu.Lock()
	defer vp9Mu.Unlock()
	if vp9Measured == nil {
		c := CheckVP9()
		vp9Measured = &c
	}
	return *vp9Measured
}

// RememberVP9 makes c the answer KnownVP9 gives (one kept in the settings
// by an earlier run, or just measured).
func RememberVP9(c VP9Check) {
	vp9Mu.Lock()
	defer vp9Mu.Unlock()
	vp9Known = &c
}

// KnownVP9 is the latest answer this process has, measuring if it has none.
func KnownVP9() VP9Check {
	vp9Mu.Lock()
	known := vp9Known
	vp9Mu.Unlock()
	if known != nil {
		return *known
	}
	return MeasuredVP9()
}

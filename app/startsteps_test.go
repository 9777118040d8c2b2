package app

import (
	"testing"
	"time"
)

// The page's steps, timed by its own clock from when it was asked for, are
// put on the process's clock beside Go's, in order; a step the page did not
// see is left out.
func TestStartSteps(t *testing.T) {
	started := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	a := &App{cfg: Config{Started: started}}
	a.steps = []startStep{{"wails up", 300 * time.Millisecond}, {"services open", 340 * time.Millisecond}, {"status asked", 520 * time.Millisecond}}
	a.step("wails up") // the first time counts
	origin := started.Add(410 * time.Millisecond)
	got := a.startSteps(PageTimes{
		Origin: float64(origin.UnixMicro()) / 1000,
		HTML:   20, Bundle: 60, Script: 95, Evaluated: 130, Status: 140.4, Rendered: 190,
	})
	want := "wails up=300 services open=340 page asked=410 html=430 bundle=470 script runs=505 status asked=520 script run=540 status back=550 rendered=600"
	if got != want {
		t.Errorf("steps\n got %s\nwant %s", got, want)
	}
	if got := a.startSteps(PageTimes{}); got != "wails up=300 services open=340 status asked=520" {
		t.Errorf("without the page's times: %s", got)
	}
}

package app

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

type startStep struct {
	name string
	at   time.Duration
}

// Step notes when a start-up step outside the app happened (main's own
// work, before Wails runs), the first time only.
func (a *App) Step(name string) { a.step(name) }

// step notes when a start-up step happened, the first time only.
func (a *App) step(name string) {
	if a.cfg.Started.IsZero() {
		return
	}
	at := time.Since(a.cfg.Started)
	a.stepsMu.Lock()
	defer a.stepsMu.Unlock()
	for _, s := range a.steps {
		if s.name == name {
			return
		}
	}
	a.steps = append(a.steps, startStep{name, at})
}

// startSteps puts Go's steps and the page's on one clock, in ms since the
// process started, in order: "window up=412 html=530 …". A page step it
// did not see (0) is left out.
func (a *App) startSteps(p PageTimes) string {
	a.stepsMu.Lock()
	steps := append([]startStep(nil), a.steps...)
	a.stepsMu.Unlock()
	if p.Origin > 0 && !a.cfg.Started.IsZero() {
		origin := time.UnixMicro(int64(p.Origin * 1000)).Sub(a.cfg.Started)
		steps = append(steps, startStep{"page asked", origin})
		for _, s := range []struct {
			name string
			ms   float64
		}{{"html", p.HTML}, {"bundle", p.Bundle}, {"script runs", p.Script}, {"script run", p.Evaluated},
			{"status back", p.Status}, {"rendered", p.Rendered}} {
			if s.ms > 0 {
				steps = append(steps, startStep{s.name, origin + time.Duration(s.ms*float64(time.Millisecond))})
			}
		}
	}
	sort.SliceStable(steps, func(i, j int) bool { return steps[i].at < steps[j].at })
	parts := make([]string, len(steps))
	for i, s := range steps {
		parts[i] = fmt.Sprintf("%s=%d", s.name, s.at.Milliseconds())
	}
	return strings.Join(parts, " ")
}

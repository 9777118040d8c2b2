package app

import (
	"context"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// DailyPractice is bound to the frontend: the learning log, the daily
// basics, reflection and its timer, and the day at a glance. (Practice is
// the team's own practice, in teamsettings.go.)
type DailyPractice struct {
	app *App
}

// NewDailyPractice returns the DailyPractice facade of a.
func NewDailyPractice(a *App) *DailyPractice { return &DailyPractice{app: a} }

// Learning returns the learning log between two days.
func (dp *DailyPractice) Learning(from, to string) ([]*peerplaypay.Learning, error) {
	return growthDo(dp.app, "learning", false, false, func(svc services) ([]*peerplaypay.Learning, error) {
		return svc.growth.Learning(svc.ctx, from, to)
	})
}

// AddLearning adds an entry to the learning log.
func (dp *DailyPractice) AddLearning(l peerplaypay.Learning) (*peerplaypay.Learning, error) {
	return growthDo(dp.app, "add learning", true, false, func(svc services) (*peerplaypay.Learning, error) {
		return svc.growth.AddLearning(svc.ctx, &l)
	})
}

// DeleteLearning deletes an entry of the learning log.
func (dp *DailyPractice) DeleteLearning(id int64) error {
	_, err := growthDo(dp.app, "delete learning", true, false, func(svc services) (struct{}, error) {
		return struct{}{}, svc.growth.DeleteLearning(svc.ctx, id)
	})
	return err
}

// Basics returns the daily basics and their ticks between two days.
func (dp *DailyPractice) Basics(from, to string) (*peerplaypay.BasicsRange, error) {
	return growthDo(dp.app, "daily basics", false, false, func(svc services) (*peerplaypay.BasicsRange, error) {
		return svc.growth.Basics(svc.ctx, from, to)
	})
}

// SaveBasic creates (ID 0) or updates a daily basic.
func (dp *DailyPractice) SaveBasic(b peerplaypay.Basic) (*peerplaypay.Basic, error) {
	return growthDo(dp.app, "save daily basic", true, false, func(svc services) (*peerplaypay.Basic, error) {
		return svc.growth.SaveBasic(svc.ctx, &b)
	})
}

// Tick marks a basic done or not on a day.
func (dp *DailyPractice) Tick(basicID int64, day string, done bool) error {
	_, err := growthDo(dp.app, "tick daily basic", true, false, func(svc services) (struct{}, error) {
		return struct{}{}, svc.growth.Tick(svc.ctx, basicID, day, done)
	})
	return err
}

// Reflections returns the reflections between two days.
func (dp *DailyPractice) Reflections(from, to string) ([]*peerplaypay.Reflection, error) {
	return growthDo(dp.app, "reflections", false, false, func(svc services) ([]*peerplaypay.Reflection, error) {
		return svc.growth.Reflections(svc.ctx, from, to)
	})
}

// SaveReflection creates (ID 0) or updates a reflection.
func (dp *DailyPractice) SaveReflection(r peerplaypay.Reflection) (*peerplaypay.Reflection, error) {
	return growthDo(dp.app, "save reflection", true, false, func(svc services) (*peerplaypay.Reflection, error) {
		return svc.growth.SaveReflection(svc.ctx, &r)
	})
}

// Prompt returns the journal prompt of now.
func (dp *DailyPractice) Prompt() (string, error) {
	return growthDo(dp.app, "prompt", false, false, func(svc services) (string, error) {
		return svc.growth.Prompt(svc.ctx)
	})
}

// ReflectionTimer returns the reflection under way, nil when none: the
// window puts it back at start, after a crash too.
func (dp *DailyPractice) ReflectionTimer() (*peerplaypay.ReflectionTimer, error) {
	return growthDo(dp.app, "reflection timer", false, false, func(svc services) (*peerplaypay.ReflectionTimer, error) {
		return svc.growth.ReflectionTimer(svc.ctx)
	})
}

// SaveReflectionTimer keeps the reflection under way (nil forgets it).
func (dp *DailyPractice) SaveReflectionTimer(t *peerplaypay.ReflectionTimer) error {
	_, err := growthDo(dp.app, "save reflection timer", false, false, func(svc services) (struct{}, error) {
		return struct{}{}, svc.growth.SaveReflectionTimer(svc.ctx, t)
	})
	return err
}

// Day returns a day's daily practice ("" = today).
func (dp *DailyPractice) Day(day string) (*peerplaypay.Practice, error) {
	return growthDo(dp.app, "practice", false, false, func(svc services) (*peerplaypay.Practice, error) {
		return svc.growth.Practice(svc.ctx, day)
	})
}

// Settings returns the growth settings.
func (dp *DailyPractice) Settings() (*peerplaypay.GrowthSettings, error) {
	return growthDo(dp.app, "growth settings", false, false, func(svc services) (*peerplaypay.GrowthSettings, error) {
		return svc.growth.Settings(svc.ctx)
	})
}

// SaveSettings stores the growth settings.
func (dp *DailyPractice) SaveSettings(s peerplaypay.GrowthSettings) (*peerplaypay.GrowthSettings, error) {
	return growthDo(dp.app, "save growth settings", true, false, func(svc services) (*peerplaypay.GrowthSettings, error) {
		return svc.growth.SaveSettings(svc.ctx, &s)
	})
}

// Notify shows a desktop notification, such as the end of a reflection.
// Where the desktop has no notification service it is only logged: the
// page's own chime and message still tell the member.
func (dp *DailyPractice) Notify(title, body string) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := notify(ctx, title, body); err != nil {
		dp.app.log.Info("notification not shown", "reason", err)
	}
}

//go:build !linux

package app

import (
	"context"
	"errors"
)

// actionBus has no desktop notifications outside Linux yet: reminders show
// in the window.
type actionBus struct{}

func newActionBus(func(string)) *actionBus { return &actionBus{} }

func (b *actionBus) send(ctx context.Context, title, body, target string) (bool, error) {
	return false, errors.New("desktop notifications are not supported on this system yet")
}

func (b *actionBus) close() {}

//go:build !linux

package app

import (
	"context"
	"errors"
)

// notify has no desktop notification outside Linux yet; the page's chime
// and message tell the member.
func notify(ctx context.Context, title, body string) error {
	return errors.New("desktop notifications are not supported on this system yet")
}

//go:build bindings

package main

import "errors"

var errNoDisplay = errors.New("no display")

// checkDisplay passes when the Wails CLI runs the app headless to generate
// the frontend's bindings: no window opens then.
func checkDisplay() error { return nil }

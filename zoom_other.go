//go:build !linux

package main

// zoomWindow is not wired to the web view on this system yet: the page
// says so rather than pretending.
func zoomWindow(float64) bool { return false }

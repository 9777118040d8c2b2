//go:build !webkit2_41

package main

// #cgo pkg-config: webkit2gtk-4.0
import "C"

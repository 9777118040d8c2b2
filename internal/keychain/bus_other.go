//go:build !(linux || freebsd || openbsd || netbsd || dragonfly)

package keychain

// busMissing is for the Secret Service only: macOS and Windows always
// have their keychain.
func busMissing() string { return "" }

//go:build race

package backendtest

// raceEnabled: the race detector makes sync.Pool drop buffers at random,
// so heap figures measured under it say nothing of streaming.
const raceEnabled = true

//go:build race

package share

import "testing"

// The race detector instruments scrypt's inner loop: a safety code then
// costs seconds instead of a fraction of one, and the share's tests, which
// join members by the dozen, spent most of their time there. Their test
// binaries make codes at a lower cost; both sides of a join in a test run
// in one process, so the codes still match. The real cost is checked by
// TestVectors, and by every test of the production binary (built without
// the detector, and never shipped with it).
func init() {
	if testing.Testing() {
		safetyScryptN = 1 << 10
	}
}

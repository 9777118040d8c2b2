//go:build e2e

package e2e

import "strconv"

// askToClose asks window id to close, as its close button would.
func (s *session) askToClose(id string) {
	s.t.Helper()
	win, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		s.t.Fatalf("window id %q: %v", id, err)
	}
	if err := askToClose(s.display, win); err != nil {
		s.t.Fatal(err)
	}
}

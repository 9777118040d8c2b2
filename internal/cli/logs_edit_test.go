package cli_test

import (
	"encoding/json"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
)

func TestLogsEdit(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := run(t, nil, "logs", "add", "--data-dir", dir, "--done", "Wrote the draft", "--next", "Review it", "--mood", "2")
	if code != 0 {
		t.Fatalf("logs add: exit %d: %s", code, errOut)
	}
	id := strings.TrimSpace(out)

	t.Run("OK", func(t *testing.T) {
		code, out, errOut := run(t, nil, "logs", "edit", id, "--done", "Wrote and sent the draft", "--mood", "4", "--json", "--data-dir", dir)
		var e peerplaypay.LogEntry
		if code != 0 || json.Unmarshal([]byte(out), &e) != nil {
			t.Fatalf("logs edit: exit %d, %q %q", code, out, errOut)
		}
		// What was not given stays as it was.
		if e.Done != "Wrote and sent the draft" || e.Mood != 4 || e.Next != "Review it" {
			t.Errorf("after the edit: %+v", e.LogTable)
		}
	})
	t.Run("ErrNothingToChange", func(t *testing.T) {
		if code, _, _ := run(t, nil, "logs", "edit", id, "--data-dir", dir); code != 2 {
			t.Errorf("edit without an answer: exit %d; want 2", code)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		if code, _, errOut := run(t, nil, "logs", "edit", id, "--mood", "9", "--data-dir", dir); code != 1 || errOut == "" {
			t.Errorf("edit out of range: exit %d, %q", code, errOut)
		}
		if code, _, errOut := run(t, nil, "logs", "edit", "999", "--done", "x", "--data-dir", dir); code != 1 || !strings.Contains(errOut, "999") {
			t.Errorf("edit of a missing log: exit %d, %q", code, errOut)
		}
	})
}

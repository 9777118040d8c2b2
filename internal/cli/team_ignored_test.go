package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
)

// TestTeamIgnoredNames: files in the share that no app wrote stop nothing;
// sync says it skipped them, and team status and doctor list them once.
func TestTeamIgnoredNames(t *testing.T) {
	dir, share := t.TempDir(), filepath.Join(t.TempDir(), "share")
	if code, _, errOut := run(t, healthyMedia, "profile", "set", "--name", "Ada", "--data-dir", dir); code != 0 {
		t.Fatalf("profile: exit %d\n%s", code, errOut)
	}
	if code, out, errOut := run(t, healthyMedia, "team", "create", share, "--name", "Engines", "--data-dir", dir); code != 0 {
		t.Fatalf("create: exit %d\n%s%s", code, out, errOut)
	}
	raw, err := os.ReadFile(filepath.Join(share, "roster", "000000000001"))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string][]byte{"roster/000000000001.sync-conflict-20261205-090000-ABCDEFG": raw,
		"roster/.DS_Store": []byte("x"), "roster/notes\nproblem: forged~": []byte("x")}
	for k, v := range names {
		if err := os.WriteFile(filepath.Join(share, filepath.FromSlash(k)), v, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errOut := run(t, healthyMedia, "sync", "--data-dir", dir)
	if code != 0 || !strings.Contains(errOut, "ignored: roster/.DS_Store") || strings.Contains(errOut, "\nproblem: forged") {
		t.Fatalf("sync: exit %d\n%s", code, errOut)
	}
	code, out, _ := run(t, healthyMedia, "team", "status", "--json", "--data-dir", dir)
	var st struct{ Ignored, Problems []string }
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != 0 {
		t.Fatalf("status: exit %d, %v\n%s", code, err, out)
	}
	want := []string{"roster/.DS_Store", "roster/000000000001.sync-conflict-20261205-090000-ABCDEFG", "roster/notes\nproblem: forged~"}
	if !slices.Equal(st.Ignored, want) || len(st.Problems) != 0 {
		t.Fatalf("status ignored %q, problems %q", st.Ignored, st.Problems)
	}
	_, out, _ = run(t, healthyMedia, "team", "status", "--data-dir", dir)
	if strings.Count(out, "ignored: ") != 3 || strings.Contains(out, "\nproblem: forged") {
		t.Fatalf("status:\n%s", out)
	}
	_, out, _ = run(t, healthyMedia, "doctor", "--json", "--data-dir", dir)
	var report struct{ Checks []peerplaypay.Check }
	if err := json.Unmarshal([]byte(out), &report); err != nil || !hasCheck(report.Checks, "team share files", peerplaypay.CheckWarn, "roster/000000000001.sync-conflict") {
		t.Fatalf("doctor: %v\n%s", err, out)
	}
}

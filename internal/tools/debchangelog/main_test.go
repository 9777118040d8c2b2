package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func wailsVersion(t *testing.T) string {
	body, err := os.ReadFile("../../../wails.json")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Info struct{ ProductVersion string } `json:"info"`
	}
	if err := json.Unmarshal(body, &c); err != nil {
		t.Fatal(err)
	}
	return c.Info.ProductVersion
}

// The project's own CHANGELOG.md names wails.json's version first, and
// dpkg reads what is made of it.
func TestProjectChangelog(t *testing.T) {
	t.Parallel()
	version := wailsVersion(t)
	var out bytes.Buffer
	if err := run("../../../CHANGELOG.md", version, "peerplaypay", "PeerPlayPay <maintainers@peerplaypay.example>", &out); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("dpkg-parsechangelog"); err != nil {
		t.Skip("dpkg-parsechangelog is not installed (Debian: dpkg-dev)")
	}
	file := filepath.Join(t.TempDir(), "changelog")
	if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	parsed, err := exec.Command("dpkg-parsechangelog", "-l", file, "-S", "Version").CombinedOutput()
	if err != nil || strings.TrimSpace(string(parsed)) != version {
		t.Errorf("dpkg-parsechangelog: %v %q\n%s", err, parsed, out.String())
	}
	// The entries after the first are read too.
	older, err := exec.Command("dpkg-parsechangelog", "-l", file, "--offset", "1", "--count", "1", "-S", "Version").CombinedOutput()
	if v := strings.TrimSpace(string(older)); err != nil || v == "" || v == version {
		t.Errorf("dpkg-parsechangelog of the second entry: %v %q", err, older)
	}
}

func TestChangelogRefused(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct{ body, want string }{
		"another version first":  {"## 0.1.0 — 2026-11-23\n\n- first\n", `"## 0.2.0 — YYYY-MM-DD"`},
		"no versions":            {"# Changelog\n", `"## 0.2.0 — YYYY-MM-DD"`},
		"a heading without date": {"## 0.2.0\n\n- new\n", "line 1"},
		"a date that is none":    {"## 0.2.0 — 2026-13-40\n", "line 1"},
	} {
		file := filepath.Join(t.TempDir(), "CHANGELOG.md")
		if err := os.WriteFile(file, []byte(tc.body), 0o644); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		err := run(file, "0.2.0", "peerplaypay", "M <m@example.org>", &out)
		if err == nil || !strings.Contains(err.Error(), tc.want) || out.Len() > 0 {
			t.Errorf("%s: err %v, wrote %q; want an error naming %s and nothing written", name, err, out.String(), tc.want)
		}
	}
}

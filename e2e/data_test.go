//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestBackupWhileRecording backs up a data folder while another process
// records into it, restores the backup into a new folder and exports it.
func TestBackupWhileRecording(t *testing.T) {
	dataDir := t.TempDir()
	out, err := cli(t, "record", "--data-dir", dataDir, "--seconds", "2", "--video", "synthetic", "--audio", "synthetic", "--done", "kept in the backup")
	if err != nil {
		t.Fatal(err)
	}
	kept, _ := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	live := startRecord(t, dataDir, "--seconds", "5", "--audio-only", "--audio", "synthetic", "--done", "still recording")
	live.waitStarted(t)

	file := filepath.Join(t.TempDir(), "backup.tar")
	if out, err := exec.Command(binary(t), "backup", file, "--data-dir", dataDir).CombinedOutput(); err != nil || !strings.Contains(string(out), "verified") {
		t.Fatalf("backup during a recording: %v\n%s", err, out)
	}
	liveID := live.wait(t)
	if e := showLog(t, dataDir, liveID); e.Status != "ready" || e.DurationMs < 4800 {
		t.Errorf("the recording that ran during the backup: %+v", e)
	}

	restored := filepath.Join(t.TempDir(), "restored")
	if out, err := exec.Command(binary(t), "restore", file, "--data-dir", restored).CombinedOutput(); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	logs := listLogs(t, restored)
	if len(logs) != 1 || logs[0].ID != kept {
		t.Fatalf("restored logs = %+v; want the finished one only", logs)
	}
	orig := showLog(t, dataDir, kept)
	if logs[0].SHA256 != orig.SHA256 {
		t.Errorf("restored log sha256 %s, original %s", logs[0].SHA256, orig.SHA256)
	}
	decodes(t, filepath.Join(restored, logs[0].MediaPath))

	// Into a folder that has data: refused, nothing touched.
	out, err = exec.Command(binary(t), "restore", file, "--data-dir", dataDir).CombinedOutput()
	if exitCode(err) != 1 || !strings.Contains(string(out), "not empty") {
		t.Errorf("restore over data: exit %d\n%s", exitCode(err), out)
	}

	export := filepath.Join(t.TempDir(), "export")
	if out, err := exec.Command(binary(t), "export", "--format", "json", export, "--data-dir", dataDir).CombinedOutput(); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	body, err := os.ReadFile(filepath.Join(export, "peerplaypay-export.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Format string
		Logs   []struct{ Kind, Media, SHA256 string }
	}
	if err := json.Unmarshal(body, &doc); err != nil || doc.Format != "peerplaypay-export" || len(doc.Logs) != 2 {
		t.Fatalf("export document: %v\n%s", err, body)
	}
	for _, l := range doc.Logs {
		if _, err := os.Stat(filepath.Join(export, l.Media)); err != nil {
			t.Errorf("exported %s log's media %q: %v", l.Kind, l.Media, err)
		}
	}
}

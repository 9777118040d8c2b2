//go:build e2e

package e2e

import (
	"bufio"
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestAssessKilledCLI kills the app's interactive assessment with SIGKILL
// after two answers: both are kept, and the session goes on from there.
func TestAssessKilledCLI(t *testing.T) {
	dataDir := t.TempDir()
	cmd := exec.Command(binary(t), "assess", "--data-dir", dataDir)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	saved := make(chan struct{}, 4)
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Split(bufio.ScanWords)
		for sc.Scan() {
			if sc.Text() == "Saved." {
				saved <- struct{}{}
			}
		}
	}()
	io.WriteString(stdin, "3\nreviewed the importer\n4\n\n")
	for range 2 {
		select {
		case <-saved:
		case <-time.After(20 * time.Second):
			t.Fatal("the answers were not saved")
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	if out, err := exec.Command(binary(t), "assess", "--data-dir", dataDir, "--item", "values.helping", "--level", "5", "--finish").CombinedOutput(); err != nil ||
		!strings.Contains(string(out), "3 items rated") {
		t.Fatalf("finish after the kill: %v\n%s", err, out)
	}
	listed, _ := cli(t, "assessments", "list", "--json", "--data-dir", dataDir)
	var sessions []struct {
		Answers []struct {
			ItemID   string
			Level    int
			Evidence string
		}
	}
	if err := json.Unmarshal(listed, &sessions); err != nil || len(sessions) != 1 || len(sessions[0].Answers) != 3 {
		t.Fatalf("assessments = %s", listed)
	}
	if a := sessions[0].Answers[0]; a.ItemID != "craft.quality" || a.Level != 3 || a.Evidence != "reviewed the importer" {
		t.Errorf("first answer = %+v", a)
	}
}

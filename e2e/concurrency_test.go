//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// recording is a `peerplaypay record` process.
type recording struct {
	cmd     *exec.Cmd
	started chan struct{}
	stdout  bytes.Buffer
	stderr  bytes.Buffer
	done    chan error
}

// startRecord starts `record` and returns without waiting for it.
func startRecord(t *testing.T, dataDir string, args ...string) *recording {
	t.Helper()
	return startRecordWith(t, nil, dataDir, args...)
}

// startRecordAlone is startRecord with a camera of its own: the camera
// lock is per machine, and tests that run beside others record with their
// own runtime folder, so that no recording finds the camera in use.
func startRecordAlone(t *testing.T, dataDir string, args ...string) *recording {
	t.Helper()
	rt, err := os.MkdirTemp("", "e2e-runtime-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(rt) })
	return startRecordWith(t, []string{"XDG_RUNTIME_DIR=" + rt}, dataDir, args...)
}

// startRecordWith is startRecord with env added to this process's.
func startRecordWith(t *testing.T, env []string, dataDir string, args ...string) *recording {
	t.Helper()
	r := &recording{started: make(chan struct{}), done: make(chan error, 1)}
	r.cmd = exec.Command(binary(t), append([]string{"record", "--data-dir", dataDir}, args...)...)
	if env != nil {
		r.cmd.Env = append(os.Environ(), env...)
	}
	r.cmd.Stdout = &r.stdout
	pipe, err := r.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(pipe)
		once := false
		for sc.Scan() {
			r.stderr.WriteString(sc.Text() + "\n")
			if !once && strings.HasPrefix(sc.Text(), "Recording") {
				once = true
				close(r.started)
			}
		}
		r.done <- r.cmd.Wait()
	}()
	t.Cleanup(func() { r.cmd.Process.Kill() })
	return r
}

func (r *recording) waitStarted(t *testing.T) {
	t.Helper()
	select {
	case <-r.started:
	case err := <-r.done:
		t.Fatalf("the recording ended before it started: %v\n%s", err, r.stderr.String())
	case <-time.After(20 * time.Second):
		t.Fatalf("the recording did not start:\n%s", r.stderr.String())
	}
}

// wait returns the log id the recording printed.
func (r *recording) wait(t *testing.T) int64 {
	t.Helper()
	select {
	case err := <-r.done:
		if err != nil {
			t.Fatalf("record: %v\n%s", err, r.stderr.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the recording did not end")
	}
	id, err := strconv.ParseInt(strings.TrimSpace(r.stdout.String()), 10, 64)
	if err != nil {
		t.Fatalf("record printed %q, not a log id", r.stdout.String())
	}
	return id
}

func listLogs(t *testing.T, dataDir string) []logEntry {
	t.Helper()
	out, err := cli(t, "logs", "list", "--json", "--limit", "500", "--data-dir", dataDir)
	if err != nil {
		t.Fatalf("logs list: %v", err)
	}
	var logs []logEntry
	if err := json.Unmarshal(out, &logs); err != nil {
		t.Fatal(err)
	}
	return logs
}

// TestCommandBesideLiveRecording runs commands while another process
// records: they must leave the live recording alone, not "recover" it.
func TestCommandBesideLiveRecording(t *testing.T) {
	dataDir := t.TempDir()
	r := startRecord(t, dataDir, "--seconds", "6", "--video", "synthetic", "--audio", "synthetic", "--done", "live")
	r.waitStarted(t)
	time.Sleep(2 * time.Second)
	out, err := exec.Command(binary(t), "logs", "list", "--data-dir", dataDir).CombinedOutput()
	if err != nil || strings.Contains(string(out), "Recovered") {
		t.Fatalf("logs list during a live recording: %v\n%s", err, out)
	}
	id := r.wait(t)
	e := showLog(t, dataDir, id)
	if e.Status != "ready" || e.Done != "live" {
		t.Fatalf("the recording's log after a command ran beside it: %+v", e)
	}
	_, d := ffprobe(t, filepath.Join(dataDir, e.MediaPath))
	if d < 5.7 || float64(e.DurationMs)/1000 < 5.7 {
		t.Errorf("a 6 s recording lasts %.2f s (log says %d ms): it was cut by the command beside it", d, e.DurationMs)
	}
}

// TestConcurrentRecordings starts three recordings in one data folder at
// once: each must keep its own row and file.
func TestConcurrentRecordings(t *testing.T) {
	dataDir := t.TempDir()
	rs := []*recording{
		startRecord(t, dataDir, "--seconds", "3", "--video", "synthetic", "--audio", "synthetic", "--done", "first"),
		startRecord(t, dataDir, "--seconds", "3", "--audio-only", "--audio", "synthetic", "--done", "second"),
		startRecord(t, dataDir, "--seconds", "3", "--audio-only", "--audio", "synthetic", "--done", "third"),
	}
	ids := map[int64]bool{}
	for _, r := range rs {
		ids[r.wait(t)] = true
	}
	if len(ids) != 3 {
		t.Fatalf("three recordings printed ids %v", ids)
	}
	logs := listLogs(t, dataDir)
	dones := map[string]bool{}
	paths := map[string]bool{}
	for _, e := range logs {
		if !ids[e.ID] || e.Status != "ready" {
			t.Errorf("unexpected log %+v", e)
		}
		dones[e.Done] = true
		paths[filepath.ToSlash(e.MediaPath)] = true
	}
	if len(logs) != 3 || !dones["first"] || !dones["second"] || !dones["third"] {
		t.Fatalf("logs after three concurrent recordings: %+v", logs)
	}
	// No orphan: every recording on disk belongs to a log.
	filepath.WalkDir(filepath.Join(dataDir, "media"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".webm") {
			rel, _ := filepath.Rel(dataDir, p)
			if !paths[filepath.ToSlash(rel)] {
				t.Errorf("orphaned recording %s", rel)
			}
		}
		if err == nil && strings.HasSuffix(p, ".lock") {
			t.Errorf("lock file %s left after the recordings ended", p)
		}
		return nil
	})
}

// TestCameraInUse records twice from one camera at once, from two data
// folders: the second gets a clear message, and the first is unharmed.
func TestCameraInUse(t *testing.T) {
	first, second := t.TempDir(), t.TempDir()
	r := startRecord(t, first, "--seconds", "4", "--video", "synthetic", "--audio", "synthetic")
	r.waitStarted(t)
	out, err := exec.Command(binary(t), "record", "--data-dir", second, "--seconds", "2", "--video", "synthetic", "--audio", "synthetic").CombinedOutput()
	if exitCode(err) != 1 || !strings.Contains(string(out), "is in use by another recording") || strings.Contains(string(out), "panic") {
		t.Fatalf("second recording from a busy camera: exit %d\n%s", exitCode(err), out)
	}
	if logs := listLogs(t, second); len(logs) != 0 {
		t.Errorf("the refused recording left logs: %+v", logs)
	}
	if e := showLog(t, first, r.wait(t)); e.Status != "ready" || e.DurationMs < 3800 {
		t.Errorf("the first recording: %+v", e)
	}
	// Once it is free, the camera records again.
	if _, err := cli(t, "record", "--data-dir", second, "--seconds", "1", "--video", "synthetic", "--audio", "synthetic"); err != nil {
		t.Errorf("recording after the camera was freed: %v", err)
	}
}

func TestUnknownCommandAndNoDisplay(t *testing.T) {
	cmd := exec.Command(binary(t), "frobnicate")
	cmd.Env = append(os.Environ(), "DISPLAY=:0")
	out, err := cmd.CombinedOutput()
	if exitCode(err) != 2 || !strings.Contains(string(out), `unknown command "frobnicate"`) {
		t.Errorf("an unknown command: exit %d\n%s", exitCode(err), out)
	}
	for _, display := range []string{"", ":97"} { // none, and one nobody serves
		cmd := exec.Command(binary(t), "--data-dir", t.TempDir())
		cmd.Env = append(os.Environ(), "DISPLAY="+display, "WAYLAND_DISPLAY=")
		out, err := cmd.CombinedOutput()
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if exitCode(err) != 1 || !strings.Contains(lines[len(lines)-1], "cannot open the window") || strings.Contains(string(out), "goroutine") {
			t.Errorf("DISPLAY=%q: exit %d\n%s", display, exitCode(err), out)
		}
	}
}

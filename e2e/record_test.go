//go:build e2e

package e2e

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

type logEntry struct {
	ID         int64
	Kind       string
	Status     string
	MediaPath  string
	DurationMs int64
	SizeBytes  int64
	SHA256     string
	Done       string
	HelpNeeded string
	Mood       int
}

// probe is what ffprobe says of a recording.
type probe struct {
	Streams []struct {
		CodecName string `json:"codec_name"`
		CodecType string `json:"codec_type"`
		Width     int
		Height    int
	}
	Format struct {
		Duration string
	}
}

func ffprobe(t *testing.T, path string) (probe, float64) {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var p probe
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	d, _ := strconv.ParseFloat(p.Format.Duration, 64)
	return p, d
}

// decodes reports whether ffmpeg decodes the whole file without an error.
func decodes(t *testing.T, path string) {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-v", "error", "-xerror", "-i", path, "-f", "null", "-").CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("ffmpeg could not decode %s cleanly: %v\n%s", path, err, out)
	}
}

func showLog(t *testing.T, dataDir string, id int64) logEntry {
	t.Helper()
	out, err := cli(t, "logs", "show", strconv.FormatInt(id, 10), "--json", "--data-dir", dataDir)
	if err != nil {
		t.Fatalf("logs show %d: %v", id, err)
	}
	var e logEntry
	if err := json.Unmarshal(out, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestRecordCLI(t *testing.T) {
	dataDir := t.TempDir()
	out, err := cli(t, "record", "--data-dir", dataDir, "--seconds", "3", "--video", "synthetic", "--audio", "synthetic",
		"--done", "Wired the recorder to the log book", "--help-needed", "a second pair of eyes", "--mood", "4")
	if err != nil {
		t.Fatalf("record: %v", err)
	}
	id, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		t.Fatalf("record printed %q, not a log id", out)
	}
	e := showLog(t, dataDir, id)
	if e.Status != "ready" || e.Kind != "video" || e.Mood != 4 || e.HelpNeeded != "a second pair of eyes" {
		t.Errorf("log = %+v", e)
	}

	path := filepath.Join(dataDir, e.MediaPath)
	p, d := ffprobe(t, path)
	if len(p.Streams) != 2 || p.Streams[0].CodecName != "vp8" || p.Streams[0].Width != 1280 || p.Streams[0].Height != 720 || p.Streams[1].CodecName != "opus" {
		t.Errorf("streams = %+v", p.Streams)
	}
	if math.Abs(d-3) > 0.15 {
		t.Errorf("duration %.3f s; want 3 s within 5%%", d)
	}
	if fi, _ := os.Stat(path); fi.Size() != e.SizeBytes {
		t.Errorf("stored size %d, file %d", e.SizeBytes, fi.Size())
	}
	decodes(t, path)

	out, err = cli(t, "logs", "list", "--json", "--query", "recorder", "--data-dir", dataDir)
	var found []logEntry
	if err != nil || json.Unmarshal(out, &found) != nil || len(found) != 1 || found[0].ID != id {
		t.Errorf("search for a word of the table: %s, %v", out, err)
	}
}

func TestRecordAudioOnlyCLI(t *testing.T) {
	dataDir := t.TempDir()
	out, err := cli(t, "record", "--data-dir", dataDir, "--seconds", "2", "--audio-only", "--audio", "synthetic")
	if err != nil {
		t.Fatalf("record: %v", err)
	}
	id, _ := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	e := showLog(t, dataDir, id)
	p, d := ffprobe(t, filepath.Join(dataDir, e.MediaPath))
	if e.Kind != "audio" || len(p.Streams) != 1 || p.Streams[0].CodecName != "opus" {
		t.Errorf("log %+v, streams %+v", e, p.Streams)
	}
	if math.Abs(d-2) > 0.1 {
		t.Errorf("duration %.3f s; want 2 s within 5%%", d)
	}
}

// TestRecordKilled kills a recording with SIGKILL, as a crash or power loss
// would, and checks that the next start repairs it, losing at most a second.
func TestRecordKilled(t *testing.T) {
	dataDir := t.TempDir()
	cmd := exec.Command(binary(t), "record", "--data-dir", dataDir, "--seconds", "30", "--video", "synthetic", "--audio", "synthetic", "--done", "said before the crash")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	started := make(chan time.Time, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "Recording") {
				started <- time.Now()
			}
		}
	}()
	var t0 time.Time
	select {
	case t0 = <-started:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the recording did not start")
	}
	time.Sleep(time.Until(t0.Add(3500 * time.Millisecond)))
	cmd.Process.Signal(syscall.SIGKILL)
	killedAfter := time.Since(t0).Seconds()
	cmd.Wait()

	// The next command finds the interrupted recording and repairs it.
	out, err := exec.Command(binary(t), "logs", "list", "--json", "--data-dir", dataDir).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Recovered an interrupted recording") {
		t.Fatalf("logs list after the kill: %v\n%s", err, out)
	}
	listed, _ := cli(t, "logs", "list", "--json", "--data-dir", dataDir)
	var logs []logEntry
	if err := json.Unmarshal(listed, &logs); err != nil || len(logs) != 1 {
		t.Fatalf("logs after the kill: %s", listed)
	}
	e := logs[0]
	if e.Status != "recovered" || e.Done != "said before the crash" {
		t.Errorf("recovered log = %+v", e)
	}
	path := filepath.Join(dataDir, e.MediaPath)
	_, d := ffprobe(t, path)
	t.Logf("killed after %.2f s; repaired file lasts %.2f s (log says %d ms)", killedAfter, d, e.DurationMs)
	if d < killedAfter-1 {
		t.Errorf("lost %.2f s; want at most 1 s", killedAfter-d)
	}
	decodes(t, path)

	if _, err := cli(t, "logs", "keep", strconv.FormatInt(e.ID, 10), "--data-dir", dataDir); err != nil {
		t.Fatal(err)
	}
	if e := showLog(t, dataDir, e.ID); e.Status != "ready" {
		t.Errorf("after keep: %s", e.Status)
	}
}

func TestRecordNoDevices(t *testing.T) {
	if out, _ := cli(t, "devices"); len(strings.TrimSpace(string(out))) > 0 {
		t.Skipf("this machine has real devices:\n%s", out)
	}
	cmd := exec.Command(binary(t), "record", "--data-dir", t.TempDir(), "--seconds", "2")
	out, err := cmd.CombinedOutput()
	if exitCode(err) != 1 || !strings.Contains(string(out), "No camera or microphone was found") || strings.Contains(string(out), "panic") {
		t.Fatalf("exit %d:\n%s", exitCode(err), out)
	}
}

// TestDoctorExplainsMissingCodec builds the app as it is built on a machine
// without libvpx and libopus, and checks that doctor says what is missing
// and how to install it.
func TestDoctorExplainsMissingCodec(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "peerplaypay-nocodecs")
	// The tags `make build` gives a machine without the codecs: WebKitGTK
	// 4.1's, as the rest of the build.
	build := exec.Command("go", "build", "-tags", "nocodecs,webkit2_41", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build without codecs: %v\n%s", err, out)
	}
	if out, _ := exec.Command("ldd", bin).Output(); strings.Contains(string(out), "libvpx") || strings.Contains(string(out), "libopus") {
		t.Fatalf("the build without codecs still links them:\n%s", out)
	}
	out, err := exec.Command(bin, "doctor", "--data-dir", t.TempDir()).CombinedOutput()
	if exitCode(err) != 1 {
		t.Errorf("doctor exit %d; want 1", exitCode(err))
	}
	for _, want := range []string{"FAIL  VP8 video encoder (libvpx)", "FAIL  Opus audio encoder (libopus)", "sudo apt-get install libvpx-dev libopus-dev"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("doctor does not say %q:\n%s", want, out)
		}
	}
	rec, err := exec.Command(bin, "record", "--seconds", "1", "--audio", "synthetic", "--audio-only", "--data-dir", t.TempDir()).CombinedOutput()
	if exitCode(err) != 1 || !strings.Contains(string(rec), "built without its video and audio encoders") {
		t.Errorf("record without codecs: exit %d\n%s", exitCode(err), rec)
	}
}

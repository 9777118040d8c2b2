package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/cli"
	"peerplaypay/internal/keychain"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// childEnv makes this test binary run one command line as the program
// would, so a test can kill a real process half way.
const childEnv = "PEERPLAYPAY_CLI_CHILD"

// testWorkFactor is the scrypt cost of the tests' encrypted backups: the
// default, under the race detector, takes most of a minute per backup.
const testWorkFactor = 10

func TestMain(m *testing.M) {
	os.Setenv(keychain.EnvVar, "off")
	if os.Getenv(childEnv) == "1" {
		env := &cli.Env{Version: "test", Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, BackupWorkFactor: testWorkFactor}
		ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt) // as main does
		os.Exit(cli.Run(ctx, env, os.Args[1:]))
	}
	code := m.Run()
	s3srv.Stop()
	os.Exit(code)
}

func runIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &cli.Env{Version: "1.2.3", Stdout: &stdout, Stderr: &stderr, Stdin: strings.NewReader(stdin), BackupWorkFactor: testWorkFactor}
	code := cli.Run(context.Background(), env, args)
	return code, stdout.String(), stderr.String()
}

func TestGrowthCommands(t *testing.T) {
	dir := t.TempDir()
	d := "--data-dir=" + dir
	for _, c := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"assess", d, "--item", "craft.quality", "--level", "3", "--evidence", "shipped the importer"}, 0, "Saved craft.quality: level 3"},
		{[]string{"assess", d, "--item", "craft.quality", "--level", "0"}, 2, ""},
		{[]string{"assess", d, "--item", "no.such", "--level", "2"}, 1, ""},
		{[]string{"assess", d, "--share"}, 2, ""},
		{[]string{"assess", d, "--item", "values.helping", "--level", "4", "--finish"}, 0, "finished on"},
		{[]string{"basics", "add", "Plan the day", d}, 0, "1\n"},
		{[]string{"basics", "tick", "1", d, "--day", "2026-11-19"}, 0, ""},
		{[]string{"basics", "tick", "x", d}, 2, ""},
		{[]string{"basics", "tick", "9", d}, 1, ""},
		{[]string{"learn", "add", d, "--what", "A book", "--minutes", "30", "--item", "craft.current", "--kind", "read"}, 0, "1\n"},
		{[]string{"learn", "add", d, "--what", "A talk", "--minutes", "10", "--kind", "danced"}, 1, ""},
		{[]string{"learn", "add", d, "--what", "A talk"}, 2, ""},
		{[]string{"reflect", d, "--minutes", "25", "--note", "calm"}, 0, "25 of 30 minutes"},
		{[]string{"reflect", d}, 2, ""},
		{[]string{"framework", "export", d}, 2, ""},
	} {
		code, out, errOut := runIn(t, "", c.args...)
		if code != c.code || !strings.Contains(out, c.out) {
			t.Errorf("%v: code %d, out %q, err %q; want %d and %q", c.args[:2], code, out, errOut, c.code, c.out)
		}
	}

	_, out, _ := runIn(t, "", "assessments", "list", "--json", d)
	var xs []peerplaypay.Session
	if err := json.Unmarshal([]byte(out), &xs); err != nil || len(xs) != 1 || len(xs[0].Answers) != 2 || xs[0].Shared {
		t.Fatalf("assessments = %s (%v)", out, err)
	}
	// Sharing needs a team; taking back what is not shared is nothing to do.
	if code, _, e := runIn(t, "", "assessments", "share", "1", d); code != 1 || !strings.Contains(e, "needs a team share") {
		t.Errorf("share without a team: %d %q", code, e)
	}
	if code, out, e := runIn(t, "", "assessments", "unshare", "1", d); code != 0 || !strings.Contains(out, "taken back") {
		t.Errorf("unshare: %d %q %q", code, out, e)
	}
	if code, _, _ := runIn(t, "", "assessments", "share", "x", d); code != 2 {
		t.Errorf("share x: %d", code)
	}
	if code, _, _ := runIn(t, "", "assessments", "unshare", "99", d); code != 1 {
		t.Errorf("unshare 99: %d", code)
	}
	if code, out, _ := runIn(t, "", "assessments", "team", "--json", d); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("assessments team: %d %q", code, out)
	}
	_, out, _ = runIn(t, "", "basics", "list", "--json", d, "--day", "2026-11-20")
	var r peerplaypay.BasicsRange
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Ticks) != 1 || r.Ticks[0].Day != "2026-11-19" {
		t.Errorf("basics = %s", out)
	}
	if _, out, _ = runIn(t, "", "learn", "list", d); !strings.Contains(out, "This week: 30 minutes") {
		t.Errorf("learn list = %q", out)
	}

	file := filepath.Join(t.TempDir(), "framework.json")
	if code, _, e := runIn(t, "", "framework", "export", file, d); code != 0 {
		t.Fatal(e)
	}
	data, _ := os.ReadFile(file)
	os.WriteFile(file, bytes.Replace(data, []byte(`"craft.tools"`), []byte(`"craft.quality"`), 1), 0o644)
	code, _, e := runIn(t, "", "framework", "import", file, d)
	if code != 1 || !strings.Contains(e, `line 23: the item id "craft.quality" is used twice`) {
		t.Errorf("bad import: %d %q", code, e)
	}
	os.WriteFile(file, bytes.Replace(data, []byte(`"PeerPlayPay default"`), []byte(`"Ours"`), 1), 0o644)
	if code, out, e := runIn(t, "", "framework", "import", file, d); code != 0 || !strings.Contains(out, `"Ours" imported as version 2`) {
		t.Errorf("good import: %d %q %q", code, out, e)
	}
	// The same in YAML, chosen by the extension.
	yml := filepath.Join(t.TempDir(), "framework.yaml")
	if code, _, e := runIn(t, "", "framework", "export", yml, d); code != 0 {
		t.Fatal(e)
	}
	data, _ = os.ReadFile(yml)
	if !bytes.HasPrefix(data, []byte("format: peerplaypay-framework/1\nname: Ours\n")) {
		t.Fatalf("YAML export starts %q", data[:60])
	}
	os.WriteFile(yml, bytes.Replace(data, []byte("behaviour: false"), []byte("behaviour: nope"), 1), 0o644)
	if code, _, e := runIn(t, "", "framework", "import", yml, d); code != 1 || !strings.HasPrefix(e, "peerplaypay framework import: line 16: \"nope\"") {
		t.Errorf("bad YAML import: %d %q", code, e)
	}
	os.WriteFile(yml, bytes.Replace(data, []byte("name: Ours"), []byte("name: Ours in YAML"), 1), 0o644)
	if code, out, e := runIn(t, "", "framework", "import", yml, d); code != 0 || !strings.Contains(out, "version 3") {
		t.Errorf("YAML import: %d %q %q", code, out, e)
	}
}

func TestAssessInteractive(t *testing.T) {
	dir := t.TempDir()
	d := "--data-dir=" + dir
	// Rate the first item, skip the second, a wrong level then the third, pause.
	code, out, _ := runIn(t, "3\nwrote the importer\n\n7\n2\n\nq\n", "assess", d)
	if code != 0 || strings.Count(out, "Saved.") != 2 || !strings.Contains(out, "Type a number from 1 to 5") || !strings.Contains(out, "Paused with 2 of") {
		t.Fatalf("first run: %d\n%s", code, out)
	}
	// Resuming asks only what is not rated yet: the skipped item first.
	code, out, _ = runIn(t, "4\n\n", "assess", d)
	if code != 0 || !strings.Contains(out, "2 of 21 items rated so far") || !strings.Contains(out, "[2/21] Craft · Tools and methods") || strings.Contains(out, "[1/21]") {
		t.Fatalf("resume: %d\n%s", code, out)
	}
	// Answer nothing more and finish.
	in := strings.Repeat("\n", 21) + "y\n"
	if code, out, _ = runIn(t, in, "assess", d); code != 0 || !strings.Contains(out, "Assessment finished") {
		t.Fatalf("finish: %d\n%s", code, out)
	}
	// The next assessment shows the last ratings beside the items.
	if _, out, _ = runIn(t, "q\n", "assess", d); !strings.Contains(out, "Last time (") || !strings.Contains(out, "wrote the importer") {
		t.Errorf("no last rating shown:\n%s", out)
	}
}

// TestAssessInterrupted: Ctrl-C pauses an interactive assessment at once,
// keeping the answers given.
func TestAssessInterrupted(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "assess", "--data-dir", dir)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	stdin, _ := cmd.StdinPipe()
	defer stdin.Close()
	var out bytes.Buffer
	saved := make(chan struct{})
	cmd.Stdout = writerFunc(func(p []byte) (int, error) {
		if out.Write(p); bytes.Contains(out.Bytes(), []byte("Saved.")) && saved != nil {
			close(saved)
			saved = nil
		}
		return len(p), nil
	})
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	wait := saved
	io.WriteString(stdin, "2\nsome evidence\n")
	select {
	case <-wait:
	case <-time.After(20 * time.Second):
		t.Fatal("the answer was not saved")
	}
	cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil || !strings.Contains(out.String(), "Paused with 1 of 21 items rated") {
			t.Errorf("after Ctrl-C: %v\n%s", err, out.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Ctrl-C did not end the assessment")
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestAssessKilled kills a real `assess` process after two answers: both
// are in the database, and the next run resumes the session.
func TestAssessKilled(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "assess", "--data-dir", dir)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	saved := make(chan int, 8)
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Split(bufio.ScanWords)
		n := 0
		for sc.Scan() {
			if sc.Text() == "Saved." {
				n++
				saved <- n
			}
		}
		close(saved)
	}()
	io.WriteString(stdin, "3\nfirst evidence\n5\nsecond evidence\n")
	for n := 0; n < 2; {
		select {
		case v, ok := <-saved:
			if !ok {
				t.Fatal("assess ended early")
			}
			n = v
		case <-time.After(20 * time.Second):
			t.Fatal("no answers saved")
		}
	}
	// The third item waits for its level: kill the process there.
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	db, err := sqlite.Open(context.Background(), filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	x, err := sqlite.NewGrowthService(db).CurrentSession(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Answers) != 2 || x.FinishedAt != "" {
		t.Fatalf("after the kill: %+v", x)
	}
	got := map[string]string{}
	for _, a := range x.Answers {
		got[a.ItemID] = a.Evidence
	}
	if got["craft.quality"] != "first evidence" || got["craft.tools"] != "second evidence" {
		t.Errorf("answers = %v", got)
	}
}

package share

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/share/backend"
)

// The kill tests run part of the work in a child process (this test
// binary, re-executed with childEnv set) and SIGKILL it mid-way: no
// deferred cleanup, no flush, as when a laptop's battery dies.
const childEnv = "PEERPLAYPAY_SHARE_TEST_CHILD"

// shareEnv carries a share's location and credentials to a child.
func shareEnv(loc string, creds backend.Credentials) []string {
	return []string{"CHILD_LOCATION=" + loc, "CHILD_KEY_ID=" + creds.AccessKeyID, "CHILD_SECRET=" + creds.SecretAccessKey}
}

func childBackend() (backend.Backend, error) {
	return backend.Open(context.Background(), os.Getenv("CHILD_LOCATION"), backend.Options{Credentials: backend.Credentials{
		AccessKeyID: os.Getenv("CHILD_KEY_ID"), SecretAccessKey: os.Getenv("CHILD_SECRET"),
	}})
}

func runChild(mode string) int {
	err := func() error {
		b, err := childBackend()
		if err != nil {
			return err
		}
		switch mode {
		case "put":
			// Send CHILD_BYTES, then hang mid-object until killed.
			var n int
			fmt.Sscan(os.Getenv("CHILD_BYTES"), &n)
			return b.Put(context.Background(), os.Getenv("CHILD_KEY"), &hangingReader{left: n}, backend.PutOptions{CreateOnly: true})
		case "upload":
			id, err := LoadIdentity(os.Getenv("CHILD_IDENTITY"))
			if err != nil {
				return err
			}
			team, _ := ParseTeamID(os.Getenv("CHILD_TEAM"))
			genesis, _ := ParseHash(os.Getenv("CHILD_GENESIS"))
			tm, err := OpenTeam(context.Background(), b, id, team, genesis, nil)
			if err != nil {
				return err
			}
			f, err := os.Open(os.Getenv("CHILD_FILE"))
			if err != nil {
				return err
			}
			u, err := tm.NewUploader(UploadOptions{Concurrency: 2})
			if err != nil {
				return err
			}
			// Slow enough that the parent's kill lands mid-upload.
			_, err = u.Upload(context.Background(), &slowReader{r: f, delay: 40 * time.Millisecond}, func(p Progress) {
				fmt.Printf("chunk %d\n", p.Chunks)
			})
			return err
		}
		return fmt.Errorf("unknown child mode %q", mode)
	}()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// hangingReader yields left bytes, prints "hanging", then blocks forever.
type hangingReader struct{ left int }

func (h *hangingReader) Read(p []byte) (int, error) {
	if h.left == 0 {
		fmt.Println("hanging")
		select {}
	}
	n := min(len(p), h.left)
	for i := range p[:n] {
		p[i] = 'x'
	}
	h.left -= n
	return n, nil
}

type slowReader struct {
	r     io.Reader
	delay time.Duration
}

func (s *slowReader) Read(p []byte) (int, error) {
	time.Sleep(s.delay)
	return s.r.Read(p)
}

// startChild runs a child and returns its stdout lines as they come.
func startChild(t *testing.T, mode string, env []string) (*exec.Cmd, <-chan string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), childEnv+"="+mode), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("child stderr: %s", stderr.String())
		}
	})
	return cmd, lines
}

// waitLine waits for a line satisfying ok, failing if the child ends first.
func waitLine(t *testing.T, lines <-chan string, ok func(string) bool) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case l, open := <-lines:
			if !open {
				t.Fatal("the child ended before the point where it was to be killed")
			}
			if ok(l) {
				return
			}
		case <-deadline:
			t.Fatal("the child did not get to the point where it was to be killed")
		}
	}
}

func kill(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	_ = cmd.Wait()
}

type shareUnderTest struct {
	name string
	open func(t *testing.T) (string, backend.Credentials)
}

func bothBackends() []shareUnderTest {
	return []shareUnderTest{
		{"Folder", func(t *testing.T) (string, backend.Credentials) { return t.TempDir(), backend.Credentials{} }},
		{"S3", func(t *testing.T) (string, backend.Credentials) { return s3srv.NewBucket(t) }},
	}
}

func openShare(t *testing.T, loc string, creds backend.Credentials) backend.Backend {
	t.Helper()
	return openShareB(t, loc, creds)
}

func openShareB(t testing.TB, loc string, creds backend.Credentials) backend.Backend {
	t.Helper()
	b, err := backend.Open(bg(), loc, backend.Options{Credentials: creds})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// TestKillMidPut: a writer killed in the middle of an object leaves no
// object, on either backend, and the key can be created afterwards. On S3
// the object is larger than a part, so parts were already sent.
func TestKillMidPut(t *testing.T) {
	for _, s := range bothBackends() {
		t.Run(s.name, func(t *testing.T) {
			loc, creds := s.open(t)
			const key = "members/a/blobs/partial"
			cmd, lines := startChild(t, "put", append(shareEnv(loc, creds), "CHILD_KEY="+key, fmt.Sprintf("CHILD_BYTES=%d", 21<<20)))
			waitLine(t, lines, func(l string) bool { return l == "hanging" })
			time.Sleep(200 * time.Millisecond) // let the bytes reach the file or the server
			kill(t, cmd)

			if s.name == "Folder" {
				// The kill did land mid-write: the bytes are on disk, under a
				// temporary name only.
				tmps, _ := filepath.Glob(filepath.Join(loc, "members", "a", "blobs", ".partial.*.tmp"))
				if len(tmps) != 1 {
					t.Fatalf("temporary files after the kill: %v", tmps)
				}
			}
			b := openShare(t, loc, creds)
			if _, err := b.Stat(bg(), key); !errors.Is(err, backend.ErrNotFound) {
				t.Fatalf("after the kill, stat = %v; want not found", err)
			}
			if es, err := b.List(bg(), "", ""); err != nil || len(es) != 0 {
				t.Fatalf("after the kill the share lists %v, %v", es, err)
			}
			if err := b.Put(bg(), key, strings.NewReader("whole"), backend.PutOptions{CreateOnly: true}); err != nil {
				t.Fatalf("create after the kill: %v", err)
			}
		})
	}
}

// TestKillMidUpload: an upload killed after some chunks resumes without
// sending any chunk already stored, and every stored chunk is complete.
func TestKillMidUpload(t *testing.T) {
	for _, s := range bothBackends() {
		t.Run(s.name, func(t *testing.T) {
			loc, creds := s.open(t)
			b := openShare(t, loc, creds)
			me := mustIdentity(t)
			tm := mustCreate(t, b, me, "Pilots", "Ada")
			idDir := t.TempDir()
			if err := SaveIdentity(idDir, me); err != nil {
				t.Fatal(err)
			}
			const chunks = 10
			data := randomData(5, chunks*ChunkSize-1000)
			file := filepath.Join(t.TempDir(), "standup.webm")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			r := tm.Roster()
			cmd, lines := startChild(t, "upload", append(shareEnv(loc, creds),
				"CHILD_IDENTITY="+idDir, "CHILD_TEAM="+r.Team.String(), "CHILD_GENESIS="+r.Genesis.String(), "CHILD_FILE="+file))
			waitLine(t, lines, func(l string) bool { return l == "chunk 3" })
			kill(t, cmd)

			// A PUT whose body was whole when the writer died may still be
			// stored by the server a moment later: count once it settles.
			present := storedChunks(t, tm, b)
			for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
				time.Sleep(300 * time.Millisecond)
				again := storedChunks(t, tm, b)
				if len(again) == len(present) {
					break
				}
				present = again
			}
			if len(present) < 3 || len(present) == chunks {
				t.Fatalf("%d chunks stored when killed after 3", len(present))
			}
			before := b.Stats()
			var sent []string
			m, err := mustUploader(t, tm, 4).Upload(bg(), bytes.NewReader(data), nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range m.Chunks {
				if !present[c.Name] {
					sent = append(sent, c.Name)
				}
			}
			if puts := b.Stats().Sub(before).Puts; puts != int64(len(sent)) {
				t.Fatalf("resume made %d PUTs; %d chunks were missing", puts, len(sent))
			}
			t.Logf("killed with %d of %d chunks stored; resume sent %d", len(present), chunks, len(sent))
			if got := mustDownload(t, tm, me.MemberID(), m); !bytes.Equal(got, data) {
				t.Fatal("the resumed upload does not download as the file")
			}
		})
	}
}

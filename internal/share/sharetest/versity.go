// Package sharetest runs a real S3 server, versitygw, for the tests of the
// team share and of everything built on it.
//
// One server serves a whole test binary; each test takes a fresh bucket:
//
//	var s3srv sharetest.S3
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		s3srv.Stop()
//		os.Exit(code)
//	}
//
//	func TestX(t *testing.T) {
//		loc, creds := s3srv.NewBucket(t)
//		b, err := backend.Open(ctx, loc, backend.Options{Credentials: creds})
//		...
//	}
//
// The server starts on first use, so a run of only folder tests needs no
// binary. The binary is found through $VERSITYGW, then <repo>/.tools/versitygw,
// then PATH; a test that needs it and finds none fails.
package sharetest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"peerplaypay/internal/share/backend"
)

// EnvBinary names the versitygw binary to use.
const EnvBinary = "VERSITYGW"

// S3 is a lazily started server shared by the tests of one binary. Its zero
// value is ready to use; call Stop from TestMain.
type S3 struct {
	mu  sync.Mutex
	srv *Server
	err error
}

// Server returns the running server, starting it on first use. A server
// that failed to start fails every test that asks for it, without retrying.
func (s *S3) Server(tb testing.TB) *Server {
	tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv == nil && s.err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		s.srv, s.err = Start(ctx)
		cancel()
	}
	if s.err != nil {
		tb.Fatalf("S3 test server: %v", s.err)
	}
	return s.srv
}

// NewBucket creates an empty bucket on the shared server and returns its
// share location and credentials.
func (s *S3) NewBucket(tb testing.TB) (string, backend.Credentials) {
	tb.Helper()
	srv := s.Server(tb)
	name := srv.NewBucket(tb)
	return srv.Location(name, ""), srv.Credentials()
}

// Stop stops the server if it was started.
func (s *S3) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		s.srv.Stop()
		s.srv = nil
	}
}

// Server is one running versitygw process with its own storage folder.
type Server struct {
	Endpoint  string // http://127.0.0.1:PORT
	AccessKey string
	SecretKey string

	cmd     *exec.Cmd
	dir     string
	keep    bool // dir is the caller's: Stop leaves it
	out     *lockedBuffer
	exited  chan struct{}
	client  *s3.Client
	buckets atomic.Int64
}

// FindBinary returns the versitygw to run.
func FindBinary() (string, error) {
	if p := os.Getenv(EnvBinary); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", EnvBinary, p, err)
		}
		return p, nil
	}
	if root, err := repoRoot(); err == nil {
		p := filepath.Join(root, ".tools", "versitygw")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p, nil
	}
	return "", errors.New("versitygw not found (looked at $" + EnvBinary + ", <repo>/.tools/versitygw and PATH); `make setup-test` installs it")
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// Start runs versitygw on a free loopback port with a fresh storage folder
// and waits until it answers.
func Start(ctx context.Context) (*Server, error) {
	return StartIn(ctx, "")
}

// StartIn is Start on the storage folder dir, which Stop leaves in place
// (a benchmark's share, kept between runs); "" is a fresh folder that Stop
// removes.
func StartIn(ctx context.Context, dir string) (*Server, error) {
	bin, err := FindBinary()
	if err != nil {
		return nil, err
	}
	var lastErr error
	// A port found free can be taken before versitygw binds it; try again.
	for range 3 {
		srv, err := start(ctx, bin, dir)
		if err == nil {
			return srv, nil
		}
		lastErr = err
		if ctx.Err() != nil {
			break
		}
	}
	return nil, lastErr
}

func start(ctx context.Context, bin, dir string) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	keep := dir != ""
	if !keep {
		if dir, err = os.MkdirTemp("", "versitygw-*"); err != nil {
			return nil, err
		}
	}
	s := &Server{
		Endpoint:  fmt.Sprintf("http://127.0.0.1:%d", port),
		AccessKey: "sharetest",
		SecretKey: "sharetest-secret",
		dir:       dir,
		keep:      keep,
		out:       &lockedBuffer{},
		exited:    make(chan struct{}),
	}
	s.cmd = exec.Command(bin, "--port", fmt.Sprintf("127.0.0.1:%d", port), "posix", dir)
	s.cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY="+s.AccessKey, "ROOT_SECRET_KEY="+s.SecretKey)
	s.cmd.Stdout = s.out
	s.cmd.Stderr = s.out
	setParentDeathSignal(s.cmd)
	if err := s.cmd.Start(); err != nil {
		if !keep {
			os.RemoveAll(dir)
		}
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	go func() { _ = s.cmd.Wait(); close(s.exited) }()
	if err := s.waitReady(ctx); err != nil {
		s.Stop()
		return nil, err
	}
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithRegion("us-east-1"),
		config.WithEC2IMDSClientEnableState(imds.ClientDisabled),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(s.AccessKey, s.SecretKey, "")))
	if err != nil {
		s.Stop()
		return nil, err
	}
	s.client = s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(s.Endpoint)
		o.UsePathStyle = true
	})
	return s, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls until the server answers HTTP at all (an anonymous
// request gets 403, which is an answer).
func (s *Server) waitReady(ctx context.Context) error {
	client := &http.Client{Timeout: time.Second}
	for {
		resp, err := client.Get(s.Endpoint + "/")
		if err == nil {
			resp.Body.Close()
			return nil
		}
		select {
		case <-s.exited:
			return fmt.Errorf("versitygw exited before answering: %s", s.out.String())
		case <-ctx.Done():
			return fmt.Errorf("versitygw did not answer on %s: %w; output: %s", s.Endpoint, ctx.Err(), s.out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Stop ends the process and removes its storage.
func (s *Server) Stop() {
	if s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(os.Interrupt)
		select {
		case <-s.exited:
		case <-time.After(3 * time.Second):
			_ = s.cmd.Process.Kill()
			<-s.exited
		}
	}
	if !s.keep {
		os.RemoveAll(s.dir)
	}
}

// CreateBucket makes a bucket through the S3 API (a directory made by hand
// lacks the metadata versitygw keeps and answers 500).
func (s *Server) CreateBucket(ctx context.Context, name string) error {
	_, err := s.client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)})
	return err
}

// NewBucket creates a uniquely named empty bucket and returns its name.
func (s *Server) NewBucket(tb testing.TB) string {
	tb.Helper()
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	name := fmt.Sprintf("t%d-%s", s.buckets.Add(1), hex.EncodeToString(rnd[:]))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.CreateBucket(ctx, name); err != nil {
		tb.Fatalf("create bucket %s: %v", name, err)
	}
	return name
}

// Location is the share address of bucket (and prefix) on this server.
func (s *Server) Location(bucket, prefix string) string {
	return fmt.Sprintf("s3://%s/%s?endpoint=%s&region=us-east-1", bucket, prefix, s.Endpoint)
}

// Credentials are the server's root keys.
func (s *Server) Credentials() backend.Credentials {
	return backend.Credentials{AccessKeyID: s.AccessKey, SecretAccessKey: s.SecretKey}
}

// lockedBuffer collects the server's output for error messages.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 64<<10 {
		return len(p), nil
	}
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

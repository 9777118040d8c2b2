package backend_test

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"peerplaypay/internal/share/backend"
	"peerplaypay/internal/share/backend/backendtest"
	"peerplaypay/internal/share/sharetest"
)

var s3srv sharetest.S3

func TestMain(m *testing.M) {
	code := m.Run()
	s3srv.Stop()
	os.Exit(code)
}

func open(t *testing.T, loc string, opts backend.Options) backend.Backend {
	t.Helper()
	b, err := backend.Open(context.Background(), loc, opts)
	if err != nil {
		t.Fatalf("open %s: %v", loc, err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func TestFolder(t *testing.T) {
	backendtest.Run(t, backendtest.Factory{
		New:        func(t *testing.T) backend.Backend { return open(t, t.TempDir(), backend.Options{}) },
		PutForeign: putForeign,
		MissingShare: func(t *testing.T) (backend.Backend, error) {
			return backend.Open(context.Background(), filepath.Join(t.TempDir(), "unmounted"), backend.Options{})
		},
		Unwritable: func(t *testing.T) (backend.Backend, error) {
			dir := t.TempDir()
			makeUnwritable(t, dir)
			return backend.Open(context.Background(), dir, backend.Options{})
		},
	})
}

func TestS3(t *testing.T) {
	backendtest.Run(t, backendtest.Factory{
		New: func(t *testing.T) backend.Backend {
			loc, creds := s3srv.NewBucket(t)
			return open(t, loc, backend.Options{Credentials: creds})
		},
		PutForeign: putForeign,
		BadCredentials: func(t *testing.T) (backend.Backend, error) {
			loc, creds := s3srv.NewBucket(t)
			creds.SecretAccessKey += "-wrong"
			return backend.Open(context.Background(), loc, backend.Options{Credentials: creds})
		},
		MissingShare: func(t *testing.T) (backend.Backend, error) {
			srv := s3srv.Server(t)
			return backend.Open(context.Background(), srv.Location("never-created", ""), backend.Options{Credentials: srv.Credentials()})
		},
		Unreachable: func(t *testing.T) (backend.Backend, error) {
			loc := "s3://bucket?endpoint=http://127.0.0.1:" + closedPort(t)
			creds := backend.Credentials{AccessKeyID: "k", SecretAccessKey: "s"}
			return backend.Open(context.Background(), loc, backend.Options{Credentials: creds, MaxAttempts: 1})
		},
	})
}

func putForeign(t *testing.T, b backend.Backend, name string, data []byte) {
	t.Helper()
	if err := backend.PutForeign(context.Background(), b, name, data); err != nil {
		t.Fatalf("put %q: %v", name, err)
	}
}

// TestS3Prefix: two shares in one bucket under different prefixes do not
// see each other.
func TestS3Prefix(t *testing.T) {
	srv := s3srv.Server(t)
	name := srv.NewBucket(t)
	a := open(t, srv.Location(name, "teams/a"), backend.Options{Credentials: srv.Credentials()})
	b := open(t, srv.Location(name, "teams/b"), backend.Options{Credentials: srv.Credentials()})
	backendtest.MustPut(t, a, "roster/000000000001", []byte("a"))
	backendtest.MustPut(t, b, "roster/000000000001", []byte("b"))
	for _, c := range []struct {
		b    backend.Backend
		want string
	}{{a, "a"}, {b, "b"}} {
		es, err := c.b.List(context.Background(), "", "")
		if err != nil || len(es) != 1 || es[0].Key != "roster/000000000001" {
			t.Fatalf("list = %+v, %v", es, err)
		}
		if got := backendtest.MustGet(t, c.b, "roster/000000000001"); string(got) != c.want {
			t.Fatalf("got %q, want %q", got, c.want)
		}
	}
}

// TestS3CredentialsFromEnvironment: no explicit keys means the AWS
// variables, and AWS_CA_BUNDLE does not get in the way.
func TestS3CredentialsFromEnvironment(t *testing.T) {
	loc, creds := s3srv.NewBucket(t)
	t.Setenv("AWS_ACCESS_KEY_ID", creds.AccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", creds.SecretAccessKey)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	for _, bundle := range []string{"", "/etc/ssl/certs/ca-certificates.crt"} {
		if _, err := os.Stat(bundle); bundle != "" && err != nil {
			continue
		}
		t.Setenv("AWS_CA_BUNDLE", bundle)
		b := open(t, loc, backend.Options{})
		backendtest.MustPut(t, b, "x", []byte("y"))
		if string(backendtest.MustGet(t, b, "x")) != "y" {
			t.Fatal("round trip failed")
		}
	}
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	_, err := backend.Open(context.Background(), loc, backend.Options{})
	if backend.KindOf(err) != backend.KindCredentials {
		t.Fatalf("open without any key = %v; want a credentials error", err)
	}
}

func TestS3WrongAccessKey(t *testing.T) {
	loc, creds := s3srv.NewBucket(t)
	creds.AccessKeyID = "nobody"
	b := open(t, loc, backend.Options{Credentials: creds})
	_, err := b.List(context.Background(), "", "")
	if backend.KindOf(err) != backend.KindCredentials {
		t.Fatalf("unknown access key = %v", err)
	}
}

// TestFolderGone: a share folder that disappears after Open (an unplugged
// drive) is reported as missing, not as an empty share or a missing key.
func TestFolderGone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "share")
	b := open(t, dir, backend.Options{CreateFolder: true})
	backendtest.MustPut(t, b, "roster/000000000001", []byte("x"))
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	_, err := b.List(context.Background(), "roster/", "")
	if backend.KindOf(err) != backend.KindNoShare {
		t.Fatalf("list = %v; want no share", err)
	}
	_, err = b.Get(context.Background(), "roster/000000000001")
	if backend.KindOf(err) != backend.KindNoShare {
		t.Fatalf("get = %v; want no share", err)
	}
	err = b.Put(context.Background(), "roster/000000000002", strings.NewReader("x"), backend.PutOptions{})
	if backend.KindOf(err) != backend.KindNoShare {
		t.Fatalf("put = %v; want no share", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("put re-created the missing share folder")
	}
}

// TestFolderTempFiles: what a crashed writer or a sync tool leaves behind
// is not part of the share: writes in progress are not listed, and other
// names no app writes are listed only as foreign, to be reported.
func TestFolderTempFiles(t *testing.T) {
	dir := t.TempDir()
	b := open(t, dir, backend.Options{})
	backendtest.MustPut(t, b, "members/a/blobs/ok", []byte("x"))
	for _, name := range []string{".ok.1234.tmp", ".syncthing.ok.tmp", "ok (conflicted copy).txt", "Thumbs db"} {
		if err := os.WriteFile(filepath.Join(dir, "members", "a", "blobs", name), []byte("partial"), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	es, err := b.List(context.Background(), "members/", "")
	want := []backend.Entry{{Key: "members/a/blobs/Thumbs db", Foreign: true}, {Key: "members/a/blobs/ok", Size: 1},
		{Key: "members/a/blobs/ok (conflicted copy).txt", Foreign: true}}
	if err != nil || !slices.Equal(es, want) {
		t.Fatalf("list = %+v, %v; want %+v", es, err, want)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "members", "a", "blobs"))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".attrs") {
			t.Fatalf("a sidecar file was written: %s", e.Name())
		}
	}
}

func TestOpenLocations(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir("rel", 0o777); err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{"rel", "./rel", "file://" + filepath.ToSlash(filepath.Join(dir, "rel")), "file://./rel", "  rel  "} {
		b := open(t, loc, backend.Options{})
		if b.Location() != filepath.Join(dir, "rel") {
			t.Fatalf("%q opened %s", loc, b.Location())
		}
	}
	bad := []string{"", "ftp://host/x", "file://otherhost/x", "s3://", "s3://b?endpoint=ftp://x", "s3://b?endpoint=http://h:1&colour=red", "s3://b/bad%20prefix?endpoint=http://h:1"}
	for _, loc := range bad {
		if _, err := backend.Open(context.Background(), loc, backend.Options{}); err == nil {
			t.Fatalf("open %q succeeded", loc)
		}
	}
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	if _, err := backend.Open(context.Background(), "s3://bucket", backend.Options{Credentials: backend.Credentials{AccessKeyID: "a", SecretAccessKey: "b"}}); err == nil || !strings.Contains(err.Error(), "region") {
		t.Fatalf("AWS bucket without region = %v", err)
	}
	b := open(t, "s3://bucket/team/one/?endpoint=http://127.0.0.1:1/", backend.Options{Credentials: backend.Credentials{AccessKeyID: "a", SecretAccessKey: "b"}})
	if b.Location() != "s3://bucket/team/one/?endpoint=http://127.0.0.1:1" {
		t.Fatalf("location = %s", b.Location())
	}
}

// closedPort is a loopback port nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// makeUnwritable makes dir refuse new entries. Permission bits do not stop
// root, so as root the directory is made immutable (chattr +i), which stops
// everyone; where neither works the test cannot create the situation.
func makeUnwritable(t *testing.T, dir string) {
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	out, err := exec.Command("chattr", "+i", dir).CombinedOutput()
	if err != nil {
		t.Skipf("running as root and chattr +i is not available (%v: %s): no way to make a folder unwritable here", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
}

package share

import (
	"os"
	"sync"
	"testing"

	"peerplaypay/internal/share/sharetest"
)

// s3srv is the versitygw server shared by this package's tests.
var s3srv sharetest.S3

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(runChild(mode))
	}
	code := m.Run()
	s3srv.Stop()
	fixtures.cleanup()
	os.Exit(code)
}

// trioFixture is a three-member team built once per test binary: joining
// costs two safety-code computations, slow on purpose, so tests clone it.
type trioFixture struct {
	once sync.Once
	tr   *trio
	dir  string
}

var fixtures trioFixture

func (f *trioFixture) cleanup() {
	if f.dir != "" {
		os.RemoveAll(f.dir)
	}
}

// sharedTrio returns a fresh copy of the shared three-member team.
func sharedTrio(t *testing.T) *trio {
	t.Helper()
	fixtures.once.Do(func() {
		dir, err := os.MkdirTemp("", "share-fixture-*")
		if err != nil {
			t.Fatal(err)
		}
		fixtures.dir = dir
		fixtures.tr = newTrioIn(t, dir)
	})
	if fixtures.tr == nil {
		t.Fatal("the shared team could not be built")
	}
	return fixtures.tr.clone(t)
}

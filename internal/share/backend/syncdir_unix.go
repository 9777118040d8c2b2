//go:build !windows

package backend

import (
	"errors"
	"os"
	"syscall"
)

// syncDir makes a rename or link in dir durable. Some file systems (network
// mounts among them) refuse fsync on a directory; their own protocol decides
// durability then, and refusing the Put would help nobody.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EBADF) {
		return nil
	}
	return err
}

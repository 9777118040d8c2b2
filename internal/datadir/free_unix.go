//go:build unix

package cli

import (
	"runtime"

	"golang.org/x/sys/unix"
)

var isLinux = runtime.GOOS == "linux"

func freeBytes(dir string) (uint64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return st.Bavail * uint64(st.Bsize), nil
}

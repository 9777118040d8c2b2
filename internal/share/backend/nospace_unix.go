//go:build !windows

package backend

import "syscall"

func isNoSpace(errno syscall.Errno) bool {
	return errno == syscall.ENOSPC || errno == syscall.EDQUOT
}

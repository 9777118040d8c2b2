package backend

import "syscall"

// ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL.
func isNoSpace(errno syscall.Errno) bool {
	return errno == 39 || errno == 112
}

package datadir

import "golang.org/x/sys/windows"

// FreeBytes returns the space available to this user on dir's disk.
func FreeBytes(dir string) (uint64, error) {
	var free uint64
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, err
	}
	err = windows.GetDiskFreeSpaceEx(p, &free, nil, nil)
	return free, err
}

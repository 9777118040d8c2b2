package cli

import "golang.org/x/sys/windows"

const isLinux = false

func freeBytes(dir string) (uint64, error) {
	var free uint64
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, err
	}
	err = windows.GetDiskFreeSpaceEx(p, &free, nil, nil)
	return free, err
}

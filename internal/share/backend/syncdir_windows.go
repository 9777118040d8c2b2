package backend

// syncDir is a no-op: Windows cannot open a directory for fsync, and NTFS
// journals the metadata of a completed rename.
func syncDir(dir string) error { return nil }

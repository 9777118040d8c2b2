package backend

import (
	"fmt"
	"strings"
)

// MaxKeyLen keeps keys under every S3 implementation's limit (1024 bytes)
// even behind a long bucket prefix.
const MaxKeyLen = 512

// ValidKey reports whether key is a key the share may hold: segments of
// ASCII letters, digits, '.', '_' and '-', joined by '/', none empty and
// none starting with '.'. The restriction makes a key the same file name on
// Windows, macOS and Linux and the same object name on S3, and it leaves
// names starting with '.' to the folder backend's temporary files and to
// the tools that sync folders (Syncthing, Dropbox), which List never shows.
func ValidKey(key string) bool {
	if key == "" || len(key) > MaxKeyLen {
		return false
	}
	for _, seg := range strings.Split(key, "/") {
		if seg == "" || seg[0] == '.' {
			return false
		}
		for i := 0; i < len(seg); i++ {
			if !keyByte(seg[i]) {
				return false
			}
		}
	}
	return true
}

// inProgress reports whether a name is a temporary file of a write not
// finished yet: ours (".<name>.<random>.tmp") and the sync tools' (a
// Syncthing ".syncthing.<name>.tmp"). Listing them would report every
// write another member is making as a foreign name.
func inProgress(name string) bool {
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".tmp")
}

// validPrefix accepts "" and any prefix of a valid key, including one that
// ends in '/' or in the middle of a segment.
func validPrefix(prefix string) bool {
	if prefix == "" {
		return true
	}
	return ValidKey(strings.TrimSuffix(prefix, "/"))
}

func keyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
}

func checkKey(op, key string) error {
	if !ValidKey(key) {
		return fmt.Errorf("%s: invalid share key %q", op, key)
	}
	return nil
}

func checkPrefix(prefix, startAfter string) error {
	if !validPrefix(prefix) {
		return fmt.Errorf("list: invalid share prefix %q", prefix)
	}
	if startAfter != "" && !ValidKey(startAfter) {
		return fmt.Errorf("list: invalid start key %q", startAfter)
	}
	return nil
}

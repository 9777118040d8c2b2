package backend

import (
	"context"
	"os"
	"path/filepath"
)

// PutForeign stores data under a name the Backend refuses to write, as a
// person, a file manager or a sync tool would: straight into the folder,
// or through a plain S3 client.
func PutForeign(ctx context.Context, b Backend, name string, data []byte) error {
	switch b := b.(type) {
	case *folder:
		p := filepath.Join(b.root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	case *bucket:
		return b.bucket.WriteAll(ctx, b.prefix+name, data, nil)
	}
	return os.ErrInvalid
}

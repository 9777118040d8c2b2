package backend

import (
	"bytes"
	"context"
	"os"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
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
		_, err := b.client.PutObject(ctx, &s3.PutObjectInput{
			Bucket: aws.String(b.name), Key: aws.String(b.prefix + name), Body: bytes.NewReader(data),
		})
		return err
	}
	return os.ErrInvalid
}

package backend_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
)

// TestS3BrokenCABundle: a CA bundle that cannot be read is reported as
// this computer's setting, not as a key the share refused.
func TestS3BrokenCABundle(t *testing.T) {
	bundle := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(bundle, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_CA_BUNDLE", bundle)
	_, err := backend.Open(context.Background(), "s3://bucket?endpoint=http://127.0.0.1:1", backend.Options{
		Credentials: backend.Credentials{AccessKeyID: "k", SecretAccessKey: "s"}})
	if msg := peerplaypay.ErrorMessage(err); !strings.Contains(msg, "AWS_CA_BUNDLE") || strings.Contains(msg, "did not accept") {
		t.Fatalf("open with a broken CA bundle: %q", msg)
	}
}

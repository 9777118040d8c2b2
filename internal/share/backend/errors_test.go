//go:build !windows

package backend

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"syscall"
	"testing"

	"github.com/aws/smithy-go"

	"peerplaypay/internal/peerplaypay"
)

// TestClassify covers the failures the live suites cannot stage on every
// machine: DNS, permission bits as root, a full disk, and the S3 codes of
// servers other than versitygw.
func TestClassify(t *testing.T) {
	cases := []struct {
		name string
		sk   shareKind
		op   string
		err  error
		kind Kind
		code string
	}{
		{"DNS", bucketShare, "list", &net.DNSError{Err: "no such host", Name: "s3.example.invalid", IsNotFound: true}, KindUnreachable, peerplaypay.EUNAVAILABLE},
		{"Refused", bucketShare, "get", &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, KindUnreachable, peerplaypay.EUNAVAILABLE},
		{"Permission", folderShare, "put", &fs.PathError{Op: "open", Path: "/x", Err: syscall.EACCES}, KindDenied, peerplaypay.EUNWRITABLE},
		{"ReadOnlyFS", folderShare, "put", &fs.PathError{Op: "open", Path: "/x", Err: syscall.EROFS}, KindDenied, peerplaypay.EUNWRITABLE},
		{"DiskFull", folderShare, "put", &fs.PathError{Op: "write", Path: "/x", Err: syscall.ENOSPC}, KindDenied, peerplaypay.EUNWRITABLE},
		{"ReadDenied", folderShare, "get", &fs.PathError{Op: "open", Path: "/x", Err: syscall.EACCES}, KindDenied, peerplaypay.EUNAVAILABLE},
		{"NoKey", folderShare, "get", &fs.PathError{Op: "open", Path: "/x", Err: syscall.ENOENT}, KindNotFound, peerplaypay.ENOTFOUND},
		{"InvalidAccessKeyId", bucketShare, "list", &smithy.GenericAPIError{Code: "InvalidAccessKeyId"}, KindCredentials, peerplaypay.EINVALID},
		{"SignatureDoesNotMatch", bucketShare, "list", &smithy.GenericAPIError{Code: "SignatureDoesNotMatch"}, KindCredentials, peerplaypay.EINVALID},
		{"NoSuchBucket", bucketShare, "list", &smithy.GenericAPIError{Code: "NoSuchBucket"}, KindNoShare, peerplaypay.ENOTFOUND},
		{"AccessDenied", bucketShare, "put", &smithy.GenericAPIError{Code: "AccessDenied"}, KindDenied, peerplaypay.EUNWRITABLE},
		{"PreconditionFailed", bucketShare, "put", &smithy.GenericAPIError{Code: "PreconditionFailed"}, KindExists, peerplaypay.ECONFLICT},
		{"Unknown", bucketShare, "get", &smithy.GenericAPIError{Code: "InternalError"}, KindOther, peerplaypay.EUNAVAILABLE},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := classify(c.sk, c.op, "k", "somewhere", fmt.Errorf("wrapped: %w", c.err))
			if KindOf(err) != c.kind || peerplaypay.ErrorCode(err) != c.code {
				t.Fatalf("%v: kind %v, code %s; want %v, %s", err, KindOf(err), peerplaypay.ErrorCode(err), c.kind, c.code)
			}
			if !errors.Is(err, c.err) {
				t.Fatal("the cause is lost")
			}
		})
	}
	t.Run("CancelIsNotAShareProblem", func(t *testing.T) {
		err := classify(bucketShare, "get", "k", "somewhere", fmt.Errorf("x: %w", context.Canceled))
		if !errors.Is(err, context.Canceled) || KindOf(err) != KindOther || peerplaypay.ErrorCode(err) != peerplaypay.EINTERNAL {
			t.Fatalf("cancel classified as %v", err)
		}
	})
	t.Run("Sentinels", func(t *testing.T) {
		err := newError(KindExists, bucketShare, "put", "k", "loc", "", nil)
		if !errors.Is(err, ErrExists) || errors.Is(err, ErrNotFound) {
			t.Fatal("errors.Is does not match by kind")
		}
	})
}

package backend

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"syscall"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"

	"peerplaypay/internal/peerplaypay"
)

// Kind classifies a backend failure by what the person can do about it.
type Kind int

const (
	KindOther       Kind = iota // the share answered with an unexpected error
	KindUnreachable             // network down, wrong host or port, DNS failure
	KindCredentials             // access key unknown, secret wrong, or none given
	KindNoShare                 // the bucket or the share folder does not exist
	KindDenied                  // no permission (read-only folder, bucket policy), disk full
	KindNotFound                // the key does not exist
	KindExists                  // a create-only Put lost: the key exists
)

func (k Kind) String() string {
	switch k {
	case KindUnreachable:
		return "unreachable"
	case KindCredentials:
		return "credentials"
	case KindNoShare:
		return "no share"
	case KindDenied:
		return "denied"
	case KindNotFound:
		return "not found"
	case KindExists:
		return "exists"
	default:
		return "other"
	}
}

// Sentinels for errors.Is: errors.Is(err, backend.ErrExists).
var (
	ErrUnreachable = &Error{Kind: KindUnreachable}
	ErrCredentials = &Error{Kind: KindCredentials}
	ErrNoShare     = &Error{Kind: KindNoShare}
	ErrDenied      = &Error{Kind: KindDenied}
	ErrNotFound    = &Error{Kind: KindNotFound}
	ErrExists      = &Error{Kind: KindExists}
)

// Error is a classified backend failure. Its chain holds the
// *peerplaypay.Error to show (errors.As, peerplaypay.ErrorMessage) and the
// underlying cause.
type Error struct {
	Kind     Kind
	Op       string // get, put, list, stat, delete, open
	Key      string
	Location string
	User     *peerplaypay.Error
	Err      error
}

func (e *Error) Error() string {
	s := "share " + e.Op
	if e.Key != "" {
		s += " " + e.Key
	}
	s += ": " + e.Kind.String()
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() []error {
	var errs []error
	if e.User != nil {
		errs = append(errs, e.User)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// Is matches the Kind sentinels.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Op == "" && t.User == nil && t.Err == nil && t.Kind == e.Kind
}

// KindOf returns the Kind of the first *Error in err's chain, KindOther if none.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindOther
}

// shareKind tells messages apart: a missing bucket and a missing folder call
// for different fixes.
type shareKind int

const (
	folderShare shareKind = iota
	bucketShare
)

func isWrite(op string) bool { return op == "put" || op == "delete" }

// newError builds the user message for a kind. reason is short and safe to
// show (an errno text or an S3 error code), never a secret.
func newError(kind Kind, sk shareKind, op, key, loc, reason string, cause error) *Error {
	var code, msg string
	why := ""
	if reason != "" {
		why = " (" + reason + ")"
	}
	switch kind {
	case KindUnreachable:
		code = peerplaypay.EUNAVAILABLE
		msg = fmt.Sprintf("The team share at %s cannot be reached%s. Check the network connection and the share's address; your work stays on this laptop and is sent once the share is reachable.", loc, why)
	case KindCredentials:
		code = peerplaypay.EINVALID
		msg = fmt.Sprintf("The team share at %s did not accept the access key%s. Check the access key ID and the secret key in the share settings.", loc, why)
	case KindNoShare:
		code = peerplaypay.ENOTFOUND
		if sk == bucketShare {
			msg = fmt.Sprintf("The bucket of the team share %s does not exist%s. Check the bucket name, or create the bucket before using it.", loc, why)
		} else {
			msg = fmt.Sprintf("The team share folder %s does not exist%s. Connect the drive or mount the network folder, or choose another folder.", loc, why)
		}
	case KindDenied:
		if isWrite(op) {
			code = peerplaypay.EUNWRITABLE
			msg = fmt.Sprintf("PeerPlayPay cannot write to the team share at %s%s. Ask whoever manages the share for write access, fix the folder's permissions, or free some space.", loc, why)
		} else {
			code = peerplaypay.EUNAVAILABLE
			msg = fmt.Sprintf("PeerPlayPay may not read the team share at %s%s. Ask whoever manages the share for read access.", loc, why)
		}
	case KindNotFound:
		code = peerplaypay.ENOTFOUND
		msg = fmt.Sprintf("%s is not in the team share at %s.", key, loc)
	case KindExists:
		code = peerplaypay.ECONFLICT
		msg = fmt.Sprintf("%s already exists in the team share at %s; it was not replaced.", key, loc)
	default:
		code = peerplaypay.EUNAVAILABLE
		msg = fmt.Sprintf("The team share at %s answered with an error%s. Try again later; if it keeps happening, check the share.", loc, why)
	}
	return &Error{Kind: kind, Op: op, Key: key, Location: loc, User: peerplaypay.Errorf(code, "%s", msg), Err: cause}
}

// classify turns an error from the file system or the AWS SDK into
// an *Error. Cancellation is passed through unclassified: it is the
// caller's decision, not a problem of the share.
func classify(sk shareKind, op, key, loc string, err error) error {
	if err == nil {
		return nil
	}
	var be *Error
	if errors.As(err, &be) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("share %s %s: %w", op, key, err)
	}
	kind, reason := KindOther, ""
	if k, r, ok := classifyNet(err); ok {
		kind, reason = k, r
	} else if k, r, ok := classifyS3(err); ok {
		kind, reason = k, r
	} else if k, r, ok := classifyFS(err); ok {
		kind, reason = k, r
	}
	return newError(kind, sk, op, key, loc, reason, err)
}

func classifyNet(err error) (Kind, string, bool) {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return KindUnreachable, "host " + dns.Name + " not found", true
	}
	var op *net.OpError
	if errors.As(err, &op) {
		var errno syscall.Errno
		if errors.As(op.Err, &errno) {
			return KindUnreachable, errno.Error(), true
		}
		if op.Timeout() {
			return KindUnreachable, "timed out", true
		}
		return KindUnreachable, "network error", true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return KindUnreachable, "timed out", true
	}
	return 0, "", false
}

func classifyS3(err error) (Kind, string, bool) {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		code := ae.ErrorCode()
		switch code {
		// versitygw answers an unknown key with 404 XAdminUserNotFound
		// where AWS answers 403 InvalidAccessKeyId.
		case "InvalidAccessKeyId", "XAdminUserNotFound", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "TokenRefreshRequired", "AuthorizationHeaderMalformed", "InvalidSecurity":
			return KindCredentials, code, true
		case "NoSuchBucket":
			return KindNoShare, code, true
		case "NoSuchKey", "NotFound":
			return KindNotFound, code, true
		case "PreconditionFailed":
			return KindExists, code, true
		case "AccessDenied", "AllAccessDisabled":
			return KindDenied, code, true
		case "Forbidden":
			// A HEAD answer has no body to say why; a bad key is the
			// common cause on a share that worked before.
			return KindCredentials, "access denied", true
		}
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		switch sc := re.HTTPStatusCode(); sc {
		case http.StatusNotFound:
			return KindNotFound, "", true
		case http.StatusPreconditionFailed:
			return KindExists, "", true
		case http.StatusUnauthorized, http.StatusForbidden:
			return KindCredentials, "access denied", true
		default:
			return KindOther, fmt.Sprintf("HTTP %d", sc), true
		}
	}
	if ae != nil {
		return KindOther, ae.ErrorCode(), true
	}
	return 0, "", false
}

func classifyFS(err error) (Kind, string, bool) {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return KindNotFound, "", true
		case errors.Is(err, fs.ErrExist):
			return KindExists, "", true
		case errors.Is(err, fs.ErrPermission):
			return KindDenied, "permission denied", true
		}
		return 0, "", false
	}
	switch {
	case errors.Is(errno, fs.ErrNotExist):
		return KindNotFound, "", true
	case errors.Is(errno, fs.ErrExist):
		return KindExists, "", true
	case errors.Is(errno, fs.ErrPermission), errno == syscall.EROFS:
		return KindDenied, errno.Error(), true
	}
	if isNoSpace(errno) {
		return KindDenied, errno.Error(), true
	}
	return KindOther, errno.Error(), true
}

// Package backend stores the team share's objects: one small interface with
// two implementations, a folder (plain files, written durably) and an
// S3-compatible bucket (through the AWS SDK).
//
// Keys are slash-separated and restricted to a portable alphabet (see
// ValidKey) so that the same key maps to the same object name on every file
// system and every S3 implementation. Errors are *Error values classified by
// Kind; each carries a *peerplaypay.Error for the user.
package backend

import (
	"context"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"

	"peerplaypay/internal/peerplaypay"
)

// Backend is a flat namespace of immutable-by-convention objects.
//
// Every method takes ctx first and honours its cancellation. Implementations
// are safe for concurrent use.
type Backend interface {
	// Get streams a whole object. The caller must Close the reader.
	Get(ctx context.Context, key string) (io.ReadCloser, error)
	// GetRange streams length bytes from offset (length < 0: to the end).
	// Both backends serve ranges without reading the rest of the object.
	GetRange(ctx context.Context, key string, offset, length int64) (io.ReadCloser, error)
	// Put stores r under key. The object appears complete or not at all: a
	// reader error or a cancelled ctx leaves no object behind. When
	// opts.CreateOnly is set and key exists, Put fails with KindExists and the
	// existing object is untouched.
	Put(ctx context.Context, key string, r io.Reader, opts PutOptions) error
	// List returns the objects whose key starts with prefix and sorts strictly
	// after startAfter (ignored when empty), in lexical byte order. Each
	// backend request for a page of up to 1000 keys counts one list.
	// Objects whose name is not a valid key (a Finder's .DS_Store, an
	// editor's backup~, anything but a regular file) are listed Foreign,
	// so that they can be reported; writes in progress are not listed.
	List(ctx context.Context, prefix, startAfter string) ([]Entry, error)
	// Stat returns the size of one object, KindNotFound if it is absent.
	Stat(ctx context.Context, key string) (Entry, error)
	// Delete removes key. Deleting an absent key is not an error: S3 cannot
	// tell the two apart without a second request.
	Delete(ctx context.Context, key string) error
	// Stats returns the requests made so far by this instance.
	Stats() Stats
	// Location is the share's address as the user gave it, normalised and
	// without secrets, for messages.
	Location() string
	Close() error
}

// Entry is one listed object.
type Entry struct {
	Key  string
	Size int64
	// Foreign marks a name no app writes: it is not a valid key, or (in a
	// folder) not a regular file. Key is its name as stored, to report;
	// it can never be read through the Backend.
	Foreign bool
}

// PutOptions tune one Put.
type PutOptions struct {
	// CreateOnly makes Put fail with KindExists instead of replacing an
	// existing object: the share's one concurrency primitive.
	CreateOnly bool
}

// Stats counts requests by kind. A list counts once per page, a put once
// per object whatever the transport does underneath (S3 multipart uploads
// of large objects make several HTTP requests).
type Stats struct {
	Lists   int64
	Gets    int64
	Puts    int64
	Stats   int64
	Deletes int64
}

// Total is the number of requests of every kind.
func (s Stats) Total() int64 { return s.Lists + s.Gets + s.Puts + s.Stats + s.Deletes }

// Sub returns the requests made between an earlier snapshot o and s.
func (s Stats) Sub(o Stats) Stats {
	return Stats{s.Lists - o.Lists, s.Gets - o.Gets, s.Puts - o.Puts, s.Stats - o.Stats, s.Deletes - o.Deletes}
}

// counter is embedded by both backends.
type counter struct {
	lists, gets, puts, stats, deletes atomic.Int64
}

func (c *counter) Stats() Stats {
	return Stats{c.lists.Load(), c.gets.Load(), c.puts.Load(), c.stats.Load(), c.deletes.Load()}
}

// Credentials for an S3-compatible share. Empty means: take them from the
// environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN)
// or the AWS shared configuration files.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
}

// Options for Open.
type Options struct {
	Credentials Credentials
	// CreateFolder creates a missing share folder (when a team is created);
	// otherwise a missing folder is reported, since it usually means an
	// unmounted drive rather than an empty share.
	CreateFolder bool
	// MaxAttempts bounds S3 retries of a failed request (0: the AWS SDK's
	// default of 3).
	MaxAttempts int
}

// Open returns the backend for a location: "s3://bucket/prefix?endpoint=URL&region=R"
// for an S3-compatible bucket, or a folder given as a plain path (absolute
// or relative) or a file:// URL. Open of a bucket makes no request; its
// problems show at the first call.
func Open(ctx context.Context, location string, opts Options) (Backend, error) {
	loc := strings.TrimSpace(location)
	switch {
	case loc == "":
		return nil, peerplaypay.FieldErrorf("location", "Enter the team share's location: a folder, or an S3 address such as s3://bucket?endpoint=https://host:9000.")
	case strings.HasPrefix(loc, "s3://"):
		return openS3(ctx, loc, opts)
	case strings.HasPrefix(loc, "file://"):
		u, err := url.Parse(loc)
		if err != nil {
			return nil, peerplaypay.FieldErrorf("location", "The folder address %q is not a valid file:// URL (%v).", loc, err)
		}
		p := u.Path
		if u.Host == "." {
			p = "." + p
		} else if u.Host != "" && u.Host != "localhost" {
			return nil, peerplaypay.FieldErrorf("location", "The folder address %q names another machine; mount that folder and give its local path.", loc)
		}
		return openFolder(ctx, filepath.FromSlash(p), opts)
	case strings.Contains(loc, "://"):
		return nil, peerplaypay.FieldErrorf("location", "The team share %q is neither a folder nor an s3:// address.", loc)
	default:
		return openFolder(ctx, loc, opts)
	}
}

package backend

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"peerplaypay/internal/peerplaypay"
)

// bucket is a share in an S3-compatible bucket, under an optional prefix.
type bucket struct {
	counter
	loc    string
	name   string
	prefix string // "" or ends with "/"
	client *s3.Client
	// uploads streams the Puts of objects not in memory.
	uploads *transfermanager.Client
}

var _ Backend = (*bucket)(nil)

// s3Location is a parsed "s3://bucket/prefix?endpoint=...&region=...".
type s3Location struct {
	Bucket    string
	Prefix    string
	Endpoint  string
	Region    string
	PathStyle bool
}

func parseS3Location(loc string) (s3Location, error) {
	u, err := url.Parse(loc)
	if err != nil {
		return s3Location{}, peerplaypay.FieldErrorf("location", "The S3 address %q is not a valid URL (%v).", loc, err)
	}
	l := s3Location{Bucket: u.Host, Prefix: strings.Trim(u.Path, "/")}
	if l.Bucket == "" {
		return l, peerplaypay.FieldErrorf("location", "The S3 address %q names no bucket: write it as s3://bucket/optional-prefix?endpoint=https://host:port.", loc)
	}
	if l.Prefix != "" {
		if !ValidKey(l.Prefix) {
			return l, peerplaypay.FieldErrorf("location", "The prefix %q in the S3 address may only contain letters, digits, '.', '_', '-' and '/'.", l.Prefix)
		}
		l.Prefix += "/"
	}
	for name, vals := range u.Query() {
		v := vals[len(vals)-1]
		switch name {
		case "endpoint":
			e, err := url.Parse(v)
			if err != nil || (e.Scheme != "http" && e.Scheme != "https") || e.Host == "" {
				return l, peerplaypay.FieldErrorf("location", "The endpoint %q in the S3 address must be an http:// or https:// URL such as https://host:9000.", v)
			}
			l.Endpoint = strings.TrimSuffix(v, "/")
		case "region":
			l.Region = v
		case "use_path_style":
			l.PathStyle = v == "true" || v == "1"
		default:
			return l, peerplaypay.FieldErrorf("location", "The S3 address has an unknown setting %q; the known ones are endpoint, region and use_path_style.", name)
		}
	}
	// Self-hosted servers (MinIO, Ceph, versitygw...) rarely have the
	// wildcard DNS that virtual-hosted addressing needs.
	if l.Endpoint != "" {
		l.PathStyle = true
		if l.Region == "" {
			l.Region = "us-east-1"
		}
	}
	if l.Region == "" {
		l.Region = os.Getenv("AWS_REGION")
	}
	if l.Region == "" {
		l.Region = os.Getenv("AWS_DEFAULT_REGION")
	}
	if l.Region == "" {
		return l, peerplaypay.FieldErrorf("location", "The S3 address %q needs a region: add ?region=... (for example region=eu-west-1).", loc)
	}
	return l, nil
}

func (l s3Location) String() string {
	s := "s3://" + l.Bucket + "/" + l.Prefix
	if l.Endpoint != "" {
		s += "?endpoint=" + l.Endpoint
	}
	return s
}

func openS3(ctx context.Context, location string, opts Options) (Backend, error) {
	l, err := parseS3Location(location)
	if err != nil {
		return nil, err
	}
	// The SDK's default HTTP client is kept (it honours AWS_CA_BUNDLE); a
	// custom client of another type makes the SDK fail when the variable
	// is set. Instance metadata is off: on a laptop it only adds seconds
	// of timeouts before "no credentials".
	cfgOpts := []func(*config.LoadOptions) error{
		config.WithRegion(l.Region),
		config.WithEC2IMDSClientEnableState(imds.ClientDisabled),
	}
	if c := opts.Credentials; c.AccessKeyID != "" {
		cfgOpts = append(cfgOpts, config.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, c.SessionToken)))
	}
	if opts.MaxAttempts > 0 {
		cfgOpts = append(cfgOpts, config.WithRetryMaxAttempts(opts.MaxAttempts))
	}
	cfg, err := config.LoadDefaultConfig(ctx, cfgOpts...)
	if err != nil {
		// Not the share refusing a key: a setting of this computer is
		// broken (a CA bundle that is not PEM, a malformed config file).
		e := newError(KindCredentials, bucketShare, "open", "", l.String(), "", err)
		e.User = peerplaypay.Errorf(peerplaypay.EINVALID, "PeerPlayPay cannot read this computer's AWS settings, so it cannot open the team share at %s (%v). Check the file named by AWS_CA_BUNDLE and the AWS configuration files (~/.aws/config, or AWS_CONFIG_FILE).", l.String(), err)
		return nil, e
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return nil, newError(KindCredentials, bucketShare, "open", "", l.String(),
			"no access key given; enter one or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", err)
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		if l.Endpoint != "" {
			o.BaseEndpoint = aws.String(l.Endpoint)
		}
		o.UsePathStyle = l.PathStyle
		// Checksums only where S3 requires them: our objects carry their own
		// authentication, and third-party servers differ in which of the
		// newer checksum headers they accept.
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	})
	uploads := transfermanager.New(client, func(o *transfermanager.Options) {
		// The transfer manager's own setting overrides the client's.
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		// Objects under 16 MiB (its threshold) go in one PUT; larger ones
		// stream in 5 MiB parts, two at a time, so a large Put holds tens
		// of MiB, not the object.
		o.PartSizeBytes = 5 << 20
		o.Concurrency = 2
	})
	return &bucket{loc: l.String(), name: l.Bucket, prefix: l.Prefix, client: client, uploads: uploads}, nil
}

func (b *bucket) Location() string { return b.loc }

func (b *bucket) Close() error { return nil }

func (b *bucket) fail(op, key string, err error) error {
	return classify(bucketShare, op, key, b.loc, err)
}

func (b *bucket) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	return b.GetRange(ctx, key, 0, -1)
}

func (b *bucket) GetRange(ctx context.Context, key string, offset, length int64) (io.ReadCloser, error) {
	b.gets.Add(1)
	if err := checkKey("get", key); err != nil {
		return nil, err
	}
	if offset < 0 {
		return nil, fmt.Errorf("get %s: negative offset %d", key, offset)
	}
	in := &s3.GetObjectInput{Bucket: aws.String(b.name), Key: aws.String(b.prefix + key)}
	switch {
	case length == 0:
		// A range cannot be empty: one byte is asked for, so that a
		// missing key is still reported, and none is returned.
		in.Range = aws.String(fmt.Sprintf("bytes=%d-%d", offset, offset))
	case length > 0:
		in.Range = aws.String(fmt.Sprintf("bytes=%d-%d", offset, offset+length-1))
	case offset > 0:
		in.Range = aws.String(fmt.Sprintf("bytes=%d-", offset))
	}
	out, err := b.client.GetObject(ctx, in)
	if err != nil {
		return nil, b.fail("get", key, err)
	}
	if length == 0 {
		out.Body.Close()
		return http.NoBody, nil
	}
	return out.Body, nil
}

// Stat is a HEAD request, whose 404 has no body: a missing bucket reads
// as a missing key here. List and Get tell the two apart.
func (b *bucket) Stat(ctx context.Context, key string) (Entry, error) {
	b.stats.Add(1)
	if err := checkKey("stat", key); err != nil {
		return Entry{}, err
	}
	out, err := b.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b.name), Key: aws.String(b.prefix + key)})
	if err != nil {
		return Entry{}, b.fail("stat", key, err)
	}
	return Entry{Key: key, Size: aws.ToInt64(out.ContentLength)}, nil
}

// Delete is one DeleteObject, which S3 answers the same whether or not the
// key existed.
func (b *bucket) Delete(ctx context.Context, key string) error {
	b.deletes.Add(1)
	if err := checkKey("delete", key); err != nil {
		return err
	}
	_, err := b.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b.name), Key: aws.String(b.prefix + key)})
	err = b.fail("delete", key, err)
	if KindOf(err) == KindNotFound {
		return nil
	}
	return err
}

// List asks the server to start after startAfter (ListObjectsV2's
// StartAfter), so "what is new after X" is one request however long the
// history before X. Each request counts one list.
func (b *bucket) List(ctx context.Context, prefix, startAfter string) ([]Entry, error) {
	if err := checkPrefix(prefix, startAfter); err != nil {
		b.lists.Add(1)
		return nil, err
	}
	in := &s3.ListObjectsV2Input{
		Bucket:  aws.String(b.name),
		Prefix:  aws.String(b.prefix + prefix),
		MaxKeys: aws.Int32(1000),
	}
	if startAfter != "" {
		in.StartAfter = aws.String(b.prefix + startAfter)
	}
	var out []Entry
	for {
		b.lists.Add(1)
		page, err := b.client.ListObjectsV2(ctx, in)
		if err != nil {
			return nil, b.fail("list", prefix, err)
		}
		for _, o := range page.Contents {
			k := strings.TrimPrefix(aws.ToString(o.Key), b.prefix)
			if k <= startAfter || inProgress(path.Base(k)) {
				continue
			}
			out = append(out, Entry{Key: k, Size: aws.ToInt64(o.Size), Foreign: !ValidKey(k)})
		}
		// The token alone says whether more follow; a server that handed
		// back the token it was given would have us ask forever.
		next := aws.ToString(page.NextContinuationToken)
		if next == "" || next == aws.ToString(in.ContinuationToken) {
			break
		}
		in.ContinuationToken = aws.String(next)
		in.StartAfter = nil
	}
	// S3 promises UTF-8 binary order, which for our ASCII keys is byte
	// order; sorting again costs nothing and guards odd servers.
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// singlePutMax is the largest in-memory object Put sends straight to
// PutObject: the transfer manager reads every body into a buffer of its
// own (and again into parts above 16 MiB); for the chunks and batches we
// hold in memory already, that copy and its zeroing were a third of the
// CPU of an upload.
const singlePutMax = 16 << 20

func (b *bucket) Put(ctx context.Context, key string, r io.Reader, opts PutOptions) error {
	b.puts.Add(1)
	if err := checkKey("put", key); err != nil {
		return err
	}
	if br, ok := r.(*bytes.Reader); ok && br.Len() <= singlePutMax {
		return b.putObject(ctx, key, br, opts)
	}
	in := &transfermanager.UploadObjectInput{
		Bucket:      aws.String(b.name),
		Key:         aws.String(b.prefix + key),
		ContentType: aws.String("application/octet-stream"),
		// sourceReader hides any Seek of r: the transfer manager would
		// seek to measure it, and a reader we do not own may not seek.
		Body: &sourceReader{r: r},
	}
	if opts.CreateOnly {
		in.IfNoneMatch = aws.String("*")
	}
	// A reader's error reaches the transfer manager as a failed read of
	// the body, upon which it sends nothing (one PUT) or aborts the
	// multipart upload: no truncated object is ever completed.
	src := in.Body.(*sourceReader)
	if _, err := b.uploads.UploadObject(ctx, in); err != nil {
		if src.err != nil {
			return fmt.Errorf("put %s: read data: %w", key, src.err)
		}
		return b.createOnlyLost(ctx, key, opts, b.fail("put", key, err))
	}
	return nil
}

// putObject sends an in-memory object in one request. Its SHA-256 goes in
// the signature, which costs a pass over the data but is what makes the
// server refuse a body cut short: a client killed mid-PUT still has its
// kernel send what it had buffered, and some servers (versitygw up to
// 1.8.0) store a body that ends early as a complete, shorter object,
// after its precondition was checked, so it can even replace the whole
// chunk that the next sync stored meanwhile.
func (b *bucket) putObject(ctx context.Context, key string, body *bytes.Reader, opts PutOptions) error {
	in := &s3.PutObjectInput{
		Bucket:        aws.String(b.name),
		Key:           aws.String(b.prefix + key),
		Body:          body,
		ContentLength: aws.Int64(body.Size()),
		ContentType:   aws.String("application/octet-stream"),
	}
	if opts.CreateOnly {
		in.IfNoneMatch = aws.String("*")
	}
	_, err := b.client.PutObject(ctx, in)
	if err != nil {
		return b.createOnlyLost(ctx, key, opts, b.fail("put", key, err))
	}
	return nil
}

// createOnlyLost tells a lost create-only race from a network failure. A
// server may answer 412 as soon as it has read the headers and then reset
// the connection while the body is still being sent (versitygw does, for
// bodies of a few MiB); the client then only sees the reset. If the key
// exists after a failed create-only Put, the caller's question "was it
// created by someone?" has the answer yes, and KindExists says so; a Put of
// our own whose answer was lost reads the same way, which is right for
// every caller: each compares or trusts what is there.
func (b *bucket) createOnlyLost(ctx context.Context, key string, opts PutOptions, err error) error {
	if !opts.CreateOnly || ctx.Err() != nil {
		return err
	}
	if k := KindOf(err); k != KindUnreachable && k != KindOther {
		return err
	}
	if _, serr := b.Stat(ctx, key); serr != nil {
		return err
	}
	return newError(KindExists, bucketShare, "put", key, b.loc, "", err)
}

package backend

import (
	"context"
	"io"
)

// sourceReader remembers the caller's own read error, so that a failing
// source is reported as what it is and not blamed on the share; with a ctx
// it also stops a copy between reads once ctx is done.
type sourceReader struct {
	ctx context.Context
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	if s.ctx != nil {
		if err := s.ctx.Err(); err != nil {
			return 0, err
		}
	}
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

// readError carries a source's error out of the folder's write path.
type readError struct{ err error }

func (e *readError) Error() string { return "read data: " + e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

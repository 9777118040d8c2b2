// Package peerplaypay holds the domain: types, their validation, the service
// interfaces the rest of the program implements, and the one error type that
// crosses every layer. It imports nothing but the standard library so that
// storage, media, sharing and the UI can all depend on it and never on each
// other.
package peerplaypay

import (
	"errors"
	"fmt"
)

// Error codes. They are stable strings because the frontend matches on them.
const (
	ECONFLICT    = "conflict"    // the action clashes with the current state
	ECORRUPT     = "corrupt"     // stored data failed a check and is not trusted
	EINTERNAL    = "internal"    // a bug or an unexpected failure
	EINVALID     = "invalid"     // bad input from the user
	ENOTFOUND    = "not_found"   // the thing asked for does not exist
	EUNWRITABLE  = "unwritable"  // a file or folder cannot be written
	EUNAVAILABLE = "unavailable" // a needed part (codec, device) is missing
)

// Error is an application error: a machine-readable code, a message that is
// safe to show to the person using the app (it says what happened and what to
// do), and, for invalid input, the field it concerns.
type Error struct {
	Code    string
	Message string
	Field   string
}

func (e *Error) Error() string {
	return fmt.Sprintf("peerplaypay error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf returns an EINVALID error about one input field.
func FieldErrorf(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of the first *Error in err's
// chain. Anything else is an internal failure whose text may leak paths or
// SQL, so the user gets a generic sentence instead.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong inside PeerPlayPay. Your data has not been changed; please try again, and run `peerplaypay doctor` if it keeps happening."
}

// ErrorField returns the input field an EINVALID error concerns, if any.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

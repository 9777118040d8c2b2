package app

import (
	"encoding/json"
	"log/slog"

	"peerplaypay/internal/peerplaypay"
)

// userError is what a bound method's failure looks like to the frontend:
// Wails rejects the promise with Error(), so Error() is JSON.
type userError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

func (e *userError) Error() string {
	b, _ := json.Marshal(e)
	return string(b)
}

// toUser converts err for the frontend, logging internal errors in full
// because their message to the user is deliberately vague.
func toUser(log *slog.Logger, op string, err error) error {
	if err == nil {
		return nil
	}
	code := peerplaypay.ErrorCode(err)
	if code == peerplaypay.EINTERNAL {
		log.Error(op, "err", err)
	}
	return &userError{Code: code, Message: peerplaypay.ErrorMessage(err), Field: peerplaypay.ErrorField(err)}
}

package peerplaypay

// CheckStatus is the outcome of one doctor check.
type CheckStatus string

const (
	CheckOK   CheckStatus = "ok"
	CheckWarn CheckStatus = "warn" // works, but something is limited
	CheckFail CheckStatus = "fail" // a feature cannot work until fixed
)

// Check is one line of `peerplaypay doctor`: what was checked, what was
// found, and, when it is not OK, how to fix it.
type Check struct {
	Name   string      `json:"name"`
	Status CheckStatus `json:"status"`
	Detail string      `json:"detail"`
	Fix    string      `json:"fix,omitempty"`
}

package main

import (
	"context"

	"peerplaypay/internal/peerplaypay"
)

// mediaChecks is replaced by the media package's probe once it is built in.
var mediaChecks func(ctx context.Context) []peerplaypay.Check

package sqlite

import "context"

// enqueueTo queues an event that only the members in to (and this
// laptop's member) can read. Until sealing seals such events to their
// readers, it queues a plain event.
func enqueueTo(ctx context.Context, tx *Tx, kind string, to []string, data any) error {
	_ = to
	return enqueue(ctx, tx, kind, data)
}

package sqlite

import "context"

// enqueueTo queues an event that only the members in to (and this laptop's
// member) can read.
//
// Until events addressed to some members are sealed for them alone, it
// queues an ordinary event: every member's laptop receives it, and only
// the appliers keep it apart. The direct envelope replaces this function.
func enqueueTo(ctx context.Context, tx *Tx, kind string, to []string, data any) error {
	return enqueue(ctx, tx, kind, data)
}

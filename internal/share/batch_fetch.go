package share

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"peerplaypay/internal/share/backend"
)

// BatchReader reads the new batches of many members, fetching up to a
// bounded number of objects at once across members while each member's
// batches are still verified and applied one after the other, in order,
// exactly as ReadBatchesListed does. Fetching is the only thing done out
// of order: an object fetched early is only bytes until its turn, and is
// judged then against the position reached by the batches before it.
//
// Why: a request to a distant bucket costs tens of milliseconds whatever
// its size, so reading a long history one batch after the other is a wait
// of one round trip per batch; a newcomer to a team of fifty with two
// years of stand-ups would wait half an hour.
type BatchReader struct {
	t       *Team
	plans   map[MemberID]*memberPlan
	listing *MembersListing
	order   []MemberID
	cancel  context.CancelFunc
	wg      sync.WaitGroup

	mu     sync.Mutex
	cond   *sync.Cond
	held   int   // objects fetched or in flight, not yet taken
	bytes  int64 // their listed sizes
	closed bool
	maxN   int
	maxB   int64
	next   int // index in order of the next member to read
}

// errReaderClosed stands for the bytes of a batch that were never fetched:
// an error of this laptop, never a verdict on the batch.
var errReaderClosed = errors.New("the batch reader was closed")

// BatchRead is one member to read, after the position this laptop holds.
type BatchRead struct {
	Member MemberID
	After  Position
}

type memberPlan struct {
	after   Position
	entries []backend.Entry
	items   []*fetchItem // one per entry that is fetched; nil beyond
	listErr error
	tail    bool // a removed member read to its last batch: checkRemovedTail
}

type fetchItem struct {
	key  string
	size int64
	done chan struct{}
	raw  []byte
	pre  *opened
	err  error
	// skip is set once the member's reading stopped before this batch;
	// the dispatcher then does not fetch it.
	skip       bool
	dispatched bool
}

// Window bounds for fetched batches waiting for their turn: their count
// (several rounds of parallel requests) and their listed bytes (a batch
// may be up to 5 MiB; fetching ahead must not hold hundreds of them).
const (
	fetchAheadFactor = 4
	fetchAheadBytes  = 32 << 20
)

// NewBatchReader lists the new batches of each member in reads (taking
// them from listing when there is one, else up to parallel list requests
// at once) and starts fetching them, up to parallel at once, in the
// order Read will want them: the members in the order given, each
// member's batches by number. Close it when done.
func (t *Team) NewBatchReader(ctx context.Context, reads []BatchRead, listing *MembersListing, parallel int) *BatchReader {
	parallel = max(parallel, 1)
	fctx, cancel := context.WithCancel(ctx)
	br := &BatchReader{t: t, plans: map[MemberID]*memberPlan{}, listing: listing, cancel: cancel,
		maxN: parallel * fetchAheadFactor, maxB: fetchAheadBytes}
	br.cond = sync.NewCond(&br.mu)
	r := t.Roster()
	var wg sync.WaitGroup
	sem := make(chan struct{}, parallel)
	for _, rd := range reads {
		p := &memberPlan{after: rd.After}
		br.plans[rd.Member] = p
		br.order = append(br.order, rd.Member)
		m, known := r.Member(rd.Member)
		if known && m.Removed() && rd.After.Seq >= m.LastSeq {
			p.tail = true // one list and at most one read, done by Read
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			p.entries, p.listErr = t.batchesAfter(fctx, rd.Member, rd.After.Seq, listing)
		})
	}
	wg.Wait()
	var queue []*fetchItem
	for _, id := range br.order {
		p := br.plans[id]
		if p.listErr != nil || p.tail {
			continue
		}
		m, _ := r.Member(id)
		want := p.after.Seq + 1
		for _, e := range p.entries {
			seq, _ := parseSeqName(lastSegment(e.Key, eventsPrefix(id)))
			// Read stops at a gap or at an object too large to read; a
			// removed member's chain ends one batch after its last (that
			// batch is read to be refused). Nothing past these is fetched.
			if seq != want || e.Size > maxBatchObject || (m.Removed() && seq > m.LastSeq+1) {
				break
			}
			it := &fetchItem{key: e.Key, size: e.Size, done: make(chan struct{})}
			p.items = append(p.items, it)
			queue = append(queue, it)
			want++
		}
	}
	work := make(chan *fetchItem)
	for range parallel {
		br.wg.Go(func() {
			for it := range work {
				it.raw, it.err = readObject(fctx, t.b, it.key, maxBatchObject)
				if it.err == nil {
					it.pre = t.preOpen(it.raw, it.key)
				}
				close(it.done)
			}
		})
	}
	br.wg.Go(func() {
		defer close(work)
		for _, it := range queue {
			if !br.reserve(it) {
				it.err = errReaderClosed
				close(it.done)
				continue
			}
			select {
			case work <- it:
			case <-fctx.Done():
				it.err = fctx.Err()
				close(it.done)
			}
		}
	})
	return br
}

// reserve waits for room in the window for it; false when it is not to be
// fetched (its member's reading stopped, or the reader is closed).
func (br *BatchReader) reserve(it *fetchItem) bool {
	br.mu.Lock()
	defer br.mu.Unlock()
	for !br.closed && !it.skip && br.held > 0 && (br.held >= br.maxN || br.bytes+it.size > br.maxB) {
		br.cond.Wait()
	}
	if br.closed || it.skip {
		return false
	}
	br.held++
	br.bytes += it.size
	it.dispatched = true
	return true
}

// release gives back the room it held, once taken or dropped.
func (br *BatchReader) release(it *fetchItem) {
	br.mu.Lock()
	if it.dispatched {
		it.dispatched = false
		br.held--
		br.bytes -= it.size
	}
	br.mu.Unlock()
	br.cond.Broadcast()
	it.raw, it.pre = nil, nil
}

// opened is a batch decrypted by a fetcher before its turn, with the key
// it was decrypted with: decryption is the costly part of reading a batch,
// and the fetchers run beside the one reader that verifies and applies.
// It is only a head start: the reader still runs every check, in order,
// and takes this result in place of decrypting only when its checks lead
// to the same key (readEntries).
type opened struct {
	key   *EpochKey
	batch *Batch
	err   error
}

// preOpen decrypts raw ahead of its checks, or returns nil when it cannot
// (not a batch frame, or an epoch whose key this laptop does not hold).
func (t *Team) preOpen(raw []byte, key string) *opened {
	f, err := parseFrame(raw, magicBatch, "batch", key)
	if err != nil {
		return nil
	}
	h, ok := parseBatchHeader(f.header)
	if !ok {
		return nil
	}
	k, ok := t.epochKey(h.Epoch)
	if !ok {
		return nil
	}
	b, err := openBatch(h, f, k)
	return &opened{key: k, batch: b, err: err}
}

// Batches is how many batches the reader will fetch, and their listed
// bytes: what a progress bar counts.
func (br *BatchReader) Batches() (n int, bytes int64) {
	for _, p := range br.plans {
		for _, it := range p.items {
			n++
			bytes += it.size
		}
	}
	return n, bytes
}

// Read verifies, decrypts and hands to apply, in order, the new batches
// of member, as ReadBatchesListed does, with the bytes fetched ahead. A
// member not given to NewBatchReader is read without it.
func (br *BatchReader) Read(ctx context.Context, member MemberID, apply func(*Batch) error) (Position, error) {
	p, ok := br.plans[member]
	if !ok {
		return Position{}, fmt.Errorf("read batches: member %s was not planned", member)
	}
	k := slices.Index(br.order, member)
	if k < br.next {
		return Position{}, fmt.Errorf("read batches: member %s was read already", member)
	}
	// Members planned before this one and not read: their fetches make room.
	for _, skipped := range br.order[br.next:k] {
		br.drop(br.plans[skipped], 0)
	}
	br.next = k + 1
	if p.tail {
		return br.t.ReadBatchesListed(ctx, member, p.after, br.listing, apply)
	}
	if p.listErr != nil {
		return p.after, fmt.Errorf("read batches: %w", p.listErr)
	}
	next := 0
	defer func() { br.drop(p, next) }()
	get := func(i int, e backend.Entry) ([]byte, *opened, error) {
		if i >= len(p.items) {
			// Never reached: the plan fetches every batch the loop reads.
			raw, err := readObject(ctx, br.t.b, e.Key, maxBatchObject)
			return raw, nil, err
		}
		it := p.items[i]
		select {
		case <-it.done:
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
		next = i + 1
		raw, pre, err := it.raw, it.pre, it.err
		br.release(it)
		return raw, pre, err
	}
	return br.t.readEntries(ctx, member, p.after, p.entries, get, apply)
}

// drop gives up p's batches from its item from on: those not fetched yet
// are not, those fetched are let go.
func (br *BatchReader) drop(p *memberPlan, from int) {
	if from >= len(p.items) {
		return
	}
	br.mu.Lock()
	for _, it := range p.items[from:] {
		it.skip = true
	}
	br.mu.Unlock()
	br.cond.Broadcast()
	for _, it := range p.items[from:] {
		<-it.done
		br.release(it)
	}
}

// Close stops the fetches under way and waits for them.
func (br *BatchReader) Close() {
	br.cancel()
	br.mu.Lock()
	br.closed = true
	br.mu.Unlock()
	br.cond.Broadcast()
	br.wg.Wait()
}

package share

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
)

// RestoreBatch puts one of our batches back into the share when the object
// there differs from the bytes we sealed and wrote, or is gone: readers
// stop at a damaged batch (11.3), and only its author holds the bytes that
// continue the chain. It reports whether it wrote. The kept bytes must
// still verify as ours, under their number and hash, or nothing is written.
// This is the one write that replaces an existing object (11.4).
func (t *Team) RestoreBatch(ctx context.Context, s *SealedBatch) (bool, error) {
	if s.Author != t.me.id {
		return false, fmt.Errorf("restore batch %d: not ours", s.Seq)
	}
	f, err := parseFrame(s.Raw, magicBatch, "batch", s.Key())
	if err != nil {
		return false, err
	}
	h, ok := parseBatchHeader(f.header)
	if !ok || !f.verify(t.me.Public().Signing) || h.Author != t.me.id || h.Seq != s.Seq || f.hash != s.Hash {
		return false, refuse(ReasonBadSignature, peerplaypay.ECORRUPT, s.Key(), "kept batch does not verify", fmt.Sprintf(
			"The copy of your batch %d kept on this laptop is damaged too, so it was not put back. Run `peerplaypay doctor`.", s.Seq))
	}
	existing, err := readObject(ctx, t.b, s.Key(), maxBatchObject)
	if err == nil && bytes.Equal(existing, s.Raw) {
		return false, nil
	}
	if err != nil && !errors.Is(err, backend.ErrNotFound) && ReasonOf(err) == "" {
		return false, fmt.Errorf("restore batch %d: %w", s.Seq, err)
	}
	if err := t.b.Put(ctx, s.Key(), bytes.NewReader(s.Raw), backend.PutOptions{}); err != nil {
		return false, fmt.Errorf("restore batch %d: %w", s.Seq, err)
	}
	return true, nil
}

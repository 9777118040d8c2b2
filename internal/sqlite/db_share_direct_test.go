package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

func TestEnqueueTo(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := NewShareStore(db)
	err = s.run(ctx, "queue", func(tx *Tx) error {
		if err := enqueueTo(ctx, tx, "conversation.note", []string{"aa11", "bb22"}, map[string]string{"text": "hi"}); err != nil {
			return err
		}
		return enqueue(ctx, tx, "thanks.given", map[string]string{"text": "all"})
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.Outbox(ctx, 10)
	if err != nil || len(out) != 2 {
		t.Fatalf("outbox = %+v, %v", out, err)
	}
	if !slices.Equal(out[0].To, []string{"aa11", "bb22"}) || out[1].To != nil {
		t.Fatalf("recipients = %q, %q", out[0].To, out[1].To)
	}
	for _, to := range [][]string{nil, {""}, {"aa 11"}} {
		err := s.run(ctx, "queue", func(tx *Tx) error { return enqueueTo(ctx, tx, "x.y", to, 1) })
		if err == nil {
			t.Fatalf("recipients %q accepted", to)
		}
	}
	if out, _ := s.Outbox(ctx, 10); len(out) != 2 {
		t.Fatalf("a refused event was queued: %d", len(out))
	}
}

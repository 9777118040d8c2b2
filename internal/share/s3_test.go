package share

import (
	"bytes"
	"testing"

	"peerplaypay/internal/share/backend"
)

// TestS3Team runs a team's life on a real S3 server: join, batches, media,
// and the cost of a sync that finds nothing new.
func TestS3Team(t *testing.T) {
	loc, creds := s3srv.NewBucket(t)
	b := openShare(t, loc, creds)
	a := mustCreate(t, b, mustIdentity(t), "Pilots", "Ada")
	bo := mustJoin(t, a, mustIdentity(t), "Bo")
	a.Refresh(bg())
	aID := a.Me().MemberID()

	last := writeBatches(t, a, Position{}, 3)
	data := randomData(6, 2*ChunkSize+77)
	m := mustUpload(t, mustUploader(t, a, 4), data)

	seqs, pos, err := readAll(bo, aID)
	if err != nil || len(seqs) != 3 || pos != last {
		t.Fatalf("read %v to %v: %v", seqs, pos, err)
	}
	if got := mustDownload(t, bo, aID, m); !bytes.Equal(got, data) {
		t.Fatal("media differs")
	}

	// Nothing new: one list and one read of the pinned head for the
	// roster, one list per member's events.
	before := b.Stats()
	if changed, err := bo.Refresh(bg()); err != nil || changed {
		t.Fatalf("refresh = %v, %v", changed, err)
	}
	for _, mem := range bo.Roster().Active() {
		after := Position{}
		if mem.ID == aID {
			after = last
		}
		if _, err := bo.ReadBatches(bg(), mem.ID, after, func(*Batch) error { t.Fatal("applied"); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if d := b.Stats().Sub(before); d != (backend.Stats{Lists: 3, Gets: 1}) {
		t.Fatalf("a sync with nothing new cost %+v; want 3 lists (roster + 2 members) and the roster head", d)
	}
}

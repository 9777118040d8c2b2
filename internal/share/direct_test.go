package share

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

func TestDirectEvents(t *testing.T) {
	tr := sharedTrio(t)
	bo := tr.bb.Me().MemberID()
	secret := testEvent("conversation.note")
	secret.Data = []byte(`{"text":"only for Bo"}`)
	d, err := tr.a.SealDirect(secret, []MemberID{bo})
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != KindDirect || d.ID != secret.ID || bytes.Contains(d.Data, []byte("only for Bo")) || bytes.Contains(d.Data, []byte("conversation")) {
		t.Fatalf("envelope shows its content: %s %s", d.Kind, d.Data)
	}
	sb, err := tr.a.SealBatch(Position{}, []Event{d})
	if err != nil {
		t.Fatal(err)
	}
	if err := tr.a.PutBatch(bg(), sb); err != nil {
		t.Fatal(err)
	}
	read := func(tm *Team) (Event, bool) {
		var got Event
		var ok bool
		_, err := tm.ReadBatches(bg(), tr.a.Me().MemberID(), Position{}, func(b *Batch) error {
			for _, e := range b.Events {
				e.Author = tr.a.Me().MemberID()
				var err error
				got, ok, err = tm.OpenDirect(e)
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got, ok
	}
	if got, ok := read(tr.bb); !ok || got.Kind != "conversation.note" || string(got.Data) != `{"text":"only for Bo"}` || got.ID != secret.ID || got.Author != tr.a.Me().MemberID() {
		t.Fatalf("recipient opened %+v ok=%v", got, ok)
	}
	if _, ok := read(tr.c); ok {
		t.Fatal("a member who is not a recipient opened the event")
	}
	// The author can read its own, so a restored laptop keeps its notes.
	d.Author = tr.a.Me().MemberID()
	if got, ok, err := tr.a.OpenDirect(d); err != nil || !ok || got.Kind != "conversation.note" {
		t.Fatalf("author cannot open its own direct event: %v", ok)
	}
	// A plain event passes through unchanged.
	plain := testEvent(KindThanksGiven)
	if got, ok, err := tr.c.OpenDirect(plain); err != nil || !ok || got.Kind != KindThanksGiven {
		t.Fatalf("plain event: %v %v %v", got.Kind, ok, err)
	}
}

func TestDirectEventRefusals(t *testing.T) {
	tr := sharedTrio(t)
	if _, err := tr.a.SealDirect(testEvent("conversation.note"), nil); err == nil {
		t.Fatal("sealed to nobody")
	}
	if _, err := tr.a.SealDirect(testEvent("conversation.note"), []MemberID{mustIdentity(t).MemberID()}); err == nil {
		t.Fatal("sealed to a stranger")
	}
	nested := testEvent(KindDirect)
	if _, err := tr.a.SealDirect(nested, []MemberID{tr.bb.Me().MemberID()}); err == nil {
		t.Fatal("sealed a direct event inside another")
	}
	broken := testEvent(KindDirect)
	broken.Data = []byte(`{"box":"AAAA"}`)
	if _, ok, err := tr.bb.OpenDirect(broken); err == nil || ok {
		t.Fatalf("a broken box was opened: ok=%v err=%v", ok, err)
	}
}

// A member who copies a box meant for her into her own batch does not pass
// its words off as hers: the box names who sealed it, and the reader
// refuses the batch.
func TestDirectEventForwarded(t *testing.T) {
	tr := sharedTrio(t)
	ada, cy := tr.a.Me().MemberID(), tr.c.Me().MemberID()
	secret := testEvent("conversation.note")
	secret.Data = []byte(`{"text":"Ada to Bo and Cy"}`)
	d, err := tr.a.SealDirect(secret, []MemberID{tr.bb.Me().MemberID(), cy})
	if err != nil {
		t.Fatal(err)
	}
	// Cy opens it as Ada's, then writes the envelope as her own event.
	d.Author = ada
	if got, ok, err := tr.c.OpenDirect(d); err != nil || !ok || got.Author != ada {
		t.Fatalf("Cy cannot open Ada's box: %v %v", ok, err)
	}
	forwarded := d
	forwarded.ID, forwarded.Author = NewEventID(), MemberID{}
	sb, err := tr.c.SealBatch(Position{}, []Event{forwarded})
	if err != nil {
		t.Fatal(err)
	}
	if err := tr.c.PutBatch(bg(), sb); err != nil {
		t.Fatal(err)
	}
	var opened []Event
	_, err = tr.bb.ReadBatches(bg(), cy, Position{}, func(b *Batch) error {
		for _, e := range b.Events {
			e.Author = b.Author
			in, ok, err := tr.bb.OpenDirect(e)
			if err != nil {
				return err
			}
			if ok {
				opened = append(opened, in)
			}
		}
		return nil
	})
	if ReasonOf(err) != ReasonWrongAuthor || len(opened) > 0 {
		t.Fatalf("forwarded box: opened %+v, err %v; want a wrong-author refusal", opened, err)
	}
	var se *Error
	if !errors.As(err, &se) || se.Member != cy {
		t.Fatalf("refusal %v does not name Cy", err)
	}

	// A box that names no author (sealed the old way) is never applied.
	box, _ := encryptBytes([]byte(`{"kind":"conversation.note","v":1,"data":{}}`), tr.bb.Me().ageID.Recipient())
	data, _ := json.Marshal(directData{Box: box})
	old := Event{ID: NewEventID(), Kind: KindDirect, V: 1, At: secret.At, Data: data, Author: ada}
	if _, ok, err := tr.bb.OpenDirect(old); err == nil || ok || ReasonOf(err) != "" {
		t.Fatalf("a box without author: ok=%v err=%v; want kept, not applied", ok, err)
	}
}

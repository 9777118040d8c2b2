package share

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend/backendtest"
)

// The fuzz targets read what anyone with write access to the share can put
// there. Their seed corpora (testdata/fuzz/<target>) hold real objects of a
// fixed team (testdata/fuzzteam) made by this package, and cut or edited
// copies of them. `go test` runs every seed; `make fuzz` explores from
// them. After a change of format, write both again with
//
//	PEERPLAYPAY_WRITE_FUZZ_CORPUS=1 go test -run TestFuzzCorpus ./internal/share/

const writeCorpusEnv = "PEERPLAYPAY_WRITE_FUZZ_CORPUS"

// The fixture's identities come from fixed seeds, so that the fixture team
// and the corpus made from it stay valid from one run to the next.
var (
	fuzzCreatorSeed  = [32]byte{'f', 'u', 'z', 'z', '-', 'a', 'd', 'a'}
	fuzzNewcomerSeed = [32]byte{'f', 'u', 'z', 'z', '-', 'b', 'o'}
)

const fuzzTeamDir = "testdata/fuzzteam"

// fuzzFixture is the fixed team: Ada made it, Bo asked to join.
type fuzzFixture struct {
	ada, bo *Identity
	team    *Team    // Ada's view, version 1 only
	request []byte   // Bo's join request
	objects [][]byte // roster versions 1 and 2 (Bo added)
}

var fixture struct {
	once sync.Once
	fx   *fuzzFixture
	err  error
}

func loadFuzzFixture(tb testing.TB) *fuzzFixture {
	tb.Helper()
	fixture.once.Do(func() { fixture.fx, fixture.err = readFuzzFixture() })
	if fixture.err != nil {
		tb.Fatalf("fuzz fixture in %s: %v (write it again: %s=1 go test -run TestFuzzCorpus)", fuzzTeamDir, fixture.err, writeCorpusEnv)
	}
	return fixture.fx
}

func readFuzzFixture() (*fuzzFixture, error) {
	ada, err := identityFromSeed(fuzzCreatorSeed)
	if err != nil {
		return nil, err
	}
	bo, err := identityFromSeed(fuzzNewcomerSeed)
	if err != nil {
		return nil, err
	}
	fx := &fuzzFixture{ada: ada, bo: bo}
	for _, name := range []string{"roster-1", "roster-2"} {
		raw, err := os.ReadFile(filepath.Join(fuzzTeamDir, name))
		if err != nil {
			return nil, err
		}
		fx.objects = append(fx.objects, raw)
	}
	if fx.request, err = os.ReadFile(filepath.Join(fuzzTeamDir, "request")); err != nil {
		return nil, err
	}
	_, doc, err := parseRosterVersion(fx.objects[0], 1)
	if err != nil {
		return nil, err
	}
	r, err := VerifyRoster(doc.Team, Hash{}, fx.objects[:1])
	if err != nil {
		return nil, err
	}
	if fx.team, err = newTeam(nil, ada, r); err != nil {
		return nil, err
	}
	return fx, nil
}

// wantRefusal fails unless err is one of the share's refusals, with a
// reason and a sentence for the person: never a bare error, never a panic.
func wantRefusal(t *testing.T, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Reason == "" || e.User == nil || e.User.Message == "" {
		t.Fatalf("refusal is not a share error with a reason and a message: %#v", err)
	}
}

// FuzzEnvelope: the signed frame every object shares (PROTOCOL.md §6).
func FuzzEnvelope(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, m := range []magic{magicBatch, magicRoster, magicJoin, magicRefusal} {
			fr, err := parseFrame(raw, m, "object", "key")
			if err != nil {
				wantRefusal(t, err)
				continue
			}
			if len(fr.header) > maxHeaderLen || len(fr.sig) != ed25519.SignatureSize || fr.hash != sha256.Sum256(raw) {
				t.Fatalf("frame out of bounds: header %d, signature %d", len(fr.header), len(fr.sig))
			}
			// Parsing then encoding again gives the very same bytes.
			again := append([]byte{}, raw[:8]...)
			again = binary.BigEndian.AppendUint32(again, uint32(len(fr.header)))
			again = append(again, fr.header...)
			again = binary.BigEndian.AppendUint64(again, uint64(len(fr.body)))
			again = append(again, fr.body...)
			again = append(again, fr.sig...)
			if !bytes.Equal(again, raw) || !bytes.Equal(fr.signed, raw[:len(raw)-ed25519.SignatureSize]) {
				t.Fatal("the frame does not encode back to its bytes")
			}
		}
	})
}

// FuzzRoster: a roster version, as genesis and as the version after the
// fixture's genesis (PROTOCOL.md §8).
func FuzzRoster(f *testing.F) {
	fx := loadFuzzFixture(f)
	r1 := fx.team.Roster()
	f.Fuzz(func(t *testing.T, raw []byte) {
		if _, doc, err := parseRosterVersion(raw, 2); err != nil {
			wantRefusal(t, err)
		} else {
			// Decoded strictly, a document encodes back to one that
			// decodes the same.
			again, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			var doc2 rosterDoc
			if err := decodeStrict(again, &doc2); err != nil || !reflect.DeepEqual(*doc, doc2) {
				t.Fatalf("roster document does not round-trip: %v", err)
			}
		}
		if r, err := VerifyRoster(r1.Team, Hash{}, [][]byte{raw}); err != nil {
			wantRefusal(t, err)
		} else if r.Version != 1 || len(r.Active()) != 1 || r.Genesis != sha256.Sum256(raw) {
			t.Fatalf("a genesis accepted as version %d with %d members", r.Version, len(r.Active()))
		}
		if r, err := r1.Extend(raw); err != nil {
			wantRefusal(t, err)
		} else if r.Version != 2 || r.Team != r1.Team || r.Genesis != r1.Genesis {
			t.Fatalf("version 2 accepted as version %d of team %s", r.Version, r.Team)
		}
	})
}

// readFixtureBatch reads raw as batch 1 of Ada, as ReadBatches would.
func readFixtureBatch(fx *fuzzFixture, raw []byte) (*Batch, error) {
	h, fr, err := verifyBatch(raw, fx.team.Roster(), fx.ada.MemberID(), 1, Hash{})
	if err != nil {
		return nil, err
	}
	k, ok := fx.team.epochKey(h.Epoch)
	if !ok {
		return nil, batchRefusal(ReasonNoKey, h.Author, h.Seq, "epoch")
	}
	return openBatch(h, fr, k)
}

// FuzzBatch: a member's batch of events, and the direct boxes in it
// (PROTOCOL.md §11).
func FuzzBatch(f *testing.F) {
	fx := loadFuzzFixture(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		b, err := readFixtureBatch(fx, raw)
		if err != nil {
			wantRefusal(t, err)
			return
		}
		if len(raw) > maxBatchObject || b.Seq != 1 || b.Author != fx.ada.MemberID() || b.Hash != sha256.Sum256(raw) {
			t.Fatalf("batch accepted out of bounds: %d bytes, seq %d", len(raw), b.Seq)
		}
		seen := map[EventID]bool{}
		for _, e := range b.Events {
			if e.validate() != nil || seen[e.ID] || e.Author != b.Author {
				t.Fatalf("batch accepted with a bad event %s", e.ID)
			}
			seen[e.ID] = true
			in, ok, err := fx.team.OpenDirect(e)
			if err != nil && in.Kind != "" {
				t.Fatal("a box that failed gave an event")
			}
			if ok && (in.Kind == KindDirect || in.Author != e.Author || in.ID != e.ID) {
				t.Fatalf("a box opened to %q by %s", in.Kind, in.Author)
			}
		}
	})
}

// FuzzManifest: a recording's manifest, as a log event carries it
// (PROTOCOL.md §12).
func FuzzManifest(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte) {
		var m Manifest
		if json.Unmarshal(raw, &m) != nil {
			return
		}
		if err := m.Validate(); err != nil {
			if c := peerplaypay.ErrorCode(err); c != peerplaypay.ECORRUPT && c != peerplaypay.EUNAVAILABLE {
				t.Fatalf("refusal with code %q: %v", c, err)
			}
			return
		}
		var total int64
		for _, c := range m.Chunks {
			if c.Size <= 0 || c.Size > m.ChunkSize || len(c.Name) != 64 {
				t.Fatalf("chunk %+v accepted", c)
			}
			total += int64(c.Size)
		}
		if total != m.Size || m.ChunkSize > 64<<20 || m.Epoch == 0 {
			t.Fatalf("manifest accepted: size %d, chunks add up to %d, chunk size %d", m.Size, total, m.ChunkSize)
		}
		again, err := json.Marshal(&m)
		if err != nil {
			t.Fatal(err)
		}
		var m2 Manifest
		if err := json.Unmarshal(again, &m2); err != nil || !reflect.DeepEqual(m, m2) || m2.Validate() != nil {
			t.Fatalf("manifest does not round-trip: %v", err)
		}
	})
}

// FuzzJoinRequest: a newcomer's request, found at Bo's join folder
// (PROTOCOL.md §9).
func FuzzJoinRequest(f *testing.F) {
	fx := loadFuzzFixture(f)
	key := joinRequestKey(fx.bo.MemberID())
	f.Fuzz(func(t *testing.T, raw []byte) {
		req, err := parseJoinRequest(raw, key)
		if err != nil {
			wantRefusal(t, err)
			return
		}
		if joinRequestKey(req.Keys.ID) != key || len(req.Keys.Signing) != ed25519.PublicKeySize || req.Hash != sha256.Sum256(raw) {
			t.Fatalf("request accepted for %s with a %d-byte key", req.Keys.ID, len(req.Keys.Signing))
		}
		if err := fx.team.checkRequest(fx.team.Roster(), req, key); err != nil {
			wantRefusal(t, err)
		}
	})
}

// FuzzJoinRefusal: a file under the name of a refusal of Bo's request.
func FuzzJoinRefusal(f *testing.F) {
	fx := loadFuzzFixture(f)
	req, err := parseJoinRequest(fx.request, joinRequestKey(fx.bo.MemberID()))
	if err != nil {
		f.Fatal(err)
	}
	key := refusalKey(fx.bo.MemberID(), req.Hash)
	f.Fuzz(func(t *testing.T, raw []byte) {
		doc, err := verifyRefusal(fx.team.Roster(), raw, key)
		if err != nil {
			wantRefusal(t, err)
			return
		}
		if !fx.team.Roster().IsActive(doc.By) || refusalKey(doc.Member, doc.Request) != key {
			t.Fatalf("refusal accepted by %s for %s", doc.By, doc.Member)
		}
	})
}

// TestFuzzCorpus checks that the fixture team still verifies and that each
// corpus's first seed is a valid object, so the fuzzers start from what
// the code accepts; with PEERPLAYPAY_WRITE_FUZZ_CORPUS=1 it writes both.
func TestFuzzCorpus(t *testing.T) {
	if os.Getenv(writeCorpusEnv) != "" {
		writeFuzzCorpus(t)
	}
	fx := loadFuzzFixture(t)
	seed := func(target string) []byte {
		raw, err := os.ReadFile(filepath.Join("testdata/fuzz", target, "valid"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitN(string(raw), "\n", 3)
		lit, ok := strings.CutSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")")
		s, err := strconv.Unquote(lit)
		if !ok || err != nil {
			t.Fatalf("%s: not a corpus file: %v", target, err)
		}
		return []byte(s)
	}
	if _, err := fx.team.Roster().Extend(seed("FuzzRoster")); err != nil {
		t.Errorf("FuzzRoster: %v", err)
	}
	if b, err := readFixtureBatch(fx, seed("FuzzBatch")); err != nil || len(b.Events) == 0 {
		t.Errorf("FuzzBatch: %v", err)
	}
	if _, err := parseFrame(seed("FuzzEnvelope"), magicBatch, "batch", "key"); err != nil {
		t.Errorf("FuzzEnvelope: %v", err)
	}
	var m Manifest
	if err := json.Unmarshal(seed("FuzzManifest"), &m); err != nil || m.Validate() != nil || len(m.Chunks) < 2 {
		t.Errorf("FuzzManifest: %v, %d chunks", err, len(m.Chunks))
	}
	if _, err := parseJoinRequest(seed("FuzzJoinRequest"), joinRequestKey(fx.bo.MemberID())); err != nil {
		t.Errorf("FuzzJoinRequest: %v", err)
	}
	req, _ := parseJoinRequest(fx.request, joinRequestKey(fx.bo.MemberID()))
	if _, err := verifyRefusal(fx.team.Roster(), seed("FuzzJoinRefusal"), refusalKey(fx.bo.MemberID(), req.Hash)); err != nil {
		t.Errorf("FuzzJoinRefusal: %v", err)
	}
}

// writeFuzzCorpus makes the fixture team in a real folder share and writes
// it and, for each target, its real objects with cut and edited copies.
func writeFuzzCorpus(t *testing.T) {
	ada, _ := identityFromSeed(fuzzCreatorSeed)
	bo, _ := identityFromSeed(fuzzNewcomerSeed)
	b := newFolderShare(t)
	team := mustCreate(t, b, ada, "Fuzzers", "Ada")
	r, err := FetchRoster(bg(), b, team.Roster().Team)
	if err != nil {
		t.Fatal(err)
	}
	req, err := RequestJoin(bg(), b, bo, r, "Bo")
	if err != nil {
		t.Fatal(err)
	}
	request := backendtest.MustGet(t, b, joinRequestKey(bo.MemberID()))

	// A batch of Ada's with a plain event and a box for herself, made
	// while she is alone, so that it is batch 1 of the fixture's roster.
	plain := testEvent(KindThanksGiven)
	box, err := team.SealDirect(testEvent("conversation.note"), []MemberID{ada.MemberID()})
	if err != nil {
		t.Fatal(err)
	}
	sb, err := team.SealBatch(Position{}, []Event{plain, box})
	if err != nil {
		t.Fatal(err)
	}
	if err := team.Refuse(bg(), req); err != nil {
		t.Fatal(err)
	}
	refusal := backendtest.MustGet(t, b, refusalKey(bo.MemberID(), req.Hash))
	// Bo asks again and is approved: roster version 2.
	req2, err := RequestJoin(bg(), b, bo, r, "Bo")
	if err != nil {
		t.Fatal(err)
	}
	if err := team.Approve(bg(), req2, req2.SafetyCode()); err != nil {
		t.Fatal(err)
	}
	roster1, roster2 := backendtest.MustGet(t, b, rosterKey(1)), backendtest.MustGet(t, b, rosterKey(2))

	up, err := team.NewUploader(UploadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := up.Upload(bg(), bytes.NewReader(bytes.Repeat([]byte("stand-up "), ChunkSize/9+100)), nil)
	if err != nil {
		t.Fatal(err)
	}
	manifest, _ := json.Marshal(m)

	os.RemoveAll(fuzzTeamDir)
	for name, raw := range map[string][]byte{"roster-1": roster1, "roster-2": roster2, "request": request} {
		mustWrite(t, filepath.Join(fuzzTeamDir, name), raw)
	}
	edits := func(raw []byte) map[string][]byte {
		flip := func(i int) []byte {
			c := bytes.Clone(raw)
			c[i%len(c)] ^= 0x20
			return c
		}
		return map[string][]byte{
			"valid":           raw,
			"truncated":       raw[:len(raw)/2],
			"no-signature":    raw[:len(raw)-ed25519.SignatureSize],
			"header-length":   flip(10),
			"header-byte":     flip(20),
			"signature-byte":  flip(len(raw) - 1),
			"newer-format":    append(append(bytes.Clone(raw[:4]), 2), raw[5:]...),
			"trailing-byte":   append(bytes.Clone(raw), 0),
			"empty":           {},
			"magic-only":      raw[:4],
			"body-first-byte": flip(len(raw) - ed25519.SignatureSize - 1),
		}
	}
	corpus := map[string]map[string][]byte{
		"FuzzEnvelope":    edits(sb.Raw),
		"FuzzRoster":      edits(roster2),
		"FuzzBatch":       edits(sb.Raw),
		"FuzzJoinRequest": edits(request),
		"FuzzJoinRefusal": edits(refusal),
	}
	corpus["FuzzRoster"]["genesis"] = roster1
	corpus["FuzzEnvelope"]["roster"] = roster1
	corpus["FuzzEnvelope"]["refusal"] = refusal
	corpus["FuzzEnvelope"]["request"] = request
	corpus["FuzzManifest"] = map[string][]byte{
		"valid":          manifest,
		"truncated":      manifest[:len(manifest)/2],
		"size-1":         bytes.Replace(manifest, []byte(fmt.Sprintf(`"size":%d`, m.Size)), []byte(`"size":1`), 1),
		"negative-size":  bytes.Replace(manifest, []byte(fmt.Sprintf(`"size":%d`, m.Size)), []byte(`"size":-1`), 1),
		"chunk-size-64m": bytes.Replace(manifest, []byte(`"chunk_size":4194304`), []byte(`"chunk_size":67108864`), 1),
		"newer-format":   bytes.Replace(manifest, []byte(`"format":1`), []byte(`"format":2`), 1),
		"empty":          []byte(`{}`),
	}
	for target, seeds := range corpus {
		dir := filepath.Join("testdata/fuzz", target)
		os.RemoveAll(dir)
		for name, raw := range seeds {
			mustWrite(t, filepath.Join(dir, name), []byte("go test fuzz v1\n[]byte("+strconv.Quote(string(raw))+")\n"))
		}
	}
	fixture.once = sync.Once{}
}

func mustWrite(t *testing.T, path string, raw []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

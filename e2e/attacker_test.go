//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	endian "encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share"
	"peerplaypay/internal/share/backend"
)

// An attacker is a member running a modified client: her own identity,
// taken from her data folder, and the share, with none of the app's rules.
// She writes what an honest client never would (chosen uids, copied event
// ids, forged manifests, roster versions of her own) and reads whatever
// her keys open. She lives in a _test.go file so that no build of the app
// can contain her.
type attacker struct {
	t    *testing.T
	sh   *teamShare
	id   *share.Identity
	seed [32]byte
	b    backend.Backend
	team *share.Team
	// keys are the epoch keys she has held at any time, whichever branch
	// of the roster granted them: what she can decrypt with.
	keys map[string]age.Identity
}

// atkCtx bounds one attacker step: a stuck share fails the test, it does
// not hang it.
func atkCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func newAttacker(t *testing.T, sh *teamShare, m *member) *attacker {
	t.Helper()
	id, err := share.LoadIdentity(m.dir)
	if err != nil {
		t.Fatalf("attacker %s: %v", m.name, err)
	}
	a := &attacker{t: t, sh: sh, id: id, seed: identitySeed(t, id), b: openShare(t, sh), keys: map[string]age.Identity{}}
	a.reopen()
	return a
}

// reopen reads the team from the share as it is now, trusting no pin: a
// modified client follows whatever the share holds.
func (a *attacker) reopen() {
	a.t.Helper()
	ctx := atkCtx(a.t)
	team, err := share.TeamInShare(ctx, a.b)
	if err != nil {
		a.t.Fatalf("attacker: team in share: %v", err)
	}
	t, err := share.OpenTeam(ctx, a.b, a.id, team, share.Hash{}, nil)
	if t == nil {
		a.t.Fatalf("attacker: open team: %v", err)
	}
	a.team = t
	a.learnKeys()
}

func openShare(t *testing.T, sh *teamShare) backend.Backend {
	t.Helper()
	b, err := backend.Open(atkCtx(t), sh.loc, backend.Options{Credentials: sh.creds})
	if err != nil {
		t.Fatalf("open the share: %v", err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// publish appends events to her own chain, whatever they say.
func (a *attacker) publish(events ...share.Event) {
	a.t.Helper()
	ctx := atkCtx(a.t)
	pos, err := a.team.RecoverPosition(ctx)
	if err != nil {
		a.t.Fatalf("attacker: own position: %v", err)
	}
	sb, err := a.team.SealBatch(pos, events)
	if err != nil {
		a.t.Fatalf("attacker: seal: %v", err)
	}
	if err := a.team.PutBatch(ctx, sb); err != nil {
		a.t.Fatalf("attacker: put batch: %v", err)
	}
}

// publishHead appends to her own chain a batch whose header names head as
// the roster version she had verified, whatever it is. The app only ever
// names the head it verified, so the batch is sealed here, from
// PROTOCOL.md (sections 6 and 11.1): the epoch is the one current at
// head.Version in the roster the share holds (the newest past it), and
// the body is encrypted to its public recipient, which a removed member
// can still encrypt to.
func (a *attacker) publishHead(head share.Head, events ...share.Event) {
	a.t.Helper()
	a.reopen()
	me := a.id.MemberID()
	r := a.team.Roster()
	seq, prev := uint64(1), share.Hash{}
	if keys := rawList(a.t, a.sh, "members/"+me.String()+"/events/"); len(keys) > 0 {
		last := keys[len(keys)-1]
		n, err := strconv.ParseUint(last[strings.LastIndexByte(last, '/')+1:], 10, 64)
		if err != nil {
			a.t.Fatalf("attacker: own last batch %s: %v", last, err)
		}
		seq, prev = n+1, sha256.Sum256(rawGet(a.t, a.sh, last))
	}
	var epoch share.Epoch
	for _, e := range r.Epochs() {
		if e.Version <= head.Version || epoch.Number == 0 {
			epoch = e
		}
	}
	to, err := age.ParseX25519Recipient(epoch.Recipient)
	if err != nil {
		a.t.Fatalf("attacker: epoch %d recipient: %v", epoch.Number, err)
	}
	payload, err := json.Marshal(map[string][]share.Event{"events": events})
	if err != nil {
		a.t.Fatal(err)
	}
	team := r.Team
	header := append(append([]byte{}, team[:]...), me[:]...)
	header = endian.BigEndian.AppendUint64(header, seq)
	header = endian.BigEndian.AppendUint32(header, epoch.Number)
	header = append(header, prev[:]...)
	header = endian.BigEndian.AppendUint64(header, head.Version)
	header = append(append(header, head.Hash[:]...), head.Signer[:]...)
	raw := sealFrame(a.t, a.seed, "PPBT", header, ageEncrypt(a.t, payload, to))
	key := fmt.Sprintf("members/%s/events/%012d", me, seq)
	if err := a.b.Put(atkCtx(a.t), key, bytes.NewReader(raw), backend.PutOptions{CreateOnly: true}); err != nil {
		a.t.Fatalf("attacker: put %s: %v", key, err)
	}
}

// rosterHead is roster version v as the share holds it now: its number,
// hash and signer.
func rosterHead(t *testing.T, sh *teamShare, v uint64) share.Head {
	t.Helper()
	raw := rawGet(t, sh, fmt.Sprintf("roster/%012d", v))
	header, _, ok := frame(raw)
	var doc struct {
		Signer share.MemberID `json:"signer"`
	}
	if !ok || json.Unmarshal(header, &doc) != nil {
		t.Fatalf("roster version %d does not parse", v)
	}
	return share.Head{Version: v, Hash: sha256.Sum256(raw), Signer: doc.Signer}
}

// upload stores data as chunks under her blobs/ folder, honestly: the
// lies go into the manifest and the event around it.
func (a *attacker) upload(data []byte) share.Manifest {
	a.t.Helper()
	up, err := a.team.NewUploader(share.UploadOptions{})
	if err != nil {
		a.t.Fatalf("attacker: uploader: %v", err)
	}
	m, err := up.Upload(atkCtx(a.t), bytes.NewReader(data), nil)
	if err != nil {
		a.t.Fatalf("attacker: upload: %v", err)
	}
	return *m
}

// forgedRecording is a log.published of an audio recording described by m,
// declaring size bytes; its uid is fresh unless the caller sets another.
func forgedRecording(done string, m share.Manifest, size int64) peerplaypay.LogPublished {
	media, _ := json.Marshal(m)
	return peerplaypay.LogPublished{UID: randomHex(16), Day: time.Now().Format(time.DateOnly), Kind: peerplaypay.LogAudio,
		Table: peerplaypay.LogTable{Done: done}, DurationMs: 2000, SizeBytes: size, SHA256: m.SHA256,
		CreatedAt: time.Now().UTC(), Media: media}
}

func logEvent(kind string, data any) share.Event {
	raw, _ := json.Marshal(data)
	return share.Event{ID: share.NewEventID(), Kind: kind, V: 1, At: time.Now().UTC(), Data: raw}
}

// events returns a member's events as she reads them from the share.
func (a *attacker) events(of *member) []share.Event {
	a.t.Helper()
	who, err := share.ParseMemberID(of.id)
	if err != nil {
		a.t.Fatal(err)
	}
	var out []share.Event
	if _, err := a.team.ReadBatches(atkCtx(a.t), who, share.Position{}, func(b *share.Batch) error {
		out = append(out, b.Events...)
		return nil
	}); err != nil {
		a.t.Fatalf("attacker: read %s's batches: %v", of.name, err)
	}
	return out
}

// removeMember writes the next roster version on the share as she sees
// it, removing who: what `team remove` does, without any local pin.
func (a *attacker) removeMember(who *member) {
	a.t.Helper()
	a.reopen()
	id, err := share.ParseMemberID(who.id)
	if err != nil {
		a.t.Fatal(err)
	}
	if err := a.team.Remove(atkCtx(a.t), id, a.lastPosition(who)); err != nil {
		a.t.Fatalf("attacker: remove %s: %v", who.name, err)
	}
	a.learnKeys()
}

// lastPosition is where a member's chain ends in the share.
func (a *attacker) lastPosition(m *member) share.Position {
	a.t.Helper()
	keys := rawList(a.t, a.sh, "members/"+m.id+"/events/")
	if len(keys) == 0 {
		return share.Position{}
	}
	last := keys[len(keys)-1]
	raw := rawGet(a.t, a.sh, last)
	var seq uint64
	for _, c := range last[strings.LastIndexByte(last, '/')+1:] {
		seq = seq*10 + uint64(c-'0')
	}
	return share.Position{Seq: seq, Hash: sha256.Sum256(raw)}
}

// identitySeed reads the seed back out of the identity's recovery file
// (PROTOCOL.md, section 4.1), and checks it against the member ID.
func identitySeed(t *testing.T, id *share.Identity) [32]byte {
	t.Helper()
	var b64 strings.Builder
	for line := range strings.Lines(string(id.RecoveryFile(share.TeamID{}))) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "-----") || strings.Contains(line, ":") {
			continue
		}
		b64.WriteString(line)
	}
	p, err := base64.StdEncoding.DecodeString(b64.String())
	if err != nil || len(p) != 53 {
		t.Fatalf("recovery payload: %v (%d bytes)", err, len(p))
	}
	seed := [32]byte(p[1:33])
	if mid := derive(t, seed[:], "peerplaypay/v1/member-id", 16); hex.EncodeToString(mid) != id.MemberID().String() {
		t.Fatalf("seed derives member %x; the identity is %s", mid, id.MemberID())
	}
	return seed
}

func derive(t *testing.T, secret []byte, label string, n int) []byte {
	t.Helper()
	k, err := hkdf.Key(sha256.New, secret, nil, label, n)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// ageIdentity makes the age identity of 32 secret bytes: age reads X25519
// keys only in their Bech32 text form, whose checksum it verifies.
func ageIdentity(t *testing.T, secret []byte) *age.X25519Identity {
	t.Helper()
	id, err := age.ParseX25519Identity(strings.ToUpper(bech32("age-secret-key-", secret)))
	if err != nil {
		t.Fatalf("age identity: %v", err)
	}
	return id
}

// bech32 encodes data under hrp (BIP 173).
func bech32(hrp string, data []byte) string {
	const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
	var groups []byte
	var acc uint32
	var nbits uint
	for _, b := range data {
		acc, nbits = acc<<8|uint32(b), nbits+8
		for ; nbits >= 5; nbits -= 5 {
			groups = append(groups, byte(acc>>(nbits-5))&31)
		}
	}
	if nbits > 0 {
		groups = append(groups, byte(acc<<(5-nbits))&31)
	}
	polymod := func(vs []byte) uint32 {
		gen := []uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
		c := uint32(1)
		for _, v := range vs {
			top := c >> 25
			c = (c&0x1ffffff)<<5 ^ uint32(v)
			for i, g := range gen {
				if top>>i&1 == 1 {
					c ^= g
				}
			}
		}
		return c
	}
	var in []byte
	for _, c := range []byte(hrp) {
		in = append(in, c>>5)
	}
	in = append(in, 0)
	for _, c := range []byte(hrp) {
		in = append(in, c&31)
	}
	in = append(append(in, groups...), make([]byte, 6)...)
	sum := polymod(in) ^ 1
	out := []byte(hrp + "1")
	for _, g := range groups {
		out = append(out, charset[g])
	}
	for i := range 6 {
		out = append(out, charset[sum>>(5*(5-i))&31])
	}
	return string(out)
}

// frame splits a signed object (PROTOCOL.md, section 6) into its header
// and body, without checking the signature.
func frame(raw []byte) (header, body []byte, ok bool) {
	if len(raw) < 20+64 {
		return nil, nil, false
	}
	h := uint64(endian.BigEndian.Uint32(raw[8:12]))
	if 20+h+64 > uint64(len(raw)) {
		return nil, nil, false
	}
	n := endian.BigEndian.Uint64(raw[12+h : 20+h])
	if 20+h+n+64 != uint64(len(raw)) {
		return nil, nil, false
	}
	return raw[12 : 12+h], raw[20+h : 20+h+n], true
}

// sealFrame signs a frame with the seed's signing key.
func sealFrame(t *testing.T, seed [32]byte, magic string, header, body []byte) []byte {
	t.Helper()
	key := ed25519.NewKeyFromSeed(derive(t, seed[:], "peerplaypay/v1/ed25519", ed25519.SeedSize))
	out := append([]byte(magic), 1, 0, 0, 0)
	out = endian.BigEndian.AppendUint32(out, uint32(len(header)))
	out = append(out, header...)
	out = endian.BigEndian.AppendUint64(out, uint64(len(body)))
	out = append(out, body...)
	return append(out, ed25519.Sign(key, append([]byte("peerplaypay/v1/signed\x00"), out...))...)
}

// learnKeys opens every grant addressed to her in the roster versions the
// share holds now; the keys she had stay hers.
func (a *attacker) learnKeys() {
	a.t.Helper()
	me := ageIdentity(a.t, derive(a.t, a.seed[:], "peerplaypay/v1/x25519", 32))
	for _, key := range rawList(a.t, a.sh, "roster/") {
		header, _, ok := frame(rawGet(a.t, a.sh, key))
		var doc struct {
			Grants []struct {
				Member string `json:"member"`
				Key    []byte `json:"key"`
			} `json:"grants"`
		}
		if !ok || json.Unmarshal(header, &doc) != nil {
			continue
		}
		for _, g := range doc.Grants {
			if g.Member != a.id.MemberID().String() {
				continue
			}
			r, err := age.Decrypt(bytes.NewReader(g.Key), me)
			if err != nil {
				continue
			}
			pt, err := io.ReadAll(r)
			if err != nil || len(pt) != 57 || string(pt[:4]) != "PPGK" {
				continue
			}
			a.keys[hex.EncodeToString(pt[25:])] = ageIdentity(a.t, pt[25:])
		}
	}
}

// readable returns the logs (their "done" text) of who's batches that
// her keys decrypt, whatever the batches' signatures, chains or roster
// say: what a removed member can really read.
func (a *attacker) readable(who *member) []string {
	a.t.Helper()
	a.learnKeys()
	ids := make([]age.Identity, 0, len(a.keys))
	for _, k := range a.keys {
		ids = append(ids, k)
	}
	var out []string
	for _, key := range rawList(a.t, a.sh, "members/"+who.id+"/events/") {
		_, body, ok := frame(rawGet(a.t, a.sh, key))
		if !ok {
			continue
		}
		r, err := age.Decrypt(bytes.NewReader(body), ids...)
		if err != nil {
			continue
		}
		var p struct {
			Events []struct {
				Kind string          `json:"kind"`
				Data json.RawMessage `json:"data"`
			} `json:"events"`
		}
		if pt, err := io.ReadAll(r); err != nil || json.Unmarshal(pt, &p) != nil {
			continue
		}
		for _, e := range p.Events {
			var d struct {
				Table struct{ Done string } `json:"table"`
			}
			if json.Unmarshal(e.Data, &d) == nil && d.Table.Done != "" {
				out = append(out, d.Table.Done)
			}
		}
	}
	return out
}

// fakeGenesis writes, into an empty share, version 1 of a roster that
// claims the real team's ID and name, with one member: a new identity
// called name, who is nobody in the real team. The app cannot write it
// (CreateTeam draws a new team ID), so it is built here from PROTOCOL.md,
// sections 6 to 8.
func fakeGenesis(t *testing.T, b backend.Backend, team share.TeamID, teamName, name string) *share.Identity {
	t.Helper()
	id, err := share.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	seed := identitySeed(t, id)
	pub := id.Public()
	epochSecret := make([]byte, 32)
	rand.Read(epochSecret)
	epoch := ageIdentity(t, epochSecret).Recipient()
	grant := append([]byte("PPGK\x01"), team[:]...)
	grant = endian.BigEndian.AppendUint32(grant, 1)
	names, _ := json.Marshal(map[string]any{"team_name": teamName, "names": map[string]string{id.MemberID().String(): name}})
	type rosterMember struct {
		ID           share.MemberID `json:"id"`
		Signing      []byte         `json:"signing"`
		Recipient    string         `json:"recipient"`
		AddedBy      share.MemberID `json:"added_by"`
		AddedEpoch   uint32         `json:"added_epoch"`
		AddedVersion uint64         `json:"added_version"`
	}
	type epochDoc struct {
		Epoch     uint32 `json:"epoch"`
		Recipient string `json:"recipient"`
		Version   uint64 `json:"version"`
	}
	type grantDoc struct {
		Member share.MemberID `json:"member"`
		Epoch  uint32         `json:"epoch"`
		Key    []byte         `json:"key"`
	}
	type change struct {
		Op     string         `json:"op"`
		Member share.MemberID `json:"member"`
	}
	header, err := json.Marshal(struct {
		Team    share.TeamID   `json:"team"`
		Version uint64         `json:"version"`
		Prev    share.Hash     `json:"prev"`
		Signer  share.MemberID `json:"signer"`
		At      time.Time      `json:"at"`
		Change  change         `json:"change"`
		Members []rosterMember `json:"members"`
		Epochs  []epochDoc     `json:"epochs"`
		Grants  []grantDoc     `json:"grants"`
		Sealed  []byte         `json:"sealed"`
	}{
		Team: team, Version: 1, Signer: id.MemberID(), At: time.Now().UTC(),
		Change:  change{Op: "create", Member: id.MemberID()},
		Members: []rosterMember{{ID: id.MemberID(), Signing: pub.Signing, Recipient: pub.Recipient.String(), AddedBy: id.MemberID(), AddedEpoch: 1, AddedVersion: 1}},
		Epochs:  []epochDoc{{Epoch: 1, Recipient: epoch.String(), Version: 1}},
		Grants:  []grantDoc{{Member: id.MemberID(), Epoch: 1, Key: ageEncrypt(t, append(grant, epochSecret...), pub.Recipient)}},
		Sealed:  ageEncrypt(t, names, epoch),
	})
	if err != nil {
		t.Fatal(err)
	}
	raw := sealFrame(t, seed, "PPRS", header, nil)
	if err := b.Put(atkCtx(t), "roster/000000000001", bytes.NewReader(raw), backend.PutOptions{CreateOnly: true}); err != nil {
		t.Fatalf("write the fake genesis: %v", err)
	}
	return id
}

func ageEncrypt(t *testing.T, pt []byte, to age.Recipient) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, to)
	if err == nil {
		_, err = w.Write(pt)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// approveAll approves every request in the share as id, with the safety
// code computed from the public request: no newcomer was asked for it.
func approveAll(t *testing.T, b backend.Backend, id *share.Identity, team share.TeamID) int {
	t.Helper()
	ctx := atkCtx(t)
	tm, err := share.OpenTeam(ctx, b, id, team, share.Hash{}, nil)
	if tm == nil {
		t.Fatalf("open the fake team: %v", err)
	}
	reqs, _, err := tm.JoinRequests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reqs {
		if err := tm.Approve(ctx, r, r.SafetyCode()); err != nil {
			t.Fatalf("approve %s in the fake team: %v", r.Keys.ID, err)
		}
	}
	return len(reqs)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// The share as its host sees it: every object, including names the
// backend would never list or write (dot files, editor backups).

// rawS3 is a plain S3 client on the share's bucket.
func rawS3(t *testing.T, sh *teamShare) (*s3.Client, string) {
	t.Helper()
	u, err := url.Parse(sh.loc)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.LoadDefaultConfig(atkCtx(t), config.WithRegion("us-east-1"),
		config.WithEC2IMDSClientEnableState(imds.ClientDisabled),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(sh.creds.AccessKeyID, sh.creds.SecretAccessKey, "")))
	if err != nil {
		t.Fatal(err)
	}
	return s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(u.Query().Get("endpoint"))
		o.UsePathStyle = true
	}), u.Host
}

// rawList lists every object under prefix, sorted.
func rawList(t *testing.T, sh *teamShare, prefix string) []string {
	t.Helper()
	var keys []string
	if sh.kind == "folder" {
		err := filepath.WalkDir(sh.dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			k, _ := filepath.Rel(sh.dir, p)
			if k = filepath.ToSlash(k); strings.HasPrefix(k, prefix) {
				keys = append(keys, k)
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
		slices.Sort(keys)
		return keys
	}
	c, bucket := rawS3(t, sh)
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(atkCtx(t))
		if err != nil {
			t.Fatalf("list %s: %v", prefix, err)
		}
		for _, o := range page.Contents {
			keys = append(keys, aws.ToString(o.Key))
		}
	}
	slices.Sort(keys)
	return keys
}

func rawGet(t *testing.T, sh *teamShare, key string) []byte {
	t.Helper()
	if sh.kind == "folder" {
		b, err := os.ReadFile(filepath.Join(sh.dir, filepath.FromSlash(key)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	c, bucket := rawS3(t, sh)
	out, err := c.GetObject(atkCtx(t), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func rawPut(t *testing.T, sh *teamShare, key string, data []byte) {
	t.Helper()
	if sh.kind == "folder" {
		p := filepath.Join(sh.dir, filepath.FromSlash(key))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	c, bucket := rawS3(t, sh)
	if _, err := c.PutObject(atkCtx(t), &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(data)}); err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
}

func rawDelete(t *testing.T, sh *teamShare, key string) {
	t.Helper()
	if sh.kind == "folder" {
		if err := os.Remove(filepath.Join(sh.dir, filepath.FromSlash(key))); err != nil {
			t.Fatal(err)
		}
		return
	}
	c, bucket := rawS3(t, sh)
	if _, err := c.DeleteObject(atkCtx(t), &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}); err != nil {
		t.Fatalf("delete %s: %v", key, err)
	}
}

// shareSnapshot is every object of a share, to put it back between tests.
type shareSnapshot map[string][]byte

func takeSnapshot(t *testing.T, sh *teamShare) shareSnapshot {
	t.Helper()
	s := shareSnapshot{}
	for _, k := range rawList(t, sh, "") {
		s[k] = rawGet(t, sh, k)
	}
	return s
}

// restore makes the share hold exactly the snapshot's objects again.
func (s shareSnapshot) restore(t *testing.T, sh *teamShare) {
	t.Helper()
	for _, k := range rawList(t, sh, "") {
		if _, ok := s[k]; !ok {
			rawDelete(t, sh, k)
		}
	}
	for k, v := range s {
		rawPut(t, sh, k, v)
	}
}

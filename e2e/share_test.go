//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"io"
	"maps"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/keychain"
	"peerplaypay/internal/share/backend"
	"peerplaypay/internal/share/sharetest"
)

// s3srv is the versitygw server of the team share tests, started by the
// first test that asks for a bucket.
var s3srv sharetest.S3

func TestMain(m *testing.M) {
	// Camera locks are per machine, in the runtime folder: a private one
	// keeps these tests' synthetic camera apart from other runs beside them.
	rt, err := os.MkdirTemp("", "e2e-runtime-*")
	if err == nil {
		os.Setenv("XDG_RUNTIME_DIR", rt)
	}
	// The members' S3 secrets go to files in their data folders, where the
	// tests look, never into the keychain of whoever runs them.
	os.Setenv(keychain.EnvVar, "off")
	code := m.Run()
	s3srv.Stop()
	if err == nil {
		os.RemoveAll(rt)
	}
	os.Exit(code)
}

// teamShare is one share under test: a folder, or a bucket on versitygw.
type teamShare struct {
	kind  string // "folder" or "s3"
	loc   string
	dir   string // the folder, for the folder share
	creds backend.Credentials
	// direct is where the test itself looks at the share, when the
	// members reach it through a proxy; "" for loc.
	direct string
	// caBundle is the AWS_CA_BUNDLE of the members who keep their keys in
	// the AWS variables: the SDK reads it even for a plain-HTTP endpoint.
	caBundle string
}

func newFolderShare(t *testing.T) *teamShare {
	dir := filepath.Join(t.TempDir(), "share")
	return &teamShare{kind: "folder", loc: dir, dir: dir}
}

func newS3Share(t *testing.T) *teamShare {
	loc, creds := s3srv.NewBucket(t)
	return &teamShare{kind: "s3", loc: loc, creds: creds, caBundle: caBundle(t)}
}

// caBundle writes a PEM file holding one self-signed CA certificate.
func caBundle(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "e2e test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// shareKinds runs f once on a folder share and once on a bucket, side by
// side: the team share's tests run beside each other (they wait on their
// processes more than they compute), and record with cameras of their own.
func shareKinds(t *testing.T, f func(t *testing.T, sh *teamShare)) {
	t.Run("folder", func(t *testing.T) { t.Parallel(); f(t, newFolderShare(t)) })
	t.Run("s3", func(t *testing.T) { t.Parallel(); f(t, newS3Share(t)) })
}

// env gives a member's processes the share's keys the way a person who
// keeps them in the AWS variables does, with AWS_CA_BUNDLE set (the
// creator, who keeps the keys in the app, has it unset).
func (s *teamShare) env() []string {
	if s.kind != "s3" {
		return nil
	}
	return []string{"AWS_ACCESS_KEY_ID=" + s.creds.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + s.creds.SecretAccessKey,
		"AWS_CA_BUNDLE=" + s.caBundle}
}

// objects lists the share's objects under prefix, key to size, as the
// host sees them.
func (s *teamShare) objects(t *testing.T, prefix string) map[string]int64 {
	t.Helper()
	out, err := s.list(prefix)
	if err != nil {
		t.Fatalf("list %s in the share: %v", prefix, err)
	}
	return out
}

// list is objects for goroutines that watch the share while a command runs.
func (s *teamShare) list(prefix string) (map[string]int64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	loc := s.loc
	if s.direct != "" {
		loc = s.direct
	}
	b, err := backend.Open(ctx, loc, backend.Options{Credentials: s.creds})
	if err != nil {
		return nil, err
	}
	defer b.Close()
	entries, err := b.List(ctx, prefix, "")
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, e := range entries {
		out[e.Key] = e.Size
	}
	return out, nil
}

// member is one person's laptop: a data folder the binary runs on.
type member struct {
	t    *testing.T
	name string
	dir  string
	env  []string
	id   string // member ID in the team, once in one
}

func newMember(t *testing.T, name string, env []string) *member {
	t.Helper()
	m := &member{t: t, name: name, dir: t.TempDir(), env: env}
	m.ok("profile", "set", "--name", name)
	return m
}

// run runs the binary on the member's data folder.
func (m *member) run(args ...string) (stdout, stderr string, code int) {
	m.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(m.t), append([]string{"--data-dir", m.dir}, args...)...)
	cmd.Env = hermeticEnv(m.env)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		m.t.Fatalf("%s: %v timed out\n%s", m.name, args, errOut.String())
	}
	return out.String(), errOut.String(), exitCode(err)
}

// hermeticEnv is this process's environment without AWS settings, plus extra.
func hermeticEnv(extra []string) []string {
	env := slices.DeleteFunc(os.Environ(), func(v string) bool { return strings.HasPrefix(v, "AWS_") })
	return append(env, extra...)
}

// secretFile writes secret into a file only the user can read, as a member
// gives it to `--secret-key-file`.
func secretFile(t *testing.T, secret string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s3-secret")
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// secretOutOfDatabase checks that the S3 secret a member gave is in no byte
// of the database files, and is kept in a file of the data folder that only
// the user can read (the tests turn the keychain off).
func secretOutOfDatabase(t *testing.T, dir, secret string) {
	t.Helper()
	for _, name := range []string{"peerplaypay.db", "peerplaypay.db-wal"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("the S3 secret is in %s", name)
		}
	}
	fi, err := os.Stat(filepath.Join(dir, "secret-s3"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the S3 secret's file: %v, %v; want mode 0600", fi, err)
	}
}

// ok runs a command that must succeed and returns its stdout.
func (m *member) ok(args ...string) string {
	m.t.Helper()
	out, errOut, code := m.run(args...)
	if code != 0 {
		m.t.Fatalf("%s: %v: exit %d\n%s%s", m.name, args, code, out, errOut)
	}
	return out
}

func (m *member) decode(v any, args ...string) {
	m.t.Helper()
	out := m.ok(args...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		m.t.Fatalf("%s: %v printed %q: %v", m.name, args, out, err)
	}
}

type syncSummary struct {
	State      string
	Published  int
	SentEvents int
	Received   int
	Downloaded int
	BytesUp    int64
	BytesDown  int64
	Requests   int64
	Waiting    int
	Problems   []string
	Millis     int64
}

// sync runs a sync that must find nothing wrong.
func (m *member) sync() syncSummary {
	m.t.Helper()
	var s syncSummary
	m.decode(&s, "sync", "--json")
	return s
}

// syncProblems runs a sync that must report problems: exit 1, the summary
// on stdout and a "problem:" line per problem on stderr.
func (m *member) syncProblems() (syncSummary, string) {
	m.t.Helper()
	out, errOut, code := m.run("sync", "--json")
	var s syncSummary
	if code != 1 || json.Unmarshal([]byte(out), &s) != nil || len(s.Problems) == 0 || !strings.Contains(errOut, "problem: ") {
		m.t.Fatalf("%s: sync: exit %d; want 1 with problems\n%s%s", m.name, code, out, errOut)
	}
	return s, errOut
}

type teamStatus struct {
	State      string
	TeamName   string
	MemberID   string
	SafetyCode string
	Waiting    int
	Members    []struct {
		ID      string
		Name    string
		Me      bool
		Removed bool
		Problem string
	}
	Problems []string
}

func (m *member) status() teamStatus {
	m.t.Helper()
	var s teamStatus
	m.decode(&s, "team", "status", "--json")
	return s
}

// peerLog is a peer's log as `peers logs --json` prints it.
type peerLog struct {
	ID         int64
	Author     string
	AuthorName string
	UID        string
	Kind       string
	Table      struct{ Done string }
	DurationMs int64
	SizeBytes  int64
	SHA256     string
	MediaPath  string
}

func (m *member) peerLogs() []peerLog {
	m.t.Helper()
	var logs []peerLog
	m.decode(&logs, "peers", "logs", "--json", "--limit", "1000")
	return logs
}

// peerLog returns the peer's log with uid, if this member has it.
func (m *member) peerLog(uid string) (peerLog, bool) {
	m.t.Helper()
	for _, l := range m.peerLogs() {
		if l.UID == uid {
			return l, true
		}
	}
	return peerLog{}, false
}

// ownLog is one of the member's own logs as `logs show --json` prints it.
type ownLog struct {
	ID        int64
	UID       string
	Kind      string
	MediaPath string
	SizeBytes int64
	SHA256    string
	Done      string
}

func (m *member) log(id int64) ownLog {
	m.t.Helper()
	var e ownLog
	m.decode(&e, "logs", "show", strconv.FormatInt(id, 10), "--json")
	return e
}

// addLog adds a log without a recording.
func (m *member) addLog(done string) ownLog {
	m.t.Helper()
	id, err := strconv.ParseInt(strings.TrimSpace(m.ok("logs", "add", "--done", done)), 10, 64)
	if err != nil {
		m.t.Fatal(err)
	}
	return m.log(id)
}

// record records a short synthetic stand-up (video unless --audio-only is
// among args) and returns its log.
func (m *member) record(done string, args ...string) ownLog {
	m.t.Helper()
	if len(args) == 0 {
		args = []string{"--video", "synthetic", "--audio", "synthetic"}
	}
	r := startRecordAlone(m.t, m.dir, append([]string{"--seconds", "2", "--done", done}, args...)...)
	return m.log(r.wait(m.t))
}

// newTeam makes a team of names on sh: the first creates it, each next
// one joins and is approved by the one before, with the safety code read
// off the newcomer's screen.
func newTeam(t *testing.T, sh *teamShare, names ...string) []*member {
	t.Helper()
	first := newMember(t, names[0], nil)
	args := []string{"team", "create", sh.loc, "--name", "Crew"}
	if sh.kind == "s3" {
		// The creator keeps the keys (the secret out of the database); the
		// others use the AWS variables: both ways work.
		args = append(args, "--access-key", sh.creds.AccessKeyID, "--secret-key-file", secretFile(t, sh.creds.SecretAccessKey))
	}
	first.ok(args...)
	first.id = first.status().MemberID
	team := []*member{first}
	for _, name := range names[1:] {
		m := newMember(t, name, sh.env())
		join(t, sh, team[len(team)-1], m)
		team = append(team, m)
	}
	return team
}

// invitation is what m prints for a newcomer (`team invite --json`).
type invitation struct {
	Location, Team, Genesis, Invite, Command string
}

func (m *member) invitation() invitation {
	m.t.Helper()
	var inv invitation
	m.decode(&inv, "team", "invite", "--json")
	if inv.Invite == "" || inv.Genesis == "" {
		m.t.Fatalf("%s's invitation: %+v", m.name, inv)
	}
	return inv
}

// join asks to join as m, with approver's invitation, and has approver
// let m in.
func join(t *testing.T, sh *teamShare, approver, m *member) {
	t.Helper()
	m.ok("team", "join", sh.loc, "--invite", approver.invitation().Invite)
	st := m.status()
	if st.State != "pending" || len(st.SafetyCode) != 9 {
		t.Fatalf("%s after join: %+v", m.name, st)
	}
	approver.ok("team", "approve", st.MemberID, "--code", st.SafetyCode)
	if s := m.sync(); s.State != "member" {
		t.Fatalf("%s after approval and sync: %+v", m.name, s)
	}
	m.id = st.MemberID
}

func fileSHA256(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// codecs lists the codecs of a media file, sorted.
func codecs(t *testing.T, path string) []string {
	t.Helper()
	p, _ := ffprobe(t, path)
	var out []string
	for _, s := range p.Streams {
		out = append(out, s.CodecName)
	}
	slices.Sort(out)
	return out
}

// checkReceived checks that m has author's log, its table, and for a
// recording a downloaded copy identical to the author's that decodes.
func checkReceived(t *testing.T, m, author *member, l ownLog) peerLog {
	t.Helper()
	p, ok := m.peerLog(l.UID)
	if !ok {
		t.Fatalf("%s does not have %s's log %q", m.name, author.name, l.Done)
	}
	if p.Author != author.id || p.AuthorName != author.name || p.Kind != l.Kind || p.Table.Done != l.Done || p.SHA256 != l.SHA256 {
		t.Errorf("%s's copy of %s's log: %+v; the author's: %+v", m.name, author.name, p, l)
	}
	if l.Kind == "text" {
		return p
	}
	if p.MediaPath == "" {
		t.Fatalf("%s has not downloaded %s's recording: %+v", m.name, author.name, p)
	}
	path := filepath.Join(m.dir, p.MediaPath)
	if got := fileSHA256(t, path); got != l.SHA256 {
		t.Errorf("%s's copy of %s's recording has sha256 %s; the author's %s", m.name, author.name, got, l.SHA256)
	}
	want := []string{"opus", "vp8"}
	if l.Kind == "audio" {
		want = []string{"opus"}
	}
	if got := codecs(t, path); !slices.Equal(got, want) {
		t.Errorf("%s's copy of %s's recording has codecs %v; want %v", m.name, author.name, got, want)
	}
	if l.SizeBytes < 8<<20 {
		// A long looped recording (see addLongRecording) repeats its
		// timestamps, which ffmpeg reports; its hash equals the author's.
		decodes(t, path)
	}
	return p
}

// TestShareTeam runs a team's life on a folder and on a bucket, each
// member a data folder of its own driven through the binary: joining with
// the safety code, publishing recordings and text, edits, deletions and a
// removal.
func TestShareTeam(t *testing.T) {
	t.Parallel()
	shareKinds(t, func(t *testing.T, sh *teamShare) {
		args := []string{"team", "create", sh.loc, "--name", "Crew"}
		ada := newMember(t, "Ada", nil)
		if sh.kind == "s3" {
			args = append(args, "--access-key", sh.creds.AccessKeyID, "--secret-key-file", secretFile(t, sh.creds.SecretAccessKey))
		}
		ada.ok(args...)
		ada.id = ada.status().MemberID
		if sh.kind == "s3" {
			secretOutOfDatabase(t, ada.dir, sh.creds.SecretAccessKey)
		}

		// Bob asks to join; Ada sees him and types a wrong code first.
		bob := newMember(t, "Bob", sh.env())
		bob.ok("team", "join", sh.loc, "--invite", ada.invitation().Invite)
		bs := bob.status()
		if bs.State != "pending" || len(bs.SafetyCode) != 9 {
			t.Fatalf("Bob after join: %+v", bs)
		}
		var reqs []struct{ ID, Name string }
		ada.decode(&reqs, "team", "requests", "--json")
		if len(reqs) != 1 || reqs[0].ID != bs.MemberID || reqs[0].Name != "Bob" {
			t.Fatalf("Ada's waiting requests: %+v; want Bob's", reqs)
		}
		before := sh.objects(t, "")
		wrong := "1111 1111"
		if bs.SafetyCode == wrong {
			wrong = "2222 2222"
		}
		_, errOut, code := ada.run("team", "approve", bs.MemberID, "--code", wrong)
		if code != 1 || !strings.Contains(errOut, "does not match") {
			t.Fatalf("approve with a wrong code: exit %d\n%s", code, errOut)
		}
		if after := sh.objects(t, ""); !maps.Equal(before, after) {
			t.Fatalf("a wrong code changed the share:\nbefore %v\nafter  %v", before, after)
		}
		if s := bob.sync(); s.State != "pending" {
			t.Fatalf("Bob after a wrong code: %+v", s)
		}
		ada.ok("team", "approve", bs.MemberID, "--code", bs.SafetyCode)
		if s := bob.sync(); s.State != "member" {
			t.Fatalf("Bob after approval: %+v", s)
		}
		bob.id = bs.MemberID

		// Cyd is let in by Bob, who did not create the team.
		cyd := newMember(t, "Cyd", sh.env())
		join(t, sh, bob, cyd)
		if st := cyd.status(); len(st.Members) != 3 || st.TeamName != "Crew" || !st.Members[0].Me {
			t.Fatalf("Cyd's view of the team: %+v", st)
		}

		// A video, an audio and a text log, then every member syncs until
		// each has the others'.
		ra := startRecordAlone(t, ada.dir, "--seconds", "2", "--video", "synthetic", "--audio", "synthetic", "--done", "Ada's video")
		rb := startRecordAlone(t, bob.dir, "--seconds", "2", "--audio-only", "--audio", "synthetic", "--done", "Bob's audio")
		adaVideo, bobAudio := ada.log(ra.wait(t)), bob.log(rb.wait(t))
		cydText := cyd.addLog("Cyd's text")
		for _, m := range []*member{ada, bob, cyd} {
			if s := m.sync(); s.Published != 1 || s.SentEvents != 1 || s.Waiting != 0 {
				t.Fatalf("%s's first sync: %+v", m.name, s)
			}
		}
		ada.sync()
		bob.sync()
		for _, c := range []struct {
			m      *member
			author *member
			l      ownLog
		}{{bob, ada, adaVideo}, {cyd, ada, adaVideo}, {ada, bob, bobAudio}, {cyd, bob, bobAudio}, {ada, cyd, cydText}, {bob, cyd, cydText}} {
			checkReceived(t, c.m, c.author, c.l)
		}
		for _, m := range []*member{ada, bob, cyd} {
			if s := m.sync(); s.Received != 0 || s.Downloaded != 0 || s.SentEvents != 0 {
				t.Errorf("%s's sync with nothing new: %+v", m.name, s)
			}
			if n := len(m.peerLogs()); n != 2 {
				t.Errorf("%s has %d peers' logs; want 2", m.name, n)
			}
		}

		// An edit travels; the recording stays downloaded.
		ada.ok("logs", "edit", strconv.FormatInt(adaVideo.ID, 10), "--done", "Ada's video, edited")
		if s := ada.sync(); s.SentEvents != 1 {
			t.Fatalf("Ada's sync after an edit: %+v", s)
		}
		adaVideo.Done = "Ada's video, edited"
		for _, m := range []*member{bob, cyd} {
			if s := m.sync(); s.Received != 1 || s.Downloaded != 0 {
				t.Errorf("%s's sync after Ada's edit: %+v", m.name, s)
			}
			checkReceived(t, m, ada, adaVideo)
		}

		// A deletion travels: the peers' copies and their files go.
		copies := map[*member]string{}
		for _, m := range []*member{bob, cyd} {
			p, _ := m.peerLog(adaVideo.UID)
			copies[m] = filepath.Join(m.dir, p.MediaPath)
		}
		ada.ok("logs", "delete", strconv.FormatInt(adaVideo.ID, 10))
		ada.sync()
		for _, m := range []*member{bob, cyd} {
			m.sync()
			if _, ok := m.peerLog(adaVideo.UID); ok {
				t.Errorf("%s still has Ada's deleted log", m.name)
			}
			if _, err := os.Stat(copies[m]); !os.IsNotExist(err) {
				t.Errorf("%s still has the recording of Ada's deleted log: %v", m.name, err)
			}
		}

		// Cyd is removed: what comes after never reaches Cyd.
		ada.ok("team", "remove", cyd.id)
		if s := cyd.sync(); s.State != "removed" {
			t.Errorf("Cyd's sync after the removal: %+v", s)
		}
		if st := cyd.status(); st.State != "removed" {
			t.Errorf("Cyd's status after the removal: %+v", st)
		}
		secret := ada.addLog("after Cyd left")
		ada.sync()
		// The log, and the roster.changed event Ada sent with the removal.
		if s := bob.sync(); s.Received != 2 {
			t.Errorf("Bob's sync after Ada's last log: %+v", s)
		}
		checkReceived(t, bob, ada, secret)
		var members []struct {
			ID      string
			Removed bool
		}
		bob.decode(&members, "team", "members", "--json")
		for _, mv := range members {
			if mv.Removed != (mv.ID == cyd.id) {
				t.Errorf("Bob's member list after Cyd's removal: %+v", members)
			}
		}
		cyd.sync()
		if _, ok := cyd.peerLog(secret.UID); ok {
			t.Error("a log published after Cyd's removal reached Cyd")
		}
		if n := len(cyd.peerLogs()); n != 1 {
			t.Errorf("Cyd has %d peers' logs after the removal; want Bob's 1", n)
		}
	})
}

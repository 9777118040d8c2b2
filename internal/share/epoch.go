package share

import (
	"bytes"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
)

// EpochKey is the team key of one epoch: a random age X25519 identity.
// Content of the epoch is encrypted to its recipient (public, in the
// roster); members receive the secret wrapped to their own recipient.
type EpochKey struct {
	Epoch   uint32
	secret  [32]byte
	id      *age.X25519Identity
	nameKey []byte // HMAC key for blob names, derived from secret
}

const (
	labelBlobNames = "peerplaypay/v1/blob-names"
	grantMagic     = "PPGK"
	grantLen       = 4 + 1 + 16 + 4 + 32
)

func newEpochKey(team TeamID, epoch uint32) (*EpochKey, error) {
	var secret [32]byte
	_, _ = rand.Read(secret[:])
	return epochKeyFromSecret(team, epoch, secret)
}

func epochKeyFromSecret(team TeamID, epoch uint32, secret [32]byte) (*EpochKey, error) {
	id, err := x25519Identity(secret[:])
	if err != nil {
		return nil, err
	}
	nameKey, err := hkdf.Key(sha256.New, secret[:], team[:], labelBlobNames, 32)
	if err != nil {
		return nil, err
	}
	return &EpochKey{Epoch: epoch, secret: secret, id: id, nameKey: nameKey}, nil
}

// Recipient is the public key content of the epoch is encrypted to.
func (k *EpochKey) Recipient() *age.X25519Recipient { return k.id.Recipient() }

// blobName is the keyed hash that names a chunk: equal chunks get equal
// names (so a re-upload skips them), and without the key the names say
// nothing about the content.
func (k *EpochKey) blobName(chunk []byte) string {
	m := hmac.New(sha256.New, k.nameKey)
	m.Write(chunk)
	return fmt.Sprintf("%x", m.Sum(nil))
}

// grant wraps the secret for one member:
//
//	age(to the member's recipient, "PPGK" | 1 | team ID (16) | epoch (4, BE) | secret (32))
//
// The team and epoch inside bind the grant to its place; the receiver also
// checks that the secret yields the epoch's recipient published in the
// roster, so a grant cannot smuggle in a key of someone else's choosing.
func (k *EpochKey) grant(team TeamID, to *age.X25519Recipient) ([]byte, error) {
	pt := make([]byte, 0, grantLen)
	pt = append(pt, grantMagic...)
	pt = append(pt, 1)
	pt = append(pt, team[:]...)
	pt = binary.BigEndian.AppendUint32(pt, k.Epoch)
	pt = append(pt, k.secret[:]...)
	return encryptBytes(pt, to)
}

func openGrant(ct []byte, me *Identity, team TeamID, epoch uint32, recipient string) (*EpochKey, error) {
	pt, err := decryptBytes(ct, me.ageID, grantLen)
	if err != nil {
		return nil, err
	}
	if len(pt) != grantLen || string(pt[:4]) != grantMagic || pt[4] != 1 ||
		TeamID(pt[5:21]) != team || binary.BigEndian.Uint32(pt[21:25]) != epoch {
		return nil, errors.New("grant does not name this team and epoch")
	}
	k, err := epochKeyFromSecret(team, epoch, [32]byte(pt[25:]))
	if err != nil {
		return nil, err
	}
	if k.Recipient().String() != recipient {
		return nil, errors.New("grant holds a key that is not the epoch's")
	}
	return k, nil
}

func encryptBytes(pt []byte, to ...age.Recipient) ([]byte, error) {
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, to...)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(pt); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decryptBytes refuses plaintexts longer than limit: a small sealed field
// must not become a memory bomb.
func decryptBytes(ct []byte, id age.Identity, limit int) ([]byte, error) {
	r, err := age.Decrypt(bytes.NewReader(ct), id)
	if err != nil {
		return nil, err
	}
	pt, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(pt) > limit {
		return nil, fmt.Errorf("plaintext longer than %d bytes", limit)
	}
	return pt, nil
}

func parseRecipient(s string) (*age.X25519Recipient, error) {
	r, err := age.ParseX25519Recipient(s)
	if err != nil {
		return nil, fmt.Errorf("recipient %q: %w", s, err)
	}
	return r, nil
}

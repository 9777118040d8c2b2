package share

import (
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"filippo.io/age"

	"peerplaypay/internal/peerplaypay"
)

// IdentityFile is the name of a member's identity in its data folder.
const IdentityFile = "share-identity.key"

// Identity is a member's secret: one random 32-byte seed from which the
// member ID, the Ed25519 signing key and the age X25519 key are derived.
// One seed means one short recovery key to write down.
type Identity struct {
	seed    [32]byte
	id      MemberID
	signKey ed25519.PrivateKey
	ageID   *age.X25519Identity
}

// MemberKeys are the public half of an identity, as the roster holds them.
type MemberKeys struct {
	ID        MemberID
	Signing   ed25519.PublicKey
	Recipient *age.X25519Recipient
}

// NewIdentity makes a fresh identity.
func NewIdentity() (*Identity, error) {
	var seed [32]byte
	_, _ = rand.Read(seed[:])
	return identityFromSeed(seed)
}

// Derivation labels; changing one changes every identity (see PROTOCOL.md).
const (
	labelMemberID = "peerplaypay/v1/member-id"
	labelSigning  = "peerplaypay/v1/ed25519"
	labelX25519   = "peerplaypay/v1/x25519"
)

func identityFromSeed(seed [32]byte) (*Identity, error) {
	idBytes, err := hkdf.Key(sha256.New, seed[:], nil, labelMemberID, 16)
	if err != nil {
		return nil, err
	}
	signSeed, err := hkdf.Key(sha256.New, seed[:], nil, labelSigning, ed25519.SeedSize)
	if err != nil {
		return nil, err
	}
	scalar, err := hkdf.Key(sha256.New, seed[:], nil, labelX25519, 32)
	if err != nil {
		return nil, err
	}
	ageID, err := x25519Identity(scalar)
	if err != nil {
		return nil, err
	}
	id := &Identity{seed: seed, signKey: ed25519.NewKeyFromSeed(signSeed), ageID: ageID}
	copy(id.id[:], idBytes)
	return id, nil
}

// x25519Identity turns 32 secret bytes into an age identity.
func x25519Identity(scalar []byte) (*age.X25519Identity, error) {
	return age.ParseX25519Identity(bech32Encode("age-secret-key-", scalar, true))
}

// MemberID is the identity's ID.
func (i *Identity) MemberID() MemberID { return i.id }

// Public returns the keys the roster publishes for this identity.
func (i *Identity) Public() MemberKeys {
	return MemberKeys{ID: i.id, Signing: i.signKey.Public().(ed25519.PublicKey), Recipient: i.ageID.Recipient()}
}

func (i *Identity) sign(msg []byte) []byte { return ed25519.Sign(i.signKey, msg) }

// SaveIdentity writes the identity to dir/IdentityFile, readable by its
// owner only, replacing the file atomically.
func SaveIdentity(dir string, id *Identity) error {
	path := filepath.Join(dir, IdentityFile)
	tmp, err := os.CreateTemp(dir, ".share-identity-*")
	if err != nil {
		return identityUnwritable(path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		tmp.Close()
		return identityUnwritable(path, err)
	}
	_, err = tmp.Write(id.RecoveryFile(TeamID{}))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return identityUnwritable(path, err)
	}
	return nil
}

func identityUnwritable(path string, err error) error {
	return fmt.Errorf("save identity: %w", peerplaypay.Errorf(peerplaypay.EUNWRITABLE,
		"Your team identity could not be saved to %s (%v). Check that the data folder is writable and has free space.", path, errReason(err)))
}

// errReason is the part of a file system error worth showing: the errno,
// without the path the message already names.
func errReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// LoadIdentity reads dir/IdentityFile.
func LoadIdentity(dir string) (*Identity, error) {
	path := filepath.Join(dir, IdentityFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "No team identity in %s yet.", dir)
	} else if err != nil {
		return nil, fmt.Errorf("load identity: %w", err)
	}
	id, _, err := ImportRecovery(string(data), RecoveryExpect{})
	if err != nil {
		return nil, fmt.Errorf("load identity %s: %w", path, peerplaypay.Errorf(peerplaypay.ECORRUPT,
			"Your team identity file %s is damaged (%s). Restore it from your recovery key in Settings > Team.", path, peerplaypay.ErrorMessage(err)))
	}
	return id, nil
}

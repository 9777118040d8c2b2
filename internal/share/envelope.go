package share

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"peerplaypay/internal/peerplaypay"
)

// Every object a member signs (event batch, roster version, join request,
// refusal) has the same frame:
//
//	offset   size  field
//	0        4     magic: the object's kind
//	4        1     format version (1)
//	5        3     reserved, zero
//	8        4     header length H, big-endian
//	12       H     header
//	12+H     8     body length B, big-endian
//	20+H     B     body
//	20+H+B   64    Ed25519 signature over signDomain || bytes [0, 20+H+B)
//
// The signature covers the magic, so a signature made for one kind of
// object is never valid for another.
const (
	formatVersion = 1
	frameFixed    = 4 + 1 + 3 + 4 + 8
	maxHeaderLen  = 1 << 20
	signDomain    = "peerplaypay/v1/signed\x00"
)

type magic [4]byte

var (
	magicBatch   = magic{'P', 'P', 'B', 'T'}
	magicRoster  = magic{'P', 'P', 'R', 'S'}
	magicJoin    = magic{'P', 'P', 'J', 'R'}
	magicRefusal = magic{'P', 'P', 'J', 'X'}
)

// frame is a parsed signed object.
type frame struct {
	header []byte
	body   []byte
	signed []byte // everything the signature covers, without the domain
	sig    []byte
	hash   Hash // SHA-256 of the whole object
}

func sealFrame(m magic, header, body []byte, id *Identity) []byte {
	out := make([]byte, 0, frameFixed+len(header)+len(body)+ed25519.SignatureSize)
	out = append(out, m[:]...)
	out = append(out, formatVersion, 0, 0, 0)
	out = binary.BigEndian.AppendUint32(out, uint32(len(header)))
	out = append(out, header...)
	out = binary.BigEndian.AppendUint64(out, uint64(len(body)))
	out = append(out, body...)
	return append(out, id.sign(signedMessage(out))...)
}

func signedMessage(signed []byte) []byte {
	msg := make([]byte, 0, len(signDomain)+len(signed))
	msg = append(msg, signDomain...)
	return append(msg, signed...)
}

// parseFrame checks the frame's shape; the signature is checked by
// verify, once the caller knows whose key to check it with.
func parseFrame(raw []byte, want magic, what, key string) (*frame, error) {
	malformed := func(detail string) error {
		return refuse(ReasonMalformed, peerplaypay.ECORRUPT, key, detail, fmt.Sprintf(
			"%s in the team share is damaged or is not a %s (%s). It was ignored.", key, what, detail))
	}
	if len(raw) < frameFixed+ed25519.SignatureSize {
		return nil, malformed("too short")
	}
	if magic(raw[0:4]) != want {
		return nil, malformed("wrong kind of object")
	}
	if raw[4] > formatVersion {
		return nil, refuse(ReasonNewerFormat, peerplaypay.EUNAVAILABLE, key, fmt.Sprintf("format %d", raw[4]), fmt.Sprintf(
			"%s was written by a newer version of PeerPlayPay. It is kept; update PeerPlayPay to read it.", key))
	}
	if raw[4] == 0 || raw[5] != 0 || raw[6] != 0 || raw[7] != 0 {
		return nil, malformed("bad version or reserved bytes")
	}
	h := uint64(binary.BigEndian.Uint32(raw[8:12]))
	if h > maxHeaderLen || 12+h+8 > uint64(len(raw)) {
		return nil, malformed("header length")
	}
	b := binary.BigEndian.Uint64(raw[12+h : 20+h])
	if b != uint64(len(raw))-20-h-ed25519.SignatureSize {
		return nil, malformed("cut short or extended")
	}
	end := 20 + h + b
	return &frame{
		header: raw[12 : 12+h],
		body:   raw[20+h : end],
		signed: raw[:end],
		sig:    raw[end:],
		hash:   sha256.Sum256(raw),
	}, nil
}

func (f *frame) verify(pub ed25519.PublicKey) bool {
	return len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, signedMessage(f.signed), f.sig)
}

package backup

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"filippo.io/age"

	"peerplaypay/internal/peerplaypay"
)

// ageMagic opens every age file in the binary (not armored) form, the one
// an encrypted backup is written in.
const ageMagic = "age-encryption.org/v1\n"

// MinPassphrase is the shortest passphrase a backup is encrypted with.
const MinPassphrase = 8

// maxWorkFactor bounds the scrypt cost a backup may ask of the reader:
// age's own limit, about 15 s on a recent machine; a forged header must not
// keep a restore busy for hours.
const maxWorkFactor = 22

// encrypter returns a writer that encrypts to passphrase what it is given
// into w, at scrypt cost 2^workFactor (age's default for 0); its Close
// ends the encryption (not w).
func encrypter(w io.Writer, passphrase string, workFactor int) (io.WriteCloser, error) {
	if utf8.RuneCountInString(passphrase) < MinPassphrase {
		return nil, peerplaypay.Errorf(peerplaypay.EINVALID, "A backup passphrase needs at least %d characters; a few words are easy to remember and hard to guess.", MinPassphrase)
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, fmt.Errorf("passphrase: %w", err)
	}
	if workFactor > 0 {
		r.SetWorkFactor(workFactor)
	}
	return age.Encrypt(w, r)
}

// decrypter returns what r holds, decrypted with passphrase when it is an
// encrypted backup, or as it is when it is not. An encrypted backup with no
// passphrase, or the wrong one, is an error that says so; nothing is read
// past the header.
func decrypter(r io.Reader, passphrase string) (io.Reader, bool, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(len(ageMagic))
	if err != nil || string(head) != ageMagic {
		return br, false, nil // the tar reader says what is wrong, if anything
	}
	if passphrase == "" {
		return nil, true, ErrNeedPassphrase
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, true, fmt.Errorf("passphrase: %w", err)
	}
	id.SetMaxWorkFactor(maxWorkFactor)
	out, err := age.Decrypt(br, id)
	var noMatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &noMatch) || errors.Is(err, age.ErrIncorrectIdentity):
		return nil, true, peerplaypay.FieldErrorf("passphrase", "The passphrase does not open this backup; nothing was restored. Check it (letters, spaces and case count) and try again.")
	case err != nil:
		return nil, true, damaged("its encryption header cannot be read (%v)", err)
	}
	return out, true, nil
}

// ErrNeedPassphrase is returned for an encrypted backup given no
// passphrase.
var ErrNeedPassphrase = peerplaypay.FieldErrorf("passphrase", "This backup is encrypted: give its passphrase (restore FILE --passphrase-file F, or on a terminal you are asked for it).")

// Encrypted reports whether the backup at path is encrypted with a
// passphrase, so that a command knows to ask for it.
func Encrypted(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "The backup %s cannot be opened (%v).", path, errors.Unwrap(err))
	}
	defer f.Close()
	head := make([]byte, len(ageMagic))
	n, _ := io.ReadFull(f, head)
	return string(head[:n]) == ageMagic, nil
}

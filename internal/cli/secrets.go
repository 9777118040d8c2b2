package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"peerplaypay/internal/teamsync"
)

// maxSecretFile bounds a secret or passphrase file: it holds one line.
const maxSecretFile = 4 << 10

// errSecretArgument refuses a secret given as an argument, which the
// shell's history keeps and `ps` shows to every user of the machine.
var errSecretArgument = usageError{errors.New("--secret-key is not accepted: a secret on the command line is kept in your shell history and shown by `ps`. " +
	"Put it in a file only you can read and give --secret-key-file FILE, or set AWS_SECRET_ACCESS_KEY, or give --access-key alone on a terminal to be asked for it")}

// s3Keys are S3 keys given to a command.
type s3Keys struct {
	access, secret string
}

// readS3Keys returns the S3 keys a command was given, or nil when no key
// flag was used (the share then uses the kept keys, or the AWS variables).
// The secret comes from --secret-key-file, else $AWS_SECRET_ACCESS_KEY,
// else a prompt on the terminal; never from an argument.
func readS3Keys(env *Env, accessKey, secretFile string) (*s3Keys, error) {
	if accessKey == "" && secretFile == "" {
		return nil, nil
	}
	k := &s3Keys{access: strings.TrimSpace(accessKey)}
	if k.access == "" {
		k.access = strings.TrimSpace(os.Getenv("AWS_ACCESS_KEY_ID"))
	}
	if k.access == "" {
		return nil, usageErrorf("--secret-key-file needs the access key ID too: give --access-key ID, or set AWS_ACCESS_KEY_ID")
	}
	var err error
	switch {
	case secretFile != "":
		k.secret, err = readSecretFile(secretFile, "--secret-key-file")
	case os.Getenv("AWS_SECRET_ACCESS_KEY") != "":
		k.secret = strings.TrimSpace(os.Getenv("AWS_SECRET_ACCESS_KEY"))
	default:
		k.secret, err = askHidden(env, "S3 secret access key: ", "the S3 secret key is needed: give --secret-key-file FILE or set AWS_SECRET_ACCESS_KEY")
	}
	if err != nil {
		return nil, err
	}
	if k.secret == "" {
		return nil, usageErrorf("the S3 secret key is empty; give the one that goes with access key %s", k.access)
	}
	return k, nil
}

// keepS3Keys keeps keys that a command has just used with success.
func keepS3Keys(ctx context.Context, env *Env, svc *teamsync.Service, k *s3Keys) error {
	if err := svc.SetCredentials(ctx, k.access, k.secret); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "Kept the S3 keys: %s.\n", svc.SecretPlace(ctx))
	return nil
}

// readSecretFile reads a secret from the first line of path. A line break
// at its end, as editors and `echo` add, is not part of it.
func readSecretFile(path, flagName string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", usageErrorf("cannot read %s %s (%v)", flagName, path, errors.Unwrap(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxSecretFile+1))
	if err != nil {
		return "", usageErrorf("cannot read %s %s (%v)", flagName, path, err)
	}
	if len(b) > maxSecretFile {
		return "", usageErrorf("%s %s is larger than a secret (over %d bytes); give a file that holds only the secret", flagName, path, maxSecretFile)
	}
	s := strings.TrimRight(string(b), "\r\n")
	if strings.ContainsAny(s, "\r\n") {
		return "", usageErrorf("%s %s holds more than one line; give a file that holds only the secret", flagName, path)
	}
	if s == "" {
		return "", usageErrorf("%s %s is empty", flagName, path)
	}
	return s, nil
}

// askHidden asks for a secret on the terminal without showing what is
// typed. Without a terminal it fails with noTerminal, which says how else
// to give it.
func askHidden(env *Env, prompt, noTerminal string) (string, error) {
	f, ok := env.Stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", usageError{errors.New(noTerminal)}
	}
	fmt.Fprint(env.Stderr, prompt)
	b, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(env.Stderr)
	if err != nil {
		return "", fmt.Errorf("read from the terminal: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

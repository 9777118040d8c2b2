package teamsync

import (
	"context"
	"fmt"
	"strings"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/share/backend"
)

// Secrets keeps the S3 secret key out of the database, which backups and
// exports copy (package keychain: the system keychain, else a file only
// the user can read).
type Secrets interface {
	Secret(ctx context.Context, name string) (string, error)
	// SetSecret keeps value; "" removes it.
	SetSecret(ctx context.Context, name, value string) error
	// Place says where a secret saved now goes: a short word ("keychain",
	// "file") and the words for the member.
	Place(ctx context.Context, name string) (place, words string)
}

// secretName names the S3 secret key in Secrets.
const secretName = "s3"

// SettingOldSecretKey is where versions before the keychain kept the S3
// secret key, in plain text in the database; MoveSecretOut empties it.
const SettingOldSecretKey = "share.s3SecretKey"

type credentialsKey struct{}

// WithCredentials returns a ctx whose share operations use these S3 keys
// instead of the kept ones. A command keeps keys (SetCredentials) only once
// they worked, so a mistyped secret given to a failed join is not kept.
func WithCredentials(ctx context.Context, accessKey, secretKey string) context.Context {
	return context.WithValue(ctx, credentialsKey{}, backend.Credentials{
		AccessKeyID: strings.TrimSpace(accessKey), SecretAccessKey: strings.TrimSpace(secretKey)})
}

// credentials returns the S3 keys to open location with: those of ctx,
// else the member's kept ones, else none (the AWS environment variables).
func (s *Service) credentials(ctx context.Context, location string) (backend.Credentials, error) {
	if c, ok := ctx.Value(credentialsKey{}).(backend.Credentials); ok {
		return c, nil
	}
	var c backend.Credentials
	if s.settings == nil || !strings.HasPrefix(location, "s3://") {
		return c, nil
	}
	c.AccessKeyID, _ = s.settings.Setting(ctx, SettingAccessKey, "")
	if c.AccessKeyID == "" {
		return c, nil
	}
	secret, err := s.secrets.Secret(ctx, secretName)
	if err != nil {
		return c, err
	}
	if secret == "" {
		return c, peerplaypay.Errorf(peerplaypay.EINVALID,
			"The S3 access key %s is kept but its secret key is not (it was kept in %s). Give the keys again: in the window's Team area, or with `--access-key` and AWS_SECRET_ACCESS_KEY or --secret-key-file FILE.",
			c.AccessKeyID, placeWords(ctx, s.settings, s.secrets))
	}
	c.SecretAccessKey = secret
	return c, nil
}

// SetCredentials keeps the member's S3 keys: the access key ID in the
// settings, the secret key in Secrets. Empty keys remove them (the AWS
// environment variables are used).
func (s *Service) SetCredentials(ctx context.Context, accessKey, secretKey string) error {
	accessKey, secretKey = strings.TrimSpace(accessKey), strings.TrimSpace(secretKey)
	if (accessKey == "") != (secretKey == "") {
		return peerplaypay.Errorf(peerplaypay.EINVALID, "Give both S3 keys, the access key ID and the secret key, or neither (to use the AWS variables).")
	}
	if err := s.secrets.SetSecret(ctx, secretName, secretKey); err != nil {
		return err
	}
	place := ""
	if secretKey != "" {
		place, _ = s.secrets.Place(ctx, secretName)
	}
	return s.settings.SetSettings(ctx, map[string]string{SettingAccessKey: accessKey, SettingSecretPlace: place})
}

// SecretPlace says, in words, where the member's S3 secret key is kept.
func (s *Service) SecretPlace(ctx context.Context) string {
	return SecretPlace(ctx, s.settings, s.secrets)
}

// SecretPlace says, in words, where the S3 secret key of the member whose
// settings and secrets these are is kept; doctor asks without a Service.
func SecretPlace(ctx context.Context, settings Settings, secrets Secrets) string {
	if key, _ := settings.Setting(ctx, SettingAccessKey, ""); key == "" {
		return "no S3 keys kept here (the AWS variables are used, if set)"
	}
	return fmt.Sprintf("the S3 secret key is kept in %s", placeWords(ctx, settings, secrets))
}

// placeWords names where the secret was kept, or would go now.
func placeWords(ctx context.Context, settings Settings, secrets Secrets) string {
	kept, _ := settings.Setting(ctx, SettingSecretPlace, "")
	place, words := secrets.Place(ctx, secretName)
	if kept == "keychain" && place != kept {
		return "the system keychain, which does not answer now"
	}
	return words
}

// MoveSecretOut moves an S3 secret key that an earlier version kept in
// the database into Secrets, and erases it from the database. It runs at
// every open; after the first, it only reads one setting.
func (s *Service) MoveSecretOut(ctx context.Context) error {
	const none = "\x00"
	old, err := s.settings.Setting(ctx, SettingOldSecretKey, none)
	if err != nil || old == none {
		return err
	}
	if old != "" {
		if err := s.secrets.SetSecret(ctx, secretName, old); err != nil {
			return fmt.Errorf("move the S3 secret key out of the database: %w", err)
		}
		place, _ := s.secrets.Place(ctx, secretName)
		if err := s.settings.SetSettings(ctx, map[string]string{SettingSecretPlace: place}); err != nil {
			return err
		}
	}
	return s.settings.DeleteSettings(ctx, SettingOldSecretKey)
}

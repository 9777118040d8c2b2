package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peerplaypay/internal/share/sharetest"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

// s3srv is a real S3 server (versitygw), started by the first test that
// asks for a bucket.
var s3srv sharetest.S3

func TestSecretKeyArgumentRefused(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"team", "create", "s3://b?endpoint=http://127.0.0.1:1", "--access-key", "AK", "--secret-key", "Sup3rS3cret"},
		{"team", "join", "s3://b?endpoint=http://127.0.0.1:1", "--secret-key=Sup3rS3cret"},
		{"team", "status", "--secret-key", "Sup3rS3cret"},
	} {
		code, _, errOut := run(t, nil, append(args, "--data-dir", dir)...)
		if code != 2 || !strings.Contains(errOut, "--secret-key-file") || !strings.Contains(errOut, "AWS_SECRET_ACCESS_KEY") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and what to use instead", args, code, errOut)
		}
		if strings.Contains(errOut, "Sup3rS3cret") {
			t.Errorf("%v: the refusal repeats the secret: %q", args, errOut)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused command touched the data folder: %v", entries)
	}
}

// member makes a data folder with a profile, as a new laptop.
func cliMember(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, errOut := run(t, nil, "profile", "set", "--data-dir", dir, "--name", name); code != 0 {
		t.Fatalf("profile: %s", errOut)
	}
	return dir
}

func writeSecret(t *testing.T, secret string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// assertSecretOutOfDatabase checks the bytes of the database files, not the
// table: a deleted row can stay readable in the file.
func assertSecretOutOfDatabase(t *testing.T, dir, secret string) {
	t.Helper()
	for _, name := range []string{sqlite.FileName, sqlite.FileName + "-wal"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("the S3 secret is in the bytes of %s", name)
		}
	}
}

// assertSecretFile checks the secret is kept in the data folder's file,
// readable by the user only (the tests turn the keychain off).
func assertSecretFile(t *testing.T, dir, secret string) {
	t.Helper()
	path := filepath.Join(dir, "secret-s3")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no secret file: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v; want 0600", path, fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(path); string(b) != secret {
		t.Errorf("%s holds %q", path, b)
	}
}

// invite is the invitation member prints for a newcomer.
func invite(t *testing.T, member string) string {
	t.Helper()
	code, out, errOut := run(t, nil, "team", "invite", "--json", "--data-dir", member)
	var inv struct{ Invite string }
	if code != 0 || json.Unmarshal([]byte(out), &inv) != nil || inv.Invite == "" {
		t.Fatalf("team invite: exit %d: %s%s", code, out, errOut)
	}
	return inv.Invite
}

func TestTeamS3Keys(t *testing.T) {
	loc, creds := s3srv.NewBucket(t)
	ada := cliMember(t, "Ada")

	t.Run("SecretKeyFile", func(t *testing.T) {
		code, _, errOut := run(t, nil, "team", "create", loc, "--data-dir", ada, "--name", "Crew",
			"--access-key", creds.AccessKeyID, "--secret-key-file", writeSecret(t, creds.SecretAccessKey))
		if code != 0 {
			t.Fatalf("create: exit %d: %s", code, errOut)
		}
		if !strings.Contains(errOut, "Kept the S3 keys") {
			t.Errorf("create does not say where the keys went: %q", errOut)
		}
		assertSecretOutOfDatabase(t, ada, creds.SecretAccessKey)
		assertSecretFile(t, ada, creds.SecretAccessKey)
		// The kept keys work on their own: no key flag, no AWS variable.
		code, _, errOut = run(t, nil, "team", "requests", "--data-dir", ada)
		if code != 0 {
			t.Fatalf("requests with the kept keys: exit %d: %s", code, errOut)
		}
		code, out, _ := run(t, nil, "team", "status", "--data-dir", ada)
		if code != 0 || !strings.Contains(out, "S3 keys: the S3 secret key is kept in "+filepath.Join(ada, "secret-s3")) {
			t.Errorf("status does not say where the secret is: %q", out)
		}
	})

	t.Run("ErrWrongSecretNotKept", func(t *testing.T) {
		bob := cliMember(t, "Bob")
		code, _, errOut := run(t, nil, "team", "join", loc, "--data-dir", bob, "--invite", invite(t, ada),
			"--access-key", creds.AccessKeyID, "--secret-key-file", writeSecret(t, "not-the-secret"))
		if code != 1 || !strings.Contains(errOut, "access key") {
			t.Fatalf("join with a wrong secret: exit %d: %s", code, errOut)
		}
		if _, err := os.Stat(filepath.Join(bob, "secret-s3")); !os.IsNotExist(err) {
			t.Errorf("the wrong secret was kept: %v", err)
		}
		assertSecretOutOfDatabase(t, bob, "not-the-secret")
		db, err := sqlite.Open(context.Background(), filepath.Join(bob, sqlite.FileName))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if key, _ := sqlite.NewSettingsService(db).Setting(context.Background(), teamsync.SettingAccessKey, ""); key != "" {
			t.Errorf("the access key of a failed join was kept: %q", key)
		}
	})

	t.Run("EnvVariable", func(t *testing.T) {
		cleo := cliMember(t, "Cleo")
		t.Setenv("AWS_SECRET_ACCESS_KEY", creds.SecretAccessKey)
		code, out, errOut := run(t, nil, "team", "join", loc, "--data-dir", cleo, "--invite", invite(t, ada), "--access-key", creds.AccessKeyID)
		if code != 0 || !strings.Contains(out, "safety code") {
			t.Fatalf("join: exit %d: %s%s", code, out, errOut)
		}
		assertSecretOutOfDatabase(t, cleo, creds.SecretAccessKey)
		assertSecretFile(t, cleo, creds.SecretAccessKey)
	})

	t.Run("ErrNoSecretNoTerminal", func(t *testing.T) {
		t.Setenv("AWS_SECRET_ACCESS_KEY", "")
		code, _, errOut := run(t, nil, "team", "join", loc, "--data-dir", cliMember(t, "Dan"), "--invite", invite(t, ada), "--access-key", creds.AccessKeyID)
		if code != 2 || !strings.Contains(errOut, "--secret-key-file") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	})

	t.Run("MovedOutOfDatabase", func(t *testing.T) {
		// A data folder of an earlier version: the secret in the settings.
		eve := cliMember(t, "Eve")
		const old = "old-version-secret-1234567890"
		db, err := sqlite.Open(context.Background(), filepath.Join(eve, sqlite.FileName))
		if err != nil {
			t.Fatal(err)
		}
		err = sqlite.NewSettingsService(db).SetSettings(context.Background(), map[string]string{
			teamsync.SettingAccessKey: creds.AccessKeyID, teamsync.SettingOldSecretKey: old})
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		if code, _, errOut := run(t, nil, "team", "status", "--data-dir", eve); code != 0 {
			t.Fatalf("status: %s", errOut)
		}
		assertSecretOutOfDatabase(t, eve, old)
		assertSecretFile(t, eve, old)
	})
}

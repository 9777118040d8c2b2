//go:build e2e

package e2e

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"peerplaypay/internal/keychain"
)

// keychainBusEnv marks the run of this test binary that lives inside the
// test's own D-Bus session, with gnome-keyring on it.
const keychainBusEnv = "E2E_KEYCHAIN_BUS"

// keychainPassword unlocks the test's login keyring; nothing of the
// user's is touched.
const keychainPassword = "e2e-keyring"

// TestShareSecretInKeychain gives the S3 secret to the production binary
// once, as a member does: Ada creates a team on a bucket with
// --secret-key-file, Bob joins it with --access-key and the secret in
// AWS_SECRET_ACCESS_KEY. Under a real Secret Service (gnome-keyring on a
// D-Bus session of the test's own, unlocked with a known password) the
// secret is in the keyring, read back by the library the app uses and by
// each member's next sync, given no secret; and it is in no byte of the
// data folder, the database included. Without a session bus, the secret
// goes to a file of the data folder that only the user can read.
func TestShareSecretInKeychain(t *testing.T) {
	t.Parallel()
	if os.Getenv(keychainBusEnv) != "" {
		secretInKeyring(t)
		return
	}
	t.Run("NoSecretService", func(t *testing.T) {
		// No bus: what a headless machine has.
		sh := newS3Share(t)
		env := []string{keychain.EnvVar + "=", "DBUS_SESSION_BUS_ADDRESS=", "XDG_RUNTIME_DIR=" + t.TempDir()}
		ada := newMember(t, "Ada", env)
		_, errOut, code := ada.run("team", "create", sh.loc, "--name", "Crew", "--access-key", sh.creds.AccessKeyID,
			"--secret-key-file", secretFile(t, sh.creds.SecretAccessKey))
		if code != 0 || !strings.Contains(errOut, "readable by you only") {
			t.Fatalf("team create without a Secret Service: exit %d\n%s", code, errOut)
		}
		secretOutOfDatabase(t, ada.dir, sh.creds.SecretAccessKey)
		ada.addLog("Ada's first")
		if s := ada.sync(); s.Published != 1 {
			t.Fatalf("Ada's sync with the secret from the file: %+v", s)
		}
	})

	t.Run("SecretService", func(t *testing.T) {
		for _, tool := range []string{"dbus-run-session", "gnome-keyring-daemon"} {
			if _, err := exec.LookPath(tool); err != nil {
				t.Fatalf("%s is not installed; `make setup-test` installs it (Debian packages dbus-daemon and gnome-keyring)", tool)
			}
		}
		// gnome-keyring makes the login keyring with the password it reads,
		// unlocked, under XDG_DATA_HOME; the session bus and the daemon end
		// with the run.
		home := t.TempDir()
		script := `printf '%s' "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" -test.run='^TestShareSecretInKeychain$' -test.v -test.count=1`
		cmd := exec.Command("dbus-run-session", "--", "sh", "-c", script, os.Args[0])
		cmd.Env = append(os.Environ(), keychainBusEnv+"=1", "KEYRING_PASSWORD="+keychainPassword,
			"HOME="+home, "XDG_DATA_HOME="+home, "XDG_RUNTIME_DIR="+home, "PEERPLAYPAY_BIN="+binary(t))
		out, err := cmd.CombinedOutput()
		t.Logf("inside the test's session bus:\n%s", out)
		if err != nil || !strings.Contains(string(out), "--- PASS: TestShareSecretInKeychain") {
			t.Fatalf("under a session bus with gnome-keyring: %v", err)
		}
	})
}

// secretInKeyring runs inside the session bus.
func secretInKeyring(t *testing.T) {
	sh := newS3Share(t)
	secret := sh.creds.SecretAccessKey
	// The app's keychain is on for the members (TestMain turns it off).
	on := []string{keychain.EnvVar + "="}
	ada := newMember(t, "Ada", on)
	_, errOut, code := ada.run("team", "create", sh.loc, "--name", "Crew", "--access-key", sh.creds.AccessKeyID,
		"--secret-key-file", secretFile(t, secret))
	if code != 0 || !strings.Contains(errOut, "system keychain") {
		t.Fatalf("team create: exit %d; want the secret kept in the system keychain\n%s", code, errOut)
	}
	ada.id = ada.status().MemberID

	// Bob gives the secret in the AWS variables, once.
	bob := newMember(t, "Bob", append(on, sh.env()...))
	_, errOut, code = bob.run("team", "join", sh.loc, "--invite", ada.invitation().Invite, "--access-key", sh.creds.AccessKeyID)
	if code != 0 || !strings.Contains(errOut, "system keychain") {
		t.Fatalf("team join: exit %d; want the secret kept in the system keychain\n%s", code, errOut)
	}
	bob.env = on
	st := bob.status()
	ada.ok("team", "approve", st.MemberID, "--code", st.SafetyCode)

	// Each member's next syncs, given no secret, read it from the keyring.
	bob.addLog("Bob's first")
	if s := bob.sync(); s.State != "member" || s.Published != 1 {
		t.Fatalf("Bob's sync with the secret from the keyring: %+v", s)
	}
	if s := ada.sync(); s.Received == 0 {
		t.Fatalf("Ada's sync with the secret from the keyring: %+v", s)
	}

	for _, m := range []*member{ada, bob} {
		dir, err := filepath.Abs(m.dir)
		if err != nil {
			t.Fatal(err)
		}
		// The account is the app's: the secret's name and the data folder.
		if got, err := keyring.Get("PeerPlayPay", "s3@"+dir); err != nil || got != secret {
			t.Errorf("%s's secret in the keyring: %q, %v", m.name, got, err)
		}
		if _, err := os.Stat(filepath.Join(m.dir, "secret-s3")); !os.IsNotExist(err) {
			t.Errorf("%s has a secret file beside the keyring: %v", m.name, err)
		}
		secretNowhere(t, m, secret)
		if out := m.ok("team", "status"); !strings.Contains(out, "S3 keys: the S3 secret key is kept in the system keychain") {
			t.Errorf("%s's team status does not say where the secret is:\n%s", m.name, out)
		}
	}
}

// secretNowhere checks that no byte of m's data folder holds secret.
func secretNowhere(t *testing.T, m *member, secret string) {
	t.Helper()
	err := filepath.WalkDir(m.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("%s's %s holds the S3 secret", m.name, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

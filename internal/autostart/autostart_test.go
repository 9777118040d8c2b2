package autostart_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"peerplaypay/internal/autostart"
)

// execWords reads an Exec value back as the desktop does: the string's
// escapes first, then the quoting of each word.
func execWords(t *testing.T, v string) []string {
	t.Helper()
	v = strings.NewReplacer(`\\`, `\`, `\n`, "\n", `\t`, "\t").Replace(v)
	var words []string
	var cur strings.Builder
	quoted, in := false, false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case quoted && c == '\\' && i+1 < len(v):
			i++
			cur.WriteByte(v[i])
		case c == '"':
			quoted, in = !quoted, true
		case c == ' ' && !quoted:
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		case c == '%' && i+1 < len(v) && v[i+1] == '%':
			i++
			cur.WriteByte('%')
			in = true
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if quoted {
		t.Fatalf("Exec %q has an open quote", v)
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

func TestEntryWrittenAndRemoved(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	exe := filepath.Join(t.TempDir(), `Peer "Play" $Pay`, `50% back\slash`, "peerplaypay")
	args := []string{autostart.MinimisedFlag, "--data-dir", "/home/ada/My Data"}
	if autostart.Enabled() {
		t.Fatal("enabled before written")
	}
	p, err := autostart.Enable(exe, args)
	if err != nil {
		t.Fatal(err)
	}
	if p != filepath.Join(cfg, "autostart", "peerplaypay.desktop") || !autostart.Enabled() {
		t.Fatalf("written to %s", p)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	keys := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Scan()
	if sc.Text() != "[Desktop Entry]" {
		t.Fatalf("first line %q", sc.Text())
	}
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if !ok {
			t.Fatalf("line %q is not KEY=VALUE", sc.Text())
		}
		keys[k] = v
	}
	if keys["Type"] != "Application" || keys["Name"] != "PeerPlayPay" {
		t.Errorf("entry: %v", keys)
	}
	if got := execWords(t, keys["Exec"]); strings.Join(got, "|") != strings.Join(append([]string{exe}, args...), "|") {
		t.Errorf("Exec %q reads back as %q", keys["Exec"], got)
	}
	v, err := exec.LookPath("desktop-file-validate")
	if err != nil {
		t.Fatal("desktop-file-validate is missing: install desktop-file-utils (make setup-test does)")
	}
	if out, err := exec.Command(v, p).CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("desktop-file-validate: %v\n%s", err, out)
	}

	if _, err := autostart.Disable(); err != nil || autostart.Enabled() {
		t.Fatalf("disable: %v", err)
	}
	if _, err := autostart.Disable(); err != nil {
		t.Errorf("disabling twice: %v", err)
	}
}

// A relative XDG_CONFIG_HOME is ignored, as the specification says.
func TestPathIgnoresRelativeConfigHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "relative/config")
	if p, err := autostart.Path(); err != nil || p != filepath.Join(home, ".config", "autostart", "peerplaypay.desktop") {
		t.Errorf("path %s, %v", p, err)
	}
}

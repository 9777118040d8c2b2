//go:build e2e

package e2e

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// debPackage returns the Debian package `make package` built, and the
// portable archive beside it.
func debPackage(t *testing.T) (deb, tarball string) {
	t.Helper()
	dir, _ := filepath.Abs("../build/package")
	debs, _ := filepath.Glob(filepath.Join(dir, "peerplaypay_*.deb"))
	tars, _ := filepath.Glob(filepath.Join(dir, "peerplaypay-*-linux-*.tar.gz"))
	if len(debs) != 1 || len(tars) != 1 {
		t.Fatalf("want one .deb and one .tar.gz in %s, found %v and %v: run `make package` first, or `make test`", dir, debs, tars)
	}
	return debs[0], tars[0]
}

// productVersion is the version wails.json gives the app and its packages.
func productVersion(t *testing.T) string {
	t.Helper()
	body, err := os.ReadFile("../wails.json")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Info struct {
			ProductVersion string `json:"productVersion"`
		} `json:"info"`
	}
	if err := json.Unmarshal(body, &c); err != nil || c.Info.ProductVersion == "" {
		t.Fatalf("wails.json has no info.productVersion (%v)", err)
	}
	return c.Info.ProductVersion
}

func runOK(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestLinuxPackage checks the Debian package as a desktop user's system
// would see it: unpacked into a root of its own, validated by Debian's
// tools, its binary run from there, and installed and removed with apt-get
// where the machine is a throwaway one.
func TestLinuxPackage(t *testing.T) {
	t.Parallel()
	deb, tarball := debPackage(t)
	version := productVersion(t)
	root := t.TempDir()
	runOK(t, "dpkg-deb", "-x", deb, root)
	field := func(name string) string {
		return strings.TrimSpace(runOK(t, "dpkg-deb", "-f", deb, name))
	}
	bin := filepath.Join(root, "usr", "bin", "peerplaypay")

	t.Run("control", func(t *testing.T) {
		t.Parallel()
		if got := field("Package"); got != "peerplaypay" {
			t.Errorf("Package: %q", got)
		}
		if got := field("Version"); got != version {
			t.Errorf("Version: %q, want wails.json's productVersion %q", got, version)
		}
		if !strings.Contains(filepath.Base(deb), "_"+version+"_") || !strings.Contains(filepath.Base(tarball), "-"+version+"-") {
			t.Errorf("file names %s and %s do not carry version %s", filepath.Base(deb), filepath.Base(tarball), version)
		}
		depends := map[string]bool{}
		for _, d := range strings.Split(field("Depends"), ",") {
			depends[strings.Fields(d)[0]] = true
		}
		// Playback goes through GStreamer's plugins, loaded at run time.
		for _, p := range []string{"gstreamer1.0-plugins-base", "gstreamer1.0-plugins-good", "libwebkit2gtk-4.1-0", "libgtk-3-0"} {
			if !depends[p] {
				t.Errorf("Depends %v lacks %s", depends, p)
			}
		}
		// Every library the binary links directly comes from a package it
		// depends on: each found by ldd, its package by dpkg -S.
		needed := regexp.MustCompile(`\(NEEDED\)\s+Shared library: \[(.+)\]`).FindAllStringSubmatch(runOK(t, "readelf", "-d", bin), -1)
		paths := map[string]string{}
		for _, line := range strings.Split(runOK(t, "ldd", bin), "\n") {
			if name, path, ok := strings.Cut(strings.TrimSpace(line), " => "); ok {
				paths[name] = strings.Fields(path)[0]
			}
		}
		// With merged /usr, ldd may say /lib where dpkg knows /usr/lib, or
		// the other way round: ask for both, in one call, as each is slow.
		alt := func(path string) string {
			if rest, ok := strings.CutPrefix(path, "/usr"); ok {
				return rest
			}
			return "/usr" + path
		}
		var query []string
		for _, m := range needed {
			if path := paths[m[1]]; path != "" && path != "not" {
				query = append(query, path, alt(path))
			}
		}
		owned, _ := exec.Command("dpkg", append([]string{"-S"}, query...)...).Output() // exit 1: some not found
		owners := map[string]string{}
		for _, line := range strings.Split(string(owned), "\n") {
			// "libgtk-3-0:amd64: /usr/lib/x86_64-linux-gnu/libgtk-3.so.0"
			pkgs, path, ok := strings.Cut(line, ": ")
			if ok {
				pkg, _, _ := strings.Cut(strings.Split(pkgs, ", ")[0], ":")
				owners[path] = pkg
			}
		}
		var linked []string
		for _, m := range needed {
			path := paths[m[1]]
			if path == "" || path == "not" {
				t.Errorf("ldd does not find %s", m[1])
				continue
			}
			pkg := owners[path]
			if pkg == "" {
				pkg = owners[alt(path)]
			}
			if pkg == "" {
				t.Errorf("no package owns %s (%s)", path, m[1])
				continue
			}
			linked = append(linked, pkg)
			if !depends[pkg] {
				t.Errorf("the binary links %s from %s, which Depends %v does not name", m[1], pkg, depends)
			}
		}
		if !slices.Contains(linked, "libwebkit2gtk-4.1-0") {
			t.Errorf("the binary's libraries come from %v, not WebKitGTK 4.1", linked)
		}
		t.Logf("Depends: %s", field("Depends"))
	})

	t.Run("tree", func(t *testing.T) {
		t.Parallel()
		var files []string
		filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, path)
				files = append(files, rel)
			}
			return nil
		})
		t.Logf("installed files:\n%s", strings.Join(files, "\n"))
		for _, want := range []string{
			"usr/bin/peerplaypay",
			"usr/share/applications/peerplaypay.desktop",
			"usr/share/man/man1/peerplaypay.1.gz",
			"usr/share/bash-completion/completions/peerplaypay",
			"usr/share/zsh/vendor-completions/_peerplaypay",
			"usr/share/fish/vendor_completions.d/peerplaypay.fish",
			"usr/share/doc/peerplaypay/copyright",
			"usr/share/doc/peerplaypay/changelog.gz",
			"usr/share/doc/peerplaypay/third-party-licences.gz",
		} {
			if !slices.Contains(files, want) {
				t.Errorf("the package has no %s", want)
			}
		}
		// The desktop file's Icon= at each size the hicolor theme looks up.
		for _, n := range []string{"16", "24", "32", "48", "64", "128", "256", "512"} {
			f, err := os.Open(filepath.Join(root, "usr/share/icons/hicolor", n+"x"+n, "apps/peerplaypay.png"))
			if err != nil {
				t.Errorf("icon at %s: %v", n, err)
				continue
			}
			cfg, err := png.DecodeConfig(f)
			f.Close()
			if err != nil || strconv.Itoa(cfg.Width) != n || strconv.Itoa(cfg.Height) != n {
				t.Errorf("icon at %s is %dx%d (%v)", n, cfg.Width, cfg.Height, err)
			}
		}
		// The licences of what the binary holds: its Go modules, the
		// frontend's npm packages.
		if f, err := os.Open(filepath.Join(root, "usr/share/doc/peerplaypay/third-party-licences.gz")); err == nil {
			gz, err := gzip.NewReader(f)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(gz)
			f.Close()
			for _, part := range []string{"Go module github.com/wailsapp/wails/v2 ", "Go module github.com/pion/mediadevices ", "chart.js", "svelte"} {
				if err != nil || !strings.Contains(string(body), part) {
					t.Errorf("third-party-licences lacks %q (%v)", part, err)
				}
			}
		}
		desktop, _ := os.ReadFile(filepath.Join(root, "usr/share/applications/peerplaypay.desktop"))
		if !strings.Contains(string(desktop), "\nIcon=peerplaypay\n") || !strings.Contains(string(desktop), "\nExec=peerplaypay") {
			t.Errorf("the desktop file does not start the installed binary with its icon:\n%s", desktop)
		}

		// The portable archive holds the same tree under one folder.
		f, err := os.Open(tarball)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		gz, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		var inTar []string
		tr := tar.NewReader(gz)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", tarball, err)
			}
			if h.Typeflag == tar.TypeReg {
				_, rel, _ := strings.Cut(h.Name, "/")
				inTar = append(inTar, rel)
				if rel == "usr/bin/peerplaypay" && h.Mode&0o111 == 0 {
					t.Errorf("the archive's binary is not executable: %o", h.Mode)
				}
			}
		}
		slices.Sort(files)
		slices.Sort(inTar)
		if !slices.Equal(files, inTar) {
			t.Errorf("the .tar.gz holds\n%v\nthe .deb\n%v", inTar, files)
		}
	})

	t.Run("validators", func(t *testing.T) {
		t.Parallel()
		out := runOK(t, "desktop-file-validate", filepath.Join(root, "usr/share/applications/peerplaypay.desktop"))
		if strings.TrimSpace(out) != "" {
			t.Errorf("desktop-file-validate: %s", out)
		}
		metainfo, _ := filepath.Glob(filepath.Join(root, "usr/share/metainfo/*.metainfo.xml"))
		if len(metainfo) != 1 {
			t.Fatalf("want one metainfo file, found %v", metainfo)
		}
		// Fails on warnings too; --no-net: the screenshots' addresses are
		// checked for form, not fetched.
		if out, err := exec.Command("appstreamcli", "validate", "--no-net", "--explain", metainfo[0]).CombinedOutput(); err != nil {
			t.Errorf("appstreamcli validate: %v\n%s", err, out)
		}
		body, _ := os.ReadFile(metainfo[0])
		if !strings.Contains(string(body), `<release version="`+version+`"`) {
			t.Errorf("the metainfo's releases do not start at %s:\n%s", version, body)
		}
		if regexp.MustCompile(`@[A-Z_]+@`).Match(body) {
			t.Errorf("the metainfo has a placeholder left:\n%s", body)
		}
		man := exec.Command("man", "--warnings", "-l", filepath.Join(root, "usr/share/man/man1/peerplaypay.1.gz"))
		man.Env = append(os.Environ(), "MANWIDTH=80", "MANPAGER=cat")
		var stderr bytes.Buffer
		man.Stderr = &stderr
		if page, err := man.Output(); err != nil || stderr.Len() > 0 || !strings.Contains(string(page), "peerplaypay") {
			t.Errorf("man: %v\n%s", err, stderr.String())
		}
	})

	t.Run("lintian", func(t *testing.T) {
		t.Parallel()
		// lintian exits 0 on warnings and 2 on errors; each finding is a
		// "X: package: tag" line.
		out, err := exec.Command("lintian", "--info", deb).CombinedOutput()
		if code := exitCode(err); code != 0 && code != 2 {
			t.Fatalf("lintian: exit %d\n%s", code, out)
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "E: "):
				t.Errorf("lintian: %s", line)
			case strings.HasPrefix(line, "W: "), strings.HasPrefix(line, "I: "):
				t.Logf("lintian: %s", line)
			}
		}
	})

	t.Run("runs from the unpacked root", func(t *testing.T) {
		t.Parallel()
		out := runOK(t, bin, "version")
		if !strings.HasPrefix(out, "peerplaypay "+version+" ") && strings.TrimSpace(out) != "peerplaypay "+version {
			t.Errorf("version printed %q, want wails.json's %s", out, version)
		}
		cmd := exec.Command(bin, "doctor", "--json", "--data-dir", filepath.Join(t.TempDir(), "data"))
		cmd.Env = append(os.Environ(), "DISPLAY=", "WAYLAND_DISPLAY=")
		body, err := cmd.Output()
		if err != nil {
			t.Fatalf("doctor: %v\n%s", err, body)
		}
		var doc struct {
			OK     bool `json:"ok"`
			Checks []struct{ Name, Status, Detail string }
		}
		if err := json.Unmarshal(body, &doc); err != nil || !doc.OK || len(doc.Checks) < 4 {
			t.Fatalf("doctor --json: %v\n%s", err, body)
		}
		for _, c := range doc.Checks {
			if strings.Contains(c.Name, "encoder") && c.Status != "ok" {
				t.Errorf("doctor from the package: %s is %s: %s", c.Name, c.Status, c.Detail)
			}
		}
	})

	t.Run("apt-get install and remove", func(t *testing.T) {
		t.Parallel()
		// Installing writes to /usr: only as root on a machine that is
		// thrown away after the run, as CI's is.
		if os.Getuid() != 0 || os.Getenv("CI") != "true" {
			t.Skip("skipped: installing with apt-get runs only as root in a throwaway environment (CI=true)")
		}
		if exec.Command("dpkg-query", "-W", "peerplaypay").Run() == nil {
			t.Skip("skipped: peerplaypay is already installed on this machine; the test leaves it alone")
		}
		apt := func(args ...string) {
			t.Helper()
			cmd := exec.Command("apt-get", append([]string{"-y", "-q", "--no-install-recommends"}, args...)...)
			cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("apt-get %s: %v\n%s", strings.Join(args, " "), err, out)
			}
		}
		apt("install", deb)
		t.Cleanup(func() { exec.Command("dpkg", "--purge", "peerplaypay").Run() })
		if out := runOK(t, "/usr/bin/peerplaypay", "version"); !strings.Contains(out, version) {
			t.Errorf("installed: version printed %q", out)
		}
		listed := runOK(t, "dpkg", "-L", "peerplaypay")
		for _, want := range []string{"/usr/share/applications/peerplaypay.desktop", "/usr/share/icons/hicolor/48x48/apps/peerplaypay.png"} {
			if !strings.Contains(listed, want+"\n") {
				t.Errorf("dpkg -L peerplaypay lacks %s", want)
			}
		}
		apt("purge", "peerplaypay")
		for _, gone := range []string{"/usr/bin/peerplaypay", "/usr/share/applications/peerplaypay.desktop"} {
			if _, err := os.Stat(gone); !os.IsNotExist(err) {
				t.Errorf("after apt-get purge, %s is still there (%v)", gone, err)
			}
		}
	})
}

// Command notices writes the licences of the code built into the app: the
// Go modules its binary records, and the npm packages its frontend bundles
// (as Vite lists them). Their licences ask that copies of the program carry
// these texts.
package main

import (
	"bufio"
	"bytes"
	"debug/buildinfo"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	bin := flag.String("bin", "build/bin/peerplaypay", "the built app: its Go modules are listed in it")
	frontend := flag.String("frontend", "frontend/dist/.vite/license.md", "the licences Vite wrote of the bundle's npm packages")
	flag.Parse()
	if err := run(*bin, *frontend, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "notices: %v\n", err)
		os.Exit(1)
	}
}

// licenceFile tells the files that hold a licence or its notice.
func licenceFile(name string) bool {
	n := strings.ToUpper(name)
	for _, p := range []string{"LICENSE", "LICENCE", "COPYING", "NOTICE", "COPYRIGHT", "PATENTS"} {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

type part struct{ name, dir string }

func run(bin, frontend string, w io.Writer) error {
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		return err
	}
	var parts []part
	args := []string{"mod", "download", "-json"}
	for _, d := range info.Deps {
		if d.Replace != nil {
			d = d.Replace
		}
		args = append(args, d.Path+"@"+d.Version)
	}
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		return fmt.Errorf("go mod download: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var m struct{ Path, Version, Dir, Error string }
		if err := dec.Decode(&m); err != nil {
			return err
		}
		if m.Error != "" || m.Dir == "" {
			return fmt.Errorf("%s@%s: %s", m.Path, m.Version, m.Error)
		}
		parts = append(parts, part{"Go module " + m.Path + " " + m.Version, m.Dir})
	}
	npm, err := os.ReadFile(frontend)
	if err != nil {
		return fmt.Errorf("%w (the frontend's build writes it: run make build)", err)
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "PeerPlayPay is built with the code below. Each part's licence follows its name.\n")
	for _, p := range parts {
		entries, err := os.ReadDir(p.dir)
		if err != nil {
			return err
		}
		var names []string
		for _, e := range entries {
			if !e.IsDir() && licenceFile(e.Name()) {
				names = append(names, e.Name())
			}
		}
		if len(names) == 0 {
			return fmt.Errorf("%s has no licence file in %s: look up its licence before shipping it", p.name, p.dir)
		}
		sort.Strings(names)
		fmt.Fprintf(bw, "\n%s\n%s\n", strings.Repeat("=", 72), p.name)
		for _, n := range names {
			body, err := os.ReadFile(filepath.Join(p.dir, n))
			if err != nil {
				return err
			}
			fmt.Fprintf(bw, "%s\n-- %s\n\n%s\n", strings.Repeat("-", 72), n, strings.TrimSpace(string(body)))
		}
	}
	fmt.Fprintf(bw, "\n%s\nThe frontend's npm packages\n\n%s\n", strings.Repeat("=", 72), strings.TrimSpace(string(npm)))
	return bw.Flush()
}

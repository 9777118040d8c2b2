// Command debchangelog writes CHANGELOG.md as a Debian changelog, the
// format dpkg and lintian read in /usr/share/doc/PACKAGE/changelog.gz, and
// checks that its newest version is the one being packaged.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"
)

// heading is a version's heading in CHANGELOG.md: "## 0.2.0 — 2026-12-05".
var heading = regexp.MustCompile(`^## (\S+) — (\d{4}-\d{2}-\d{2})$`)

type release struct {
	version string
	date    time.Time
	items   []string
}

func main() {
	in := flag.String("in", "CHANGELOG.md", "the changelog in Markdown")
	version := flag.String("version", "", "the version being packaged: the newest heading must name it")
	pkg := flag.String("package", "peerplaypay", "the package's name")
	maintainer := flag.String("maintainer", "", `"Name <address>" who signs each entry`)
	flag.Parse()
	if err := run(*in, *version, *pkg, *maintainer, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "debchangelog: %v\n", err)
		os.Exit(1)
	}
}

func run(in, version, pkg, maintainer string, w io.Writer) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	releases, err := parse(f)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if len(releases) == 0 || releases[0].version != version {
		return fmt.Errorf("%s: the newest heading must be \"## %s — YYYY-MM-DD\", the version in wails.json", in, version)
	}
	bw := bufio.NewWriter(w)
	for i, r := range releases {
		if i > 0 {
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "%s (%s) unstable; urgency=medium\n\n", pkg, r.version)
		for _, item := range r.items {
			fmt.Fprintf(bw, "  * %s\n", wrap(item, 74, "    "))
		}
		fmt.Fprintf(bw, "\n -- %s  %s\n", maintainer, r.date.Format(time.RFC1123Z))
	}
	return bw.Flush()
}

// parse reads each version's heading and its "- " items, which may go on
// over indented lines; Markdown's backquotes are dropped.
func parse(r io.Reader) ([]release, error) {
	var releases []release
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := heading.FindStringSubmatch(line); m != nil {
			date, err := time.Parse(time.DateOnly, m[2])
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			releases = append(releases, release{version: m[1], date: date})
			continue
		}
		if strings.HasPrefix(line, "## ") {
			return nil, fmt.Errorf("line %d: want a heading \"## VERSION — YYYY-MM-DD\", got %q", n, line)
		}
		if len(releases) == 0 {
			continue
		}
		cur := &releases[len(releases)-1]
		text := strings.ReplaceAll(strings.TrimSpace(line), "`", "")
		switch {
		case strings.HasPrefix(line, "- "):
			cur.items = append(cur.items, strings.TrimPrefix(text, "- "))
		case strings.HasPrefix(line, "  ") && text != "" && len(cur.items) > 0:
			cur.items[len(cur.items)-1] += " " + text
		}
	}
	return releases, sc.Err()
}

// wrap breaks text into lines of at most width, the later ones indented.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(text) {
		if i > 0 && col+1+len(word) > width {
			b.WriteString("\n" + indent)
			col = 0
		} else if i > 0 {
			b.WriteString(" ")
			col++
		}
		b.WriteString(word)
		col += len(word)
	}
	return b.String()
}

package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"peerplaypay/internal/printdoc"
)

// WordsTitle heads the member's own words.
func (r Report) WordsTitle() string {
	return "In " + possessive(r.Name) + " own words"
}

func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "’"
	}
	return name + "’s"
}

// Lines lays the report out for print: the title, each section, then the
// member's own words, each paragraph of them kept.
func (r Report) Lines() []printdoc.Line {
	out := []printdoc.Line{{Level: printdoc.Title, Text: r.Title()}}
	for _, s := range r.Sections {
		out = append(out, printdoc.Line{Level: printdoc.Heading, Text: s.Title})
		for _, p := range s.Paragraphs {
			out = append(out, printdoc.Line{Level: printdoc.Paragraph, Text: p})
		}
	}
	if words := Paragraphs(r.Words); len(words) > 0 {
		out = append(out, printdoc.Line{Level: printdoc.Heading, Text: r.WordsTitle()})
		for _, p := range words {
			out = append(out, printdoc.Line{Level: printdoc.Quote, Text: p})
		}
	}
	return out
}

// Paragraphs splits a member's text at its blank lines; the lines within
// a paragraph join with spaces.
func Paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Markdown writes the report as Markdown; members' texts stay text.
func Markdown(w io.Writer, r Report) error {
	var b strings.Builder
	for _, l := range r.Lines() {
		text := printdoc.MarkdownEscape(l.Text)
		switch l.Level {
		case printdoc.Title:
			fmt.Fprintf(&b, "# %s\n", text)
		case printdoc.Heading:
			fmt.Fprintf(&b, "\n## %s\n", text)
		case printdoc.Quote:
			fmt.Fprintf(&b, "\n> %s\n", text)
		default:
			fmt.Fprintf(&b, "\n%s\n", text)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// PDF writes the report as an A4 PDF; now dates it.
func PDF(w io.Writer, r Report, now time.Time) error {
	if err := printdoc.Write(w, r.Title(), r.Title(), now, r.Lines()); err != nil {
		return fmt.Errorf("report %w", err)
	}
	return nil
}

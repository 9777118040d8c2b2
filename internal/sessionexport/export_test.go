package sessionexport

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// bigSession is a full session: five parts of 20 items with comments,
// notes and decisions, by members whose names need more than Latin.
func bigSession() *peerplaypay.TeamSession {
	names := []string{"Åsa Ødegård", "Сергей", "Γιώργος", "Bob"}
	ts := &peerplaypay.TeamSession{Day: "2026-12-07", Facilitator: "x", FacilitatorName: names[1]}
	for p := range 5 {
		pv := &peerplaypay.SessionPartView{Index: p, Name: fmt.Sprintf("Part %d", p+1), Minutes: 20}
		for i := range 20 {
			pv.Items = append(pv.Items, &peerplaypay.SessionItem{ID: int64(p*20 + i), AuthorName: names[i%4], Part: p, Votes: i % 4,
				Text:     fmt.Sprintf("Item %d of part %d: something longer that the team wants to talk about, and a little more to wrap the line", i+1, p+1),
				Comments: []*peerplaypay.SessionComment{{AuthorName: names[(i+1)%4], Text: "agreed, " + strings.Repeat("more words ", 5)}}})
		}
		pv.Notes = []*peerplaypay.SessionNote{{Kind: "decision", Text: "We do it", AuthorName: names[0]}, {Kind: "note", Text: "Two versions", AuthorName: names[2], Conflict: true}}
		ts.Parts = append(ts.Parts, pv)
	}
	return ts
}

// TestPDF: a full session exports to a PDF whose text (read back with
// pdftotext when installed) holds the names in their
// scripts, the items with their dots and the decisions.
func TestPDF(t *testing.T) {
	ts := bigSession()
	var buf bytes.Buffer
	if err := PDF(&buf, ts, time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", buf.Bytes()[:min(16, buf.Len())])
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (poppler-utils): the text is not read back")
	}
	path := filepath.Join(t.TempDir(), "s.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ") // lines wrap anywhere
	for _, want := range []string{"Facilitator: Сергей", "(Bob) — 3 dots", "(Åsa Ødegård)", "Γιώργος", "Decision: We do it", "written at the same time"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
}

// TestMarkdownKeepsStructure: a member's text never makes headings, lists
// or links of its own.
func TestMarkdownKeepsStructure(t *testing.T) {
	ts := &peerplaypay.TeamSession{Day: "2026-12-07", Parts: []*peerplaypay.SessionPartView{{Name: "Moments", Minutes: 30,
		Items: []*peerplaypay.SessionItem{{AuthorName: "Bob", Text: "line one\n# not a heading\n- not an item [link](x) *bold*", Votes: 1}}}}}
	var buf bytes.Buffer
	if err := Markdown(&buf, ts); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	want := "- line one # not a heading - not an item \\[link](x) \\*bold\\* (Bob) — 1 dot\n"
	if !strings.Contains(got, want) {
		t.Errorf("Markdown:\n%s\nwant a line %q", got, want)
	}
	if strings.Count(got, "\n#") != 1 {
		t.Errorf("a member's text made a heading:\n%s", got)
	}
}

// BenchmarkPDF times the export of a full session (100 items, 100
// comments, 10 notes), which should stay well under a second.
func BenchmarkPDF(b *testing.B) {
	ts := bigSession()
	at := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := PDF(&buf, ts, at); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}

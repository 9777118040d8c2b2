// Package sessionexport writes a weekly team session's summary as Markdown
// and as PDF. The PDF embeds a font that prints the team's names in Latin,
// Greek and Cyrillic scripts (and Armenian and Georgian), whatever fonts
// the reader's machine has.
package sessionexport

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"peerplaypay/internal/peerplaypay"
)

// The font is kept compressed: it halves what it adds to the binary, and
// it is unpacked once, on the first PDF.
//
//go:embed font/DejaVuSansCondensed.ttf.gz
var fontGz []byte

var (
	fontOnce sync.Once
	fontTTF  []byte
	fontErr  error
)

func font() ([]byte, error) {
	fontOnce.Do(func() {
		r, err := gzip.NewReader(bytes.NewReader(fontGz))
		if err != nil {
			fontErr = err
			return
		}
		fontTTF, fontErr = io.ReadAll(r)
	})
	return fontTTF, fontErr
}

// line is one line of the summary, as both formats print it.
type line struct {
	level int // 1 title, 2 heading, 0 text, 3 bullet, 4 sub-bullet
	text  string
}

func who(name, id string) string {
	if name != "" {
		return name
	}
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

func dots(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" — %d %s", n, plural(n, "dot", "dots"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func outcome(o *peerplaypay.Outcome) string {
	if o == nil {
		return "no outcome yet"
	}
	words := map[string]string{peerplaypay.OutcomeWorked: "worked", peerplaypay.OutcomeFailed: "did not work", peerplaypay.OutcomeLearned: "learned"}
	s := words[o.Result]
	if o.Note != "" {
		s += ": " + o.Note
	}
	return s + " (" + who(o.AuthorName, o.Author) + ")"
}

// summary lays out the session: what it opened with, then each part with
// its items (most dots first), comments, notes and decisions.
func summary(ts *peerplaypay.TeamSession) []line {
	out := []line{{1, "Team session of " + ts.Day}}
	if ts.Facilitator != "" {
		out = append(out, line{0, "Facilitator: " + who(ts.FacilitatorName, ts.Facilitator)})
	}
	if len(ts.Running) > 0 || len(ts.LastMoments) > 0 {
		out = append(out, line{2, "Follow-up"})
		for _, e := range ts.Running {
			out = append(out, line{3, fmt.Sprintf("Experiment: %s (owner %s, until %s) — %s", e.Hypothesis, who(e.OwnerName, e.Owner), e.EndDay, outcome(e.Outcome))})
		}
		for _, m := range ts.LastMoments {
			out = append(out, line{3, fmt.Sprintf("Success moment of %s: %s — %s", ts.LastDay, m.Text, outcome(m.Outcome))})
		}
	}
	for _, p := range ts.Parts {
		out = append(out, line{2, fmt.Sprintf("%d. %s (%d min)", p.Index+1, p.Name, p.Minutes)})
		items := append([]*peerplaypay.SessionItem(nil), p.Items...)
		sortByVotes(items)
		if len(items) == 0 && len(p.Notes) == 0 {
			out = append(out, line{0, "Nothing in this part."})
		}
		for _, it := range items {
			out = append(out, line{3, fmt.Sprintf("%s (%s)%s", it.Text, who(it.AuthorName, it.Author), dots(it.Votes))})
			for _, c := range it.Comments {
				out = append(out, line{4, fmt.Sprintf("%s: %s", who(c.AuthorName, c.Author), c.Text)})
			}
		}
		for _, n := range p.Notes {
			label := "Note"
			if n.Kind == peerplaypay.NoteDecision {
				label = "Decision"
			}
			text := fmt.Sprintf("%s: %s (%s)", label, n.Text, who(n.AuthorName, n.Author))
			if n.Conflict {
				text += " [written at the same time as another version]"
			}
			out = append(out, line{3, text})
		}
	}
	return out
}

func sortByVotes(items []*peerplaypay.SessionItem) {
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].Votes > items[j-1].Votes; j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}

// Markdown writes the session's summary as Markdown.
func Markdown(w io.Writer, ts *peerplaypay.TeamSession) error {
	var b strings.Builder
	for _, l := range summary(ts) {
		text := mdEscape(l.text)
		switch l.level {
		case 1:
			fmt.Fprintf(&b, "# %s\n\n", text)
		case 2:
			fmt.Fprintf(&b, "\n## %s\n\n", text)
		case 3:
			fmt.Fprintf(&b, "- %s\n", text)
		case 4:
			fmt.Fprintf(&b, "  - %s\n", text)
		default:
			fmt.Fprintf(&b, "%s\n", text)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscape keeps a member's text from turning into Markdown structure: a
// line break would start a new block, a leading # a heading.
func mdEscape(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "<", "&lt;").Replace(s)
}

// PDF writes the session's summary as an A4 PDF. now dates it.
func PDF(w io.Writer, ts *peerplaypay.TeamSession, now time.Time) error {
	ttf, err := font()
	if err != nil {
		return fmt.Errorf("session PDF: font: %w", err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(now)
	pdf.SetModificationDate(now)
	pdf.SetTitle("Team session of "+ts.Day, true)
	pdf.SetCreator("PeerPlayPay", true)
	pdf.AddUTF8FontFromBytes("dejavu", "", ttf)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 18)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont("dejavu", "", 8)
		pdf.SetTextColor(120, 120, 120)
		pdf.CellFormat(0, 5, fmt.Sprintf("Team session of %s — page %d", ts.Day, pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	for _, l := range summary(ts) {
		switch l.level {
		case 1:
			pdf.SetFont("dejavu", "", 20)
			pdf.SetTextColor(20, 20, 20)
			pdf.MultiCell(0, 9, l.text, "", "L", false)
			pdf.Ln(2)
		case 2:
			pdf.Ln(3)
			pdf.SetFont("dejavu", "", 14)
			pdf.SetTextColor(30, 60, 120)
			pdf.MultiCell(0, 7, l.text, "", "L", false)
			pdf.Ln(1)
		case 3, 4:
			indent := 4.0
			if l.level == 4 {
				indent = 10
			}
			pdf.SetFont("dejavu", "", 11)
			pdf.SetTextColor(20, 20, 20)
			pdf.SetX(18 + indent)
			pdf.CellFormat(4, 5.5, "•", "", 0, "L", false, 0, "")
			pdf.MultiCell(0, 5.5, l.text, "", "L", false)
		default:
			pdf.SetFont("dejavu", "", 11)
			pdf.SetTextColor(60, 60, 60)
			pdf.MultiCell(0, 5.5, l.text, "", "L", false)
		}
	}
	return pdf.Output(w)
}

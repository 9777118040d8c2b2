// Package printdoc lays out the app's printable documents (a weekly
// session's summary, a contribution report) as A4 PDFs, with one look and
// one embedded font that prints the team's names in Latin, Greek and
// Cyrillic scripts (and Armenian and Georgian) whatever fonts the reader's
// machine has, and keeps members' texts plain in their Markdown.
package printdoc

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

// Levels of a line.
const (
	Text      = 0 // a line of text
	Title     = 1
	Heading   = 2
	Bullet    = 3
	SubBullet = 4
	Quote     = 5 // the member's own words, set apart
	Paragraph = 6 // text with a little space after it
)

// Line is one line (or paragraph) of a document.
type Line struct {
	Level int
	Text  string
}

// Write writes lines as an A4 PDF titled title; every page's footer says
// footer and the page number; now dates the file.
func Write(w io.Writer, title, footer string, now time.Time, lines []Line) error {
	ttf, err := font()
	if err != nil {
		return fmt.Errorf("PDF: font: %w", err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(now)
	pdf.SetModificationDate(now)
	pdf.SetTitle(title, true)
	pdf.SetCreator("PeerPlayPay", true)
	pdf.AddUTF8FontFromBytes("dejavu", "", ttf)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 18)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont("dejavu", "", 8)
		pdf.SetTextColor(120, 120, 120)
		pdf.CellFormat(0, 5, fmt.Sprintf("%s — page %d", footer, pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	for _, l := range lines {
		switch l.Level {
		case Title:
			pdf.SetFont("dejavu", "", 20)
			pdf.SetTextColor(20, 20, 20)
			pdf.MultiCell(0, 9, l.Text, "", "L", false)
			pdf.Ln(2)
		case Heading:
			pdf.Ln(3)
			pdf.SetFont("dejavu", "", 14)
			pdf.SetTextColor(30, 60, 120)
			pdf.MultiCell(0, 7, l.Text, "", "L", false)
			pdf.Ln(1)
		case Bullet, SubBullet:
			indent := 4.0
			if l.Level == SubBullet {
				indent = 10
			}
			pdf.SetFont("dejavu", "", 11)
			pdf.SetTextColor(20, 20, 20)
			pdf.SetX(18 + indent)
			pdf.CellFormat(4, 5.5, "•", "", 0, "L", false, 0, "")
			pdf.MultiCell(0, 5.5, l.Text, "", "L", false)
		case Quote:
			pdf.SetFont("dejavu", "", 11)
			pdf.SetTextColor(40, 40, 40)
			pdf.SetX(24)
			pdf.MultiCell(0, 5.5, l.Text, "L", "L", false)
			pdf.Ln(1)
		case Paragraph:
			pdf.SetFont("dejavu", "", 11)
			pdf.SetTextColor(20, 20, 20)
			pdf.MultiCell(0, 5.5, l.Text, "", "L", false)
			pdf.Ln(2)
		default:
			pdf.SetFont("dejavu", "", 11)
			pdf.SetTextColor(60, 60, 60)
			pdf.MultiCell(0, 5.5, l.Text, "", "L", false)
		}
	}
	return pdf.Output(w)
}

// MarkdownEscape keeps a member's text from turning into Markdown
// structure: a line break would start a new block, a leading # a heading.
func MarkdownEscape(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "<", "&lt;").Replace(s)
}

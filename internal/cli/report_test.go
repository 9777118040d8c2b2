package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReportCommands: the report of a period is written in sentences, the
// member's words are kept, exports land where asked, and a bad input is
// refused with a sentence that says what to do, changing nothing.
func TestReportCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d := "--data-dir=" + dir
	day := time.Now().Format(time.DateOnly)
	from := time.Now().AddDate(0, 0, -10).Format(time.DateOnly)
	if code, _, errOut := runIn(t, "", "profile", "set", d, "--name", "Ana"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := runIn(t, "", "learn", "add", d, "--what", "Designing Data-Intensive Applications", "--minutes", "90", "--kind", "read", "--takeaways", "logs are the truth"); code != 0 {
		t.Fatal(errOut)
	}
	per := []string{"--from", from, "--to", day}
	for _, c := range []struct {
		args    []string
		code    int
		out     string
		errText string
	}{
		{append([]string{"report", d}, per...), 0, "Ana read “Designing Data-Intensive Applications” (1 hour 30 minutes) and took away “logs are the truth”.", ""},
		{append([]string{"report", "words", d, "I mentored two newcomers.\n\nAnd kept the build green."}, per...), 0, "Your words are kept on report 1", ""},
		{append([]string{"report", d}, per...), 0, "In Ana’s own words\n  I mentored two newcomers.\n  And kept the build green.", ""},
		{[]string{"report", "list", d}, 0, "yours alone", ""},
		{[]string{"report", d, "--from", day}, 2, "", "give both --from and --to"},
		{[]string{"report", d, "--from", day, "--to", from}, 2, "", "before it starts"},
		{[]string{"report", d, "--from", "2020-01-01", "--to", day}, 2, "", "longer than a year"},
		{[]string{"report", d, "--from", "2026-13-01", "--to", day}, 2, "", "is not a day"},
		{append([]string{"report", "words", d, strings.Repeat("w", 5001)}, per...), 2, "", "over 5000"},
		{[]string{"report", "share", d, "x"}, 2, "", "is not a report ID"},
		{[]string{"report", "share", d, "1"}, 1, "", "create or join a team first"},
		{[]string{"report", "unshare", d, "9"}, 1, "", "There is no report 9 of yours"},
		{[]string{"report", "team", d}, 0, "No teammate has shared a report with you yet.", ""},
		{[]string{"report", "team", d, "3"}, 1, "", "There is no report 3 from a teammate"},
		{append([]string{"report", d, "--pdf", filepath.Join(dir, "no", "r.pdf")}, per...), 2, "", "does not exist"},
		{append([]string{"report", d, "--pdf", "a.pdf", "--md", "b.md"}, per...), 2, "", "not both"},
	} {
		code, out, errOut := runIn(t, "", c.args...)
		if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errOut, c.errText) {
			t.Errorf("%q: code %d, out %q, err %q; want %d, %q, %q", c.args[2:], code, out, errOut, c.code, c.out, c.errText)
		}
	}
	// Refused words changed nothing.
	if _, out, _ := runIn(t, "", append([]string{"report", d}, per...)...); !strings.Contains(out, "I mentored two newcomers.") {
		t.Errorf("the words after a refused change: %s", out)
	}
	// The default period is the last full quarter, and an empty one says
	// what would fill it.
	if _, out, _ := runIn(t, "", "report", d); !strings.Contains(out, "Nothing was recorded for Ana from") || !strings.Contains(out, "Add your own words below") {
		t.Errorf("the last quarter's report: %s", out)
	}
	md := filepath.Join(dir, "r.md")
	pdf := filepath.Join(dir, "r.pdf")
	for _, f := range []string{"--md", "--pdf"} {
		path := md
		if f == "--pdf" {
			path = pdf
		}
		if code, out, errOut := runIn(t, "", append([]string{"report", d, f, path}, per...)...); code != 0 || !strings.Contains(out, "Wrote "+path) {
			t.Fatalf("%s: %d %s %s", f, code, out, errOut)
		}
	}
	b, err := os.ReadFile(md)
	if err != nil || !strings.Contains(string(b), "## Learning") || !strings.Contains(string(b), "> And kept the build green.") {
		t.Errorf("the Markdown: %s, %v", b, err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (poppler-utils): the PDF is not read back")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if text := strings.Join(strings.Fields(string(out)), " "); err != nil || !strings.Contains(text, "Ana read “Designing Data-Intensive Applications”") {
		t.Errorf("the PDF's text: %s, %v", text, err)
	}
}

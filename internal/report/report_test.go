package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func full() Input {
	return Input{
		Name:   "Ana",
		Period: Period{From: "2026-07-01", To: "2026-09-30"},
		Thanks: []Thanks{
			{From: "Bea", Reason: "the review of the release notes.", About: "Shipped 2.3", Day: "2026-07-03"},
			{From: "Bea", Reason: "For pairing on the migration", Day: "2026-08-10"},
			{From: "Сергей", Reason: "staying late for the incident", Day: "2026-09-01"},
		},
		Help: []Help{
			{To: "Bea", What: "Launch in Spain", Offer: "I can do the pricing page", Day: "2026-08-05"},
			{To: "Cem", OnLog: true, What: "stuck on the flaky test", Offer: "pair tomorrow", Day: "2026-08-06"},
		},
		Goals:       []Goal{{Title: "Cut build time in half", How: "cached the modules and split the tests", Day: "2026-09-12"}},
		Experiments: []Experiment{{Hypothesis: "Stand-ups by video save a meeting", Measure: "meeting hours", Session: "2026-07-06", EndDay: "2026-08-03", Result: "learned", Note: "text is enough on Fridays"}},
		Stories:     []Story{{Text: "The customer renewed after the demo", Session: "2026-09-07"}},
		Learning: []Learning{
			{Kind: "read", What: "Accelerate", Minutes: 90, Takeaways: "small batches", Day: "2026-07-20"},
			{Kind: "practised", What: "Go generics", Minutes: 45, Day: "2026-08-02"},
		},
	}
}

func text(r Report) string {
	var b strings.Builder
	for _, s := range r.Sections {
		b.WriteString("## " + s.Title + "\n")
		for _, p := range s.Paragraphs {
			b.WriteString(p + "\n")
		}
	}
	return b.String()
}

// TestNarrative: every kind of contribution is told in whole sentences,
// with its "for what", in the order of the page, and with no score.
func TestNarrative(t *testing.T) {
	r := Build(full())
	got := text(r)
	for _, want := range []string{
		"From 1 July 2026 to 30 September 2026, Ana was thanked three times by two teammates, gave help that was accepted twice, achieved one goal, led one experiment, shared one success story and spent 2 hours 15 minutes learning.",
		"On 3 July 2026, Bea thanked Ana for “the review of the release notes” (about “Shipped 2.3”).",
		"On 1 September 2026, Сергей thanked Ana for “staying late for the incident”.",
		"On 10 August 2026, Bea thanked Ana for “pairing on the migration”.",
		"Teammates accepted Ana's offers of help once on a goal and once on a stand-up.",
		"On 5 August 2026, Ana helped Bea with the goal “Launch in Spain”, offering “I can do the pricing page”.",
		"On 6 August 2026, Ana answered Cem's call for help in a stand-up (“stuck on the flaky test”), offering “pair tomorrow”.",
		"Ana achieved “Cut build time in half” on 12 September 2026. How: “cached the modules and split the tests”.",
		"From the session of 6 July 2026, Ana led the experiment “Stand-ups by video save a meeting”, to be known by “meeting hours”. The team learned from it, and what was learned is “text is enough on Fridays”.",
		"At the session of 7 September 2026, Ana told the team “The customer renewed after the demo”.",
		"Ana spent 2 hours 15 minutes learning, in two sessions.",
		"On 20 July 2026, Ana read “Accelerate” (1 hour 30 minutes) and took away “small batches”.",
		"On 2 August 2026, Ana practised “Go generics” (45 minutes).",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks the sentence\n  %s\nin\n%s", want, got)
		}
	}
	var titles []string
	for _, s := range r.Sections {
		titles = append(titles, s.Title)
	}
	if strings.Join(titles, "|") != "In short|Thanks received|Help given|Goals achieved|Experiments led|Success stories shared|Learning" {
		t.Errorf("sections %v", titles)
	}
	for _, banned := range []string{"score", "rank", "points", "%", "top "} {
		if strings.Contains(strings.ToLower(got), banned) {
			t.Errorf("the report speaks of %q, as a score would:\n%s", banned, got)
		}
	}
}

// TestSingularAndPlural: one of a thing reads "one", "once"; several
// read in words up to ten, in figures after.
func TestSingularAndPlural(t *testing.T) {
	in := Input{Name: "Bo", Period: Period{From: "2026-10-01", To: "2026-10-01"},
		Thanks:   []Thanks{{From: "Ana", Reason: "x", Day: "2026-10-01"}},
		Learning: []Learning{{Kind: "watched", What: "a talk", Minutes: 60, Day: "2026-10-01"}}}
	got := text(Build(in))
	for _, want := range []string{
		"From 1 October 2026, Bo was thanked once by one teammate and spent 1 hour learning.",
		"Bo spent 1 hour learning, in one session.",
		"Bo watched “a talk” (1 hour).",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "Help given") || strings.Contains(got, "Goals achieved") {
		t.Errorf("a section with nothing in it is shown:\n%s", got)
	}
	// Givers whose names are not known are still told apart.
	two := Build(Input{Name: "Bo", Period: in.Period, Thanks: []Thanks{{Giver: "a", Reason: "x", Day: "2026-10-01"}, {Giver: "b", Reason: "y", Day: "2026-10-01"}}})
	if got := text(two); !strings.Contains(got, "Bo was thanked twice by two teammates.") || !strings.Contains(got, "a teammate thanked Bo for “x”") {
		t.Errorf("Thanks from unnamed givers:\n%s", got)
	}
	for n, want := range map[int]string{0: "no goals", 1: "one goal", 2: "two goals", 10: "ten goals", 11: "11 goals"} {
		if c := Count(n, "goal", "goals"); c != want {
			t.Errorf("Count(%d) = %q, want %q", n, c, want)
		}
	}
	for n, want := range map[int]string{1: "once", 2: "twice", 3: "three times", 14: "14 times"} {
		if c := Times(n); c != want {
			t.Errorf("Times(%d) = %q, want %q", n, c, want)
		}
	}
	for m, want := range map[int]string{1: "1 minute", 59: "59 minutes", 61: "1 hour 1 minute", 120: "2 hours"} {
		if d := Duration(m); d != want {
			t.Errorf("Duration(%d) = %q, want %q", m, d, want)
		}
	}
}

// TestEmptyPeriod: a period with nothing says so kindly, and what would
// fill the page, rather than showing a blank or a zero.
func TestEmptyPeriod(t *testing.T) {
	r := Build(Input{Name: "Ana", Period: Period{From: "2026-07-01", To: "2026-09-30"}})
	got := text(r)
	for _, want := range []string{
		"Nothing was recorded for Ana from 1 July 2026 to 30 September 2026 yet. That does not mean nothing happened",
		"Add your own words below",
		"the Thanks teammates give you",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, " 0 ") || strings.Contains(got, "no Thanks") {
		t.Errorf("the empty report counts zeros:\n%s", got)
	}
}

func TestPeriod(t *testing.T) {
	for now, want := range map[string]Period{
		"2026-12-05": {"2026-07-01", "2026-09-30"},
		"2026-01-15": {"2025-10-01", "2025-12-31"},
		"2026-04-01": {"2026-01-01", "2026-03-31"},
	} {
		n, _ := time.Parse(time.DateOnly, now)
		if got := LastFullQuarter(n); got != want {
			t.Errorf("LastFullQuarter(%s) = %v, want %v", now, got, want)
		}
	}
	for p, want := range map[Period]string{
		{"2026-07-01", "2026-09-30"}: "",
		{"2024-01-01", "2024-12-31"}: "", // 366 days
		{"2026-09-30", "2026-07-01"}: "ends (2026-07-01) before it starts",
		{"2026-02-30", "2026-03-01"}: "is not a day",
		{"2025-01-01", "2026-01-02"}: "longer than a year",
	} {
		got := p.Check()
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("%v.Check() = %q, want %q", p, got, want)
		}
	}
}

// TestExports: the Markdown keeps members' words as text and the own
// words as a quote; the PDF holds the same sentences, read back with
// pdftotext when it is installed.
func TestExports(t *testing.T) {
	r := Build(full())
	r.Words = "I led the *incident* review.\n\n# Not a heading"
	var md bytes.Buffer
	if err := Markdown(&md, r); err != nil {
		t.Fatal(err)
	}
	m := md.String()
	for _, want := range []string{"# Contribution of Ana, 1 July 2026 to 30 September 2026\n", "\n## Thanks received\n", "\n## In Ana’s own words\n", "\n> I led the \\*incident\\* review.\n", "\n> # Not a heading\n"} {
		if !strings.Contains(m, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, m)
		}
	}
	var pdf bytes.Buffer
	if err := PDF(&pdf, r, time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (poppler-utils): the text is not read back")
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Contribution of Ana", "Сергей thanked Ana for “staying late for the incident”", "In Ana’s own words", "I led the *incident* review."} {
		if !strings.Contains(got, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, got)
		}
	}
}

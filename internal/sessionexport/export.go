// Package sessionexport writes a weekly team session's summary as Markdown
// and as PDF (laid out by printdoc, as every printable document of the app).
package sessionexport

import (
	"fmt"
	"io"
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/printdoc"
)

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
		text := printdoc.MarkdownEscape(l.text)
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

// PDF writes the session's summary as an A4 PDF. now dates it.
func PDF(w io.Writer, ts *peerplaypay.TeamSession, now time.Time) error {
	var lines []printdoc.Line
	for _, l := range summary(ts) {
		lines = append(lines, printdoc.Line{Level: l.level, Text: l.text})
	}
	if err := printdoc.Write(w, "Team session of "+ts.Day, "Team session of "+ts.Day, now, lines); err != nil {
		return fmt.Errorf("session %w", err)
	}
	return nil
}

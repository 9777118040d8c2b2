package cli_test

import (
	"os"
	"strings"
	"testing"
)

// TestAnswersUsage: input the commands can judge alone is refused before
// the data folder is touched, with what to write instead.
func TestAnswersUsage(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args  []string
		words string
	}{
		{[]string{"comment", "add", "3", "hi", "--at", "1:7x"}, "write minutes:seconds such as 1:23"},
		{[]string{"comment", "add", "3", "hi", "--at", "1:75"}, "is not a moment"},
		{[]string{"comment", "add", "3", "hi", "--at", "-5"}, "is not a moment"},
		{[]string{"comment", "add", "3", "hi", "--at", "25:00:00"}, "is not a moment"},
		{[]string{"comment", "edit", "3", "hi", "--at", "0:02"}, "--at belongs to `comment add`"},
		{[]string{"comment", "add", "3"}, `want ` + "`" + `comment add LOG "text"`},
		{[]string{"comment", "frob"}, "want add, edit or delete"},
		{[]string{"react", "3", "poop"}, "is not a reaction: choose one of thumbsup, clap"},
		{[]string{"thanks", "give", "Ada", "   "}, "say what you thank them for"},
		{[]string{"thanks", "give", "Ada", "x", "--goal", "1", "--comment", "2"}, "at most one thing"},
		{[]string{"thanks", "list", "--given", "--received"}, "not both"},
		{[]string{"logs", "help-offer", "3"}, `logs help-offer LOG "what I can do"`},
	} {
		code, _, errOut := run(t, nil, append(c.args, "--data-dir", dir)...)
		if code != 2 || !strings.Contains(errOut, c.words) {
			t.Errorf("%v: exit %d, %q; want exit 2 saying %q", c.args, code, errOut, c.words)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused commands touched the data folder: %v", entries)
	}
	// Without a team, answers have no author to name.
	if code, _, errOut := run(t, nil, "thanks", "give", "Ada", "for the review", "--data-dir", dir); code != 1 || !strings.Contains(errOut, "join a team") {
		t.Errorf("thanks without a team: exit %d, %q", code, errOut)
	}
	if code, out, _ := run(t, nil, "activity", "--data-dir", dir); code != 0 || !strings.Contains(out, "Nothing new") {
		t.Errorf("activity without a team: exit %d, %q", code, out)
	}
}

package cli_test

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pairOnFolder makes Ada's team on a folder share with Bob in it, both
// through the commands.
func pairOnFolder(t *testing.T) (ada, bob string) {
	t.Helper()
	loc := filepath.Join(t.TempDir(), "share")
	ada, bob = cliMember(t, "Ada"), cliMember(t, "Bob")
	must := func(dir string, args ...string) string {
		t.Helper()
		code, out, errOut := run(t, nil, append(args, "--data-dir", dir)...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
		return out
	}
	must(ada, "team", "create", loc, "--name", "Crew")
	out := must(bob, "team", "join", loc, "--invite", invite(t, ada))
	code := regexp.MustCompile(`safety code: ([^\n]+)`).FindStringSubmatch(out)
	if code == nil {
		t.Fatalf("no safety code in %q", out)
	}
	var reqs []struct{ ID string }
	json.Unmarshal([]byte(must(ada, "team", "requests", "--json")), &reqs)
	if len(reqs) != 1 {
		t.Fatalf("requests %+v", reqs)
	}
	must(ada, "team", "approve", reqs[0].ID, "--code", code[1])
	must(bob, "sync")
	return ada, bob
}

type cliPeerLog struct {
	ID         int64
	AuthorName string
	Watched    bool
	Table      struct{ Done, HelpNeeded string }
}

func TestPeersInbox(t *testing.T) {
	ada, bob := pairOnFolder(t)
	for _, args := range [][]string{
		{"logs", "add", "--done", "Fixed the parser", "--help-needed", "a review of the importer", "--mood", "4", "--energy", "2"},
		{"logs", "add", "--done", "Wrote the docs"},
		{"sync"},
	} {
		if code, out, errOut := run(t, nil, append(args, "--data-dir", ada)...); code != 0 {
			t.Fatalf("ada %v: %s%s", args, out, errOut)
		}
	}
	if code, _, errOut := run(t, nil, "sync", "--data-dir", bob); code != 0 {
		t.Fatal(errOut)
	}
	logs := func(args ...string) []cliPeerLog {
		t.Helper()
		code, out, errOut := run(t, nil, append([]string{"peers", "logs", "--json", "--data-dir", bob}, args...)...)
		var ls []cliPeerLog
		if code != 0 || json.Unmarshal([]byte(out), &ls) != nil {
			t.Fatalf("peers logs %v: exit %d\n%s%s", args, code, out, errOut)
		}
		return ls
	}

	t.Run("OK", func(t *testing.T) {
		code, out, _ := run(t, nil, "peers", "logs", "--data-dir", bob)
		if code != 0 {
			t.Fatal(out)
		}
		for _, want := range []string{"Unwatched\n", "    Ada\n", "Fixed the parser", "mood 4/5 energy 2/5", "[HELP NEEDED]", "Wrote the docs"} {
			if !strings.Contains(out, want) {
				t.Errorf("peers logs does not say %q:\n%s", want, out)
			}
		}
		help := logs("--help-needed")
		if len(help) != 1 || help[0].Table.HelpNeeded != "a review of the importer" || help[0].AuthorName != "Ada" {
			t.Fatalf("--help-needed: %+v", help)
		}
		code, out, errOut := run(t, nil, "peers", "watch", strconv.FormatInt(help[0].ID, 10), "--data-dir", bob)
		if code != 0 || !strings.Contains(out, "What I did:        Fixed the parser") || !strings.Contains(out, "Where I need help: a review") ||
			!strings.Contains(errOut, "watched") {
			t.Fatalf("peers watch: exit %d\n%s%s", code, out, errOut)
		}
		if u := logs("--unwatched"); len(u) != 1 || u[0].Table.Done != "Wrote the docs" {
			t.Errorf("--unwatched after watching one: %+v", u)
		}
		if all := logs(); len(all) != 2 || all[0].Watched || !all[1].Watched {
			t.Errorf("unwatched first: %+v", all)
		}
		code, out, _ = run(t, nil, "peers", "logs", "--data-dir", bob)
		if i, j := strings.Index(out, "Unwatched"), strings.Index(out, "Watched\n"); code != 0 || i < 0 || j < i {
			t.Errorf("the text lists the watched after the unwatched:\n%s", out)
		}
		if found := logs("--member", "ada", "--query", "parsers"); len(found) != 1 || found[0].Table.Done != "Fixed the parser" {
			t.Errorf("search by member and words: %+v", found)
		}
		if found := logs("--from", "2000-01-01", "--to", "2000-12-31"); len(found) != 0 {
			t.Errorf("dates: %+v", found)
		}
		if code, _, errOut := run(t, nil, "peers", "watch", strconv.FormatInt(help[0].ID, 10), "--undo", "--data-dir", bob); code != 0 || !strings.Contains(errOut, "unwatched") {
			t.Errorf("--undo: %d %s", code, errOut)
		}
		if u := logs("--unwatched"); len(u) != 2 {
			t.Errorf("after --undo: %+v", u)
		}
	})

	t.Run("ErrBadInput", func(t *testing.T) {
		text := logs("--query", "docs")[0].ID
		for _, c := range []struct {
			args []string
			code int
			says string
		}{
			{[]string{"peers", "watch", "abc"}, 2, "peers logs` prints them"},
			{[]string{"peers", "watch"}, 2, "peers watch ID"},
			{[]string{"peers", "watch", "424242"}, 1, "`peerplaypay peers logs` lists them"},
			{[]string{"peers", "fetch", "424242"}, 1, "`peerplaypay peers logs` lists them"},
			{[]string{"peers", "fetch", strconv.FormatInt(text, 10)}, 1, "no recording"},
			{[]string{"peers", "logs", "--member", "Zed"}, 1, "`peerplaypay team members` lists them"},
			{[]string{"peers", "logs", "--from", "2026-13-01"}, 1, "not a date like"},
			{[]string{"peers", "logs", "--from", "2026-11-02", "--to", "2026-11-01"}, 1, "before the start"},
			{[]string{"peers", "logs", "--limit", "0"}, 2, "--limit"},
			{[]string{"peers", "follow"}, 2, "want `peers logs`"},
		} {
			code, out, errOut := run(t, nil, append(c.args, "--data-dir", bob)...)
			if code != c.code || !strings.Contains(errOut, c.says) || out != "" {
				t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d saying %q", c.args, code, out, errOut, c.code, c.says)
			}
		}
		if u := logs("--unwatched"); len(u) != 2 {
			t.Errorf("bad input changed what is watched: %+v", u)
		}
	})
}

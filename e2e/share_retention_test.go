//go:build e2e

package e2e

import (
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/sqlite"
)

// usageOut is `team usage --json`.
type usageOut struct {
	Months, TeamMonths int
	TotalBytes         int64
	FreeBytes          int64
	LocalBytes         int64
	BudgetBytes        int64
	Requests           int64
	Members            []struct {
		Name                  string
		Me                    bool
		RecordingBytes        int64
		FreeBytes, LocalBytes int64
		LocalCopies           int
	}
	ByMonth []struct {
		Month string
		Logs  int
		Free  bool
	}
}

// backdate moves the log id of the data folder dir months back, as if it
// had been recorded then.
func backdate(t *testing.T, dir string, id int64, months int) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, sqlite.FileName)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Now().UTC().AddDate(0, -months, 0)
	if _, err := db.Exec(`UPDATE logs SET created_at = ?, day = ? WHERE id = ?`, at.Format(time.RFC3339Nano), at.Format(time.DateOnly), id); err != nil {
		t.Fatal(err)
	}
}

// TestShareRetention: Bob sets a 6-month retention; Ada's app expires her
// own older recording from a folder share and keeps the one she pinned;
// Bob's copy goes and the table stays, marked expired. `team usage` says
// what the share holds and what a retention frees, without downloading;
// bad input changes nothing.
func TestShareRetention(t *testing.T) {
	t.Parallel()
	sh := newFolderShare(t)
	crew := newTeam(t, sh, "Ada", "Bob")
	ada, bob := crew[0], crew[1]

	loner := newMember(t, "Cy", nil)
	loner.refused(1, "in no team yet", "team", "usage")
	bob.refused(2, "--months is a whole number of months", "team", "usage", "--months", "200")
	bob.refused(1, "1 to 120", "team", "settings", "set", "retention.months", "121")
	bob.refused(1, "a number of months", "team", "settings", "set", "retention.months", "half a year")

	old := ada.record("the old demo")
	story := ada.record("the success story")
	fresh := ada.record("this week")
	backdate(t, ada.dir, old.ID, 8)
	backdate(t, ada.dir, story.ID, 8)
	if out := ada.ok("logs", "pin", strconv.FormatInt(story.ID, 10)); !strings.Contains(out, "Pinned log") {
		t.Errorf("logs pin: %q", out)
	}
	ada.sync()
	bob.sync()
	adaBlobs := "members/" + ada.id + "/blobs/"
	before := len(sh.objects(t, adaBlobs))

	var u usageOut
	bob.decode(&u, "team", "usage", "--json", "--months", "6")
	if u.Months != 6 || u.TeamMonths != 0 || u.FreeBytes <= 0 || u.FreeBytes >= u.TotalBytes || len(u.Members) != 2 || u.Requests > 2 || u.LocalBytes <= 0 {
		t.Fatalf("usage for 6 months: %+v", u)
	}
	if text := bob.ok("team", "usage", "--months", "6"); !strings.Contains(text, "frees") || !strings.Contains(text, "Ada") || !strings.Contains(text, "expires") {
		t.Errorf("team usage:\n%s", text)
	}

	bob.ok("team", "settings", "set", "retention.months", "6")
	bob.sync()
	ada.sync()
	bob.sync()
	after := sh.objects(t, adaBlobs)
	if len(after) >= before || len(after) == 0 {
		t.Errorf("Ada's chunks in the share: %d before, %d after the expiry", before, len(after))
	}
	var logs []struct {
		UID          string
		MediaPath    string
		MediaExpired bool
		Table        struct{ Done string }
	}
	bob.decode(&logs, "peers", "logs", "--json")
	seen := 0
	for _, l := range logs {
		switch l.UID {
		case old.UID:
			seen++
			if !l.MediaExpired || l.MediaPath != "" || l.Table.Done != "the old demo" {
				t.Errorf("Bob's expired log: %+v", l)
			}
		case story.UID, fresh.UID:
			seen++
			if l.MediaExpired || l.MediaPath == "" {
				t.Errorf("Bob's kept log: %+v", l)
			}
		}
	}
	if seen != 3 {
		t.Errorf("Bob holds %d of Ada's 3 logs", seen)
	}
	if out := ada.ok("logs", "show", strconv.FormatInt(old.ID, 10)); !strings.Contains(out, "Recording expired from the team share") {
		t.Errorf("Ada's expired log:\n%s", out)
	}
	bob.decode(&u, "team", "usage", "--json")
	if u.Months != 6 || u.TeamMonths != 6 || u.FreeBytes != 0 {
		t.Errorf("usage after the expiry: %+v", u)
	}
	ada.ok("logs", "unpin", strconv.FormatInt(story.ID, 10))
	ada.sync()
	if n := len(sh.objects(t, adaBlobs)); n >= len(after) {
		t.Errorf("the unpinned story's chunks stayed: %d, then %d", len(after), n)
	}
	if s := ada.sync(); s.SentEvents != 0 {
		t.Errorf("a sync with nothing to expire sent %d events", s.SentEvents)
	}
}

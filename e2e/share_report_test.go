//go:build e2e

package e2e

import (
	"bytes"
	"database/sql"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	contrib "peerplaypay/internal/report"
	"peerplaypay/internal/share"
	"peerplaypay/internal/sqlite"
)

// A contribution report as `report --json` and `report team --json` print it.
type cliReport struct {
	ID         int64
	UID        string
	Author     string
	AuthorName string
	Shared     bool
	Report     contrib.Report
}

func (m *member) teamReports() []cliReport {
	m.t.Helper()
	var list []cliReport
	m.decode(&list, "report", "team", "--json")
	return list
}

// rowCount is the count a query on m's database gives.
func rowCount(t *testing.T, m *member, query string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(m.dir, sqlite.FileName)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %s: %v", m.name, query, err)
	}
	return n
}

// recentPeriod is a period that holds what a test does today.
func recentPeriod() []string {
	now := time.Now().UTC()
	return []string{"--from", now.AddDate(0, 0, -20).Format(time.DateOnly), "--to", now.AddDate(0, 0, 1).Format(time.DateOnly)}
}

// shareHolds reports whether any file of a folder share holds s as it is.
func shareHolds(t *testing.T, dir, s string) bool {
	t.Helper()
	found := false
	if err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		found = found || bytes.Contains(b, []byte(s))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return found
}

// TestShareReport: Ada's report, with the Thanks Bob gave her and her own
// words, stays hers until she shares it: neither Bob nor Cem holds it, and
// the share holds none of its words. Shared, both read it and Bob takes it
// to a PDF; taken back, it is gone from both.
func TestShareReport(t *testing.T) {
	t.Parallel()
	sh := newFolderShare(t)
	m := newTeam(t, sh, "Ada", "Bob", "Cem")
	ada, bob, cem := m[0], m[1], m[2]
	bob.ok("thanks", "give", "Ada", "for untangling the release")
	bob.sync()
	ada.sync()
	per := recentPeriod()
	const words = "I kept the build green all quarter"
	ada.ok(append([]string{"report", "words", words}, per...)...)
	var mine cliReport
	ada.decode(&mine, append([]string{"report", "--json"}, per...)...)
	if mine.Report.Words != words || len(mine.Report.Sections) != 2 || !strings.Contains(mine.Report.Sections[1].Paragraphs[0], "Bob thanked Ada for “untangling the release”") {
		t.Fatalf("Ada's report: %+v", mine.Report)
	}
	for _, x := range []*member{ada, bob, cem} {
		x.sync()
	}
	for _, x := range []*member{bob, cem} {
		if list := x.teamReports(); len(list) != 0 {
			t.Fatalf("%s holds Ada's unshared report: %+v", x.name, list)
		}
		if n := rowCount(t, x, `SELECT count(*) FROM peer_reports`); n != 0 {
			t.Fatalf("%s's received reports: %d rows", x.name, n)
		}
	}
	if shareHolds(t, sh.dir, words) || shareHolds(t, sh.dir, "untangling") {
		t.Fatal("the share holds the report's words in plaintext")
	}

	ada.ok("report", "share", strconv.FormatInt(mine.ID, 10))
	for _, x := range []*member{ada, bob, cem} {
		x.sync()
	}
	for _, x := range []*member{bob, cem} {
		list := x.teamReports()
		if len(list) != 1 || list[0].AuthorName != "Ada" || list[0].Report.Words != words || list[0].Author != ada.id {
			t.Fatalf("%s's teammates' reports: %+v", x.name, list)
		}
	}
	if shareHolds(t, sh.dir, words) {
		t.Fatal("the shared report lies in the share in plaintext")
	}
	pdf := filepath.Join(t.TempDir(), "ada.pdf")
	bob.ok("report", "team", strconv.FormatInt(bob.teamReports()[0].ID, 10), "--pdf", pdf)
	if out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output(); err != nil || !strings.Contains(strings.Join(strings.Fields(string(out)), " "), words) {
		t.Errorf("Bob's PDF of Ada's report: %s, %v", out, err)
	}

	ada.ok("report", "unshare", strconv.FormatInt(mine.ID, 10))
	for _, x := range []*member{ada, bob, cem} {
		x.sync()
	}
	for _, x := range []*member{bob, cem} {
		if list := x.teamReports(); len(list) != 0 {
			t.Errorf("%s still holds the report Ada took back: %+v", x.name, list)
		}
	}
}

// TestShareReportAttacks: Mal runs a modified client and signs report
// events the app refuses to write; Ada and Bob refuse each batch, name Mal,
// and Ada's shared report stays as she sent it. Once removed, Mal's report
// is never applied.
func TestShareReportAttacks(t *testing.T) {
	t.Parallel()
	sh := newFolderShare(t)
	team := newTeam(t, sh, "Ada", "Bob", "Mal")
	base := sessionCrew{sh: sh, ada: team[0], bob: team[1], mal: team[2]}
	per := recentPeriod()
	base.ada.ok(append([]string{"report", "words", "Ada's own words"}, per...)...)
	base.ada.ok("report", "share", "1")
	for _, x := range []*member{base.ada, base.bob, base.mal} {
		x.sync()
	}
	adaUID := uidOf(t, base.ada, `SELECT uid FROM reports`)
	snap := takeSnapshot(t, sh)
	clone := func(t *testing.T) *sessionCrew {
		snap.restore(t, sh)
		cp := func(m *member) *member {
			c := &member{t: t, name: m.name, dir: t.TempDir(), env: m.env, id: m.id}
			copyDir(t, m.dir, c.dir)
			return c
		}
		return &sessionCrew{sh: sh, ada: cp(base.ada), bob: cp(base.bob), mal: cp(base.mal)}
	}
	now := time.Now().UTC()
	rep := func(c *sessionCrew) peerplaypay.ReportShared {
		return peerplaypay.ReportShared{UID: peerplaypay.NewUID(), Author: c.mal.id, From: per[1], To: per[3],
			Sections: []contrib.Section{{Title: "In short", Paragraphs: []string{"Mal did everything."}}}}
	}
	ev := func(kind string, data any) share.Event { return answerEvent(kind, now, data) }
	check := func(t *testing.T, cr *sessionCrew) {
		for _, v := range []*member{cr.ada, cr.bob} {
			if n := rowCount(t, v, `SELECT count(*) FROM peer_reports WHERE author = '`+cr.mal.id+`'`); n != 0 {
				t.Errorf("%s applied %d of Mal's reports", v.name, n)
			}
		}
		if list := cr.bob.teamReports(); len(list) != 1 || list[0].Author != cr.ada.id || list[0].Report.Words != "Ada's own words" {
			t.Errorf("Ada's report at Bob's after the attack: %+v", list)
		}
	}
	for _, c := range []struct {
		name  string
		event func(c *sessionCrew) share.Event
		words string
	}{
		{"InAdasName", func(c *sessionCrew) share.Event {
			d := rep(c)
			d.Author = c.ada.id
			return ev(peerplaypay.EventReportShared, d)
		}, "in the name of Ada"},
		{"TakesBackAdas", func(c *sessionCrew) share.Event {
			return ev(peerplaypay.EventReportUnshared, peerplaypay.ReportUnshared{UID: adaUID})
		}, "takes back Ada's report"},
		{"OversizedWords", func(c *sessionCrew) share.Event {
			d := rep(c)
			d.Words = strings.Repeat("ж", peerplaypay.MaxReportWords+1)
			return ev(peerplaypay.EventReportShared, d)
		}, "over 5000"},
		{"BadPeriod", func(c *sessionCrew) share.Event {
			d := rep(c)
			d.From, d.To = "2020-01-01", "2026-01-01"
			return ev(peerplaypay.EventReportShared, d)
		}, "longer than a year"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cr := clone(t)
			atk := newAttacker(t, sh, cr.mal)
			atk.publish(c.event(cr))
			for _, v := range []*member{cr.ada, cr.bob} {
				syncAttacked(t, v, "Mal", c.words)
			}
			check(t, cr)
		})
	}
	t.Run("RemovedMember", func(t *testing.T) {
		cr := clone(t)
		atk := newAttacker(t, sh, cr.mal)
		cr.ada.ok("team", "remove", cr.mal.id)
		cr.bob.sync()
		atk.publish(ev(peerplaypay.EventReportShared, rep(cr)))
		for _, v := range []*member{cr.ada, cr.bob} {
			v.sync()
		}
		check(t, cr)
	})
}

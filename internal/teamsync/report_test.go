package teamsync_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/report"
	"peerplaypay/internal/sqlite"
)

func reportsOf(m *member) *sqlite.ReportService {
	return sqlite.NewReportService(m.db, func(ctx context.Context) sqlite.People {
		me, name, names := m.svc.People(ctx)
		return sqlite.People{Me: me, MyName: name, Names: names}
	})
}

// thisQuarter is a period around today, so that what the test does now
// falls in it.
func thisQuarter() report.Period {
	now := time.Now().UTC()
	return report.Period{From: now.AddDate(0, 0, -30).Format(time.DateOnly), To: now.AddDate(0, 0, 1).Format(time.DateOnly)}
}

// inShare reports whether any file of the share holds s as it is.
func inShare(t *testing.T, loc, s string) bool {
	t.Helper()
	found := false
	err := filepath.WalkDir(loc, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err == nil && bytes.Contains(b, []byte(s)) {
			found = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// reportSharedAndTakenBack: Ada's report stays hers until she shares
// it; then both teammates read it word for word, her later words
// included; taken back, it is gone from both.
func reportSharedAndTakenBack(t *testing.T, loc string, ada, bea, cem *member) {
	ctx := context.Background()
	adaID, _, _ := ada.svc.People(ctx)
	if _, err := answersOf(bea).GiveThanks(ctx, peerplaypay.ThanksInput{To: adaID, Reason: "untangling the release"}); err != nil {
		t.Fatal(err)
	}
	sync(t, bea, ada)
	per := thisQuarter()
	const words = "Quietly kept the build green all quarter"
	mine, err := reportsOf(ada).SetWords(ctx, per, words)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(mine.Report.Sections[1].Paragraphs, " "); !strings.Contains(got, "Bea thanked Ada for “untangling the release”") {
		t.Fatalf("Ada's own report: %q", got)
	}
	sync(t, ada, bea, cem)
	for _, m := range []*member{bea, cem} {
		if n := rows(t, m, `SELECT count(*) FROM peer_reports`); n != 0 {
			t.Fatalf("an unshared report reached a teammate (%d rows)", n)
		}
		if list, err := reportsOf(m).TeamReports(ctx); err != nil || len(list) != 0 {
			t.Fatalf("teammate's list of reports: %+v, %v", list, err)
		}
	}
	if inShare(t, loc, words) || inShare(t, loc, "untangling") {
		t.Fatal("the share holds the report's words in plaintext")
	}

	if _, err := reportsOf(ada).Share(ctx, mine.ID); err != nil {
		t.Fatal(err)
	}
	sync(t, ada, bea, cem)
	for _, m := range []*member{bea, cem} {
		list, err := reportsOf(m).TeamReports(ctx)
		if err != nil || len(list) != 1 {
			t.Fatalf("teammate's list: %+v, %v", list, err)
		}
		r := list[0]
		if r.AuthorName != "Ada" || r.Report.Words != words || r.Report.Period != per || len(r.Report.Sections) != 2 ||
			!strings.Contains(r.Report.Sections[1].Paragraphs[0], "Bea thanked Ada") {
			t.Fatalf("the shared report as a teammate reads it: %+v", r)
		}
	}
	if inShare(t, loc, words) {
		t.Fatal("the shared report lies in the share in plaintext")
	}
	// New words on a shared report reach the team.
	if _, err := reportsOf(ada).SetWords(ctx, per, "And mentored Cem"); err != nil {
		t.Fatal(err)
	}
	sync(t, ada, cem)
	if list, _ := reportsOf(cem).TeamReports(ctx); len(list) != 1 || list[0].Report.Words != "And mentored Cem" {
		t.Fatalf("after new words: %+v", list)
	}
	if _, err := reportsOf(ada).Unshare(ctx, mine.ID); err != nil {
		t.Fatal(err)
	}
	sync(t, ada, bea, cem)
	for _, m := range []*member{bea, cem} {
		if n := rows(t, m, `SELECT count(*) FROM peer_reports`); n != 0 {
			t.Errorf("a report taken back is still at a teammate's (%d rows)", n)
		}
	}
	if r, err := reportsOf(ada).ByID(ctx, mine.ID); err != nil || r.Shared || r.Report.Words != "And mentored Cem" {
		t.Errorf("Ada's own report after taking it back: %+v, %v", r, err)
	}
}

// TestReportsThroughTheShare: a report reaches teammates only once shared
// and leaves them when taken back; and a modified client's report events
// the writer refuses make every reader refuse the batch, name its author,
// and keep Ada's shared report as she sent it. One team, copied for each
// case.
func TestReportsThroughTheShare(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	loc := filepath.Join(t.TempDir(), "share")
	ada0, mal0, bea0 := newMember(t, "Ada"), newMember(t, "Mallory"), newMember(t, "Bea")
	if _, err := ada0.svc.Create(ctx, loc, "Engines"); err != nil {
		t.Fatal(err)
	}
	join(t, ada0, mal0, loc)
	join(t, ada0, bea0, loc)
	adaID, _, _ := ada0.svc.People(ctx)
	malID, _, _ := mal0.svc.People(ctx)
	per := thisQuarter()
	// Before Ada shares anything in the team the forgeries start from.
	t.Run("SharedAndTakenBack", func(t *testing.T) {
		at, team := cloneTeam(t, loc, ada0, mal0, bea0)
		reportSharedAndTakenBack(t, at, team[0], team[2], team[1])
	})
	mine, err := reportsOf(ada0).SetWords(ctx, per, "Ada's own words")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reportsOf(ada0).Share(ctx, mine.ID); err != nil {
		t.Fatal(err)
	}
	sync(t, ada0, bea0, mal0)
	ok := func(uid string) peerplaypay.ReportShared {
		return peerplaypay.ReportShared{UID: uid, Author: malID, From: per.From, To: per.To,
			Sections: []report.Section{{Title: "In short", Paragraphs: []string{"Mallory did it all."}}}}
	}
	for _, c := range []struct {
		name  string
		forge func(t *testing.T, mal *member)
		words string
	}{
		{"InAdasName", func(t *testing.T, mal *member) {
			d := ok(peerplaypay.NewUID())
			d.Author = adaID
			forgeAnswer(t, mal, peerplaypay.EventReportShared, time.Time{}, d)
		}, "in the name of Ada"},
		{"UnderAdasUID", func(t *testing.T, mal *member) {
			forgeAnswer(t, mal, peerplaypay.EventReportShared, time.Time{}, ok(mine.UID))
		}, "under the uid of Ada's report"},
		{"TakesBackAdas", func(t *testing.T, mal *member) {
			forgeAnswer(t, mal, peerplaypay.EventReportUnshared, time.Time{}, peerplaypay.ReportUnshared{UID: mine.UID})
		}, "takes back Ada's report"},
		{"OversizedWords", func(t *testing.T, mal *member) {
			d := ok(peerplaypay.NewUID())
			d.Words = strings.Repeat("w", peerplaypay.MaxReportWords+1)
			forgeAnswer(t, mal, peerplaypay.EventReportShared, time.Time{}, d)
		}, "own words is 5001 characters long"},
		{"OversizedPage", func(t *testing.T, mal *member) {
			d := ok(peerplaypay.NewUID())
			for range 9 {
				d.Sections = append(d.Sections, report.Section{Title: "More", Paragraphs: []string{strings.Repeat("p", 4000)}})
				for range 12 {
					d.Sections[len(d.Sections)-1].Paragraphs = append(d.Sections[len(d.Sections)-1].Paragraphs, strings.Repeat("p", 4000))
				}
			}
			forgeAnswer(t, mal, peerplaypay.EventReportShared, time.Time{}, d)
		}, "over 400000"},
		{"TooManySections", func(t *testing.T, mal *member) {
			d := ok(peerplaypay.NewUID())
			for range 10 {
				d.Sections = append(d.Sections, d.Sections[0])
			}
			forgeAnswer(t, mal, peerplaypay.EventReportShared, time.Time{}, d)
		}, "11 sections"},
		{"PeriodBackwards", func(t *testing.T, mal *member) {
			d := ok(peerplaypay.NewUID())
			d.From, d.To = per.To, per.From
			forgeAnswer(t, mal, peerplaypay.EventReportShared, time.Time{}, d)
		}, "before it starts"},
		{"PeriodOfYears", func(t *testing.T, mal *member) {
			d := ok(peerplaypay.NewUID())
			d.From = "2020-01-01"
			forgeAnswer(t, mal, peerplaypay.EventReportShared, time.Time{}, d)
		}, "longer than a year"},
		{"PeriodAhead", func(t *testing.T, mal *member) {
			d := ok(peerplaypay.NewUID())
			d.From, d.To = "2099-01-01", "2099-03-31"
			forgeAnswer(t, mal, peerplaypay.EventReportShared, time.Time{}, d)
		}, "after the report was shared"},
		{"NotAUID", func(t *testing.T, mal *member) {
			forgeAnswer(t, mal, peerplaypay.EventReportShared, time.Time{}, ok("../../etc"))
		}, "is not a uid"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, team := cloneTeam(t, loc, ada0, mal0, bea0)
			ada, mal, bea := team[0], team[1], team[2]
			c.forge(t, mal)
			if _, err := mal.svc.Sync(ctx, nil); err != nil {
				t.Fatal(err)
			}
			for _, reader := range []*member{bea, ada} {
				sum, err := reader.svc.Sync(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				if len(sum.Problems) != 1 || !strings.HasPrefix(sum.Problems[0], "Mallory: ") || !strings.Contains(sum.Problems[0], c.words) {
					t.Fatalf("problems = %q; want one naming Mallory and saying %q", sum.Problems, c.words)
				}
				if n := rows(t, reader, `SELECT count(*) FROM peer_reports WHERE author = ?`, malID); n != 0 {
					t.Errorf("%d of Mallory's reports applied", n)
				}
			}
			if list, err := reportsOf(bea).TeamReports(ctx); err != nil || len(list) != 1 || list[0].Author != adaID || list[0].Report.Words != "Ada's own words" {
				t.Errorf("Ada's report at Bea's after the forgery: %+v, %v", list, err)
			}
		})
	}
}

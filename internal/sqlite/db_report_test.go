package sqlite_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/report"
	"peerplaypay/internal/sqlite"
)

// TestReportGathersOwnData: the report of a period tells the member's own
// data of that period and nothing else: Thanks to them (not those they
// gave, not withdrawn ones), their accepted offers (not open ones), goals
// achieved, experiments they own with their outcome, items of the success
// stories' part (not of other parts), and learning.
func TestReportGathersOwnData(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := MustOpenDB(t)
	s := sqlite.NewReportService(db, func(context.Context) sqlite.People {
		return sqlite.People{Me: meID, MyName: "Ada", Names: map[string]string{peerID: "Bob"}}
	})
	raw, err := sql.Open("sqlite", db.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	parts := `[{"name":"Success moments","minutes":30},{"name":"Experiments","minutes":30},{"name":"Accelerate","minutes":20},{"name":"Rethink","minutes":20},{"name":"Success stories","minutes":20}]`
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO thanks (author, uid, to_member, reason, at, day) VALUES (?, 'u1', '', 'for the review', '2026-08-03T10:00:00Z', '2026-08-03')`, []any{peerID}},
		{`INSERT INTO thanks (author, uid, to_member, reason, at, day, withdrawn_at) VALUES (?, 'u2', '', 'taken back', '2026-08-04T10:00:00Z', '2026-08-04', '2026-08-04T10:05:00Z')`, []any{peerID}},
		{`INSERT INTO thanks (author, uid, to_member, reason, at, day) VALUES ('', 'u3', ?, 'given by Ada', '2026-08-05T10:00:00Z', '2026-08-05')`, []any{peerID}},
		{`INSERT INTO thanks (author, uid, to_member, reason, at, day) VALUES (?, 'u4', '', 'before the period', '2026-06-30T10:00:00Z', '2026-06-30')`, []any{peerID}},
		{`INSERT INTO goals (author, uid, title, kind, level, visibility, status, created_at, updated_at) VALUES (?, 'g0000000000000000000000000000001', 'Launch in Spain', 'result', 'team', 'team', 'on_track', '2026-07-01T00:00:00Z', '2026-07-01T00:00:00Z')`, []any{peerID}},
		{`INSERT INTO goal_help_offers (author, uid, goal_author, goal_uid, text, at, accepted_at) VALUES ('', 'o1', ?, 'g0000000000000000000000000000001', 'I can do pricing', '2026-08-01T00:00:00Z', '2026-08-02T00:00:00Z')`, []any{peerID}},
		{`INSERT INTO goal_help_offers (author, uid, goal_author, goal_uid, text, at) VALUES ('', 'o2', ?, 'g0000000000000000000000000000001', 'still open', '2026-08-01T00:00:00Z')`, []any{peerID}},
		{`INSERT INTO peer_logs (author, uid, day, kind, done, how, why, next, help_needed, mood, energy, duration_ms, size_bytes, sha256, manifest, media_path, created_at, updated_at)
			VALUES (?, 'l1', '2026-08-06', 'text', 'migrated', '', '', '', 'a reviewer for the migration', 0, 0, 0, 0, '', '', '', '2026-08-06T00:00:00Z', '2026-08-06T00:00:00Z')`, []any{peerID}},
		{`INSERT INTO goal_help_offers (author, uid, goal_author, goal_uid, log_author, log_uid, text, at, accepted_at) VALUES ('', 'o3', '', '', ?, 'l1', 'pair tomorrow', '2026-08-06T00:00:00Z', '2026-08-07T00:00:00Z')`, []any{peerID}},
		{`INSERT INTO goals (author, uid, title, kind, level, visibility, status, created_at, updated_at) VALUES ('', 'g0000000000000000000000000000002', 'Halve the build time', 'result', 'personal', 'team', 'achieved', '2026-07-01T00:00:00Z', '2026-09-12T00:00:00Z')`, nil},
		{`INSERT INTO goal_checkins (author, uid, goal_author, goal_uid, at, note) VALUES ('', 'c1', '', 'g0000000000000000000000000000002', '2026-09-12T00:00:00Z', 'cached the modules')`, nil},
		{`INSERT INTO goals (author, uid, title, kind, level, visibility, status, created_at, updated_at) VALUES ('', 'g0000000000000000000000000000003', 'Still going', 'result', 'personal', 'team', 'on_track', '2026-07-01T00:00:00Z', '2026-09-12T00:00:00Z')`, nil},
		{`INSERT INTO team_sessions (day, parts, created_at) VALUES ('2026-09-07', ?, '2026-09-01T00:00:00Z')`, []any{parts}},
		{`INSERT INTO session_items (author, uid, session, part, part_id, text, created_at) VALUES (?, 'i1', '2026-09-07', 4, 'stories', 'The customer renewed', '2026-09-01T00:00:00Z')`, []any{meID}},
		{`INSERT INTO session_items (author, uid, session, part, part_id, text, created_at) VALUES (?, 'i2', '2026-09-07', 0, 'moments', 'A moment, not a story', '2026-09-01T00:00:00Z')`, []any{meID}},
		{`INSERT INTO session_items (author, uid, session, part, part_id, text, created_at) VALUES (?, 'i3', '2026-09-07', 4, 'stories', 'Bob''s story', '2026-09-01T00:00:00Z')`, []any{peerID}},
		{`INSERT INTO experiments (author, uid, session, hypothesis, owner, measure, end_day, created_at) VALUES (?, 'e1', '2026-07-06', 'Pairing halves reviews', ?, 'review hours', '2026-08-03', '2026-07-06T00:00:00Z')`, []any{peerID, meID}},
		{`INSERT INTO session_outcomes (author, of, target_author, target_uid, session, result, note, at) VALUES (?, 'experiment', ?, 'e1', '2026-08-03', 'worked', 'reviews took half the time', '2026-08-03T00:00:00Z')`, []any{peerID, peerID}},
		{`INSERT INTO experiments (author, uid, session, hypothesis, owner, measure, end_day, created_at) VALUES (?, 'e2', '2026-07-06', 'Bob owns this one', ?, 'm', '2026-08-03', '2026-07-06T00:00:00Z')`, []any{peerID, peerID}},
		{`INSERT INTO growth_learning (day, kind, what, minutes, takeaways, created_at) VALUES ('2026-07-20', 'listened', 'a talk on queues', 45, '', '2026-07-20T00:00:00Z')`, nil},
	} {
		if _, err := raw.Exec(q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	r, err := s.Mine(ctx, report.Period{From: "2026-07-01", To: "2026-09-30"})
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, sec := range r.Report.Sections {
		all = append(all, sec.Paragraphs...)
	}
	got := strings.Join(all, "\n")
	for _, want := range []string{
		"From 1 July 2026 to 30 September 2026, Ada was thanked once by one teammate, gave help that was accepted twice, achieved one goal, led one experiment, shared one success story and spent 45 minutes learning.",
		"On 3 August 2026, Bob thanked Ada for “the review”.",
		"On 2 August 2026, Ada helped Bob with the goal “Launch in Spain”, offering “I can do pricing”.",
		"On 7 August 2026, Ada answered Bob's call for help in a stand-up (“a reviewer for the migration”), offering “pair tomorrow”.",
		"Ada achieved “Halve the build time” on 12 September 2026. How: “cached the modules”.",
		"It worked, and what was learned is “reviews took half the time”.",
		"At the session of 7 September 2026, Ada told the team “The customer renewed”.",
		"On 20 July 2026, Ada listened to “a talk on queues” (45 minutes).",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks\n  %s\nin\n%s", want, got)
		}
	}
	for _, not := range []string{"taken back", "given by Ada", "before the period", "still open", "Still going", "not a story", "Bob's story", "Bob owns"} {
		if strings.Contains(got, not) {
			t.Errorf("the report tells %q, which is not Ada's contribution in the period", not)
		}
	}
	if _, err := s.Mine(ctx, report.Period{From: "2026-09-30", To: "2026-07-01"}); peerplaypay.ErrorCode(err) != peerplaypay.EINVALID || !strings.Contains(err.Error(), "--from YYYY-MM-DD") {
		t.Errorf("a period backwards: %v", err)
	}
	// Words are kept per period; sharing needs a team, and nothing is queued.
	if _, err := s.SetWords(ctx, r.Report.Period, "  I mentored Cem  "); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Share(ctx, r.ID); err == nil || !strings.Contains(err.Error(), "team") {
		t.Errorf("sharing with no team: %v", err)
	}
	var queued int
	raw.QueryRow(`SELECT count(*) FROM share_outbox`).Scan(&queued)
	if r2, err := s.ByID(ctx, r.ID); err != nil || r2.Report.Words != "I mentored Cem" || r2.Shared || queued != 0 {
		t.Errorf("after refused sharing: %+v, %v, %d queued", r2, err, queued)
	}
}

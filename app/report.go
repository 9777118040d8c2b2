package app

import (
	"bytes"
	"context"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/report"
	"peerplaypay/internal/sqlite"
)

// EventReportChanged tells the page that the member's reports or the ones
// teammates shared changed, here or by a sync.
const EventReportChanged = "report:changed"

// Report is bound to the frontend: the member's contribution report of a
// period, their own words on it, sharing it with the team, and the reports
// teammates shared.
type Report struct {
	app *App
	now func() time.Time
}

// NewReport returns the Report facade of a.
func NewReport(a *App) *Report {
	return &Report{app: a, now: clockOrFake()}
}

func (r *Report) service() (*sqlite.ReportService, context.Context, error) {
	svc, err := r.app.services()
	if err != nil {
		return nil, nil, err
	}
	return sqlite.NewReportService(svc.db, func(ctx context.Context) sqlite.People {
		me, name, names := svc.team.People(ctx)
		return sqlite.People{Me: me, MyName: name, Names: names}
	}), svc.ctx, nil
}

func (r *Report) changed(sync bool) {
	r.app.cfg.Emit(EventReportChanged, nil)
	if sync {
		r.app.kickSync()
	}
}

// ReportRules are the fixed rules the page states where they apply.
type ReportRules struct {
	WordsMax   int           `json:"wordsMax"`
	PeriodDays int           `json:"periodDays"`
	Default    report.Period `json:"default"` // the last full quarter
}

// Rules returns the report's rules and its default period.
func (r *Report) Rules() ReportRules {
	return ReportRules{WordsMax: peerplaypay.MaxReportWords, PeriodDays: report.MaxPeriodDays, Default: report.LastFullQuarter(r.now())}
}

// Mine returns the member's report of the period from..to, written from
// their data as it stands, with their own words.
func (r *Report) Mine(from, to string) (*peerplaypay.SharedReport, error) {
	svc, ctx, err := r.service()
	if err != nil {
		return nil, toUser(r.app.log, "report", err)
	}
	out, err := svc.Mine(ctx, report.Period{From: from, To: to})
	return out, toUser(r.app.log, "report", err)
}

// SetWords keeps the member's own words on the report of from..to; a
// shared report goes to the team again with them.
func (r *Report) SetWords(from, to, words string) (*peerplaypay.SharedReport, error) {
	svc, ctx, err := r.service()
	if err != nil {
		return nil, toUser(r.app.log, "report words", err)
	}
	out, err := svc.SetWords(ctx, report.Period{From: from, To: to}, words)
	if err == nil {
		r.changed(out.Shared)
	}
	return out, toUser(r.app.log, "report words", err)
}

// Share sends the member's report id to the team, as they see it now.
func (r *Report) Share(id int64) (*peerplaypay.SharedReport, error) {
	svc, ctx, err := r.service()
	if err != nil {
		return nil, toUser(r.app.log, "share report", err)
	}
	out, err := svc.Share(ctx, id)
	if err == nil {
		r.changed(true)
	}
	return out, toUser(r.app.log, "share report", err)
}

// Unshare takes the member's report id back from the team.
func (r *Report) Unshare(id int64) (*peerplaypay.SharedReport, error) {
	svc, ctx, err := r.service()
	if err != nil {
		return nil, toUser(r.app.log, "take back report", err)
	}
	out, err := svc.Unshare(ctx, id)
	if err == nil {
		r.changed(true)
	}
	return out, toUser(r.app.log, "take back report", err)
}

// Team returns the reports teammates shared, newest first.
func (r *Report) Team() ([]*peerplaypay.SharedReport, error) {
	svc, ctx, err := r.service()
	if err != nil {
		return nil, toUser(r.app.log, "team reports", err)
	}
	out, err := svc.TeamReports(ctx)
	return out, toUser(r.app.log, "team reports", err)
}

// Export writes a report to path as Markdown (format "md") or PDF ("pdf"),
// whole or not at all: the member's own report of from..to, or, with
// teammate set, the teammate's report of that local ID.
func (r *Report) Export(from, to string, teammate int64, format, path string) error {
	const doing = "export report"
	svc, ctx, err := r.service()
	if err != nil {
		return toUser(r.app.log, doing, err)
	}
	if format != "md" && format != "pdf" {
		return toUser(r.app.log, doing, peerplaypay.Errorf(peerplaypay.EINVALID, "Export as md or pdf."))
	}
	var rep *peerplaypay.SharedReport
	if teammate > 0 {
		rep, err = svc.TeamReport(ctx, teammate)
	} else {
		rep, err = svc.Mine(ctx, report.Period{From: from, To: to})
	}
	if err != nil {
		return toUser(r.app.log, doing, err)
	}
	var buf bytes.Buffer
	if format == "pdf" {
		err = report.PDF(&buf, rep.Report, time.Now())
	} else {
		err = report.Markdown(&buf, rep.Report)
	}
	if err != nil {
		return toUser(r.app.log, doing, err)
	}
	return toUser(r.app.log, doing, writeWhole(path, buf.Bytes()))
}

package backup

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

// ExportVersion is the version of the export document; FORMATS.md
// describes it. Fields are only ever added within a version.
const ExportVersion = 1

// ExportFile is the name of the document in an export folder.
const ExportFile = "peerplaypay-export.json"

// Export is everything the member owns, in a form other tools can read.
type Export struct {
	Format     string               `json:"format"` // "peerplaypay-export"
	Version    int                  `json:"version"`
	AppVersion string               `json:"appVersion"`
	ExportedAt time.Time            `json:"exportedAt"`
	Profile    *peerplaypay.Profile `json:"profile"`
	Logs       []ExportedLog        `json:"logs"`
	// Goals are the member's own goals (private ones too), oldest first.
	Goals []ExportedGoal `json:"goals"`
	// HelpOffered are the member's offers of help on peers' goals.
	HelpOffered   []*peerplaypay.HelpOffer        `json:"helpOffered"`
	JobOutcomes   []peerplaypay.JobOutcome        `json:"jobOutcomes"`
	Conversations []*peerplaypay.ConversationNote `json:"conversations"`
	// Growth is the member's growth area, private parts included.
	Growth *ExportedGrowth `json:"growth"`
	// Answers are the member's comments, reactions, offers of help on logs
	// and Thanks, and those of peers on the member's logs or to the member.
	Answers *peerplaypay.AnswersExport `json:"answers"`
}

// ExportedGoal is one of the member's goals with its check-ins, oldest
// first, and the offers of help it received.
type ExportedGoal struct {
	*peerplaypay.Goal
	History    []*peerplaypay.Checkin   `json:"history"`
	HelpOffers []*peerplaypay.HelpOffer `json:"helpOffers"`
	// Logs are the ids of the member's logs that worked on it.
	Logs []string `json:"logs"`
}

// ExportedGrowth is the member's growth area: every framework version,
// finished assessments with their evidence, plans, learning, daily basics
// with their ticks, and reflections with their journal notes.
type ExportedGrowth struct {
	Current     peerplaypay.FrameworkRef    `json:"currentFramework"`
	Frameworks  []*peerplaypay.Framework    `json:"frameworks"`
	Sessions    []*peerplaypay.Session      `json:"assessments"`
	Plans       []*peerplaypay.Plan         `json:"plans"`
	Learning    []*peerplaypay.Learning     `json:"learning"`
	Basics      *peerplaypay.BasicsRange    `json:"basics"`
	Reflections []*peerplaypay.Reflection   `json:"reflections"`
	Settings    *peerplaypay.GrowthSettings `json:"settings"`
}

func exportGrowth(ctx context.Context, db *sqlite.DB) (*ExportedGrowth, error) {
	g := sqlite.NewGrowthService(db)
	var x ExportedGrowth
	var err error
	cur, err := g.Framework(ctx)
	if err != nil {
		return nil, err
	}
	x.Current = peerplaypay.FrameworkRef{ID: cur.ID, Version: cur.Version}
	if x.Frameworks, err = g.Frameworks(ctx); err != nil {
		return nil, err
	}
	if x.Sessions, err = g.Sessions(ctx); err != nil {
		return nil, err
	}
	if x.Plans, err = g.Plans(ctx); err != nil {
		return nil, err
	}
	if x.Learning, err = g.Learning(ctx, "", ""); err != nil {
		return nil, err
	}
	if x.Basics, err = g.Basics(ctx, "", ""); err != nil {
		return nil, err
	}
	if x.Reflections, err = g.Reflections(ctx, "", ""); err != nil {
		return nil, err
	}
	if x.Settings, err = g.Settings(ctx); err != nil {
		return nil, err
	}
	return &x, nil
}

// ExportedLog is one stand-up log. Media is the recording's path relative
// to the export folder, empty for a text log.
type ExportedLog struct {
	UID        string               `json:"uid"`
	Day        string               `json:"day"`
	Kind       peerplaypay.LogKind  `json:"kind"`
	Table      peerplaypay.LogTable `json:"table"`
	Media      string               `json:"media"`
	DurationMs int64                `json:"durationMs"`
	SizeBytes  int64                `json:"sizeBytes"`
	SHA256     string               `json:"sha256"`
	CreatedAt  time.Time            `json:"createdAt"`
	UpdatedAt  time.Time            `json:"updatedAt"`
}

// ExportJSON writes the member's data to the folder dest, which must be
// empty or not exist: the document, and a copy of each recording, checked
// against the checksum stored when it was recorded.
func ExportJSON(ctx context.Context, dataDir string, db *sqlite.DB, dest string, o Options) (sum Summary, err error) {
	if entries, err := os.ReadDir(dest); err == nil && len(entries) > 0 {
		return Summary{}, peerplaypay.Errorf(peerplaypay.ECONFLICT, "The folder %s is not empty; export into a new or empty folder so nothing is overwritten.", dest)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Summary{}, unwritable(dest, err)
	}
	if err := os.MkdirAll(dest, 0o700); err != nil {
		return Summary{}, unwritable(dest, err)
	}
	defer func() {
		if err != nil { // a half export is worse than none
			os.RemoveAll(dest)
		}
	}()
	doc := Export{Format: "peerplaypay-export", Version: ExportVersion, AppVersion: o.AppVersion, ExportedAt: time.Now().UTC(), Logs: []ExportedLog{}}
	prof, err := sqlite.NewProfileService(db).Profile(ctx)
	if err != nil && peerplaypay.ErrorCode(err) != peerplaypay.ENOTFOUND {
		return Summary{}, err
	}
	doc.Profile = prof
	if doc.Growth, err = exportGrowth(ctx, db); err != nil {
		return Summary{}, err
	}

	var logs []*peerplaypay.LogEntry
	svc := sqlite.NewLogService(db)
	for offset := 0; ; offset += 500 {
		page, _, err := svc.FindLogs(ctx, peerplaypay.LogFilter{Limit: 500, Offset: offset})
		if err != nil {
			return Summary{}, err
		}
		logs = append(logs, page...)
		if len(page) < 500 {
			break
		}
	}
	p := Progress{Phase: "copying"}
	for _, e := range logs {
		if e.MediaPath != "" {
			p.TotalFiles++
			p.TotalBytes += e.SizeBytes
		}
	}
	report := func() {
		if o.OnProgress != nil {
			o.OnProgress(p)
		}
	}
	for _, e := range logs {
		if err := ctx.Err(); err != nil {
			return Summary{}, err
		}
		x := ExportedLog{UID: e.UID, Day: e.Day, Kind: e.Kind, Table: e.LogTable, DurationMs: e.DurationMs,
			SizeBytes: e.SizeBytes, SHA256: e.SHA256, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
		if e.MediaPath != "" && filepath.IsLocal(filepath.FromSlash(e.MediaPath)) {
			x.Media = e.MediaPath
			if err := copyChecked(filepath.Join(dataDir, filepath.FromSlash(e.MediaPath)), filepath.Join(dest, filepath.FromSlash(e.MediaPath)), e, func(n int64) { p.Bytes += n; report() }); err != nil {
				return Summary{}, err
			}
			p.Files++
			report()
		}
		doc.Logs = append(doc.Logs, x)
	}
	logUIDs := map[int64]string{}
	for _, e := range logs {
		logUIDs[e.ID] = e.UID
	}
	if err := exportGoals(ctx, db, &doc, logUIDs); err != nil {
		return Summary{}, err
	}
	if doc.Answers, err = exportAnswers(ctx, db, doc.Profile); err != nil {
		return Summary{}, err
	}
	body, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return Summary{}, err
	}
	if err := os.WriteFile(filepath.Join(dest, ExportFile), body, 0o600); err != nil {
		return Summary{}, unwritable(dest, err)
	}
	return Summary{Path: dest, Files: p.Files + 1, Bytes: p.Bytes + int64(len(body))}, nil
}

// copyChecked copies a recording and checks it against its log's checksum:
// an export must not hand on a file that changed since it was recorded.
func copyChecked(src, dst string, e *peerplaypay.LogEntry, progress func(int64)) error {
	in, err := os.Open(src)
	if err != nil {
		return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "The recording of log %d (%s) is missing from the data folder; the export stopped. Delete that log or put the file back, then export again.", e.ID, e.MediaPath)
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return unwritable(dst, err)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return unwritable(dst, err)
	}
	defer out.Close()
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(out, h, progressWriter(progress)), in); err != nil {
		return unwritable(dst, err)
	}
	if e.SHA256 != "" && hex.EncodeToString(h.Sum(nil)) != e.SHA256 {
		return peerplaypay.Errorf(peerplaypay.ECORRUPT, "The recording of log %d (%s) has changed since it was recorded (its checksum differs); it was not exported. Run `peerplaypay doctor`, or delete that log.", e.ID, e.MediaPath)
	}
	return out.Close()
}

// exportAnswers returns the member's part of the team's answers. Peers'
// names are the roster's, which the export does not open; their member IDs
// name them.
func exportAnswers(ctx context.Context, db *sqlite.DB, prof *peerplaypay.Profile) (*peerplaypay.AnswersExport, error) {
	me, _ := sqlite.NewSettingsService(db).Setting(ctx, sqlite.SettingMemberID, "")
	name := ""
	if prof != nil {
		name = prof.Name
	}
	return sqlite.NewAnswerService(db, func(context.Context) sqlite.People { return sqlite.People{Me: me, MyName: name} }).Export(ctx)
}

// exportGoals adds the member's goals, offers, job outcomes and
// conversations to doc.
func exportGoals(ctx context.Context, db *sqlite.DB, doc *Export, logUIDs map[int64]string) error {
	me, _ := sqlite.NewSettingsService(db).Setting(ctx, sqlite.SettingMemberID, "")
	name := ""
	if doc.Profile != nil {
		name = doc.Profile.Name
	}
	goals := sqlite.NewGoalService(db, func(context.Context) sqlite.People { return sqlite.People{Me: me, MyName: name} })
	all, err := goals.Goals(ctx)
	if err != nil {
		return err
	}
	doc.Goals, doc.HelpOffered = []ExportedGoal{}, []*peerplaypay.HelpOffer{}
	for _, g := range all {
		d, err := goals.Goal(ctx, g.ID)
		if err != nil {
			return err
		}
		if !g.Mine {
			for _, o := range d.Offers {
				if o.Mine {
					doc.HelpOffered = append(doc.HelpOffered, o)
				}
			}
			continue
		}
		x := ExportedGoal{Goal: d.Goal, History: d.Checkins, HelpOffers: d.Offers, Logs: []string{}}
		for _, l := range d.Logs {
			if uid, ok := logUIDs[l.LogID]; ok {
				x.Logs = append(x.Logs, uid)
			}
		}
		doc.Goals = append(doc.Goals, x)
	}
	if doc.JobOutcomes, err = goals.Outcomes(ctx); err != nil {
		return err
	}
	doc.Conversations, err = goals.Conversations(ctx)
	return err
}

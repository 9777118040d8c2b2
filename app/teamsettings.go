package app

import (
	"encoding/json"
	"slices"
	"strings"

	"peerplaypay/internal/peerplaypay"
)

// Practice is bound to the frontend: the team's own practice (its cause,
// agreements, stand-up questions, weekly session and reminder defaults),
// which any member changes and the share carries to the others.
type Practice struct {
	app *App
}

// NewPractice returns the Practice facade of a.
func NewPractice(a *App) *Practice { return &Practice{app: a} }

// PracticeChange is one change of the history, its value as JSON text.
type PracticeChange struct {
	AuthorName string `json:"authorName"`
	Mine       bool   `json:"mine"`
	At         string `json:"at"` // RFC 3339
	Key        string `json:"key"`
	Value      string `json:"value"`
	// Current: the key's value now; false for a change that was replaced,
	// or that lost to a concurrent change of the same key.
	Current bool `json:"current"`
}

// PracticeView is what the Team area shows.
type PracticeView struct {
	Questions         []peerplaypay.Question    `json:"questions"`
	Mood              bool                      `json:"mood"`
	Energy            bool                      `json:"energy"`
	SessionParts      []peerplaypay.SessionPart `json:"sessionParts"`
	SessionWeekday    string                    `json:"sessionWeekday"`
	SessionTime       string                    `json:"sessionTime"`
	StandupReminder   bool                      `json:"standupReminder"`
	StandupReminderAt string                    `json:"standupReminderAt"`
	ReflectReminder   bool                      `json:"reflectReminder"`
	ReflectReminderAt string                    `json:"reflectReminderAt"`
	Cause             string                    `json:"cause"`
	Agreements        []string                  `json:"agreements"`
	// RetentionMonths: recordings stay this many months in the share (0: all).
	RetentionMonths int `json:"retentionMonths"`
	// UnknownKeys are settings of a newer app, kept for it.
	UnknownKeys []string         `json:"unknownKeys"`
	History     []PracticeChange `json:"history"`
	// CanChange: this laptop is a member of a team; Why says otherwise.
	CanChange bool   `json:"canChange"`
	Why       string `json:"why"`
}

// Get returns the team's practice with its last 50 changes.
func (p *Practice) Get() (PracticeView, error) {
	svc, err := p.app.services()
	if err != nil {
		return PracticeView{}, toUser(p.app.log, "team settings", err)
	}
	s, err := svc.practice.TeamSettings(svc.ctx)
	if err != nil {
		return PracticeView{}, toUser(p.app.log, "team settings", err)
	}
	h, err := svc.practice.TeamSettingsHistory(svc.ctx, 50)
	if err != nil {
		return PracticeView{}, toUser(p.app.log, "team settings", err)
	}
	svc.team.NameSettingsHistory(svc.ctx, h)
	v := PracticeView{Questions: s.Questions, Mood: s.Mood, Energy: s.Energy, SessionParts: s.SessionParts,
		SessionWeekday: s.SessionWeekday, SessionTime: s.SessionTime, StandupReminder: s.StandupReminder,
		StandupReminderAt: s.StandupReminderAt, ReflectReminder: s.ReflectReminder, ReflectReminderAt: s.ReflectReminderAt,
		Cause: s.Cause, Agreements: s.Agreements, RetentionMonths: s.RetentionMonths, UnknownKeys: []string{}, History: []PracticeChange{}, CanChange: true}
	for k := range s.Unknown {
		v.UnknownKeys = append(v.UnknownKeys, k)
	}
	slices.Sort(v.UnknownKeys)
	for _, e := range h {
		v.History = append(v.History, PracticeChange{AuthorName: e.AuthorName, Mine: e.Author == "", At: e.At.Format("2006-01-02T15:04:05Z07:00"),
			Key: e.Key, Value: string(e.Value), Current: e.Current})
	}
	if err := svc.team.CanChangeTeamSettings(svc.ctx); err != nil {
		v.CanChange, v.Why = false, peerplaypay.ErrorMessage(err)
	}
	return v, nil
}

// Save changes some keys at once; values are JSON texts by key. Only the
// keys given change, so a concurrent change of another key survives.
func (p *Practice) Save(values map[string]string) (PracticeView, error) {
	svc, err := p.app.services()
	if err != nil {
		return PracticeView{}, toUser(p.app.log, "change team settings", err)
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	changes := make([]peerplaypay.SettingChange, 0, len(keys))
	for _, k := range keys {
		if !peerplaypay.IsKnownSetting(k) {
			return PracticeView{}, toUser(p.app.log, "change team settings", peerplaypay.Errorf(peerplaypay.EINVALID,
				"%s is not a team setting; nothing was changed. The settings are: %s.", k, strings.Join(peerplaypay.SettingKeys(), ", ")))
		}
		changes = append(changes, peerplaypay.SettingChange{Key: k, Value: json.RawMessage(values[k])})
	}
	if len(changes) == 0 {
		return p.Get()
	}
	if err := svc.team.CanChangeTeamSettings(svc.ctx); err != nil {
		return PracticeView{}, toUser(p.app.log, "change team settings", err)
	}
	if _, err := svc.practice.SetTeamSettings(svc.ctx, changes); err != nil {
		return PracticeView{}, toUser(p.app.log, "change team settings", err)
	}
	p.app.kickSync()
	return p.Get()
}

package app

import (
	"encoding/json"
	"time"
)

// Drafts is bound to the frontend: editors keep what the member typed and
// has not saved, so leaving an editor or closing the app loses nothing.
type Drafts struct {
	app *App
}

// NewDrafts returns the Drafts facade of a.
func NewDrafts(a *App) *Drafts { return &Drafts{app: a} }

// DraftView is a kept draft; Value is the editor's JSON text.
type DraftView struct {
	Key       string    `json:"key"`
	Value     string    `json:"value"`
	UpdatedAt time.Time `json:"updatedAt" ts_type:"string"`
}

// Get returns the draft under key; Key is empty when there is none.
func (d *Drafts) Get(key string) (DraftView, error) {
	svc, err := d.app.services()
	if err != nil {
		return DraftView{}, toUser(d.app.log, "draft", err)
	}
	dr, err := svc.drafts.Draft(svc.ctx, key)
	if err != nil || dr == nil {
		return DraftView{}, toUser(d.app.log, "draft", err)
	}
	return DraftView{Key: dr.Key, Value: string(dr.Value), UpdatedAt: dr.UpdatedAt}, nil
}

// Save keeps value (JSON text) under key.
func (d *Drafts) Save(key, value string) (DraftView, error) {
	svc, err := d.app.services()
	if err != nil {
		return DraftView{}, toUser(d.app.log, "draft", err)
	}
	dr, err := svc.drafts.SaveDraft(svc.ctx, key, json.RawMessage(value))
	if err != nil {
		return DraftView{}, toUser(d.app.log, "draft", err)
	}
	return DraftView{Key: dr.Key, Value: string(dr.Value), UpdatedAt: dr.UpdatedAt}, nil
}

// Discard forgets the draft under key.
func (d *Drafts) Discard(key string) error {
	svc, err := d.app.services()
	if err != nil {
		return toUser(d.app.log, "draft", err)
	}
	return toUser(d.app.log, "draft", svc.drafts.DeleteDraft(svc.ctx, key))
}

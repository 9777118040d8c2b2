package app

import (
	"os"
	"path/filepath"

	"peerplaypay/internal/peerplaypay"
)

// DialogKind is which of the system's dialogs to show.
type DialogKind string

const (
	DialogSave   DialogKind = "save"   // a new file to write
	DialogOpen   DialogKind = "open"   // an existing file to read
	DialogFolder DialogKind = "folder" // a folder
)

// FileFilter narrows a file dialog to some names ("*.tar;*.TAR").
type FileFilter struct {
	Name    string
	Pattern string
}

// DialogRequest is what the system's dialog is asked to show. Dir and Name
// start it where the member's typed path points, when it does.
type DialogRequest struct {
	Kind    DialogKind
	Title   string
	Dir     string
	Name    string
	Filters []FileFilter
}

// dialogPurpose is how the app asks for one kind of path.
type dialogPurpose struct {
	kind    DialogKind
	title   string
	name    string // suggested file name, for saving
	filters []FileFilter
}

// Purposes the page may ask a path for, by the name it uses.
var dialogPurposes = map[string]dialogPurpose{
	"recoveryKey": {DialogSave, "Save your recovery key", "peerplaypay-recovery.txt", []FileFilter{{"Text files (*.txt)", "*.txt"}}},
	"backup":      {DialogSave, "Back up to this file", "", []FileFilter{{"Backups (*.tar)", "*.tar"}}},
	"restore":     {DialogOpen, "Choose the backup to restore", "", []FileFilter{{"Backups (*.tar)", "*.tar"}}},
	"restoreInto": {DialogFolder, "Restore into this empty folder", "", nil},
	"export":      {DialogFolder, "Export to this folder", "", nil},
	"shareFolder": {DialogFolder, "Choose the team share folder", "", nil},
	"framework":   {DialogSave, "Export the framework", "framework.json", []FileFilter{{"Framework (*.json, *.yaml)", "*.json;*.yaml;*.yml"}}},
	"frameworkIn": {DialogOpen, "Import a framework", "", []FileFilter{{"Framework (*.json, *.yaml)", "*.json;*.yaml;*.yml"}}},
	"sessionMd":   {DialogSave, "Export the session as Markdown", "team-session.md", []FileFilter{{"Markdown (*.md)", "*.md"}}},
	"sessionPdf":  {DialogSave, "Export the session as PDF", "team-session.pdf", []FileFilter{{"PDF (*.pdf)", "*.pdf"}}},
	"reportMd":    {DialogSave, "Export the report as Markdown", "contribution-report.md", []FileFilter{{"Markdown (*.md)", "*.md"}}},
	"reportPdf":   {DialogSave, "Export the report as PDF", "contribution-report.pdf", []FileFilter{{"PDF (*.pdf)", "*.pdf"}}},
}

// Dialogs is bound to the frontend: the system's file and folder dialogs,
// beside the paths a member can still type.
type Dialogs struct {
	app *App
}

// NewDialogs returns the Dialogs facade of a.
func NewDialogs(a *App) *Dialogs { return &Dialogs{app: a} }

// Choose shows the system's dialog for purpose, opened where the path typed
// so far (current) points, and returns the chosen path; "" when cancelled.
func (d *Dialogs) Choose(purpose, current string) (string, error) {
	path, err := d.app.choose(purpose, current)
	return path, toUser(d.app.log, "dialog", err)
}

// choose shows the dialog for purpose from the typed path current; "" when
// the member cancelled it.
func (a *App) choose(purpose, current string) (string, error) {
	p, ok := dialogPurposes[purpose]
	if !ok {
		return "", peerplaypay.Errorf(peerplaypay.EINVALID, "No file dialog for %q.", purpose)
	}
	req := DialogRequest{Kind: p.kind, Title: p.title, Name: p.name, Filters: p.filters}
	req.Dir, req.Name = startAt(current, req)
	return a.dialog(req)
}

// startAt is where a dialog opens for the typed path current: the folder it
// names or is in, when that exists, and for a new file the name typed.
func startAt(current string, req DialogRequest) (dir, name string) {
	name = req.Name
	if current == "" {
		return "", name
	}
	if fi, err := os.Stat(current); err == nil && fi.IsDir() {
		return current, name
	}
	parent := filepath.Dir(current)
	if fi, err := os.Stat(parent); err != nil || !fi.IsDir() {
		return "", name
	}
	if req.Kind == DialogSave {
		name = filepath.Base(current)
	}
	return parent, name
}

// dialog shows req through the window, or says to type the path where
// there is no window (tests, the CLI).
func (a *App) dialog(req DialogRequest) (string, error) {
	if a.cfg.Dialog == nil {
		return "", peerplaypay.Errorf(peerplaypay.EUNAVAILABLE, "No file dialog is available here; type the path instead.")
	}
	path, err := a.cfg.Dialog(req)
	if err != nil {
		return "", peerplaypay.Errorf(peerplaypay.EUNAVAILABLE, "The file dialog failed (%v); type the path instead.", err)
	}
	return path, nil
}

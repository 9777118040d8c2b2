package app

import (
	"path/filepath"

	"peerplaypay/internal/frameworkfile"
	"peerplaypay/internal/peerplaypay"
)

// GrowthFramework is bound to the frontend: the skills framework that
// assessments rate against, its versions, its file and its publication.
type GrowthFramework struct {
	app *App
}

// NewGrowthFramework returns the GrowthFramework facade of a.
func NewGrowthFramework(a *App) *GrowthFramework { return &GrowthFramework{app: a} }

// Framework returns the current framework.
func (gf *GrowthFramework) Framework() (*peerplaypay.Framework, error) {
	return growthDo(gf.app, "framework", false, false, func(svc services) (*peerplaypay.Framework, error) {
		f, err := svc.growth.Framework(svc.ctx)
		return named(svc, f), err
	})
}

// FrameworkVersion returns an old version, to show an old session against.
func (gf *GrowthFramework) FrameworkVersion(id string, version int) (*peerplaypay.Framework, error) {
	return growthDo(gf.app, "framework", false, false, func(svc services) (*peerplaypay.Framework, error) {
		f, err := svc.growth.FrameworkVersion(svc.ctx, id, version)
		return named(svc, f), err
	})
}

// SaveFramework stores f as the framework's next version.
func (gf *GrowthFramework) SaveFramework(f peerplaypay.Framework) (*peerplaypay.Framework, error) {
	return growthDo(gf.app, "save framework", true, false, func(svc services) (*peerplaypay.Framework, error) {
		return svc.growth.SaveFramework(svc.ctx, &f)
	})
}

// ResetFramework goes back to the built-in framework.
func (gf *GrowthFramework) ResetFramework() (*peerplaypay.Framework, error) {
	return growthDo(gf.app, "reset framework", true, false, func(svc services) (*peerplaypay.Framework, error) {
		return svc.growth.ResetFramework(svc.ctx)
	})
}

// ExportFramework asks where to save the current framework as a file and
// writes it; "" means the member cancelled.
func (gf *GrowthFramework) ExportFramework() (string, error) {
	return growthDo(gf.app, "export framework", false, false, func(svc services) (string, error) {
		path, err := gf.app.choose("framework", "")
		if err != nil || path == "" {
			return "", err
		}
		if filepath.Ext(path) == "" {
			path += ".json"
		}
		return path, frameworkfile.Export(svc.ctx, svc.growth, path)
	})
}

// ImportFramework asks for a framework file and makes it the current
// framework's next version. A cancelled dialog returns the current one.
func (gf *GrowthFramework) ImportFramework() (*peerplaypay.Framework, error) {
	return growthDo(gf.app, "import framework", true, false, func(svc services) (*peerplaypay.Framework, error) {
		path, err := gf.app.choose("frameworkIn", "")
		if err != nil {
			return nil, err
		}
		if path == "" {
			return svc.growth.Framework(svc.ctx)
		}
		return frameworkfile.Import(svc.ctx, svc.growth, path)
	})
}

// PublishFramework sends the current framework to the team.
func (gf *GrowthFramework) PublishFramework() (*peerplaypay.Framework, error) {
	return growthDo(gf.app, "publish framework", true, true, func(svc services) (*peerplaypay.Framework, error) {
		return svc.growth.PublishFramework(svc.ctx)
	})
}

// Command minimalapp is the smallest Wails app that reports, like
// PeerPlayPay, when its first screen is ready: bench/startup.sh starts it
// beside PeerPlayPay in the same run, so start-up is read as a ratio to what
// the toolkit itself costs on this machine.
package main

import (
	"context"
	"embed"
	"fmt"
	"os"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
)

var started = time.Now()

//go:embed frontend
var assets embed.FS

// App is bound so the page can say when it has painted.
type App struct{ ctx context.Context }

// Ready logs the time from process start, in PeerPlayPay's log format.
func (a *App) Ready() {
	fmt.Fprintf(os.Stderr, "level=INFO msg=\"ui ready\" startupMs=%d\n", time.Since(started).Milliseconds())
}

func main() {
	// The same renderer setting as PeerPlayPay, so both draw alike.
	if _, set := os.LookupEnv("WEBKIT_DISABLE_DMABUF_RENDERER"); !set {
		os.Setenv("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
	}
	a := &App{}
	err := wails.Run(&options.App{
		Title: "Minimal", Width: 1100, Height: 720,
		AssetServer: &assetserver.Options{Assets: assets},
		OnStartup:   func(ctx context.Context) { a.ctx = ctx },
		Bind:        []any{a},
		Linux:       &linux.Options{WebviewGpuPolicy: linux.WebviewGpuPolicyOnDemand},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

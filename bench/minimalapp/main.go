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

var (
	started   = time.Now()
	startedUp time.Duration // when Wails called OnStartup
)

//go:embed frontend
var assets embed.FS

// App is bound so the page can say when it has painted.
type App struct{ ctx context.Context }

// PageTimes are the page's steps, as PeerPlayPay's page reports them: ms
// since the page was asked for, at Origin (ms since the epoch).
type PageTimes struct {
	Origin   float64 `json:"origin"`
	HTML     float64 `json:"html"`
	Rendered float64 `json:"rendered"`
}

// Ready logs the time from process start and its steps, in PeerPlayPay's
// log format, so that bench/startup.sh reads both apps' steps side by side.
func (a *App) Ready(p PageTimes) {
	origin := time.UnixMicro(int64(p.Origin * 1000)).Sub(started)
	ms := func(d time.Duration) int64 { return d.Milliseconds() }
	fmt.Fprintf(os.Stderr, "level=INFO msg=\"ui ready\" startupMs=%d steps=\"wails up=%d page asked=%d html=%d rendered=%d\"\n",
		ms(time.Since(started)), ms(startedUp), ms(origin),
		ms(origin+time.Duration(p.HTML*float64(time.Millisecond))), ms(origin+time.Duration(p.Rendered*float64(time.Millisecond))))
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
		OnStartup:   func(ctx context.Context) { a.ctx, startedUp = ctx, time.Since(started) },
		Bind:        []any{a},
		Linux:       &linux.Options{WebviewGpuPolicy: linux.WebviewGpuPolicyOnDemand},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

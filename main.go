// PeerPlayPay: daily stand-up blogs, goals and thanks for small teams.
// Without a subcommand the desktop window opens; with one, it runs headless.
package main

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/mac"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"peerplaypay/app"
	"peerplaypay/internal/autostart"
	"peerplaypay/internal/cli"
	"peerplaypay/internal/datadir"
	"peerplaypay/internal/media"
)

// wailsJSON's productVersion is the version: one number for the app, its
// packages and the installers, whichever way it was built.
//
//go:embed wails.json
var wailsJSON []byte

var version = productVersion(wailsJSON)

// commit is set at build time with -ldflags "-X main.commit=...".
var commit = ""

func productVersion(config []byte) string {
	var c struct {
		Info struct {
			ProductVersion string `json:"productVersion"`
		} `json:"info"`
	}
	if err := json.Unmarshal(config, &c); err != nil || c.Info.ProductVersion == "" {
		return "unknown" // wails.json is checked by the package's test
	}
	return c.Info.ProductVersion
}

// started is taken as early as Go allows, to report start-up time.
var started = time.Now()

//go:embed all:frontend/dist
var assets embed.FS

// icon is the window's icon: small, since decoding the 1024-pixel app
// icon on every start cost about 30 ms before the first screen.
//
//go:embed build/windowicon.png
var icon []byte

func main() {
	args := os.Args[1:]
	if cli.IsCommand(args) {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := cli.Run(ctx, newCLIEnv(), args)
		stop()
		os.Exit(code)
	}
	if err := runWindow(args); errors.Is(err, app.ErrAlreadyOpen) {
		fmt.Fprintf(os.Stderr, "peerplaypay: %v.\n", err) // done what was asked
	} else if err != nil {
		fmt.Fprintf(os.Stderr, "peerplaypay: %v\n", err)
		os.Exit(1)
	}
}

func newCLIEnv() *cli.Env {
	if syntheticDevices() {
		media.RegisterSynthetic()
	}
	return &cli.Env{Version: version, Commit: commit, Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, MediaChecks: mediaChecks}
}

func runWindow(args []string) (err error) {
	fs := flag.NewFlagSet("peerplaypay", flag.ContinueOnError)
	dataDir := fs.String("data-dir", "", "data folder (default: $PEERPLAYPAY_HOME or the system's user data folder)")
	minimised := fs.Bool(strings.TrimPrefix(autostart.MinimisedFlag, "--"), false, "start with the window minimised (start at login); reminders still go out")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w (run `peerplaypay help` for commands)", err)
	}
	if err := checkDisplay(); err != nil {
		return err
	}
	// A display that is set but cannot be reached makes the window toolkit
	// panic; the member gets the same one line instead of a stack trace.
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok && strings.Contains(e.Error(), "init GTK") {
				err = errNoDisplay
				return
			}
			panic(r)
		}
	}()

	level := slog.LevelInfo
	if os.Getenv("PEERPLAYPAY_LOG") == "debug" {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	// Events need the window's context, which exists only once it starts.
	var wctx atomic.Pointer[context.Context]
	var claim *app.WindowClaim
	if dir, _, err := datadir.Resolve(*dataDir); err == nil {
		if claim, err = app.ClaimWindow(dir); err != nil {
			return err
		}
		defer claim.Release()
		if claim != nil {
			go func() {
				for range claim.Show() {
					if c := wctx.Load(); c != nil {
						runtime.WindowUnminimise(*c) // also raises and focuses it
						runtime.WindowShow(*c)
						log.Info("window brought to the front for a second launch")
					}
				}
			}()
		}
	}

	emit := func(topic string, data any) {
		if c := wctx.Load(); c != nil {
			runtime.EventsEmit(*c, topic, data)
		}
	}
	quit := func() {
		if c := wctx.Load(); c != nil {
			runtime.Quit(*c)
		}
	}
	dialog := func(r app.DialogRequest) (string, error) {
		c := wctx.Load()
		if c == nil {
			return "", nil
		}
		filters := make([]runtime.FileFilter, len(r.Filters))
		for i, f := range r.Filters {
			filters[i] = runtime.FileFilter{DisplayName: f.Name, Pattern: f.Pattern}
		}
		switch r.Kind {
		case app.DialogSave:
			return runtime.SaveFileDialog(*c, runtime.SaveDialogOptions{Title: r.Title, DefaultDirectory: r.Dir,
				DefaultFilename: r.Name, Filters: filters, CanCreateDirectories: true})
		case app.DialogFolder:
			return runtime.OpenDirectoryDialog(*c, runtime.OpenDialogOptions{Title: r.Title, DefaultDirectory: r.Dir,
				CanCreateDirectories: true})
		default:
			return runtime.OpenFileDialog(*c, runtime.OpenDialogOptions{Title: r.Title, DefaultDirectory: r.Dir, Filters: filters})
		}
	}
	show := func() {
		if c := wctx.Load(); c != nil {
			runtime.WindowUnminimise(*c)
			runtime.WindowShow(*c)
		}
	}
	now, err := testClock()
	if err != nil {
		return err
	}
	a := app.New(app.Config{DataDir: *dataDir, Version: version, Commit: commit, Started: started,
		SyntheticDevices: syntheticDevices(), Emit: emit, Quit: quit, Dialog: dialog, DataReplaced: claim.Relock,
		Now: now, RemindEvery: remindEvery(), Show: show, Zoom: zoomWindow}, log)
	startState := options.Normal
	if *minimised {
		startState = options.Minimised
		log.Info("starting minimised")
	}
	// A signal (logout, shutdown, kill) ends the app without asking: the
	// running recording is saved as it closes, and the next start says so.
	// Only the window's close button asks.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		if _, ok := <-sigs; ok {
			a.QuitNow()
		}
	}()

	a.Step("wails runs")
	return wails.Run(&options.App{
		Title:     "PeerPlayPay",
		Width:     1100,
		Height:    720,
		MinWidth:  800,
		MinHeight: 600,
		AssetServer: &assetserver.Options{
			Assets:  assets,
			Handler: a.MediaHandler(),
		},
		BackgroundColour: &options.RGBA{R: 248, G: 248, B: 246, A: 255},
		WindowStartState: startState,
		OnStartup: func(ctx context.Context) {
			wctx.Store(&ctx)
			a.Start(ctx) // a failure is shown by the window, not fatal
		},
		OnBeforeClose: func(context.Context) bool { return a.BeforeClose() },
		OnShutdown: func(context.Context) {
			if err := a.Close(); err != nil {
				log.Error("close", "err", err)
			}
		},
		Bind: []any{app.NewShell(a), app.NewProfiles(a), app.NewDevices(a), app.NewRecording(a), app.NewLogs(a), app.NewDrafts(a), app.NewData(a), app.NewTeam(a), app.NewGoals(a), app.NewGrowthFramework(a), app.NewAssessment(a), app.NewDailyPractice(a), app.NewDialogs(a), app.NewInbox(a), app.NewAnswers(a), app.NewReminders(a), app.NewPractice(a), app.NewSession(a), app.NewReport(a), app.NewInsights(a)},
		Linux: &linux.Options{
			Icon:             icon,
			ProgramName:      "peerplaypay",
			WebviewGpuPolicy: linux.WebviewGpuPolicyOnDemand,
		},
		Mac: &mac.Options{
			About: &mac.AboutInfo{Title: "PeerPlayPay", Message: "Daily stand-up blogs, goals and thanks for small teams.", Icon: icon},
		},
	})
}

// remindEvery is how often the window checks the reminders. Automated runs
// of the window that are not about reminders turn them off with
// PEERPLAYPAY_REMINDERS=off, so none shows up in the middle of them.
func remindEvery() time.Duration {
	if os.Getenv("PEERPLAYPAY_REMINDERS") == "off" {
		return 0
	}
	return 15 * time.Second
}

// testClock is the app's clock when PEERPLAYPAY_TEST_NOW sets one, for the
// window tests of reminders: it starts at that local time ("2006-01-02
// 15:04") and runs on from there. nil: the system's clock.
func testClock() (func() time.Time, error) {
	v := os.Getenv("PEERPLAYPAY_TEST_NOW")
	if v == "" {
		return nil, nil
	}
	at, err := time.ParseInLocation("2006-01-02 15:04", v, time.Local)
	if err != nil {
		return nil, fmt.Errorf("PEERPLAYPAY_TEST_NOW=%q is not a local time like 2026-03-31 09:00", v)
	}
	offset := time.Until(at)
	return func() time.Time { return time.Now().Add(offset) }, nil
}

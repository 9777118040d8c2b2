// Command scalesync runs one team sync of a data folder in-process and
// prints what it did as JSON: the part of scalebench that is built twice,
// from the code measured and from the code it is compared with, so it uses
// only what both have.
//
//	scalesync -data DIR [-limit 60s]
//
// With -limit the sync is cancelled after that long; what it had applied
// by then is kept (a first sync resumes), and the output says so.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"syscall"
	"time"

	"peerplaypay/internal/keychain"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

type result struct {
	Millis   int64    `json:"millis"`
	CPUMs    int64    `json:"cpuMs"` // this process's user and system CPU over the sync
	Received int      `json:"received"`
	Requests int64    `json:"requests"`
	Cut      bool     `json:"cut"`      // cancelled by -limit
	Progress int      `json:"progress"` // progress reports of the receiving phase
	Problems []string `json:"problems"`
	Error    string   `json:"error,omitempty"`
}

func main() {
	dir := flag.String("data", "", "data folder")
	limit := flag.Duration("limit", 0, "cancel the sync after this long (0: never)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the sync to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "scalesync:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	os.Setenv(keychain.EnvVar, "off")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(*dir, sqlite.FileName))
	if err != nil {
		fmt.Fprintln(os.Stderr, "scalesync:", err)
		os.Exit(1)
	}
	defer db.Close()
	set := sqlite.NewSettingsService(db)
	svc := teamsync.New(*dir, sqlite.NewShareStore(db), sqlite.NewProfileService(db), set, keychain.New(*dir), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if *limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *limit)
		defer cancel()
	}
	var res result
	cpu0 := cpuMs()
	start := time.Now()
	sum, err := svc.Sync(ctx, func(p teamsync.Progress) {
		if p.Phase == "receiving" {
			res.Progress++
		}
	})
	res.Millis = time.Since(start).Milliseconds()
	res.CPUMs = cpuMs() - cpu0
	res.Received, res.Requests, res.Problems = sum.Received, sum.Requests, sum.Problems
	if err != nil {
		res.Cut = ctx.Err() != nil
		res.Error = err.Error()
	}
	json.NewEncoder(os.Stdout).Encode(res)
}

// cpuMs is the CPU this process used so far: what a sync costs whatever
// else the machine runs.
func cpuMs() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return (ru.Utime.Nano() + ru.Stime.Nano()) / 1e6
}

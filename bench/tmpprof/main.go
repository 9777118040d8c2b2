package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"

	"peerplaypay/internal/keychain"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/teamsync"
)

func main() {
	ctx := context.Background()
	dir := "/tmp/peerplaypay-inboxbench/me"
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		panic(err)
	}
	ss := sqlite.NewShareStore(db)
	team := teamsync.New(dir, ss, sqlite.NewProfileService(db), sqlite.NewSettingsService(db), keychain.New(dir), nil)
	for i := 0; i < 3; i++ {
		t := time.Now()
		ss.TeamConfig(ctx)
		t1 := time.Now()
		logs, _, err := ss.FindPeerLogs(ctx, peerplaypay.PeerLogFilter{Limit: 60})
		t2 := time.Now()
		team.Inbox(ctx, ss, peerplaypay.PeerLogFilter{Limit: 60})
		t3 := time.Now()
		ss.PeerLogCounts(ctx)
		t4 := time.Now()
		team.Peers(ctx)
		t5 := time.Now()
		team.MemberNames(ctx)
		t6 := time.Now()
		b, _ := json.Marshal(logs)
		fmt.Println(len(b), len(logs), err, "config", t1.Sub(t), "find", t2.Sub(t1), "inbox", t3.Sub(t2), "counts", t4.Sub(t3), "peers", t5.Sub(t4), "names", t6.Sub(t5))
	}
}

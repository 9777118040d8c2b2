#!/usr/bin/env bash
# Start-up of the production app against a minimal Wails app built with the
# same toolchain, in one run, under a private Xvfb (only that Xvfb is ended),
# on data folders of 1k, 100k and 1M logs (synthesized once, then kept in
# $TMPDIR/peerplaypay-startupbench). Prints first screen (exec to the app's
# "ui ready" line, written when the first screen has rendered), the ratio to
# the minimal app, and `profile show` / `logs list` times.
# Usage: bench/startup.sh [runs] [sizes]   (needs `make build` and the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
sizes=${2:-1000,100000,1000000}
bin=${PEERPLAYPAY_BIN:-build/bin/peerplaypay}
[ -x "$bin" ] || { echo "no $bin: run make build" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The same tags and flags `wails build` uses for a production binary.
go build -tags desktop,production,webkit2_41 -trimpath -ldflags "-w -s" -o "$tmp/minimalapp" ./bench/minimalapp
go build -o "$tmp/startupbench" ./bench/startupbench
"$tmp/startupbench" -ours "$bin" -minimal "$tmp/minimalapp" -runs "$runs" -sizes "$sizes"

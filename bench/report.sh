#!/usr/bin/env bash
# The contribution report's PDF, end to end through the CLI, on a data
# folder with two years of a busy member's data (synthesized once, kept in
# $TMPDIR/peerplaypay-reportbench): the last full quarter and a whole year.
# Usage: bench/report.sh [runs]   (needs `make build`)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PEERPLAYPAY_BIN:-build/bin/peerplaypay}
[ -x "$bin" ] || { echo "no $bin: run make build" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/reportbench" ./bench/reportbench
"$tmp/reportbench" -bin "$bin" -runs "${1:-10}"

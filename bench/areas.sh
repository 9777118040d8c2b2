#!/usr/bin/env bash
# The Goals, Growth and Insights areas' first screens in the production window, on a
# data folder of 500 goals with 10,000 check-ins and a year of weekly
# assessments, and two years of a team of seven (synthesized once, kept in
# $TMPDIR/peerplaypay-areasbench).
# Usage: bench/areas.sh [runs] [settle, e.g. 0s or 1s]   (needs `make build` and the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PEERPLAYPAY_BIN:-build/bin/peerplaypay}
[ -x "$bin" ] || { echo "no $bin: run make build" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/areasbench" ./bench/areasbench
"$tmp/areasbench" -bin "$bin" -runs "${1:-10}" -settle "${2:-1s}"

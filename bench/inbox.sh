#!/usr/bin/env bash
# The Inbox's first screen in the production window, on a team of 8 with a
# year of the 7 peers' daily stand-ups (synthesized once, kept in
# $TMPDIR/peerplaypay-inboxbench), and the time to catch up on a day of
# them with "play all unwatched", computed from their loudness maps.
# Usage: bench/inbox.sh [runs] [seek ms per jump, as measured in the window]
#        (needs `make build` and the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PEERPLAYPAY_BIN:-build/bin/peerplaypay}
[ -x "$bin" ] || { echo "no $bin: run make build" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/inboxbench" ./bench/inboxbench
go build -o "$tmp/catchup" ./bench/catchup
"$tmp/inboxbench" -bin "$bin" -runs "${1:-10}"
echo
"$tmp/catchup" -seek-ms "${2:-0}"

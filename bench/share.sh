#!/usr/bin/env bash
# The team share against versitygw on loopback, with the production binary:
#  1. push: a sync publishing 20 recordings of 5 MB beside `rclone copy` of
#     the same plain files to the same server, in turns, each on a fresh
#     bucket: MB/s, client CPU-s per GB, server CPU, ratio pair by pair.
#     rclone runs with its defaults plus --expect-continue-timeout 0: it
#     sends "Expect: 100-continue" and versitygw does not answer it, so by
#     default rclone 1.60 waits 1 s before each PUT's body, which would
#     compare our client with a timer. AWS_CA_BUNDLE is unset for both
#     (rclone 1.60 cannot load it with its own HTTP transport).
#  2. history: syncs with nothing new on a share holding 3 members × 30 and
#     × 365 days of daily batches, and such syncs that are each the first of
#     a day (they list the members' folders whole); the first full sync for
#     reference.
#  3. resume: a push killed with SIGKILL at 50 % of its bytes (between two
#     files) and 52.5 % (inside one), then finished: bytes sent twice, on
#     loopback and with each PUT slowed to 8 MB/s; then 4 files of 25 MB
#     (four chunks of one file in flight) killed at 60 % with PUTs at 4 MB/s.
# sharebench starts its own versitygw and ends only it and the syncs it
# started; every temporary folder is removed at the end.
# Usage: bench/share.sh [runs]   (needs `make build` or $PEERPLAYPAY_BIN,
#        rclone, and versitygw from `make setup-test`)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=${PEERPLAYPAY_BIN:-build/bin/peerplaypay}
[ -x "$bin" ] || { echo "no $bin: run make build, or set PEERPLAYPAY_BIN" >&2; exit 1; }
command -v rclone >/dev/null || { echo "rclone is needed for the comparison (apt-get install rclone)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/sharebench" ./bench/sharebench
bench() { env -u AWS_CA_BUNDLE "$tmp/sharebench" -bin "$bin" "$@"; }

rclone version | head -1
bench -mode push -runs "$runs"
bench -mode history -days 30,365 -runs "$runs"
bench -mode resume -runs 3 -at 0.5,0.525 -rates 0,8000000
bench -mode resume -runs 3 -files 4 -size 25000000 -at 0.6 -rates 4000000

#!/usr/bin/env bash
# The team sync of a large team: 50 members × 2 years of daily batches
# (about 36,500) on versitygw behind a proxy adding 30 ms to every
# request; a newcomer's first full sync, syncs with nothing new, and the
# first sync from the share as a local folder; for this tree's code
# ("after") and for the code it branched from ("before", BASE, default
# the merge base with main), in the same run. The old code reads one batch
# at a time, so its first syncs are cut after BEFORE_LIMIT and their time
# taken from the rate reached (the new code finishes the reading before
# the old one's syncs with nothing new).
# The share is built once and kept in $TMPDIR/peerplaypay-scalebench.
# Usage: bench/scale.sh [scalebench flags, e.g. -runs 5 -members 50 -days 730]
#        (needs versitygw from `make setup-test`)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${BASE:-$(git merge-base HEAD main)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/scalebench" ./bench/scalebench
go build -o "$tmp/after" ./bench/scalesync
mkdir "$tmp/base"
git archive "$base" | tar -x -C "$tmp/base"
rm -rf "$tmp/base/bench/scalesync"
cp -r bench/scalesync "$tmp/base/bench/"
(cd "$tmp/base" && go build -o "$tmp/before" ./bench/scalesync)
echo "before: $(git log -1 --format='%h %s' "$base")"
echo "after:  $(git describe --always --dirty)"
nice "$tmp/scalebench" -sync before="$tmp/before" -sync after="$tmp/after" -limit before="${BEFORE_LIMIT:-60s}" "$@"

#!/usr/bin/env bash
# Start-up time of the production app under Xvfb, over several runs:
#   window: process start -> the window is mapped (xdotool sees it)
#   ready:  process start -> the frontend's first screen has rendered
#           (the app logs "ui ready" when the page calls Shell.Ready)
# Usage: bench/startup.sh [runs]   (needs `make build` and the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
bin=${PEERPLAYPAY_BIN:-build/bin/peerplaypay}
[ -x "$bin" ] || { echo "no $bin: run make build" >&2; exit 1; }

exec 3< <(Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp 2>/dev/null)
read -r disp <&3
export DISPLAY=":$disp"
trap 'pkill -f "Xvfb -displayfd 1" || true' EXIT

now_ms() { date +%s%3N; }
windows=() readies=()
for i in $(seq 1 "$runs"); do
	data=$(mktemp -d)
	log=$(mktemp)
	t0=$(now_ms)
	"$bin" --data-dir "$data" 2>"$log" &
	pid=$!
	xdotool search --sync --onlyvisible --name '^PeerPlayPay$' >/dev/null
	windows+=($(( $(now_ms) - t0 )))
	for _ in $(seq 1 600); do grep -q "ui ready" "$log" && break; sleep 0.01; done
	ready=$(sed -n 's/.*ui ready.*startupMs=\([0-9]*\).*/\1/p' "$log")
	readies+=("${ready:-NaN}")
	kill "$pid"; wait "$pid" 2>/dev/null || true
	rm -rf "$data" "$log"
done

stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1; s+=$1} END {printf "min %d  median %d  mean %.0f  max %d ms", a[1], a[int((NR+1)/2)], s/NR, a[NR]}'; }
echo "runs: $runs"
echo "window shown:        $(stats "${windows[@]}")"
echo "first screen ready:  $(stats "${readies[@]}")"

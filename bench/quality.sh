#!/usr/bin/env bash
# Quality bench on identical frames: writes a deterministic talking-head
# sequence (frame-index driven: a swaying, blinking, talking head, a
# striped shirt, a bookshelf, a slowly drifting camera and sensor noise)
# once as .y4m per size, encodes it with our encoder exactly as the
# recorder configures it for each quality preset and with ffmpeg's libvpx
# at the same bit rate, speed (cpu-used), keyframe interval, threads and no
# look-ahead, and scores both against the source with ffmpeg's psnr and
# ssim filters. Prints MB/min, PSNR, SSIM and CPU-seconds per second of
# video for each, ours against ffmpeg, then a VP9 bit-rate sweep against
# VP8 Standard (the rate at which VP9 matches Standard's PSNR).
#
# Both encoders run one after the other, rep by rep, so their CPU ratio is
# taken under the same load; the CPU figure is the median of the reps.
#
# Usage: bench/quality.sh [seconds] [reps] [extra qualitybench flags]
#   e.g. bench/quality.sh 6 2 -vp9-rates 400,500,600,750
# Then the Opus audio of the presets: recordbench records the synthetic
# tone microphone in real time for the audio-only preset.
# Needs ffmpeg (Linux).
set -euo pipefail
secs=${1:-6}
reps=${2:-1}
shift $(( $# > 2 ? 2 : $# )) || true
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/qualitybench" ./bench/qualitybench
go build -o "$tmp/recordbench" ./bench/recordbench
"$tmp/qualitybench" -seconds "$secs" -reps "$reps" -dir "$tmp" "$@"

echo
echo "== Audio only (Opus at the presets' audio bit rate), ${secs}s recorded in real time"
"$tmp/recordbench" -mode record -seconds "$secs" -out "$tmp/audio.webm" -quality audio > "$tmp/audio.json"
python3 - "$tmp/audio.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"  audio    : {r['mb_per_min']:.3f} MB/min ({r['mb_per_min']*1e6*8/60/1000:.1f} kbit/s in the file), {r['cpu_s_per_s']:.3f} CPU-s per s")
PY

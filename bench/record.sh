#!/usr/bin/env bash
# Records N seconds (default 20) from the synthetic 720p30 camera + tone
# microphone through PeerPlayPay's recorder (our libvpx VP8 builder), then
# the same with mediadevices' built-in pkg/codec/vpx for PION_SECONDS
# (default min(N,10); 0 skips it), then encodes the identical synthetic
# frames with ffmpeg's libvpx realtime encoder. Prints CPU-seconds per
# recorded second, frames written vs expected, MB/min and the CPU ratio to
# ffmpeg. Our figure is the whole process (capture, VP8, Opus, muxing);
# ffmpeg's is video encoding only.
# Then the recording quality presets: MB per minute and CPU for each.
# Usage: bench/record.sh [seconds] [cpu-used]   (Linux; needs ffmpeg)
set -euo pipefail
secs=${1:-20}
cpu_used=${2:-0}          # 0: our default
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/recordbench" ./bench/recordbench

run_ours() { # $1 = label, $2 = seconds, rest: recordbench flags
  local label=$1 n=$2; shift 2
  echo "== $label, ${n}s (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  "$tmp/recordbench" -mode record -seconds "$n" -out "$tmp/rec.webm" "$@" > "$tmp/rec.json"
  python3 - "$tmp/rec.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"  CPU-s per recorded s : {r['cpu_s_per_s']:.3f}  ({r['cpu_seconds']:.2f} CPU-s for {r['seconds']:.2f} s, whole process: capture, VP8, Opus, mux)")
print(f"  frames written/expect: {r['frames_written']}/{r['frames_expected']}  ({r['fps']:.2f} fps)")
print(f"  size                 : {r['bytes']/1e6:.2f} MB, {r['mb_per_min']:.2f} MB/min (audio packets: {r['audio_frames']})")
PY
  if command -v ffprobe >/dev/null; then
    echo "  ffprobe: $(ffprobe -v error -show_entries stream=codec_name,width,height:format=duration -of compact=p=0:nk=1 "$tmp/rec.webm" | tr '\n' ' ')"
  fi
}

run_ours "PeerPlayPay recorder, our libvpx VP8 builder: synthetic 1280x720@30 VP8 + Opus" "$secs" -cpu-used "$cpu_used"
ours_cpu=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cpu_s_per_s"])' "$tmp/rec.json")
pion_secs=${PION_SECONDS:-$(( secs < 10 ? secs : 10 ))}
if [ "$pion_secs" -gt 0 ]; then
  run_ours "Same recorder with mediadevices' pkg/codec/vpx (defaults, 2 Mbps)" "$pion_secs" -encoder pion
fi

echo "== ffmpeg libvpx -deadline realtime -b:v 2M on the same synthetic frames (video only, no audio)"
# A file of raw frames would take 41 MB per second; stream them through a
# FIFO instead. Only ffmpeg's own CPU time is counted.
ff() { # $1 = threads, $2 = cpu-used
  rm -f "$tmp/frames.fifo.yuv"; mkfifo "$tmp/frames.fifo.yuv"
  "$tmp/recordbench" -mode dump -seconds "$secs" > "$tmp/frames.fifo.yuv" &
  /usr/bin/time -f "%U %S" -o "$tmp/ff.time" \
    ffmpeg -nostdin -v error -f rawvideo -pix_fmt yuv420p -s 1280x720 -r 30 -i "$tmp/frames.fifo.yuv" \
      -c:v libvpx -deadline realtime -cpu-used "$2" -b:v 2M -threads "$1" -y "$tmp/ff.webm"
  wait
  read -r u s < "$tmp/ff.time"
  python3 - "$u" "$s" "$secs" "$tmp/ff.webm" "$1" "$ours_cpu" "$2" <<'PY'
import os, sys
u, s, secs, path, threads, ours, cu = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], float(sys.argv[6]), sys.argv[7]
cpu = (u + s) / secs
size = os.path.getsize(path)
print(f"  -cpu-used {cu:>2} -threads {threads}: CPU-s per s {cpu:.3f}, {size/1e6:.2f} MB, {size/1e6/secs*60:.2f} MB/min; ours/ffmpeg CPU ratio {ours/cpu:.2f}")
PY
}
ff 1 8
ff 2 8
ff 1 12

echo "== Recording quality presets (the app's choices), ${secs}s each, in this run"
for q in standard compact small audio; do
  "$tmp/recordbench" -mode record -seconds "$secs" -out "$tmp/q.webm" -quality "$q" > "$tmp/q.json"
  python3 - "$tmp/q.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
fr = f", frames {r['frames_written']}/{r['frames_expected']}" if r['frames_expected'] else ""
print(f"  {r['quality']:<9}: {r['mb_per_min']:.2f} MB/min, {r['cpu_s_per_s']:.3f} CPU-s per s{fr}")
PY
done

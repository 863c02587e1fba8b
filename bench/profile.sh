#!/usr/bin/env bash
# Where Tollgate's CPU goes under load: a fresh Tollgate (as bench/run.sh starts it), warmed up, recorded with JFR
# while wrk drives 64 connections, then the hottest frames (self time), the hottest of Tollgate's own frames and CPU
# by package family. Usage: bench/profile.sh [SECONDS] [json|sse]   (run it alone: flock /tmp/heavy.lock …)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
D=${1:-20}
kind=${2:-json}
out=${OUT_DIR:-$here/results}
mkdir -p "$out"
source "$here/tollgate.sh"
model=bench; stream=0
[[ $kind == sse ]] && { model=bench-sse; stream=1; }
load() { BENCH_KEY=$key BENCH_MODEL=$model BENCH_STREAM=$stream wrk -t1 -c64 -d"$1s" --timeout 10s -s "$bench/post.lua" \
  "$url/v1/chat/completions" | grep RESULT; }
load 10 >/dev/null
jfr=$out/$(date -u +%Y%m%dT%H%M%SZ)-$kind.jfr
jcmd "$payara_pid" JFR.start name=bench settings=profile >/dev/null
load "$D"
jcmd "$payara_pid" JFR.dump name=bench filename="$jfr" >/dev/null
jcmd "$payara_pid" JFR.stop name=bench >/dev/null
echo "recording: $jfr"
python3 "$here/jfr-top.py" "$jfr"

#!/usr/bin/env bash
# CPU time Tollgate's JVM spends per request (user + system, from /proc), at 1 and 64 connections, JSON and SSE:
# the figure that decides throughput on a small machine. Usage: bench/cpu.sh [SECONDS]   (run alone, with flock)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
D=${1:-10}
source "$here/tollgate.sh"
ticks() { awk '{ print $14 + $15 }' "/proc/$payara_pid/stat"; }
hz=$(getconf CLK_TCK)
run() { # model stream conns
  local t0 t1 r
  t0=$(ticks)
  r=$(BENCH_KEY=$key BENCH_MODEL=$1 BENCH_STREAM=$2 wrk -t1 -c"$3" -d"${D}s" --timeout 10s -s "$bench/post.lua" \
    "$url/v1/chat/completions" | grep RESULT)
  t1=$(ticks)
  local rps=${r#*rps=}; rps=${rps%% *}
  python3 -c "import sys; t, rps, d = (int(sys.argv[1]) - int(sys.argv[2])) / $hz, float(sys.argv[3]), $D
print(f'{sys.argv[4]:<5} c={sys.argv[5]:<3} rps={rps:7.0f}  JVM CPU {100 * t / d:4.0f}% of a core  {1000 * t / (rps * d):.3f} ms CPU/request  {sys.argv[6]}')" \
    "$t1" "$t0" "$rps" "$([[ $2 == 1 ]] && echo sse || echo json)" "$3" "${r#RESULT }"
}
run bench 0 32 >/dev/null; run bench-sse 1 32 >/dev/null # warm-up
for c in 1 64; do run bench 0 $c; run bench-sse 1 $c; done

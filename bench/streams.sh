#!/usr/bin/env bash
# 10,000 concurrent long streams through one Tollgate: an upstream (../shared/bench/sse-upstream.js) that sends one
# chunk every 100 ms for 30 s on each stream, bench/streams/LongStreams.java holding them all and checking every chunk
# arrives in order, and meanwhile wrk measures what other clients get (1 and 64 connections, JSON and SSE). Heap used
# is sampled from /metrics every 2 s. Usage: bench/streams.sh [STREAMS] [CHUNKS]   (run alone, with flock)
# OPEN_PER_SECOND (1000) paces the opening; DIRECT=1 runs the same streams against the upstream alone (calibration).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
N=${1:-10000}
CHUNKS=${2:-300}
ulimit -n "$(ulimit -Hn)"
LONG_PORT=${LONG_PORT:-18310}
open_rate=${OPEN_PER_SECOND:-1000}
cp=$("$here/clients/classpath.sh")
if [[ ${DIRECT:-0} == 1 ]]; then
  # Calibration: the same streams straight from the upstream, no gateway — what this machine's harness holds.
  bench=${BENCH_DIR:-$root/../shared/bench}
  [[ -d $bench ]] || bench=/work/shared/bench
  PORT=$LONG_PORT CHUNKS=$CHUNKS INTERVAL_MS=100 node "$bench/sse-upstream.js" & upstream=$!
  trap 'kill $upstream 2>/dev/null || true' EXIT
  sleep 1
  java -Xmx2g -cp "$cp" "$here/streams/LongStreams.java" "http://127.0.0.1:$LONG_PORT" none bench "$N" "$CHUNKS" \
    "$open_rate"
  exit
fi
source "$here/tollgate.sh"
PORT=$LONG_PORT CHUNKS=$CHUNKS INTERVAL_MS=100 node "$bench/sse-upstream.js" & pids+=($!)
# A connect timeout of 30 s: a single Node process writing 100,000 chunks a second accepts new connections late,
# and a dropped SYN is only resent after 1, 3 and 7 s.
api -X POST "$url/v1/organization/backends" -d "{\"name\":\"bench-long\",\"kind\":\"openai\",
  \"base_url\":\"http://127.0.0.1:$LONG_PORT/v1\",\"models\":[{\"model\":\"bench-long\",\"upstream_model\":\"bench\"}],
  \"timeouts\":{\"connect_ms\":${CONNECT_MS:-30000}}}" >/dev/null
sleep 2
heapfile=$data/heap.txt
( while true; do curl -fsS "$url/metrics" 2>/dev/null | awk '/^(base_)?memory_usedHeap_bytes/ { printf "%.0f\n", $2 / 1048576; exit }'; sleep 2; done ) >"$heapfile" & pids+=($!)
others() { # during the hold: what a client beside the long streams gets
  sleep "$1"
  for c in 1 64; do
    for m in bench bench-sse; do
      printf 'meanwhile %-9s c=%-3s ' "$m" "$c"
      BENCH_KEY=$key BENCH_MODEL=$m BENCH_STREAM=$([[ $m == bench ]] && echo 0 || echo 1) wrk -t1 -c$c -d4s --timeout 10s \
        -s "$bench/post.lua" "$url/v1/chat/completions" | grep RESULT | sed 's/^RESULT //'
    done
  done
}
others $((N / open_rate + 3)) & other=$!
java -Xmx2g -cp "$cp" "$here/streams/LongStreams.java" "$url" "$key" bench-long "$N" "$CHUNKS" "$open_rate" || status=$?
wait $other || true
echo "Tollgate heap used (MB, sampled every 2 s): max $(sort -n "$heapfile" | tail -1), last $(tail -1 "$heapfile")"
echo "Tollgate threads at the end: $(ls /proc/$payara_pid/task | wc -l)"
exit ${status:-0}

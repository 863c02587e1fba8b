#!/usr/bin/env bash
# Candidate upstream HTTP clients, head to head, without the gateway: the same POSTs Tollgate sends, 64 in flight,
# against the bench upstreams (nginx JSON on :19001, the Node SSE server on :19002). Prints exchanges per second and
# the client JVM's CPU per exchange. Usage: bench/clients/run.sh [SECONDS] (run it alone: flock /tmp/heavy.lock …)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=${BENCH_DIR:-$here/../../../shared/bench}
[[ -d $bench ]] || bench=/work/shared/bench
D=${1:-10}
cp=$("$here/classpath.sh")
mkdir -p /tmp/peer-bench
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
nginx -c "$bench/upstream.conf" -p /tmp/peer-bench 2>/dev/null & pids+=($!)
node "$bench/sse-upstream.js" & pids+=($!)
sleep 1
for stream in 0 1; do
  port=$([[ $stream == 1 ]] && echo 19002 || echo 19001)
  for client in jdk jdk-direct jetty; do
    java -Xmx512m -cp "$cp" "$here/UpstreamClients.java" "$client" "http://127.0.0.1:$port/v1/chat/completions" \
      "${CONCURRENCY:-64}" "$D" "$stream" 2>/dev/null | grep RESULT
  done
done

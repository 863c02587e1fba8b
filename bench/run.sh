#!/usr/bin/env bash
# Tollgate beside a direct upstream, nginx (the floor for any HTTP gateway) and the Portkey gateway (a peer), in one
# run on one machine, with every feature on: a tenant key whose project has limits (so admission really works),
# routing to two registered backends, usage recorded to the ledger. Prints ../shared/bench's raw lines, then a table
# of figures and ratios.
#
# Usage: bench/run.sh [DURATION_S]        (environment: PORT=18300, BENCH_DIR=../shared/bench, BUILD=1 to rebuild,
#                                          TOLLGATE_JAVA_OPTS for the Payara JVM, KEEP=1 to leave Tollgate running,
#                                          RS=1 to measure the Jakarta REST chat surface beside the servlet,
#                                          TRACE=1 for OpenTelemetry tracing on, every call sampled, to a sink)
# Needs wrk, nginx, node (../shared/bench/setup.sh installs them) and a JDK 21+ (deploy/jdk.sh finds one). Run it alone: it saturates the machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
D=${1:-10}
out=${OUT_DIR:-$here/results}
mkdir -p "$out"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
raw=$out/$stamp.raw
source "$here/tollgate.sh"

# JIT warm-up: the first seconds after boot run at a fraction of steady speed.
for m in bench bench-sse; do
  BENCH_KEY=$key BENCH_MODEL=$m BENCH_STREAM=$([[ $m == bench ]] && echo 0 || echo 1) \
    wrk -t1 -c32 -d"${WARMUP:-8}s" -s "$bench/post.lua" "$url/v1/chat/completions" >/dev/null
done
metric() { curl -fsS "$url/metrics" >"$data/metrics.txt"; awk -v n="$1" '$1 == n || index($1, n "{") == 1 { s += $2 } END { printf "%d\n", s }' "$data/metrics.txt"; }
completions() { curl -fsS "$url/metrics" >"$data/metrics.txt"; awk '/^llm_requests_total/ { s += $2 } END { printf "%d\n", s }' "$data/metrics.txt"; }
st0=$(metric tollgate_ledger_statements); ls0=$(metric tollgate_admission_lease_statements); n0=$(completions)

echo "running ../shared/bench/run.sh $D (direct, nginx, portkey, tollgate)…"
# RS=1: the Jakarta REST variant of the chat surface as a target of its own, in the same run (its lines: tollgate-rs).
targets=(tollgate=$url)
[[ ${RS:-0} == 1 ]] && targets+=(tollgate-rs=$url/v1/rs)
BENCH_KEY=$key BENCH_MODEL=bench BENCH_SSE_MODEL=bench-sse "$bench/run.sh" "$D" "${targets[@]}" 2>/dev/null | tee "$raw"

sleep 2 # the ledger writes its last batch
st1=$(metric tollgate_ledger_statements); ls1=$(metric tollgate_admission_lease_statements); n1=$(completions)
curl -fsS "$url/metrics" >"$data/metrics.txt"
heap_mb=$(awk '/^(base_)?memory_usedHeap_bytes/ { printf "%.0f", $2 / 1048576; exit }' "$data/metrics.txt")

# The table: figures from the raw lines, ratios within this run.
python3 "$here/table.py" "$raw" "$ready_ms" "${payara_ms:-0}" "$((st1 - st0))" "$((ls1 - ls0))" "$((n1 - n0))" "${heap_mb:-?}" | tee "$out/$stamp.table"
[[ ${TRACE:-0} == 1 ]] && echo "OTLP sink received (requests bytes): $(curl -fsS http://127.0.0.1:14318/)"
echo "raw: $raw"

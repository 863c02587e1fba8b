#!/usr/bin/env bash
# Sourced by bench/run.sh and bench/profile.sh: starts the bench upstreams and a fresh Tollgate on $PORT with its
# embedded PostgreSQL, registers the two bench backends and creates a tenant key whose project has every limit on.
# Sets: key, url, admin, data, ready_ms, payara_ms, payara_pid. Stops what it started on exit.
PORT=${PORT:-18300}
bench=${BENCH_DIR:-$root/../shared/bench}
[[ -d $bench ]] || bench=/work/shared/bench
war=$root/deploy/war/target/tollgate.war
runner=$root/deploy/runner/target
data=${DATA_DIR:-/tmp/tollgate-bench-$PORT}
url=http://127.0.0.1:$PORT
admin=sk-tgadm-bench$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
mkdir -p /tmp/peer-bench
source "$root/deploy/jdk.sh"
find_jdk || exit 1

if [[ ${BUILD:-0} == 1 || ! -f $war || ! -f $runner/classes/io/tollgate/runner/TollgateRunner.class ]]; then
  echo "building (reactor, no install)…"
  (cd "$root" && mvn -o -q verify -pl deploy/war,deploy/runner -am -DskipTests)
fi


pids=()
tollgate_pid=
cleanup() {
  if [[ -n $tollgate_pid && ${KEEP:-0} != 1 ]]; then
    kill -TERM "$tollgate_pid" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$tollgate_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  [[ ${KEEP:-0} == 1 ]] || for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ ${KEEP:-0} == 1 ]] || wait 2>/dev/null || true
}
trap cleanup EXIT

# The bench upstreams, up before the backends are registered so health checks see them, and kept up through the
# shared harness (its own copies then find the ports taken and exit).
nginx -c "$bench/upstream.conf" -p /tmp/peer-bench 2>/dev/null & pids+=($!)
# TRACE=1: OpenTelemetry on, every call sampled, spans exported over OTLP/HTTP to a sink that only counts them.
if [[ ${TRACE:-0} == 1 ]]; then
  python3 "$here/otlp-sink.py" 14318 & pids+=($!)
  export OTEL_SDK_DISABLED=false OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:14318 OTEL_TRACES_SAMPLER=always_on
fi
node "$bench/sse-upstream.js" & pids+=($!)

rm -rf "$data"
mkdir -p "$data"
echo "starting Tollgate on :$PORT (data $data)…"
started=$(date +%s%N)
TOLLGATE_JAKARTA_REST_INFERENCE=$([[ ${RS:-0} == 1 ]] && echo true || echo false) \
  TOLLGATE_ADMIN_API_KEY=$admin TOLLGATE_SEED_DEMO=false TOLLGATE_PORT=$PORT TOLLGATE_DATA_DIR=$data \
  "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$runner/classes:$runner/lib/*" \
  io.tollgate.runner.TollgateRunner --port "$PORT" --data-dir "$data" --war "$war" \
  --payara-micro "$runner/payara-micro.jar" >"$data/runner.out" 2>&1 &
tollgate_pid=$!
until grep -q '^Ready in' "$data/runner.out"; do
  kill -0 "$tollgate_pid" 2>/dev/null || { cat "$data/runner.out"; exit 1; }
  sleep 0.2
done
ready_ms=$((($(date +%s%N) - started) / 1000000))
runner_line=$(grep '^Ready in' "$data/runner.out")
# Payara Micro's own figure for its start with the WAR deployed ("… ready in 21,563 (ms)").
payara_ms=$(grep -o 'ready in [0-9,]* (ms)' "$data/logs/server.log" | tail -1 | tr -dc 0-9)
payara_pid=$(pgrep -f -- "--rootdir $data/payara" | head -1)
echo "$runner_line; Payara Micro reported ${payara_ms} ms; Payara pid $payara_pid"

api() { curl -fsS -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' "$@"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
api -X POST "$url/v1/organization/backends" -d '{"name":"bench-json","kind":"openai","base_url":"http://127.0.0.1:19001/v1",
  "models":[{"model":"bench","upstream_model":"bench"}],"price":{"input_usd_per_1m":0.15,"output_usd_per_1m":0.6}}' >/dev/null
# The stream model's public name differs from the upstream's, so every chunk's `model` is rewritten.
api -X POST "$url/v1/organization/backends" -d '{"name":"bench-sse","kind":"openai","base_url":"http://127.0.0.1:19002/v1",
  "models":[{"model":"bench-sse","upstream_model":"bench"}],"price":{"input_usd_per_1m":0.15,"output_usd_per_1m":0.6}}' >/dev/null
project=$(api -X POST "$url/v1/organization/projects" -d '{"name":"bench"}' | field "['id']")
key=$(api -X POST "$url/v1/organization/projects/$project/service_accounts" -d '{"name":"bench"}' | field "['api_key']['value']")
# Every limit on, high enough never to refuse: admission takes leases and reserves on every request.
api -X POST "$url/v1/organization/projects/$project/settings" -d '{"max_requests_per_1_minute":100000000,
  "max_tokens_per_1_minute":2000000000,"monthly_token_quota":900000000000,"max_concurrent_requests":100000}' >/dev/null
for m in bench bench-sse; do
  api -X POST "$url/v1/organization/projects/$project/rate_limits/rl-$m" -d '{"max_requests_per_1_minute":100000000,
    "max_tokens_per_1_minute":2000000000,"max_requests_per_1_day":2000000000}' >/dev/null
done
api -X POST "$url/v1/organization/projects/$project/spend_limit" -d '{"threshold_amount":100000000000,
  "currency":"USD","interval":"month"}' >/dev/null
sleep 1
hdrs=$(curl -sS -D - -o /dev/null "$url/v1/chat/completions" -H "Authorization: Bearer $key" \
  -H 'Content-Type: application/json' -d '{"model":"bench","messages":[{"role":"user","content":"hi"}]}')
grep -qi '^x-ratelimit-limit-requests' <<<"$hdrs" || { echo "admission is not on (no x-ratelimit headers):"; echo "$hdrs"; exit 1; }


#!/usr/bin/env bash
# What admission adds to a request: the same Tollgate, the same upstream (shared/bench's nginx fixed-JSON completion),
# one project with no limits and one with every limit on (requests and tokens per minute, per-model limits,
# concurrency, monthly token quota, spend limit) set high enough never to refuse. Alternating rounds, same run.
# Usage: TOLLGATE_URL=http://127.0.0.1:18080 TOLLGATE_ADMIN_KEY=sk-tgadm-... deploy/bench/admission.sh [SECONDS] [ROUNDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=${BENCH_DIR:-$here/../../../shared/bench}
url=${TOLLGATE_URL:?set TOLLGATE_URL}; admin=${TOLLGATE_ADMIN_KEY:?set TOLLGATE_ADMIN_KEY}
D=${1:-8}; rounds=${2:-3}
api() { curl -fsS -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' "$@"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

mkdir -p /tmp/peer-bench
nginx -c "$bench/upstream.conf" -p /tmp/peer-bench & upstream=$!
trap 'kill $upstream 2>/dev/null; wait 2>/dev/null' EXIT
sleep 1
api -X POST "$url/v1/organization/backends" -d "{\"name\":\"bench-upstream-$$\",\"kind\":\"openai\",
  \"base_url\":\"http://127.0.0.1:19001/v1\",\"models\":[{\"model\":\"bench\"}],
  \"price\":{\"input_usd_per_1m\":0.15,\"output_usd_per_1m\":0.6}}" >/dev/null
key_for() { # project name -> a service account key
  local p; p=$(api -X POST "$url/v1/organization/projects" -d "{\"name\":\"$1\"}" | field "['id']")
  echo "$p $(api -X POST "$url/v1/organization/projects/$p/service_accounts" -d '{"name":"bench"}' | field "['api_key']['value']")"
}
read -r _ free_key < <(key_for bench-unlimited)
read -r limited_project limited_key < <(key_for bench-limited)
api -X POST "$url/v1/organization/projects/$limited_project/settings" -d '{"max_requests_per_1_minute":100000000,
  "max_tokens_per_1_minute":2000000000,"monthly_token_quota":900000000000,"max_concurrent_requests":100000}' >/dev/null
api -X POST "$url/v1/organization/projects/$limited_project/rate_limits/rl-bench" -d '{"max_requests_per_1_minute":100000000,
  "max_tokens_per_1_minute":2000000000,"max_requests_per_1_day":2000000000}' >/dev/null
api -X POST "$url/v1/organization/projects/$limited_project/spend_limit" -d '{"threshold_amount":100000000000,
  "currency":"USD","interval":"month"}' >/dev/null
sleep 2
run() { # name key conns
  BENCH_KEY=$2 BENCH_MODEL=bench wrk -t1 -c"$3" -d"${D}s" --timeout 10s -s "$bench/post.lua" \
    "$url/v1/chat/completions" 2>&1 | grep RESULT | sed "s/^RESULT/$(printf '%-10s c=%-3s' "$1" "$3")/"
}
run warmup "$limited_key" 16 >/dev/null; run warmup "$free_key" 16 >/dev/null
for c in 1 64; do
  for ((i = 1; i <= rounds; i++)); do
    run no-limits "$free_key" "$c"
    run all-limits "$limited_key" "$c"
  done
done

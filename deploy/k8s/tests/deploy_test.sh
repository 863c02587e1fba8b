#!/usr/bin/env bash
# Tests deploy/deploy.sh without a cluster or a gateway (run by ../check.sh; about two seconds):
#   1. register-backends against mock_tollgate.py on 127.0.0.1: creates what is missing, updates by name what
#      exists, twice in a row without duplicates, with the GPU type and count of each entry; fails on a bad key.
#   2. apply against a stub kubectl that records its calls: database, then migration Job (awaited), then the
#      gateway, alert rules and GPU backends; nothing after a failed migration.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
deploy=$root/deploy/deploy.sh
py=${PYTHON:-python3}
tmp=$(mktemp -d)
mock_pid=
# shellcheck disable=SC2317  # called by the trap
cleanup() {
    if [[ -n $mock_pid ]]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
passes=0
check() {   # check DESCRIPTION COMMAND...
    local what=$1; shift
    if "$@"; then passes=$((passes + 1)); else echo "  FAIL deploy_test: $what" >&2; failures=$((failures + 1)); fi
}

# ---- 1. register-backends
MOCK_LOG=$tmp/requests.log "$py" "$here/mock_tollgate.py" vllm-l40s-llama-3-1-8b > "$tmp/port" &
mock_pid=$!
for _ in $(seq 50); do [[ -s $tmp/port ]] && break; sleep 0.1; done
[[ -s $tmp/port ]] || { echo "  FAIL deploy_test: the mock gateway did not start" >&2; exit 1; }
TOLLGATE_URL="http://127.0.0.1:$(cat "$tmp/port")/"
export TOLLGATE_URL TOLLGATE_ADMIN_KEY=sk-tgadm-test PYTHON="$py"
entries=$("$py" "$root/deploy/k8s/vllm/generate.py" --registrations | wc -l)

out=$("$deploy" register-backends 2>&1) || out="failed: $out"
check "first run: the pre-existing backend is updated, the others created ($out)" \
    grep -qx "register-backends: $((entries - 1)) created, 1 updated" <<< "$out"
out=$(VLLM_API_KEY=vllm-secret "$deploy" register-backends 2>&1) || out="failed: $out"
check "second run: all updated, none created ($out)" grep -qx "register-backends: 0 created, $entries updated" <<< "$out"
curl -sS -H "Authorization: Bearer $TOLLGATE_ADMIN_KEY" "${TOLLGATE_URL}v1/organization/backends" > "$tmp/list.json"
"$py" "$root/deploy/k8s/vllm/generate.py" --registrations > "$tmp/registrations"
check "the gateway holds one backend per entry, named, priced and routed as the list says" \
    "$py" - "$tmp/list.json" "$tmp/registrations" <<'PY'
import json, sys
have = {b["name"]: b for b in json.load(open(sys.argv[1]))["data"]}
want = [json.loads(l) for l in open(sys.argv[2])]
ok = len(have) == len(want)
for w in want:
    b = have.get(w["name"])
    ok = ok and b is not None and b["gpu"] == w["gpu"] and b["models"] == w["models"] \
        and b["base_url"] == w["base_url"] and b["kind"] == "openai" and b["has_api_key"]
sys.exit(0 if ok else 1)
PY
check "modify requests leave out kind; VLLM_API_KEY is sent as api_key" "$py" - "$tmp/requests.log" <<'PY'
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
modifies = [r for r in reqs if r["method"] == "POST" and r["path"].count("/") == 4]
ok = modifies and all("kind" not in r["body"] for r in modifies)
ok = ok and all(r["body"].get("api_key") == "vllm-secret" for r in reqs[-len(modifies):] if r["method"] == "POST")
sys.exit(0 if ok else 1)
PY
# shellcheck disable=SC2016  # expanded by the inner bash
check "a wrong admin key fails with the gateway's message" \
    bash -c '! TOLLGATE_ADMIN_KEY=sk-tgadm-wrong "$1" register-backends 2>"$2/err" && grep -q "Incorrect API key" "$2/err"' \
    _ "$deploy" "$tmp"
kill "$mock_pid"; wait "$mock_pid" 2>/dev/null || true; mock_pid=

# ---- 2. apply, with a stub kubectl
cat > "$tmp/kubectl" <<'STUB'
#!/usr/bin/env bash
[[ $1 == kustomize ]] && exec "$REAL_KUBECTL" "$@"
echo "$*" >> "$STUB_DIR/calls"
case "$*" in
    "get namespace "*) [[ -f $STUB_DIR/ns-$3 ]] ;;
    "create namespace "*) touch "$STUB_DIR/ns-$3" ;;
    *"get job tollgate-migrate "*) printf '%s ' "$STUB_JOB" ;;
    *) true ;;
esac
STUB
chmod +x "$tmp/kubectl"
export KUBECTL=$tmp/kubectl STUB_DIR=$tmp REAL_KUBECTL
REAL_KUBECTL=$(command -v kubectl)

touch "$tmp/calls"
STUB_JOB=Complete "$deploy" apply prod-cnpg > "$tmp/out" 2>&1 || { cat "$tmp/out" >&2; check "apply prod-cnpg succeeds" false; }
sed "s|$root/||g" "$tmp/calls" > "$tmp/calls.rel"
cat > "$tmp/expected" <<'CALLS'
version
get namespace tollgate
create namespace tollgate
-n tollgate get secret tollgate-secrets
apply -k deploy/k8s/overlays/prod-cnpg/database
-n tollgate wait --for=condition=Ready cluster.postgresql.cnpg.io --all --timeout=15m
-n tollgate delete job tollgate-migrate --ignore-not-found --wait=true
apply -k deploy/k8s/overlays/prod-cnpg/migrate
-n tollgate get job tollgate-migrate -o jsonpath={range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}
apply -k deploy/k8s/overlays/prod-cnpg
-n tollgate rollout status deployment/tollgate --timeout=15m
get crd prometheusrules.monitoring.coreos.com
apply -k deploy/k8s -n tollgate
get crd scaledobjects.keda.sh
get namespace llm
create namespace llm
apply -k deploy/k8s/vllm/generated
CALLS
check "apply prod-cnpg: database, migration awaited, gateway, rules, GPU backends, in that order" \
    diff -u "$tmp/expected" "$tmp/calls.rel"

rm -f "$tmp/calls" "$tmp"/ns-*
touch "$tmp/ns-tollgate"
if STUB_JOB=Failed "$deploy" apply prod --skip-backends > "$tmp/out" 2>&1; then
    check "apply stops when the migration failed" false
else
    # shellcheck disable=SC2016  # expanded by the inner bash
    check "apply stops when the migration failed: nothing applied after the Job" \
        bash -c '! grep -q "^apply -k .*/overlays/prod$" "$1" && grep -q "^apply -k .*/overlays/prod/migrate$" "$1"' _ "$tmp/calls"
fi

echo "  deploy.sh: $passes passed, $failures failed"
exit $((failures > 0))

#!/usr/bin/env bash
# Tollgate on Kubernetes: render, diff, apply and roll back an environment of deploy/k8s, and register the
# self-hosted GPU backends of deploy/k8s/vllm/backends.yaml with the gateway. See deploy/k8s/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: deploy/deploy.sh COMMAND [ENV] [OPTIONS]

Commands (ENV is an overlay of deploy/k8s/overlays: dev, prod, prod-cnpg):
  render ENV [--skip-backends]   print everything `apply` would apply, in its order (kubectl kustomize)
  diff ENV [--skip-backends]     show what `apply` would change in the cluster (kubectl diff -k); exit 1 if anything
  apply ENV [--skip-backends]    1. the database, for an overlay that has one (prod-cnpg), and wait until ready
                                 2. the schema migration Job, and wait until it completed (stop if it failed)
                                 3. the gateway overlay, and wait for its rollout
                                 4. the alert rules, when the cluster has the Prometheus Operator
                                 5. the GPU backends (deploy/k8s/vllm/generated), unless --skip-backends
  register-backends [--dry-run]  create or update, by name, one Tollgate backend per entry of
                                 deploy/k8s/vllm/backends.yaml, with its GPU type and count for pricing.
                                 Needs TOLLGATE_URL (e.g. https://tollgate.example.com) and TOLLGATE_ADMIN_KEY
                                 (sk-tgadm-...); VLLM_API_KEY, when set, is stored as each backend's api_key.
  rollback ENV                   put the gateway back on its previous ReplicaSet (kubectl rollout undo)
  help                           this text

Environment: KUBECTL (default kubectl; its current context is the target cluster), TIMEOUT (default 15m, for
each wait), PYTHON (default: a python3 with PyYAML).
EOF
}

die() { echo "deploy.sh: $*" >&2; exit 1; }
say() { echo "==> $*" >&2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
k8s=$here/k8s
KUBECTL=${KUBECTL:-kubectl}
TIMEOUT=${TIMEOUT:-15m}

python_with_yaml() {
    local p
    for p in ${PYTHON:-} python3 /usr/bin/python3; do
        if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import yaml' 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    die "needs python3 with PyYAML (Debian: apt-get install python3-yaml)"
}

kube() { "$KUBECTL" "$@"; }

environments() {
    local k
    for k in "$k8s"/overlays/*/kustomization.yaml; do
        k=${k%/kustomization.yaml}
        printf '%s ' "${k##*/}"
    done
}

# The overlay directory of an environment, checked.
overlay() {
    local env=${1:-}
    [[ -n $env ]] || { usage >&2; exit 2; }
    [[ $env =~ ^[a-z0-9][a-z0-9-]*$ && -f $k8s/overlays/$env/kustomization.yaml ]] ||
        die "unknown environment '$env'; one of: $(environments)"
    echo "$k8s/overlays/$env"
}

# The namespace an overlay deploys to (the first metadata.namespace it renders).
namespace_of() {
    local ns
    ns=$(kube kustomize "$1" | awk '$1 == "namespace:" { print $2; exit }')
    [[ -n $ns ]] || die "$1 renders no namespace"
    echo "$ns"
}

backends_namespace() { "$(python_with_yaml)" "$k8s/vllm/generate.py" --names | sed -n 1p; }  # sed reads to the end: head would close the pipe under the writer

check_generated() {
    "$(python_with_yaml)" "$k8s/vllm/generate.py" --check ||
        die "deploy/k8s/vllm/generated/ is stale: run deploy/k8s/vllm/generate.py (and commit it)"
}

# The parts of an environment in apply order: "label<TAB>kustomization dir<TAB>namespace for -n (or empty)".
parts() {
    local dir=$1 ns=$2 skip_backends=$3
    [[ -f $dir/database/kustomization.yaml ]] && printf 'database\t%s\t\n' "$dir/database"
    printf 'migration\t%s\t\n' "$dir/migrate"
    printf 'gateway\t%s\t\n' "$dir"
    printf 'alert rules\t%s\t%s\n' "$k8s" "$ns"
    [[ $skip_backends == yes ]] || printf 'GPU backends\t%s\t\n' "$k8s/vllm/generated"
}

parse_skip() {
    local skip=no arg
    for arg in "$@"; do
        case $arg in
            --skip-backends) skip=yes ;;
            *) die "unknown option '$arg'" ;;
        esac
    done
    echo "$skip"
}

cmd_render() {
    local dir skip env_ns label part ns
    dir=$(overlay "${1:-}"); shift
    skip=$(parse_skip "$@")
    [[ $skip == yes ]] || check_generated
    env_ns=$(namespace_of "$dir")
    while IFS=$'\t' read -r label part ns; do
        echo "# ---- $label: ${part#"$root/"}${ns:+ (applied with -n $ns)}"
        kube kustomize "$part"
        echo "---"
    done < <(parts "$dir" "$env_ns" "$skip")
}

cmd_diff() {
    local dir skip env_ns label part ns rc status=0
    dir=$(overlay "${1:-}"); shift
    skip=$(parse_skip "$@")
    [[ $skip == yes ]] || check_generated
    env_ns=$(namespace_of "$dir")
    while IFS=$'\t' read -r label part ns; do
        say "$label (${part#"$root/"})"
        rc=0
        kube diff -k "$part" ${ns:+-n "$ns"} || rc=$?
        case $rc in
            0) ;;
            1) status=1 ;;
            *) die "kubectl diff failed for $label (exit $rc)" ;;
        esac
    done < <(parts "$dir" "$env_ns" "$skip")
    return "$status"
}

ensure_namespace() {
    kube get namespace "$1" >/dev/null 2>&1 || kube create namespace "$1"
}

has_crd() { kube get crd "$1" >/dev/null 2>&1; }

# Waits until a Job completed; prints its logs and fails when it failed or TIMEOUT passed.
wait_job() {
    local ns=$1 job=$2 deadline conditions
    deadline=$(( $(date +%s) + $(to_seconds "$TIMEOUT") ))
    while :; do
        conditions=$(kube -n "$ns" get job "$job" \
            -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}' 2>/dev/null || true)
        case " $conditions " in
            *" Complete "*) return 0 ;;
            *" Failed "*) break ;;
        esac
        (( $(date +%s) < deadline )) || { echo "deploy.sh: job/$job not complete after $TIMEOUT" >&2; break; }
        sleep 5
    done
    kube -n "$ns" logs "job/$job" --all-containers --tail=100 >&2 || true
    die "the migration Job failed: nothing after it was applied (the gateway still runs the previous release)"
}

to_seconds() {
    case $1 in
        *h) echo $(( ${1%h} * 3600 )) ;;
        *m) echo $(( ${1%m} * 60 )) ;;
        *s) echo "${1%s}" ;;
        *) echo "$1" ;;
    esac
}

cmd_apply() {
    local env=${1:-} dir skip ns bns
    dir=$(overlay "$env"); shift
    skip=$(parse_skip "$@")
    [[ $skip == yes ]] || check_generated
    ns=$(namespace_of "$dir")
    kube version >/dev/null || die "no cluster reachable with $KUBECTL's current context"
    ensure_namespace "$ns"
    kube -n "$ns" get secret tollgate-secrets >/dev/null 2>&1 ||
        die "Secret tollgate-secrets is missing in namespace $ns: create it first (deploy/k8s/README.md, step 2)"

    if [[ -f $dir/database/kustomization.yaml ]]; then
        say "database ($env/database)"
        kube apply -k "$dir/database"
        kube -n "$ns" wait --for=condition=Ready cluster.postgresql.cnpg.io --all --timeout="$TIMEOUT"
    fi

    say "schema migration ($env/migrate)"
    kube -n "$ns" delete job tollgate-migrate --ignore-not-found --wait=true   # a Job's template is immutable
    kube apply -k "$dir/migrate"
    wait_job "$ns" tollgate-migrate

    say "gateway ($env)"
    kube apply -k "$dir"
    kube -n "$ns" rollout status deployment/tollgate --timeout="$TIMEOUT" ||
        die "the gateway's rollout did not finish; look at its pods, or go back: deploy/deploy.sh rollback $env"

    if has_crd prometheusrules.monitoring.coreos.com; then
        say "alert rules"
        kube apply -k "$k8s" -n "$ns"
    else
        say "alert rules skipped: the cluster has no Prometheus Operator (PrometheusRule CRD)"
    fi

    if [[ $skip == yes ]]; then
        say "GPU backends skipped (--skip-backends)"
    else
        has_crd scaledobjects.keda.sh ||
            die "the GPU backends need KEDA (ScaledObject CRD); install it, or apply with --skip-backends"
        bns=$(backends_namespace)
        say "GPU backends (vllm/generated, namespace $bns)"
        ensure_namespace "$bns"
        kube apply -k "$k8s/vllm/generated"
        say "the first start of a backend downloads its model (up to an hour): kubectl -n $bns get pods -w"
        say "then register them with the gateway: deploy/deploy.sh register-backends"
    fi
}

cmd_rollback() {
    local env=${1:-} dir ns
    dir=$(overlay "$env")
    ns=$(namespace_of "$dir")
    say "gateway in $ns back to its previous revision"
    kube -n "$ns" rollout undo deployment/tollgate
    kube -n "$ns" rollout status deployment/tollgate --timeout="$TIMEOUT"
    echo "Rolled back. The schema stays migrated (migrations only go forward, and a release must run on the" >&2
    echo "schema of the next one), and the next 'apply $env' deploys the overlay's image again: fix it there." >&2
}

# register-backends: one JSON body per line from generate.py; looked up by name in GET /v1/organization/backends.
cmd_register() {
    local dry_run=no arg py regs list body name id response url
    for arg in "$@"; do
        case $arg in
            --dry-run) dry_run=yes ;;
            *) die "unknown option '$arg'" ;;
        esac
    done
    py=$(python_with_yaml)
    regs=$("$py" "$k8s/vllm/generate.py" --registrations)
    if [[ $dry_run == yes ]]; then
        echo "$regs"
        return 0
    fi
    [[ -n ${TOLLGATE_URL:-} ]] || die "set TOLLGATE_URL to the gateway's base URL (e.g. https://tollgate.example.com)"
    [[ -n ${TOLLGATE_ADMIN_KEY:-} ]] || die "set TOLLGATE_ADMIN_KEY to an admin API key (sk-tgadm-...)"
    command -v curl >/dev/null 2>&1 || die "needs curl"
    url=${TOLLGATE_URL%/}/v1/organization/backends

    list=$(api GET "$url") || die "could not list the backends: $list"
    local created=0 updated=0
    while IFS= read -r body; do
        name=$("$py" -c 'import json, sys; print(json.loads(sys.argv[1])["name"])' "$body")
        id=$("$py" -c '
import json, sys
page = json.loads(sys.argv[1])
if page.get("object") != "list":
    sys.exit("unexpected answer to GET /v1/organization/backends")
ids = [b["id"] for b in page.get("data", []) if b.get("name") == sys.argv[2]]
if len(ids) > 1:
    sys.exit(f"{len(ids)} backends are named {sys.argv[2]}: delete all but one")
print(ids[0] if ids else "")' "$list" "$name")
        if [[ -n ${VLLM_API_KEY:-} ]]; then
            body=$("$py" -c 'import json, sys; b = json.loads(sys.argv[1]); b["api_key"] = sys.argv[2]; print(json.dumps(b))' \
                "$body" "$VLLM_API_KEY")
        fi
        if [[ -z $id ]]; then
            response=$(api POST "$url" "$body") || die "creating $name failed: $response"
            id=$("$py" -c 'import json, sys; print(json.loads(sys.argv[1])["id"])' "$response")
            echo "created $name ($id)"
            created=$((created + 1))
        else
            # A modify request: kind cannot change, api_key left out keeps the stored one.
            body=$("$py" -c 'import json, sys; b = json.loads(sys.argv[1]); b.pop("kind"); print(json.dumps(b))' "$body")
            response=$(api POST "$url/$id" "$body") || die "updating $name ($id) failed: $response"
            echo "updated $name ($id)"
            updated=$((updated + 1))
        fi
    done <<< "$regs"
    echo "register-backends: $created created, $updated updated"
}

# api METHOD URL [BODY]: prints the response body; fails on an HTTP error (the body then says why). The key and
# the body (which may hold VLLM_API_KEY) reach curl through a file descriptor and stdin, not its command line,
# which other users of the machine can read.
api() {
    local method=$1 target=$2 body=${3:-}
    local args=(-sS --fail-with-body --max-time 60 -X "$method" -H 'Accept: application/json')
    if [[ -n $body ]]; then
        curl "${args[@]}" -H @<(printf 'Authorization: Bearer %s\n' "$TOLLGATE_ADMIN_KEY") \
            -H 'Content-Type: application/json' --data-binary @- "$target" <<< "$body"
    else
        curl "${args[@]}" -H @<(printf 'Authorization: Bearer %s\n' "$TOLLGATE_ADMIN_KEY") "$target"
    fi
}

main() {
    local cmd=${1:-help}
    [[ $# -gt 0 ]] && shift
    case $cmd in
        render) cmd_render "$@" ;;
        diff) cmd_diff "$@" ;;
        apply) cmd_apply "$@" ;;
        register-backends) cmd_register "$@" ;;
        rollback) cmd_rollback "$@" ;;
        help | -h | --help) usage ;;
        *) usage >&2; exit 2 ;;
    esac
}

main "$@"

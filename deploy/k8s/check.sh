#!/usr/bin/env bash
# Checks everything under deploy/k8s offline (no cluster), in about 15 seconds; `mvn verify` in deploy/ runs it.
#   1. vllm/generated/ is what vllm/generate.py makes of vllm/backends.yaml;
#   2. every kustomization renders with `kubectl kustomize` (Components through an overlay using them);
#   3. each rendered set hangs together: selectors match pod templates; HPAs, ScaledObjects, Ingresses and routes
#      find their targets; ConfigMaps, PVCs and Secrets exist or are documented external ones (created by hand
#      or by an operator); overlays no longer run the placeholder image; a vLLM pod's tensor-parallel size is its
#      GPU count; a scale-to-zero backend has a trigger that can wake it; the Ingress streams (no buffering,
#      long timeouts); the CloudNativePG Cluster (no schema offline) has the fields the gateway relies on;
#   4. every object validates against the Kubernetes API schemas, unknown fields included (validate/: the
#      kubernetes-models packages from npm, pinned in validate/package-lock.json and installed by this script);
#   5. the custom metrics the autoscalers ask for are in prometheus-adapter's rules and are exported by the
#      gateway (their names appear in gateway-module's Java sources);
#   6. tollgate-prometheusrule.yaml is in sync with deploy/monitoring (deploy/monitoring/check-prometheusrule-sync.sh);
#   7. deploy/deploy.sh: register-backends against a stand-in gateway on 127.0.0.1, apply's order with a stub
#      kubectl (tests/deploy_test.sh); shellcheck on the scripts when it is installed.
# Needs kubectl (kustomize v5), python3 with PyYAML, node and npm (the npm registry, on the first run).
#
# Usage: deploy/k8s/check.sh [--from-build]      exit status 0 = all good
#   --from-build: called by Maven. Outside CI (CI unset), a missing kubectl or node skips the check with a
#   warning instead of failing the build; in CI it fails, since CI must check the manifests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"

from_build=no
[[ ${1:-} == --from-build ]] && from_build=yes

missing() {   # missing WHAT HOW-TO-GET-IT
    if [[ $from_build == yes && ${CI:-} != true ]]; then
        echo "WARNING deploy/k8s/check.sh skipped: $1 not found ($2). CI runs it." >&2
        exit 0
    fi
    echo "check.sh: $1 not found ($2)" >&2
    exit 2
}
command -v kubectl >/dev/null 2>&1 ||
    missing kubectl "kubectl 1.27+ with kustomize v5; Debian's kubernetes-client package is too old (1.20)"
py=
for p in ${PYTHON:-} python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import yaml' 2>/dev/null; then py=$p; break; fi
done
[[ -n $py ]] || missing "python3 with PyYAML" "apt-get install python3-yaml"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing "node and npm" "apt-get install nodejs npm"
fi

work=$(mktemp -d)
trap 'rm -rf "$work" "$here/.check-components"' EXIT
status=0
fail() { echo "FAIL   $*"; status=1; }

# ---- 1. generated vLLM backends
if "$py" vllm/generate.py --check; then
  echo "ok     vllm/generated in sync with vllm/backends.yaml"
else
  fail "vllm/generated is stale: run deploy/k8s/vllm/generate.py"
fi

# ---- 2. render. Components are rendered on top of an overlay that does not already use them.
declare -A component_host=([components/gateway-api]=overlays/prod [components/otel-collector]=overlays/prod)
mkdir -p .check-components
sets=()
n=0
for k in $(find . -name kustomization.yaml -not -path '*/.*' -not -path '*/node_modules/*' | sort); do
  dir=$(dirname "$k" | sed 's|^\./||')
  if grep -q '^kind: Component' "$k"; then
    host=${component_host[$dir]:-}
    if [[ -z $host ]]; then
      if grep -rqs -- "${dir##*/}\$" overlays --include=kustomization.yaml; then
        echo "skip   $dir (Component: rendered through the overlays that use it)"
        continue
      fi
      fail "$dir: a Component no overlay uses; name one in check.sh's component_host to render it"
      continue
    fi
    # A kustomization next to the host overlay's own: the Component before the host's env Component (which
    # sets the namespace), as the Component's header says to use it.
    name=${dir//\//-}
    mkdir -p ".check-components/$name"
    {
      echo "resources: [../../base]"
      echo "components: [../../$dir, ../../$host/env]"
    } > ".check-components/$name/kustomization.yaml"
    render_dir=.check-components/$name
    label="$dir (on base + $host/env)"
  else
    render_dir=$dir
    label=$dir
  fi
  n=$((n + 1))
  if ! kubectl kustomize "$render_dir" > "$work/$n.yaml" 2> "$work/$n.err"; then
    fail "$label"; sed 's/^/  /' "$work/$n.err" >&2
  elif [[ ! -s $work/$n.yaml ]]; then
    fail "$label: rendered nothing"
  else
    echo "ok     $label"
    sets+=("$label=$work/$n.yaml")
  fi
done

# ---- 3. cross-references, and the objects as JSON for 4.
"$py" - "$work/sets.json" "$work/metrics.txt" "${sets[@]}" <<'PY' || status=1
import json, re, sys
import yaml

out_json, out_metrics, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
# Secrets created outside these manifests: by hand (README) or by an operator (CloudNativePG's app Secret).
EXTERNAL_SECRETS = {"tollgate-secrets", "hf-token", "vllm-api-key", "tollgate-db-app"}
# Bases that only exist to be overlaid (vllm/generate.py fills in model, GPUs and scaling per backend).
TEMPLATES = {"vllm/base"}
failed = False
all_sets, pods_metrics = [], set()

def check_set(where, docs):
    errors = []
    err = errors.append
    by_kind = {}
    for d in docs:
        for key in ("apiVersion", "kind"):
            if key not in d: err(f"a document without {key}")
        name = (d.get("metadata") or {}).get("name")
        if not name: err(f"{d.get('kind')} without metadata.name")
        by_kind.setdefault(d.get("kind"), {})[name] = d
    get = lambda kind: by_kind.get(kind, {})

    def templates():
        for kind in ("Deployment", "StatefulSet", "Job"):
            for name, d in get(kind).items():
                yield kind, name, d["spec"]["template"]

    def matches(selector, labels):
        return all(labels.get(k) == v for k, v in (selector or {}).items())

    pod_labels = [(t.get("metadata") or {}).get("labels") or {} for _, _, t in templates()]
    for kind in ("Service", "PodDisruptionBudget"):
        for name, d in get(kind).items():
            sel = d["spec"]["selector"] if kind == "Service" else d["spec"]["selector"]["matchLabels"]
            if not any(matches(sel, labels) for labels in pod_labels):
                err(f"{kind} {name}: selector {sel} matches no pod template")
    for name, d in get("Deployment").items():
        if not matches(d["spec"]["selector"]["matchLabels"], d["spec"]["template"]["metadata"]["labels"]):
            err(f"Deployment {name}: selector does not match its own template")

    scaled = {}
    for name, d in get("HorizontalPodAutoscaler").items():
        ref = d["spec"]["scaleTargetRef"]
        scaled.setdefault(ref["name"], []).append(f"HPA {name}")
        if ref["name"] not in get(ref["kind"]):
            err(f"HPA {name}: target {ref['kind']} {ref['name']} not in this set")
        elif "replicas" in get(ref["kind"])[ref["name"]]["spec"]:
            err(f"HPA {name}: its target also sets spec.replicas (every apply would reset the HPA's count)")
        for m in d["spec"].get("metrics", []):
            if m["type"] == "Pods":
                pods_metrics.add(m["pods"]["metric"]["name"])
    for name, d in get("ScaledObject").items():
        spec = d["spec"]
        target = spec["scaleTargetRef"]["name"]
        scaled.setdefault(target, []).append(f"ScaledObject {name}")
        if target not in get(spec["scaleTargetRef"].get("kind", "Deployment")):
            err(f"ScaledObject {name}: target {target} not in this set")
        elif "replicas" in get("Deployment")[target]["spec"]:
            err(f"ScaledObject {name}: its target also sets spec.replicas")
        ns = d["metadata"].get("namespace")
        vllm_triggers = []
        for t in spec["triggers"]:
            if t["type"] == "prometheus":
                md = t["metadata"]
                for key in ("serverAddress", "query", "threshold"):
                    if not md.get(key): err(f"ScaledObject {name}: trigger {t.get('name')} without {key}")
                q = md.get("query", "")
                if "vllm:" in q:
                    vllm_triggers.append(t)
                    if where not in TEMPLATES and f'service="{target}"' not in q or (ns and f'namespace="{ns}"' not in q):
                        err(f"ScaledObject {name}: query {q!r} is not about its own Service {target} in {ns}")
        if spec.get("minReplicaCount", 1) == 0 and len(vllm_triggers) == len(spec["triggers"]):
            err(f"ScaledObject {name}: scales to zero but only on vLLM's own metrics, which a backend at 0 pods "
                f"does not export: nothing would wake it")
    for target, owners in scaled.items():
        if len(owners) > 1:
            err(f"{target} is scaled by {len(owners)} autoscalers ({', '.join(owners)}): they would fight")

    for kind, name, t in templates():
        spec = t["spec"]
        for c in spec.get("initContainers", []) + spec.get("containers", []):
            img = c.get("image", "")
            if where.startswith("overlays/") and img == "tollgate:latest":
                err(f"{kind} {name}/{c['name']}: still the placeholder image tollgate:latest")
            placeholder = img == "tollgate:latest" and not where.startswith("overlays/")   # base/, migrate/
            if not placeholder and (img.endswith(":latest") or (":" not in img.rsplit("/", 1)[-1] and "@" not in img)):
                err(f"{kind} {name}/{c['name']}: image {img} is not pinned to a tag or digest")
            for ef in c.get("envFrom", []):
                cm = (ef.get("configMapRef") or {}).get("name")
                if cm and cm not in get("ConfigMap"):
                    err(f"{kind} {name}/{c['name']}: ConfigMap {cm} not in this set")
            for e in c.get("env", []):
                if "value" in e and "valueFrom" in e:
                    err(f"{kind} {name}/{c['name']}: env {e['name']} has both value and valueFrom")
                ref = (e.get("valueFrom") or {}).get("secretKeyRef")
                if ref and ref["name"] not in get("Secret") and ref["name"] not in EXTERNAL_SECRETS:
                    err(f"{kind} {name}/{c['name']}: Secret {ref['name']} neither in this set nor a documented one")
            vols = {v["name"] for v in spec.get("volumes", [])}
            if kind == "StatefulSet":
                vols |= {v["metadata"]["name"] for v in get("StatefulSet")[name]["spec"].get("volumeClaimTemplates", [])}
            for m in {m["name"] for m in c.get("volumeMounts", [])} - vols:
                err(f"{kind} {name}/{c['name']}: volumeMount {m} has no volume")
            if c["name"] == "vllm" and where not in TEMPLATES:
                args = dict(a.split("=", 1) for a in c.get("args", []) if "=" in a)
                gpus = c.get("resources", {}).get("limits", {}).get("nvidia.com/gpu")
                label = t["metadata"]["labels"].get("tollgate.io/gpu-count")
                if not (str(gpus) == args.get("--tensor-parallel-size") == label):
                    err(f"{kind} {name}: nvidia.com/gpu {gpus}, --tensor-parallel-size "
                        f"{args.get('--tensor-parallel-size')} and label tollgate.io/gpu-count {label} must agree")
                if "--max-num-seqs" not in args: err(f"{kind} {name}: vLLM without --max-num-seqs")
                if "nvidia.com/gpu.product" not in spec.get("nodeSelector", {}):
                    err(f"{kind} {name}: no nvidia.com/gpu.product node selector")
                if (c.get("readinessProbe") or {}).get("httpGet", {}).get("path") != "/health":
                    err(f"{kind} {name}: readiness is not vLLM's /health")
        for v in spec.get("volumes", []):
            claim = (v.get("persistentVolumeClaim") or {}).get("claimName")
            if claim and claim not in get("PersistentVolumeClaim"):
                err(f"{kind} {name}: PVC {claim} not in this set")

    def service_port(svc, port):
        s = get("Service").get(svc)
        return s is not None and any(port in (p.get("name"), p.get("port")) for p in s["spec"]["ports"])

    for name, d in get("Ingress").items():
        for rule in d["spec"].get("rules", []):
            for p in rule["http"]["paths"]:
                b = p["backend"]["service"]
                port = b["port"].get("name", b["port"].get("number"))
                if not service_port(b["name"], port):
                    err(f"Ingress {name}: backend Service {b['name']} port {port} not in this set")
        if d["spec"].get("ingressClassName") == "nginx":
            a = d["metadata"].get("annotations", {})
            p = "nginx.ingress.kubernetes.io/"
            if a.get(p + "proxy-buffering") != "off" or a.get(p + "proxy-request-buffering") != "off":
                err(f"Ingress {name}: streamed responses need proxy-buffering and proxy-request-buffering off")
            for t in ("proxy-read-timeout", "proxy-send-timeout"):
                if int(a.get(p + t, "60")) < 600:
                    err(f"Ingress {name}: {t} below 600 s would cut long streams")
    for name, d in get("HTTPRoute").items():
        for rule in d["spec"]["rules"]:
            for b in rule.get("backendRefs", []):
                if not service_port(b["name"], b.get("port")):
                    err(f"HTTPRoute {name}: backend Service {b['name']} port {b.get('port')} not in this set")
    for name, d in get("Cluster").items():
        if d["apiVersion"] != "postgresql.cnpg.io/v1": continue
        spec = d["spec"]
        initdb = spec.get("bootstrap", {}).get("initdb", {})
        if not (isinstance(spec.get("instances"), int) and spec["instances"] >= 1): err(f"Cluster {name}: instances")
        if not spec.get("storage", {}).get("size"): err(f"Cluster {name}: storage.size")
        if not re.search(r":[0-9]+\.[0-9]+", spec.get("imageName", "")): err(f"Cluster {name}: imageName not pinned")
        if (initdb.get("database"), initdb.get("owner")) != ("tollgate", "tollgate"):
            err(f"Cluster {name}: bootstrap.initdb must create database tollgate owned by tollgate (the gateway's URL)")
        if f"{name}-app" not in EXTERNAL_SECRETS:
            err(f"Cluster {name}: its app Secret {name}-app is not one the gateway uses")

    for e in errors:
        print(f"  ERROR {where}: {e}")
    print(f"  {where}: {len(docs)} objects ({', '.join(f'{len(v)} {k}' for k, v in sorted(by_kind.items()))})")
    return not errors

for pair in pairs:
    where, path = pair.rsplit("=", 1)
    with open(path) as f:
        docs = [d for d in yaml.safe_load_all(f) if d is not None]
    failed |= not check_set(where, docs)
    all_sets.append({"set": where, "docs": docs})
with open(out_json, "w") as f:
    json.dump(all_sets, f)
with open(out_metrics, "w") as f:
    f.write("".join(m + "\n" for m in sorted(pods_metrics)))
sys.exit(1 if failed else 0)
PY

# ---- 4. schemas (npm ci only when the lock file changed since the last install)
if [[ ! -f validate/node_modules/.installed-lock ]] || ! cmp -s validate/package-lock.json validate/node_modules/.installed-lock; then
  if (cd validate && npm ci --no-audit --no-fund --loglevel=error > "$work/npm.log" 2>&1); then
    cp validate/package-lock.json validate/node_modules/.installed-lock
  else
    grep -v EBADENGINE "$work/npm.log" | tail -20 >&2
    fail "npm ci in deploy/k8s/validate (the schema validator's packages)"
  fi
fi
if [[ -f validate/node_modules/.installed-lock ]]; then
  if node validate/validate.mjs "$work/sets.json"; then
    echo "ok     every rendered object valid against the Kubernetes API schemas"
  else
    fail "schema validation"
  fi
fi

# ---- 5. custom metrics: HPA Pods metrics <-> prometheus-adapter rules <-> names the gateway exports
"$py" - "$work/metrics.txt" "$root" <<'PY' || status=1
import os, re, sys
import yaml
hpa = set(open(sys.argv[1]).read().split())
root = sys.argv[2]
values = yaml.safe_load(open("prometheus-adapter/values.yaml"))
adapter = {r["name"]["as"] for r in values["rules"]["custom"]}
ok = True
for m in sorted(hpa - adapter):
    print(f"FAIL   HPA metric {m} has no rule in prometheus-adapter/values.yaml", file=sys.stderr); ok = False
for m in sorted(adapter - hpa):
    print(f"FAIL   prometheus-adapter rule {m} is used by no HPA", file=sys.stderr); ok = False
# Gateway metrics the autoscalers use: the HPA's Pods metrics, and what KEDA's wake-up queries read
# (MicroProfile Metrics adds _total to a counter's registered name).
wanted = {m: m for m in adapter | hpa if m.startswith(("tollgate_", "llm_"))}
for line in open("vllm/generate.py"):
    for m in re.findall(r"\b((?:tollgate|llm)_[a-z_]+)\{", line):
        wanted[m] = m[:-len("_total")] if m.endswith("_total") else m
sources = []
java = os.path.join(root, "gateway-module", "src", "main", "java")
for d, _, files in os.walk(java):
    sources += [open(os.path.join(d, f), encoding="utf-8").read() for f in files if f.endswith(".java")]
text = "\n".join(sources)
for metric, registered in sorted(wanted.items()):
    if f'"{registered}"' in text:
        print(f"ok     metric {metric}: the gateway exports it")
    else:
        print(f"FAIL   metric {metric}: no \"{registered}\" in gateway-module/src/main/java. The gateway's HPA "
              f"(base/hpa.yaml, prometheus-adapter/values.yaml) or a KEDA trigger (vllm/generate.py) scales on a "
              f"metric the gateway does not export: add it to the gateway, or change the autoscaler.")
        ok = False
sys.exit(0 if ok else 1)
PY

# ---- 6. the PrometheusRule wrapping deploy/monitoring's rules (read-only check)
if sh ../monitoring/check-prometheusrule-sync.sh >/dev/null; then
  echo "ok     tollgate-prometheusrule.yaml in sync with deploy/monitoring/tollgate-alerts.yaml"
else
  fail "tollgate-prometheusrule.yaml out of sync (deploy/monitoring/check-prometheusrule-sync.sh)"
fi

# ---- 7. deploy.sh
if PYTHON=$py bash tests/deploy_test.sh; then
  echo "ok     deploy/deploy.sh (register-backends, apply order)"
else
  fail "deploy/deploy.sh tests (tests/deploy_test.sh)"
fi
if command -v shellcheck >/dev/null 2>&1; then
  if shellcheck ../deploy.sh check.sh tests/deploy_test.sh; then
    echo "ok     shellcheck"
  else
    fail "shellcheck"
  fi
fi

echo "check.sh: rendered $n kustomizations: $([[ $status -eq 0 ]] && echo OK || echo FAILED)"
exit $status

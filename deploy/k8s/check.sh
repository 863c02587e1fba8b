#!/bin/sh
# Renders every kustomization under deploy/k8s with `kubectl kustomize` (offline, no cluster needed) and fails
# on the first error. When python3 with PyYAML is present it also checks each rendered set:
#   - every document parses and has apiVersion, kind and metadata.name;
#   - what refers to a name finds it: Service and PDB selectors match a pod template, HPA targets, ConfigMaps,
#     PVCs, and Secrets (only tollgate-secrets, hf-token and vllm-api-key may come from outside: they are created
#     by hand, see README.md);
#   - an overlay no longer uses the placeholder image tollgate:latest.
# Kustomize Components (kind: Component) cannot be rendered alone: they are checked through the overlays using them.
# Also runs deploy/monitoring/check-prometheusrule-sync.sh (read-only) since ./kustomization.yaml ships that file.
# Usage: deploy/k8s/check.sh        (exit status 0 = all good)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

command -v kubectl >/dev/null 2>&1 || { echo "check.sh: kubectl not found" >&2; exit 2; }
pycheck=
if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
  pycheck=yes
else
  echo "note: python3 with PyYAML not found; only rendering is checked"
fi

out=$(mktemp)
trap 'rm -f "$out" "$out.err"' EXIT

# Checks one rendered set: $1 = the kustomization's directory (relative, for messages), $2 = the rendered file.
check_refs() {
  python3 - "$1" "$2" <<'PY'
import sys, yaml
where = sys.argv[1]
with open(sys.argv[2]) as f:
    docs = [d for d in yaml.safe_load_all(f) if d is not None]
errors = []
def err(msg): errors.append(msg)
external_secrets = {"tollgate-secrets", "hf-token", "vllm-api-key"}
by_kind = {}
for d in docs:
    for key in ("apiVersion", "kind"):
        if key not in d: err(f"a document without {key}")
    name = (d.get("metadata") or {}).get("name")
    if not name: err(f"{d.get('kind')} without metadata.name")
    by_kind.setdefault(d.get("kind"), {})[name] = d

def templates():
    for kind in ("Deployment", "StatefulSet", "Job"):
        for name, d in by_kind.get(kind, {}).items():
            yield kind, name, d["spec"]["template"]

def matches(selector, labels):
    return all(labels.get(k) == v for k, v in (selector or {}).items())

pod_labels = [(k, n, (t.get("metadata") or {}).get("labels") or {}) for k, n, t in templates()]
for kind, key in (("Service", "selector"), ("PodDisruptionBudget", "matchLabels")):
    for name, d in by_kind.get(kind, {}).items():
        sel = d["spec"]["selector"] if kind == "Service" else d["spec"]["selector"]["matchLabels"]
        if not any(matches(sel, labels) for _, _, labels in pod_labels):
            err(f"{kind} {name}: selector {sel} matches no pod template")
for name, d in by_kind.get("Deployment", {}).items():
    sel = d["spec"]["selector"]["matchLabels"]
    if not matches(sel, d["spec"]["template"]["metadata"]["labels"]):
        err(f"Deployment {name}: selector does not match its own template")
for name, d in by_kind.get("HorizontalPodAutoscaler", {}).items():
    ref = d["spec"]["scaleTargetRef"]
    if ref["name"] not in by_kind.get(ref["kind"], {}):
        err(f"HPA {name}: target {ref['kind']} {ref['name']} not in this set")
    if "replicas" in by_kind.get(ref["kind"], {}).get(ref["name"], {}).get("spec", {}):
        err(f"HPA {name}: its target also sets spec.replicas (every apply would reset the HPA's count)")

for kind, name, t in templates():
    spec = t["spec"]
    for c in spec.get("initContainers", []) + spec.get("containers", []):
        img = c.get("image", "")
        if where.startswith("overlays/") and img == "tollgate:latest":
            err(f"{kind} {name}/{c['name']}: still the placeholder image tollgate:latest")
        for ef in c.get("envFrom", []):
            cm = (ef.get("configMapRef") or {}).get("name")
            if cm and cm not in by_kind.get("ConfigMap", {}):
                err(f"{kind} {name}/{c['name']}: ConfigMap {cm} not in this set")
        for e in c.get("env", []):
            ref = (e.get("valueFrom") or {}).get("secretKeyRef")
            if ref and ref["name"] not in by_kind.get("Secret", {}) and ref["name"] not in external_secrets:
                err(f"{kind} {name}/{c['name']}: Secret {ref['name']} neither in this set nor a documented one")
        mounts = {m["name"] for m in c.get("volumeMounts", [])}
        vols = {v["name"] for v in spec.get("volumes", [])}
        if kind == "StatefulSet":
            vols |= {v["metadata"]["name"] for v in by_kind["StatefulSet"][name]["spec"].get("volumeClaimTemplates", [])}
        for m in mounts - vols:
            err(f"{kind} {name}/{c['name']}: volumeMount {m} has no volume")
    for v in spec.get("volumes", []):
        claim = (v.get("persistentVolumeClaim") or {}).get("claimName")
        if claim and claim not in by_kind.get("PersistentVolumeClaim", {}):
            err(f"{kind} {name}: PVC {claim} not in this set")

for e in errors:
    print(f"  ERROR {where}: {e}", file=sys.stderr)
kinds = ", ".join(f"{len(v)} {k}" for k, v in sorted(by_kind.items()))
print(f"  {len(docs)} objects ({kinds})")
sys.exit(1 if errors else 0)
PY
}

status=0
rendered=0
skipped=0
for k in $(find . -name kustomization.yaml -not -path '*/.*' | sort); do
  dir=$(dirname "$k" | sed 's|^\./||; s|^\.$|.|')
  if grep -q '^kind: Component' "$k"; then
    echo "skip   $dir (Component: checked through the overlays that use it)"
    skipped=$((skipped + 1))
    continue
  fi
  if ! kubectl kustomize "$dir" > "$out" 2>"$out.err"; then
    echo "FAIL   $dir"; sed 's/^/  /' "$out.err" >&2
    status=1
  elif [ ! -s "$out" ]; then
    echo "FAIL   $dir: rendered nothing"
    status=1
  else
    echo "ok     $dir"
    if [ -n "$pycheck" ] && ! check_refs "$dir" "$out"; then
      status=1
    fi
  fi
  rm -f "$out.err"
  rendered=$((rendered + 1))
done

# Plain YAML files that are not kustomizations (Helm values)
if [ -n "$pycheck" ]; then
  for f in prometheus-adapter/values.yaml; do
    if python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$f"; then
      echo "ok     $f (YAML)"
    else
      echo "FAIL   $f"; status=1
    fi
  done
fi

if sh ../monitoring/check-prometheusrule-sync.sh >/dev/null; then
  echo "ok     tollgate-prometheusrule.yaml in sync with deploy/monitoring/tollgate-alerts.yaml"
else
  echo "FAIL   tollgate-prometheusrule.yaml out of sync (deploy/monitoring/check-prometheusrule-sync.sh)"
  status=1
fi

echo "rendered $rendered kustomizations, skipped $skipped components: $([ $status -eq 0 ] && echo OK || echo FAILED)"
exit $status

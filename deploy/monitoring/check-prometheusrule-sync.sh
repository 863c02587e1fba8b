#!/bin/sh
# Fails when deploy/k8s/tollgate-prometheusrule.yaml's spec.groups differ from deploy/monitoring/tollgate-alerts.yaml.
# With --write, regenerates the manifest's spec from the rules file instead.
# POSIX sh + sed + diff only (no YAML library needed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
rules="$here/tollgate-alerts.yaml"
manifest="$here/../k8s/tollgate-prometheusrule.yaml"

# the rules file from "groups:" on, indented by 2 (as under spec:)
expected() { sed -n '/^groups:/,$p' "$rules" | sed 's/^\(.\)/  \1/'; }
# the manifest from "  groups:" on
actual() { sed -n '/^  groups:/,$p' "$manifest"; }

if [ "${1:-}" = "--write" ]; then
  tmp=$(mktemp)
  sed -n '1,/^spec:/p' "$manifest" > "$tmp"
  expected >> "$tmp"
  cat "$tmp" > "$manifest"; rm -f "$tmp"
  echo "rewrote $manifest"
  exit 0
fi

exp=$(mktemp); act=$(mktemp)
trap 'rm -f "$exp" "$act"' EXIT
expected > "$exp"
actual > "$act"
if diff -u "$exp" "$act"; then
  echo "PrometheusRule manifest is in sync with tollgate-alerts.yaml"
else
  echo "ERROR: deploy/k8s/tollgate-prometheusrule.yaml spec.groups differ from deploy/monitoring/tollgate-alerts.yaml." >&2
  echo "       Run deploy/monitoring/check-prometheusrule-sync.sh --write to regenerate it." >&2
  exit 1
fi

#!/usr/bin/env bash
# Runs one long fault scenario (FaultScenarios#<name>) against the real tollgate.war and prints its FIGURE lines.
# Usage: bench/faults/run-scenario.sh <name> [-Dfaults.…=…]
# Builds what it needs offline first; takes the shared heavy-run lock when there is one (a shared 2-core machine).
set -euo pipefail
cd "$(dirname "$0")/../.."
scenario="$1"; shift
log="$(mktemp -t "tollgate-faults-${scenario}.XXXX.log")"
lock=()
[ -e /tmp/heavy.lock ] && lock=(flock /tmp/heavy.lock)
status=0
"${lock[@]}" mvn -o verify -pl deploy/war -am -DskipTests=false -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test="FaultScenarios#${scenario}" "$@" >"$log" 2>&1 || status=$?
grep -h "FIGURE" "$log" deploy/war/target/failsafe-reports/*FaultScenarios*-output.txt 2>/dev/null | sed 's/^.*FIGURE /  /' | awk '!seen[$0]++' || true
if [ "$status" -ne 0 ]; then
  grep -E "Tests run:|FAIL|expected|AssertionFailed" "$log" | head -20
  echo "scenario ${scenario} FAILED (full log: $log)"
  exit "$status"
fi
echo "scenario ${scenario} passed (full log: $log)"

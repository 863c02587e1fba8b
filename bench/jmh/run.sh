#!/usr/bin/env bash
# Builds (reactor, -Pjmh, no install) and runs the hot-path micro-benchmarks. Extra arguments go to JMH
# (e.g. a regex of benchmarks, -f 1 -wi 3 -i 5). Run it alone: flock /tmp/heavy.lock bench/jmh/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
(cd "$here/../.." && mvn -o -q -Pjmh package -pl bench/jmh -am -DskipTests)
exec java -cp "$here/target/classes:$here/target/lib/*" org.openjdk.jmh.Main -f 1 "$@"

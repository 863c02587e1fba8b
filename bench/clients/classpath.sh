#!/usr/bin/env bash
# Prints the classpath of Jetty's HTTP client (resolved by Maven from bench/clients/pom.xml), for the bench's
# single-file Java programs: bench/clients/UpstreamClients.java and bench/streams/LongStreams.java.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
file=$(mktemp)
(cd "$here" && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$file" >/dev/null)
cat "$file"
rm -f "$file"

#!/usr/bin/env bash
# Static checks of the gateway image's Dockerfile (no container engine runs in CI): what the image must be, checked
# line by line — a Java 21+ JRE base that is not :latest, the WAR and Payara Micro copied from where the build leaves
# them, a non-root numeric user, the JVM sized from the container, a health check on /health/ready, and Payara started
# with the WAR at / and without its data grid.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
file="$here/Dockerfile"
fail=0
lines=$(grep -v '^[[:space:]]*#' "$file") # instructions only, comments aside
need() { # description, extended regex that some line must match
  if grep -Eq -e "$2" <<<"$lines"; then echo "ok     $1"; else echo "FAIL   $1"; fail=1; fi
}
never() { # description, extended regex that no line may match
  if grep -Eq -e "$2" <<<"$lines"; then echo "FAIL   $1"; fail=1; else echo "ok     $1"; fi
}
need  "a Java 21+ JRE base image (Payara Micro 7)"  '^FROM [a-z0-9./_-]+:(2[1-9]|[3-9][0-9])[a-z0-9._-]*jre'
never "no :latest or untagged base image"            '^FROM [^: ]+( |$)|^FROM [^ ]+:latest'
need  "the WAR from the war module's build"          '^COPY deploy/war/target/tollgate\.war '
need  "Payara Micro from the war module's build"     '^COPY deploy/war/target/payara-micro\.jar '
need  "a numeric non-root user"                      '^USER [1-9][0-9]*(:[0-9]+)?$'
never "no root user"                                 '^USER (0|root)'
need  "heap sized from the container's memory"      'MaxRAMPercentage='
need  "dies on OutOfMemoryError (the pod restarts)"  'ExitOnOutOfMemoryError'
need  "a HEALTHCHECK"                                '^HEALTHCHECK '
need  "… on /health/ready"                          'curl .*/health/ready'
need  "JSON-lines logs (Payara's JSON formatter)"   '"--logproperties", "/opt/tollgate/logging.properties"'
need  "pre-boot commands (HTTP/2 off)"               '"--prebootcommandfile", "/opt/tollgate/pre-boot.asadmin"'
need  "WAR deployed at /"                            '"--contextroot", "/"'
need  "no data grid (--nohazelcast)"                 '"--nohazelcast"'
never "no --nocluster (it brings port 6900 back)"    '--nocluster'
never "nothing fetched over the network by ADD"      '^ADD https?://'
need  "tracing off by default (OTEL_SDK_DISABLED=true)" 'OTEL_SDK_DISABLED=true'
need  "… and OTLP/HTTP when on"                      'OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf'
# The names the Dockerfile copies are the ones the build produces.
grep -q '<finalName>tollgate</finalName>\|<warName>tollgate</warName>\|<artifactId>tollgate</artifactId>' \
  "$here/../war/pom.xml" && echo "ok     deploy/war builds tollgate.war" || { echo "FAIL   deploy/war builds tollgate.war"; fail=1; }
grep -q '<destFileName>payara-micro.jar</destFileName>' "$here/../war/pom.xml" \
  && echo "ok     deploy/war copies payara-micro.jar" || { echo "FAIL   deploy/war copies payara-micro.jar"; fail=1; }
grep -q 'JSONLogFormatter' "$here/logging.properties" && echo "ok     logging.properties selects the JSON formatter" \
  || { echo "FAIL   logging.properties"; fail=1; }
grep -q 'http2-enabled=false' "$here/pre-boot.asadmin" && echo "ok     pre-boot.asadmin turns cleartext HTTP/2 off" \
  || { echo "FAIL   pre-boot.asadmin"; fail=1; }
[[ -f "$here/Dockerfile.dockerignore" ]] && echo "ok     a .dockerignore keeps the build context small" \
  || { echo "FAIL   Dockerfile.dockerignore missing"; fail=1; }
exit $fail

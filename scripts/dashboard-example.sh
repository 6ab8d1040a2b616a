#!/usr/bin/env bash
# Runs the dashboard example (connectors/dashboard-example) on this machine with the test servers:
#   scripts/dashboard-example.sh [ACCESS_LOG]
# Builds the engine, the Redis and OpenSearch connectors and the example (tests skipped), then starts
# a Redis (Debian's redis-server, installed if missing and if run as root) and an in-process
# OpenSearch node under connectors/dashboard-example/target/dashboard-local, runs the job on
# ACCESS_LOG (JSON lines as fluentd ships them; without it, one generated minute), prints the latest
# count per uri in Redis and the documents per uri and window in OpenSearch, and stops both servers
# (each run starts with empty servers).
# Set MAVEN_ARGS=-o to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."

log=""
if [ $# -gt 0 ]; then
  log="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
fi

modules=engine,connectors/redis,connectors/opensearch,connectors/dashboard-example
# shellcheck disable=SC2086
mvn -B -q ${MAVEN_ARGS:-} package dependency:build-classpath -DskipTests -pl "$modules" \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/classpath.txt

cd connectors/dashboard-example
rm -rf target/dashboard-local
exec java --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED \
  --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  -cp "target/classes:target/test-classes:$(cat target/classpath.txt)" \
  io.nagare.examples.dashboard.LocalDashboard ${log:+"$log"}

#!/usr/bin/env bash
# Runs one reference workload of docs/benchmarks.md through the normal execution path (the
# `nagare run` command, a local job) and prints its line, e.g.
#   W1 records=50000000 seconds=0.91 records_per_s=54945055
# Usage: scripts/bench.sh W1|W2|W3 [records]
set -euo pipefail
. "$(dirname "$0")/common.sh"

workload="${1:-}"
case "$workload" in
  W1|w1) workload=W1; records="${2:-50000000}" ;;
  W2|w2) workload=W2; records="${2:-20000000}" ;;
  W3|w3) workload=W3; records="${2:-5200000}" ;;
  *) echo "Usage: scripts/bench.sh W1|W2|W3 [records]" >&2; exit 2 ;;
esac

nagare_build_if_needed
jar="$(nagare_examples_jar)"
# W3's RocksDB databases and checkpoints go to a fresh temporary directory, removed afterwards.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
NAGARE_CLIENT_OPTS="${NAGARE_CLIENT_OPTS:-} -Djava.io.tmpdir=$work" NAGARE_CLIENT_HEAP="${NAGARE_CLIENT_HEAP:-4g}" "$NAGARE_HOME/scripts/nagare" run -t local \
  -c io.nagare.examples.bench.Workloads "$jar" "$workload" "$records" | grep -E "^$workload records="

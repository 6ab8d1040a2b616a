#!/usr/bin/env bash
# Runs one reference workload of docs/benchmarks.md through the normal execution path (the
# `nagare run` command: a local job, or for W2C a job on a standalone cluster of a job manager and
# two task managers with two slots each, started for the run and stopped after it) and prints its
# line, e.g.
#   W1 records=50000000 seconds=0.91 records_per_s=54945055
# W6 (Kafka to Kafka exactly once) starts a local Kafka broker for the run (scripts/local-kafka.sh,
# in the temporary directory), loads its input topic (not timed) and stops the broker afterwards.
# HS (not a job) checkpoints and restores a heap keyed state of [records] GB (default 4) through the
# runtime's checkpoint path (io.nagare.bench.HeapStateBenchmark, in the engine's tests jar) and prints
# times and peak memory; its JVM gets -Xmx10g (NAGARE_BENCH_HEAP).
# UC (not a reference workload) runs a keyed job into a throttled sink twice, with aligned and with
# unaligned checkpoints every 500 ms, and prints their checkpoint durations
# (io.nagare.bench.UnalignedCheckpointBenchmark, in the engine's tests jar), e.g.
#   UC mode=unaligned records=200000 checkpoints=17 median_ms=12 max_ms=40 seconds=10.4
# NX runs Nexmark queries (../shared/NEXMARK.md, io.nagare.examples.nexmark.Nexmark), one job and one
# line per query, e.g.
#   NX q5 events=2000000 seconds=3.21 events_per_s=623052 rows=1234
# --seed S picks the generator's seed (default 0); --verify FILE also writes the rows, one a line, in
# no particular order, to FILE (FILE.QUERY for all); --checkpoints keeps state in RocksDB with
# incremental checkpoints every 10 s.
# Usage: scripts/bench.sh W1|W2|W2C|W3|W6|HS|UC [records]
#        scripts/bench.sh NX q0|q1|q2|q3|q5|q7|q8|q11|all [events] [--seed S] [--verify FILE] [--checkpoints]
set -euo pipefail
. "$(dirname "$0")/common.sh"

workload="${1:-}"
case "$workload" in
  W1|w1) workload=W1; records="${2:-50000000}" ;;
  W2|w2) workload=W2; records="${2:-20000000}" ;;
  W2C|w2c) workload=W2C; records="${2:-20000000}" ;;
  W3|w3) workload=W3; records="${2:-5200000}" ;;
  W6|w6) workload=W6; records="${2:-5000000}" ;;
  HS|hs) workload=HS; records="${2:-4}" ;;
  UC|uc) workload=UC; records="${2:-200000}" ;;
  NX|nx) workload=NX ;;
  *) echo "Usage: scripts/bench.sh W1|W2|W2C|W3|W6|HS|UC [records]" >&2
     echo "       scripts/bench.sh NX q0|q1|q2|q3|q5|q7|q8|q11|all [events] [--seed S] [--verify FILE] [--checkpoints]" >&2
     exit 2 ;;
esac

nagare_build_if_needed
jar="$(nagare_examples_jar)"
# W3's RocksDB databases, checkpoints and W2C's cluster go to a fresh temporary directory, removed afterwards.
work="$(mktemp -d)"

if [ "$workload" = W2C ]; then
  mkdir -p "$work/conf"
  cp "$NAGARE_HOME/conf/log4j2.properties" "$NAGARE_HOME/conf/log4j2-cluster.properties" "$work/conf/"
  rpc_port="$(nagare_free_port)"
  rest_port="$(nagare_free_port)"
  cat >"$work/conf/nagare-conf.yaml" <<CONF
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $rpc_port
rest.address: 127.0.0.1
rest.port: $rest_port
taskmanager.host: 127.0.0.1
taskmanager.numberOfTaskSlots: 2
CONF
  printf 'localhost\nlocalhost\n' >"$work/conf/workers"
  export NAGARE_CONF_DIR="$work/conf" NAGARE_LOG_DIR="$work/log"
  export NAGARE_JOBMANAGER_HEAP="${NAGARE_JOBMANAGER_HEAP:-512m}" NAGARE_TASKMANAGER_HEAP="${NAGARE_TASKMANAGER_HEAP:-2g}"
  trap '"$NAGARE_HOME/scripts/stop-cluster.sh" >/dev/null; rm -rf "$work"' EXIT
  "$NAGARE_HOME/scripts/start-cluster.sh" >/dev/null
  "$NAGARE_HOME/scripts/nagare" run -m "127.0.0.1:$rest_port" -c io.nagare.examples.bench.Workloads "$jar" \
    "$workload" "$records" | grep -E "^$workload records="
  exit 0
fi

if [ "$workload" = HS ]; then
  trap 'rm -rf "$work"' EXIT
  tests_jar="$(ls "$NAGARE_HOME"/engine/target/nagare-engine-*-tests.jar | head -n 1)"
  "$(nagare_java)" -Xmx"${NAGARE_BENCH_HEAP:-10g}" -Dlog4j.configurationFile="$NAGARE_HOME/conf/log4j2.properties" \
    -cp "$tests_jar:$(nagare_classpath)" io.nagare.bench.HeapStateBenchmark "$records" "$work" | grep -E "^HS "
  exit 0
fi

if [ "$workload" = UC ]; then
  trap 'rm -rf "$work"' EXIT
  tests_jar="$(ls "$NAGARE_HOME"/engine/target/nagare-engine-*-tests.jar | head -n 1)"
  "$(nagare_java)" -Dlog4j.configurationFile="$NAGARE_HOME/conf/log4j2.properties" \
    -cp "$tests_jar:$(nagare_classpath)" io.nagare.bench.UnalignedCheckpointBenchmark "$records" "$work" | grep -E "^UC "
  exit 0
fi

if [ "$workload" = W6 ]; then
  export NAGARE_KAFKA_DIR="$work/kafka" NAGARE_KAFKA_HEAP="${NAGARE_KAFKA_HEAP:-1g}"
  trap '"$NAGARE_HOME/scripts/local-kafka.sh" stop >/dev/null; rm -rf "$work"' EXIT
  "$NAGARE_HOME/scripts/local-kafka.sh" start >/dev/null
  bootstrap="$(cat "$NAGARE_KAFKA_DIR/data/bootstrap")"
  kafka_jar="$(nagare_kafka_examples_jar)"
  NAGARE_TOOL_HEAP=1g nagare_kafka_tool W6Data load "$bootstrap" "$records"
  NAGARE_CLIENT_OPTS="${NAGARE_CLIENT_OPTS:-} -Djava.io.tmpdir=$work" NAGARE_CLIENT_HEAP="${NAGARE_CLIENT_HEAP:-4g}" \
    "$NAGARE_HOME/scripts/nagare" run -t local -D state.checkpoints.dir="file://$work/checkpoints" \
    -c io.nagare.examples.kafka.W6 "$kafka_jar" "$bootstrap" "$records" | grep -E "^W6 records="
  exit 0
fi

trap 'rm -rf "$work"' EXIT
if [ "$workload" = NX ]; then
  shift
  [ $# -ge 1 ] || { echo "Usage: scripts/bench.sh NX q0|q1|q2|q3|q5|q7|q8|q11|all [events] [--seed S] [--verify FILE] [--checkpoints]" >&2; exit 2; }
  args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --verify) [ $# -ge 2 ] || { echo "bench.sh NX: --verify needs a file" >&2; exit 2; }
                case "$2" in /*) args+=(--verify "$2") ;; *) args+=(--verify "$PWD/$2") ;; esac; shift 2 ;;
      *) args+=("$1"); shift ;;
    esac
  done
  NAGARE_CLIENT_OPTS="${NAGARE_CLIENT_OPTS:-} -Djava.io.tmpdir=$work" NAGARE_CLIENT_HEAP="${NAGARE_CLIENT_HEAP:-4g}" \
    "$NAGARE_HOME/scripts/nagare" run -t local -c io.nagare.examples.nexmark.Nexmark "$jar" "${args[@]}" | grep -E "^NX "
  exit 0
fi
NAGARE_CLIENT_OPTS="${NAGARE_CLIENT_OPTS:-} -Djava.io.tmpdir=$work" NAGARE_CLIENT_HEAP="${NAGARE_CLIENT_HEAP:-4g}" "$NAGARE_HOME/scripts/nagare" run -t local \
  -c io.nagare.examples.bench.Workloads "$jar" "$workload" "$records" | grep -E "^$workload records="

#!/usr/bin/env bash
# A local single-node Kafka broker (KRaft, broker and controller in one JVM, on a free port) for
# trying nagare's Kafka connector: the same broker the tests use, from the build's own jars.
#   scripts/local-kafka.sh start     # prints the bootstrap servers
#   scripts/local-kafka.sh stop      # also stops the access-log generator scripts/try-yarn.sh started
#   scripts/local-kafka.sh status
# Its data, log and pid file live in ${NAGARE_KAFKA_DIR:-$NAGARE_HOME/local-kafka}. With a Kafka
# cluster of your own, you do not need this.
set -euo pipefail
. "$(dirname "$0")/common.sh"

dir="${NAGARE_KAFKA_DIR:-$NAGARE_HOME/local-kafka}"
pid_file="$dir/kafka.pid"
log="$dir/kafka.log"

running() {
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

case "${1:-}" in
  start)
    if running; then
      echo "The local Kafka broker is already running (pid $(cat "$pid_file")) at $(cat "$dir/data/bootstrap")"
      exit 0
    fi
    java_cmd="$(nagare_java)"
    classpath_file="$NAGARE_HOME/connectors/kafka/target/kafka-broker-classpath.txt"
    if [ ! -f "$classpath_file" ] || [ ! -d "$NAGARE_HOME/connectors/kafka/target/test-classes" ]; then
      echo "Building nagare (mvn -B -q package -DskipTests)..." >&2
      (cd "$NAGARE_HOME" && mvn -B -q package -DskipTests) || { echo "Build failed." >&2; exit 1; }
    fi
    rm -rf "$dir"
    mkdir -p "$dir/data"
    nohup "$java_cmd" -Xmx${NAGARE_KAFKA_HEAP:-512m} -Dlog4j.configurationFile="$NAGARE_HOME/conf/log4j2.properties" \
      -cp "$NAGARE_HOME/connectors/kafka/target/test-classes:$NAGARE_HOME/connectors/kafka/target/classes:$(cat "$classpath_file")" \
      io.nagare.connectors.kafka.testing.KafkaBroker "$dir/data" >"$log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$pid_file"
    if ! grep -q -m1 "Kafka broker running at" <(timeout 120 tail -F --pid="$pid" "$log" 2>/dev/null); then
      echo "nagare: the local Kafka broker did not start; see $log" >&2
      kill "$pid" 2>/dev/null || true
      exit 1
    fi
    echo "Kafka broker running at $(cat "$dir/data/bootstrap") (pid $pid); stop it with: scripts/local-kafka.sh stop"
    ;;
  stop)
    if ! running; then
      echo "The local Kafka broker is not running"
      exit 0
    fi
    if [ -f "$dir/generator.pid" ]; then
      kill "$(cat "$dir/generator.pid")" 2>/dev/null || true
      rm -f "$dir/generator.pid"
      echo "Stopped the access-log generator"
    fi
    pid="$(cat "$pid_file")"
    kill "$pid"
    timeout 60 tail --pid="$pid" -f /dev/null || kill -9 "$pid"
    rm -f "$pid_file"
    echo "Stopped the local Kafka broker"
    ;;
  status)
    if running; then
      echo "The local Kafka broker is running (pid $(cat "$pid_file")) at $(cat "$dir/data/bootstrap")"
    else
      echo "The local Kafka broker is not running"
      exit 1
    fi
    ;;
  *)
    echo "Usage: scripts/local-kafka.sh start|stop|status" >&2
    exit 2
    ;;
esac

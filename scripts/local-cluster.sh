#!/usr/bin/env bash
# An embedded single-host Hadoop for trying nagare on YARN without a Hadoop cluster: HDFS (one
# DataNode) and YARN (two NodeManagers, containers as real processes) in one JVM, on free ports.
#   scripts/local-cluster.sh start    # prints the HADOOP_CONF_DIR to use and the ResourceManager UI
#   scripts/local-cluster.sh stop
#   scripts/local-cluster.sh status
# Its data, configuration (hadoop-conf/), log and pid file live in $NAGARE_HOME/local-cluster.
# With HADOOP_CONF_DIR pointing at a real cluster, you do not need this.
set -euo pipefail
. "$(dirname "$0")/common.sh"

dir="$NAGARE_HOME/local-cluster"
pid_file="$dir/local-hadoop.pid"
log="$dir/local-hadoop.log"

running() {
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

case "${1:-}" in
  start)
    if running; then
      echo "The local Hadoop is already running (pid $(cat "$pid_file")); HADOOP_CONF_DIR=$dir/hadoop-conf"
      exit 0
    fi
    java_cmd="$(nagare_java)"
    nagare_build_if_needed
    if [ ! -f "$NAGARE_HOME/it-tests/target/local-hadoop-classpath.txt" ] \
        || [ ! -d "$NAGARE_HOME/it-tests/target/classes/io/nagare/localhadoop" ]; then
      echo "Building the local Hadoop (mvn -B -q package -DskipTests)..." >&2
      (cd "$NAGARE_HOME" && mvn -B -q package -DskipTests) || { echo "Build failed." >&2; exit 1; }
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    # shellcheck disable=SC2086
    nohup "$java_cmd" -Xmx1g $NAGARE_JVM_OPENS \
      -Dlog4j.configurationFile="$NAGARE_HOME/conf/log4j2.properties" \
      -cp "$NAGARE_HOME/it-tests/target/classes:$(cat "$NAGARE_HOME/it-tests/target/local-hadoop-classpath.txt")" \
      io.nagare.localhadoop.LocalHadoop "$dir" "$NAGARE_HOME/it-tests/target/hadoop-classpath.txt" \
      >"$log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$pid_file"
    if ! grep -q -m1 "LocalHadoop ready" <(timeout 180 tail -F --pid="$pid" "$log" 2>/dev/null); then
      echo "nagare: the local Hadoop did not start; see $log" >&2
      kill "$(cat "$pid_file")" 2>/dev/null || true
      exit 1
    fi
    grep -m1 "LocalHadoop ready" "$log"
    echo "Use it with: export HADOOP_CONF_DIR=$dir/hadoop-conf   Stop it with: scripts/local-cluster.sh stop"
    ;;
  stop)
    if ! running; then
      echo "The local Hadoop is not running"
      exit 0
    fi
    pid="$(cat "$pid_file")"
    kill "$pid"
    timeout 60 tail --pid="$pid" -f /dev/null || kill -9 "$pid"
    rm -f "$pid_file"
    echo "Stopped the local Hadoop"
    ;;
  status)
    if running; then
      echo "The local Hadoop is running (pid $(cat "$pid_file")); HADOOP_CONF_DIR=$dir/hadoop-conf"
    else
      echo "The local Hadoop is not running"
      exit 1
    fi
    ;;
  *)
    echo "Usage: scripts/local-cluster.sh start|stop|status" >&2
    exit 2
    ;;
esac

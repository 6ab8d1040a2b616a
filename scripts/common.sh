# Shared by the nagare scripts: finds the installation and the built jars. Source it, don't run it.
NAGARE_HOME="${NAGARE_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export NAGARE_HOME

# Builds the project if its jars are missing (needs Maven and Java 17).
nagare_build_if_needed() {
  if ! ls "$NAGARE_HOME"/yarn-client/target/nagare-yarn-client-*.jar >/dev/null 2>&1 \
      || ! ls "$NAGARE_HOME"/engine/target/nagare-engine-*-examples.jar >/dev/null 2>&1 \
      || ! ls "$NAGARE_HOME"/connectors/kafka-examples/target/nagare-connector-kafka-examples-*.jar >/dev/null 2>&1 \
      || [ ! -d "$NAGARE_HOME/yarn-am/target/lib" ] \
      || [ ! -d "$NAGARE_HOME/yarn-client/target/lib" ]; then
    echo "Building nagare (mvn -B -q package -DskipTests); this takes a few minutes the first time..." >&2
    (cd "$NAGARE_HOME" && mvn -B -q package -DskipTests) || { echo "Build failed." >&2; exit 1; }
  fi
}

# The examples jar built by `mvn package`.
nagare_examples_jar() {
  ls "$NAGARE_HOME"/engine/target/nagare-engine-*-examples.jar 2>/dev/null | head -n 1
}

# The Kafka examples job jar (the examples with the Kafka connector and kafka-clients inside).
nagare_kafka_examples_jar() {
  ls "$NAGARE_HOME"/connectors/kafka-examples/target/nagare-connector-kafka-examples-*.jar 2>/dev/null \
    | grep -v '/original-' | head -n 1
}

# Runs a plain Java program of the Kafka examples jar (a tool, not a job): nagare_kafka_tool <class> <args...>.
nagare_kafka_tool() {
  local class="$1"
  shift
  "$(nagare_java)" -Xmx${NAGARE_TOOL_HEAP:-256m} -Dlog4j.configurationFile="$NAGARE_HOME/conf/log4j2.properties" \
    -cp "$(nagare_kafka_examples_jar):$(nagare_classpath)" "io.nagare.examples.kafka.$class" "$@"
}

# The java command, checked to be a Java 17; exits with 2 and a message otherwise.
nagare_java() {
  local java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  if ! command -v "$java_cmd" >/dev/null 2>&1; then
    echo "nagare: no java found; install Java 17 or set JAVA_HOME" >&2
    exit 2
  fi
  local version
  version="$("$java_cmd" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
  if [ "$version" != "17" ]; then
    echo "nagare: needs Java 17, but $java_cmd is Java ${version:-unknown}; set JAVA_HOME to a Java 17" >&2
    exit 2
  fi
  echo "$java_cmd"
}

# The classpath of nagare's processes: the Hadoop configuration ($HADOOP_CONF_DIR, if set), the
# client jar and every jar it needs (engine and Hadoop client included).
nagare_classpath() {
  local client_jar
  client_jar="$(ls "$NAGARE_HOME"/yarn-client/target/nagare-yarn-client-*.jar | grep -v -- '-tests\.jar$' | head -n 1)"
  echo "${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}$client_jar:$NAGARE_HOME/yarn-client/target/lib/*"
}

# A TCP port on 127.0.0.1 that nothing listens on now (tried at random in 20000-59999).
nagare_free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# JVM options every nagare process needs on Java 17.
NAGARE_JVM_OPENS="--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED \
  --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED"

# Where a standalone cluster keeps its logs, pid files and secret.
nagare_cluster_dirs() {
  export NAGARE_CONF_DIR="${NAGARE_CONF_DIR:-$NAGARE_HOME/conf}"
  NAGARE_LOG_DIR="${NAGARE_LOG_DIR:-$NAGARE_HOME/log}"
  NAGARE_PID_DIR="${NAGARE_PID_DIR:-$NAGARE_LOG_DIR}"
  mkdir -p "$NAGARE_LOG_DIR" "$NAGARE_PID_DIR"
  NAGARE_SECRET_FILE="$NAGARE_PID_DIR/cluster.secret"
}

# Starts one cluster process as a daemon: nagare_daemon <role> <name> [-D key=value ...].
# Its output goes to $NAGARE_LOG_DIR/nagare-<name>.log, its pid to $NAGARE_PID_DIR/nagare-<name>.pid.
nagare_daemon() {
  local role="$1" name="$2"
  shift 2
  local java_cmd pid_file="$NAGARE_PID_DIR/nagare-$name.pid" log="$NAGARE_LOG_DIR/nagare-$name.log"
  java_cmd="$(nagare_java)"
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    echo "nagare: $name is already running (pid $(cat "$pid_file"))" >&2
    return 1
  fi
  local heap_var="NAGARE_${role^^}_HEAP" log_conf="$NAGARE_CONF_DIR/log4j2-cluster.properties"
  [ -f "$log_conf" ] || log_conf="$NAGARE_CONF_DIR/log4j2.properties"
  # shellcheck disable=SC2086
  nohup "$java_cmd" -Xmx"${!heap_var:-1g}" $NAGARE_JVM_OPENS \
    -Dlog4j.configurationFile="$log_conf" ${NAGARE_JAVA_OPTS:-} \
    -cp "$(nagare_classpath)" io.nagare.cluster.ClusterEntrypoint "$role" \
    -D cluster.secret-file="$NAGARE_SECRET_FILE" "$@" >"$log" 2>&1 </dev/null &
  echo $! >"$pid_file"
  echo "Started $name (pid $!), log $log"
}

# Stops the daemon whose pid file is $1: TERM, then KILL if it has not ended after 30 s.
nagare_stop_daemon() {
  local pid_file="$1" pid
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    if ! timeout 30 tail --pid="$pid" -f /dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
    echo "Stopped $(basename "$pid_file" .pid | sed 's/^nagare-//') (pid $pid)"
  fi
  rm -f "$pid_file"
}

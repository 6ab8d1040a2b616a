#!/usr/bin/env bash
# The README's main command: nagare on YARN with Kafka in one go. Without HADOOP_CONF_DIR it starts
# the embedded single-host Hadoop (scripts/local-cluster.sh); without KAFKA_BOOTSTRAP_SERVERS a local
# Kafka broker (scripts/local-kafka.sh). It feeds generated JSON access-log lines into the topic
# access-logs, starts a session with two task managers, runs the access-log example in it (per-uri
# counts and mean request time in tumbling and sliding event-time windows, written exactly once to
# the topic uri-stats), shows its checkpoints in HDFS and its first results arriving in uri-stats,
# prints the ResourceManager UI and the job's REST address, and leaves everything running, saying
# how to stop it.
set -euo pipefail
. "$(dirname "$0")/common.sh"

nagare_build_if_needed
if [ -z "${HADOOP_CONF_DIR:-}" ]; then
  "$NAGARE_HOME/scripts/local-cluster.sh" start
  export HADOOP_CONF_DIR="$NAGARE_HOME/local-cluster/hadoop-conf"
  started_local=1
fi
export NAGARE_CONF_DIR="${NAGARE_CONF_DIR:-$NAGARE_HOME/conf}"
java_cmd="$(nagare_java)"
jar="$(nagare_kafka_examples_jar)"
kafka_dir="${NAGARE_KAFKA_DIR:-$NAGARE_HOME/local-kafka}"

if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  "$NAGARE_HOME/scripts/local-kafka.sh" start
  KAFKA_BOOTSTRAP_SERVERS="$(cat "$kafka_dir/data/bootstrap")"
  started_kafka=1
fi
echo "== Kafka at $KAFKA_BOOTSTRAP_SERVERS: topics, and generated access-log lines (100 a second) into access-logs"
nagare_kafka_tool KafkaTool create "$KAFKA_BOOTSTRAP_SERVERS" access-logs:2 uri-stats:2 \
  | sed 's/^/  /'
mkdir -p "$kafka_dir"
nohup "$java_cmd" -Xmx128m -Dlog4j.configurationFile="$NAGARE_HOME/conf/log4j2.properties" \
  -cp "$jar:$(nagare_classpath)" io.nagare.examples.kafka.AccessLogGenerator --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" --topic access-logs --rate 100 >"$kafka_dir/generator.log" 2>&1 </dev/null &
echo $! >"$kafka_dir/generator.pid"

echo "== Starting a session with two task managers"
session="$("$NAGARE_HOME/scripts/yarn-session.sh" -n 2 -s 2 -jm 768 -tm 1024 -nm "nagare try" -d)"
echo "$session" | sed 's/^/  /'
app="$(echo "$session" | sed -n 's/^Session \(application_[0-9_]*\) is RUNNING.*/\1/p')"
rest="$(echo "$session" | sed -n 's/^Session .* REST \(http:[^ ]*\)$/\1/p')"
tracking="$(echo "$session" | sed -n 's/.*tracking URL \(http[^ ]*\)$/\1/p')"

echo "== Running the access-log example in it (checkpoints every 5 s, exactly once into uri-stats)"
submitted="$("$NAGARE_HOME/scripts/nagare" run -t yarn-session -D yarn.application.id="$app" -d \
  -c io.nagare.examples.kafka.AccessLogStats "$jar" --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" \
  --input access-logs --output uri-stats --parallelism 2 2>&1)"
echo "$submitted" | sed 's/^/  /'
job="$(echo "$submitted" | sed -n 's/.*submitted with id \([0-9a-f]*\).*/\1/p')"

echo "== Its first results in uri-stats, as a read_committed consumer sees them (windows close after 10 s of event time)"
nagare_kafka_tool KafkaTool tail "$KAFKA_BOOTSTRAP_SERVERS" uri-stats 5 120 \
  | sed 's/^/  /'

echo "== Its checkpoints in HDFS"
"$java_cmd" -cp "$(nagare_classpath)" org.apache.hadoop.fs.FsShell -ls "/nagare/checkpoints/$job" 2>/dev/null \
  | grep 'chk-' | sed 's/^/  /'

echo
echo "ResourceManager UI: http://$(sed -n 's/.*<name>yarn.resourcemanager.webapp.address<\/name><value>\([^<]*\)<.*/\1/p' \
  "$HADOOP_CONF_DIR/yarn-site.xml" | head -n 1)/cluster"
echo "The session (through the ResourceManager's proxy): $tracking"
echo "The job: $rest/jobs/$job"
echo "Watch the results: java -cp $jar:$(nagare_classpath) io.nagare.examples.kafka.KafkaTool tail $KAFKA_BOOTSTRAP_SERVERS uri-stats 100 60"
echo "Stop the session with: echo stop | HADOOP_CONF_DIR=$HADOOP_CONF_DIR scripts/yarn-session.sh -id $app"
if [ -n "${started_kafka:-}" ]; then
  echo "Then stop the local Kafka broker and the generator with: scripts/local-kafka.sh stop"
else
  echo "Then stop the generator with: kill $(cat "$kafka_dir/generator.pid")"
fi
if [ -n "${started_local:-}" ]; then
  echo "Then stop the local Hadoop with: scripts/local-cluster.sh stop"
fi

#!/usr/bin/env bash
# The README's main command: nagare on YARN in one go. Without HADOOP_CONF_DIR it starts the
# embedded single-host Hadoop (scripts/local-cluster.sh); with it, it uses that cluster. Then it
# starts a session with two task managers, runs an unbounded checkpointing example (a generator
# feeding a keyed windowed count), prints the ResourceManager UI and the job's REST address, shows
# checkpoints appearing in HDFS, and leaves everything running, saying how to stop it.
set -euo pipefail
. "$(dirname "$0")/common.sh"

nagare_build_if_needed
if [ -z "${HADOOP_CONF_DIR:-}" ]; then
  "$NAGARE_HOME/scripts/local-cluster.sh" start
  export HADOOP_CONF_DIR="$NAGARE_HOME/local-cluster/hadoop-conf"
  started_local=1
fi
export NAGARE_CONF_DIR="${NAGARE_CONF_DIR:-$NAGARE_HOME/conf}"
jar="$(nagare_examples_jar)"

echo "== Starting a session with two task managers"
session="$("$NAGARE_HOME/scripts/yarn-session.sh" -n 2 -s 2 -jm 768 -tm 1024 -nm "nagare try" -d)"
echo "$session" | sed 's/^/  /'
app="$(echo "$session" | sed -n 's/^Session \(application_[0-9_]*\) is RUNNING.*/\1/p')"
rest="$(echo "$session" | sed -n 's/^Session .* REST \(http:[^ ]*\)$/\1/p')"
tracking="$(echo "$session" | sed -n 's/.*tracking URL \(http[^ ]*\)$/\1/p')"

echo "== Running the windowed count example in it"
submitted="$("$NAGARE_HOME/scripts/nagare" run -t yarn-session -D yarn.application.id="$app" -d \
  -c io.nagare.examples.windowcount.WindowedCount "$jar" 2>&1)"
echo "$submitted" | sed 's/^/  /'
job="$(echo "$submitted" | sed -n 's/.*submitted with id \([0-9a-f]*\).*/\1/p')"

echo "== Checkpoints in HDFS (the job checkpoints every 2 s)"
java_cmd="$(nagare_java)"
for _ in 1 2 3 4 5 6 7 8 9 10; do
  if "$java_cmd" -cp "$(nagare_classpath)" org.apache.hadoop.fs.FsShell -ls "/nagare/checkpoints/$job" 2>/dev/null \
      | grep -q 'chk-'; then
    break
  fi
  sleep 1
done
"$java_cmd" -cp "$(nagare_classpath)" org.apache.hadoop.fs.FsShell -ls "/nagare/checkpoints/$job" 2>/dev/null \
  | grep 'chk-' | sed 's/^/  /'

echo
echo "ResourceManager UI: http://$(sed -n 's/.*<name>yarn.resourcemanager.webapp.address<\/name><value>\([^<]*\)<.*/\1/p' \
  "$HADOOP_CONF_DIR/yarn-site.xml" | head -n 1)/cluster"
echo "The session (through the ResourceManager's proxy): $tracking"
echo "The job: $rest/jobs/$job"
echo "Stop the session with: echo stop | HADOOP_CONF_DIR=$HADOOP_CONF_DIR scripts/yarn-session.sh -id $app"
if [ -n "${started_local:-}" ]; then
  echo "Then stop the local Hadoop with: scripts/local-cluster.sh stop"
fi

#!/usr/bin/env bash
# Starts a standalone nagare cluster on this host: a job manager and one task manager per line of
# $NAGARE_CONF_DIR/workers (default: one), as daemons with logs and pid files in $NAGARE_LOG_DIR
# (default $NAGARE_HOME/log). Creates the cluster's secret (readable by this user only) and returns
# once every task manager has registered. Stop it with scripts/stop-cluster.sh.
# Environment: NAGARE_CONF_DIR, NAGARE_LOG_DIR, NAGARE_PID_DIR, NAGARE_JOBMANAGER_HEAP,
# NAGARE_TASKMANAGER_HEAP (default 1g each), NAGARE_JAVA_OPTS.
set -euo pipefail
. "$(dirname "$0")/common.sh"
nagare_build_if_needed
nagare_cluster_dirs

if [ -f "$NAGARE_PID_DIR/nagare-jobmanager.pid" ] && kill -0 "$(cat "$NAGARE_PID_DIR/nagare-jobmanager.pid")" 2>/dev/null; then
  echo "nagare: a cluster is already running here (pid file $NAGARE_PID_DIR/nagare-jobmanager.pid)" >&2
  exit 1
fi
(umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$NAGARE_SECRET_FILE")

workers=1
if [ -f "$NAGARE_CONF_DIR/workers" ]; then
  workers="$(grep -cv '^\s*\(#\|$\)' "$NAGARE_CONF_DIR/workers" || true)"
fi

nagare_daemon jobmanager jobmanager
for i in $(seq 1 "$workers"); do
  nagare_daemon taskmanager "taskmanager-$i"
done

java_cmd="$(nagare_java)"
# shellcheck disable=SC2086
if ! overview="$("$java_cmd" $NAGARE_JVM_OPENS -Dlog4j.configurationFile="$NAGARE_CONF_DIR/log4j2.properties" \
    -cp "$(nagare_classpath)" io.nagare.cluster.ClusterEntrypoint await-taskmanagers "$workers")"; then
  echo "nagare: the cluster did not come up; see the logs in $NAGARE_LOG_DIR" >&2
  exit 1
fi
echo "Cluster ready: $overview"

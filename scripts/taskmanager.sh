#!/usr/bin/env bash
# Starts or stops one more task manager of the standalone cluster on this host:
#   scripts/taskmanager.sh start [-D key=value ...]    scripts/taskmanager.sh stop
# It uses the running cluster's secret and registers with its job manager.
set -euo pipefail
. "$(dirname "$0")/common.sh"
nagare_cluster_dirs

case "${1:-}" in
  start)
    shift
    if [ ! -f "$NAGARE_SECRET_FILE" ]; then
      echo "nagare: no cluster is running here (no $NAGARE_SECRET_FILE); start one with scripts/start-cluster.sh" >&2
      exit 1
    fi
    n=1
    while [ -f "$NAGARE_PID_DIR/nagare-taskmanager-$n.pid" ] && kill -0 "$(cat "$NAGARE_PID_DIR/nagare-taskmanager-$n.pid")" 2>/dev/null; do
      n=$((n + 1))
    done
    nagare_daemon taskmanager "taskmanager-$n" "$@"
    ;;
  stop)
    last="$(ls "$NAGARE_PID_DIR"/nagare-taskmanager-*.pid 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$last" ]; then
      echo "nagare: no task manager is running here" >&2
      exit 1
    fi
    nagare_stop_daemon "$last"
    ;;
  *)
    echo "Usage: scripts/taskmanager.sh start [-D key=value ...] | stop" >&2
    exit 2
    ;;
esac

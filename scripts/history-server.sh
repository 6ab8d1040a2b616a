#!/usr/bin/env bash
# Starts or stops the history server on this host, which shows ended jobs from their archives
# (see docs/monitoring.md):
#   scripts/history-server.sh start [-D key=value ...]    scripts/history-server.sh stop
# It reads historyserver.archive.fs.dir (where job managers write jobmanager.archive.fs.dir) and
# serves the web UI on historyserver.web.port (8082); its log is in the cluster's log directory.
set -euo pipefail
. "$(dirname "$0")/common.sh"
nagare_cluster_dirs

case "${1:-}" in
  start)
    shift
    nagare_daemon historyserver historyserver "$@"
    ;;
  stop)
    if [ ! -f "$NAGARE_PID_DIR/nagare-historyserver.pid" ]; then
      echo "nagare: no history server is running here" >&2
      exit 1
    fi
    nagare_stop_daemon "$NAGARE_PID_DIR/nagare-historyserver.pid"
    ;;
  *)
    echo "Usage: scripts/history-server.sh start [-D key=value ...] | stop" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Stops the standalone cluster that scripts/start-cluster.sh started: task managers, then the job
# manager; removes the pid files and the cluster's secret.
set -euo pipefail
. "$(dirname "$0")/common.sh"
nagare_cluster_dirs

found=0
for pid_file in "$NAGARE_PID_DIR"/nagare-taskmanager-*.pid "$NAGARE_PID_DIR"/nagare-jobmanager.pid; do
  [ -f "$pid_file" ] || continue
  found=1
  nagare_stop_daemon "$pid_file"
done
rm -f "$NAGARE_SECRET_FILE"
if [ "$found" = 0 ]; then
  echo "No nagare cluster is running here (no pid files in $NAGARE_PID_DIR)"
fi

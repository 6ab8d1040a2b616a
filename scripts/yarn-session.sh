#!/usr/bin/env bash
# Starts a nagare session on YARN, or attaches to one (-id <appId>): the ApplicationMaster hosts the
# job manager and gets task managers as containers. Options as Flink's: -jm/-tm (memory), -s
# (slots per task manager), -n (task managers to start with), -qu (queue), -nm (name), -at
# (application type), -t (ship files), -D key=value, -d (detached), -id <appId>, -h.
# Attached, type 'stop' (or press Ctrl-C) to stop the session.
# Environment: HADOOP_CONF_DIR (the cluster's configuration), NAGARE_CONF_DIR, JAVA_HOME,
# NAGARE_CLIENT_HEAP (default 1g), NAGARE_CLIENT_OPTS.
set -euo pipefail
. "$(dirname "$0")/common.sh"

java_cmd="$(nagare_java)"
nagare_build_if_needed
if [ -z "${HADOOP_CONF_DIR:-}" ]; then
  echo "nagare: HADOOP_CONF_DIR is not set; point it at your Hadoop cluster's configuration directory" >&2
  exit 2
fi
export NAGARE_CONF_DIR="${NAGARE_CONF_DIR:-$NAGARE_HOME/conf}"

# shellcheck disable=SC2086
exec "$java_cmd" -Xmx"${NAGARE_CLIENT_HEAP:-1g}" $NAGARE_JVM_OPENS \
  -Dlog4j.configurationFile="$NAGARE_CONF_DIR/log4j2.properties" \
  ${NAGARE_CLIENT_OPTS:-} \
  -cp "$(nagare_classpath)" io.nagare.client.yarn.YarnSessionCli "$@"

# Shared by the nagare scripts: finds the installation and the built jars. Source it, don't run it.
NAGARE_HOME="${NAGARE_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export NAGARE_HOME

# Builds the project if its jars are missing (needs Maven and Java 17).
nagare_build_if_needed() {
  if ! ls "$NAGARE_HOME"/yarn-client/target/nagare-yarn-client-*.jar >/dev/null 2>&1 \
      || ! ls "$NAGARE_HOME"/engine/target/nagare-engine-*-examples.jar >/dev/null 2>&1 \
      || [ ! -d "$NAGARE_HOME/yarn-client/target/lib" ]; then
    echo "Building nagare (mvn -B -q package -DskipTests); this takes a few minutes the first time..." >&2
    (cd "$NAGARE_HOME" && mvn -B -q package -DskipTests) || { echo "Build failed." >&2; exit 1; }
  fi
}

# The examples jar built by `mvn package`.
nagare_examples_jar() {
  ls "$NAGARE_HOME"/engine/target/nagare-engine-*-examples.jar 2>/dev/null | head -n 1
}

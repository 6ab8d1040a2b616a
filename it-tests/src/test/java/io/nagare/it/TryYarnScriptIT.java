package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's main command, {@code scripts/try-yarn.sh}, on a machine without Hadoop: it starts
 * the embedded single-host Hadoop, a session with two task managers and the windowed count example,
 * shows the example's checkpoints in HDFS and says how to stop everything; doing so stops the
 * session SUCCEEDED and the local Hadoop.
 */
class TryYarnScriptIT {

  @Test
  void theMainCommandRunsACheckpointingJobOnYarnAndSaysHowToStopIt() throws Exception {
    Map<String, String> env = Map.of("NAGARE_CLIENT_HEAP", "256m");
    try {
      ScriptRunner.Result tried = ScriptRunner.run(600, env, "try-yarn.sh");
      assertThat(tried.exitCode()).as("try-yarn.sh; stdout:\n%s\nstderr:\n%s", tried.stdout(), tried.stderr())
          .isZero();
      String out = tried.stdout();
      assertThat(out).contains("LocalHadoop ready").contains("TaskManagers 2/2")
          .contains("Job 'Windowed count' submitted with id").containsPattern("/nagare/checkpoints/[0-9a-f]{32}/chk-[0-9]+")
          .contains("ResourceManager UI: http://localhost:").contains("Then stop the local Hadoop with:");
      Matcher stop = Pattern.compile("Stop the session with: echo stop \\| HADOOP_CONF_DIR=(\\S+) scripts/yarn-session.sh"
          + " -id (application_[0-9_]+)").matcher(out);
      assertThat(stop.find()).as(out).isTrue();
      ScriptRunner.Result stopped = ScriptRunner.runWithInput(120, Map.of("HADOOP_CONF_DIR", stop.group(1),
          "NAGARE_CLIENT_HEAP", "256m"), "stop\n", "yarn-session.sh", "-id", stop.group(2));
      assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
      assertThat(stopped.stdout()).contains("Session " + stop.group(2) + " stopped: SUCCEEDED");
    } finally {
      ScriptRunner.Result down = ScriptRunner.run(120, env, "local-cluster.sh", "stop");
      assertThat(down.exitCode()).as(down.stderr()).isZero();
    }
    assertThat(ScriptRunner.home().resolve("local-cluster/local-hadoop.pid")).doesNotExist();
  }
}

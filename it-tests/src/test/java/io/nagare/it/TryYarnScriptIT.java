package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's main command, {@code scripts/try-yarn.sh}, on a machine without Hadoop or Kafka: it
 * starts the embedded single-host Hadoop and a local Kafka broker, feeds generated access-log lines
 * into a topic, starts a session with two task managers running the access-log example, shows the
 * example's first results committed in the output topic and its checkpoints in HDFS, and says how to
 * stop everything; doing so stops the session SUCCEEDED, the broker with the generator, and the
 * local Hadoop.
 */
class TryYarnScriptIT {

  @Test
  void theMainCommandRunsTheKafkaExampleOnYarnAndSaysHowToStopIt() throws Exception {
    Map<String, String> env = Map.of("NAGARE_CLIENT_HEAP", "256m");
    try {
      ScriptRunner.Result tried = ScriptRunner.run(600, env, "try-yarn.sh");
      assertThat(tried.exitCode()).as("try-yarn.sh; stdout:\n%s\nstderr:\n%s", tried.stdout(), tried.stderr())
          .isZero();
      String out = tried.stdout();
      assertThat(out).contains("LocalHadoop ready").contains("Kafka broker running at localhost:")
          .contains("Created topic access-logs").contains("Created topic uri-stats").contains("TaskManagers 2/2")
          .contains("Job 'access-log stats' submitted with id")
          .containsPattern("/nagare/checkpoints/[0-9a-f]{32}/chk-[0-9]+")
          .contains("ResourceManager UI: http://localhost:")
          .contains("Then stop the local Kafka broker and the generator with: scripts/local-kafka.sh stop")
          .contains("Then stop the local Hadoop with:");
      Matcher results = Pattern.compile("\\{\"window\":\"(tumbling-10s|sliding-60s)\",\"start\":\"[^\"]+\",\"end\":"
          + "\"[^\"]+\",\"uri\":\"/[^\"]*\",\"count\":([0-9]+),\"mean_reqtime\":[0-9.]+}").matcher(out);
      int shown = 0;
      while (results.find()) {
        assertThat(Integer.parseInt(results.group(2))).isPositive();
        shown++;
      }
      assertThat(shown).as("the first five committed results are shown:\n%s", out).isEqualTo(5);
      Matcher stop = Pattern.compile("Stop the session with: echo stop \\| HADOOP_CONF_DIR=(\\S+) scripts/yarn-session.sh"
          + " -id (application_[0-9_]+)").matcher(out);
      assertThat(stop.find()).as(out).isTrue();
      ScriptRunner.Result stopped = ScriptRunner.runWithInput(120, Map.of("HADOOP_CONF_DIR", stop.group(1),
          "NAGARE_CLIENT_HEAP", "256m"), "stop\n", "yarn-session.sh", "-id", stop.group(2));
      assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
      assertThat(stopped.stdout()).contains("Session " + stop.group(2) + " stopped: SUCCEEDED");
    } finally {
      ScriptRunner.Result kafkaDown = ScriptRunner.run(120, env, "local-kafka.sh", "stop");
      ScriptRunner.Result down = ScriptRunner.run(120, env, "local-cluster.sh", "stop");
      assertThat(kafkaDown.exitCode()).as(kafkaDown.stderr()).isZero();
      assertThat(kafkaDown.stdout()).contains("Stopped the access-log generator").contains("Stopped the local Kafka broker");
      assertThat(down.exitCode()).as(down.stderr()).isZero();
    }
    assertThat(ScriptRunner.home().resolve("local-cluster/local-hadoop.pid")).doesNotExist();
    assertThat(ScriptRunner.home().resolve("local-kafka/kafka.pid")).doesNotExist();
    assertThat(ScriptRunner.home().resolve("local-kafka/generator.pid")).doesNotExist();
  }
}

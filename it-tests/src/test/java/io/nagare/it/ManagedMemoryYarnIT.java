package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * RocksDB within its container: a YARN session whose NodeManagers check their containers' physical
 * memory as a real cluster does (and kill a container that outgrows its size) runs a RocksDB job
 * with four keyed subtasks in one 1024 MB task manager, its state several times the task manager's
 * managed memory; the job's counts are exact and the task manager is never lost.
 */
class ManagedMemoryYarnIT {
  private static final int RECORDS = 1_500_000;

  @RegisterExtension
  static final MiniHadoop HADOOP = new MiniHadoop(Map.of(
      "yarn.minicluster.control-resource-monitoring", "true",
      "yarn.nodemanager.pmem-check-enabled", "true",
      "yarn.nodemanager.vmem-check-enabled", "false",
      "yarn.nodemanager.container-monitor.interval-ms", "500",
      "yarn.nodemanager.container-monitor.process-tree.class", "org.apache.hadoop.yarn.util.ProcfsBasedProcessTree",
      "yarn.nodemanager.resource-calculator.class", "org.apache.hadoop.yarn.util.LinuxResourceCalculatorPlugin"));

  @TempDir
  static Path dir;
  private static Map<String, String> env;

  @BeforeAll
  static void clientConfiguration() throws Exception {
    env = EdgeNode.environment(HADOOP, dir);
    Path conf = Path.of(env.get("NAGARE_CONF_DIR")).resolve("nagare-conf.yaml");
    Files.writeString(conf, Files.readString(conf) + "state.backend.type: rocksdb\n");
  }

  @Test
  void aRocksDbJobWithFourKeyedSubtasksStaysWithinItsTaskManagersContainer() throws Exception {
    assertThat(HADOOP.checksPhysicalMemory()).as("the NodeManagers check physical memory").isTrue();
    ScriptRunner.Result started = ScriptRunner.run(240, env, "yarn-session.sh", "-n", "1", "-s", "4", "-jm", "768",
        "-tm", "1024", "-nm", "it managed memory", "-d");
    EdgeNode.assertOk(started, "yarn-session.sh");
    Matcher running = Pattern.compile("Session (application_[0-9]+_[0-9]+) is RUNNING; REST http://(\\S+:[0-9]+)")
        .matcher(started.stdout());
    assertThat(running.find()).as(started.stdout()).isTrue();
    String id = running.group(1);
    String rest = running.group(2);
    try {
      ScriptRunner.Result job = ScriptRunner.run(600, env, "nagare", "run", "-t", "yarn-session", "-D",
          "yarn.application.id=" + id, "-p", "4", "-D", "execution.checkpointing.interval=5 s",
          "-c", "io.nagare.examples.distinct.DistinctCount", ScriptRunner.examplesJar().toString(),
          "--records", String.valueOf(RECORDS));
      EdgeNode.assertOk(job, "nagare run");
      assertThat(job.stdout()).contains("records=" + RECORDS + " distinct=" + RECORDS);

      JsonNode overview = EdgeNode.get(rest, "/overview");
      assertThat(overview.get("taskmanagers-lost").asInt()).as("task managers lost (killed for memory?)").isZero();
      assertThat(overview.get("taskmanagers").asInt()).isEqualTo(1);
    } finally {
      ScriptRunner.Result stopped = ScriptRunner.runWithInput(120, env, "stop\n", "yarn-session.sh", "-id", id);
      EdgeNode.assertOk(stopped, "yarn-session.sh -id (stop)");
    }
  }
}

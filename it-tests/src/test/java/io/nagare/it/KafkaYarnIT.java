package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * W4 of ../shared/WORKLOADS.md, the experiment in which Flink's users found duplicates: 20,000
 * records in a 2-partition topic, copied by a job at parallelism 2 in two task manager containers
 * of a YARN session (MiniYARNCluster) with checkpoints every 5 s into an exactly-once Kafka sink;
 * one task manager container is killed by its process id mid-stream. The committed output must hold
 * every record exactly once, and no transaction may be left open. Prints {@code W4 lost=N
 * duplicated=N recovery_ms=N}.
 */
class KafkaYarnIT {
  private static final int RECORDS = 20_000;

  @RegisterExtension
  static final MiniHadoop HADOOP = new MiniHadoop();
  @RegisterExtension
  static final KafkaExtension KAFKA = new KafkaExtension();

  @TempDir
  static Path dir;
  private static Map<String, String> env;

  @BeforeAll
  static void clientConfiguration() throws Exception {
    env = EdgeNode.environment(HADOOP, dir);
  }

  static Path kafkaExamplesJar() throws Exception {
    try (var files = Files.list(ScriptRunner.home().resolve("connectors/kafka-examples/target"))) {
      return files.filter(f -> f.getFileName().toString().matches("nagare-connector-kafka-examples-.*\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException("no Kafka examples jar: run mvn package first"));
    }
  }

  @Test
  void aKilledTaskManagerLosesAndDuplicatesNothingInTheCommittedKafkaOutput() throws Exception {
    var broker = KAFKA.broker();
    broker.createTopic("w4-in", 2);
    broker.createTopic("w4-out", 2);
    for (int partition = 0; partition < 2; partition++) {
      List<String> values = new ArrayList<>();
      for (int i = partition; i < RECORDS; i += 2) {
        values.add("w4-" + i);
      }
      broker.produceAll("w4-in", partition, values);
    }

    ScriptRunner.Result started = ScriptRunner.run(240, env, "yarn-session.sh", "-n", "2", "-s", "1", "-jm", "768",
        "-tm", "1024", "-nm", "it w4", "-d");
    EdgeNode.assertOk(started, "yarn-session.sh");
    Matcher running = Pattern.compile("Session (application_[0-9]+_[0-9]+) is RUNNING; REST http://(\\S+:[0-9]+)")
        .matcher(started.stdout());
    assertThat(running.find()).as(started.stdout()).isTrue();
    String id = running.group(1);
    String rest = running.group(2);

    ScriptRunner.Result submitted = ScriptRunner.run(120, env, "nagare", "run", "-t", "yarn-session", "-D",
        "yarn.application.id=" + id, "-d", "-c", "io.nagare.examples.kafka.KafkaCopy", kafkaExamplesJar().toString(),
        "--bootstrap-servers", broker.bootstrapServers(), "--input", "w4-in", "--output", "w4-out",
        "--parallelism", "2", "--checkpoint-interval", "5000", "--bounded", "--records-per-second", "400",
        "--transactional-id-prefix", "w4", "--job-name", "w4");
    EdgeNode.assertOk(submitted, "nagare run -t yarn-session");
    String jobId = ClusterJobsIT.submittedId(submitted);

    long deadline = System.nanoTime() + 120_000_000_000L;
    int committedBeforeKill;
    JsonNode job;
    do {
      committedBeforeKill = broker.readCommitted("w4-out").size();
      job = EdgeNode.get(rest, "/jobs/" + jobId);
    } while (committedBeforeKill == 0 && job.get("state").asText().equals("RUNNING") && System.nanoTime() < deadline);
    assertThat(committedBeforeKill).as("a checkpoint completed and committed its transactions; the job: %s", job)
        .isPositive().isLessThan(RECORDS);

    ContainerId victim = ContainerId.fromString(EdgeNode.get(rest, "/jobs/" + jobId).get("vertices").get(0).get("subtasks")
        .get(0).get("taskmanager-id").asText());
    ProcessHandle process = ProcessHandle.of(Long.parseLong(HADOOP.processId(victim))).orElseThrow();
    long killedAt = System.currentTimeMillis();
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();

    JsonNode again = EdgeNode.get(rest, "/jobs/" + jobId + "/attempts/1/running?timeout-ms=120000");
    long recoveryMillis = again.get("running-since").asLong() - killedAt;
    JsonNode result = EdgeNode.get(rest, "/jobs/" + jobId + "/result?timeout-ms=240000");
    assertThat(result.get("job").get("state").asText()).as(result.toString()).isEqualTo("FINISHED");
    assertThat(result.get("restarts").asInt()).isEqualTo(1);

    Map<String, Integer> seen = new HashMap<>();
    for (String value : broker.readCommitted("w4-out")) {
      seen.merge(value, 1, Integer::sum);
    }
    int lost = 0;
    for (int i = 0; i < RECORDS; i++) {
      if (!seen.containsKey("w4-" + i)) {
        lost++;
      }
    }
    int duplicated = seen.values().stream().mapToInt(n -> n - 1).sum();
    System.out.println("W4 lost=" + lost + " duplicated=" + duplicated + " recovery_ms=" + recoveryMillis);
    assertThat(seen.keySet()).as("nothing but the input").allMatch(v -> v.matches("w4-[0-9]+"));
    assertThat(lost).isZero();
    assertThat(duplicated).isZero();
    assertThat(broker.openTransactions()).as("no transaction left open").isEmpty();

    ScriptRunner.Result stopped = ScriptRunner.runWithInput(120, env, "stop\n", "yarn-session.sh", "-id", id);
    EdgeNode.assertOk(stopped, "yarn-session.sh -id (stop)");
    assertThat(stopped.stdout()).contains("Session " + id + " stopped: SUCCEEDED");
  }
}

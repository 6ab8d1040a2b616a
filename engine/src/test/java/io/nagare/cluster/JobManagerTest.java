package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.network.ClusterSecret;
import io.nagare.network.ControlChannel;
import io.nagare.network.ControlClient;
import io.nagare.testing.TestCluster;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A job manager and task managers in one JVM, over real sockets: registration, loss, and the REST overview. */
class JobManagerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClusterSecret secret = ClusterSecret.generate();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private JobManager jm;
  private Configuration conf;

  /** Starts the job manager; each test says how long a silent task manager may take before it is lost. */
  private void startJobManager(Duration heartbeatTimeout) throws Exception {
    conf = TestCluster.loopback()
        .set(ClusterOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(100))
        .set(ClusterOptions.HEARTBEAT_TIMEOUT, heartbeatTimeout);
    jm = JobManager.start(conf, secret, new StandaloneResourceDriver());
    conf.set(ClusterOptions.JOB_MANAGER_PORT, String.valueOf(jm.controlPort()));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    if (jm != null) {
      jm.close();
    }
  }

  private TaskManager taskManager(int slots) throws Exception {
    Configuration tmConf = new Configuration().addAll(conf).set(ClusterOptions.TASK_SLOTS, slots);
    TaskManager tm = TaskManager.start(tmConf, secret);
    closeables.add(tm);
    tm.registered().get(10, TimeUnit.SECONDS);
    return tm;
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + jm.restPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(response.body());
    ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("status", response.statusCode());
    return body;
  }

  @Test
  void taskManagersRegisterAndTheOverviewCountsTheirSlots() throws Exception {
    startJobManager(Duration.ofSeconds(60));
    TaskManager first = taskManager(2);
    taskManager(3);
    JsonNode overview = get("/overview?await-taskmanagers=2&timeout-ms=10000");
    assertThat(overview.get("status").asInt()).isEqualTo(200);
    assertThat(overview.get("taskmanagers").asInt()).isEqualTo(2);
    assertThat(overview.get("slots-total").asInt()).isEqualTo(5);
    assertThat(overview.get("slots-available").asInt()).isEqualTo(5);
    assertThat(overview.get("jobs-running").asInt()).isZero();

    JsonNode list = get("/taskmanagers").get("taskmanagers");
    assertThat(list).hasSize(2);
    assertThat(list.get(0).get("id").asText()).isEqualTo(first.id());
    assertThat(list.get(0).get("dataPort").asInt()).isEqualTo(first.dataPort());
    assertThat(list.get(0).get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
  }

  @Test
  void aTaskManagerWhoseConnectionClosesIsLostAtOnce() throws Exception {
    startJobManager(Duration.ofSeconds(60));
    TaskManager first = taskManager(1);
    taskManager(1);
    assertThat(jm.awaitTaskManagers(2).get(10, TimeUnit.SECONDS).taskmanagers()).isEqualTo(2);
    first.close();
    ClusterInfo.Overview after = jm.awaitTaskManagers(1).get(10, TimeUnit.SECONDS);
    assertThat(after.taskmanagersLost()).isEqualTo(1);
    assertThat(after.slotsTotal()).isEqualTo(1);
  }

  /** A task manager that stays connected but stops heartbeating (a hung process) is lost after heartbeat.timeout. */
  @Test
  void aSilentTaskManagerIsLostAfterTheHeartbeatTimeout() throws Exception {
    startJobManager(Duration.ofMillis(500));
    try (ControlClient client = new ControlClient(secret)) {
      ControlChannel silent = client.connect(new InetSocketAddress("127.0.0.1", jm.controlPort()), body -> {})
          .get(10, TimeUnit.SECONDS);
      silent.send(ControlMessage.encode(new ControlMessage.RegisterTaskManager("silent", "127.0.0.1", 1, 4, 1,
          List.of(), "")));
      assertThat(jm.awaitTaskManagers(1).get(10, TimeUnit.SECONDS).slotsTotal()).isEqualTo(4);
      ClusterInfo.Overview after = jm.awaitTaskManagers(0).get(10, TimeUnit.SECONDS);
      assertThat(after.taskmanagersLost()).isEqualTo(1);
      silent.closed().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aControlConnectionWithAnotherSecretIsRefusedAndNothingRegisters() throws Exception {
    startJobManager(Duration.ofSeconds(60));
    try (ControlClient stranger = new ControlClient(ClusterSecret.generate())) {
      java.util.concurrent.ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
          java.util.concurrent.ExecutionException.class, () -> stranger.connect(new InetSocketAddress("127.0.0.1",
              jm.controlPort()), body -> {}).get(10, TimeUnit.SECONDS));
      assertThat(refused.getCause()).hasMessageContaining("Connection refused: it did not present this cluster's"
          + " secret");
    }
    assertThat(jm.overview().get(10, TimeUnit.SECONDS).taskmanagers()).isZero();
  }

  @Test
  void restAnswersErrorsAsJson() throws Exception {
    startJobManager(Duration.ofSeconds(60));
    JsonNode missing = get("/nothing-here");
    assertThat(missing.get("status").asInt()).isEqualTo(404);
    assertThat(missing.get("errors").get(0).asText()).isEqualTo("Not found: /nothing-here");
    JsonNode timeout = get("/overview?await-taskmanagers=3&timeout-ms=50");
    assertThat(timeout.get("status").asInt()).isEqualTo(408);
    assertThat(timeout.get("errors").get(0).asText()).isEqualTo("The cluster did not reach 3 task managers within 50"
        + " ms");
    assertThat(get("/jobs").get("jobs")).isEmpty();
  }
}

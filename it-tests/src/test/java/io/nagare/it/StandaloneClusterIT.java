package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone cluster of real processes on this host, through its scripts: a job manager and two
 * task managers start and register; a task manager killed with SIGKILL is declared lost at once;
 * a replacement registers; stopping the cluster ends every process and removes the secret.
 */
class StandaloneClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static JsonNode get(int restPort, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + restPort + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s answered %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void aClusterStartsLosesAKilledTaskManagerTakesAReplacementAndStops(@TempDir Path dir) throws Exception {
    int rpcPort = freePort();
    int restPort = freePort();
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.copy(ScriptRunner.home().resolve("conf/log4j2.properties"), conf.resolve("log4j2.properties"));
    Files.writeString(conf.resolve("nagare-conf.yaml"), "jobmanager.rpc.address: 127.0.0.1\n"
        + "jobmanager.rpc.port: " + rpcPort + "\nrest.address: 127.0.0.1\nrest.port: " + restPort + "\n"
        + "taskmanager.host: 127.0.0.1\ntaskmanager.numberOfTaskSlots: 2\n"
        + "heartbeat.interval: 1 s\nheartbeat.timeout: 60 s\n");
    Files.writeString(conf.resolve("workers"), "localhost\nlocalhost\n");
    Path logs = dir.resolve("log");
    Map<String, String> env = Map.of("NAGARE_CONF_DIR", conf.toString(), "NAGARE_LOG_DIR", logs.toString(),
        "NAGARE_JOBMANAGER_HEAP", "256m", "NAGARE_TASKMANAGER_HEAP", "256m");
    try {
      ScriptRunner.Result started = ScriptRunner.run(180, env, "start-cluster.sh");
      assertThat(started.exitCode()).as("start-cluster.sh; stdout:\n%s\nstderr:\n%s", started.stdout(), started.stderr())
          .isZero();
      assertThat(started.stdout()).contains("Cluster ready:");
      JsonNode overview = get(restPort, "/overview");
      assertThat(overview.get("taskmanagers").asInt()).isEqualTo(2);
      assertThat(overview.get("slots-total").asInt()).isEqualTo(4);

      Path secret = logs.resolve("cluster.secret");
      assertThat(Files.getPosixFilePermissions(secret)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE);
      String secretText = Files.readString(secret, StandardCharsets.US_ASCII);
      assertThat(secretText).hasSize(64);

      long jobManagerPid = Long.parseLong(Files.readString(logs.resolve("nagare-jobmanager.pid")).trim());
      JsonNode taskManagers = get(restPort, "/taskmanagers").get("taskmanagers");
      long victim = taskManagers.get(0).get("pid").asLong();
      long survivor = taskManagers.get(1).get("pid").asLong();
      assertThat(Set.of(victim, survivor, jobManagerPid)).as("three separate processes").hasSize(3);
      ProcessHandle victimProcess = ProcessHandle.of(victim).orElseThrow();
      new ProcessBuilder("kill", "-9", String.valueOf(victim)).start().waitFor();
      victimProcess.onExit().get(30, TimeUnit.SECONDS);

      JsonNode afterKill = get(restPort, "/overview?await-taskmanagers=1&timeout-ms=30000");
      assertThat(afterKill.get("taskmanagers-lost").asInt()).isEqualTo(1);
      assertThat(afterKill.get("slots-total").asInt()).isEqualTo(2);

      ScriptRunner.Result replacement = ScriptRunner.run(60, env, "taskmanager.sh", "start");
      assertThat(replacement.exitCode()).as("taskmanager.sh start; stderr:\n%s", replacement.stderr()).isZero();
      JsonNode replaced = get(restPort, "/overview?await-taskmanagers=2&timeout-ms=60000");
      assertThat(replaced.get("slots-total").asInt()).isEqualTo(4);

      for (Path log : Files.newDirectoryStream(logs, "*.log")) {
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("%s never shows the secret", log)
            .doesNotContain(secretText);
      }
      assertThat(Files.readString(logs.resolve("nagare-jobmanager.log"), StandardCharsets.UTF_8))
          .contains("is lost: its connection closed");
    } finally {
      ScriptRunner.Result stopped = ScriptRunner.run(120, env, "stop-cluster.sh");
      assertThat(stopped.exitCode()).as("stop-cluster.sh; stderr:\n%s", stopped.stderr()).isZero();
    }
    try (var pids = Files.newDirectoryStream(logs, "*.pid")) {
      assertThat(pids).as("pid files are removed").isEmpty();
    }
    assertThat(logs.resolve("cluster.secret")).doesNotExist();
  }
}

package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A standalone cluster of real processes on this host, started and stopped through its scripts:
 * one job manager and task managers with two slots each, with its configuration, logs and pid
 * files under one directory.
 */
final class LocalCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final int rpcPort;
  final int restPort;
  final Path conf;
  final Path logs;
  final Map<String, String> env;

  /** Writes the cluster's configuration ({@code extraConf} appended) under {@code dir}; starts nothing yet. */
  LocalCluster(Path dir, int taskManagers, String extraConf) throws Exception {
    rpcPort = freePort();
    restPort = freePort();
    conf = Files.createDirectories(dir.resolve("conf"));
    Files.copy(ScriptRunner.home().resolve("conf/log4j2.properties"), conf.resolve("log4j2.properties"));
    Files.copy(ScriptRunner.home().resolve("conf/log4j2-cluster.properties"),
        conf.resolve("log4j2-cluster.properties"));
    Files.writeString(conf.resolve("nagare-conf.yaml"), "jobmanager.rpc.address: 127.0.0.1\n"
        + "jobmanager.rpc.port: " + rpcPort + "\nrest.address: 127.0.0.1\nrest.port: " + restPort + "\n"
        + "taskmanager.host: 127.0.0.1\ntaskmanager.numberOfTaskSlots: 2\n"
        + "heartbeat.interval: 1 s\nheartbeat.timeout: 60 s\n" + extraConf);
    Files.writeString(conf.resolve("workers"), "localhost\n".repeat(taskManagers));
    logs = dir.resolve("log");
    env = new HashMap<>(Map.of("NAGARE_CONF_DIR", conf.toString(), "NAGARE_LOG_DIR", logs.toString(),
        "NAGARE_JOBMANAGER_HEAP", "256m", "NAGARE_TASKMANAGER_HEAP", "384m", "NAGARE_CLIENT_HEAP", "256m"));
  }

  /** Runs scripts/start-cluster.sh and checks that it reports the cluster ready. */
  LocalCluster start() throws Exception {
    ScriptRunner.Result started = ScriptRunner.run(180, env, "start-cluster.sh");
    assertThat(started.exitCode()).as("start-cluster.sh; stdout:\n%s\nstderr:\n%s", started.stdout(),
        started.stderr()).isZero();
    assertThat(started.stdout()).contains("Cluster ready:");
    return this;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** GETs {@code path} from the job manager's REST endpoint, which must answer 200. */
  JsonNode get(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + restPort + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s answered %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Runs {@code scripts/nagare args...} against this cluster. */
  ScriptRunner.Result nagare(long timeoutSeconds, String... args) throws Exception {
    return ScriptRunner.run(timeoutSeconds, env, "nagare", args);
  }

  /** The REST address for {@code -m}. */
  String address() {
    return "127.0.0.1:" + restPort;
  }

  /** Runs scripts/stop-cluster.sh, which must succeed. */
  @Override
  public void close() throws IOException {
    ScriptRunner.Result stopped;
    try {
      stopped = ScriptRunner.run(120, env, "stop-cluster.sh");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while stopping the cluster", e);
    }
    assertThat(stopped.exitCode()).as("stop-cluster.sh; stderr:\n%s", stopped.stderr()).isZero();
  }
}

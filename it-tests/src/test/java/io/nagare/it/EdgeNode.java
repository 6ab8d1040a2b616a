package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a user on a Hadoop edge node has when talking to the mini cluster: a nagare configuration
 * directory and the environment the scripts need, and the REST calls and script checks the YARN
 * tests share.
 */
final class EdgeNode {
  private EdgeNode() {}

  /**
   * Writes a client configuration for {@code hadoop} into {@code dir}/conf (checkpoints in its HDFS,
   * three immediate restarts) and returns the environment for the scripts.
   */
  static Map<String, String> environment(MiniHadoop hadoop, Path dir) throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.copy(ScriptRunner.home().resolve("conf/log4j2.properties"), conf.resolve("log4j2.properties"));
    Files.copy(ScriptRunner.home().resolve("conf/log4j2-cluster.properties"),
        conf.resolve("log4j2-cluster.properties"));
    Files.writeString(conf.resolve("nagare-conf.yaml"), "state.checkpoints.dir: " + hadoop.hdfsUri()
        + "/nagare/checkpoints\nheartbeat.timeout: 60 s\nrestart-strategy.type: fixed-delay\n"
        + "restart-strategy.fixed-delay.attempts: 3\nrestart-strategy.fixed-delay.delay: 0 s\n");
    return new HashMap<>(Map.of("NAGARE_CONF_DIR", conf.toString(), "HADOOP_CONF_DIR", hadoop.confDir().toString(),
        "NAGARE_CLIENT_HEAP", "256m"));
  }

  /** GET {@code path} from a REST endpoint at {@code address} (host:port), which must answer 200 with JSON. */
  static JsonNode get(String address, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://" + address + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s answered %s", path, response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  /** Asserts a script ended with 0, showing its output otherwise. */
  static void assertOk(ScriptRunner.Result r, String what) {
    assertThat(r.exitCode()).as("%s; stdout:\n%s\nstderr:\n%s", what, r.stdout(), r.stderr()).isZero();
  }
}

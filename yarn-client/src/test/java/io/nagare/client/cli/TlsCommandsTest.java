package io.nagare.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.configuration.Configuration;
import io.nagare.cluster.JobManager;
import io.nagare.cluster.StandaloneResourceDriver;
import io.nagare.network.ClusterSecret;
import io.nagare.testing.TestCluster;
import io.nagare.testing.TestKeyStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code nagare} command against a job manager whose REST endpoint answers HTTPS only. */
class TlsCommandsTest {
  @TempDir
  static Path dir;
  private static JobManager jm;
  private static Configuration restTls;
  private static String address;

  @BeforeAll
  static void startJobManager() throws Exception {
    restTls = TestKeyStores.rest(dir, "rest");
    jm = JobManager.start(TestCluster.loopback().addAll(restTls), ClusterSecret.generate(),
        new StandaloneResourceDriver());
    address = "127.0.0.1:" + jm.restPort();
  }

  @AfterAll
  static void stopJobManager() {
    jm.close();
  }

  private record Result(int code, String out, String err) {}

  private static Result run(Configuration settings, String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command));
    for (Map.Entry<String, String> e : settings.toMap().entrySet()) {
      all.add("-D" + e.getKey() + "=" + e.getValue());
    }
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new CliFrontend(null).run(all.toArray(String[]::new), new PrintStream(out, true,
        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void listOverHttpsTrustingTheEndpointsCertificateWorks() {
    Result r = run(restTls, "list", "-m", address);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("No running jobs.");
  }

  @Test
  void listOverPlainHttpIsRefused() {
    Result r = run(new Configuration(), "list", "-m", address);
    assertThat(r.code()).as(r.out()).isEqualTo(CliFrontend.PROGRAM_FAILED);
    assertThat(r.err()).isEqualTo("The job manager's REST endpoint at http://" + address + " closed the connection"
        + " without an answer (HTTP/1.1 header parser received no bytes); if it answers HTTPS only, set"
        + " security.ssl.rest.enabled and security.ssl.rest.truststore\n");
  }
}

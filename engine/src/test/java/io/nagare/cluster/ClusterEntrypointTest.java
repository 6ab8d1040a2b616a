package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemons' command line: bad usage and configuration give one message naming the culprit and exit code 2. */
class ClusterEntrypointTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ClusterEntrypoint.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8).trim();
  }

  @Test
  void withoutACommandItPrintsItsUsage() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).isEqualTo("Usage: ClusterEntrypoint jobmanager|taskmanager|historyserver|await-taskmanagers N"
        + " [-D key=value ...]");
  }

  @Test
  void anUnknownCommandIsNamed() {
    assertThat(run("resourcemanager")).isEqualTo(2);
    assertThat(err()).isEqualTo("Unknown command 'resourcemanager'; expected jobmanager, taskmanager, historyserver"
        + " or await-taskmanagers");
  }

  @Test
  void aBadSettingIsNamed() {
    assertThat(run("jobmanager", "-D", "heartbeat.timeout=soon")).isEqualTo(2);
    assertThat(err()).startsWith("Invalid value 'soon' for 'heartbeat.timeout'");
    err.reset();
    assertThat(run("taskmanager", "-Dtaskmanager.numberOfTaskSlotz=2")).isEqualTo(2);
    assertThat(err()).startsWith("Unknown configuration key 'taskmanager.numberOfTaskSlotz'");
  }

  @Test
  void aMissingOrMalformedSecretIsNamedAndNothingStarts(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("no-secret");
    assertThat(run("jobmanager", "-D", "cluster.secret-file=" + missing, "-D", "rest.port=0",
        "-D", "jobmanager.rpc.port=0")).isEqualTo(2);
    assertThat(err()).startsWith("Cannot read the cluster secret from " + missing + ":");
    err.reset();
    Path bad = Files.writeString(dir.resolve("bad-secret"), "not hex at all");
    assertThat(run("taskmanager", "-D", "cluster.secret-file=" + bad)).isEqualTo(2);
    assertThat(err()).isEqualTo("The cluster secret is not a hexadecimal string (in " + bad + ")");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void awaitNeedsANumber() {
    assertThat(run("await-taskmanagers", "some")).isEqualTo(2);
    assertThat(err()).isEqualTo("await-taskmanagers needs the number of task managers, not 'some'");
  }
}

package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
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
  @Test
  void aClusterStartsLosesAKilledTaskManagerTakesAReplacementAndStops(@TempDir Path dir) throws Exception {
    LocalCluster cluster = new LocalCluster(dir, 2, "");
    Path logs = cluster.logs;
    try (cluster) {
      cluster.start();
      JsonNode overview = cluster.get("/overview");
      assertThat(overview.get("taskmanagers").asInt()).isEqualTo(2);
      assertThat(overview.get("slots-total").asInt()).isEqualTo(4);

      Path secret = logs.resolve("cluster.secret");
      assertThat(Files.getPosixFilePermissions(secret)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE);
      String secretText = Files.readString(secret, StandardCharsets.US_ASCII);
      assertThat(secretText).hasSize(64);

      long jobManagerPid = Long.parseLong(Files.readString(logs.resolve("nagare-jobmanager.pid")).trim());
      JsonNode taskManagers = cluster.get("/taskmanagers").get("taskmanagers");
      long victim = taskManagers.get(0).get("pid").asLong();
      long survivor = taskManagers.get(1).get("pid").asLong();
      assertThat(Set.of(victim, survivor, jobManagerPid)).as("three separate processes").hasSize(3);
      ProcessHandle victimProcess = ProcessHandle.of(victim).orElseThrow();
      new ProcessBuilder("kill", "-9", String.valueOf(victim)).start().waitFor();
      victimProcess.onExit().get(30, TimeUnit.SECONDS);

      JsonNode afterKill = cluster.get("/overview?await-taskmanagers=1&timeout-ms=30000");
      assertThat(afterKill.get("taskmanagers-lost").asInt()).isEqualTo(1);
      assertThat(afterKill.get("slots-total").asInt()).isEqualTo(2);

      ScriptRunner.Result replacement = ScriptRunner.run(60, cluster.env, "taskmanager.sh", "start");
      assertThat(replacement.exitCode()).as("taskmanager.sh start; stderr:\n%s", replacement.stderr()).isZero();
      JsonNode replaced = cluster.get("/overview?await-taskmanagers=2&timeout-ms=60000");
      assertThat(replaced.get("slots-total").asInt()).isEqualTo(4);

      for (Path log : Files.newDirectoryStream(logs, "*.log")) {
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("%s never shows the secret", log)
            .doesNotContain(secretText);
      }
      assertThat(Files.readString(logs.resolve("nagare-jobmanager.log"), StandardCharsets.UTF_8))
          .contains("is lost: its connection closed");
    }
    try (var pids = Files.newDirectoryStream(logs, "*.pid")) {
      assertThat(pids).as("pid files are removed").isEmpty();
    }
    assertThat(logs.resolve("cluster.secret")).doesNotExist();
  }
}

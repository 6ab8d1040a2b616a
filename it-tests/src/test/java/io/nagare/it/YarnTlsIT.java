package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerReport;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic internal TLS on real YARN (MiniYARNCluster, MiniDFSCluster): a session started with
 * {@code security.ssl.internal.enabled=true} and no keystore gets a generated keystore in every
 * container as a PRIVATE local resource and its password in the containers' credentials only;
 * its task managers register and exchange records over TLS, and a job gives exact results.
 */
class YarnTlsIT {
  private static final int RECORDS = 20_000;

  @RegisterExtension
  static final MiniHadoop HADOOP = new MiniHadoop();

  @TempDir
  static Path dir;
  private static Map<String, String> env;
  private static YarnClient yarn;

  @BeforeAll
  static void clientConfiguration() throws Exception {
    env = EdgeNode.environment(HADOOP, dir);
    yarn = YarnClient.createYarnClient();
    yarn.init(HADOOP.conf());
    yarn.start();
  }

  @AfterAll
  static void stopClient() {
    yarn.stop();
  }

  @Test
  void aSessionWithAutomaticInternalTlsShipsItsKeyStorePrivatelyAndRunsAJobAcrossTwoTaskManagers()
      throws Exception {
    ScriptRunner.Result started = ScriptRunner.run(240, env, "yarn-session.sh", "-n", "2", "-s", "1", "-jm", "768",
        "-tm", "1024", "-nm", "it tls", "-D", "security.ssl.internal.enabled=true", "-d");
    EdgeNode.assertOk(started, "yarn-session.sh");
    Matcher running = Pattern.compile("Session (application_[0-9]+_[0-9]+) is RUNNING; REST http://(\\S+:[0-9]+)")
        .matcher(started.stdout());
    assertThat(running.find()).as(started.stdout()).isTrue();
    ApplicationId id = ApplicationId.fromString(running.group(1));
    String rest = running.group(2);
    try {
      assertThat(EdgeNode.get(rest, "/overview?await-taskmanagers=2&timeout-ms=60000").get("taskmanagers").asInt())
          .as("task managers registered over TLS").isEqualTo(2);
      List<ContainerReport> containers = yarn.getContainers(yarn.getApplicationReport(id)
          .getCurrentApplicationAttemptId());
      assertThat(containers).as("the ApplicationMaster and two task managers").hasSize(3);
      List<LocalResourceVisibility> keystores = new ArrayList<>();
      for (ContainerReport report : containers) {
        org.apache.hadoop.yarn.server.nodemanager.containermanager.container.Container container =
            HADOOP.container(report.getContainerId());
        ContainerLaunchContext launch = container.getLaunchContext();
        LocalResource keystore = launch.getLocalResources().get("nagare-internal.p12");
        assertThat(keystore).as("the keystore of %s", report.getContainerId()).isNotNull();
        keystores.add(keystore.getVisibility());
        byte[] password = container.getCredentials().getSecretKey(new Text("nagare.ssl.internal.password"));
        assertThat(password).as("the keystore password in the credentials of %s", report.getContainerId())
            .hasSize(64);
        assertThat(String.join(" ", launch.getCommands())).doesNotContain(new String(password,
            java.nio.charset.StandardCharsets.UTF_8));
      }
      assertThat(keystores).containsExactly(LocalResourceVisibility.PRIVATE, LocalResourceVisibility.PRIVATE,
          LocalResourceVisibility.PRIVATE);

      ScriptRunner.Result job = ScriptRunner.run(300, env, "nagare", "run", "-t", "yarn-session", "-D",
          "yarn.application.id=" + id, "-p", "2", "-c", "io.nagare.examples.distinct.DistinctCount",
          ScriptRunner.examplesJar().toString(), "--records", String.valueOf(RECORDS));
      EdgeNode.assertOk(job, "nagare run");
      assertThat(job.stdout()).contains("records=" + RECORDS + " distinct=" + RECORDS);
      assertThat(EdgeNode.get(rest, "/overview").get("taskmanagers-lost").asInt()).isZero();
    } finally {
      ScriptRunner.Result stopped = ScriptRunner.runWithInput(120, env, "stop\n", "yarn-session.sh", "-id",
          id.toString());
      EdgeNode.assertOk(stopped, "yarn-session.sh -id (stop)");
    }
  }
}

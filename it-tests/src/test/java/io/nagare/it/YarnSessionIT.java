package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nagare session on real YARN and HDFS (MiniYARNCluster, MiniDFSCluster), through the scripts a
 * user runs on an edge node: {@code yarn-session.sh} starts it with two task managers (the
 * ApplicationMaster and each task manager a separate container process, nagare reaching them only
 * as staged files), {@code nagare run -t yarn-session} submits a checkpointing job whose
 * checkpoints appear in HDFS, {@code nagare list} and {@code cancel} act on it, and {@code stop}
 * ends the application SUCCEEDED with its staging directory gone.
 */
class YarnSessionIT {
  @RegisterExtension
  static final MiniHadoop HADOOP = new MiniHadoop();

  @TempDir
  static Path dir;
  private static Map<String, String> env;
  private static YarnClient yarn;

  @BeforeAll
  static void clientConfiguration() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.copy(ScriptRunner.home().resolve("conf/log4j2.properties"), conf.resolve("log4j2.properties"));
    Files.copy(ScriptRunner.home().resolve("conf/log4j2-cluster.properties"),
        conf.resolve("log4j2-cluster.properties"));
    Files.writeString(conf.resolve("nagare-conf.yaml"), "state.checkpoints.dir: " + HADOOP.hdfsUri()
        + "/nagare/checkpoints\nheartbeat.timeout: 60 s\nrestart-strategy.type: fixed-delay\n"
        + "restart-strategy.fixed-delay.attempts: 3\nrestart-strategy.fixed-delay.delay: 0 s\n");
    env = new HashMap<>(Map.of("NAGARE_CONF_DIR", conf.toString(), "HADOOP_CONF_DIR", HADOOP.confDir().toString(),
        "NAGARE_CLIENT_HEAP", "256m"));
    yarn = YarnClient.createYarnClient();
    yarn.init(HADOOP.conf());
    yarn.start();
  }

  @AfterAll
  static void stopClient() {
    yarn.stop();
  }

  private static void assertOk(ScriptRunner.Result r, String what) {
    assertThat(r.exitCode()).as("%s; stdout:\n%s\nstderr:\n%s", what, r.stdout(), r.stderr()).isZero();
  }

  @Test
  void aSessionRunsACheckpointingJobAndStopsLeavingNothingBehind() throws Exception {
    ScriptRunner.Result started = ScriptRunner.run(240, env, "yarn-session.sh", "-n", "2", "-s", "2", "-jm", "768",
        "-tm", "1024", "-nm", "it session", "-d");
    assertOk(started, "yarn-session.sh");
    Matcher running = Pattern.compile("Session (application_[0-9]+_[0-9]+) is RUNNING; REST http://(\\S+):([0-9]+)")
        .matcher(started.stdout());
    assertThat(running.find()).as(started.stdout()).isTrue();
    assertThat(started.stdout()).contains("TaskManagers 2/2").contains("is ACCEPTED");
    ApplicationId id = ApplicationId.fromString(running.group(1));

    ApplicationReport report = yarn.getApplicationReport(id);
    assertThat(report.getApplicationType()).isEqualTo("NAGARE");
    assertThat(report.getName()).isEqualTo("it session");
    List<ContainerReport> containers = yarn.getContainers(report.getCurrentApplicationAttemptId());
    assertThat(containers).hasSize(3);
    Set<String> pids = new HashSet<>();
    for (ContainerReport c : containers) {
      String pid = HADOOP.processId(c.getContainerId());
      assertThat(pid).as("process of %s", c.getContainerId()).isNotNull();
      pids.add(pid);
      String classpath = HADOOP.container(c.getContainerId()).getLaunchContext().getEnvironment().get("CLASSPATH");
      assertThat(classpath).doesNotContain("target/classes").doesNotContainPattern("nagare-(engine|yarn|it-tests)");
    }
    assertThat(pids).as("the ApplicationMaster and two task managers are separate processes").hasSize(3);

    FileSystem fs = FileSystem.get(HADOOP.conf());
    String staging = fs.getHomeDirectory() + "/.nagare/" + id;
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(staging))).isTrue();

    Path jar = ClusterJobsIT.countingJar(dir);
    String jobId;
    try (ServerSocket signal = new ServerSocket(0)) {
      signal.setSoTimeout(120_000);
      ScriptRunner.Result submitted = ScriptRunner.run(120, env, "nagare", "run", "-t", "yarn-session", "-D",
          "yarn.application.id=" + id, "-d", jar.toString(), HADOOP.hdfsUri() + "/counts", "1000000000",
          String.valueOf(signal.getLocalPort()));
      assertOk(submitted, "nagare run -t yarn-session");
      jobId = ClusterJobsIT.submittedId(submitted);
      try (Socket checkpointed = signal.accept()) {
        assertThat(checkpointed.isConnected()).isTrue();
      }
    }
    assertThat(fs.globStatus(new org.apache.hadoop.fs.Path("/nagare/checkpoints/" + jobId + "/chk-*/_metadata")))
        .as("completed checkpoints in HDFS").isNotEmpty();

    ScriptRunner.Result list = ScriptRunner.run(60, env, "nagare", "list", "-t", "yarn-session", "-D",
        "yarn.application.id=" + id);
    assertOk(list, "nagare list");
    assertThat(list.stdout()).contains(jobId + " : counting (RUNNING)");
    ScriptRunner.Result cancelled = ScriptRunner.run(60, env, "nagare", "cancel", "-t", "yarn-session", "-D",
        "yarn.application.id=" + id, jobId);
    assertOk(cancelled, "nagare cancel");
    assertThat(cancelled.stdout()).isEqualTo("Cancelled job " + jobId + " (counting): CANCELED\n");

    ScriptRunner.Result stopped = ScriptRunner.runWithInput(120, env, "stop\n", "yarn-session.sh", "-id",
        id.toString());
    assertOk(stopped, "yarn-session.sh -id (stop)");
    assertThat(stopped.stdout()).contains("Session " + id + " stopped: SUCCEEDED");
    ApplicationReport end = yarn.getApplicationReport(id);
    assertThat(end.getYarnApplicationState()).isEqualTo(YarnApplicationState.FINISHED);
    assertThat(end.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.SUCCEEDED);
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(staging))).as("staging directory removed").isFalse();
  }
}

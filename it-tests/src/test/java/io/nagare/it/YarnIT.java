package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.client.yarn.YarnSessions;
import io.nagare.testing.TestJars;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.cli.ApplicationCLI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * nagare on real YARN and HDFS (MiniYARNCluster, MiniDFSCluster), through the scripts a user runs
 * on an edge node. A session: {@code yarn-session.sh} starts it with two task managers (the
 * ApplicationMaster and each task manager a separate container process, nagare reaching them only
 * as staged files), {@code nagare run -t yarn-session} submits a checkpointing job whose
 * checkpoints appear in HDFS, {@code nagare list} and {@code cancel} act on it, and {@code stop}
 * ends the application SUCCEEDED with its staging directory gone; a killed task manager container
 * is replaced; a session killed with {@code yarn application -kill} leaves no staging directory
 * after the next client call; by default a browser's direct GET is redirected to the
 * ResourceManager's web proxy, and only requests with the cluster secret (which the CLI reads from
 * the staging directory's credentials file) may change anything. Per-job: an application per job,
 * ending as its job does.
 */
class YarnIT {
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

  /** The committed lines under {@code dir} on HDFS (names starting with '.' are in progress). */
  static List<String> committedLines(FileSystem fs, String dir) throws Exception {
    List<String> lines = new ArrayList<>();
    var files = fs.listFiles(new org.apache.hadoop.fs.Path(dir), true);
    while (files.hasNext()) {
      org.apache.hadoop.fs.Path f = files.next().getPath();
      if (!f.getName().startsWith(".")) {
        try (var in = new BufferedReader(new InputStreamReader(fs.open(f), StandardCharsets.UTF_8))) {
          in.lines().forEach(lines::add);
        }
      }
    }
    return lines;
  }

  /** The counting job's committed output of {@code records} records equals an undisturbed run's: every key counted alike. */
  private static void assertCountsOfAnUndisturbedRun(String output, int records) throws Exception {
    List<String> expected = new ArrayList<>();
    for (int k = 0; k < 100; k++) {
      expected.add(k + "," + records / 100);
    }
    assertThat(committedLines(FileSystem.get(HADOOP.conf()), output)).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** Stops session {@code id} as a user does, typing 'stop', and checks it ended SUCCEEDED. */
  private static void stopSession(ApplicationId id) throws Exception {
    ScriptRunner.Result stopped = ScriptRunner.runWithInput(120, env, "stop\n", "yarn-session.sh", "-id",
        id.toString());
    EdgeNode.assertOk(stopped, "yarn-session.sh -id (stop)");
    assertThat(stopped.stdout()).contains("Session " + id + " stopped: SUCCEEDED");
  }

  @Test
  void aKilledTaskManagerContainersJobRestartsOnTheSpareAndTheReplacementBecomesTheNextSpare() throws Exception {
    long startedAt = System.nanoTime();
    ScriptRunner.Result started = ScriptRunner.run(240, env, "yarn-session.sh", "-n", "2", "-s", "2", "-jm", "768",
        "-tm", "1024", "-nm", "it recovery", "-D", "yarn.taskmanager.spare=1", "-D",
        "resourcemanager.taskmanager-timeout=2s", "-d");
    long sessionReadyMillis = (System.nanoTime() - startedAt) / 1_000_000;
    EdgeNode.assertOk(started, "yarn-session.sh");
    Matcher running = Pattern.compile("Session (application_[0-9]+_[0-9]+) is RUNNING; REST http://(\\S+:[0-9]+)")
        .matcher(started.stdout());
    assertThat(running.find()).as(started.stdout()).isTrue();
    ApplicationId id = ApplicationId.fromString(running.group(1));
    String rest = running.group(2);

    Path jar = ClusterJobsIT.countingJar(dir);
    String output = HADOOP.hdfsUri() + "/recovery-counts";
    String jobId;
    try (ServerSocket signal = new ServerSocket(0)) {
      signal.setSoTimeout(120_000);
      ScriptRunner.Result submitted = ScriptRunner.run(120, env, "nagare", "run", "-t", "yarn-session", "-D",
          "yarn.application.id=" + id, "-d", jar.toString(), output, "3000000", String.valueOf(signal.getLocalPort()));
      EdgeNode.assertOk(submitted, "nagare run -t yarn-session");
      jobId = ClusterJobsIT.submittedId(submitted);
      try (Socket checkpointed = signal.accept()) {
        assertThat(checkpointed.isConnected()).isTrue();
      }
    }

    assertThat(EdgeNode.get(rest, "/overview?await-taskmanagers=3&timeout-ms=120000").get("taskmanagers").asInt())
        .as("the spare has registered").isEqualTo(3);
    ContainerId victim = ContainerId.fromString(EdgeNode.get(rest, "/jobs/" + jobId).get("vertices").get(0).get("subtasks")
        .get(0).get("taskmanager-id").asText());
    ProcessHandle process = ProcessHandle.of(Long.parseLong(HADOOP.processId(victim))).orElseThrow();
    long killedAt = System.currentTimeMillis();
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();

    JsonNode again = EdgeNode.get(rest, "/jobs/" + jobId + "/attempts/1/running?timeout-ms=120000");
    long recoveryMillis = again.get("running-since").asLong() - killedAt;
    System.out.println("W5 session_ready_ms=" + sessionReadyMillis + " recovery_ms=" + recoveryMillis);
    JsonNode job = EdgeNode.get(rest, "/jobs/" + jobId);
    Set<String> taskManagers = new HashSet<>();
    job.get("vertices").forEach(v -> v.get("subtasks").forEach(t -> taskManagers.add(t.get("taskmanager-id").asText())));
    assertThat(taskManagers).as("the job runs on the spare, not on the killed container")
        .doesNotContain(victim.toString()).hasSize(2);
    assertThat(EdgeNode.get(rest, "/overview?await-taskmanagers=3&timeout-ms=120000").get("taskmanagers-lost").asInt())
        .as("a replacement container restores the spare").isEqualTo(1);

    JsonNode result = EdgeNode.get(rest, "/jobs/" + jobId + "/result?timeout-ms=240000");
    assertThat(result.get("job").get("state").asText()).as(result.toString()).isEqualTo("FINISHED");
    assertThat(result.get("restarts").asInt()).isEqualTo(1);
    assertCountsOfAnUndisturbedRun(output, 3_000_000);
    JsonNode idle = EdgeNode.get(rest, "/overview?await-taskmanagers=2&timeout-ms=60000");
    assertThat(idle.get("taskmanagers").asInt()).as("idle containers beyond -n 2 (one of them the spare) go back to"
        + " YARN").isEqualTo(2);
    assertThat(idle.get("taskmanagers-lost").asInt()).isEqualTo(1);

    stopSession(id);
  }

  /** Writes the doubled numbers 1..args[1] to the directory args[0], at parallelism 2; fails on args[2] if given. */
  private static final String DOUBLING_JOB = "package demo;\n"
      + "import io.nagare.api.environment.StreamExecutionEnvironment;\n"
      + "public class DoublingJob {\n"
      + "  public static void main(String[] args) throws Exception {\n"
      + "    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n"
      + "    env.setParallelism(2);\n"
      + "    long poison = args.length > 2 ? Long.parseLong(args[2]) : -1;\n"
      + "    env.fromSequence(1, Long.parseLong(args[1])).map(x -> {\n"
      + "      if (x == poison) { throw new IllegalStateException(\"poisoned at \" + x); }\n"
      + "      return x * 2;\n"
      + "    }).returns(io.nagare.api.typeinfo.Types.LONG).writeAsText(args[0]);\n"
      + "    env.execute(args.length > 2 ? \"poisoned\" : \"doubling\");\n"
      + "  }\n"
      + "}\n";

  @Test
  void aPerJobApplicationSucceedsWithItsJobAndFailsWithItsRootCause() throws Exception {
    Path jar = TestJars.build(dir, "doubling", Map.of("demo.DoublingJob", DOUBLING_JOB), "demo.DoublingJob");
    String output = HADOOP.hdfsUri() + "/doubled";
    int historyPort;
    try (ServerSocket free = new ServerSocket(0)) {
      historyPort = free.getLocalPort();
    }
    ScriptRunner.Result ran = ScriptRunner.run(240, env, "nagare", "run", "-t", "yarn-per-job",
        "-D", "historyserver.web.address=127.0.0.1", "-D", "historyserver.web.port=" + historyPort, jar.toString(),
        output, "1000");
    EdgeNode.assertOk(ran, "nagare run -t yarn-per-job");
    String jobId = ClusterJobsIT.submittedId(ran);
    assertThat(ran.stderr()).contains("Job 'doubling' (" + jobId + ") finished in");
    FileSystem fs = FileSystem.get(HADOOP.conf());
    List<Long> doubled = new ArrayList<>();
    committedLines(fs, output).forEach(l -> doubled.add(Long.parseLong(l)));
    assertThat(doubled).hasSize(1000);
    assertThat(doubled.stream().mapToLong(Long::longValue).sum()).isEqualTo(1000L * 1001);
    ApplicationReport succeeded = applicationNamed("nagare job doubling");
    assertThat(succeeded.getApplicationType()).isEqualTo("NAGARE");
    ApplicationReport done = finalReport(succeeded.getApplicationId());
    assertThat(done.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.SUCCEEDED);
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(fs.getHomeDirectory() + "/.nagare/"
        + succeeded.getApplicationId()))).as("staging directory removed").isFalse();
    assertThat(done.getOriginalTrackingUrl()).as("the final tracking URL leads to the job in the history server")
        .isEqualTo("http://127.0.0.1:" + historyPort + "/#/jobs/" + jobId);
    io.nagare.api.configuration.Configuration history = new io.nagare.api.configuration.Configuration()
        .setString("historyserver.archive.fs.dir", HADOOP.hdfsUri() + "/nagare/completed-jobs")
        .setString("historyserver.web.address", "127.0.0.1").setString("historyserver.web.port",
            String.valueOf(historyPort));
    try (io.nagare.history.HistoryServer server = io.nagare.history.HistoryServer.start(history)) {
      JsonNode archived = EdgeNode.get("127.0.0.1:" + historyPort, "/jobs/" + jobId);
      assertThat(archived.get("name").asText()).isEqualTo("doubling");
      assertThat(archived.get("state").asText()).isEqualTo("FINISHED");
      assertThat(archived.get("vertices")).singleElement()
          .satisfies(v -> assertThat(v.get("parallelism").asInt()).isEqualTo(2));
    }

    ScriptRunner.Result failed = ScriptRunner.run(240, env, "nagare", "run", "-t", "yarn-per-job", "-D",
        "restart-strategy.type=none", jar.toString(), HADOOP.hdfsUri() + "/poisoned", "1000", "500");
    assertThat(failed.exitCode()).as(failed.stderr()).isEqualTo(1);
    assertThat(failed.stderr()).contains("Job 'poisoned'").contains("java.lang.IllegalStateException: poisoned at 500");
    ApplicationReport failedApp = finalReport(applicationNamed("nagare job poisoned").getApplicationId());
    assertThat(failedApp.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.FAILED);
    assertThat(failedApp.getDiagnostics()).contains("FAILED").contains("poisoned at 500");
  }

  private static ApplicationReport applicationNamed(String name) throws Exception {
    return yarn.getApplications().stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow();
  }

  /** The report once the application has ended (the ApplicationMaster unregisters just after the job's end). */
  private static ApplicationReport finalReport(ApplicationId id) throws Exception {
    try (var sessions = new io.nagare.client.yarn.YarnSessions(new io.nagare.api.configuration.Configuration(),
        HADOOP.conf(), ScriptRunner.home(), null, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
      return sessions.await(id, java.util.EnumSet.of(YarnApplicationState.FINISHED));
    }
  }

  @Test
  void aSecondApplicationMasterAttemptResumesTheJobFromItsLatestCheckpoint() throws Exception {
    ScriptRunner.Result started = ScriptRunner.run(240, env, "yarn-session.sh", "-n", "2", "-s", "2", "-jm", "768",
        "-tm", "1024", "-nm", "it am loss", "-d");
    EdgeNode.assertOk(started, "yarn-session.sh");
    Matcher running = Pattern.compile("Session (application_[0-9]+_[0-9]+) is RUNNING").matcher(started.stdout());
    assertThat(running.find()).as(started.stdout()).isTrue();
    ApplicationId id = ApplicationId.fromString(running.group(1));

    Path jar = ClusterJobsIT.countingJar(dir);
    String output = HADOOP.hdfsUri() + "/am-loss-counts";
    try (ServerSocket signal = new ServerSocket(0)) {
      signal.setSoTimeout(120_000);
      ScriptRunner.Result submitted = ScriptRunner.run(120, env, "nagare", "run", "-t", "yarn-session", "-D",
          "yarn.application.id=" + id, "-d", jar.toString(), output, "1000000", String.valueOf(signal.getLocalPort()));
      EdgeNode.assertOk(submitted, "nagare run -t yarn-session");
      String jobId = ClusterJobsIT.submittedId(submitted);
      try (Socket checkpointed = signal.accept()) {
        assertThat(checkpointed.isConnected()).isTrue();
      }

      ApplicationReport report = yarn.getApplicationReport(id);
      ContainerId am = yarn.getApplicationAttemptReport(report.getCurrentApplicationAttemptId()).getAMContainerId();
      ProcessHandle process = ProcessHandle.of(Long.parseLong(HADOOP.processId(am))).orElseThrow();
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();

      YarnSessions.Session second;
      try (YarnSessions sessions = new YarnSessions(new io.nagare.api.configuration.Configuration(), HADOOP.conf(),
          ScriptRunner.home(), null, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
        second = sessions.awaitAttempt(id, 2);
      }
      String rest = second.restHost() + ":" + second.restPort();
      JsonNode resumed = EdgeNode.get(rest, "/jobs/" + jobId);
      assertThat(resumed.get("restored-from").asText()).as("resumed from a checkpoint of its own")
          .matches(".*/nagare/checkpoints/" + jobId + "/chk-[0-9]+");
      JsonNode result = EdgeNode.get(rest, "/jobs/" + jobId + "/result?timeout-ms=240000");
      assertThat(result.get("job").get("state").asText()).as(result.toString()).isEqualTo("FINISHED");
      assertCountsOfAnUndisturbedRun(output, 1_000_000);
    }
    stopSession(id);
  }

  /** Sends one HTTP/1.1 request to {@code rest} (host:port) from {@code from}; returns the raw answer. */
  private static String request(String rest, String from, String method, String path, String authorization)
      throws Exception {
    String[] hostAndPort = rest.split(":");
    try (Socket client = new Socket(java.net.InetAddress.getByName(hostAndPort[0]), Integer.parseInt(hostAndPort[1]),
        java.net.InetAddress.getByName(from), 0)) {
      client.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: " + rest + "\r\nConnection: close\r\n"
          + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
          + "Content-Length: 4\r\n\r\njunk").getBytes(StandardCharsets.US_ASCII));
      return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aSessionAnswersBrowsersOnlyThroughTheProxyAndChangesOnlyWithTheSecretFromTheStagingCredentials()
      throws Exception {
    ScriptRunner.Result started = ScriptRunner.run(240, env, "yarn-session.sh", "-jm", "768", "-nm", "it proxy only",
        "-d");
    EdgeNode.assertOk(started, "yarn-session.sh");
    Matcher running = Pattern.compile("Session (application_[0-9]+_[0-9]+) is RUNNING; REST http://(\\S+:[0-9]+)")
        .matcher(started.stdout());
    assertThat(running.find()).as(started.stdout()).isTrue();
    ApplicationId id = ApplicationId.fromString(running.group(1));
    String rest = running.group(2);
    String proxy = yarn.getApplicationReport(id).getTrackingUrl().replaceFirst("/$", "");

    String direct = request(rest, "127.0.0.2", "GET", "/overview?x=1", null);
    assertThat(direct).as("a GET from another address than the proxy's (127.0.0.2 here; all of the mini cluster is"
        + " on 127.0.0.1)").startsWith("HTTP/1.1 302 Found\r\n").contains("\r\nlocation: " + proxy
        + "/overview?x=1\r\n");
    assertThat(proxy).endsWith("/proxy/" + id);
    assertThat(EdgeNode.get(proxy.replaceFirst("^http://", ""), "/overview").get("taskmanagers").asInt()).isZero();

    FileSystem fs = FileSystem.get(HADOOP.conf());
    org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(fs.getHomeDirectory() + "/.nagare/" + id);
    org.apache.hadoop.fs.Path secretFile = new org.apache.hadoop.fs.Path(staging, "client/cluster-secret.credentials");
    assertThat(fs.getFileStatus(secretFile).getPermission().toString()).isEqualTo("rw-------");
    assertThat(fs.getFileStatus(secretFile.getParent()).getPermission().toString()).isEqualTo("rwx------");
    String secret = new String(org.apache.hadoop.security.Credentials.readTokenStorageFile(secretFile, HADOOP.conf())
        .getSecretKey(new org.apache.hadoop.io.Text("nagare.cluster.secret")), StandardCharsets.US_ASCII);
    assertThat(request(rest, "127.0.0.2", "GET", "/overview", "Bearer " + secret))
        .as("a request with the secret is answered directly").startsWith("HTTP/1.1 200 OK\r\n");

    for (String from : List.of("127.0.0.1", "127.0.0.2")) {
      String submitted = request(rest, from, "POST", "/jobs", null);
      assertThat(submitted).as("POST /jobs without the secret from %s", from).startsWith("HTTP/1.1 401 Unauthorized\r\n")
          .contains("POST /jobs changes the cluster and needs its secret").doesNotContain(secret);
      assertThat(request(rest, from, "POST", "/cluster/shutdown", "Bearer " + "0".repeat(64)))
          .startsWith("HTTP/1.1 401 Unauthorized\r\n");
    }
    assertThat(EdgeNode.get(proxy.replaceFirst("^http://", ""), "/jobs").get("jobs")).as("no job was created").isEmpty();

    ScriptRunner.Result list = ScriptRunner.run(60, env, "nagare", "list", "-t", "yarn-session", "-D",
        "yarn.application.id=" + id);
    EdgeNode.assertOk(list, "nagare list with the secret from the staging directory");
    assertThat(list.stdout()).contains("No running jobs.");
    assertThat(list.stderr()).contains("Using YARN session " + id + " at http://" + rest);
    ScriptRunner.Result lastStarted = ScriptRunner.run(60, env, "nagare", "list", "-t", "yarn-session");
    EdgeNode.assertOk(lastStarted, "nagare list without an application id");
    assertThat(lastStarted.stderr()).contains("Using YARN session " + id + " (the one this user started last) at ");

    ScriptRunner.Result stopped = ScriptRunner.runWithInput(120, env, "stop\n", "yarn-session.sh", "-id",
        id.toString());
    EdgeNode.assertOk(stopped, "yarn-session.sh -id (stop)");
    assertThat(stopped.stdout()).as("stopped through its job manager, with the secret").contains("Session " + id
        + " stopped: SUCCEEDED");
    assertThat(fs.exists(staging)).as("the staging directory, with the secret, is gone").isFalse();
  }

  @Test
  void aSessionKilledThroughYarnLeavesNoStagingDirectoryAfterTheNextClientCall() throws Exception {
    FileSystem hdfs = FileSystem.get(HADOOP.conf());
    org.apache.hadoop.fs.Path lib = new org.apache.hadoop.fs.Path("/nagare-lib");
    java.nio.file.Path dist = ScriptRunner.home().resolve("yarn-am/target");
    try (var files = Files.list(dist.resolve("lib"))) {
      for (java.nio.file.Path jar : (Iterable<java.nio.file.Path>) files::iterator) {
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(jar.toUri()), new org.apache.hadoop.fs.Path(lib,
            jar.getFileName().toString()));
      }
    }
    try (var files = Files.list(dist)) {
      for (java.nio.file.Path jar : (Iterable<java.nio.file.Path>) files.filter(f -> f.getFileName().toString()
          .matches("nagare-yarn-am-.*\\.jar"))::iterator) {
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(jar.toUri()), new org.apache.hadoop.fs.Path(lib,
            jar.getFileName().toString()));
      }
    }
    ScriptRunner.Result started = ScriptRunner.run(240, env, "yarn-session.sh", "-jm", "768", "-nm", "it killed",
        "-D", "yarn.provided.lib.dirs=" + HADOOP.hdfsUri() + "/nagare-lib", "-d");
    EdgeNode.assertOk(started, "yarn-session.sh");
    Matcher running = Pattern.compile("Session (application_[0-9]+_[0-9]+) is RUNNING").matcher(started.stdout());
    assertThat(running.find()).as(started.stdout()).isTrue();
    ApplicationId id = ApplicationId.fromString(running.group(1));

    FileSystem fs = FileSystem.get(HADOOP.conf());
    org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(fs.getHomeDirectory() + "/.nagare/" + id);
    List<String> staged = java.util.Arrays.stream(fs.listStatus(staging)).map(f -> f.getPath().getName()).toList();
    assertThat(staged).as("with yarn.provided.lib.dirs nothing of nagare is uploaded").isNotEmpty()
        .noneMatch(name -> name.endsWith(".jar"));

    java.io.ByteArrayOutputStream listed = new java.io.ByteArrayOutputStream();
    ApplicationCLI cli = new ApplicationCLI();
    cli.setConf(HADOOP.conf());
    cli.setSysOutPrintStream(new java.io.PrintStream(listed, true, StandardCharsets.UTF_8));
    cli.setSysErrPrintStream(new java.io.PrintStream(listed, true, StandardCharsets.UTF_8));
    assertThat(cli.run(new String[] {"application", "-list"})).isZero();
    assertThat(listed.toString(StandardCharsets.UTF_8)).containsPattern(id + "\\s+it killed\\s+NAGARE\\s+");
    assertThat(cli.run(new String[] {"application", "-kill", id.toString()})).isZero();
    assertThat(finalReport(id).getYarnApplicationState()).isEqualTo(YarnApplicationState.KILLED);

    if (!fs.exists(staging)) {
      // The ApplicationMaster heard of the kill from the ResourceManager before its container was
      // killed and cleaned up; put back what an ApplicationMaster killed first leaves behind.
      fs.mkdirs(staging);
      for (String name : staged) {
        fs.create(new org.apache.hadoop.fs.Path(staging, name)).close();
      }
    }
    ScriptRunner.Result list = ScriptRunner.run(60, env, "nagare", "list", "-t", "yarn-session", "-D",
        "yarn.application.id=" + id);
    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.stderr()).contains("Application " + id + " is KILLED, not a running session");
    assertThat(fs.exists(staging)).as("the next client call removed it").isFalse();
  }

  @Test
  void aSessionRunsACheckpointingJobAndStopsLeavingNothingBehind() throws Exception {
    ScriptRunner.Result started = ScriptRunner.run(240, env, "yarn-session.sh", "-n", "2", "-s", "2", "-jm", "768",
        "-tm", "1024", "-nm", "it session", "-D", "metrics.reporters=prom", "-D",
        "metrics.reporter.prom.port=19250-19299", "-d");
    EdgeNode.assertOk(started, "yarn-session.sh");
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
      EdgeNode.assertOk(submitted, "nagare run -t yarn-session");
      jobId = ClusterJobsIT.submittedId(submitted);
      try (Socket checkpointed = signal.accept()) {
        assertThat(checkpointed.isConnected()).isTrue();
      }
    }
    assertThat(fs.globStatus(new org.apache.hadoop.fs.Path("/nagare/checkpoints/" + jobId + "/chk-*/_metadata")))
        .as("completed checkpoints in HDFS").isNotEmpty();

    JsonNode app = EdgeNode.get(HADOOP.resourceManagerWebAddress(), "/ws/v1/cluster/apps/" + id).get("app");
    assertThat(app.get("applicationType").asText()).isEqualTo("NAGARE");
    String trackingUrl = app.get("trackingUrl").asText();
    assertThat(trackingUrl).endsWith("/proxy/" + id + "/");
    JsonNode throughProxy = EdgeNode.get(trackingUrl.replaceFirst("^http://", "").replaceFirst("/$", ""), "/jobs/" + jobId);
    assertThat(throughProxy.get("jid").asText()).isEqualTo(jobId);
    assertThat(throughProxy.get("state").asText()).isEqualTo("RUNNING");
    List<Integer> parallelism = new ArrayList<>();
    throughProxy.get("vertices").forEach(v -> parallelism.add(v.get("parallelism").asInt()));
    assertThat(parallelism).as("source and throttle chained at 2, counter and sink chained at 4").containsExactly(2, 4);

    Set<Integer> prometheusPorts = new HashSet<>();
    for (JsonNode tm : EdgeNode.get(trackingUrl.replaceFirst("^http://", "").replaceFirst("/$", ""), "/taskmanagers")
        .get("taskmanagers")) {
      assertThat(tm.get("metric-reporters")).hasSize(1);
      java.net.URI endpoint = java.net.URI.create(tm.get("metric-reporters").get(0).asText()
          .replaceFirst("^prometheus=", ""));
      assertThat(endpoint.getPort()).isBetween(19250, 19299);
      prometheusPorts.add(endpoint.getPort());
      String scraped = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + endpoint.getPort() + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      assertThat(scraped).contains("nagare_taskmanager_Status_JVM_Threads_Count{")
          .contains("tm_id=\"" + tm.get("id").asText() + "\"")
          .containsPattern("nagare_taskmanager_job_task_operator_numRecordsIn\\{[^}]*job_id=\"" + jobId + "\"");
    }
    assertThat(prometheusPorts).as("each task manager took its own port of the range").hasSize(2);
    java.io.ByteArrayOutputStream status = new java.io.ByteArrayOutputStream();
    ApplicationCLI cli = new ApplicationCLI();
    cli.setConf(HADOOP.conf());
    cli.setSysOutPrintStream(new java.io.PrintStream(status, true, StandardCharsets.UTF_8));
    assertThat(cli.run(new String[] {"application", "-status", id.toString()})).isZero();
    assertThat(status.toString(StandardCharsets.UTF_8)).contains("Application-Type : NAGARE")
        .contains("State : RUNNING");

    ScriptRunner.Result list = ScriptRunner.run(60, env, "nagare", "list", "-t", "yarn-session", "-D",
        "yarn.application.id=" + id);
    EdgeNode.assertOk(list, "nagare list");
    assertThat(list.stdout()).contains(jobId + " : counting (RUNNING)");
    ScriptRunner.Result cancelled = ScriptRunner.run(60, env, "nagare", "cancel", "-t", "yarn-session", "-D",
        "yarn.application.id=" + id, jobId);
    EdgeNode.assertOk(cancelled, "nagare cancel");
    assertThat(cancelled.stdout()).isEqualTo("Cancelled job " + jobId + " (counting): CANCELED\n");

    stopSession(id);
    ApplicationReport end = yarn.getApplicationReport(id);
    assertThat(end.getYarnApplicationState()).isEqualTo(YarnApplicationState.FINISHED);
    assertThat(end.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.SUCCEEDED);
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(staging))).as("staging directory removed").isFalse();
  }
}

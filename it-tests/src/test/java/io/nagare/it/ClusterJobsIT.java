package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.network.ClusterSecret;
import io.nagare.network.ControlClient;
import io.nagare.testing.TestJars;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on a standalone cluster of real processes (a job manager and two task managers with two
 * slots each), submitted with {@code scripts/nagare run -m} (which presents the cluster's secret; a
 * raw POST without it is refused): a keyed job survives a task manager
 * killed with SIGKILL with exactly the output of an undisturbed run, and two jobs whose jars hold
 * different classes of the same name run side by side, each with its own.
 */
class ClusterJobsIT {
  private static final int RECORDS = 1_000_000;
  static final int KEYS = 100;

  @TempDir
  static Path dir;
  private static LocalCluster cluster;

  /**
   * Counts records per key (of 100) and writes "key,count" through the exactly-once file sink when
   * input ends; checkpoints every 200 ms. The source is slowed to about 400k records/s so the job
   * runs for seconds. After the first completed checkpoint of its first run, subtask 0 of the counter
   * connects to port args[2], so the test knows when to kill.
   */
  static final String COUNTING_JOB = "package demo;\n"
      + "import io.nagare.api.environment.StreamExecutionEnvironment;\n"
      + "import io.nagare.api.typeinfo.Types;\n"
      + "public class CountingJob {\n"
      + "  public static void main(String[] args) throws Exception {\n"
      + "    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n"
      + "    env.setParallelism(4);\n"
      + "    env.enableCheckpointing(200);\n"
      + "    env.fromSequence(1, Long.parseLong(args[1])).setParallelism(2)\n"
      + "        .map(new Throttle()).returns(Types.LONG).setParallelism(2)\n"
      + "        .keyBy(x -> x % " + KEYS + ", Types.LONG)\n"
      + "        .process(new CountPerKey(Integer.parseInt(args[2]))).returns(Types.STRING)\n"
      + "        .sinkTo(io.nagare.connectors.file.FileSink.<String>forRowFormat(args[0]).build());\n"
      + "    env.execute(\"counting\");\n"
      + "  }\n"
      + "}\n";
  static final String THROTTLE = "package demo;\n"
      + "public class Throttle implements io.nagare.api.functions.MapFunction<Long, Long> {\n"
      + "  private long seen;\n"
      + "  public Long map(Long x) throws Exception {\n"
      + "    if (++seen % 200 == 0) { Thread.sleep(1); }\n"
      + "    return x;\n"
      + "  }\n"
      + "}\n";
  static final String COUNT_PER_KEY = "package demo;\n"
      + "import io.nagare.api.functions.*;\n"
      + "import io.nagare.api.state.*;\n"
      + "import io.nagare.api.typeinfo.Types;\n"
      + "public class CountPerKey extends KeyedProcessFunction<Long, Long, String> implements CheckpointListener {\n"
      + "  private static boolean told;\n"
      + "  private final int port;\n"
      + "  private transient ValueState<Long> count;\n"
      + "  public CountPerKey(int port) { this.port = port; }\n"
      + "  public void open(OpenContext ctx) {\n"
      + "    count = getRuntimeContext().getState(new ValueStateDescriptor<>(\"count\", Types.LONG));\n"
      + "  }\n"
      + "  public void processElement(Long x, Context ctx, Collector<String> out) throws Exception {\n"
      + "    if (count.value() == null) { ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE); }\n"
      + "    count.update((count.value() == null ? 0 : count.value()) + 1);\n"
      + "  }\n"
      + "  public void onTimer(long t, OnTimerContext ctx, Collector<String> out) throws Exception {\n"
      + "    out.collect(ctx.getCurrentKey() + \",\" + count.value());\n"
      + "  }\n"
      + "  public void notifyCheckpointComplete(long id) throws Exception {\n"
      + "    if (getRuntimeContext().getTaskInfo().getAttemptNumber() == 0\n"
      + "        && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0 && !told) {\n"
      + "      told = true;\n"
      + "      new java.net.Socket(\"127.0.0.1\", port).close();\n"
      + "    }\n"
      + "  }\n"
      + "}\n";

  /**
   * Writes "<Greeting.text()>,<i>" for i in 1..100000, slowly (about 10 s), to args[0]; finds Greeting
   * through the subtask thread's context class loader, as client libraries find classes named in
   * their settings, so that must be the job's own.
   */
  private static final String GREETING_JOB = "package demo;\n"
      + "import io.nagare.api.environment.StreamExecutionEnvironment;\n"
      + "import io.nagare.api.typeinfo.Types;\n"
      + "public class GreetingJob {\n"
      + "  public static void main(String[] args) throws Exception {\n"
      + "    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n"
      + "    env.setParallelism(2);\n"
      + "    env.fromSequence(1, 100000).map(new Slow()).returns(Types.LONG)\n"
      + "        .map(x -> Thread.currentThread().getContextClassLoader().loadClass(\"demo.Greeting\")\n"
      + "            .getMethod(\"text\").invoke(null) + \",\" + x).returns(Types.STRING).writeAsText(args[0]);\n"
      + "    env.execute(args[1]);\n"
      + "  }\n"
      + "}\n";
  private static final String SLOW = "package demo;\n"
      + "public class Slow implements io.nagare.api.functions.MapFunction<Long, Long> {\n"
      + "  private long seen;\n"
      + "  public Long map(Long x) throws Exception {\n"
      + "    if (++seen % 10 == 0) { Thread.sleep(2); }\n"
      + "    return x;\n"
      + "  }\n"
      + "}\n";

  private static String greeting(String text) {
    return "package demo;\npublic class Greeting {\n  public static String text() { return \"" + text + "\"; }\n}\n";
  }

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new LocalCluster(dir, 2, "state.checkpoints.dir: " + dir.resolve("checkpoints").toUri() + "\n"
        + "restart-strategy.type: fixed-delay\nrestart-strategy.fixed-delay.attempts: 3\n"
        + "restart-strategy.fixed-delay.delay: 0 s\n").start();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A jar of the counting job (args: output directory, records, the port told of the first checkpoint). */
  static Path countingJar(Path dir) throws Exception {
    return TestJars.build(dir, "counting", Map.of("demo.CountingJob", COUNTING_JOB, "demo.Throttle", THROTTLE,
        "demo.CountPerKey", COUNT_PER_KEY), "demo.CountingJob");
  }

  static String submittedId(ScriptRunner.Result r) {
    Matcher m = Pattern.compile("submitted with id ([0-9a-f]{32})").matcher(r.stderr());
    assertThat(m.find()).as("stdout:\n%s\nstderr:\n%s", r.stdout(), r.stderr()).isTrue();
    return m.group(1);
  }

  /** The lines of the visible files under {@code output} (names starting with '.' are in progress). */
  private static List<String> committedLines(Path output) throws Exception {
    List<String> lines = new ArrayList<>();
    try (var files = Files.walk(output)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))::iterator) {
        lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  @Test
  void aKeyedJobSurvivesAKilledTaskManagerWithExactlyTheUndisturbedOutput() throws Exception {
    Path jar = countingJar(dir);
    Path output = dir.resolve("counts");
    String jobId;
    try (ServerSocket signal = new ServerSocket(0)) {
      signal.setSoTimeout(120_000);
      ScriptRunner.Result submitted = cluster.nagare(60, "run", "-m", cluster.address(), "-d", jar.toString(),
          output.toUri().toString(), String.valueOf(RECORDS), String.valueOf(signal.getLocalPort()));
      assertThat(submitted.exitCode()).as(submitted.stderr()).isZero();
      jobId = submittedId(submitted);
      try (Socket checkpointed = signal.accept()) {
        assertThat(checkpointed.isConnected()).isTrue();
      }
    }
    JsonNode running = cluster.get("/jobs/" + jobId);
    assertThat(running.get("state").asText()).isEqualTo("RUNNING");
    long victim = cluster.get("/taskmanagers").get("taskmanagers").get(0).get("pid").asLong();
    ProcessHandle victimProcess = ProcessHandle.of(victim).orElseThrow();
    new ProcessBuilder("kill", "-9", String.valueOf(victim)).start().waitFor();
    victimProcess.onExit().get(30, TimeUnit.SECONDS);
    ScriptRunner.Result replacement = ScriptRunner.run(60, cluster.env, "taskmanager.sh", "start");
    assertThat(replacement.exitCode()).as(replacement.stderr()).isZero();

    JsonNode result = cluster.get("/jobs/" + jobId + "/result?timeout-ms=240000");
    assertThat(result.get("job").get("state").asText()).as(result.toString()).isEqualTo("FINISHED");
    assertThat(result.get("restarts").asInt()).isEqualTo(1);
    List<String> expected = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      expected.add(k + "," + RECORDS / KEYS);
    }
    assertThat(committedLines(output)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(Files.readString(cluster.logs.resolve("nagare-jobmanager.log"), StandardCharsets.UTF_8))
        .containsPattern("Job 'counting' failed \\(.*Task manager tm-[0-9a-f]+ was lost: its connection closed\\);"
            + " restart 1 in 0 ms from checkpoint [0-9]+")
        .containsPattern("Job .counting. is running again \\(restart 1\\) [0-9]+ ms after its failure");
    assertThat(cluster.get("/overview?await-taskmanagers=2&timeout-ms=30000").get("slots-available").asInt())
        .isEqualTo(4);
  }

  @Test
  void connectionsWithoutTheClusterSecretAreRefusedAndLogged() throws Exception {
    try (ControlClient stranger = new ControlClient(ClusterSecret.generate())) {
      ExecutionException refused = assertThrows(ExecutionException.class, () -> stranger.connect(
          new InetSocketAddress("127.0.0.1", cluster.rpcPort), body -> {}).get(30, TimeUnit.SECONDS));
      assertThat(refused.getCause()).hasMessageContaining("it did not present this cluster's secret");
    }
    JsonNode taskManager = cluster.get("/taskmanagers").get("taskmanagers").get(0);
    try (Socket raw = new Socket("127.0.0.1", taskManager.get("dataPort").asInt())) {
      raw.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(raw.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .as("the data port answers a stranger with a refusal and closes").contains("Connection refused: ");
    }
    assertThat(Files.readString(cluster.logs.resolve("nagare-jobmanager.log"), StandardCharsets.UTF_8))
        .contains("The control server refused a connection from");
    StringBuilder taskManagerLogs = new StringBuilder();
    try (var logs = Files.newDirectoryStream(cluster.logs, "nagare-taskmanager-*.log")) {
      for (Path log : logs) {
        taskManagerLogs.append(Files.readString(log, StandardCharsets.UTF_8));
      }
    }
    assertThat(taskManagerLogs).contains("The data server refused a connection from");
    assertThat(cluster.get("/overview").get("taskmanagers").asInt()).isEqualTo(2);
  }

  @Test
  void aRestSubmissionWithoutTheClusterSecretIs401AndCreatesNoJob() throws Exception {
    int jobs = cluster.get("/jobs").get("jobs").size();
    byte[] body = Files.readAllBytes(countingJar(dir));
    java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + cluster.address() + "/jobs"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).isEqualTo("{\"errors\":[\"POST /jobs changes the cluster and needs its secret: send"
        + " the cluster secret as 'Authorization: Bearer <secret>' (clients read it from the file cluster.secret-file"
        + " names; on YARN from the application's credentials)\"]}");
    assertThat(cluster.get("/jobs").get("jobs")).as("no job was created").hasSize(jobs);
  }

  @Test
  void twoJobsWithSameNamedClassesRunSideBySideEachWithItsOwn() throws Exception {
    Path alpha = TestJars.build(dir, "alpha", Map.of("demo.GreetingJob", GREETING_JOB, "demo.Slow", SLOW,
        "demo.Greeting", greeting("alpha")), "demo.GreetingJob");
    Path beta = TestJars.build(dir, "beta", Map.of("demo.GreetingJob", GREETING_JOB, "demo.Slow", SLOW,
        "demo.Greeting", greeting("beta")), "demo.GreetingJob");
    Path alphaOut = dir.resolve("alpha-out");
    Path betaOut = dir.resolve("beta-out");
    String alphaId = submittedId(cluster.nagare(60, "run", "-m", cluster.address(), "-d", alpha.toString(),
        alphaOut.toString(), "alpha job"));
    String betaId = submittedId(cluster.nagare(60, "run", "-m", cluster.address(), "-d", beta.toString(),
        betaOut.toString(), "beta job"));

    ScriptRunner.Result list = cluster.nagare(60, "list", "-m", cluster.address());
    assertThat(list.stdout()).as("%s\n%s", cluster.get("/jobs/" + alphaId), cluster.get("/jobs/" + betaId))
        .contains(alphaId + " : alpha job (RUNNING)").contains(betaId + " : beta job (RUNNING)");
    assertThat(cluster.get("/overview").get("slots-available").asInt()).isZero();

    for (String id : List.of(alphaId, betaId)) {
      JsonNode result = cluster.get("/jobs/" + id + "/result?timeout-ms=120000");
      assertThat(result.get("job").get("state").asText()).as(result.toString()).isEqualTo("FINISHED");
    }
    List<String> expectedAlpha = new ArrayList<>();
    List<String> expectedBeta = new ArrayList<>();
    for (int i = 1; i <= 100000; i++) {
      expectedAlpha.add("alpha," + i);
      expectedBeta.add("beta," + i);
    }
    assertThat(committedLines(alphaOut)).containsExactlyInAnyOrderElementsOf(expectedAlpha);
    assertThat(committedLines(betaOut)).containsExactlyInAnyOrderElementsOf(expectedBeta);
  }
}

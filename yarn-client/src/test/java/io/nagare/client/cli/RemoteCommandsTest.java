package io.nagare.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.cluster.JobManager;
import io.nagare.network.ClusterSecret;
import io.nagare.testing.SecretFiles;
import io.nagare.testing.TestCluster;
import io.nagare.testing.TestJars;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code nagare} command against a job manager and two task managers in this JVM: {@code run
 * -m} ships the jar (whose classes only the job's class loaders know), and {@code list}, {@code
 * cancel}, {@code savepoint} and {@code stop -p} act on the running jobs.
 */
class RemoteCommandsTest {
  @TempDir
  static Path dir;
  private static Path jobJar;
  private static TestCluster cluster;
  private static JobManager jm;
  private static String address;
  /** A client configuration directory whose nagare-conf.yaml names the cluster's secret file. */
  private static Path clientConf;

  /** Writes the doubled numbers 1..n (n = args[1]) to the directory args[0], at parallelism 4. */
  private static final String WRITE_JOB = "package demo;\n"
      + "import io.nagare.api.environment.StreamExecutionEnvironment;\n"
      + "public class WriteJob {\n"
      + "  public static void main(String[] args) throws Exception {\n"
      + "    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n"
      + "    env.setParallelism(4);\n"
      + "    env.fromSequence(1, Long.parseLong(args[1])).map(new Doubler())"
      + ".returns(io.nagare.api.typeinfo.Types.LONG).writeAsText(args[0]);\n"
      + "    env.execute(\"write job\");\n"
      + "  }\n"
      + "}\n";
  private static final String DOUBLER = "package demo;\n"
      + "public class Doubler implements io.nagare.api.functions.MapFunction<Long, Long> {\n"
      + "  public Long map(Long x) { return x * 2; }\n"
      + "}\n";
  /** Counts forever, keyed, at parallelism 4; prints nothing. */
  private static final String ENDLESS_JOB = "package demo;\n"
      + "import io.nagare.api.environment.StreamExecutionEnvironment;\n"
      + "public class EndlessJob {\n"
      + "  public static void main(String[] args) throws Exception {\n"
      + "    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n"
      + "    env.setParallelism(4);\n"
      + "    env.fromSequence(1, Long.MAX_VALUE - 1).keyBy(x -> x % 100, io.nagare.api.typeinfo.Types.LONG)"
      + ".reduce((a, b) -> a + b).filter(x -> x < 0).print();\n"
      + "    env.execute(args[0]);\n"
      + "  }\n"
      + "}\n";
  private static final String FAILING_JOB = "package demo;\n"
      + "import io.nagare.api.environment.StreamExecutionEnvironment;\n"
      + "public class FailingJob {\n"
      + "  public static void main(String[] args) throws Exception {\n"
      + "    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n"
      + "    env.fromSequence(1, 5).map(x -> { if (x == 3) throw new RuntimeException(\"no threes\"); return x; })"
      + ".returns(io.nagare.api.typeinfo.Types.LONG).print();\n"
      + "    env.execute(\"failing job\");\n"
      + "  }\n"
      + "}\n";

  @BeforeAll
  static void startCluster() throws Exception {
    jobJar = TestJars.build(dir, "remote-jobs", Map.of("demo.WriteJob", WRITE_JOB, "demo.Doubler", DOUBLER,
        "demo.EndlessJob", ENDLESS_JOB, "demo.FailingJob", FAILING_JOB), null);
    cluster = TestCluster.start(new Configuration().set(ClusterOptions.HEARTBEAT_TIMEOUT, Duration.ofSeconds(30)));
    ClusterSecret secret = cluster.secret();
    jm = cluster.jobManager();
    cluster.addTaskManager(4);
    cluster.addTaskManager(4);
    address = "127.0.0.1:" + jm.restPort();
    clientConf = Files.createDirectories(dir.resolve("client-conf"));
    Files.writeString(clientConf.resolve("nagare-conf.yaml"), "cluster.secret-file: "
        + SecretFiles.write(secret, dir) + "\n");
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    return runWithConf(clientConf, args);
  }

  private static Result runWithConf(Path confDir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new CliFrontend(confDir).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String submittedId(Result r) {
    Matcher m = Pattern.compile("submitted with id ([0-9a-f]{32})").matcher(r.err());
    assertThat(m.find()).as(r.err()).isTrue();
    return m.group(1);
  }

  @Test
  void runDashMShipsTheJarAndWaitsForTheJob() throws Exception {
    Path output = dir.resolve("doubled");
    Result r = run("run", "-m", address, "-c", "demo.WriteJob", jobJar.toString(), output.toString(), "1000");
    assertThat(r.code()).as(r.err()).isZero();
    String id = submittedId(r);
    assertThat(r.err()).contains("Job 'write job' (" + id + ") finished in");
    List<Long> lines = new ArrayList<>();
    try (var files = Files.list(output)) {
      for (Path f : (Iterable<Path>) files.filter(f -> !f.getFileName().toString().startsWith("."))::iterator) {
        Files.readAllLines(f).forEach(l -> lines.add(Long.parseLong(l)));
      }
    }
    assertThat(lines).hasSize(1000);
    assertThat(lines.stream().mapToLong(Long::longValue).sum()).isEqualTo(1000L * 1001);

    Result list = run("list", "-m", address, "-a");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).containsPattern(" : " + id + " : write job \\(FINISHED\\)\n");
  }

  @Test
  void aFailingRemoteJobExitsWithOneAndItsRootCause() {
    Result r = run("run", "-m", address, "-c", "demo.FailingJob", jobJar.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("Job 'failing job' (" + submittedId(r) + ") failed: ")
        .contains("java.lang.RuntimeException: no threes");
    Result list = run("list", "-m", address, "-a");
    assertThat(list.out()).contains(" : failing job (FAILED) : Operator 'Map' (subtask 1/1) threw an exception:"
        + " java.lang.RuntimeException: no threes\n");
  }

  /** Completes {@link #seen} once what was written matches {@code pattern}; thread-safe. */
  private static final class Watched extends java.io.OutputStream {
    private final java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
    private final Pattern pattern;
    final java.util.concurrent.CompletableFuture<Matcher> seen = new java.util.concurrent.CompletableFuture<>();

    Watched(String regex) {
      this.pattern = Pattern.compile(regex);
    }

    @Override
    public synchronized void write(int b) {
      text.write(b);
      if (b == '\n' && !seen.isDone()) {
        Matcher m = pattern.matcher(text.toString(StandardCharsets.UTF_8));
        if (m.find()) {
          seen.complete(m);
        }
      }
    }

    synchronized String text() {
      return text.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void anAttachedRunShowsTheJobsProgressUntilItEnds() throws Exception {
    Watched err = new Watched("submitted with id ([0-9a-f]{32})[\\s\\S]*\nJob 'watched' RUNNING [0-9]+:[0-9]{2}:[0-9]{2}"
        + " \\| in [0-9,]+ rec/s \\| out [0-9,]+ rec/s\n");
    java.util.concurrent.CompletableFuture<Integer> code = java.util.concurrent.CompletableFuture.supplyAsync(() ->
        new CliFrontend(clientConf).run(new String[] {"run", "-m", address, "-D", "execution.attached.progress-interval=100 ms",
            "-c", "demo.EndlessJob", jobJar.toString(), "watched"}, new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
    String id = err.seen.get(60, TimeUnit.SECONDS).group(1);
    assertThat(run("cancel", "-m", address, id).code()).isZero();
    assertThat(code.get(60, TimeUnit.SECONDS)).as(err.text()).isEqualTo(1);
    assertThat(err.text()).doesNotContain("progress cannot be read");
  }

  @Test
  void aDetachedJobIsListedCancelledAndGone() {
    Result submitted = run("run", "-m", address, "-d", "-c", "demo.EndlessJob", jobJar.toString(), "to cancel");
    assertThat(submitted.code()).as(submitted.err()).isZero();
    String id = submittedId(submitted);
    Result running = run("list", "-m", address);
    assertThat(running.out()).containsPattern(" : " + id + " : to cancel \\(RUNNING\\)\n");

    Result cancelled = run("cancel", "-m", address, id);
    assertThat(cancelled.code()).as(cancelled.err()).isZero();
    assertThat(cancelled.out()).isEqualTo("Cancelled job " + id + " (to cancel): CANCELED\n");
    assertThat(run("list", "-m", address).out()).doesNotContain(id);
    assertThat(run("list", "-m", address, "-a").out()).contains(id + " : to cancel (CANCELED)");

    Result again = run("cancel", "-m", address, "0123456789abcdef0123456789abcdef");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("The job manager at " + address + " refused: No job"
        + " 0123456789abcdef0123456789abcdef on this cluster\n");
  }

  @Test
  void aSavepointThenAStopWithSavepointLeaveRestorableSavepoints() throws Exception {
    Result submitted = run("run", "-m", address, "-d", "-c", "demo.EndlessJob", jobJar.toString(), "to stop");
    String id = submittedId(submitted);
    Path savepoints = dir.resolve("savepoints");

    Result savepoint = run("savepoint", "-m", address, id, savepoints.toUri().toString());
    assertThat(savepoint.code()).as(savepoint.err()).isZero();
    Matcher taken = Pattern.compile("Savepoint completed\\. Path: (\\S+)\n").matcher(savepoint.out());
    assertThat(taken.find()).as(savepoint.out()).isTrue();
    assertThat(Path.of(java.net.URI.create(taken.group(1))).resolve("_metadata")).exists();

    Result stopped = run("stop", "-m", address, "-p", savepoints.toUri().toString(), id);
    assertThat(stopped.code()).as(stopped.err()).isZero();
    Matcher final_ = Pattern.compile("Stopped job " + id + " with a savepoint\\. Path: (\\S+)\n")
        .matcher(stopped.out());
    assertThat(final_.find()).as(stopped.out()).isTrue();
    assertThat(Path.of(java.net.URI.create(final_.group(1))).resolve("_metadata")).exists();
    assertThat(final_.group(1)).isNotEqualTo(taken.group(1));
    assertThat(run("list", "-m", address, "-a").out()).contains(id + " : to stop (FINISHED)");
  }

  @Test
  void withoutTheClusterSecretRunAndCancelAreRefusedNamingTheSettingAndNothingChanges() throws Exception {
    int jobs = new io.nagare.cluster.RestClusterClient("127.0.0.1", jm.restPort()).jobs().get("jobs").size();
    Result submitted = runWithConf(null, "run", "-m", address, "-d", "-c", "demo.EndlessJob", jobJar.toString(), "no secret");
    assertThat(submitted.code()).isEqualTo(1);
    assertThat(submitted.err()).contains("POST /jobs changes the cluster and needs its secret")
        .contains("this client has no cluster secret: set cluster.secret-file or NAGARE_CLUSTER_SECRET_FILE");
    Result cancelled = runWithConf(null, "cancel", "-m", address, "0123456789abcdef0123456789abcdef");
    assertThat(cancelled.code()).isEqualTo(1);
    assertThat(cancelled.err()).contains("POST /jobs/0123456789abcdef0123456789abcdef/cancel changes the cluster and"
        + " needs its secret");
    Result listed = runWithConf(null, "list", "-m", address, "-a");
    assertThat(listed.code()).as("reads stay open on a standalone cluster by default").isZero();
    assertThat(new io.nagare.cluster.RestClusterClient("127.0.0.1", jm.restPort()).jobs().get("jobs")).hasSize(jobs);
  }

  @Test
  void aBadJobManagerAddressIsNamed() {
    Result r = run("list", "-m", "nohost");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("Invalid job manager address 'nohost' (-m): expected host:port\n");
  }
}

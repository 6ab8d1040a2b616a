package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.api.common.JobExecutionException;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.state.CheckpointListener;
import io.nagare.api.state.CheckpointedFunction;
import io.nagare.api.state.FunctionInitializationContext;
import io.nagare.api.state.FunctionSnapshotContext;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.network.ClusterSecret;
import io.nagare.testing.CollectSink;
import io.nagare.testing.NumbersUntilCheckpoints;
import io.nagare.testing.SecretFiles;
import io.nagare.testing.TestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on a job manager and two task managers in this JVM, over real sockets: submitted through
 * the remote target, placed across both task managers, exchanging records over the network, and
 * restarted from their latest checkpoint when a task manager is lost. (The job's classes are
 * nagare's own here, which task managers load parent-first, so the shipped jar may be empty;
 * it-tests run jobs from real jars in separate processes.)
 */
class ClusterJobTest {
  private TestCluster cluster;
  private ClusterSecret secret;
  private List<TaskManager> taskManagers;
  private JobManager jm;
  /** A client's settings: the file with the cluster secret. */
  private Configuration clientConf;
  @TempDir
  Path dir;
  private Path jar;

  @BeforeEach
  void startCluster() throws Exception {
    cluster = TestCluster.start(new Configuration()
        .set(ClusterOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(200))
        .set(ClusterOptions.HEARTBEAT_TIMEOUT, Duration.ofSeconds(30))
        .set(ClusterOptions.SLOT_REQUEST_TIMEOUT, Duration.ofSeconds(3))
        .setString("s3.secret-key", "hidden").setString("ssl.truststore-password", "hidden too"));
    jm = cluster.jobManager();
    secret = cluster.secret();
    taskManagers = cluster.taskManagers();
    taskManager();
    taskManager();
    jm.awaitTaskManagers(2).get(10, TimeUnit.SECONDS);
    jar = TestCluster.emptyJar(dir);
    clientConf = cluster.clientConfiguration(dir);
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  private TaskManager taskManager() throws Exception {
    return cluster.addTaskManager(2);
  }

  private StreamExecutionEnvironment remote() throws IOException {
    StreamExecutionEnvironment env = cluster.remoteEnvironment(dir);
    env.setParallelism(4);
    return env;
  }

  private RestClusterClient client() {
    return cluster.client();
  }

  @Test
  void aSubmissionWithoutTheClusterSecretIsRefusedNamingTheSettingAndCreatesNoJob() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1", jm.restPort(),
        jar.toString());
    env.fromSequence(1, 3).addSink(new CollectSink<>());
    assertThatThrownBy(() -> env.execute("no secret")).isInstanceOf(RestClusterClient.Status.class)
        .hasMessage("POST /jobs changes the cluster and needs its secret: send the cluster secret as 'Authorization:"
            + " Bearer <secret>' (clients read it from the file cluster.secret-file names; on YARN from the"
            + " application's credentials) (this client has no cluster secret: set cluster.secret-file or"
            + " NAGARE_CLUSTER_SECRET_FILE to the cluster's secret file; for a YARN application the client reads it"
            + " from the application's staging directory)")
        .satisfies(e -> assertThat(((RestClusterClient.Status) e).status()).isEqualTo(401));
    StreamExecutionEnvironment wrong = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1", jm.restPort(),
        new Configuration().set(ClusterOptions.SECRET_FILE, SecretFiles.write(ClusterSecret.generate(),
            Files.createDirectories(dir.resolve("other"))).toString()), jar.toString());
    wrong.fromSequence(1, 3).addSink(new CollectSink<>());
    assertThatThrownBy(() -> wrong.execute("wrong secret")).isInstanceOf(RestClusterClient.Status.class)
        .hasMessageStartingWith("The Authorization header does not present this cluster's secret");
    assertThat(client().jobs().get("jobs")).isEmpty();
  }

  @Test
  void aKeyedJobRunsAcrossBothTaskManagersAndFreesItsSlots() throws Exception {
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    StreamExecutionEnvironment env = remote();
    env.fromSequence(1, 100_000)
        .map(x -> Tuple2.of(x % 10, x), Types.TUPLE(Types.LONG, Types.LONG))
        .keyBy(t -> t.f0, Types.LONG)
        .sum(1)
        .addSink(sink);
    JobExecutionResult result = env.execute("sums");

    Map<Long, Long> last = new java.util.HashMap<>();
    for (Tuple2<Long, Long> t : sink.values()) {
      last.merge(t.f0, t.f1, Math::max);
    }
    assertThat(sink.values()).hasSize(100_000);
    for (long k = 0; k < 10; k++) {
      long expected = 0;
      for (long x = k == 0 ? 10 : k; x <= 100_000; x += 10) {
        expected += x;
      }
      assertThat(last.get(k)).as("sum of key %d", k).isEqualTo(expected);
    }
    assertThat(result.getRestarts()).isZero();

    JsonNode job = client().job(result.getJobId());
    assertThat(job.get("state").asText()).isEqualTo("FINISHED");
    assertThat(job.get("name").asText()).isEqualTo("sums");
    List<Integer> parallelism = new ArrayList<>();
    java.util.Set<String> statuses = new java.util.HashSet<>();
    java.util.Set<String> hosts = new java.util.HashSet<>();
    for (JsonNode v : job.get("vertices")) {
      parallelism.add(v.get("parallelism").asInt());
      assertThat(v.get("subtasks")).hasSize(4);
      v.get("subtasks").forEach(s -> {
        statuses.add(s.get("status").asText());
        hosts.add(s.get("taskmanager-id").asText());
      });
    }
    assertThat(parallelism).containsOnly(4);
    assertThat(statuses).containsExactly("FINISHED");
    assertThat(hosts).containsExactlyInAnyOrder(taskManagers.get(0).id(), taskManagers.get(1).id());
    ClusterInfo.Overview overview = jm.overview().get(10, TimeUnit.SECONDS);
    assertThat(overview.slotsAvailable()).isEqualTo(4);
    assertThat(overview.jobsFinished()).isEqualTo(1);

    JsonNode source = job.get("vertices").get(0);
    JsonNode keyed = job.get("vertices").get(1);
    assertThat(source.get("metrics").get("read-records").asLong()).isZero();
    assertThat(source.get("metrics").get("write-records").asLong()).isEqualTo(100_000);
    assertThat(keyed.get("metrics").get("read-records").asLong()).isEqualTo(100_000);
    assertThat(keyed.get("metrics").get("read-bytes").asLong())
        .isEqualTo(source.get("metrics").get("write-bytes").asLong()).isPositive();
    long perSubtask = 0;
    for (JsonNode s : keyed.get("subtasks")) {
      perSubtask += s.get("metrics").get("read-records").asLong();
    }
    assertThat(perSubtask).isEqualTo(100_000);

    List<String> names = new ArrayList<>();
    client().get("/jobs/" + result.getJobId() + "/vertices/0/metrics").forEach(n -> names.add(n.get("id").asText()));
    assertThat(names).contains("0.numRecordsOut", "3.numBytesOut", "1.busyTimeMsPerSecond");
    String sourceOperator = names.stream().filter(n -> n.startsWith("0.") && n.endsWith(".currentOutputWatermark"))
        .findFirst().orElseThrow().replaceAll("^0\\.|\\.currentOutputWatermark$", "");
    JsonNode values = client().get("/jobs/" + result.getJobId() + "/vertices/0/metrics?get=" + java.net.URLEncoder
        .encode("0.numRecordsOut,0." + sourceOperator + ".numRecordsOut,0.nonsense", java.nio.charset.StandardCharsets.UTF_8));
    assertThat(values).hasSize(2);
    assertThat(values.get(1).get("id").asText()).isEqualTo("0." + sourceOperator + ".numRecordsOut");
    assertThat(values.get(1).get("value").asLong()).isEqualTo(values.get(0).get("value").asLong());
    long bySubtask = 0;
    for (int i = 0; i < 4; i++) {
      bySubtask += client().get("/jobs/" + result.getJobId() + "/vertices/0/metrics?get=" + i + ".numRecordsOut")
          .get(0).get("value").asLong();
    }
    assertThat(bySubtask).isEqualTo(100_000);
    assertThat(client().get("/jobs/" + result.getJobId() + "/metrics?get=numRestarts")).as("an ended job's").isEmpty();
    for (TaskManager tm : taskManagers) {
      JsonNode heap = client().get("/taskmanagers/" + tm.id() + "/metrics?get=Status.JVM.Memory.Heap.Used");
      assertThat(heap.get(0).get("id").asText()).isEqualTo("Status.JVM.Memory.Heap.Used");
      assertThat(heap.get(0).get("value").asLong()).isPositive();
    }
    assertThat(client().get("/taskmanagers/" + taskManagers.get(0).id() + "/metrics")).anyMatch(
        n -> n.get("id").asText().equals("Status.JVM.Threads.Count"));
    assertThatThrownBy(() -> client().get("/taskmanagers/tm-nobody/metrics"))
        .isInstanceOf(RestClusterClient.Status.class).hasMessageContaining("No task manager tm-nobody");
    assertThatThrownBy(() -> client().get("/jobs/" + result.getJobId() + "/vertices/x/metrics"))
        .isInstanceOf(RestClusterClient.Status.class).hasMessageContaining("the vertex id is a whole number, not 'x'");
  }

  /**
   * Counts per key; tells the test once a checkpoint completed in the first attempt that holds
   * counted records (so the sources had read past their splits' starts when they took it).
   */
  static final class CountingUntilToldOff extends KeyedProcessFunction<Long, Long, Tuple2<Long, Long>>
      implements CheckpointListener, CheckpointedFunction {
    static final Map<String, CountDownLatch> CHECKPOINTED = new ConcurrentHashMap<>();
    private final String id;
    private transient ValueState<Long> count;
    private transient long counted;
    /**
     * The first checkpoint taken after this subtask had counted a record; subtask thread only. Set
     * in {@link #open}: a transient field's initializer does not run when the function is
     * deserialized on a task manager.
     */
    private transient long firstWithRecords;

    CountingUntilToldOff(String id) {
      this.id = id;
    }

    @Override
    public void open(OpenContext ctx) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
      firstWithRecords = Long.MAX_VALUE;
    }

    @Override
    public void processElement(Long value, Context ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
      if (count.value() == null) {
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      }
      count.update((count.value() == null ? 0 : count.value()) + 1);
      counted++;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
      if (counted > 0 && firstWithRecords == Long.MAX_VALUE) {
        firstWithRecords = context.getCheckpointId();
      }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
      out.collect(Tuple2.of(ctx.getCurrentKey(), count.value()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      if (getRuntimeContext().getTaskInfo().getAttemptNumber() == 0 && checkpointId >= firstWithRecords) {
        CHECKPOINTED.get(id).countDown();
      }
    }
  }

  /**
   * The failover job: {@code numbers} (two source subtasks) counted per key (of 7) into {@code
   * sink}, checkpointing every 50 ms to {@code dir}, restarting up to 3 times at once; {@code id}
   * names its {@link CountingUntilToldOff} latch.
   */
  static void countPerKeyWithCheckpoints(StreamExecutionEnvironment env, Path dir, NumbersUntilCheckpoints numbers,
      String id, CollectSink<Tuple2<Long, Long>> sink) {
    env.enableCheckpointing(50);
    env.getCheckpointConfig().setCheckpointStorage(dir.resolve("checkpoints").toUri().toString());
    env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
    env.getConfiguration().setString("restart-strategy.fixed-delay.attempts", "3");
    env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "0 ms");
    env.fromSource(numbers, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG).setParallelism(2)
        .keyBy(x -> x % 7, Types.LONG)
        .process(new CountingUntilToldOff(id), Types.TUPLE(Types.LONG, Types.LONG))
        .addSink(sink);
  }

  @Test
  void aLostTaskManagersSubtasksRestartFromTheLatestCheckpointOnAReplacement() throws Exception {
    String id = java.util.UUID.randomUUID().toString();
    CountingUntilToldOff.CHECKPOINTED.put(id, new CountDownLatch(1));
    NumbersUntilCheckpoints numbers = NumbersUntilCheckpoints.endingOnlyAfterRestore(4);
    StreamExecutionEnvironment env = remote();
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    countPerKeyWithCheckpoints(env, dir, numbers, id, sink);
    JobClient job = env.executeAsync("survives");

    assertThat(CountingUntilToldOff.CHECKPOINTED.get(id).await(60, TimeUnit.SECONDS)).isTrue();
    String lost = taskManagers.get(0).id();
    taskManagers.get(0).close();
    taskManager();
    JobExecutionResult result = job.getJobExecutionResult().get(120, TimeUnit.SECONDS);
    assertThatThrownBy(() -> client().get("/taskmanagers/" + lost + "/metrics"))
        .hasMessageContaining("No task manager " + lost);

    JsonNode checkpoints = client().get("/jobs/" + job.getJobId() + "/checkpoints");
    JsonNode counts = checkpoints.get("counts");
    assertThat(counts.get("restored").asInt()).isEqualTo(1);
    assertThat(counts.get("completed").asInt()).isPositive();
    assertThat(counts.get("total").asInt()).isEqualTo(counts.get("completed").asInt() + counts.get("failed").asInt()
        + counts.get("in_progress").asInt());
    JsonNode latest = checkpoints.get("latest").get("completed");
    long latestId = latest.get("id").asLong();
    assertThat(latest.get("external_path").asText()).endsWith("/chk-" + latestId);
    assertThat(Path.of(java.net.URI.create(latest.get("external_path").asText()).getPath()).resolve("_metadata"))
        .exists();
    assertThat(checkpoints.get("latest").get("restored").get("id").asLong()).isPositive().isLessThan(latestId);
    assertThat(checkpoints.get("summary").get("end_to_end_duration").get("max").asLong())
        .isGreaterThanOrEqualTo(checkpoints.get("summary").get("end_to_end_duration").get("min").asLong());
    for (JsonNode h : checkpoints.get("history")) {
      if (h.get("status").asText().equals("COMPLETED")) {
        assertThat(h.get("external_path").asText()).endsWith("/chk-" + h.get("id").asLong());
        assertThat(h.get("state_size").asLong()).isPositive();
      }
    }
    JsonNode config = client().get("/jobs/" + job.getJobId() + "/checkpoints/config");
    assertThat(config.get("mode").asText()).isEqualTo("exactly_once");
    assertThat(config.get("unaligned_checkpoints").asBoolean()).isFalse();
    assertThat(config.get("interval").asLong()).isEqualTo(50);
    assertThat(config.get("checkpoint_storage").asText())
        .isEqualTo(dir.resolve("checkpoints").toUri().toString().replaceFirst("/$", ""));

    assertThat(result.getRestarts()).isEqualTo(1);
    long counted = 0;
    for (Tuple2<Long, Long> t : sink.values()) {
      counted += t.f1;
    }
    assertThat(sink.values()).extracting(t -> t.f0).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(counted).isEqualTo(numbers.emitted());
    assertThat(java.util.stream.Stream.of(numbers.resumedAt("a"), numbers.resumedAt("b")))
        .as("where restored readers resumed their splits (a split still at its start resumes at none)")
        .anyMatch(at -> at != null && at > 0);
    assertThat(jm.overview().get(10, TimeUnit.SECONDS).taskmanagersLost()).isEqualTo(1);
  }

  /**
   * A job that ends stays in the job store only if it ended because another run of it (a newer
   * ApplicationMaster attempt's) took over its checkpoints: that run resumes it from the store.
   */
  @Test
  void onlyAJobSupersededByAnotherRunOfItStaysInTheJobStore() throws Exception {
    JobStore store = new JobStore(dir.resolve("jobs").toUri().toString(), new org.apache.hadoop.conf.Configuration());
    assertThat(jm.useJobStore(store).get(10, TimeUnit.SECONDS)).isEmpty();
    StreamExecutionEnvironment shortJob = remote();
    shortJob.fromSequence(1, 10).addSink(new CollectSink<>());
    JobExecutionResult finished = shortJob.execute("short");
    jm.jobEnded(finished.getJobId()).get(30, TimeUnit.SECONDS);
    assertThat(store.jobs()).isEmpty();

    String id = java.util.UUID.randomUUID().toString();
    CountingUntilToldOff.CHECKPOINTED.put(id, new CountDownLatch(1));
    StreamExecutionEnvironment env = remote();
    countPerKeyWithCheckpoints(env, dir, new NumbersUntilCheckpoints(Integer.MAX_VALUE), id, new CollectSink<>());
    JobClient job = env.executeAsync("superseded");
    assertThat(store.jobs()).extracting(JobStore.StoredJob::jobId).containsExactly(job.getJobId());
    assertThat(CountingUntilToldOff.CHECKPOINTED.get(id).await(60, TimeUnit.SECONDS)).isTrue();
    io.nagare.runtime.checkpoint.CheckpointStorage newerRun = new io.nagare.runtime.checkpoint.CheckpointStorage(
        dir.resolve("checkpoints").toUri().toString(), job.getJobId());
    newerRun.claim(-1);

    assertThatThrownBy(() -> job.getJobExecutionResult().get(60, TimeUnit.SECONDS))
        .hasMessageContaining("another run of the job (" + newerRun.token() + ") has taken over its checkpoints");
    ClusterInfo.JobInfo ended = jm.jobEnded(job.getJobId()).get(30, TimeUnit.SECONDS);
    assertThat(ended.state()).isEqualTo("FAILED");
    assertThat(ended.rootException()).contains("has taken over its checkpoints");
    assertThat(client().get("/jobs/" + job.getJobId() + "/exceptions").get("exceptionHistory").get("entries"))
        .as("failures: the first one ended the job without a restart").hasSize(1);
    assertThat(store.jobs()).extracting(JobStore.StoredJob::jobId).containsExactly(job.getJobId());
  }

  @Test
  void aFailingJobEndsFailedWithItsRootCauseAndTheRemoteTargetSaysSo() throws Exception {
    StreamExecutionEnvironment env = remote();
    env.fromSequence(1, 1000).map(x -> {
      if (x == 500) {
        throw new IllegalStateException("no 500 here");
      }
      return x;
    }, Types.LONG).addSink(new CollectSink<>());
    assertThatThrownBy(() -> env.execute("failing"))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("Job 'failing'")
        .hasMessageContaining("java.lang.IllegalStateException: no 500 here");
    JsonNode jobs = client().jobs().get("jobs");
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).get("state").asText()).isEqualTo("FAILED");
    assertThat(jobs.get(0).get("root-exception").asText()).contains("no 500 here");

    String id = jobs.get(0).get("jid").asText();
    JsonNode exceptions = client().get("/jobs/" + id + "/exceptions");
    JsonNode entries = exceptions.get("exceptionHistory").get("entries");
    assertThat(entries).hasSize(1);
    JsonNode entry = entries.get(0);
    assertThat(entry.get("exceptionName").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(entry.get("message").asText()).isEqualTo("no 500 here");
    assertThat(entry.get("stacktrace").asText()).contains("Caused by: java.lang.IllegalStateException: no 500 here")
        .contains("\tat ");
    assertThat(entry.get("taskName").asText()).matches(".* \\([1-4]/4\\)");
    assertThat(entry.get("location").asText()).isIn(taskManagers.get(0).id(), taskManagers.get(1).id());
    assertThat(exceptions.get("root-exception").asText()).isEqualTo(entry.get("stacktrace").asText());
    assertThat(exceptions.get("timestamp").asLong()).isEqualTo(entry.get("timestamp").asLong());

    JsonNode plan = client().get("/jobs/" + id + "/plan").get("plan");
    assertThat(plan.get("name").asText()).isEqualTo("failing");
    assertThat(plan.get("nodes")).hasSize(1);
    assertThat(plan.get("nodes").get(0).get("parallelism").asInt()).isEqualTo(4);
    assertThat(plan.get("nodes").get(0).get("inputs")).isEmpty();
    JsonNode config = client().get("/jobs/" + id + "/config");
    assertThat(config.get("name").asText()).isEqualTo("failing");
    assertThat(config.get("execution-config").get("job-parallelism").asInt()).isEqualTo(4);
    assertThat(client().get("/jobs/overview").get("jobs").get(0).get("jid").asText()).isEqualTo(id);
    assertThatThrownBy(() -> client().get("/jobs/nope/plan")).isInstanceOf(RestClusterClient.Status.class)
        .satisfies(e -> assertThat(((RestClusterClient.Status) e).status()).isEqualTo(404));
    assertThatThrownBy(() -> client().get("/jobs/" + id + "/vertices/7")).isInstanceOf(RestClusterClient.Status.class)
        .hasMessageContaining("Job " + id + " has no vertex 7");
  }

  @Test
  void theRestApiShowsConfigurationWithSecretsMaskedAndEachTaskManager() throws Exception {
    JsonNode config = client().get("/jobmanager/config");
    java.util.Map<String, String> entries = new java.util.HashMap<>();
    config.forEach(e -> entries.put(e.get("key").asText(), e.get("value").asText()));
    assertThat(entries).containsEntry("rest.address", "127.0.0.1").containsEntry("s3.secret-key", "******")
        .containsEntry("ssl.truststore-password", "******");
    assertThat(client().get("/config").get("refresh-interval").asInt()).isEqualTo(3000);
    TaskManager tm = taskManagers.get(0);
    JsonNode details = client().get("/taskmanagers/" + tm.id());
    assertThat(details.get("slots").asInt()).isEqualTo(2);
    assertThat(details.get("host").asText()).isEqualTo("127.0.0.1");
    assertThat(details.get("metrics").get("Status.JVM.Threads.Count").asInt()).isPositive();
    assertThat(details.get("timeSinceLastHeartbeat").asLong()).isNotNegative();
    assertThat(details.get("log-url").asText()).as("a standalone task manager's log is nowhere to link").isEmpty();
    assertThatThrownBy(() -> client().get("/taskmanagers/tm-nobody")).hasMessageContaining("No task manager tm-nobody");
    assertThatThrownBy(() -> client().get("/no/such/route")).isInstanceOf(RestClusterClient.Status.class)
        .satisfies(e -> assertThat(((RestClusterClient.Status) e).status()).isEqualTo(404))
        .hasMessageContaining("Not found: /no/such/route");
  }

  @Test
  void aJobIsCancelledThroughRest() throws Exception {
    NumbersUntilCheckpoints endless = new NumbersUntilCheckpoints(Integer.MAX_VALUE);
    StreamExecutionEnvironment env = remote();
    env.fromSource(endless, WatermarkStrategy.noWatermarks(), "endless", Types.LONG).setParallelism(2)
        .addSink(new CollectSink<>());
    JobClient job = env.executeAsync("endless");
    client().get("/jobs/" + job.getJobId() + "/attempts/0/running?timeout-ms=60000");
    JsonNode jobMetrics = client().get("/jobs/" + job.getJobId() + "/metrics?get=numRestarts,uptime");
    assertThat(jobMetrics.get(0).get("id").asText()).isEqualTo("numRestarts");
    assertThat(jobMetrics.get(0).get("value").asText()).isEqualTo("0");
    assertThat(jobMetrics.get(1).get("id").asText()).isEqualTo("uptime");
    JsonNode cancelled = client().cancel(job.getJobId());
    assertThat(cancelled.get("state").asText()).isEqualTo("CANCELED");
    assertThatThrownBy(() -> job.getJobExecutionResult().get(30, TimeUnit.SECONDS))
        .hasMessageContaining("ended CANCELED");
    assertThat(jm.overview().get(10, TimeUnit.SECONDS).slotsAvailable()).isEqualTo(4);
  }

  @Test
  void aJobThatCannotGetItsSlotsFailsNamingWhatItNeeds() throws Exception {
    StreamExecutionEnvironment env = remote();
    env.setParallelism(5);
    env.fromSequence(1, 10).addSink(new CollectSink<>());
    assertThatThrownBy(() -> env.execute("too wide"))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("No slots within 3000 ms (slot.request.timeout): Job 'too wide' needs 5 slots (its"
            + " highest parallelism); the cluster has 4 free on 2 task managers.");
  }

  @Test
  void aJobWaitingForSlotsCanBeCancelledAndLeavesTheSlotsToTheNext() throws Exception {
    StreamExecutionEnvironment wide = remote();
    wide.setParallelism(5);
    wide.fromSequence(1, 10).addSink(new CollectSink<>());
    JobClient waiting = wide.executeAsync("waits");
    assertThat(client().cancel(waiting.getJobId()).get("state").asText()).isEqualTo("CANCELED");

    CollectSink<Long> sink = new CollectSink<>();
    StreamExecutionEnvironment env = remote();
    env.fromSequence(1, 100).addSink(sink);
    env.execute("fits");
    assertThat(sink.values()).hasSize(100);
    assertThat(jm.overview().get(10, TimeUnit.SECONDS).slotsAvailable()).isEqualTo(4);
  }

  @Test
  void aJobWithoutItsJarIsRefusedWithTheReason() throws IOException {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1", jm.restPort(),
        dir.resolve("missing.jar").toString());
    env.fromSequence(1, 3).addSink(new CollectSink<>());
    assertThatThrownBy(() -> env.execute("no jar"))
        .hasMessage("The job's jar " + dir.resolve("missing.jar") + " (pipeline.jars) does not exist");
  }

  /** Holds its subtask in {@code open} (where state is restored) until the test lets it go. */
  static final class OpensWhenLetGo extends io.nagare.api.functions.RichMapFunction<Long, Long> {
    static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    private final String id;

    OpensWhenLetGo(String id) {
      this.id = id;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
      GATES.get(id).await();
    }

    @Override
    public Long map(Long value) {
      return value;
    }
  }

  @Test
  void aSubtaskCountsAsRunningOnlyOnceItsOperatorsHaveOpened() throws Exception {
    String id = java.util.UUID.randomUUID().toString();
    CountDownLatch gate = new CountDownLatch(1);
    OpensWhenLetGo.GATES.put(id, gate);
    NumbersUntilCheckpoints endless = new NumbersUntilCheckpoints(Integer.MAX_VALUE);
    StreamExecutionEnvironment env = remote();
    env.fromSource(endless, WatermarkStrategy.noWatermarks(), "endless", Types.LONG).setParallelism(1)
        .map(new OpensWhenLetGo(id)).returns(Types.LONG).setParallelism(1)
        .addSink(new CollectSink<>()).setParallelism(1);
    JobClient job = env.executeAsync("opens late");
    String running = "http://127.0.0.1:" + jm.restPort() + "/jobs/" + job.getJobId() + "/attempts/0/running";
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    java.net.http.HttpResponse<String> early = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(running + "?timeout-ms=500")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(early.statusCode()).as(early.body()).isEqualTo(408);
    assertThat(early.body()).contains("Attempt 0 of job " + job.getJobId() + " has not been running within 500 ms");
    assertThat(client().job(job.getJobId()).findValues("status")).extracting(JsonNode::asText).contains("DEPLOYING");

    gate.countDown();
    java.net.http.HttpResponse<String> later = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(running + "?timeout-ms=30000")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
    assertThat(client().job(job.getJobId()).findValues("status")).extracting(JsonNode::asText).containsOnly("RUNNING");
    assertThat(client().cancel(job.getJobId()).get("state").asText()).isEqualTo("CANCELED");
  }
}

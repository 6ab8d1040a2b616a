package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.CheckpointingMode;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.Collector;
import io.nagare.api.datastream.DataStream;
import io.nagare.api.functions.KeyedCoProcessFunction;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.source.Boundedness;
import io.nagare.api.source.InputStatus;
import io.nagare.api.source.ReaderOutput;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.api.state.CheckpointedFunction;
import io.nagare.api.state.FunctionInitializationContext;
import io.nagare.api.state.FunctionSnapshotContext;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.tuple.Tuple3;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.sequence.NumberSequenceSource;
import io.nagare.connectors.sequence.NumberSequenceSplit;
import io.nagare.testing.CollectSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unaligned checkpoints under back-pressure: a source feeds a keyed counter that takes one permit
 * per record (the test hands them out), so the channels between them fill up. A checkpoint taken
 * then completes while records the source emitted before its barrier are still unprocessed by the
 * counters — which an aligned checkpoint cannot do — storing them as in-flight data; a failure after
 * it restores from it, and every record is counted exactly once. Over the in-memory exchange
 * (the barrier overtakes the producer's queue) and the network one (also the consumer's receive
 * queue); with one input, and with a two-input operator fed by two sources.
 */
class UnalignedCheckpointJobTest {
  private static final long NUMBERS = 60_000;
  /** Records the source has emitted before the checkpoint the test looks at: several 4 kB buffers. */
  private static final long BACKLOG = 1_000;
  private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

  /** What one test's job shares with it: functions are serialised into the job, so they find it by id. */
  static final class Run {
    final Semaphore permits = new Semaphore(0);
    /** Released when a counter took a permit, when the backlog checkpoint completed, and when a counter failed. */
    final Semaphore progress = new Semaphore(0);
    volatile boolean throttled = true;
    /** The first checkpoint the source snapshots after emitting {@link #BACKLOG} records; -1 until then. */
    volatile long backlogCheckpoint = -1;
    /**
     * Counted down when the primary source is told the backlog checkpoint completed, or when a
     * counter takes part in a later one (triggered only once it completed): the source may be
     * cancelled by that counter's failure before it is told.
     */
    final CountDownLatch backlogCompleted = new CountDownLatch(1);
    /** Counted down when a counter of the first run fails, taking part in the checkpoint after the backlog one. */
    final CountDownLatch failed = new CountDownLatch(1);
    /** Counted down when a source has emitted {@link #BACKLOG} records. */
    final CountDownLatch backlogEmitted = new CountDownLatch(1);
    final Map<Long, Long> emittedAtSnapshot = new ConcurrentHashMap<>();
    /** Per checkpoint of the first run, per counter subtask: the records it had processed at its snapshot. */
    final Map<Long, Map<Integer, Long>> countedAtSnapshot = new ConcurrentHashMap<>();
  }

  /**
   * The numbers {@code from..from+NUMBERS-1}, one record per poll (so back-pressure never blocks it
   * inside an emit); the primary one picks the backlog checkpoint.
   */
  static final class OneAtATimeNumbers implements Source<Long, NumberSequenceSplit, Collection<NumberSequenceSplit>> {
    private final String run;
    private final boolean primary;
    private final NumberSequenceSource numbers;

    OneAtATimeNumbers(String run, long from, boolean primary) {
      this.run = run;
      this.primary = primary;
      this.numbers = new NumberSequenceSource(from, from + NUMBERS - 1);
    }

    @Override
    public Boundedness getBoundedness() {
      return Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
        SplitEnumeratorContext<NumberSequenceSplit> context) {
      return numbers.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> restoreEnumerator(
        SplitEnumeratorContext<NumberSequenceSplit> context, Collection<NumberSequenceSplit> checkpoint) {
      return numbers.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SourceReader<Long, NumberSequenceSplit> createReader(SourceReaderContext context) {
      return new Reader(context, RUNS.get(run), primary);
    }

    @Override
    public SimpleVersionedSerializer<NumberSequenceSplit> getSplitSerializer() {
      return numbers.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<NumberSequenceSplit>> getEnumeratorCheckpointSerializer() {
      return numbers.getEnumeratorCheckpointSerializer();
    }
  }

  /** Reads its splits one number per poll; records what it had emitted at each snapshot. */
  static final class Reader implements SourceReader<Long, NumberSequenceSplit> {
    private final SourceReaderContext context;
    private final Run run;
    private final boolean primary;
    private final ArrayDeque<NumberSequenceSplit> pending = new ArrayDeque<>();
    private NumberSequenceSplit current;
    private long next;
    private long emitted;
    private boolean noMoreSplits;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    Reader(SourceReaderContext context, Run run, boolean primary) {
      this.context = context;
      this.run = run;
      this.primary = primary;
    }

    @Override
    public void start() {
      context.sendSplitRequest();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<Long> output) {
      if (current == null) {
        current = pending.poll();
        if (current == null) {
          if (noMoreSplits) {
            return InputStatus.END_OF_INPUT;
          }
          if (available.isDone()) {
            available = new CompletableFuture<>();
          }
          return InputStatus.NOTHING_AVAILABLE;
        }
        next = current.from();
      }
      output.collect(next++);
      if (++emitted == BACKLOG) {
        run.backlogEmitted.countDown();
      }
      if (next > current.to()) {
        current = null;
        context.sendSplitRequest();
      }
      return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return available;
    }

    @Override
    public void addSplits(List<NumberSequenceSplit> splits) {
      pending.addAll(splits);
      available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
      noMoreSplits = true;
      available.complete(null);
    }

    @Override
    public List<NumberSequenceSplit> snapshotState(long checkpointId) {
      run.emittedAtSnapshot.merge(checkpointId, emitted, Long::sum);
      if (primary && run.backlogCheckpoint < 0 && emitted >= BACKLOG) {
        run.backlogCheckpoint = checkpointId;
      }
      List<NumberSequenceSplit> state = new ArrayList<>();
      if (current != null) {
        state.add(new NumberSequenceSplit(current.splitId(), next, current.to()));
      }
      state.addAll(pending);
      return state;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      if (primary && checkpointId == run.backlogCheckpoint) {
        run.backlogCompleted.countDown();
        run.progress.release();
      }
    }

    @Override
    public void close() {}
  }

  /** The throttling, counting and failing both counters share; one per counter subtask. */
  static final class Throttle {
    private final String runId;
    private final io.nagare.api.functions.RuntimeContext context;
    private long processed;

    Throttle(String runId, io.nagare.api.functions.RuntimeContext context) {
      this.runId = runId;
      this.context = context;
    }

    private boolean firstRun() {
      return context.getTaskInfo().getAttemptNumber() == 0;
    }

    /** Before each record: in the first run, takes a permit while throttled. */
    void beforeRecord() throws InterruptedException {
      Run run = RUNS.get(runId);
      if (firstRun() && run.throttled) {
        run.permits.acquire();
        run.progress.release();
      }
      processed++;
    }

    /**
     * Records the count at each checkpoint of the first run; fails when taking part in one after
     * the backlog checkpoint, which therefore never completes: the job restores from the backlog one.
     */
    void snapshot(long checkpointId) {
      Run run = RUNS.get(runId);
      if (!firstRun()) {
        return;
      }
      run.countedAtSnapshot.computeIfAbsent(checkpointId, id -> new ConcurrentHashMap<>())
          .put(context.getTaskInfo().getIndexOfThisSubtask(), processed);
      if (run.backlogCheckpoint < 0 || checkpointId <= run.backlogCheckpoint) {
        return;
      }
      run.backlogCompleted.countDown();
      run.failed.countDown();
      run.progress.release();
      throw new IllegalStateException("injected failure in checkpoint " + checkpointId);
    }
  }

  /** Adds {@code value} to the key's count and sum, registering the end-of-input timer with the first. */
  /**
   * The per-key count and sum of {@link ThrottledCounter} and {@link ThrottledCoCounter}, throttled in
   * the first run (see {@link Throttle}); a key's timer at the end of time emits both.
   */
  static final class ThrottledCount {
    private final ValueState<Long> count;
    private final ValueState<Long> sum;
    private final Throttle throttle;

    ThrottledCount(String runId, io.nagare.api.functions.RuntimeContext context) {
      count = context.getState(new ValueStateDescriptor<>("count", Types.LONG));
      sum = context.getState(new ValueStateDescriptor<>("sum", Types.LONG));
      throttle = new Throttle(runId, context);
    }

    void add(long value, io.nagare.api.functions.TimerService timers) throws Exception {
      throttle.beforeRecord();
      if (count.value() == null) {
        timers.registerEventTimeTimer(Long.MAX_VALUE);
        count.update(0L);
        sum.update(0L);
      }
      count.update(count.value() + 1);
      sum.update(sum.value() + value);
    }

    Tuple3<Long, Long, Long> row(long key) throws Exception {
      return Tuple3.of(key, count.value(), sum.value());
    }

    void snapshot(long checkpointId) {
      throttle.snapshot(checkpointId);
    }
  }

  /** Counts and sums the numbers per key and emits both at the end. */
  static final class ThrottledCounter extends KeyedProcessFunction<Long, Long, Tuple3<Long, Long, Long>>
      implements CheckpointedFunction {
    private final String runId;
    private transient ThrottledCount count;

    ThrottledCounter(String runId) {
      this.runId = runId;
    }

    @Override
    public void open(OpenContext ctx) {
      count = new ThrottledCount(runId, getRuntimeContext());
    }

    @Override
    public void processElement(Long value, Context ctx, Collector<Tuple3<Long, Long, Long>> out) throws Exception {
      count.add(value, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple3<Long, Long, Long>> out) throws Exception {
      out.collect(count.row(ctx.getCurrentKey()));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
      count.snapshot(context.getCheckpointId());
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}
  }

  /** {@link ThrottledCounter} over two inputs. */
  static final class ThrottledCoCounter extends KeyedCoProcessFunction<Long, Long, Long, Tuple3<Long, Long, Long>>
      implements CheckpointedFunction {
    private final String runId;
    private transient ThrottledCount count;

    ThrottledCoCounter(String runId) {
      this.runId = runId;
    }

    @Override
    public void open(OpenContext ctx) {
      count = new ThrottledCount(runId, getRuntimeContext());
    }

    @Override
    public void processElement1(Long value, Context ctx, Collector<Tuple3<Long, Long, Long>> out) throws Exception {
      count.add(value, ctx.timerService());
    }

    @Override
    public void processElement2(Long value, Context ctx, Collector<Tuple3<Long, Long, Long>> out) throws Exception {
      count.add(value, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple3<Long, Long, Long>> out) throws Exception {
      out.collect(count.row(ctx.getCurrentKey()));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
      count.snapshot(context.getCheckpointId());
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}
  }

  private static StreamExecutionEnvironment environment(Path dir, String exchange) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.getConfiguration().setString("execution.local.exchange", exchange);
    env.getConfiguration().setString("taskmanager.memory.segment-size", "4kb");
    env.enableCheckpointing(20);
    env.getCheckpointConfig().enableUnalignedCheckpoints();
    env.getCheckpointConfig().setCheckpointStorage(dir.resolve("checkpoints").toUri().toString());
    env.getCheckpointConfig().setNumRetainedCheckpoints(1000);
    env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
    env.getConfiguration().setString("restart-strategy.fixed-delay.attempts", "1");
    env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "0 ms");
    return env;
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "network"})
  void aCheckpointUnderBackPressureOvertakesTheBacklogAndARestoreCountsEveryRecordOnce(String exchange,
      @TempDir Path dir) throws Exception {
    String id = UUID.randomUUID().toString();
    StreamExecutionEnvironment env = environment(dir, exchange);
    CollectSink<Tuple3<Long, Long, Long>> sink = new CollectSink<>();
    env.fromSource(new OneAtATimeNumbers(id, 0, true), WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .setParallelism(1)
        .keyBy(x -> x % 7, Types.LONG)
        .process(new ThrottledCounter(id), Types.TUPLE(Types.LONG, Types.LONG, Types.LONG))
        .addSink(sink);

    long checkpoint = runThrottledAndCheck(id, env, dir, sink, NUMBERS);

    StreamExecutionEnvironment rescaled = environment(dir.resolve("rescaled"), exchange);
    rescaled.getConfiguration().setString("execution.savepoint.path", checkpointDirectory(dir, checkpoint).toUri()
        .toString());
    rescaled.fromSource(new OneAtATimeNumbers(id, 0, true), WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .setParallelism(1)
        .keyBy(x -> x % 7, Types.LONG)
        .process(new ThrottledCounter(id), Types.TUPLE(Types.LONG, Types.LONG, Types.LONG)).setParallelism(3)
        .addSink(new CollectSink<>()).setParallelism(3);
    assertThatThrownBy(() -> rescaled.execute("rescaled"))
        .hasMessageContaining("operator 'KeyedProcess' (uid ")
        .hasMessageContaining(") runs at parallelism 3, but the unaligned checkpoint holds in-flight data of its"
            + " exchanges taken at parallelism 2, and in-flight data is not redistributed: run it at parallelism 2, or"
            + " rescale from a savepoint (savepoints are always aligned).");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "network"})
  void aTwoInputOperatorRestoresTheInFlightDataOfBothInputs(String exchange, @TempDir Path dir) throws Exception {
    String id = UUID.randomUUID().toString();
    StreamExecutionEnvironment env = environment(dir, exchange);
    CollectSink<Tuple3<Long, Long, Long>> sink = new CollectSink<>();
    DataStream<Long> first = env.fromSource(new OneAtATimeNumbers(id, 0, true), WatermarkStrategy.noWatermarks(),
        "first", Types.LONG).setParallelism(1);
    DataStream<Long> second = env.fromSource(new OneAtATimeNumbers(id, NUMBERS, false),
        WatermarkStrategy.noWatermarks(), "second", Types.LONG).setParallelism(1);
    first.connect(second)
        .keyBy(x -> x % 7, x -> x % 7, Types.LONG)
        .process(new ThrottledCoCounter(id), Types.TUPLE(Types.LONG, Types.LONG, Types.LONG))
        .addSink(sink);

    runThrottledAndCheck(id, env, dir, sink, 2 * NUMBERS);
  }

  /**
   * Runs the job, lets the counters take one record at a time (the sources, far faster, keep the
   * channels full) until the backlog checkpoint has completed and then until a counter has failed
   * in the next one, lifts the throttle, and checks overtaking,
   * stored in-flight data, the restore from that checkpoint and exactly-once counts of the numbers
   * {@code 0..numbers-1}. Returns the backlog checkpoint's id.
   */
  private static long runThrottledAndCheck(String id, StreamExecutionEnvironment env, Path dir,
      CollectSink<Tuple3<Long, Long, Long>> sink, long numbers) throws Exception {
    Run run = new Run();
    RUNS.put(id, run);
    CompletableFuture<JobExecutionResult> job = CompletableFuture.supplyAsync(() -> {
      try {
        return env.execute("unaligned under back-pressure");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    handOutPermitsUntil(run, run.backlogCompleted);
    long checkpoint = run.backlogCheckpoint;
    long emitted = run.emittedAtSnapshot.get(checkpoint);
    Map<Integer, Long> countedBySubtask = run.countedAtSnapshot.get(checkpoint);
    long counted = countedBySubtask.values().stream().mapToLong(Long::longValue).sum();
    long inFlight = inFlightBytes(dir, checkpoint);
    handOutPermitsUntil(run, run.failed);
    run.throttled = false;
    run.permits.release(2);

    JobExecutionResult result = job.get(5, TimeUnit.MINUTES);
    RUNS.remove(id);
    assertThat(countedBySubtask).hasSize(2);
    assertThat(emitted).isGreaterThanOrEqualTo(BACKLOG);
    assertThat(counted).as("records the counters had processed when they took checkpoint %d", checkpoint)
        .isLessThan(emitted);
    assertThat(inFlight).as("bytes of in-flight data in checkpoint %d", checkpoint).isPositive();
    assertThat(result.getRestarts()).isEqualTo(1);
    assertThat(result.getRestoredCheckpoints()).containsExactly(checkpoint);
    assertThat(sink.values()).extracting(t -> t.f0).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(sink.values().stream().mapToLong(t -> t.f1).sum()).isEqualTo(numbers);
    assertThat(sink.values().stream().mapToLong(t -> t.f2).sum()).isEqualTo(numbers * (numbers - 1) / 2);
    return checkpoint;
  }

  /** Lets the counters take one record at a time until {@code done}. */
  private static void handOutPermitsUntil(Run run, CountDownLatch done) throws InterruptedException {
    while (!done.await(0, TimeUnit.MILLISECONDS)) {
      run.permits.release();
      assertThat(run.progress.tryAcquire(2, TimeUnit.MINUTES))
          .as("a counter took its permit, or the backlog checkpoint completed, or a counter failed").isTrue();
    }
  }

  private static Path checkpointDirectory(Path dir, long id) throws Exception {
    try (Stream<Path> paths = Files.walk(dir.resolve("checkpoints"))) {
      return paths.filter(p -> p.getFileName().toString().equals("chk-" + id)).findFirst().orElseThrow();
    }
  }

  /** The bytes of in-flight data the subtasks stored in checkpoint {@code id}. */
  static long inFlightBytes(Path dir, long id) throws Exception {
    return inFlightBytes(checkpointDirectory(dir, id));
  }

  /** The bytes of in-flight data the subtasks stored in the checkpoint or savepoint in {@code chk}. */
  static long inFlightBytes(Path chk) throws Exception {
    long bytes = 0;
    for (TaskStateHandle handle : CheckpointStorage.readMetadata(chk.toUri().toString()).states()) {
      if (handle.subtaskIndex() >= 0) {
        bytes += TaskStateFile.readChannelState(TaskStateFile.readContents(handle).channelState(), handle.path()).bytes();
      }
    }
    return bytes;
  }

  @Test
  void aSavepointUnderBackPressureIsAlignedAndHoldsNoInFlightData(@TempDir Path dir) throws Exception {
    String id = UUID.randomUUID().toString();
    Run run = new Run();
    RUNS.put(id, run);
    StreamExecutionEnvironment env = environment(dir, "network");
    env.fromSource(new OneAtATimeNumbers(id, 0, false), WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .setParallelism(1)
        .keyBy(x -> x % 7, Types.LONG)
        .process(new ThrottledCounter(id), Types.TUPLE(Types.LONG, Types.LONG, Types.LONG))
        .addSink(new CollectSink<>());
    JobClient client = env.executeAsync("savepoint under back-pressure");
    assertThat(run.backlogEmitted.await(2, TimeUnit.MINUTES)).as("the source emitted its backlog").isTrue();
    CountDownLatch done = new CountDownLatch(1);
    CompletableFuture<String> savepoint = client.triggerSavepoint(dir.resolve("savepoints").toUri().toString());
    savepoint.whenComplete((path, error) -> {
      done.countDown();
      run.progress.release();
    });
    handOutPermitsUntil(run, done);
    String path = savepoint.get();
    run.throttled = false;
    run.permits.release(2);
    client.cancel().get(1, TimeUnit.MINUTES);
    RUNS.remove(id);

    long savepointId = CheckpointStorage.readMetadata(path).checkpointId();
    long counted = run.countedAtSnapshot.get(savepointId).values().stream().mapToLong(Long::longValue).sum();
    long emitted = run.emittedAtSnapshot.get(savepointId);
    assertThat(emitted).isGreaterThanOrEqualTo(BACKLOG);
    assertThat(counted).as("records the counters had processed at the savepoint").isEqualTo(emitted);
    assertThat(inFlightBytes(Path.of(java.net.URI.create(path)))).isZero();
  }

  @Test
  void unalignedCheckpointsInAtLeastOnceModeAreRefused(@TempDir Path dir) {
    StreamExecutionEnvironment env = environment(dir, "memory");
    env.getCheckpointConfig().setCheckpointingMode(CheckpointingMode.AT_LEAST_ONCE);
    env.fromSequence(0, 10).keyBy(x -> x % 2, Types.LONG).addSink(new CollectSink<>());
    assertThatThrownBy(() -> env.execute("at least once, unaligned"))
        .hasMessageContaining("'execution.checkpointing.unaligned: true' needs 'execution.checkpointing.mode:"
            + " EXACTLY_ONCE', not AT_LEAST_ONCE");
  }
}

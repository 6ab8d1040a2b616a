package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.CheckpointingMode;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.Collector;
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
import io.nagare.api.state.CheckpointListener;
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
 * queue).
 */
class UnalignedCheckpointJobTest {
  private static final long NUMBERS = 60_000;
  /** Records the source has emitted before the checkpoint the test looks at: several 4 kB buffers. */
  private static final long BACKLOG = 1_000;
  private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

  /** What one test's job shares with it: functions are serialised into the job, so they find it by id. */
  static final class Run {
    final Semaphore permits = new Semaphore(0);
    final Semaphore consumed = new Semaphore(0);
    volatile boolean throttled = true;
    /** The first checkpoint the source snapshots after emitting {@link #BACKLOG} records; -1 until then. */
    volatile long backlogCheckpoint = -1;
    final CountDownLatch backlogSnapshot = new CountDownLatch(1);
    final CountDownLatch backlogCompleted = new CountDownLatch(1);
    final CountDownLatch countersSnapshotted = new CountDownLatch(2);
    final Map<Long, Long> emittedAtSnapshot = new ConcurrentHashMap<>();
    final Map<Integer, Long> countedAtSnapshot = new ConcurrentHashMap<>();
  }

  /** The numbers 0..NUMBERS-1, one record per poll (so back-pressure never blocks it inside an emit). */
  static final class OneAtATimeNumbers implements Source<Long, NumberSequenceSplit, Collection<NumberSequenceSplit>> {
    private final String run;
    private final NumberSequenceSource numbers = new NumberSequenceSource(0, NUMBERS - 1);

    OneAtATimeNumbers(String run) {
      this.run = run;
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
      return new Reader(context, RUNS.get(run));
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

  /** Reads its splits one number per poll; in the first run it records what it had emitted at each snapshot. */
  static final class Reader implements SourceReader<Long, NumberSequenceSplit> {
    private final SourceReaderContext context;
    private final Run run;
    private final ArrayDeque<NumberSequenceSplit> pending = new ArrayDeque<>();
    private NumberSequenceSplit current;
    private long next;
    private long emitted;
    private boolean noMoreSplits;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    Reader(SourceReaderContext context, Run run) {
      this.context = context;
      this.run = run;
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
      emitted++;
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
      if (run.backlogCheckpoint < 0 && emitted >= BACKLOG) {
        run.emittedAtSnapshot.put(checkpointId, emitted);
        run.backlogCheckpoint = checkpointId;
        run.backlogSnapshot.countDown();
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
      if (checkpointId == run.backlogCheckpoint) {
        run.backlogCompleted.countDown();
      }
    }

    @Override
    public void close() {}
  }

  /**
   * Counts and sums the numbers per key and emits both at the end. In the first run it takes a
   * permit per record while throttled, records how many records it had processed at the backlog
   * checkpoint's snapshot, and fails when told that checkpoint completed (before it can take part
   * in a later one, so the job restores from that one).
   */
  static final class ThrottledCounter extends KeyedProcessFunction<Long, Long, Tuple3<Long, Long, Long>>
      implements CheckpointedFunction, CheckpointListener {
    private final String runId;
    private transient ValueState<Long> count;
    private transient ValueState<Long> sum;
    private transient long processed;

    ThrottledCounter(String runId) {
      this.runId = runId;
    }

    private boolean firstRun() {
      return getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
    }

    @Override
    public void open(OpenContext ctx) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
      sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.LONG));
    }

    @Override
    public void processElement(Long value, Context ctx, Collector<Tuple3<Long, Long, Long>> out) throws Exception {
      Run run = RUNS.get(runId);
      if (firstRun()) {
        if (run.throttled) {
          run.permits.acquire();
          run.consumed.release();
        }
      }
      processed++;
      if (count.value() == null) {
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        count.update(0L);
        sum.update(0L);
      }
      count.update(count.value() + 1);
      sum.update(sum.value() + value);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple3<Long, Long, Long>> out) throws Exception {
      out.collect(Tuple3.of(ctx.getCurrentKey(), count.value(), sum.value()));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
      Run run = RUNS.get(runId);
      if (firstRun() && context.getCheckpointId() == run.backlogCheckpoint) {
        run.countedAtSnapshot.put(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), processed);
        run.countersSnapshotted.countDown();
      }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      if (firstRun() && checkpointId == RUNS.get(runId).backlogCheckpoint) {
        throw new IllegalStateException("injected failure after checkpoint " + checkpointId);
      }
    }
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
    Run run = new Run();
    RUNS.put(id, run);
    StreamExecutionEnvironment env = environment(dir, exchange);
    CollectSink<Tuple3<Long, Long, Long>> sink = new CollectSink<>();
    env.fromSource(new OneAtATimeNumbers(id), WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .setParallelism(1)
        .keyBy(x -> x % 7, Types.LONG)
        .process(new ThrottledCounter(id), Types.TUPLE(Types.LONG, Types.LONG, Types.LONG))
        .addSink(sink);
    CompletableFuture<JobExecutionResult> job = CompletableFuture.supplyAsync(() -> {
      try {
        return env.execute("unaligned under back-pressure");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(run.backlogSnapshot.await(2, TimeUnit.MINUTES)).as("the source snapshotted after its backlog").isTrue();
    while (!run.countersSnapshotted.await(0, TimeUnit.MILLISECONDS)) {
      run.permits.release();
      assertThat(run.consumed.tryAcquire(2, TimeUnit.MINUTES)).as("a counter took its permit").isTrue();
    }
    assertThat(run.backlogCompleted.await(2, TimeUnit.MINUTES)).as("the backlog checkpoint completed").isTrue();
    long checkpoint = run.backlogCheckpoint;
    long emitted = run.emittedAtSnapshot.get(checkpoint);
    long counted = run.countedAtSnapshot.values().stream().mapToLong(Long::longValue).sum();
    long inFlight = inFlightBytes(dir, checkpoint);
    run.throttled = false;
    run.permits.release(2);

    JobExecutionResult result = job.get(5, TimeUnit.MINUTES);
    assertThat(emitted).isGreaterThanOrEqualTo(BACKLOG);
    assertThat(counted).as("records the counters had processed when they took checkpoint %d", checkpoint)
        .isLessThan(emitted);
    assertThat(inFlight).as("bytes of in-flight data in checkpoint %d", checkpoint).isPositive();
    assertThat(result.getRestarts()).isEqualTo(1);
    assertThat(result.getRestoredCheckpoints()).containsExactly(checkpoint);
    assertThat(sink.values()).extracting(t -> t.f0).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(sink.values().stream().mapToLong(t -> t.f1).sum()).isEqualTo(NUMBERS);
    assertThat(sink.values().stream().mapToLong(t -> t.f2).sum()).isEqualTo(NUMBERS * (NUMBERS - 1) / 2);
    RUNS.remove(id);
  }

  /** The bytes of in-flight data the subtasks stored in checkpoint {@code id}. */
  static long inFlightBytes(Path dir, long id) throws Exception {
    Path chk;
    try (Stream<Path> paths = Files.walk(dir.resolve("checkpoints"))) {
      chk = paths.filter(p -> p.getFileName().toString().equals("chk-" + id)).findFirst().orElseThrow();
    }
    long bytes = 0;
    for (TaskStateHandle handle : CheckpointStorage.readMetadata(chk.toUri().toString()).states()) {
      if (handle.subtaskIndex() >= 0) {
        bytes += TaskStateFile.readChannelState(TaskStateFile.readContents(handle).channelState(), handle.path()).bytes();
      }
    }
    return bytes;
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

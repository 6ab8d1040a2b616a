package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.datastream.DataStream;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.RichMapFunction;
import io.nagare.api.state.CheckpointListener;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.sequence.NumberSequenceSource;
import io.nagare.testing.CollectSink;
import io.nagare.testing.NumbersUntilCheckpoints;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that reads a bounded input beside an unbounded one keeps taking checkpoints after the
 * bounded input's subtasks finished; the checkpoints record them as finished, and a restore from
 * one does not read the bounded input again — with aligned and with unaligned checkpoints (the
 * union's channels from finished subtasks end without a barrier).
 */
class FinishedTasksCheckpointTest {
  private static final long BOUNDED = 10_000;

  /** Counted down as each subtask of the bounded branch closes. */
  static volatile CountDownLatch boundedDone;
  /** Checkpoints completed since the bounded branch closed, as the unbounded branch heard of them. */
  static final AtomicInteger CHECKPOINTS_AFTER = new AtomicInteger();
  static final AtomicBoolean FAILED = new AtomicBoolean();
  static volatile boolean failOnce;

  /** Passes numbers on and counts down {@link #boundedDone} when it closes. */
  static final class MarkEnd extends RichMapFunction<Long, Long> {
    @Override
    public Long map(Long value) {
      return value;
    }

    @Override
    public void close() {
      boundedDone.countDown();
    }
  }

  /** Passes numbers on; if told to, fails once, after three checkpoints completed since the bounded branch ended. */
  static final class FailAfterBoundedEnded extends RichMapFunction<Long, Long> implements CheckpointListener {
    @Override
    public Long map(Long value) {
      if (failOnce && CHECKPOINTS_AFTER.get() >= 3 && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure after the bounded input ended");
      }
      return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      if (boundedDone.getCount() == 0) {
        CHECKPOINTS_AFTER.incrementAndGet();
      }
    }
  }

  private record Outcome(JobExecutionResult result, long counted, long unboundedEmitted) {}

  private static Outcome run(Path dir, boolean fail, boolean unaligned) throws Exception {
    boundedDone = new CountDownLatch(2);
    CHECKPOINTS_AFTER.set(0);
    FAILED.set(false);
    failOnce = fail;
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(30);
    env.getCheckpointConfig().setCheckpointStorage(dir.toUri().toString()).enableUnalignedCheckpoints(unaligned);
    env.getConfiguration().setString("state.checkpoints.num-retained", "1000");
    DataStream<Long> bounded = env.fromSource(new NumberSequenceSource(0, BOUNDED - 1),
            WatermarkStrategy.noWatermarks(), "bounded", Types.LONG).uid("bounded")
        .map(new MarkEnd(), Types.LONG).uid("mark-end");
    NumbersUntilCheckpoints endless = new NumbersUntilCheckpoints(8);
    DataStream<Long> unbounded = env.fromSource(endless, WatermarkStrategy.noWatermarks(), "unbounded", Types.LONG)
        .uid("unbounded")
        .map(new FailAfterBoundedEnded(), Types.LONG).uid("fail");
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    bounded.union(unbounded)
        .keyBy(x -> x % 7, Types.LONG)
        .process(new RestoreFromCheckpointTest.CountingOnly(), Types.TUPLE(Types.LONG, Types.LONG)).uid("counter")
        .addSink(sink);
    JobExecutionResult result = env.execute("half bounded");
    long counted = 0;
    for (Tuple2<Long, Long> t : sink.values()) {
      counted += t.f1;
    }
    return new Outcome(result, counted, endless.emitted());
  }

  @ParameterizedTest(name = "unaligned: {0}")
  @ValueSource(booleans = {false, true})
  void checkpointsGoOnAfterTheBoundedInputFinishedAndRecordItAsFinished(boolean unaligned, @TempDir Path dir)
      throws Exception {
    Outcome outcome = run(dir, false, unaligned);

    assertThat(outcome.result().getRestarts()).isZero();
    assertThat(outcome.counted()).isEqualTo(BOUNDED + outcome.unboundedEmitted());
    assertThat(CHECKPOINTS_AFTER.get()).isGreaterThanOrEqualTo(3);
    int whileUnboundedRan = 0;
    for (io.nagare.api.common.CompletedCheckpointStats checkpoint : outcome.result().getCompletedCheckpoints()) {
      java.util.Set<String> finished = CheckpointStorage.readMetadata(dir.resolve(outcome.result().getJobId())
          .resolve("chk-" + checkpoint.id()).toUri().toString()).finishedOperators();
      if (finished.equals(java.util.Set.of("bounded", "mark-end"))) {
        whileUnboundedRan++;
      }
    }
    assertThat(whileUnboundedRan).isGreaterThanOrEqualTo(3);
  }

  @ParameterizedTest(name = "unaligned: {0}")
  @ValueSource(booleans = {false, true})
  void aRestoreAfterTheBoundedInputFinishedDoesNotReadItAgain(boolean unaligned, @TempDir Path dir) throws Exception {
    Outcome outcome = run(dir, true, unaligned);

    assertThat(outcome.result().getRestarts()).isEqualTo(1);
    assertThat(outcome.counted()).isEqualTo(BOUNDED + outcome.unboundedEmitted());
    long restored = outcome.result().getRestoredCheckpoints().get(0);
    CheckpointMetadata metadata = CheckpointStorage.readMetadata(
        dir.resolve(outcome.result().getJobId()).resolve("chk-" + restored).toUri().toString());
    assertThat(metadata.finishedOperators()).containsExactlyInAnyOrder("bounded", "mark-end");
  }
}

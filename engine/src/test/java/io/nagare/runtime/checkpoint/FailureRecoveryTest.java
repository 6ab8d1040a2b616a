package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
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
import io.nagare.testing.CollectSink;
import io.nagare.testing.NumbersUntilCheckpoints;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task fails after a checkpoint completed; the job restarts from that checkpoint (keyed state,
 * timers, source positions and the split enumerator restored) and its final counts cover every
 * record the sources emitted exactly once.
 */
class FailureRecoveryTest {

  /**
   * Counts per key, emits at the end; in the first run it fails once a checkpoint has completed
   * that it took after counting numbers of both splits. Those numbers came before the checkpoint's
   * barriers, so in that checkpoint (and any later one) both readers are past their splits' starts.
   */
  static final class CountThenFail extends KeyedProcessFunction<Long, Long, Tuple2<Long, Long>>
      implements CheckpointedFunction, CheckpointListener {
    private transient ValueState<Long> count;
    private transient boolean countedSplitA;
    private transient boolean countedSplitB;
    /** The first checkpoint taken after numbers of both splits were counted; subtask thread only. */
    private transient long firstWithBothSplits;
    private transient boolean failing;

    @Override
    public void open(OpenContext ctx) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
      firstWithBothSplits = Long.MAX_VALUE;
    }

    @Override
    public void processElement(Long value, Context ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
      if (failing) {
        throw new IllegalStateException("injected failure");
      }
      if (value < NumbersUntilCheckpoints.SECOND_SPLIT_START) {
        countedSplitA = true;
      } else {
        countedSplitB = true;
      }
      if (count.value() == null) {
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      }
      count.update((count.value() == null ? 0 : count.value()) + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
      out.collect(Tuple2.of(ctx.getCurrentKey(), count.value()));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
      if (countedSplitA && countedSplitB && firstWithBothSplits == Long.MAX_VALUE) {
        firstWithBothSplits = context.getCheckpointId();
      }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      failing = checkpointId >= firstWithBothSplits && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
    }
  }

  /**
   * On each backend; with RocksDB the timers are in RocksDB (incremental checkpoints) or on the heap.
   * The first run's readers never end, so a failure that never comes would hang the job: the
   * timeout fails the test instead.
   */
  @ParameterizedTest
  @Timeout(60)
  @ValueSource(strings = {"hashmap", "rocksdb", "rocksdb with heap timers"})
  void afterAFailureTheJobResumesFromTheLatestCheckpointAndCountsEveryRecordOnce(String backend, @TempDir Path dir)
      throws Exception {
    NumbersUntilCheckpoints numbers = NumbersUntilCheckpoints.endingOnlyAfterRestore(3);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.getConfiguration().setString("state.backend.type", backend.split(" ")[0]);
    env.getConfiguration().setString("state.backend.rocksdb.localdir", dir.resolve("rocksdb").toString());
    env.getConfiguration().setString("state.backend.rocksdb.timer-service.factory",
        backend.endsWith("heap timers") ? "heap" : "rocksdb");
    env.enableCheckpointing(30);
    env.getCheckpointConfig().setCheckpointStorage(dir.resolve("checkpoints").toUri().toString());
    env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
    env.getConfiguration().setString("restart-strategy.fixed-delay.attempts", "2");
    env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "0 ms");
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    env.fromSource(numbers, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .keyBy(x -> x % 7, Types.LONG)
        .process(new CountThenFail(), Types.TUPLE(Types.LONG, Types.LONG))
        .addSink(sink);
    JobExecutionResult result = env.execute("recovering");

    assertThat(result.getRestarts()).isEqualTo(1);
    assertThat(numbers.resumedAt("a")).isPositive();
    assertThat(numbers.resumedAt("b")).isPositive();
    long emitted = numbers.emitted();
    long counted = 0;
    for (Tuple2<Long, Long> t : sink.values()) {
      counted += t.f1;
    }
    assertThat(sink.values()).extracting(t -> t.f0).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(counted).isEqualTo(emitted);
    assertThat(numbers.resumedAt("a") + numbers.resumedAt("b")).isLessThan(emitted);
  }
}

package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.CollectSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting a job from a retained checkpoint ({@code execution.savepoint.path}, {@code nagare run -s}):
 * keyed state follows its key groups to another parallelism (1 → 3 → 2) and every key keeps its
 * count; state of an operator the job no longer has is refused unless it may be dropped.
 */
class RestoreFromCheckpointTest {

  private static JobExecutionResult run(Path dir, int parallelism, String restoreFrom, String counterUid,
      CollectSink<Tuple2<Long, Long>> sink) throws Exception {
    FailureRecoveryTest.FINAL_POSITIONS.clear();
    FailureRecoveryTest.RESUMED_AT.clear();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(30);
    env.getCheckpointConfig().setCheckpointStorage(dir.toUri().toString());
    if (restoreFrom != null) {
      env.getConfiguration().setString("execution.savepoint.path", restoreFrom);
    }
    env.fromSource(new FailureRecoveryTest.Numbers(), WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .uid("numbers")
        .keyBy(x -> x % 7, Types.LONG)
        .process(new CountingOnly(), Types.TUPLE(Types.LONG, Types.LONG)).uid(counterUid).setParallelism(parallelism)
        .addSink(sink);
    return env.execute("restorable");
  }

  /** Counts per key and emits the counts at the end; never fails. */
  static final class CountingOnly extends io.nagare.api.functions.KeyedProcessFunction<Long, Long, Tuple2<Long, Long>> {
    private transient io.nagare.api.state.ValueState<Long> count;

    @Override
    public void open(io.nagare.api.functions.OpenContext ctx) {
      count = getRuntimeContext().getState(new io.nagare.api.state.ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(Long value, Context ctx, io.nagare.api.functions.Collector<Tuple2<Long, Long>> out)
        throws Exception {
      if (count.value() == null) {
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      }
      count.update((count.value() == null ? 0 : count.value()) + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, io.nagare.api.functions.Collector<Tuple2<Long, Long>> out)
        throws Exception {
      out.collect(Tuple2.of(ctx.getCurrentKey(), count.value()));
    }
  }

  private static String latestCheckpoint(Path dir, JobExecutionResult result) throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve(result.getJobId()))) {
      return files.max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))))
          .orElseThrow().toUri().toString();
    }
  }

  private static void copyDirectory(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  private static long emitted() {
    return FailureRecoveryTest.FINAL_POSITIONS.get("a")
        + (FailureRecoveryTest.FINAL_POSITIONS.get("b") - FailureRecoveryTest.SECOND_SPLIT_START);
  }

  private static long counted(CollectSink<Tuple2<Long, Long>> sink) {
    assertThat(sink.values()).extracting(t -> t.f0).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    long sum = 0;
    for (Tuple2<Long, Long> t : sink.values()) {
      sum += t.f1;
    }
    return sum;
  }

  @Test
  void keyedStateSurvivesRescalingFromOneToThreeToTwoAndCheckpointsCanBeMoved(@TempDir Path dir) throws Exception {
    CollectSink<Tuple2<Long, Long>> first = new CollectSink<>();
    JobExecutionResult one = run(dir, 1, null, "counter", first);
    long emittedFirst = emitted();
    assertThat(counted(first)).isEqualTo(emittedFirst);

    CollectSink<Tuple2<Long, Long>> second = new CollectSink<>();
    JobExecutionResult three = run(dir, 3, latestCheckpoint(dir, one), "counter", second);
    long emittedSecond = emitted();
    assertThat(emittedSecond).isGreaterThan(emittedFirst / 2);
    assertThat(counted(second)).isEqualTo(emittedSecond);

    Path moved = dir.resolve("moved-checkpoint");
    copyDirectory(Path.of(java.net.URI.create(latestCheckpoint(dir, three))), moved);
    CollectSink<Tuple2<Long, Long>> third = new CollectSink<>();
    run(dir, 2, moved.toUri().toString(), "counter", third);
    assertThat(counted(third)).isEqualTo(emitted());
    assertThat(emitted()).isGreaterThan(emittedSecond);
  }

  @Test
  void stateOfAnOperatorTheJobNoLongerHasIsRefusedUnlessItMayBeDropped(@TempDir Path dir) throws Exception {
    JobExecutionResult first = run(dir, 2, null, "counter", new CollectSink<>());
    String checkpoint = latestCheckpoint(dir, first);
    assertThatThrownBy(() -> run(dir, 2, checkpoint, "renamed-counter", new CollectSink<>()))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("cannot restore from '" + checkpoint + "': it has state of operators [counter] that this"
            + " job does not have. Give the operators their former uid(...), or set"
            + " execution.savepoint.ignore-unclaimed-state: true (-n on the command line) to drop that state.");

    CollectSink<Tuple2<Long, Long>> fresh = new CollectSink<>();
    FailureRecoveryTest.FINAL_POSITIONS.clear();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(30);
    env.getCheckpointConfig().setCheckpointStorage(dir.toUri().toString());
    env.getConfiguration().setString("execution.savepoint.path", checkpoint);
    env.getConfiguration().setString("execution.savepoint.ignore-unclaimed-state", "true");
    env.fromSource(new FailureRecoveryTest.Numbers(), WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .uid("numbers")
        .keyBy(x -> x % 7, Types.LONG)
        .process(new CountingOnly(), Types.TUPLE(Types.LONG, Types.LONG)).uid("renamed-counter")
        .addSink(fresh);
    env.execute("restorable");
    long resumedFrom = FailureRecoveryTest.RESUMED_AT.get("a");
    assertThat(counted(fresh)).isEqualTo(emitted() - resumedFrom
        - (FailureRecoveryTest.RESUMED_AT.get("b") - FailureRecoveryTest.SECOND_SPLIT_START));
  }
}

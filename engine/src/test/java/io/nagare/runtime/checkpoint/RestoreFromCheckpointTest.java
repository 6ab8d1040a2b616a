package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.CollectSink;
import io.nagare.testing.NumbersUntilCheckpoints;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Starting a job from a retained checkpoint ({@code execution.savepoint.path}, {@code nagare run -s}):
 * keyed state follows its key groups to another parallelism (1 → 3 → 2) and every key keeps its
 * count, also from a moved copy of the checkpoint; state of an operator the job no longer has is
 * refused unless it may be dropped.
 */
class RestoreFromCheckpointTest {

  /** Counts per key and emits the counts at the end; never fails. */
  static final class CountingOnly extends KeyedProcessFunction<Long, Long, Tuple2<Long, Long>> {
    private transient ValueState<Long> count;

    @Override
    public void open(OpenContext ctx) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(Long value, Context ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
      if (count.value() == null) {
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      }
      count.update((count.value() == null ? 0 : count.value()) + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
      out.collect(Tuple2.of(ctx.getCurrentKey(), count.value()));
    }
  }

  /** One run of the counting job; its source and what its sink got. */
  private record Run(JobExecutionResult result, NumbersUntilCheckpoints source, CollectSink<Tuple2<Long, Long>> sink) {
    long counted() {
      assertThat(sink.values()).extracting(t -> t.f0).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L);
      long sum = 0;
      for (Tuple2<Long, Long> t : sink.values()) {
        sum += t.f1;
      }
      return sum;
    }
  }

  private static Run run(Path dir, int parallelism, String restoreFrom, String counterUid, boolean dropUnclaimed)
      throws Exception {
    return run(dir, parallelism, restoreFrom, counterUid, dropUnclaimed, "hashmap");
  }

  private static Run run(Path dir, int parallelism, String restoreFrom, String counterUid, boolean dropUnclaimed,
      String backend) throws Exception {
    NumbersUntilCheckpoints source = new NumbersUntilCheckpoints(3);
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(30);
    env.getCheckpointConfig().setCheckpointStorage(dir.toUri().toString());
    env.getConfiguration().setString("state.checkpoints.num-retained", "5");
    env.getConfiguration().setString("state.backend.type", backend);
    env.getConfiguration().setString("state.backend.rocksdb.localdir", dir.resolve("rocksdb").toString());
    if (restoreFrom != null) {
      env.getConfiguration().setString("execution.savepoint.path", restoreFrom);
      env.getConfiguration().setString("execution.savepoint.ignore-unclaimed-state", String.valueOf(dropUnclaimed));
    }
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .uid("numbers")
        .keyBy(x -> x % 7, Types.LONG)
        .process(new CountingOnly(), Types.TUPLE(Types.LONG, Types.LONG)).uid(counterUid).setParallelism(parallelism)
        .addSink(sink);
    return new Run(env.execute("restorable"), source, sink);
  }

  /** The run's latest checkpoint taken while the whole job ran, before its sources ended. */
  private static String latestCheckpoint(Path dir, Run run) {
    return dir.resolve(run.result().getJobId()).resolve("chk-" + run.source().lastCheckpointBeforeEnd()).toUri()
        .toString();
  }

  private static void copyDirectory(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void keyedStateSurvivesRescalingFromOneToThreeToTwoAndCheckpointsCanBeMoved(String backend, @TempDir Path dir)
      throws Exception {
    Run one = run(dir, 1, null, "counter", false, backend);
    assertThat(one.counted()).isEqualTo(one.source().emitted());

    Run three = run(dir, 3, latestCheckpoint(dir, one), "counter", false, backend);
    assertThat(three.source().resumedAt("a")).isPositive();
    assertThat(three.counted()).isEqualTo(three.source().emitted());
    assertThat(three.source().emitted()).isGreaterThan(one.source().emitted() / 2);

    Path moved = dir.resolve("moved-checkpoint");
    copyDirectory(Path.of(URI.create(latestCheckpoint(dir, three))), moved);
    Run two = run(dir, 2, moved.toUri().toString(), "counter", false, backend);
    assertThat(two.source().resumedAt("a")).isPositive();
    assertThat(two.counted()).isEqualTo(two.source().emitted());
  }

  @Test
  void stateOfAnOperatorTheJobNoLongerHasIsRefusedUnlessItMayBeDropped(@TempDir Path dir) throws Exception {
    String checkpoint = latestCheckpoint(dir, run(dir, 2, null, "counter", false));
    assertThatThrownBy(() -> run(dir, 2, checkpoint, "renamed-counter", false))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("cannot restore from '" + checkpoint + "': it has state of operators [counter] that this"
            + " job does not have. Give the operators their former uid(...), or set"
            + " execution.savepoint.ignore-unclaimed-state: true (-n on the command line) to drop that state.");

    Run dropped = run(dir, 2, checkpoint, "renamed-counter", true);
    long resumed = dropped.source().resumedAt("a") + dropped.source().resumedAt("b");
    assertThat(dropped.counted()).isEqualTo(dropped.source().emitted() - resumed);
  }
}

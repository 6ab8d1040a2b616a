package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.CollectSink;
import io.nagare.testing.NumbersUntilCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Savepoints of a running job through its JobClient; stop-with-savepoint; cancel. */
class SavepointTest {

  private static JobClient start(NumbersUntilCheckpoints source, CollectSink<Tuple2<Long, Long>> sink, Path dir,
      long interval, String restoreFrom) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    if (interval > 0) {
      env.enableCheckpointing(interval);
    }
    env.getCheckpointConfig().setCheckpointStorage(dir.resolve("checkpoints").toUri().toString());
    if (restoreFrom != null) {
      env.getConfiguration().setString("execution.savepoint.path", restoreFrom);
    }
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG).uid("numbers")
        .keyBy(x -> x % 7, Types.LONG)
        .process(new RestoreFromCheckpointTest.CountingOnly(), Types.TUPLE(Types.LONG, Types.LONG)).uid("counter")
        .addSink(sink);
    return env.executeAsync("savepointed");
  }

  private static long sum(CollectSink<Tuple2<Long, Long>> sink) {
    long sum = 0;
    for (Tuple2<Long, Long> t : sink.values()) {
      sum += t.f1;
    }
    return sum;
  }

  @Test
  void aStoppedJobResumesFromItsSavepointWithEveryCountIntact(@TempDir Path dir) throws Exception {
    NumbersUntilCheckpoints endless = new NumbersUntilCheckpoints(Integer.MAX_VALUE);
    JobClient client = start(endless, new CollectSink<>(), dir, 0, null);
    String first = client.triggerSavepoint(dir.resolve("savepoints").toUri().toString()).get(60, TimeUnit.SECONDS);
    assertThat(Path.of(java.net.URI.create(first)).resolve("_metadata")).exists();
    String last = client.stopWithSavepoint(dir.resolve("savepoints").toUri().toString()).get(60, TimeUnit.SECONDS);
    JobExecutionResult stopped = client.getJobExecutionResult().get(60, TimeUnit.SECONDS);
    assertThat(stopped.getRestarts()).isZero();
    assertThat(last).isNotEqualTo(first).contains("savepoints/savepoint-");
    try (var files = Files.list(dir.resolve("savepoints"))) {
      assertThat(files.count()).isEqualTo(2);
    }

    NumbersUntilCheckpoints resumed = new NumbersUntilCheckpoints(2);
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    start(resumed, sink, dir, 30, last).getJobExecutionResult().get(60, TimeUnit.SECONDS);
    assertThat(resumed.resumedAt("a")).isPositive();
    assertThat(sum(sink)).isEqualTo(resumed.emitted());
  }

  /** Completes {@link #FIRST_CHECKPOINT} when the first checkpoint completes. */
  static final class Watch extends io.nagare.api.functions.RichSinkFunction<Tuple2<Long, Long>>
      implements io.nagare.api.state.CheckpointListener {
    @Override
    public void invoke(Tuple2<Long, Long> value, Context context) {}

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      FIRST_CHECKPOINT.complete(checkpointId);
    }
  }

  static volatile java.util.concurrent.CompletableFuture<Long> FIRST_CHECKPOINT;

  private static long checkpointsLeftAfterCancel(Path dir, boolean retain) throws Exception {
    FIRST_CHECKPOINT = new java.util.concurrent.CompletableFuture<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(20);
    env.getCheckpointConfig().setCheckpointStorage(dir.toUri().toString()).setRetainOnCancellation(retain);
    env.fromSource(new NumbersUntilCheckpoints(Integer.MAX_VALUE), WatermarkStrategy.noWatermarks(), "numbers",
            Types.LONG)
        .keyBy(x -> x % 7, Types.LONG)
        .process(new RestoreFromCheckpointTest.CountingOnly(), Types.TUPLE(Types.LONG, Types.LONG))
        .addSink(new Watch());
    JobClient client = env.executeAsync("cancelled");
    FIRST_CHECKPOINT.get(60, TimeUnit.SECONDS);
    client.cancel().get(60, TimeUnit.SECONDS);
    try (var files = Files.list(dir.resolve(client.getJobId()))) {
      return files.filter(f -> f.getFileName().toString().startsWith("chk-")).count();
    }
  }

  @Test
  void checkpointsAreDeletedOnCancellationUnlessRetained(@TempDir Path dir) throws Exception {
    assertThat(checkpointsLeftAfterCancel(dir.resolve("deleted"), false)).isZero();
    assertThat(checkpointsLeftAfterCancel(dir.resolve("kept"), true)).isEqualTo(1);
  }

  @Test
  void aCancelledJobEndsWithoutRestartingEvenWithCheckpoints(@TempDir Path dir) throws Exception {
    JobClient client = start(new NumbersUntilCheckpoints(Integer.MAX_VALUE), new CollectSink<>(), dir, 20, null);
    client.triggerSavepoint(dir.resolve("savepoints").toUri().toString()).get(60, TimeUnit.SECONDS);
    client.cancel().get(60, TimeUnit.SECONDS);
    ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> client.getJobExecutionResult().get(60, TimeUnit.SECONDS));
    assertThat(failure.getCause()).hasMessageContaining("Job 'savepointed' was cancelled");
  }
}

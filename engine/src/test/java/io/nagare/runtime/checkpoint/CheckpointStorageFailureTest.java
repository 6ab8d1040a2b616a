package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.MapFunction;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.NumbersUntilCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint storage that is slow or failing: processing goes on, failed checkpoints are declined and counted. */
class CheckpointStorageFailureTest {

  /** Counts what passes, for the blocking file system to watch. */
  static final class CountProgress implements MapFunction<Long, Long> {
    @Override
    public Long map(Long value) {
      TestFileSystems.recordProcessed();
      return value;
    }
  }

  private static StreamExecutionEnvironment job(String checkpointDir) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(20);
    env.getCheckpointConfig().setCheckpointStorage(checkpointDir);
    env.getConfiguration().setString("restart-strategy.type", "none");
    env.fromSource(new NumbersUntilCheckpoints(3), WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .keyBy(x -> x % 5, Types.LONG)
        .map(new CountProgress(), Types.LONG)
        .addSink(new Discard());
    return env;
  }

  /** Drops every record (the job emits millions). */
  static final class Discard implements io.nagare.api.functions.SinkFunction<Long> {
    @Override
    public void invoke(Long value, Context context) {}
  }

  @Test
  void recordsKeepFlowingWhileACheckpointIsBeingWritten(@TempDir Path dir) throws Exception {
    TestFileSystems.Blocking.reset();
    job("blockingfs://" + dir).execute("slow storage");
    assertThat(TestFileSystems.flowedWhileBlocked).isTrue();
    try (var files = Files.list(dir)) {
      assertThat(files.count()).isEqualTo(1);
    }
  }

  @Test
  void failedWritesDeclineCheckpointsWithoutFailingTheJob(@TempDir Path dir) throws Exception {
    TestFileSystems.Failing.FAILED.set(0);
    job("failingfs://" + dir).execute("failing storage");
    assertThat(TestFileSystems.Failing.FAILED.get()).isEqualTo(TestFileSystems.Failing.FAIL_WRITES);
  }

  @Test
  void beyondTheTolerableNumberFailedCheckpointsFailTheJob(@TempDir Path dir) {
    TestFileSystems.Failing.FAILED.set(0);
    StreamExecutionEnvironment env = job("failingfs://" + dir);
    env.getCheckpointConfig().setTolerableCheckpointFailureNumber(0);
    assertThatThrownBy(() -> env.execute("intolerant"))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("Checkpoint 1 failed (")
        .hasMessageContaining("No space left on device (test)")
        .hasMessageContaining("1 checkpoints in a row have failed; the job tolerates 0");
  }
}

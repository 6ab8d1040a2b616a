package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.NumbersUntilCheckpoints;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fencing between runs of one job (a replaced ApplicationMaster attempt that still runs, and its
 * successor): once a run claims the job's checkpoints, the stale one cannot complete any, what it
 * completed after the claim never counts, and neither run touches the other's files.
 */
class CheckpointOwnershipTest {

  private static CheckpointStorage run(Path dir, String token) {
    return new CheckpointStorage(dir.toUri().toString(), "job-1", token);
  }

  private static void complete(CheckpointStorage storage, long id) throws Exception {
    TaskStateHandle state = storage.writeTaskState(id, 0, 0, new byte[] {1, 2, 3});
    storage.writeMetadata(id, 1000 + id, List.of(state), Map.of(), Map.of());
  }

  @Test
  void aStaleRunCannotCompleteACheckpointOnceAnotherClaimedTheJob(@TempDir Path dir) throws Exception {
    CheckpointStorage stale = run(dir, "run-a");
    stale.claim(-1);
    complete(stale, 1);
    complete(stale, 2);

    CheckpointStorage successor = run(dir, "run-b");
    assertThat(successor.completedCheckpointIds()).containsExactly(1L, 2L);
    successor.claim(2);

    assertThatThrownBy(() -> complete(stale, 3))
        .isInstanceOf(CheckpointOwnershipException.class)
        .hasMessage("Checkpoint 3 of job job-1 cannot complete: another run of the job (run-b) has taken over its"
            + " checkpoints in " + stale.jobDirectory() + ", so this run (run-a) is stale");
    assertThat(dir.resolve("job-1/chk-3/_metadata")).doesNotExist();
    try (var files = Files.list(dir.resolve("job-1/chk-3"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".")))
          .containsExactly("0-0-run-a");
    }

    complete(successor, 3);
    assertThat(successor.completedCheckpointIds()).containsExactly(1L, 2L, 3L);
    assertThat(CheckpointStorage.readMetadata(successor.checkpointDirectory(3).toString()).writer())
        .isEqualTo("run-b");
  }

  @Test
  void whatAStaleRunCompletedAfterTheClaimNeverCountsAndIsDeletedOnTheNextResume(@TempDir Path dir)
      throws Exception {
    CheckpointStorage stale = run(dir, "run-a");
    stale.claim(-1);
    complete(stale, 1);
    CheckpointStorage successor = run(dir, "run-b");
    successor.claim(1);
    complete(run(dir, "run-a"), 2);
    complete(successor, 3);

    assertThat(successor.completedCheckpointIds()).containsExactly(1L, 3L);
    assertThat(successor.highestCheckpointId()).isEqualTo(3);
    assertThat(successor.deleteLeftovers(Set.of())).containsExactly(successor.checkpointDirectory(2).toString());
    assertThat(dir.resolve("job-1/chk-2")).doesNotExist();
    assertThat(dir.resolve("job-1/chk-1/_metadata")).exists();
  }

  @Test
  void aStaleRunsFailedCheckpointLosesOnlyItsOwnFiles(@TempDir Path dir) throws Exception {
    CheckpointStorage stale = run(dir, "run-a");
    stale.claim(-1);
    CheckpointStorage owner = run(dir, "run-b");
    owner.claim(-1);
    TaskStateHandle mine = stale.writeTaskState(7, 1, 0, new byte[] {1});
    TaskStateHandle theirs = owner.writeTaskState(7, 1, 0, new byte[] {2});
    assertThat(mine.path()).isNotEqualTo(theirs.path());

    stale.discardFailed(7, List.of(mine));
    assertThat(Path.of(URI.create(mine.path()))).doesNotExist();
    assertThat(Path.of(URI.create(theirs.path()))).exists();
    owner.writeTaskState(7, 2, 0, new byte[] {3});
    owner.discardFailed(7, List.of(theirs));
    assertThat(dir.resolve("job-1/chk-7")).doesNotExist();
  }

  @Test
  void aRunningJobWhoseCheckpointsAnotherRunClaimedFailsWithoutRestarting(@TempDir Path dir) throws Exception {
    SavepointTest.FIRST_CHECKPOINT = new java.util.concurrent.CompletableFuture<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.enableCheckpointing(20);
    env.getCheckpointConfig().setCheckpointStorage(dir.toUri().toString());
    env.fromSource(new NumbersUntilCheckpoints(Integer.MAX_VALUE), WatermarkStrategy.noWatermarks(), "numbers",
            Types.LONG)
        .keyBy(x -> x % 7, Types.LONG)
        .process(new RestoreFromCheckpointTest.CountingOnly(), Types.TUPLE(Types.LONG, Types.LONG))
        .addSink(new SavepointTest.Watch());
    JobClient client = env.executeAsync("superseded");
    SavepointTest.FIRST_CHECKPOINT.get(60, TimeUnit.SECONDS);
    CheckpointStorage storage = new CheckpointStorage(dir.toUri().toString(), client.getJobId());
    storage.claim(-1);

    ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> client.getJobExecutionResult().get(60, TimeUnit.SECONDS));
    assertThat(failure.getCause())
        .hasMessageContaining("Job 'superseded' (" + client.getJobId() + ") failed: Checkpoint ")
        .hasMessageContaining("cannot complete: another run of the job (" + storage.token() + ") has taken over its"
            + " checkpoints");
  }
}

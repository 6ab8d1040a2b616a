package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator with fake subtasks: completion only after every acknowledgement, metadata last, failure counting. */
class CheckpointCoordinatorTest {

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong clock = new AtomicLong(1_000);

  @AfterEach
  void stopExecutor() throws Exception {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** A subtask that records what the coordinator asks of it. */
  static final class FakeTask implements CheckpointParticipant, SourceCheckpointTrigger {
    final int vertex;
    final CompletableFuture<Long> triggered = new CompletableFuture<>();
    final CompletableFuture<Long> completed = new CompletableFuture<>();

    FakeTask(int vertex) {
      this.vertex = vertex;
    }

    @Override
    public int vertexId() {
      return vertex;
    }

    @Override
    public int subtaskIndex() {
      return 0;
    }

    @Override
    public void triggerCheckpoint(long checkpointId, long timestamp) {
      triggered.complete(checkpointId);
    }

    @Override
    public void trigger(long checkpointId, long timestamp, java.util.function.Consumer<byte[]> enumeratorState) {
      enumeratorState.accept(new byte[] {7, 7});
      triggerCheckpoint(checkpointId, timestamp);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      completed.complete(checkpointId);
    }
  }

  private CheckpointCoordinator coordinator(CheckpointStorage storage, List<FakeTask> sources, List<FakeTask> all,
      long timeoutMillis, int tolerable, CompletableFuture<Throwable> failure) {
    return new CheckpointCoordinator("test", new CheckpointCoordinator.Settings(3_600_000, timeoutMillis, 0, 1,
        tolerable, 1), storage, List.copyOf(sources), List.copyOf(all), new CheckpointHistory(), executor, clock::get,
        failure::complete);
  }

  @Test
  void aCheckpointCompletesOnlyWhenEveryTaskAcknowledgedAndWritesItsMetadataLast(@TempDir Path dir) throws Exception {
    CheckpointStorage storage = new CheckpointStorage(dir.toUri().toString(), "job");
    FakeTask source = new FakeTask(0);
    FakeTask sink = new FakeTask(1);
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    CheckpointCoordinator c = coordinator(storage, List.of(source), List.of(source, sink), 60_000, -1, failure);
    executor.execute(c::triggerCheckpoint);
    long id = source.triggered.get(10, TimeUnit.SECONDS);
    assertThat(id).isEqualTo(1);

    c.acknowledge(storage.writeTaskState(id, 0, 0, new byte[] {1, 2, 3}), id);
    Path metadata = dir.resolve("job/chk-1/_metadata");
    executor.submit(() -> null).get(10, TimeUnit.SECONDS);
    assertThat(metadata).doesNotExist();
    assertThat(source.completed).isNotDone();

    c.acknowledge(storage.writeTaskState(id, 1, 0, new byte[] {4}), id);
    assertThat(sink.completed.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(source.completed.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(metadata).exists();
    CheckpointMetadata read = CheckpointStorage.readMetadata(dir.resolve("job/chk-1").toUri().toString());
    assertThat(read.checkpointId()).isEqualTo(1);
    assertThat(read.timestamp()).isEqualTo(1_000);
    assertThat(read.states()).extracting(TaskStateHandle::vertexId, TaskStateHandle::subtaskIndex, TaskStateHandle::size)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(0, -1, 2L),
            org.assertj.core.groups.Tuple.tuple(0, 0, 3L), org.assertj.core.groups.Tuple.tuple(1, 0, 1L));
    assertThat(executor.submit(c::stats).get(10, TimeUnit.SECONDS)).isEqualTo(new CheckpointCoordinator.Stats(1, 0, 1));
    assertThat(failure).isNotDone();
  }

  @Test
  void timedOutCheckpointsAreDiscardedAndCountedAndFailTheJobOnlyBeyondTheTolerance(@TempDir Path dir)
      throws Exception {
    CheckpointStorage storage = new CheckpointStorage(dir.toUri().toString(), "job");
    FakeTask source = new FakeTask(0);
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    CheckpointCoordinator c = coordinator(storage, List.of(source), List.of(source), 10, 1, failure);
    storage.writeTaskState(1, 0, 0, new byte[] {9});
    executor.execute(c::triggerCheckpoint);
    executor.schedule(c::triggerCheckpoint, 100, TimeUnit.MILLISECONDS);
    Throwable cause = failure.get(10, TimeUnit.SECONDS);
    assertThat(cause).hasMessage("Checkpoint 2 failed (it did not complete within 10 ms), and 2 checkpoints in a row"
        + " have failed; the job tolerates 1");
    assertThat(executor.submit(c::stats).get(10, TimeUnit.SECONDS)).isEqualTo(new CheckpointCoordinator.Stats(0, 2, -1));
    assertThat(Files.exists(dir.resolve("job/chk-1"))).isFalse();
  }

  @Test
  void byDefaultFailedCheckpointsNeverFailTheJob(@TempDir Path dir) throws Exception {
    CheckpointStorage storage = new CheckpointStorage(dir.toUri().toString(), "job");
    FakeTask source = new FakeTask(0);
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    CheckpointCoordinator c = coordinator(storage, List.of(source), List.of(source), 5, -1, failure);
    for (int i = 0; i < 3; i++) {
      executor.schedule(c::triggerCheckpoint, 50L * i, TimeUnit.MILLISECONDS);
    }
    CheckpointCoordinator.Stats stats = executor.schedule(c::stats, 400, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
    assertThat(stats).isEqualTo(new CheckpointCoordinator.Stats(0, 3, -1));
    assertThat(failure).isNotDone();
  }
}

package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  private CheckpointCoordinator coordinator(CheckpointStorage storage, List<? extends SourceCheckpointTrigger> sources,
      List<? extends CheckpointParticipant> all,
      long timeoutMillis, int tolerable, CompletableFuture<Throwable> failure) {
    return new CheckpointCoordinator("test", new CheckpointCoordinator.Settings(3_600_000, timeoutMillis, 0, 1,
        tolerable, 1), storage, Map.of("counter", 128), Map.of(), List.copyOf(sources), List.copyOf(all), new CheckpointHistory(), executor, clock::get,
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
      executor.submit(c::triggerCheckpoint).get(10, TimeUnit.SECONDS);
      executor.schedule(() -> null, 20, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
    }
    CheckpointCoordinator.Stats stats = executor.submit(c::stats).get(10, TimeUnit.SECONDS);
    assertThat(stats).isEqualTo(new CheckpointCoordinator.Stats(0, 3, -1));
    assertThat(failure).isNotDone();
  }

  /** A source subtask whose every trigger is queued. */
  static final class QueueTask implements CheckpointParticipant, SourceCheckpointTrigger {
    final java.util.concurrent.BlockingQueue<Long> triggered = new java.util.concurrent.LinkedBlockingQueue<>();
    final java.util.concurrent.BlockingQueue<Long> completed = new java.util.concurrent.LinkedBlockingQueue<>();

    @Override
    public int vertexId() {
      return 0;
    }

    @Override
    public int subtaskIndex() {
      return 0;
    }

    @Override
    public void triggerCheckpoint(long checkpointId, long timestamp) {
      triggered.add(checkpointId);
    }

    @Override
    public void trigger(long checkpointId, long timestamp, java.util.function.Consumer<byte[]> enumeratorState) {
      enumeratorState.accept(new byte[] {1});
      triggerCheckpoint(checkpointId, timestamp);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      completed.add(checkpointId);
    }
  }

  @Test
  void sharedFilesAreDeletedOnceNoRetainedCheckpointReferencesThem(@TempDir Path dir) throws Exception {
    CheckpointStorage storage = new CheckpointStorage(dir.toUri().toString(), "job");
    Path shared = dir.resolve("job/shared");
    Files.createDirectories(shared);
    QueueTask task = new QueueTask();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    CheckpointCoordinator c = coordinator(storage, List.of(task), List.of(task), 60_000, -1, failure);
    java.util.function.Function<String, String> file = name -> {
      try {
        return Files.writeString(shared.resolve(name), name).toUri().toString();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    String a = file.apply("a");
    String b = file.apply("b");

    executor.execute(c::triggerCheckpoint);
    long first = task.triggered.poll(10, TimeUnit.SECONDS);
    c.acknowledge(withShared(storage.writeTaskState(first, 0, 0, new byte[] {1}), Map.of(a, 1L, b, 1L), Set.of()),
        first);
    assertThat(task.completed.poll(10, TimeUnit.SECONDS)).isEqualTo(first);

    String cFile = file.apply("c");
    executor.execute(c::triggerCheckpoint);
    long second = task.triggered.poll(10, TimeUnit.SECONDS);
    c.acknowledge(withShared(storage.writeTaskState(second, 0, 0, new byte[] {2}), Map.of(b, 1L, cFile, 1L),
        Set.of(b)), second);
    assertThat(task.completed.poll(10, TimeUnit.SECONDS)).isEqualTo(second);
    assertThat(shared.resolve("a")).as("only the subsumed checkpoint used it").doesNotExist();
    assertThat(shared.resolve("b")).exists();
    assertThat(shared.resolve("c")).exists();

    String d = file.apply("d");
    executor.execute(c::triggerCheckpoint);
    long third = task.triggered.poll(10, TimeUnit.SECONDS);
    c.decline(third, "test");
    executor.submit(() -> null).get(10, TimeUnit.SECONDS);
    c.acknowledge(withShared(storage.writeTaskState(third, 0, 0, new byte[] {3}), Map.of(cFile, 1L, d, 1L),
        Set.of(cFile)), third);
    executor.submit(() -> null).get(10, TimeUnit.SECONDS);
    assertThat(shared.resolve("d")).as("uploaded by a failed checkpoint").doesNotExist();
    assertThat(shared.resolve("b")).exists();
    assertThat(shared.resolve("c")).exists();
    assertThat(executor.submit(c::stats).get(10, TimeUnit.SECONDS)).isEqualTo(new CheckpointCoordinator.Stats(2, 1,
        second));
  }

  @Test
  void onceEveryTaskHasFinishedAFinalCheckpointOfTheirFinalStatesCompletesWithoutABarrier(@TempDir Path dir)
      throws Exception {
    CheckpointStorage storage = new CheckpointStorage(dir.toUri().toString(), "job");
    FakeTask source = new FakeTask(0);
    FakeTask sink = new FakeTask(1);
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    CheckpointCoordinator c = new CheckpointCoordinator("test", new CheckpointCoordinator.Settings(3_600_000, 60_000,
        0, 1, -1, 1), storage, Map.of(), Map.of(0, List.of("source"), 1, List.of("sink")), List.of(source),
        List.of(source, sink), new CheckpointHistory(), executor, clock::get, failure::complete);

    c.acknowledge(storage.writeFinalState(0, 0, new byte[] {1}), CheckpointAcknowledger.FINAL_STATE);
    executor.submit(() -> null).get(10, TimeUnit.SECONDS);
    assertThat(source.completed).as("the sink has not finished yet").isNotDone();
    c.acknowledge(storage.writeFinalState(1, 0, new byte[] {2, 2}), CheckpointAcknowledger.FINAL_STATE);

    assertThat(source.completed.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(sink.completed.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(source.triggered.get(10, TimeUnit.SECONDS)).as("the finished source was asked, and ignores it")
        .isEqualTo(1);
    CheckpointMetadata read = CheckpointStorage.readMetadata(dir.resolve("job/chk-1").toUri().toString());
    assertThat(read.states()).extracting(TaskStateHandle::vertexId, TaskStateHandle::subtaskIndex, TaskStateHandle::size)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(0, -1, 2L),
            org.assertj.core.groups.Tuple.tuple(0, 0, 1L), org.assertj.core.groups.Tuple.tuple(1, 0, 2L));
    assertThat(read.finishedOperators()).containsExactlyInAnyOrder("source", "sink");
    assertThat(failure).isNotDone();
  }

  @Test
  void aFinalCheckpointThatKeepsFailingFailsTheJobAfterThreeTries(@TempDir Path dir) throws Exception {
    CheckpointStorage storage = new CheckpointStorage(dir.toUri().toString(), "job");
    FakeTask task = new FakeTask(0);
    SourceCheckpointTrigger silentEnumerator = new SourceCheckpointTrigger() {
      @Override
      public int vertexId() {
        return 0;
      }

      @Override
      public void trigger(long checkpointId, long timestamp, java.util.function.Consumer<byte[]> enumeratorState) {}
    };
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    CheckpointCoordinator c = new CheckpointCoordinator("test", new CheckpointCoordinator.Settings(10, 10, 0, 1, -1,
        1), storage, Map.of(), Map.of(0, List.of("source")), List.of(silentEnumerator), List.of(task),
        new CheckpointHistory(), executor, clock::get, failure::complete);

    c.acknowledge(storage.writeFinalState(0, 0, new byte[] {1}), CheckpointAcknowledger.FINAL_STATE);

    assertThat(failure.get(10, TimeUnit.SECONDS)).hasMessage("Job 'test' could not take its final checkpoint in 3"
        + " tries (the last failed: it did not complete within 10 ms), so its sinks' last output is not committed");
    assertThat(executor.submit(c::stats).get(10, TimeUnit.SECONDS)).isEqualTo(new CheckpointCoordinator.Stats(0, 3, -1));
    assertThat(task.completed).isNotDone();
  }

  private static TaskStateHandle withShared(TaskStateHandle h, Map<String, Long> files, Set<String> reused) {
    return new TaskStateHandle(h.vertexId(), h.subtaskIndex(), h.path(), h.size(), files, reused, 0);
  }
}

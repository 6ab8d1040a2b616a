package io.nagare.connectors.kafka.sink;

import io.nagare.api.connector.sink2.CommittingSinkWriter;
import io.nagare.api.connector.sink2.Committer;
import io.nagare.api.connector.sink2.SinkWriter;
import io.nagare.api.connector.sink2.StatefulSinkWriter;
import io.nagare.api.state.CheckpointListener;
import io.nagare.testing.TestingCommitRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One subtask of a {@link KafkaSink}, driven by hand the way the runtime drives it: the sink is a
 * serialised copy (as each subtask gets one), the committer is created first and commits restored
 * committables, then the writer is created; a checkpoint is {@code flush}, {@code prepareCommit},
 * {@code snapshotState}; its completion commits the committables up to it and then tells the
 * writer. A crash is simulated by abandoning a subtask (its producers live on, as those of a
 * killed process would stay registered with the broker) and closing it only when the test ends.
 */
final class SinkSubtask implements AutoCloseable {
  private final KafkaSink<String> sink;
  private final TestingWriterInitContext context;
  private final Committer<KafkaCommittable> committer;
  private final StatefulSinkWriter<String, KafkaWriterState> writer;
  private final TreeMap<Long, List<KafkaCommittable>> pending = new TreeMap<>();
  final List<TestingCommitRequest<KafkaCommittable>> restoreCommits = new ArrayList<>();

  /** What one checkpoint took of this subtask. */
  record Snapshot(long checkpointId, List<KafkaCommittable> committables, List<KafkaWriterState> states) {}

  private SinkSubtask(KafkaSink<String> original, int subtask, int parallelism, int attempt,
      OptionalLong restoredCheckpoint, List<KafkaCommittable> restoredCommittables,
      List<KafkaWriterState> restoredStates) throws Exception {
    this.sink = copyOf(original);
    this.context = new TestingWriterInitContext(subtask, parallelism, attempt, restoredCheckpoint);
    this.committer = sink.createCommitter(context);
    for (KafkaCommittable c : restoredCommittables) {
      TestingCommitRequest<KafkaCommittable> request = new TestingCommitRequest<>(c);
      committer.commit(List.of(request));
      restoreCommits.add(request);
      throwIfFailed(request);
    }
    this.writer = restoredCheckpoint.isPresent()
        ? sink.restoreWriter(context, restoredStates)
        : sink.createWriter(context);
  }

  static SinkSubtask start(KafkaSink<String> sink, int subtask, int parallelism) throws Exception {
    return new SinkSubtask(sink, subtask, parallelism, 0, OptionalLong.empty(), List.of(), List.of());
  }

  /** A subtask of a restarted job: the committables and writer states are those of old subtasks {@code k % parallelism == subtask}. */
  static SinkSubtask restore(KafkaSink<String> sink, int subtask, int parallelism, int attempt, long checkpointId,
      List<KafkaCommittable> committables, List<KafkaWriterState> states) throws Exception {
    return new SinkSubtask(sink, subtask, parallelism, attempt, OptionalLong.of(checkpointId), committables, states);
  }

  TestingWriterInitContext context() {
    return context;
  }

  SinkWriter<String> writer() {
    return writer;
  }

  Committer<KafkaCommittable> committer() {
    return committer;
  }

  void write(String... values) throws Exception {
    for (String v : values) {
      writer.write(v, new SinkWriter.Context() {
        @Override
        public long currentWatermark() {
          return Long.MIN_VALUE;
        }

        @Override
        public Long timestamp() {
          return null;
        }
      });
    }
  }

  /** The barrier of {@code checkpointId} passes this subtask. */
  Snapshot checkpoint(long checkpointId) throws Exception {
    writer.flush(false);
    List<KafkaCommittable> committables = new ArrayList<>(((CommittingSinkWriter<String, KafkaCommittable>) writer).prepareCommit());
    List<KafkaWriterState> states = writer.snapshotState(checkpointId);
    pending.put(checkpointId, committables);
    return new Snapshot(checkpointId, committables, states);
  }

  /** Checkpoint {@code checkpointId} is complete: commits every committable up to it, then tells the writer. */
  List<TestingCommitRequest<KafkaCommittable>> complete(long checkpointId) throws Exception {
    List<TestingCommitRequest<KafkaCommittable>> requests = new ArrayList<>();
    Map<Long, List<KafkaCommittable>> due = pending.headMap(checkpointId, true);
    for (List<KafkaCommittable> committables : due.values()) {
      for (KafkaCommittable c : committables) {
        requests.add(new TestingCommitRequest<>(c));
      }
    }
    due.clear();
    committer.commit(new ArrayList<>(requests));
    for (TestingCommitRequest r : requests) {
      throwIfFailed(r);
    }
    ((CheckpointListener) writer).notifyCheckpointComplete(checkpointId);
    return requests;
  }

  /** The bounded input ended: the last transaction is pre-committed and committed at once. */
  void endInput() throws Exception {
    writer.flush(true);
    Collection<KafkaCommittable> last = ((CommittingSinkWriter<String, KafkaCommittable>) writer).prepareCommit();
    for (KafkaCommittable c : last) {
      TestingCommitRequest r = new TestingCommitRequest<>(c);
      committer.commit(List.of(r));
      throwIfFailed(r);
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
      committer.close();
    } catch (Exception e) {
      throw new IllegalStateException("Closing the sink subtask failed", e);
    }
  }

  private static void throwIfFailed(TestingCommitRequest<KafkaCommittable> r) {
    if (r.outcome() == TestingCommitRequest.Outcome.FAILED_KNOWN
        || r.outcome() == TestingCommitRequest.Outcome.FAILED_UNKNOWN) {
      throw new AssertionError("Commit of " + r.getCommittable() + " failed: " + r.failure().getMessage(), r.failure());
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T copyOf(T object) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}

package io.nagare.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.connector.sink2.Committer;
import io.nagare.api.connector.sink2.CommitterInitContext;
import io.nagare.api.connector.sink2.CommittingSinkWriter;
import io.nagare.api.connector.sink2.Sink;
import io.nagare.api.connector.sink2.StatefulSinkWriter;
import io.nagare.api.connector.sink2.SupportsCommitter;
import io.nagare.api.connector.sink2.SupportsWriterState;
import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.state.CheckpointListener;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.OneInputOperatorTestHarness;
import io.nagare.testing.Utf8Strings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sink runtime behind {@code sinkTo}: when committables are made, committed, retried, handed
 * over after a restore at another parallelism, and how a failed commit fails the job.
 */
class SinkWriterOperatorTest {
  /** What happened, in order, across writers and committers of one test. */
  private final List<String> log = new ArrayList<>();
  private final Set<String> retryOnce = new HashSet<>();
  private final Set<String> failing = new HashSet<>();

  /** A two-phase sink whose committables are "txn-<subtask>-<n>:<records>" and whose state counts transactions. */
  private final class RecordingSink implements Sink<String>, SupportsCommitter<String>,
      SupportsWriterState<String, String> {
    @Override
    public Writer createWriter(WriterInitContext context) {
      log.add("create writer " + context.getSubtaskId());
      return new Writer(context.getSubtaskId());
    }

    @Override
    public Writer restoreWriter(WriterInitContext context, Collection<String> recoveredState) {
      log.add("restore writer " + context.getSubtaskId() + " from " + recoveredState + " of checkpoint "
          + context.getRestoredCheckpointId());
      return new Writer(context.getSubtaskId());
    }

    @Override
    public SimpleVersionedSerializer<String> getWriterStateSerializer() {
      return new Utf8Strings();
    }

    @Override
    public Committer<String> createCommitter(CommitterInitContext context) {
      return new Committer<>() {
        @Override
        public void commit(Collection<CommitRequest<String>> requests) {
          for (CommitRequest<String> r : requests) {
            String c = r.getCommittable();
            if (failing.contains(c)) {
              r.signalFailedWithUnknownReason(new IllegalStateException("broker said no"));
            } else if (retryOnce.remove(c)) {
              log.add("retry " + c);
              r.retryLater();
            } else {
              log.add("commit " + c + (r.getNumberOfRetries() > 0 ? " after " + r.getNumberOfRetries() + " retry" : ""));
            }
          }
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public SimpleVersionedSerializer<String> getCommittableSerializer() {
      return new Utf8Strings();
    }
  }

  private final class Writer implements CommittingSinkWriter<String, String>, StatefulSinkWriter<String, String>,
      CheckpointListener {
    private final int subtask;
    private final List<String> buffer = new ArrayList<>();
    private int transactions;

    Writer(int subtask) {
      this.subtask = subtask;
    }

    @Override
    public void write(String element, Context context) {
      buffer.add(element);
    }

    @Override
    public void flush(boolean endOfInput) {
      log.add("flush " + subtask + (endOfInput ? " (end)" : ""));
    }

    @Override
    public Collection<String> prepareCommit() {
      if (buffer.isEmpty()) {
        return List.of();
      }
      String c = "txn-" + subtask + "-" + (++transactions) + ":" + String.join(",", buffer);
      buffer.clear();
      return List.of(c);
    }

    @Override
    public List<String> snapshotState(long checkpointId) {
      return List.of("state-" + subtask + "@" + checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      log.add("writer " + subtask + " told " + checkpointId + " complete");
    }

    @Override
    public void close() {
      log.add("close writer " + subtask);
    }
  }


  private OneInputOperatorTestHarness<String, Void> harness() {
    return OneInputOperatorTestHarness.forSpec(
        new OperatorSpec(OperatorSpec.Kind.CUSTOM, null, new SinkOperatorFactory<>(new RecordingSink())), Types.STRING);
  }

  @Test
  void preCommitsAtTheBarrierAndCommitsWhenTheCheckpointCompletes() throws Exception {
    var h = harness();
    h.open();
    h.processElement("a");
    h.processElement("b");
    h.snapshot(1);
    assertThat(log).containsExactly("create writer 0", "flush 0");
    h.notifyCheckpointComplete(1);
    assertThat(log).containsExactly("create writer 0", "flush 0", "commit txn-0-1:a,b", "writer 0 told 1 complete");
  }

  @Test
  void committablesOfAnUncompletedCheckpointAreCommittedWithTheNextCompletedOne() throws Exception {
    var h = harness();
    h.open();
    h.processElement("a");
    h.snapshot(1);
    h.processElement("b");
    h.snapshot(2);
    log.clear();
    h.notifyCheckpointComplete(2);
    assertThat(log).containsExactly("commit txn-0-1:a", "commit txn-0-2:b", "writer 0 told 2 complete");
    h.notifyCheckpointComplete(1);
    assertThat(log).hasSize(4).endsWith("writer 0 told 1 complete");
  }

  @Test
  void afterARestoreAtLowerParallelismEachSubtaskCommitsItsOldSubtasksCommittablesBeforeItsWriterExists()
      throws Exception {
    List<byte[]> snapshots = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      var old = harness().asSubtask(i, 3);
      old.open();
      old.processElement("x" + i);
      old.snapshot(4);
      old.processElement("more" + i);
      snapshots.add(old.snapshot(5));
    }
    log.clear();
    var zero = harness().restore(snapshots, 0, 2);
    zero.open();
    assertThat(log).as("in checkpoint order").containsExactly("commit txn-0-1:x0", "commit txn-2-1:x2",
        "commit txn-0-2:more0", "commit txn-2-2:more2", "restore writer 0 from [state-0@5, state-2@5] of checkpoint OptionalLong.empty");
    log.clear();
    var one = harness().restore(snapshots, 1, 2);
    one.open();
    assertThat(log).containsExactly("commit txn-1-1:x1", "commit txn-1-2:more1",
        "restore writer 1 from [state-1@5] of checkpoint OptionalLong.empty");
    log.clear();
    zero.snapshot(6);
    zero.notifyCheckpointComplete(6);
    assertThat(log).containsExactly("flush 0", "writer 0 told 6 complete");
  }

  @Test
  void aCommitTheCommitterWantsRetriedIsRetriedAfterTheDelay() throws Exception {
    var h = harness();
    h.open();
    h.processElement("a");
    h.snapshot(1);
    retryOnce.add("txn-0-1:a");
    h.notifyCheckpointComplete(1);
    assertThat(log).containsExactly("create writer 0", "flush 0", "retry txn-0-1:a", "writer 0 told 1 complete");
    h.setProcessingTime(h.getProcessingTime() + SinkWriterOperator.RETRY_DELAY_MS);
    assertThat(log).endsWith("commit txn-0-1:a after 1 retry");
    byte[] snapshot = h.snapshot(2);
    log.clear();
    harness().restore(snapshot).open();
    assertThat(log).as("the committed one is not in later checkpoints").containsExactly(
        "restore writer 0 from [state-0@2] of checkpoint OptionalLong.empty");
  }

  @Test
  void aFailedCommitFailsNamingTheOperatorTheCommittableAndTheReason() throws Exception {
    var h = harness();
    h.open();
    h.processElement("a");
    h.snapshot(7);
    failing.add("txn-0-1:a");
    assertThatThrownBy(() -> h.notifyCheckpointComplete(7))
        .hasMessage("Operator 'TestOperator' (subtask 1/1) failed in notifyCheckpointComplete(7): could not commit "
            + "txn-0-1:a of checkpoint 7: java.lang.IllegalStateException: broker said no")
        .hasRootCauseMessage("broker said no");
  }

  @Test
  void theEndOfTheInputCommitsEverythingAtOnce() throws Exception {
    var h = harness();
    h.open();
    h.processElement("a");
    h.snapshot(1);
    h.processElement("b");
    h.close();
    assertThat(log).containsExactly("create writer 0", "flush 0", "flush 0 (end)", "commit txn-0-1:a",
        "commit txn-0-2:b", "close writer 0");
  }
}

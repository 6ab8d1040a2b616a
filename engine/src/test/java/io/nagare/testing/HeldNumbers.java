package io.nagare.testing;

import io.nagare.api.source.Boundedness;
import io.nagare.api.source.InputStatus;
import io.nagare.api.source.ReaderOutput;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.connectors.sequence.NumberSequenceSource;
import io.nagare.connectors.sequence.NumberSequenceSplit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The numbers {@code 0..count-1}, cut into one split per subtask as {@code fromSequence} cuts
 * them, that pause at chosen numbers: a reader stops before each number of {@code holdBefore} until
 * the test opens the gate. A test waits until every hold point is reached, a checkpoint taken
 * while its reader waited there has completed, and then one more ({@link
 * #awaitAllHeldAfterACheckpoint}), acts (stops a server, arms a failure) and opens the gate ({@link
 * #openGate()}); it then knows that a checkpoint holds every number before the hold points, without
 * depending on timing. Waiting for one more completion makes sure that every operator chained with
 * the reader has handled the first (the whole chain handles a completion in one mail of its
 * subtask): an exactly-once sink has committed what that checkpoint covers.
 *
 * <p>All readers go on together when the gate opens. Once the gate is open nothing holds any more,
 * also not in a restarted attempt of the job. A reader ends its input only once a checkpoint taken
 * after its last number has completed, so a restart after any reader ended never reads its numbers
 * again (tests that fail a job late count on it). Sources are serialised into
 * the job, so the gate and the signal live in static maps under the source's id; create one per
 * test.
 */
public final class HeldNumbers implements Source<Long, NumberSequenceSplit, Collection<NumberSequenceSplit>> {
  private static final int BATCH = 100;
  private static final Map<String, CompletableFuture<Void>> GATES = new ConcurrentHashMap<>();
  private static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final NumberSequenceSource numbers;
  private final Set<Long> holdBefore;

  /** The numbers {@code 0..count-1}, holding before each of {@code holdBefore}. */
  public HeldNumbers(long count, Set<Long> holdBefore) {
    this.numbers = new NumberSequenceSource(0, count - 1);
    this.holdBefore = Set.copyOf(holdBefore);
    GATES.put(id, new CompletableFuture<>());
    HELD.put(id, new CountDownLatch(holdBefore.size()));
  }

  /** Waits until every hold point has been reached and a checkpoint taken there, and a later one, have completed. */
  public void awaitAllHeldAfterACheckpoint(Duration timeout) throws InterruptedException {
    if (!HELD.get(id).await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("Not every hold point of " + holdBefore + " was reached and checkpointed within "
          + timeout + " (" + HELD.get(id).getCount() + " not)");
    }
  }

  /** Lets the readers go on past their hold points, and stops all holding. */
  public void openGate() {
    GATES.get(id).complete(null);
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
      SplitEnumeratorContext<NumberSequenceSplit> context) {
    return numbers.createEnumerator(context);
  }

  @Override
  public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> restoreEnumerator(
      SplitEnumeratorContext<NumberSequenceSplit> context, Collection<NumberSequenceSplit> checkpoint) {
    return numbers.restoreEnumerator(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<NumberSequenceSplit> getSplitSerializer() {
    return numbers.getSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Collection<NumberSequenceSplit>> getEnumeratorCheckpointSerializer() {
    return numbers.getEnumeratorCheckpointSerializer();
  }

  @Override
  public SourceReader<Long, NumberSequenceSplit> createReader(SourceReaderContext context) {
    return new Reader(context);
  }

  /** Reads one split at a time, asking for the next when done; all on the subtask's thread. */
  private final class Reader implements SourceReader<Long, NumberSequenceSplit> {
    private final SourceReaderContext context;
    private final ArrayDeque<NumberSequenceSplit> pending = new ArrayDeque<>();
    private CompletableFuture<Void> splitsAvailable = new CompletableFuture<>();
    private boolean requested;
    private boolean noMoreSplits;
    private String splitId;
    private long next;
    private long last;
    /**
     * Whether the reader waits at a hold point, the checkpoint taken there (-1 before one), the first
     * completed checkpoint from it on (-1 before), and whether a later one completed too.
     */
    private boolean holding;
    private long holdCheckpoint;
    private long holdCompleted;
    private boolean holdCheckpointDone;
    /** Once out of numbers: the checkpoint taken since (-1 before one), completed with it. */
    private long endCheckpoint = -1;
    private final CompletableFuture<Void> endCovered = new CompletableFuture<>();

    Reader(SourceReaderContext context) {
      this.context = context;
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<Long> output) {
      if (splitId == null) {
        NumberSequenceSplit split = pending.poll();
        if (split == null) {
          if (noMoreSplits) {
            return endCovered.isDone() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
          }
          if (!requested) {
            requested = true;
            context.sendSplitRequest();
          }
          if (splitsAvailable.isDone()) {
            splitsAvailable = new CompletableFuture<>();
          }
          return InputStatus.NOTHING_AVAILABLE;
        }
        splitId = split.splitId();
        next = split.from();
        last = split.to();
      }
      for (int i = 0; i < BATCH && next <= last; i++) {
        if (holdBefore.contains(next) && !GATES.get(id).isDone()) {
          if (!holding) {
            holding = true;
            holdCheckpoint = -1;
            holdCompleted = -1;
            holdCheckpointDone = false;
          }
          return InputStatus.NOTHING_AVAILABLE;
        }
        holding = false;
        output.collect(next);
        next++;
      }
      if (next > last) {
        splitId = null;
      }
      return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      if (holding) {
        return GATES.get(id);
      }
      return splitId == null && pending.isEmpty() && noMoreSplits ? endCovered : splitsAvailable;
    }

    @Override
    public void addSplits(List<NumberSequenceSplit> splits) {
      pending.addAll(splits);
      requested = false;
      splitsAvailable.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
      noMoreSplits = true;
      splitsAvailable.complete(null);
    }

    @Override
    public List<NumberSequenceSplit> snapshotState(long checkpointId) {
      if (holding && holdCheckpoint < 0) {
        holdCheckpoint = checkpointId;
      }
      if (splitId == null && pending.isEmpty() && noMoreSplits && endCheckpoint < 0) {
        endCheckpoint = checkpointId;
      }
      List<NumberSequenceSplit> splits = new ArrayList<>();
      if (splitId != null) {
        splits.add(new NumberSequenceSplit(splitId, next, last));
      }
      splits.addAll(pending);
      return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      if (endCheckpoint >= 0 && checkpointId >= endCheckpoint) {
        endCovered.complete(null);
      }
      if (!holding || holdCheckpoint < 0 || holdCheckpointDone) {
        return;
      }
      if (holdCompleted < 0 && checkpointId >= holdCheckpoint) {
        holdCompleted = checkpointId;
      } else if (holdCompleted >= 0 && checkpointId > holdCompleted) {
        holdCheckpointDone = true;
        HELD.get(id).countDown();
      }
    }

    @Override
    public void close() {}
  }
}

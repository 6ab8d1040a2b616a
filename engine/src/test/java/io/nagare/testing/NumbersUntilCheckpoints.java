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
import io.nagare.connectors.base.QueueSplitEnumerator;
import io.nagare.connectors.sequence.NumberSequenceSource;
import io.nagare.connectors.sequence.NumberSequenceSplit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source for checkpoint tests: numbers from two splits ({@code "a"} from 0, {@code "b"} from
 * {@link #SECOND_SPLIT_START}) without end, until each reader has seen {@code checkpointsPerRun}
 * checkpoints complete in its run — so a job runs exactly as long as its checkpoints need. It
 * records where a restored reader resumed and where the last run ended, so a test can compute what
 * the sources emitted ({@link #emitted()}) and compare it with what the job counted.
 *
 * <p>A failover test makes its source with {@link #endingOnlyAfterRestore}: then the readers of a
 * run that was not restored from a checkpoint never end, so the job cannot finish before the
 * test's failure strikes.
 */
public final class NumbersUntilCheckpoints implements Source<Long, NumberSequenceSplit, Collection<NumberSequenceSplit>> {
  public static final long SECOND_SPLIT_START = 1_000_000_000_000L;
  private static final Map<String, Map<String, Long>> FINAL = new ConcurrentHashMap<>();
  private static final Map<String, Map<String, Long>> RESUMED = new ConcurrentHashMap<>();
  /** Per source, the smallest id of a checkpoint whose completion made one of its readers end. */
  private static final Map<String, Long> ENDED_AFTER = new ConcurrentHashMap<>();
  /** The sources whose split enumerator has been restored from a checkpoint. */
  private static final Set<String> RESTORED = ConcurrentHashMap.newKeySet();

  private final String id = UUID.randomUUID().toString();
  private final int checkpointsPerRun;
  private final boolean onlyAfterRestore;
  private final NumberSequenceSource numbers = new NumberSequenceSource(0, Long.MAX_VALUE - 1);

  /** Readers end once {@code checkpointsPerRun} checkpoints have completed in their run. */
  public NumbersUntilCheckpoints(int checkpointsPerRun) {
    this(checkpointsPerRun, false);
  }

  private NumbersUntilCheckpoints(int checkpointsPerRun, boolean onlyAfterRestore) {
    this.checkpointsPerRun = checkpointsPerRun;
    this.onlyAfterRestore = onlyAfterRestore;
    FINAL.put(id, new ConcurrentHashMap<>());
    RESUMED.put(id, new ConcurrentHashMap<>());
  }

  /**
   * Readers end once {@code checkpointsPerRun} checkpoints have completed in their run, and only in
   * a run restored from a checkpoint (the enumerator is restored before the run's first checkpoint
   * completes, as it is snapshotted for it).
   */
  public static NumbersUntilCheckpoints endingOnlyAfterRestore(int checkpointsPerRun) {
    return new NumbersUntilCheckpoints(checkpointsPerRun, true);
  }

  private static long startOf(String split) {
    return split.equals("a") ? 0 : SECOND_SPLIT_START;
  }

  /** Numbers the last run's readers had emitted in total (from the start of each split) when they ended. */
  public long emitted() {
    Map<String, Long> last = FINAL.get(id);
    if (!last.keySet().equals(Set.of("a", "b"))) {
      throw new IllegalStateException("The readers of the last run did not both end: " + last);
    }
    return last.get("a") + last.get("b") - SECOND_SPLIT_START;
  }

  /**
   * The id of a checkpoint the last run completed before any of its readers ended, so before any
   * subtask finished (the latest such, as far as the readers can tell): a checkpoint of the job
   * running, to restore and go on from. Later checkpoints hold subtasks that had ended.
   */
  public long lastCheckpointBeforeEnd() {
    Long id = ENDED_AFTER.get(this.id);
    if (id == null) {
      throw new IllegalStateException("No reader of the last run has ended");
    }
    return id;
  }

  /** How far into split {@code split} a restored reader resumed, or null if none resumed it. */
  public Long resumedAt(String split) {
    Map<String, Long> resumed = RESUMED.get(id);
    return resumed.get(split) == null ? null : resumed.get(split) - startOf(split);
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
      SplitEnumeratorContext<NumberSequenceSplit> context) {
    return new QueueSplitEnumerator<>(context, List.of(new NumberSequenceSplit("a", 0, SECOND_SPLIT_START - 1),
        new NumberSequenceSplit("b", SECOND_SPLIT_START, Long.MAX_VALUE - 1)));
  }

  @Override
  public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> restoreEnumerator(
      SplitEnumeratorContext<NumberSequenceSplit> context, Collection<NumberSequenceSplit> checkpoint) {
    RESTORED.add(id);
    return new QueueSplitEnumerator<>(context, checkpoint);
  }

  @Override
  public SourceReader<Long, NumberSequenceSplit> createReader(SourceReaderContext context) {
    SourceReader<Long, NumberSequenceSplit> reader = numbers.createReader(context);
    return new SourceReader<>() {
      private int completed;
      private long lastCompleted = -1;

      @Override
      public void start() {
        reader.start();
      }

      @Override
      public InputStatus pollNext(ReaderOutput<Long> output) throws Exception {
        if (completed >= checkpointsPerRun && (!onlyAfterRestore || RESTORED.contains(id))) {
          for (NumberSequenceSplit s : reader.snapshotState(0)) {
            FINAL.get(id).put(s.splitId(), s.from());
          }
          ENDED_AFTER.merge(id, lastCompleted, Math::min);
          return InputStatus.END_OF_INPUT;
        }
        return reader.pollNext(output);
      }

      @Override
      public CompletableFuture<Void> isAvailable() {
        return reader.isAvailable();
      }

      @Override
      public void addSplits(List<NumberSequenceSplit> splits) {
        for (NumberSequenceSplit s : splits) {
          if (s.from() > startOf(s.splitId())) {
            RESUMED.get(id).put(s.splitId(), s.from());
          }
        }
        reader.addSplits(splits);
      }

      @Override
      public void notifyNoMoreSplits() {
        reader.notifyNoMoreSplits();
      }

      @Override
      public List<NumberSequenceSplit> snapshotState(long checkpointId) {
        return reader.snapshotState(checkpointId);
      }

      @Override
      public void notifyCheckpointComplete(long checkpointId) {
        completed++;
        lastCompleted = checkpointId;
      }

      @Override
      public void close() throws Exception {
        reader.close();
      }
    };
  }

  @Override
  public SimpleVersionedSerializer<NumberSequenceSplit> getSplitSerializer() {
    return numbers.getSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Collection<NumberSequenceSplit>> getEnumeratorCheckpointSerializer() {
    return numbers.getEnumeratorCheckpointSerializer();
  }
}

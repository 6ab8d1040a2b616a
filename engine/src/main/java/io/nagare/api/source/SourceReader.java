package io.nagare.api.source;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the splits assigned to one subtask. All methods run on the subtask's thread; {@link
 * #pollNext} must not block: when no data is ready it returns {@link InputStatus#NOTHING_AVAILABLE}
 * and completes {@link #isAvailable()}'s future (from any thread) once there is. It may emit a
 * small batch of records per call.
 *
 * @param <T> record type
 * @param <SplitT> split type
 */
public interface SourceReader<T, SplitT extends SourceSplit> extends AutoCloseable {
  void start();

  InputStatus pollNext(ReaderOutput<T> output) throws Exception;

  /** Completes when {@link #pollNext} has something to do again. */
  CompletableFuture<Void> isAvailable();

  void addSplits(List<SplitT> splits);

  /** The enumerator will assign no more splits to this reader. */
  void notifyNoMoreSplits();

  /** The unfinished splits with their current positions. */
  List<SplitT> snapshotState(long checkpointId);

  default void notifyCheckpointComplete(long checkpointId) throws Exception {}
}

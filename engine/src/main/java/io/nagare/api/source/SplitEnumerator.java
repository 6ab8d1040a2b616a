package io.nagare.api.source;

import java.util.List;

/**
 * Discovers a source's splits and assigns them to readers. Runs in the job manager, on one thread
 * per source (calls never overlap).
 */
public interface SplitEnumerator<SplitT extends SourceSplit, CheckpointT> extends AutoCloseable {
  void start();

  /** {@code subtask}'s reader asked for a split. */
  void handleSplitRequest(int subtask);

  /** A reader failed: take back the splits it had not finished since the last checkpoint. */
  void addSplitsBack(List<SplitT> splits, int subtask);

  /** {@code subtask}'s reader registered. */
  void addReader(int subtask);

  CheckpointT snapshotState(long checkpointId) throws Exception;

  default void notifyCheckpointComplete(long checkpointId) throws Exception {}

  @Override
  default void close() throws Exception {}
}

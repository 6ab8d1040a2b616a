package io.nagare.runtime.checkpoint;

import java.util.function.Consumer;

/** One source vertex as the checkpoint coordinator triggers it. */
public interface SourceCheckpointTrigger {
  int vertexId();

  /**
   * Snapshots the source's split enumerator, hands its state to {@code enumeratorState}, then
   * triggers the source's subtasks; any thread.
   */
  void trigger(long checkpointId, long timestamp, Consumer<byte[]> enumeratorState);
}

package io.nagare.api.state;

/**
 * Implemented by functions (sinks, say) that act when a checkpoint is complete, i.e. when the state
 * of every subtask up to that checkpoint is stored: the place to commit what was pre-committed.
 */
public interface CheckpointListener {
  /** Called on the subtask's thread once checkpoint {@code checkpointId} is complete. */
  void notifyCheckpointComplete(long checkpointId) throws Exception;
}

package io.nagare.runtime.checkpoint;

/**
 * Where a subtask reports its part of a checkpoint: the {@link CheckpointCoordinator} itself, or a
 * task manager's link to its job manager. Methods may be called from any thread.
 */
public interface CheckpointAcknowledger {
  /**
   * The checkpoint id of a subtask's final state: acknowledged once, when the subtask has processed
   * all its input, it stands for the subtask in every later checkpoint.
   */
  long FINAL_STATE = -1;

  /** The subtask stored its state for {@code checkpointId}. */
  void acknowledge(TaskStateHandle state, long checkpointId);

  /** The subtask could not take part in {@code checkpointId}, for {@code reason}. */
  void decline(long checkpointId, String reason);
}

package io.nagare.runtime.checkpoint;

/** A subtask as the checkpoint coordinator sees it. Methods may be called from any thread. */
public interface CheckpointParticipant {
  int vertexId();

  int subtaskIndex();

  /** Sources: take a snapshot and inject the barrier for {@code checkpointId}. */
  void triggerCheckpoint(long checkpointId, long timestamp);

  /** Checkpoint {@code checkpointId} is complete: every subtask's state is stored. */
  void notifyCheckpointComplete(long checkpointId);
}

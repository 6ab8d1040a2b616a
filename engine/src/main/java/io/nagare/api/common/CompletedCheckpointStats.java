package io.nagare.api.common;

/**
 * One completed checkpoint: its id, how long it took from trigger to completion, the bytes it wrote
 * (subtask states and newly uploaded shared files), and the bytes of every file it references
 * (what a full snapshot of the same state would have written), and the longest barrier alignment
 * of its subtasks (ns).
 */
public record CompletedCheckpointStats(long id, long durationMillis, long uploadedBytes, long fullBytes,
    long alignmentNanos) {
  /** A checkpoint whose alignment time is unknown (0). */
  public CompletedCheckpointStats(long id, long durationMillis, long uploadedBytes, long fullBytes) {
    this(id, durationMillis, uploadedBytes, fullBytes, 0);
  }
}

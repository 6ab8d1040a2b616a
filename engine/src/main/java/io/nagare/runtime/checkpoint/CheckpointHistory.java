package io.nagare.runtime.checkpoint;

import java.util.ArrayDeque;

/**
 * What outlives one run of a job's subtasks: the next checkpoint id, the retained checkpoints and
 * the counts, so a restarted job continues numbering and keeps deleting old checkpoints. Owned by
 * the coordinator's thread while a run lasts, read by the job between runs.
 */
public final class CheckpointHistory {
  long nextId = 1;
  final ArrayDeque<Long> retained = new ArrayDeque<>();
  int completed;
  int failed;
  long latestCompletedId = -1;

  /** The id of the latest completed checkpoint, or -1. */
  public long latestCompletedId() {
    return latestCompletedId;
  }

  public int completed() {
    return completed;
  }

  public int failed() {
    return failed;
  }

  /** The retained completed checkpoints, oldest first. */
  public java.util.List<Long> retainedIds() {
    return java.util.List.copyOf(retained);
  }
}

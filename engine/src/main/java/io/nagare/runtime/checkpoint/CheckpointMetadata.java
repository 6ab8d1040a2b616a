package io.nagare.runtime.checkpoint;

import java.util.List;
import java.util.Map;

/**
 * What a completed checkpoint's {@code _metadata} says: its id, when it started, every subtask's
 * state file, each keyed operator's max parallelism by operator id ({@code null} if the metadata is
 * of a version that did not record it), and the token of the run that wrote it ("" if unrecorded).
 */
public record CheckpointMetadata(long checkpointId, long timestamp, List<TaskStateHandle> states,
    Map<String, Integer> maxParallelism, String writer) {

  public CheckpointMetadata {
    states = List.copyOf(states);
    maxParallelism = maxParallelism == null ? null : Map.copyOf(maxParallelism);
  }
}

package io.nagare.runtime.checkpoint;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a completed checkpoint's {@code _metadata} says: its id, when it started, every subtask's
 * state file, each keyed operator's max parallelism by operator id ({@code null} if the metadata is
 * of a version that did not record it), the vertices every subtask of which had finished before
 * the checkpoint reached it (by vertex id, with their operator ids in chain order), and the token of
 * the run that wrote it ("" if unrecorded).
 */
public record CheckpointMetadata(long checkpointId, long timestamp, List<TaskStateHandle> states,
    Map<String, Integer> maxParallelism, Map<Integer, List<String>> finishedVertices, String writer) {

  public CheckpointMetadata {
    states = List.copyOf(states);
    maxParallelism = maxParallelism == null ? null : Map.copyOf(maxParallelism);
    finishedVertices = Map.copyOf(finishedVertices);
  }

  /** The operators of the finished vertices. */
  public Set<String> finishedOperators() {
    Set<String> operators = new HashSet<>();
    finishedVertices.values().forEach(operators::addAll);
    return operators;
  }
}

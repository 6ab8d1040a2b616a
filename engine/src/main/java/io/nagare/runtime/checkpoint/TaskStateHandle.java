package io.nagare.runtime.checkpoint;

import java.util.Map;
import java.util.Set;

/**
 * Where one subtask's state of one checkpoint was written and how many bytes, plus the files of
 * the job's shared directory it uses (full path to size), which of those it took over from earlier
 * checkpoints rather than uploading, and how many bytes it uploaded. Immutable.
 */
public record TaskStateHandle(int vertexId, int subtaskIndex, String path, long size, Map<String, Long> sharedFiles,
    Set<String> reusedSharedFiles, long uploadedSharedBytes) {

  public TaskStateHandle {
    sharedFiles = Map.copyOf(sharedFiles);
    reusedSharedFiles = Set.copyOf(reusedSharedFiles);
  }

  /** A state that uses no shared files. */
  public TaskStateHandle(int vertexId, int subtaskIndex, String path, long size) {
    this(vertexId, subtaskIndex, path, size, Map.of(), Set.of(), 0);
  }
}

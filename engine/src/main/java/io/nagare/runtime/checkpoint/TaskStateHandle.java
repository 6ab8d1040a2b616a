package io.nagare.runtime.checkpoint;

import java.util.Map;
import java.util.Set;

/**
 * Where one subtask's state of one checkpoint was written and how many bytes, plus the files of
 * the job's shared directory it uses (full path to size), which of those it took over from earlier
 * checkpoints rather than uploading, how many bytes it uploaded, and how long the subtask's barrier
 * alignment took (ns from its first barrier to its last; 0 for a source). Immutable.
 */
public record TaskStateHandle(int vertexId, int subtaskIndex, String path, long size, Map<String, Long> sharedFiles,
    Set<String> reusedSharedFiles, long uploadedSharedBytes, long alignmentNanos) {

  public TaskStateHandle {
    sharedFiles = Map.copyOf(sharedFiles);
    reusedSharedFiles = Set.copyOf(reusedSharedFiles);
  }

  /** A state without alignment time. */
  public TaskStateHandle(int vertexId, int subtaskIndex, String path, long size, Map<String, Long> sharedFiles,
      Set<String> reusedSharedFiles, long uploadedSharedBytes) {
    this(vertexId, subtaskIndex, path, size, sharedFiles, reusedSharedFiles, uploadedSharedBytes, 0);
  }

  /** A state that uses no shared files. */
  public TaskStateHandle(int vertexId, int subtaskIndex, String path, long size) {
    this(vertexId, subtaskIndex, path, size, Map.of(), Set.of(), 0);
  }

  /** This handle, recording that the subtask's alignment took {@code nanos}. */
  public TaskStateHandle withAlignment(long nanos) {
    return new TaskStateHandle(vertexId, subtaskIndex, path, size, sharedFiles, reusedSharedFiles, uploadedSharedBytes,
        nanos);
  }
}

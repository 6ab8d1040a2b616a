package io.nagare.runtime.tasks;

/** How a source subtask reaches its source's coordinator (callable from any thread). */
public interface SourceCoordinatorGateway {
  /** The subtask's reader has started. */
  void registerReader(int subtask, SourceReaderGateway reader);

  /** The subtask's reader asks for a split. */
  void requestSplit(int subtask);
}

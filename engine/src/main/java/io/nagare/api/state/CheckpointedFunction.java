package io.nagare.api.state;

/**
 * Implemented by functions with operator (non-keyed) state: {@link #initializeState} runs before
 * {@code open} and obtains (and, after a restore, reads) the state; {@link #snapshotState} runs on
 * every checkpoint, on the subtask's thread, to bring the state up to date before it is written.
 */
public interface CheckpointedFunction {
  void snapshotState(FunctionSnapshotContext context) throws Exception;

  void initializeState(FunctionInitializationContext context) throws Exception;
}

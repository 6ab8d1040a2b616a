package io.nagare.api.state;

/** What {@link CheckpointedFunction#snapshotState} gets. */
public interface FunctionSnapshotContext {
  long getCheckpointId();

  long getCheckpointTimestamp();
}

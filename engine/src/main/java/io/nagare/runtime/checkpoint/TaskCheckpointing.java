package io.nagare.runtime.checkpoint;

import io.nagare.api.environment.CheckpointingMode;
import java.util.concurrent.ExecutorService;

/**
 * What the subtasks of a checkpointed job share: the mode, where state goes, the thread that
 * writes it (so subtasks keep processing meanwhile), and the coordinator to report to. The
 * coordinator is attached once, before any subtask starts; everything else is immutable.
 */
public final class TaskCheckpointing {
  private final CheckpointingMode mode;
  private final CheckpointStorage storage;
  private final ExecutorService io;
  private volatile CheckpointAcknowledger coordinator;

  public TaskCheckpointing(CheckpointingMode mode, CheckpointStorage storage, ExecutorService io) {
    this.mode = mode;
    this.storage = storage;
    this.io = io;
  }

  /** Attaches the coordinator; called before the subtasks start. */
  public void attach(CheckpointAcknowledger coordinator) {
    this.coordinator = coordinator;
  }

  public CheckpointingMode mode() {
    return mode;
  }

  public CheckpointStorage storage() {
    return storage;
  }

  public ExecutorService io() {
    return io;
  }

  public CheckpointAcknowledger coordinator() {
    return coordinator;
  }
}

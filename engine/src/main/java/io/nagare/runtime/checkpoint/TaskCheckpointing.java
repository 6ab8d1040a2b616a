package io.nagare.runtime.checkpoint;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.CheckpointingMode;
import java.util.concurrent.ExecutorService;

/**
 * What the subtasks of a checkpointed job share: the mode, where state goes, the thread that
 * writes it (so subtasks keep processing meanwhile), and the coordinator to report to. The
 * coordinator is attached once, before any subtask starts; everything else is immutable.
 */
public final class TaskCheckpointing {
  private final CheckpointingMode mode;
  private final boolean unaligned;
  private final CheckpointStorage storage;
  private final ExecutorService io;
  private volatile CheckpointAcknowledger coordinator;

  /** Aligned checkpoints in {@code mode}. */
  public TaskCheckpointing(CheckpointingMode mode, CheckpointStorage storage, ExecutorService io) {
    this(mode, false, storage, io);
  }

  public TaskCheckpointing(CheckpointingMode mode, boolean unaligned, CheckpointStorage storage, ExecutorService io) {
    this.mode = mode;
    this.unaligned = unaligned;
    this.storage = storage;
    this.io = io;
  }

  /** The checkpointing a job's configuration asks for (see {@link #validate}). */
  public static TaskCheckpointing of(Configuration conf, CheckpointStorage storage, ExecutorService io) {
    validate(conf);
    return new TaskCheckpointing(CheckpointingMode.valueOf(conf.get(CheckpointingOptions.MODE)),
        conf.get(CheckpointingOptions.UNALIGNED), storage, io);
  }

  /**
   * Checks the checkpointing mode of {@code conf}.
   *
   * @throws IllegalArgumentException naming the setting if the mode is unknown, or if unaligned
   *     checkpoints are asked for in AT_LEAST_ONCE mode
   */
  public static void validate(Configuration conf) {
    String mode = conf.get(CheckpointingOptions.MODE);
    if (!mode.equals(CheckpointingMode.EXACTLY_ONCE.name()) && !mode.equals(CheckpointingMode.AT_LEAST_ONCE.name())) {
      throw new IllegalArgumentException("Invalid value '" + mode + "' for '" + CheckpointingOptions.MODE.key()
          + "': expected EXACTLY_ONCE or AT_LEAST_ONCE");
    }
    if (conf.get(CheckpointingOptions.UNALIGNED) && !mode.equals(CheckpointingMode.EXACTLY_ONCE.name())) {
      throw new IllegalArgumentException("'" + CheckpointingOptions.UNALIGNED.key() + ": true' needs '"
          + CheckpointingOptions.MODE.key() + ": EXACTLY_ONCE', not " + mode
          + " (unaligned checkpoints store the records their barriers overtake, which only exactly-once needs)");
    }
  }

  /**
   * Whether checkpoint {@code checkpointId} is taken unaligned: barriers overtake queued data,
   * which is stored with it. Savepoints are always aligned.
   */
  public boolean unaligned(long checkpointId) {
    return unaligned && !storage.isSavepoint(checkpointId);
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

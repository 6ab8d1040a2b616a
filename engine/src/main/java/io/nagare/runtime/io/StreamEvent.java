package io.nagare.runtime.io;

import io.nagare.runtime.streamrecord.WatermarkStatus;

/**
 * A control element travelling between subtasks in order with the records: watermarks and the end
 * of a partition (checkpoint barriers join them with the checkpoint work).
 */
public abstract class StreamEvent {

  /** The producer's event time has advanced to {@code timestamp}. */
  public static final class Watermark extends StreamEvent {
    private final long timestamp;

    public Watermark(long timestamp) {
      this.timestamp = timestamp;
    }

    public long timestamp() {
      return timestamp;
    }

    @Override
    public String toString() {
      return "Watermark(" + timestamp + ")";
    }
  }

  /** The producer became idle (sends no watermarks for now) or active again. */
  public static final class WatermarkStatusEvent extends StreamEvent {
    public static final WatermarkStatusEvent IDLE = new WatermarkStatusEvent(WatermarkStatus.IDLE);
    public static final WatermarkStatusEvent ACTIVE = new WatermarkStatusEvent(WatermarkStatus.ACTIVE);

    private final WatermarkStatus status;

    private WatermarkStatusEvent(WatermarkStatus status) {
      this.status = status;
    }

    public WatermarkStatus status() {
      return status;
    }

    @Override
    public String toString() {
      return "WatermarkStatus(" + status + ")";
    }
  }

  /**
   * Everything before this barrier belongs to checkpoint {@code checkpointId}, everything after it
   * to the next. Sources inject barriers; every other subtask snapshots its state once it has the
   * barrier from all its input channels (aligned), or at the first one (unaligned), then forwards
   * it. An unaligned barrier overtakes the buffers queued ahead of it (see {@link
   * ResultSubpartition#addPriority}); the overtaken data is stored with the checkpoint.
   */
  public static final class CheckpointBarrier extends StreamEvent {
    private final long checkpointId;
    private final long timestamp;
    private final boolean unaligned;

    /** An aligned barrier. */
    public CheckpointBarrier(long checkpointId, long timestamp) {
      this(checkpointId, timestamp, false);
    }

    public CheckpointBarrier(long checkpointId, long timestamp, boolean unaligned) {
      this.checkpointId = checkpointId;
      this.timestamp = timestamp;
      this.unaligned = unaligned;
    }

    /** Whether this barrier overtakes queued data (an unaligned checkpoint). */
    public boolean isUnaligned() {
      return unaligned;
    }

    public long checkpointId() {
      return checkpointId;
    }

    public long timestamp() {
      return timestamp;
    }

    @Override
    public String toString() {
      return "CheckpointBarrier(" + checkpointId + (unaligned ? ", unaligned)" : ")");
    }
  }

  /** The producer subtask has finished: no more elements will follow on this channel. */
  public static final class EndOfPartition extends StreamEvent {
    public static final EndOfPartition INSTANCE = new EndOfPartition();

    private EndOfPartition() {}

    @Override
    public String toString() {
      return "EndOfPartition";
    }
  }
}

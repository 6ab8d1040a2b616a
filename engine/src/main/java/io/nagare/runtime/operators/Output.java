package io.nagare.runtime.operators;

import io.nagare.runtime.streamrecord.WatermarkStatus;

/**
 * Where an operator emits: the next operator of its chain (a one-input operator <em>is</em> the
 * output of its predecessor, so a chained hand-over is one direct method call), a network writer,
 * or several of these. Called on the subtask's thread only.
 *
 * <p>Failures surface as unchecked exceptions: an {@link OperatorException} names the operator
 * whose user code threw.
 *
 * @param <T> record type
 */
public interface Output<T> {
  /** Emits {@code record} with {@code timestamp} ({@link io.nagare.runtime.streamrecord.Timestamps#NO_TIMESTAMP} if none). */
  void collect(T record, long timestamp);

  /** Event time has advanced to {@code watermark}. */
  void emitWatermark(long watermark);

  /** The stream has become idle or active again (see {@link WatermarkStatus}). */
  void emitWatermarkStatus(WatermarkStatus status);
}

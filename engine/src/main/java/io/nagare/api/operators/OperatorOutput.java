package io.nagare.api.operators;

/**
 * Where a {@link OneInputStreamOperator} emits: the next operator of its chain or the network.
 * Subtask thread only.
 *
 * @param <OUT> record type
 */
public interface OperatorOutput<OUT> {
  /** Emits {@code record} without a timestamp. */
  void collect(OUT record);

  /** Emits {@code record} with {@code timestamp} ({@link OneInputStreamOperator#NO_TIMESTAMP} for none). */
  void collect(OUT record, long timestamp);

  /** Event time has advanced to {@code watermark}. */
  void emitWatermark(long watermark);
}

package io.nagare.api.eventtime;

import java.time.Duration;

/**
 * Periodic watermarks for elements that arrive at most {@code maxOutOfOrderness} out of order: the
 * watermark is the largest timestamp seen minus the bound minus one millisecond, so an element
 * exactly {@code maxOutOfOrderness} behind the largest is still on time.
 */
public class BoundedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
  private final long outOfOrdernessMillis;
  private long maxTimestamp;

  public BoundedOutOfOrdernessWatermarks(Duration maxOutOfOrderness) {
    if (maxOutOfOrderness == null || maxOutOfOrderness.isNegative()) {
      throw new IllegalArgumentException("maxOutOfOrderness must be zero or positive, not " + maxOutOfOrderness);
    }
    this.outOfOrdernessMillis = maxOutOfOrderness.toMillis();
    this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMillis + 1;
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.emitWatermark(new Watermark(maxTimestamp - outOfOrdernessMillis - 1));
  }
}

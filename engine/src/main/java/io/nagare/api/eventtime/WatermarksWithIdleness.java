package io.nagare.api.eventtime;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Wraps a generator and marks the output idle once no element has arrived for the idle timeout
 * (checked at each periodic emit), so a quiet source split or partition does not hold back the
 * watermark of the whole job. The next element makes it active again.
 */
public final class WatermarksWithIdleness<T> implements WatermarkGenerator<T> {
  private final WatermarkGenerator<T> watermarks;
  private final long idleTimeoutMillis;
  private final LongSupplier clock;
  private long lastActivity;
  private boolean idle;

  /**
   * @param clock milliseconds, e.g. the subtask's processing time
   *     ({@link WatermarkGeneratorSupplier.Context#currentProcessingTime})
   */
  public WatermarksWithIdleness(WatermarkGenerator<T> watermarks, Duration idleTimeout, LongSupplier clock) {
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("The idle timeout must be positive, not " + idleTimeout);
    }
    this.watermarks = watermarks;
    this.idleTimeoutMillis = idleTimeout.toMillis();
    this.clock = clock;
    this.lastActivity = clock.getAsLong();
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    watermarks.onEvent(event, eventTimestamp, output);
    lastActivity = clock.getAsLong();
    idle = false;
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    if (idle) {
      return;
    }
    if (clock.getAsLong() - lastActivity >= idleTimeoutMillis) {
      idle = true;
      output.markIdle();
    } else {
      watermarks.onPeriodicEmit(output);
    }
  }
}

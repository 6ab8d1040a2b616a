package io.nagare.api.eventtime;

import java.io.Serializable;

/**
 * How a stream gets event timestamps and watermarks. Only {@link #noWatermarks()} exists so far;
 * event-time strategies come with the event-time work.
 */
public interface WatermarkStrategy<T> extends Serializable {

  /** Whether this strategy produces timestamps and watermarks at all. */
  boolean generatesWatermarks();

  /** Records keep the timestamps their source gave them; no watermarks are generated. */
  static <T> WatermarkStrategy<T> noWatermarks() {
    return new NoWatermarksStrategy<>();
  }
}

package io.nagare.api.eventtime;

import java.io.Serializable;

/**
 * A point in event time: no more elements with a timestamp at or before it are expected. Sources
 * and timestamp assigners emit watermarks; operators fire event-time timers and windows when they
 * pass.
 */
public final class Watermark implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The watermark at the end of a bounded input: every event-time timer and window fires. */
  public static final Watermark MAX_WATERMARK = new Watermark(Long.MAX_VALUE);

  private final long timestamp;

  public Watermark(long timestamp) {
    this.timestamp = timestamp;
  }

  /** Milliseconds since the epoch. */
  public long getTimestamp() {
    return timestamp;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Watermark && ((Watermark) o).timestamp == timestamp;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timestamp);
  }

  @Override
  public String toString() {
    return "Watermark @ " + timestamp;
  }
}

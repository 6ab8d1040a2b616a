package io.nagare.api.eventtime;

/** Extracts an element's event timestamp (milliseconds since the epoch). */
@FunctionalInterface
public interface TimestampAssigner<T> {
  /** The value for "the element has no timestamp". */
  long NO_TIMESTAMP = Long.MIN_VALUE;

  /**
   * The event timestamp of {@code element}.
   *
   * @param recordTimestamp the timestamp the element already carries (from its source), or
   *     {@link #NO_TIMESTAMP}
   */
  long extractTimestamp(T element, long recordTimestamp);
}

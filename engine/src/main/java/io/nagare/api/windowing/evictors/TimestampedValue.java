package io.nagare.api.windowing.evictors;

/** A window element with its timestamp, as evictors see it. */
public final class TimestampedValue<T> {
  private final T value;
  private final long timestamp;

  public TimestampedValue(T value, long timestamp) {
    this.value = value;
    this.timestamp = timestamp;
  }

  public T getValue() {
    return value;
  }

  /** The element's timestamp; {@code Long.MIN_VALUE} if it has none. */
  public long getTimestamp() {
    return timestamp;
  }

  public boolean hasTimestamp() {
    return timestamp != Long.MIN_VALUE;
  }

  @Override
  public String toString() {
    return value + "@" + timestamp;
  }
}

package io.nagare.api.eventtime;

/** Keeps the timestamp an element already carries (from its source). */
public final class RecordTimestampAssigner<T> implements TimestampAssigner<T> {
  @Override
  public long extractTimestamp(T element, long recordTimestamp) {
    return recordTimestamp;
  }
}

package io.nagare.runtime.operators;

import io.nagare.api.functions.Collector;

/**
 * The {@link Collector} handed to user functions: emits with the timestamp of the element (or
 * timer) being processed, and refuses nulls naming the operator.
 */
public final class TimestampedCollector<T> implements Collector<T> {
  private final AbstractStreamOperator<T> operator;
  private long timestamp;

  public TimestampedCollector(AbstractStreamOperator<T> operator) {
    this.operator = operator;
  }

  public void setTimestamp(long timestamp) {
    this.timestamp = timestamp;
  }

  @Override
  public void collect(T record) {
    if (record == null) {
      throw operator.nullRecord();
    }
    operator.output.collect(record, timestamp);
  }
}

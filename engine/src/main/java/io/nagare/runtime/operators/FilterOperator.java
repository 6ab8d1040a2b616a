package io.nagare.runtime.operators;

import io.nagare.api.functions.FilterFunction;

/** Forwards the records a {@link FilterFunction} accepts. */
public final class FilterOperator<T> extends AbstractUdfOperator<T, FilterFunction<T>> implements Output<T> {
  public FilterOperator(FilterFunction<T> function) {
    super(function);
  }

  @Override
  public void collect(T record, long timestamp) {
    recordsIn++;
    if (keyedStateBackend != null) {
      setCurrentKeyOf(record);
    }
    boolean keep;
    try {
      keep = userFunction.filter(record);
    } catch (Exception e) {
      throw failure(e);
    }
    if (keep) {
      output.collect(record, timestamp);
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    try {
      processWatermark(watermark);
    } catch (Exception e) {
      throw failure(e);
    }
  }
}

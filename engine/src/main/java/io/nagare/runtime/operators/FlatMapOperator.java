package io.nagare.runtime.operators;

import io.nagare.api.functions.FlatMapFunction;

/** Applies a {@link FlatMapFunction}; its results keep the input's timestamp. */
public final class FlatMapOperator<IN, OUT> extends AbstractUdfOperator<OUT, FlatMapFunction<IN, OUT>>
    implements Output<IN> {
  private TimestampedCollector<OUT> collector;

  public FlatMapOperator(FlatMapFunction<IN, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    super.open();
    collector = new TimestampedCollector<>(this);
  }

  @Override
  public void collect(IN record, long timestamp) {
    recordsIn++;
    if (keyedStateBackend != null) {
      setCurrentKeyOf(record);
    }
    collector.setTimestamp(timestamp);
    try {
      userFunction.flatMap(record, collector);
    } catch (Exception e) {
      throw failure(e);
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

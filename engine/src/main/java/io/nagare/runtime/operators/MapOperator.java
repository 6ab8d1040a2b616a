package io.nagare.runtime.operators;

import io.nagare.api.functions.MapFunction;

/** Applies a {@link MapFunction}; the result keeps the input's timestamp. */
public final class MapOperator<IN, OUT> extends AbstractUdfOperator<OUT, MapFunction<IN, OUT>> implements Output<IN> {
  public MapOperator(MapFunction<IN, OUT> function) {
    super(function);
  }

  @Override
  public void collect(IN record, long timestamp) {
    recordsIn++;
    if (keyedStateBackend != null) {
      setCurrentKeyOf(record);
    }
    OUT result;
    try {
      result = userFunction.map(record);
    } catch (Exception e) {
      throw failure(e);
    }
    if (result == null) {
      throw nullRecord();
    }
    output.collect(result, timestamp);
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

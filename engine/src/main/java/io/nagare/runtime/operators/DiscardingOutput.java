package io.nagare.runtime.operators;

import io.nagare.runtime.streamrecord.WatermarkStatus;

/** The output of an operator nothing consumes (a sink, or a stream the program never used). */
public final class DiscardingOutput<T> implements Output<T> {
  @Override
  public void collect(T record, long timestamp) {}

  @Override
  public void emitWatermark(long watermark) {}

  @Override
  public void emitWatermarkStatus(WatermarkStatus status) {}
}

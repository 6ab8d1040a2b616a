package io.nagare.runtime.operators;

/** The output of an operator nothing consumes (a sink, or a stream the program never used). */
public final class DiscardingOutput<T> implements Output<T> {
  @Override
  public void collect(T record, long timestamp) {}

  @Override
  public void emitWatermark(long watermark) {}
}

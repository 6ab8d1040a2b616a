package io.nagare.runtime.operators;

import io.nagare.runtime.streamrecord.WatermarkStatus;

/** Emits to several outputs: an operator whose stream feeds more than one consumer. */
final class BroadcastingOutput<T> implements Output<T> {
  private final Output<T>[] outputs;

  BroadcastingOutput(Output<T>[] outputs) {
    this.outputs = outputs;
  }

  @Override
  public void collect(T record, long timestamp) {
    for (Output<T> o : outputs) {
      o.collect(record, timestamp);
    }
  }

  @Override
  public void emitWatermarkStatus(WatermarkStatus status) {
    for (Output<T> o : outputs) {
      o.emitWatermarkStatus(status);
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    for (Output<T> o : outputs) {
      o.emitWatermark(watermark);
    }
  }
}

package io.nagare.runtime.operators;

import io.nagare.runtime.streamrecord.WatermarkStatus;

import io.nagare.api.common.OutputTag;
import java.util.Map;

/** An operator's side outputs by tag id; records for a tag nobody consumes are dropped, as in Flink. */
public final class SideOutputs {
  private final Map<String, Output<?>> outputs;

  public SideOutputs(Map<String, Output<?>> outputs) {
    this.outputs = Map.copyOf(outputs);
  }

  public static SideOutputs none() {
    return new SideOutputs(Map.of());
  }

  @SuppressWarnings("unchecked")
  public <X> void emit(OutputTag<X> tag, X value, long timestamp) {
    Output<X> out = (Output<X>) outputs.get(tag.getId());
    if (out != null) {
      out.collect(value, timestamp);
    }
  }

  /** Side outputs see the same watermark status as the main output. */
  public void emitWatermarkStatus(WatermarkStatus status) {
    for (Output<?> o : outputs.values()) {
      o.emitWatermarkStatus(status);
    }
  }

  /** Side outputs see the same watermarks as the main output. */
  public void emitWatermark(long watermark) {
    for (Output<?> o : outputs.values()) {
      o.emitWatermark(watermark);
    }
  }
}

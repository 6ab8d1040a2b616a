package io.nagare.plan;

import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.source.Source;
import java.io.Serializable;

/** What a source node ships to its subtasks: the source and its watermark strategy. */
public final class SourcePayload implements Serializable {
  private final Source<?, ?, ?> source;
  private final WatermarkStrategy<?> watermarkStrategy;

  public SourcePayload(Source<?, ?, ?> source, WatermarkStrategy<?> watermarkStrategy) {
    this.source = source;
    this.watermarkStrategy = watermarkStrategy;
  }

  public Source<?, ?, ?> source() {
    return source;
  }

  public WatermarkStrategy<?> watermarkStrategy() {
    return watermarkStrategy;
  }
}

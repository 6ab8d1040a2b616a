package io.nagare.api.transformations;

import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.source.Source;
import io.nagare.api.typeinfo.TypeInformation;
import java.util.List;

/** Reads a {@link Source}. */
public final class SourceTransformation<T> extends Transformation<T> {
  private final Source<T, ?, ?> source;
  private final WatermarkStrategy<T> watermarkStrategy;

  public SourceTransformation(String name, Source<T, ?, ?> source, WatermarkStrategy<T> watermarkStrategy,
      TypeInformation<T> outputType, int parallelism) {
    super(name, outputType, parallelism);
    this.source = source;
    this.watermarkStrategy = watermarkStrategy;
  }

  public Source<T, ?, ?> getSource() {
    return source;
  }

  public WatermarkStrategy<T> getWatermarkStrategy() {
    return watermarkStrategy;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of();
  }
}

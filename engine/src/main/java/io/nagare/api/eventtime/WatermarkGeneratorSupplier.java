package io.nagare.api.eventtime;

import io.nagare.api.metrics.MetricGroup;
import java.io.Serializable;

/** Creates a {@link WatermarkGenerator} in each subtask (and for each source split). */
@FunctionalInterface
public interface WatermarkGeneratorSupplier<T> extends Serializable {
  WatermarkGenerator<T> createWatermarkGenerator(Context context);

  /** What a generator can reach of the subtask creating it. */
  interface Context {
    MetricGroup getMetricGroup();

    /** The subtask's processing-time clock in milliseconds (a manual clock in tests). */
    long currentProcessingTime();
  }
}

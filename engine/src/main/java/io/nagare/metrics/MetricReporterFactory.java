package io.nagare.metrics;

import java.io.IOException;

/**
 * Creates a named reporter from its settings ({@code metrics.reporter.<name>.factory.class} names
 * the implementing class, which needs a public no-argument constructor).
 */
public interface MetricReporterFactory {
  /**
   * Creates and starts the reporter.
   *
   * @throws IOException if it cannot start (e.g. no port of its range is free), naming the setting
   */
  MetricReporter create(ReporterSettings settings) throws IOException;
}

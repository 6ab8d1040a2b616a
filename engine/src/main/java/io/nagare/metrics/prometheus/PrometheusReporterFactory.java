package io.nagare.metrics.prometheus;

import io.nagare.api.configuration.MetricOptions;
import io.nagare.metrics.MetricReporter;
import io.nagare.metrics.MetricReporterFactory;
import io.nagare.metrics.ReporterSettings;
import java.io.IOException;

/** Starts a {@link PrometheusReporter} on the first free port of {@code metrics.reporter.<name>.port}. */
public final class PrometheusReporterFactory implements MetricReporterFactory {
  @Override
  public MetricReporter create(ReporterSettings settings) throws IOException {
    return PrometheusReporter.start(settings.get(MetricOptions.REPORTER_HOST), settings.key(
        MetricOptions.REPORTER_PORT), settings.get(MetricOptions.REPORTER_PORT));
  }
}

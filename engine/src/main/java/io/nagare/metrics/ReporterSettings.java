package io.nagare.metrics;

import io.nagare.api.configuration.ConfigOption;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.MetricOptions;

/** The settings of reporter {@code name}: {@code metrics.reporter.<name>.*} of {@code conf}. */
public record ReporterSettings(String name, Configuration conf) {
  /** The key of {@code template} (a {@code metrics.reporter.<name>.*} option) for this reporter. */
  public String key(ConfigOption<?> template) {
    return template.key().replace(MetricOptions.REPORTER_NAME, name);
  }

  /** The value of {@code template} for this reporter, or its default. */
  public <T> T get(ConfigOption<T> template) {
    String raw = conf.getString(key(template));
    return raw == null ? template.defaultValue() : Configuration.convert(template, raw);
  }
}

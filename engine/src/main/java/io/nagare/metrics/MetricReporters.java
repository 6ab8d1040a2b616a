package io.nagare.metrics;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.MetricOptions;
import io.nagare.metrics.jmx.JMXReporterFactory;
import io.nagare.metrics.prometheus.PrometheusReporterFactory;
import java.io.IOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts the reporters a configuration names ({@code metrics.reporters} and {@code
 * metrics.reporter.<name>.*}) and builds a process's registry around them.
 */
public final class MetricReporters {
  private MetricReporters() {}

  private static final Map<String, String> FLINK_FACTORIES = Map.of(
      "org.apache.flink.metrics.prometheus.PrometheusReporterFactory", PrometheusReporterFactory.class.getName(),
      "org.apache.flink.metrics.jmx.JMXReporterFactory", JMXReporterFactory.class.getName());

  /**
   * A registry with the reporters {@code conf} configures, started.
   *
   * @throws BindException if a reporter finds no free port; reporters already started are closed
   * @throws IllegalArgumentException if a reporter is misconfigured, naming the setting
   * @throws IllegalStateException if a reporter cannot start for another reason, naming it
   */
  public static MetricRegistry createRegistry(Configuration conf) throws BindException {
    return new MetricRegistry(start(conf));
  }

  /** The names of the reporters {@code conf} asks for, in order. */
  static Set<String> names(Configuration conf) {
    Set<String> names = new LinkedHashSet<>();
    String listed = conf.get(MetricOptions.REPORTERS).trim();
    if (!listed.isEmpty()) {
      Arrays.stream(listed.split(",")).map(String::trim).filter(n -> !n.isEmpty()).forEach(names::add);
      return names;
    }
    String suffix = MetricOptions.REPORTER_FACTORY_CLASS.key().substring(MetricOptions.REPORTER_PREFIX.length()
        + MetricOptions.REPORTER_NAME.length());
    for (String key : conf.toMap().keySet()) {
      if (key.startsWith(MetricOptions.REPORTER_PREFIX) && key.endsWith(suffix)) {
        names.add(key.substring(MetricOptions.REPORTER_PREFIX.length(), key.length() - suffix.length()));
      }
    }
    return names;
  }

  private static List<MetricReporter> start(Configuration conf) throws BindException {
    List<MetricReporter> started = new ArrayList<>();
    String name = null;
    try {
      for (String n : names(conf)) {
        name = n;
        ReporterSettings settings = new ReporterSettings(n, conf);
        started.add(factory(settings).create(settings));
      }
      return started;
    } catch (BindException | RuntimeException e) {
      started.forEach(MetricReporter::close);
      throw e;
    } catch (IOException e) {
      started.forEach(MetricReporter::close);
      throw new IllegalStateException("Metric reporter '" + name + "' cannot start: " + e.getMessage(), e);
    }
  }

  private static MetricReporterFactory factory(ReporterSettings settings) {
    String key = settings.key(MetricOptions.REPORTER_FACTORY_CLASS);
    String className = settings.get(MetricOptions.REPORTER_FACTORY_CLASS);
    if (className == null || className.isBlank()) {
      switch (settings.name()) {
        case "prom", "prometheus" -> className = PrometheusReporterFactory.class.getName();
        case "jmx" -> className = JMXReporterFactory.class.getName();
        default -> throw new IllegalArgumentException("Metric reporter '" + settings.name() + "' is named in "
            + MetricOptions.REPORTERS.key() + " but has no " + key + " (" + PrometheusReporterFactory.class.getName()
            + " or " + JMXReporterFactory.class.getName() + ")");
      }
    }
    className = FLINK_FACTORIES.getOrDefault(className.trim(), className.trim());
    try {
      Class<?> c = Class.forName(className, true, MetricReporters.class.getClassLoader());
      if (!MetricReporterFactory.class.isAssignableFrom(c)) {
        throw new IllegalArgumentException(key + " names " + className + ", which is not a "
            + MetricReporterFactory.class.getName());
      }
      return (MetricReporterFactory) c.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(key + " names " + className + ", which cannot be loaded and created: " + e,
          e);
    }
  }
}

package io.nagare.metrics.jmx;

import io.nagare.metrics.MetricReporter;
import io.nagare.metrics.MetricReporterFactory;
import io.nagare.metrics.ReporterSettings;

/**
 * Creates a {@link JMXReporter} on the platform MBean server; connect to it as to any JVM (e.g.
 * with {@code -Dcom.sun.management.jmxremote.port=…} in {@code env.java.opts}).
 */
public final class JMXReporterFactory implements MetricReporterFactory {
  @Override
  public MetricReporter create(ReporterSettings settings) {
    return new JMXReporter(java.lang.management.ManagementFactory.getPlatformMBeanServer());
  }
}

package io.nagare.metrics;

/**
 * Exposes a process's metrics to the outside (Prometheus, JMX). Told of every metric as it is
 * added and removed, on the thread that adds or removes it, so implementations are thread-safe;
 * reading values happens whenever the outside asks.
 */
public interface MetricReporter extends AutoCloseable {
  void notifyOfAddedMetric(RegisteredMetric metric);

  void notifyOfRemovedMetric(RegisteredMetric metric);

  /** Where the reporter can be reached, e.g. {@code prometheus=http://host:9250/metrics}, or empty. */
  default String address() {
    return "";
  }

  @Override
  void close();
}

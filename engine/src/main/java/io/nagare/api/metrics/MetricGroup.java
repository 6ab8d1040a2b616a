package io.nagare.api.metrics;

import java.util.Map;

/**
 * A named scope of metrics, e.g. job → operator → subtask. Metrics are registered once (usually in
 * {@code open}); registering a name twice in one group returns the existing metric.
 */
public interface MetricGroup {
  Counter counter(String name);

  <T, G extends Gauge<T>> G gauge(String name, G gauge);

  /** A meter computing the per-second rate of {@code counter}'s increments over the last minute. */
  Meter meter(String name, Counter counter);

  /** A child scope named {@code name}. */
  MetricGroup addGroup(String name);

  /**
   * A child scope for one value of a dimension, e.g. {@code addGroup("topic", "orders")}: the
   * identifier gains both, and reporters with labels (Prometheus, JMX) see a variable {@code
   * topic=orders} instead of a new metric name per value.
   */
  MetricGroup addGroup(String key, String value);

  /** The scope's variables from the outermost, e.g. {@code {host=h1, tm_id=…, job_name=wc, …}}. */
  Map<String, String> getAllVariables();

  /** The full metric identifier of {@code name} in this scope, e.g. {@code h1.taskmanager.tm1.wc.Map.0.numRecordsIn}. */
  String getMetricIdentifier(String name);
}

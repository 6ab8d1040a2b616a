package io.nagare.api.metrics;

import java.util.Map;

/**
 * A named scope of metrics, e.g. job → operator → subtask. Metrics are registered once (usually in
 * {@code open}); registering a name twice in one group returns the existing metric.
 */
public interface MetricGroup {
  Counter counter(String name);

  <T, G extends Gauge<T>> G gauge(String name, G gauge);

  /** A meter computing the rate of {@code counter}'s increments. */
  Meter meter(String name, Counter counter);

  /** A child scope named {@code name}. */
  MetricGroup addGroup(String name);

  /** The scope's components from the outermost, e.g. {@code {job=wc, operator=Map, subtask=0}}. */
  Map<String, String> getAllVariables();

  /** The full metric identifier of {@code name} in this scope, e.g. {@code wc.Map.0.numRecordsIn}. */
  String getMetricIdentifier(String name);
}

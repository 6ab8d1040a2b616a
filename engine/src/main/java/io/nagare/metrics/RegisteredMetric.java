package io.nagare.metrics;

import io.nagare.api.metrics.Counter;
import io.nagare.api.metrics.Gauge;
import io.nagare.api.metrics.Meter;
import io.nagare.api.metrics.Metric;
import java.util.Map;

/**
 * One metric as reporters see it: its dotted {@code identifier} (unique in the process), its
 * {@code logicalScope} (the kind of scope without the values, e.g. {@code
 * taskmanager.job.task.operator}), its {@code name} and the scope's {@code variables} (label name
 * to value, e.g. {@code job_name=wc}).
 */
public record RegisteredMetric(String identifier, String logicalScope, String name, Map<String, String> variables,
    Metric metric) {
  /** The metric as a number: a counter's count, a meter's rate, a numeric or boolean gauge's value; else null. */
  public Double numericValue() {
    if (metric instanceof Counter c) {
      return (double) c.getCount();
    }
    if (metric instanceof Meter m) {
      return m.getRate();
    }
    if (metric instanceof Gauge<?> g) {
      Object v = g.getValue();
      if (v instanceof Number n) {
        return n.doubleValue();
      }
      if (v instanceof Boolean b) {
        return b ? 1.0 : 0.0;
      }
    }
    return null;
  }
}

package io.nagare.metrics;

import io.nagare.api.metrics.Counter;
import io.nagare.api.metrics.Gauge;
import io.nagare.api.metrics.Meter;
import io.nagare.api.metrics.Metric;
import io.nagare.api.metrics.MetricGroup;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A metric scope: a chain of (variable, name) components from the root, e.g. job=wc → operator=Map
 * → subtask=0. Metrics register under the dotted names of the components. Registering is done by
 * the scope's owner thread; a name registered twice returns the first metric.
 */
public final class GenericMetricGroup implements MetricGroup {
  private final MetricRegistry registry;
  private final String prefix;
  private final Map<String, String> variables;

  GenericMetricGroup(MetricRegistry registry, GenericMetricGroup parent, String variable, String name) {
    this.registry = registry;
    String component = sanitize(name);
    this.prefix = parent == null ? component : parent.prefix + "." + component;
    LinkedHashMap<String, String> vars = new LinkedHashMap<>(parent == null ? Map.of() : parent.variables);
    if (variable != null) {
      vars.put(variable, name);
    }
    this.variables = Collections.unmodifiableMap(vars);
  }

  /** A child scope that is also a variable of the scope (e.g. {@code operator=Map}). */
  public GenericMetricGroup addGroup(String variable, String name) {
    return new GenericMetricGroup(registry, this, variable, name);
  }

  @Override
  public MetricGroup addGroup(String name) {
    return new GenericMetricGroup(registry, this, null, name);
  }

  @Override
  public Counter counter(String name) {
    return register(name, new SimpleCounter());
  }

  /** Registers an existing counter (e.g. one the runtime increments on its hot path). */
  public <C extends Counter> C counter(String name, C counter) {
    return register(name, counter);
  }

  @Override
  public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
    return register(name, gauge);
  }

  @Override
  public Meter meter(String name, Counter counter) {
    return register(name, new MeterView(counter, 60));
  }

  @SuppressWarnings("unchecked")
  private <M extends Metric> M register(String name, M metric) {
    String id = getMetricIdentifier(name);
    Metric existing = registry.get(id);
    if (existing != null) {
      return (M) existing;
    }
    registry.register(id, metric);
    return metric;
  }

  @Override
  public Map<String, String> getAllVariables() {
    return variables;
  }

  @Override
  public String getMetricIdentifier(String name) {
    return prefix + "." + sanitize(name);
  }

  /** The dotted scope of this group. */
  public String getScope() {
    return prefix;
  }

  private static String sanitize(String name) {
    return name.replace('.', '_').replace(' ', '_');
  }
}

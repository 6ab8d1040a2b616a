package io.nagare.metrics;

import io.nagare.api.metrics.Metric;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * All metrics of one process, by full identifier ({@code job.operator.subtask.name}). Groups
 * register into it from their owners' threads; reporters (REST, JMX, Prometheus) read it from
 * theirs, so the map is concurrent. Meters are sampled by whoever owns the registry calling {@link
 * #updateMeters()} every {@link #UPDATE_INTERVAL_SECONDS} seconds.
 */
public final class MetricRegistry {
  /** How often meters take a sample. */
  public static final int UPDATE_INTERVAL_SECONDS = 5;

  private final Map<String, Metric> metrics = new ConcurrentHashMap<>();

  /** A root group named by {@code scope}, e.g. {@code root("job", "wordcount")}. */
  public GenericMetricGroup root(String variable, String name) {
    return new GenericMetricGroup(this, null, variable, name);
  }

  void register(String identifier, Metric metric) {
    metrics.put(identifier, metric);
  }

  Metric get(String identifier) {
    return metrics.get(identifier);
  }

  /** Removes every metric whose identifier starts with {@code prefix} (a finished job's). */
  public void removeScope(String prefix) {
    metrics.keySet().removeIf(k -> k.startsWith(prefix));
  }

  /** A sorted copy of all metrics. */
  public Map<String, Metric> snapshot() {
    return new TreeMap<>(metrics);
  }

  public void forEach(BiConsumer<String, Metric> action) {
    metrics.forEach(action);
  }

  /** Samples every meter; call every {@link #UPDATE_INTERVAL_SECONDS} seconds from one thread. */
  public void updateMeters() {
    for (Metric m : metrics.values()) {
      if (m instanceof MeterView) {
        ((MeterView) m).update();
      }
    }
  }
}

package io.nagare.connectors.kafka.testing;

import io.nagare.api.metrics.Counter;
import io.nagare.api.metrics.Gauge;
import io.nagare.api.metrics.Meter;
import io.nagare.api.metrics.Metric;
import io.nagare.api.metrics.MetricGroup;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A metric group for tests of sources and sinks: keeps every metric of it and its child groups by
 * dotted name from this group, for assertions.
 */
public final class TestingMetricGroup implements MetricGroup {
  private final Map<String, Metric> metrics;
  private final String prefix;

  public TestingMetricGroup() {
    this(new ConcurrentHashMap<>(), "");
  }

  private TestingMetricGroup(Map<String, Metric> metrics, String prefix) {
    this.metrics = metrics;
    this.prefix = prefix;
  }

  /** The value of a counter (its count) or gauge, by dotted name, e.g. {@code KafkaSourceReader.recordsConsumed}. */
  public Object value(String name) {
    Metric m = metrics.get(name);
    if (m == null) {
      throw new AssertionError("No metric " + name + " among " + metrics.keySet());
    }
    return m instanceof Counter ? (Object) ((Counter) m).getCount() : ((Gauge<?>) m).getValue();
  }

  @Override
  public Counter counter(String name) {
    return (Counter) metrics.computeIfAbsent(prefix + name, n -> new Counter() {
      private long count;

      @Override
      public void inc() {
        count++;
      }

      @Override
      public void inc(long n) {
        count += n;
      }

      @Override
      public long getCount() {
        return count;
      }
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
    return (G) metrics.computeIfAbsent(prefix + name, n -> gauge);
  }

  @Override
  public Meter meter(String name, Counter counter) {
    throw new UnsupportedOperationException("no meters in these tests");
  }

  @Override
  public MetricGroup addGroup(String name) {
    return new TestingMetricGroup(metrics, prefix + name + ".");
  }

  @Override
  public MetricGroup addGroup(String key, String value) {
    return new TestingMetricGroup(metrics, prefix + key + "." + value + ".");
  }

  @Override
  public Map<String, String> getAllVariables() {
    return Map.of();
  }

  @Override
  public String getMetricIdentifier(String name) {
    return prefix + name;
  }
}

package io.nagare.connectors.kafka.sink;

import io.nagare.api.metrics.Counter;
import io.nagare.api.metrics.Gauge;
import io.nagare.api.metrics.Meter;
import io.nagare.api.metrics.Metric;
import io.nagare.api.metrics.MetricGroup;
import java.util.HashMap;
import java.util.Map;

/** A metric group that keeps what is registered, for assertions by name. */
final class TestingMetricGroup implements MetricGroup {
  private final Map<String, Metric> metrics = new HashMap<>();

  @Override
  public Counter counter(String name) {
    return (Counter) metrics.computeIfAbsent(name, n -> new Counter() {
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
  public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
    metrics.put(name, gauge);
    return gauge;
  }

  @Override
  public Meter meter(String name, Counter counter) {
    throw new UnsupportedOperationException("meters are not used by the Kafka sink");
  }

  @Override
  public MetricGroup addGroup(String name) {
    return this;
  }

  @Override
  public Map<String, String> getAllVariables() {
    return Map.of();
  }

  @Override
  public String getMetricIdentifier(String name) {
    return name;
  }

  long count(String name) {
    return ((Counter) metrics.get(name)).getCount();
  }

  Object gaugeValue(String name) {
    return ((Gauge<?>) metrics.get(name)).getValue();
  }
}

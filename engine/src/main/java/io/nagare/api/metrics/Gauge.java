package io.nagare.api.metrics;

/** A value computed when a reporter asks for it; must be cheap and safe to call from any thread. */
@FunctionalInterface
public interface Gauge<T> extends Metric {
  T getValue();
}

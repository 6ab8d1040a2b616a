package io.nagare.api.metrics;

/**
 * A count that only its owning thread changes; reporters on other threads read a recent value.
 */
public interface Counter extends Metric {
  void inc();

  void inc(long n);

  long getCount();
}

package io.nagare.api.metrics;

/** A rate of events per second, averaged over a recent time span. */
public interface Meter extends Metric {
  void markEvent();

  void markEvent(long n);

  /** Events per second over the meter's time span. */
  double getRate();

  long getCount();
}

package io.nagare.metrics.jmx;

/** A meter as JMX shows it: the count and the rate per second. */
public interface JmxMeterMBean {
  long getCount();

  double getRate();
}

package io.nagare.metrics.jmx;

/** A counter as JMX shows it. */
public interface JmxCounterMBean {
  long getCount();
}

package io.nagare.metrics.jmx;

/** A gauge as JMX shows it. */
public interface JmxGaugeMBean {
  Object getValue();
}

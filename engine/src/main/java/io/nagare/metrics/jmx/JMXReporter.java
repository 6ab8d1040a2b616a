package io.nagare.metrics.jmx;

import io.nagare.api.metrics.Counter;
import io.nagare.api.metrics.Gauge;
import io.nagare.api.metrics.Meter;
import io.nagare.metrics.MetricReporter;
import io.nagare.metrics.RegisteredMetric;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers every metric as an MBean, named as Flink's JMX reporter names them: the domain is
 * {@code io.nagare.<logical scope>.<name>} and the key properties are the scope's variables, e.g.
 * {@code io.nagare.taskmanager.job.task.operator.numRecordsIn:host=h1,tm_id=…,job_name=wc,…}.
 * Counters have {@code Count}, meters {@code Count} and {@code Rate}, gauges {@code Value}.
 *
 * <p>Threading: the MBean server is thread-safe; the name map is concurrent.
 */
public final class JMXReporter implements MetricReporter {
  private static final Logger LOG = LoggerFactory.getLogger(JMXReporter.class);

  private final MBeanServer server;
  private final Map<String, ObjectName> names = new ConcurrentHashMap<>();

  JMXReporter(MBeanServer server) {
    this.server = server;
  }

  /** The object name of {@code metric}. */
  public static ObjectName objectName(RegisteredMetric metric) throws MalformedObjectNameException {
    Hashtable<String, String> properties = new Hashtable<>();
    metric.variables().forEach((k, v) -> properties.put(clean(k), clean(v)));
    return new ObjectName("io.nagare." + clean(metric.logicalScope() + "." + metric.name()), properties);
  }

  private static String clean(String s) {
    String c = s.replaceAll("[\\s,=:\"*?\\\\]", "_");
    return c.isEmpty() ? "_" : c;
  }

  @Override
  public void notifyOfAddedMetric(RegisteredMetric metric) {
    try {
      StandardMBean bean;
      if (metric.metric() instanceof Meter m) {
        bean = new StandardMBean(new JmxMeter(m), JmxMeterMBean.class);
      } else if (metric.metric() instanceof Counter c) {
        bean = new StandardMBean(new JmxCounter(c), JmxCounterMBean.class);
      } else if (metric.metric() instanceof Gauge<?> g) {
        bean = new StandardMBean(new JmxGauge(g), JmxGaugeMBean.class);
      } else {
        return;
      }
      ObjectName name = objectName(metric);
      try {
        server.registerMBean(bean, name);
      } catch (InstanceAlreadyExistsException e) {
        server.unregisterMBean(name);
        server.registerMBean(bean, name);
      }
      names.put(metric.identifier(), name);
    } catch (JMException e) {
      LOG.warn("Metric {} cannot be registered with JMX", metric.identifier(), e);
    }
  }

  @Override
  public void notifyOfRemovedMetric(RegisteredMetric metric) {
    ObjectName name = names.remove(metric.identifier());
    if (name == null) {
      return;
    }
    try {
      server.unregisterMBean(name);
    } catch (InstanceNotFoundException e) {
      LOG.debug("MBean {} was already gone", name);
    } catch (JMException e) {
      LOG.warn("MBean {} cannot be unregistered", name, e);
    }
  }

  @Override
  public void close() {
    for (ObjectName name : names.values()) {
      try {
        server.unregisterMBean(name);
      } catch (InstanceNotFoundException e) {
        LOG.debug("MBean {} was already gone", name);
      } catch (JMException e) {
        LOG.warn("MBean {} cannot be unregistered", name, e);
      }
    }
    names.clear();
  }

  /** A counter's MBean. */
  public static final class JmxCounter implements JmxCounterMBean {
    private final Counter counter;

    JmxCounter(Counter counter) {
      this.counter = counter;
    }

    @Override
    public long getCount() {
      return counter.getCount();
    }
  }

  /** A gauge's MBean. */
  public static final class JmxGauge implements JmxGaugeMBean {
    private final Gauge<?> gauge;

    JmxGauge(Gauge<?> gauge) {
      this.gauge = gauge;
    }

    @Override
    public Object getValue() {
      return gauge.getValue();
    }
  }

  /** A meter's MBean. */
  public static final class JmxMeter implements JmxMeterMBean {
    private final Meter meter;

    JmxMeter(Meter meter) {
      this.meter = meter;
    }

    @Override
    public long getCount() {
      return meter.getCount();
    }

    @Override
    public double getRate() {
      return meter.getRate();
    }
  }
}

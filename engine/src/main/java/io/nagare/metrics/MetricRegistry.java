package io.nagare.metrics;

import io.nagare.api.metrics.Metric;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All metrics of one process (a job manager, a task manager, or a local run), by identifier, in
 * Flink's scopes: {@code <host>.jobmanager.<job_name>.<metric>} and {@code
 * <host>.taskmanager.<tm_id>.<job_name>.<operator_name>.<subtask_index>.<metric>}. Reporters
 * (Prometheus, JMX) are told of every metric added and removed; the REST API reads values through
 * {@link #snapshot()}.
 *
 * <p>Threading: groups register from their owners' threads (subtasks, the job manager's thread);
 * reporters and REST read on theirs, so the map is concurrent. Meters are sampled every {@link
 * #UPDATE_INTERVAL_SECONDS} seconds by the registry's own daemon thread {@code nagare-metrics},
 * started with the first meter; {@link #close()} stops it and the reporters.
 */
public final class MetricRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricRegistry.class);

  /** How often meters take a sample. */
  public static final int UPDATE_INTERVAL_SECONDS = 5;

  /** A registered metric and the job (or process) scope whose end removes it. */
  private record Entry(RegisteredMetric metric, Object owner) {}

  private final Map<String, Entry> metrics = new ConcurrentHashMap<>();
  private final List<MetricReporter> reporters;
  private final String host;
  private ScheduledExecutorService updater;

  /** A registry without reporters, as tests and embedded runs use it. */
  public MetricRegistry() {
    this(List.of());
  }

  /** A registry that tells {@code reporters} of its metrics and closes them with itself. */
  public MetricRegistry(List<MetricReporter> reporters) {
    this.reporters = List.copyOf(reporters);
    this.host = localHostName();
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** The job manager's scope of this process: {@code <host>.jobmanager}. */
  public GenericMetricGroup jobManagerGroup() {
    return GenericMetricGroup.processRoot(this, "jobmanager", host, null);
  }

  /** A task manager's scope: {@code <host>.taskmanager.<tm_id>}. */
  public GenericMetricGroup taskManagerGroup(String taskManagerId) {
    return GenericMetricGroup.processRoot(this, "taskmanager", host, taskManagerId);
  }

  /** The reporters' addresses, e.g. the Prometheus endpoint, for REST and logs. */
  public List<String> reporterAddresses() {
    return reporters.stream().map(MetricReporter::address).filter(a -> !a.isEmpty()).toList();
  }

  Metric register(RegisteredMetric metric, Object owner) {
    Entry entry = new Entry(metric, owner);
    Entry previous = metrics.putIfAbsent(metric.identifier(), entry);
    if (previous != null) {
      if (previous.owner == owner) {
        return previous.metric.metric();
      }
      metrics.put(metric.identifier(), entry);
      notifyRemoved(previous.metric);
    }
    if (metric.metric() instanceof MeterView) {
      startUpdater();
    }
    for (MetricReporter r : reporters) {
      r.notifyOfAddedMetric(metric);
    }
    return metric.metric();
  }

  /** Removes every metric registered through {@code group}'s job (or, for a process group, the process) scope. */
  public void removeAll(GenericMetricGroup group) {
    Object owner = group.owner();
    for (Map.Entry<String, Entry> e : metrics.entrySet()) {
      if (e.getValue().owner == owner && metrics.remove(e.getKey(), e.getValue())) {
        notifyRemoved(e.getValue().metric);
      }
    }
  }

  private void notifyRemoved(RegisteredMetric metric) {
    for (MetricReporter r : reporters) {
      r.notifyOfRemovedMetric(metric);
    }
  }

  /** Every metric by identifier, sorted. */
  public Map<String, RegisteredMetric> snapshot() {
    Map<String, RegisteredMetric> copy = new TreeMap<>();
    metrics.forEach((id, e) -> copy.put(id, e.metric));
    return copy;
  }

  private synchronized void startUpdater() {
    if (updater == null) {
      updater = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nagare-metrics");
        t.setDaemon(true);
        return t;
      });
      updater.scheduleAtFixedRate(this::updateMeters, UPDATE_INTERVAL_SECONDS, UPDATE_INTERVAL_SECONDS,
          TimeUnit.SECONDS);
    }
  }

  /** Samples every meter; runs every {@link #UPDATE_INTERVAL_SECONDS} seconds on {@code nagare-metrics}. */
  void updateMeters() {
    for (Entry e : metrics.values()) {
      if (e.metric.metric() instanceof MeterView meter) {
        meter.update();
      }
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (updater != null) {
        updater.shutdownNow();
      }
    }
    for (MetricReporter r : reporters) {
      try {
        r.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing metric reporter {} failed", r, e);
      }
    }
  }
}

package io.nagare.metrics.prometheus;

import io.nagare.metrics.MetricReporter;
import io.nagare.metrics.RegisteredMetric;
import io.nagare.network.PortRange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves a process's metrics at {@code http://<host>:<port>/metrics} in the Prometheus formats
 * (text, OpenMetrics, protobuf: whatever the scraper asks for), with the Prometheus Java client's
 * HTTP server and writers. Names and labels follow Flink's reporter: the logical scope and the
 * metric name joined by underscores ({@code nagare_taskmanager_job_task_operator_numRecordsIn}),
 * the scope's variables as labels ({@code host}, {@code tm_id}, {@code job_name}, {@code
 * operator_name}, {@code subtask_index}, …). Every metric is a gauge, as in Flink (counters may be
 * reset by a restart): counters give their count, meters their rate per second, gauges their
 * number (booleans 1 or 0; others are left out).
 *
 * <p>Threading: the metric map is concurrent (added and removed on registering threads); scrapes
 * read it on the HTTP server's thread.
 */
public final class PrometheusReporter implements MetricReporter {
  private static final String PREFIX = "nagare_";

  /** A metric with its Prometheus name, worked out once when it is added. */
  private record Named(RegisteredMetric metric, String name) {}

  private final Map<String, Named> metrics = new ConcurrentHashMap<>();
  private final HTTPServer server;
  private final String address;

  private PrometheusReporter(String host, String portKey, String ports) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register((MultiCollector) this::collect);
    HTTPServer started = null;
    for (int port : PortRange.parse(portKey, ports)) {
      try {
        started = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
        break;
      } catch (BindException e) {
        continue;
      }
    }
    if (started == null) {
      throw new BindException("No port of " + portKey + " (" + ports + ") is free for the Prometheus endpoint");
    }
    this.server = started;
    this.address = "prometheus=http://" + InetAddress.getLocalHost().getHostName() + ":" + server.getPort()
        + "/metrics";
  }

  /**
   * Starts serving on the first free port of {@code ports} (the setting {@code portKey}).
   *
   * @throws BindException naming the setting if no port is free
   */
  public static PrometheusReporter start(String host, String portKey, String ports) throws IOException {
    return new PrometheusReporter(host, portKey, ports);
  }

  /** The port the endpoint listens on. */
  public int port() {
    return server.getPort();
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public void notifyOfAddedMetric(RegisteredMetric metric) {
    metrics.put(metric.identifier(), new Named(metric, prometheusName(metric)));
  }

  @Override
  public void notifyOfRemovedMetric(RegisteredMetric metric) {
    metrics.computeIfPresent(metric.identifier(), (id, named) -> named.metric() == metric ? null : named);
  }

  /** The Prometheus name of {@code metric}: {@code nagare_<logical scope>_<name>}, sanitised. */
  public static String prometheusName(RegisteredMetric metric) {
    return PrometheusNaming.sanitizeMetricName(PREFIX + (metric.logicalScope() + "." + metric.name())
        .replaceAll("[^a-zA-Z0-9_]", "_"));
  }

  private MetricSnapshots collect() {
    Map<String, GaugeSnapshot.Builder> families = new TreeMap<>();
    for (Named named : metrics.values()) {
      RegisteredMetric m = named.metric();
      Double value = m.numericValue();
      if (value == null) {
        continue;
      }
      List<String> names = new ArrayList<>();
      List<String> values = new ArrayList<>();
      m.variables().forEach((k, v) -> {
        names.add(PrometheusNaming.sanitizeLabelName(k));
        values.add(v);
      });
      families.computeIfAbsent(named.name(), n -> GaugeSnapshot.builder().name(n).help(m.name()))
          .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(names, values))
              .build());
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    families.values().forEach(b -> snapshots.add(b.build()));
    return new MetricSnapshots(snapshots);
  }

  @Override
  public void close() {
    server.close();
  }
}

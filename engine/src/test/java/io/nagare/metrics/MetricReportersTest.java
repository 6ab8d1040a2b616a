package io.nagare.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.Pipeline;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.typeinfo.Types;
import io.nagare.metrics.prometheus.PrometheusReporter;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobGraphBuilder;
import io.nagare.plan.StreamGraphBuilder;
import io.nagare.runtime.executor.JobRun;
import io.nagare.runtime.executor.JobRunClient;
import io.nagare.runtime.executor.LocalDeployment;
import io.nagare.state.StateBackends;
import io.nagare.testing.CollectSink;
import io.nagare.testing.KeysThenIdle;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.LabelPair;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.Metric;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.MetricFamily;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The reporters show exactly the counts of a running job: Prometheus (scraped over HTTP in the
 * client's protobuf format and parsed with its own message classes) and JMX, and forget the job
 * once it has ended.
 */
class MetricReportersTest {
  private static final int KEYS = 500;

  @Test
  void prometheusAndJmxShowTheCountsOfARunningJob() throws Exception {
    Configuration conf = new Configuration();
    conf.setString("metrics.reporters", "prom, jmx");
    conf.setString("metrics.reporter.prom.port", "0");
    conf.setString("metrics.reporter.prom.host", "127.0.0.1");
    CollectSink<Long> sink = new CollectSink<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSource(new KeysThenIdle(KEYS), WatermarkStrategy.noWatermarks(), "keys", Types.LONG)
        .filter(x -> x % 2 == 0).name("evens")
        .addSink(sink).name("collect");
    JobGraph job = JobGraphBuilder.build(StreamGraphBuilder.build(new Pipeline("reported", env.getTransformations(),
        env.getConfiguration(), getClass().getClassLoader())));

    try (MetricRegistry registry = MetricReporters.createRegistry(conf)) {
      SystemMetrics.register(registry.taskManagerGroup("tm-test"));
      assertThat(registry.reporterAddresses()).hasSize(1).allMatch(a -> a.startsWith("prometheus=http://"));
      JobRun run = new JobRun(job, getClass().getClassLoader(), new LocalDeployment(job, getClass().getClassLoader(),
          StateBackends.fromConfiguration(env.getConfiguration())), registry, false);
      JobRunClient client = new JobRunClient(run);
      sink.awaitSize(KEYS / 2, Duration.ofSeconds(60));

      Map<String, MetricFamily> families = scrape(prometheusPort(registry));
      assertThat(value(families, "nagare_taskmanager_job_task_operator_numRecordsIn", "evens")).isEqualTo(KEYS);
      assertThat(value(families, "nagare_taskmanager_job_task_operator_numRecordsOut", "evens")).isEqualTo(KEYS / 2);
      assertThat(value(families, "nagare_taskmanager_job_task_operator_numRecordsIn", "collect")).isEqualTo(KEYS / 2);
      Metric point = point(families, "nagare_taskmanager_job_task_operator_numRecordsIn", "evens");
      assertThat(labels(point)).containsEntry("job_name", "reported").containsEntry("job_id", job.jobId())
          .containsEntry("subtask_index", "0").containsEntry("tm_id", LocalDeployment.LOCAL_TASK_MANAGER)
          .containsKeys("host", "task_name", "operator_id");
      assertThat(families.get("nagare_taskmanager_Status_JVM_Memory_Heap_Used").getMetric(0).getGauge().getValue())
          .isPositive();
      assertThat(families.get("nagare_jobmanager_job_numRestarts").getMetric(0).getGauge().getValue()).isZero();

      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      Set<ObjectName> names = server.queryNames(new ObjectName(
          "io.nagare.taskmanager.job.task.operator.numRecordsOut:job_name=reported,operator_name=evens,*"), null);
      assertThat(names).hasSize(1);
      assertThat(server.getAttribute(names.iterator().next(), "Count")).isEqualTo((long) KEYS / 2);

      client.cancel().get();
      assertThatThrownBy(() -> client.getJobExecutionResult().get()).isInstanceOf(ExecutionException.class);
      assertThat(server.queryNames(new ObjectName("io.nagare.*:job_name=reported,*"), null)).isEmpty();
      assertThat(scrape(prometheusPort(registry))).doesNotContainKey(
          "nagare_taskmanager_job_task_operator_numRecordsIn").containsKey("nagare_taskmanager_Status_JVM_Threads_Count");
    }
  }

  @Test
  void aReporterWithoutAFactoryIsRefusedByName() {
    Configuration conf = new Configuration();
    conf.setString("metrics.reporters", "graphite");
    assertThatThrownBy(() -> MetricReporters.createRegistry(conf)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Metric reporter 'graphite' is named in metrics.reporters but has no"
            + " metrics.reporter.graphite.factory.class (io.nagare.metrics.prometheus.PrometheusReporterFactory or"
            + " io.nagare.metrics.jmx.JMXReporterFactory)");
  }

  @Test
  void flinksFactoryNamesAreUnderstood() throws Exception {
    Configuration conf = new Configuration();
    conf.setString("metrics.reporter.p.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    conf.setString("metrics.reporter.p.port", "0");
    try (MetricRegistry registry = MetricReporters.createRegistry(conf)) {
      assertThat(registry.reporterAddresses()).singleElement().asString().startsWith("prometheus=http://");
    }
  }

  @Test
  void aRangeWithoutAFreePortIsRefusedNamingTheSetting() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Configuration conf = new Configuration();
      conf.setString("metrics.reporters", "prom");
      conf.setString("metrics.reporter.prom.port", String.valueOf(taken.getLocalPort()));
      assertThatThrownBy(() -> MetricReporters.createRegistry(conf)).isInstanceOf(BindException.class)
          .hasMessage("No port of metrics.reporter.prom.port (" + taken.getLocalPort()
              + ") is free for the Prometheus endpoint");
    }
  }

  private static int prometheusPort(MetricRegistry registry) {
    String address = registry.reporterAddresses().get(0);
    return URI.create(address.substring("prometheus=".length())).getPort();
  }

  private static Map<String, MetricFamily> scrape(int port) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .header("Accept", "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
            + " encoding=delimited").build();
    HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, MetricFamily> families = new HashMap<>();
    try (InputStream in = response.body()) {
      MetricFamily family;
      while ((family = MetricFamily.parseDelimitedFrom(in)) != null) {
        families.put(family.getName(), family);
      }
    }
    return families;
  }

  private static Metric point(Map<String, MetricFamily> families, String name, String operator) {
    assertThat(families).containsKey(name);
    return families.get(name).getMetricList().stream()
        .filter(m -> operator.equals(labels(m).get("operator_name"))).findFirst()
        .orElseThrow(() -> new AssertionError("No " + name + " of operator " + operator));
  }

  private static double value(Map<String, MetricFamily> families, String name, String operator) {
    return point(families, name, operator).getGauge().getValue();
  }

  private static Map<String, String> labels(Metric metric) {
    Map<String, String> labels = new HashMap<>();
    for (LabelPair p : metric.getLabelList()) {
      labels.put(p.getName(), p.getValue());
    }
    return labels;
  }
}

package io.nagare.api.configuration;

/**
 * Metric reporters, with Flink's option names. A reporter is named in {@code metrics.reporters}
 * and configured under {@code metrics.reporter.<name>.*}; {@code <name>} stands for the reporter's
 * name in the keys below. Each process (job manager, task manager, local run) starts the reporters
 * configured for it.
 *
 * <pre>{@code
 * metrics.reporters: prom, jmx
 * metrics.reporter.prom.factory.class: io.nagare.metrics.prometheus.PrometheusReporterFactory
 * metrics.reporter.prom.port: 9249-9260
 * metrics.reporter.jmx.factory.class: io.nagare.metrics.jmx.JMXReporterFactory
 * }</pre>
 */
public final class MetricOptions {
  private MetricOptions() {}

  /** The placeholder for a reporter's name in the keys of reporter options. */
  public static final String REPORTER_NAME = "<name>";

  /** The prefix of every reporter option, e.g. {@code metrics.reporter.prom.port}. */
  public static final String REPORTER_PREFIX = "metrics.reporter.";

  public static final ConfigOption<String> REPORTERS = ConfigOption.key("metrics.reporters").stringType()
      .defaultValue("").withDescription("The reporters to start, by name, separated by commas (e.g. 'prom, jmx')."
          + " Empty: every reporter that has a factory.class.");

  public static final ConfigOption<String> REPORTER_FACTORY_CLASS = ConfigOption.key(
      REPORTER_PREFIX + REPORTER_NAME + ".factory.class").stringType().noDefaultValue()
      .withDescription("The reporter's factory: io.nagare.metrics.prometheus.PrometheusReporterFactory,"
          + " io.nagare.metrics.jmx.JMXReporterFactory (Flink's class names for both are accepted too), or a class"
          + " of your own implementing io.nagare.metrics.MetricReporterFactory. A reporter named 'prom' or"
          + " 'prometheus' is a Prometheus reporter and one named 'jmx' a JMX reporter without it.");

  public static final ConfigOption<String> REPORTER_PORT = ConfigOption.key(REPORTER_PREFIX + REPORTER_NAME + ".port")
      .stringType().defaultValue("9249-9260")
      .withDescription("Prometheus: the port of the /metrics endpoint, a port, a range or a list ('9249-9260'):"
          + " each process takes the first free one, so the processes of one host share a range. 0: any free port.");

  public static final ConfigOption<String> REPORTER_HOST = ConfigOption.key(REPORTER_PREFIX + REPORTER_NAME + ".host")
      .stringType().defaultValue("0.0.0.0").withDescription("Prometheus: the address the endpoint listens on.");

  public static final ConfigOption<java.time.Duration> FETCHER_UPDATE_INTERVAL = ConfigOption.key(
      "metrics.fetcher.update-interval").durationType().defaultValue(java.time.Duration.ofSeconds(10))
      .withDescription("How old the task managers' metric values that the job manager's REST API shows may be:"
          + " a request asks the task managers again once they are older. 0: always ask.");
}

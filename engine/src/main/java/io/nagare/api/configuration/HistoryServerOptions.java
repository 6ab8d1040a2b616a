package io.nagare.api.configuration;

import java.time.Duration;

/**
 * Archives of ended jobs and the history server that shows them, with Flink's option names: a job
 * manager writes each ended job's REST answers to {@code jobmanager.archive.fs.dir}; {@code
 * scripts/history-server.sh} serves the web UI over the archives in {@code
 * historyserver.archive.fs.dir}, so a job can still be looked at after its cluster or YARN
 * application is gone.
 */
public final class HistoryServerOptions {
  private HistoryServerOptions() {}

  public static final ConfigOption<String> JOB_MANAGER_ARCHIVE_DIRECTORY = ConfigOption.key(
      "jobmanager.archive.fs.dir").stringType().defaultValue("")
      .withDescription("Where a job manager writes the archive of each ended job (any Hadoop file system); empty:"
          + " none, except on YARN, where it defaults to /nagare/completed-jobs on the default file system.");

  public static final ConfigOption<String> ARCHIVE_DIRECTORIES = ConfigOption.key("historyserver.archive.fs.dir")
      .stringType().defaultValue("")
      .withDescription("The directories (comma-separated) whose job archives the history server shows.");

  public static final ConfigOption<Duration> REFRESH_INTERVAL = ConfigOption.key(
      "historyserver.archive.fs.refresh-interval").durationType().defaultValue(Duration.ofSeconds(10))
      .withDescription("How often the history server looks for new archives.");

  public static final ConfigOption<String> WEB_ADDRESS = ConfigOption.key("historyserver.web.address").stringType()
      .defaultValue("").withDescription("The history server's host. On YARN, when set, a per-job application's final"
          + " tracking URL points at its job there.");

  public static final ConfigOption<String> WEB_PORT = ConfigOption.key("historyserver.web.port").stringType()
      .defaultValue("8082").withDescription("The history server's port.");
}

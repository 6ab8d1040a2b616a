package io.nagare.api.configuration;

import java.time.Duration;

/**
 * Options of a cluster of separate processes: where the job manager listens, how many slots a task
 * manager offers, and how quickly a silent task manager is declared lost.
 */
public final class ClusterOptions {
  private ClusterOptions() {}

  public static final ConfigOption<String> JOB_MANAGER_ADDRESS = ConfigOption.key("jobmanager.rpc.address")
      .stringType().defaultValue("localhost")
      .withDescription("Host of the job manager: task managers and clients connect to it.");

  public static final ConfigOption<String> JOB_MANAGER_PORT = ConfigOption.key("jobmanager.rpc.port")
      .stringType().defaultValue("6123")
      .withDescription("Port of the job manager's control connections: a port, a range like 6123-6130, or 0 for"
          + " any.");

  public static final ConfigOption<String> REST_ADDRESS = ConfigOption.key("rest.address")
      .stringType().defaultValue("localhost")
      .withDescription("Host the job manager's REST endpoint binds to and clients use.");

  public static final ConfigOption<String> REST_PORT = ConfigOption.key("rest.port")
      .stringType().defaultValue("8081")
      .withDescription("Port of the job manager's REST endpoint: a port, a range, or 0 for any.");

  public static final ConfigOption<String> REST_URL = ConfigOption.key("rest.url")
      .stringType().defaultValue("")
      .withDescription("For clients: the job manager's REST endpoint as a URL (a proxy's, say), used instead of"
          + " rest.address and rest.port when set.");

  public static final ConfigOption<Integer> TASK_SLOTS = ConfigOption.key("taskmanager.numberOfTaskSlots")
      .intType().defaultValue(1)
      .withDescription("Subtask slots each task manager offers.");

  public static final ConfigOption<String> TASK_MANAGER_RESOURCE_ID = ConfigOption.key("taskmanager.resource-id")
      .stringType().defaultValue("")
      .withDescription("The id a task manager registers under (a YARN container id, say); empty: a generated"
          + " one.");

  public static final ConfigOption<String> TASK_MANAGER_LOG_URL = ConfigOption.key("taskmanager.log-url")
      .stringType().defaultValue("")
      .withDescription("Where a task manager's log can be read (on YARN: its container's log page at the"
          + " NodeManager, set by the ApplicationMaster); shown by REST and the web UI. Empty: nowhere.");

  public static final ConfigOption<String> TASK_MANAGER_HOST = ConfigOption.key("taskmanager.host")
      .stringType().defaultValue("localhost")
      .withDescription("Host a task manager binds its data port to and announces to the job manager.");

  public static final ConfigOption<String> TASK_MANAGER_DATA_PORT = ConfigOption.key("taskmanager.data.port")
      .stringType().defaultValue("0")
      .withDescription("Port of a task manager's data exchange: a port, a range like 50100-50200, or 0 for any.");

  public static final ConfigOption<Duration> HEARTBEAT_INTERVAL = ConfigOption.key("heartbeat.interval")
      .durationType().defaultValue(Duration.ofSeconds(1))
      .withDescription("How often a task manager tells the job manager it is alive.");

  public static final ConfigOption<Duration> HEARTBEAT_TIMEOUT = ConfigOption.key("heartbeat.timeout")
      .durationType().defaultValue(Duration.ofSeconds(10))
      .withDescription("A task manager not heard from for this long is declared lost (a closed connection is"
          + " noticed at once).");

  public static final ConfigOption<Duration> SLOT_REQUEST_TIMEOUT = ConfigOption.key("slot.request.timeout")
      .durationType().defaultValue(Duration.ofMinutes(5))
      .withDescription("How long a job (or its restart) waits for enough free slots before the attempt fails.");

  public static final ConfigOption<MemorySize> REST_MAX_CONTENT_LENGTH = ConfigOption.key(
      "rest.server.max-content-length").memoryType().defaultValue(MemorySize.parse("256 mb"))
      .withDescription("Largest request the REST endpoint accepts; a submitted job's jar travels in one.");

  public static final ConfigOption<String> SECRET_FILE = ConfigOption.key("cluster.secret-file")
      .stringType().defaultValue("")
      .withDescription("File holding the cluster's secret (hex), readable only by the cluster's user;"
          + " scripts/start-cluster.sh creates it. Every connection between cluster processes must present it, and"
          + " REST requests that change anything send it as 'Authorization: Bearer <secret>' (clients read it from"
          + " here).");

  public static final ConfigOption<String> SECRET_CREDENTIALS = ConfigOption.key("cluster.secret-credentials")
      .stringType().defaultValue("")
      .withDescription("For clients, when cluster.secret-file is not set: a Hadoop credentials file (on any Hadoop"
          + " file system) holding the cluster's secret; the CLI sets it to a YARN application's, in its staging"
          + " directory.");

  /** Whether the REST endpoint's read-only (GET) routes need the cluster secret. */
  public enum ReadOnlyRoutes {
    /** Anyone who reaches the endpoint may read. */
    OPEN,
    /** Reads need the cluster secret as changes do. */
    SECRET
  }

  public static final ConfigOption<ReadOnlyRoutes> REST_READ_ONLY_ROUTES = ConfigOption
      .key("rest.authentication.read-only-routes")
      .enumType(ReadOnlyRoutes.class).defaultValue(ReadOnlyRoutes.OPEN)
      .withDescription("open: the REST endpoint's GET routes (overview, jobs, metrics, the web UI) answer anyone"
          + " who reaches it; secret: they need the cluster secret too (the web UI then cannot be used). Routes that"
          + " change anything always need it. On YARN with web.proxy-only (the default), the web proxy's requests are"
          + " answered and other browsers redirected to it instead.");
}

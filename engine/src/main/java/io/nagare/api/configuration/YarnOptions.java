package io.nagare.api.configuration;

import java.time.Duration;

/**
 * Options of nagare on YARN: the application the client submits, the containers the
 * ApplicationMaster asks for, where files are staged, and how failures are limited. Declared here,
 * with every other option, so the configuration is checked in one place; only the YARN modules
 * read them.
 */
public final class YarnOptions {
  private YarnOptions() {}

  public static final ConfigOption<String> APPLICATION_NAME = ConfigOption.key("yarn.application.name")
      .stringType().defaultValue("nagare session")
      .withDescription("The YARN application's name (-nm).");

  public static final ConfigOption<String> APPLICATION_TYPE = ConfigOption.key("yarn.application.type")
      .stringType().defaultValue("NAGARE")
      .withDescription("The YARN application's type, as `yarn application -list` shows it (-at).");

  public static final ConfigOption<String> APPLICATION_QUEUE = ConfigOption.key("yarn.application.queue")
      .stringType().defaultValue("default")
      .withDescription("The YARN queue the application is submitted to (-qu).");

  public static final ConfigOption<String> APPLICATION_ID = ConfigOption.key("yarn.application.id")
      .stringType().defaultValue("")
      .withDescription("The YARN session to use (-id); empty: the one this client deployed last, if it runs.");

  public static final ConfigOption<Integer> APPLICATION_ATTEMPTS = ConfigOption.key("yarn.application-attempts")
      .intType().defaultValue(2)
      .withDescription("How many ApplicationMaster attempts YARN makes before the application fails.");

  public static final ConfigOption<Duration> ATTEMPT_FAILURES_VALIDITY_INTERVAL = ConfigOption.key(
      "yarn.application-attempt-failures-validity-interval").durationType().defaultValue(Duration.ofSeconds(10))
      .withDescription("Only AM failures within this interval count toward yarn.application-attempts.");

  public static final ConfigOption<MemorySize> JOB_MANAGER_MEMORY = ConfigOption.key(
      "jobmanager.memory.process.size").memoryType().defaultValue(MemorySize.parse("1024 mb"))
      .withDescription("Memory of the ApplicationMaster's container, which hosts the job manager (-jm).");

  public static final ConfigOption<MemorySize> TASK_MANAGER_MEMORY = ConfigOption.key(
      "taskmanager.memory.process.size").memoryType().defaultValue(MemorySize.parse("1728 mb"))
      .withDescription("Memory of each task manager's container (-tm); the JVM's heap, direct memory and"
          + " overhead are carved out of it so YARN never kills the container for memory.");

  public static final ConfigOption<Integer> CONTAINER_VCORES = ConfigOption.key("yarn.containers.vcores")
      .intType().defaultValue(1)
      .withDescription("Virtual cores of each task manager's container.");

  public static final ConfigOption<String> NODE_LABEL = ConfigOption.key("yarn.taskmanager.node-label")
      .stringType().defaultValue("")
      .withDescription("Node label expression for task manager containers; empty: none.");

  public static final ConfigOption<Integer> INITIAL_TASK_MANAGERS = ConfigOption.key("yarn.taskmanager.initial")
      .intType().defaultValue(0)
      .withDescription("Task managers a session starts with (-n); more are requested as jobs need slots.");

  public static final ConfigOption<Integer> SPARE_TASK_MANAGERS = ConfigOption.key("yarn.taskmanager.spare")
      .intType().defaultValue(0)
      .withDescription("Task managers kept idle beyond what jobs use, so a job that loses one restarts at once"
          + " instead of waiting for a new container.");

  public static final ConfigOption<Duration> TASK_MANAGER_TIMEOUT =
      ConfigOption.key("resourcemanager.taskmanager-timeout").durationType().defaultValue(Duration.ofSeconds(30))
      .withDescription("A task manager container idle (no slot in use) this long is given back to YARN, as long as"
          + " the session keeps yarn.taskmanager.initial task managers and yarn.taskmanager.spare idle ones.");

  public static final ConfigOption<Boolean> WEB_PROXY_ONLY = ConfigOption.key("web.proxy-only")
      .booleanType().defaultValue(true)
      .withDescription("On YARN, the job manager's REST endpoint answers requests without the cluster secret only"
          + " from the ResourceManager's web proxy (as YARN's AmIpFilter does) and redirects other GETs there;"
          + " clients present the secret and are answered directly. false: anyone who reaches it may read"
          + " (changes still need the secret).");

  public static final ConfigOption<String> STAGING_DIRECTORY = ConfigOption.key("yarn.staging-directory")
      .stringType().defaultValue("")
      .withDescription("Where the client stages files for an application (in <dir>/.nagare/<appId>); empty:"
          + " the user's home directory on the default file system.");

  public static final ConfigOption<String> PROVIDED_LIB_DIRS = ConfigOption.key("yarn.provided.lib.dirs")
      .stringType().defaultValue("")
      .withDescription("A directory on the cluster's file system holding nagare's jars (the content of"
          + " yarn-am/target/lib plus the AM jar); when set, no jar of nagare is uploaded per application.");

  public static final ConfigOption<String> SHIP_FILES = ConfigOption.key("yarn.ship-files")
      .stringType().defaultValue("")
      .withDescription("Local files shipped to every container's working directory, comma-separated (-t).");

  public static final ConfigOption<Integer> CONTAINER_FAILURES_PER_MINUTE = ConfigOption.key(
      "yarn.container-failures.max-per-minute").intType().defaultValue(10)
      .withDescription("More task manager containers failing within a minute than this fails the application"
          + " (preempted and aborted containers do not count).");
}

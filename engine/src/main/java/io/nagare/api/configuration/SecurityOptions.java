package io.nagare.api.configuration;

/**
 * Options that protect a cluster from what it receives: which classes Java deserialization of
 * submitted jobs and deployed plans may create, and how large a control message may be.
 */
public final class SecurityOptions {
  private SecurityOptions() {}

  public static final ConfigOption<String> DESERIALIZATION_ALLOWED_CLASSES = ConfigOption.key(
      "security.deserialization.allowed-classes").stringType().defaultValue("")
      .withDescription("Classes besides the built-in allow-list (JDK value and collection types, lambdas, enums,"
          + " nagare's classes) and the job jar's own classes that a job manager or task manager may deserialize"
          + " from a submitted job: class names, package.* or package.** patterns, separated by ';'. Classes of"
          + " the process's class path (Hadoop, Jackson, Netty, ...) are refused unless listed here.");

  public static final ConfigOption<MemorySize> CONTROL_MAX_MESSAGE_SIZE = ConfigOption.key(
      "cluster.control.max-message-size").memoryType().defaultValue(MemorySize.parse("16 mb"))
      .withDescription("Largest message on a control connection between job manager and task managers (a"
          + " deployed job graph travels in one, base64-encoded); a larger frame closes the connection before it"
          + " is read, and a job whose graph would not fit is refused at submission. Set the same value on every"
          + " process of the cluster.");
}

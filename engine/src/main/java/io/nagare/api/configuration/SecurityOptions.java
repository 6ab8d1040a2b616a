package io.nagare.api.configuration;

/**
 * TLS on the cluster's connections, with Flink's option names. Internal TLS covers the control
 * connections (task manager to job manager) and the data exchange (task manager to task manager):
 * it is mutual, both sides present the configured key and trust only the configured truststore,
 * so a process with a certificate from elsewhere is refused; the cluster-secret handshake still
 * runs inside it. REST TLS makes the job manager's REST endpoint (and the history server's) answer
 * HTTPS with its certificate; clients trust the REST truststore.
 *
 * <p>On YARN, {@code security.ssl.internal.enabled: true} with no {@code
 * security.ssl.internal.keystore} is the automatic mode: the client generates a key pair and a
 * self-signed certificate for the application and ships them to its containers as private local
 * resources, the password in the containers' credentials.
 *
 * <p>Also what protects a cluster from what it receives: which classes Java deserialization of
 * submitted jobs and deployed plans may create, and how large a control message may be.
 */
public final class SecurityOptions {
  private SecurityOptions() {}

  public static final ConfigOption<Boolean> SSL_INTERNAL_ENABLED = ConfigOption.key("security.ssl.internal.enabled")
      .booleanType().defaultValue(false)
      .withDescription("TLS with mutual authentication on control connections and the data exchange. On YARN,"
          + " without a keystore, the client generates one per application.");

  public static final ConfigOption<String> SSL_INTERNAL_KEYSTORE = ConfigOption.key("security.ssl.internal.keystore")
      .stringType().defaultValue("")
      .withDescription("The keystore (PKCS12 or JKS) with the key and certificate every cluster process presents.");

  public static final ConfigOption<String> SSL_INTERNAL_KEYSTORE_PASSWORD = ConfigOption.key(
      "security.ssl.internal.keystore-password").stringType().defaultValue("")
      .withDescription("The password of the internal keystore.");

  public static final ConfigOption<String> SSL_INTERNAL_KEY_PASSWORD = ConfigOption.key(
      "security.ssl.internal.key-password").stringType().defaultValue("")
      .withDescription("The password of the key in the internal keystore; empty: the keystore's password.");

  public static final ConfigOption<String> SSL_INTERNAL_TRUSTSTORE = ConfigOption.key(
      "security.ssl.internal.truststore").stringType().defaultValue("")
      .withDescription("The truststore with the certificates (or their CA) cluster processes accept from each"
          + " other; empty: the internal keystore.");

  public static final ConfigOption<String> SSL_INTERNAL_TRUSTSTORE_PASSWORD = ConfigOption.key(
      "security.ssl.internal.truststore-password").stringType().defaultValue("")
      .withDescription("The password of the internal truststore; empty: the keystore's password.");

  public static final ConfigOption<Boolean> SSL_REST_ENABLED = ConfigOption.key("security.ssl.rest.enabled")
      .booleanType().defaultValue(false)
      .withDescription("HTTPS on the REST endpoint (job manager and history server); clients use https.");

  public static final ConfigOption<String> SSL_REST_KEYSTORE = ConfigOption.key("security.ssl.rest.keystore")
      .stringType().defaultValue("")
      .withDescription("The keystore with the REST endpoint's key and certificate (needed by servers).");

  public static final ConfigOption<String> SSL_REST_KEYSTORE_PASSWORD = ConfigOption.key(
      "security.ssl.rest.keystore-password").stringType().defaultValue("")
      .withDescription("The password of the REST keystore.");

  public static final ConfigOption<String> SSL_REST_KEY_PASSWORD = ConfigOption.key("security.ssl.rest.key-password")
      .stringType().defaultValue("")
      .withDescription("The password of the key in the REST keystore; empty: the keystore's password.");

  public static final ConfigOption<String> SSL_REST_TRUSTSTORE = ConfigOption.key("security.ssl.rest.truststore")
      .stringType().defaultValue("")
      .withDescription("The truststore REST clients check the endpoint's certificate against; empty: the JDK's"
          + " default CAs.");

  public static final ConfigOption<String> SSL_REST_TRUSTSTORE_PASSWORD = ConfigOption.key(
      "security.ssl.rest.truststore-password").stringType().defaultValue("")
      .withDescription("The password of the REST truststore.");

  public static final ConfigOption<String> SSL_PROTOCOL = ConfigOption.key("security.ssl.protocol").stringType()
      .defaultValue("TLSv1.3")
      .withDescription("The TLS protocol versions allowed (comma-separated), e.g. TLSv1.3 or TLSv1.2,TLSv1.3.");

  public static final ConfigOption<String> SSL_ALGORITHMS = ConfigOption.key("security.ssl.algorithms").stringType()
      .defaultValue("")
      .withDescription("The cipher suites allowed (comma-separated); empty: the JDK's defaults for the protocol.");

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

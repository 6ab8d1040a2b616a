package io.nagare.api.configuration;

/**
 * Kafka delegation tokens for a YARN application: the brokers to obtain one from and the Kafka
 * client settings of the login that obtains it (Kerberos or SCRAM). The Kafka connector's token
 * provider reads them; its clients that ask for SASL without a login of their own then authenticate
 * with the application's token.
 *
 * <pre>{@code
 * security.kafka.bootstrap-servers: broker1:9093
 * security.kafka.login.security.protocol: SASL_SSL
 * security.kafka.login.sasl.mechanism: GSSAPI
 * security.kafka.login.sasl.kerberos.service.name: kafka
 * security.kafka.login.sasl.jaas.config: com.sun.security.auth.module.Krb5LoginModule required ...;
 * }</pre>
 */
public final class KafkaSecurityOptions {
  private KafkaSecurityOptions() {}

  /** The prefix of the login's Kafka client settings. */
  public static final String LOGIN_PREFIX = "security.kafka.login.";
  /** Stands for a Kafka client property in {@link #LOGIN_PROPERTY}'s key. */
  public static final String PROPERTY = "<property>";

  public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOption.key("security.kafka.bootstrap-servers")
      .stringType().defaultValue("").withDescription("The Kafka brokers the YARN client (and, with a keytab, the"
          + " ApplicationMaster) obtain a delegation token from for the job's Kafka clients; empty: no Kafka token.");

  public static final ConfigOption<String> LOGIN_PROPERTY = ConfigOption.key(LOGIN_PREFIX + PROPERTY).stringType()
      .noDefaultValue().withDescription("A Kafka client setting of the login that obtains the delegation token,"
          + " e.g. security.kafka.login.sasl.mechanism: GSSAPI (security.protocol, sasl.*, ssl.*).");
}

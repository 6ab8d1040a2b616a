package io.nagare.connectors.kafka.security;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.KafkaSecurityOptions;
import io.nagare.api.security.DelegationTokenProvider;
import java.util.HashMap;
import java.util.Map;

/**
 * Kafka's {@link DelegationTokenProvider}: with {@code security.kafka.bootstrap-servers} set
 * ({@link KafkaSecurityOptions}), obtains a delegation token from those brokers as the client
 * configured by the {@code security.kafka.login.} settings (Kafka client properties, e.g. {@code
 * security.kafka.login.security.protocol: SASL_SSL}, {@code security.kafka.login.sasl.mechanism:
 * GSSAPI}, {@code security.kafka.login.sasl.jaas.config: ...}). Task managers' Kafka clients that
 * ask for SASL and name no login of their own then authenticate with the token ({@link
 * KafkaTokenAuth}). Stateless.
 */
public final class KafkaDelegationTokenProvider implements DelegationTokenProvider {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(KafkaDelegationTokenProvider.class);

  /** The setting naming the brokers to obtain a token from; empty: no Kafka tokens. */
  public static final String BOOTSTRAP_SERVERS = KafkaSecurityOptions.BOOTSTRAP_SERVERS.key();
  /** The prefix of the Kafka client properties of the login that obtains the token. */
  public static final String LOGIN_PREFIX = KafkaSecurityOptions.LOGIN_PREFIX;
  /** The name of Kafka's tokens in {@link io.nagare.api.security.ReceivedTokens}. */
  public static final String SERVICE = "kafka";

  @Override
  public String service() {
    return SERVICE;
  }

  @Override
  public boolean enabled(Configuration conf) {
    return !conf.get(KafkaSecurityOptions.BOOTSTRAP_SERVERS).isBlank();
  }

  @Override
  public Token obtain(Configuration conf) {
    KafkaDelegationToken token = KafkaDelegationTokens.obtain(login(conf));
    LOG.info("Obtained the Kafka delegation token {}", token);
    return new Token(token.encode(), token.expiryTimestamp());
  }

  /** The Admin client properties of the login {@code conf} describes. */
  static Map<String, Object> login(Configuration conf) {
    Map<String, Object> login = new HashMap<>();
    conf.toMap().forEach((key, value) -> {
      if (key.startsWith(LOGIN_PREFIX)) {
        login.put(key.substring(LOGIN_PREFIX.length()), value);
      }
    });
    login.put("bootstrap.servers", conf.get(KafkaSecurityOptions.BOOTSTRAP_SERVERS).trim());
    return login;
  }
}

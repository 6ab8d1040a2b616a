package io.nagare.connectors.kafka.security;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.security.DelegationTokenProvider;
import java.util.HashMap;
import java.util.Map;

/**
 * Kafka's {@link DelegationTokenProvider}: with {@value #BOOTSTRAP_SERVERS} set, obtains a
 * delegation token from those brokers as the client configured by the {@value #LOGIN_PREFIX}
 * settings (Kafka client properties, e.g. {@code security.kafka.login.security.protocol:
 * SASL_SSL}, {@code security.kafka.login.sasl.mechanism: GSSAPI}, {@code
 * security.kafka.login.sasl.jaas.config: ...}). Task managers' Kafka clients that ask for SASL
 * and name no login of their own then authenticate with the token ({@link KafkaTokenAuth}).
 * Stateless.
 */
public final class KafkaDelegationTokenProvider implements DelegationTokenProvider {
  /** The setting naming the brokers to obtain a token from; empty: no Kafka tokens. */
  public static final String BOOTSTRAP_SERVERS = "security.kafka.bootstrap-servers";
  /** The prefix of the Kafka client properties of the login that obtains the token. */
  public static final String LOGIN_PREFIX = "security.kafka.login.";
  /** The name of Kafka's tokens in {@link io.nagare.api.security.ReceivedTokens}. */
  public static final String SERVICE = "kafka";

  @Override
  public String service() {
    return SERVICE;
  }

  @Override
  public boolean enabled(Configuration conf) {
    return !conf.toMap().getOrDefault(BOOTSTRAP_SERVERS, "").isBlank();
  }

  @Override
  public Token obtain(Configuration conf) {
    KafkaDelegationToken token = KafkaDelegationTokens.obtain(login(conf));
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
    login.put("bootstrap.servers", conf.toMap().getOrDefault(BOOTSTRAP_SERVERS, "").trim());
    return login;
  }
}
